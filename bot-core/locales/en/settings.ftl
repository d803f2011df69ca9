# A place's settings: what a change now means, the limits' refusals, the `settings` listing and
# the crisis resources. Setting names and values people type (`share-time`, `on`, `3m`) stay as
# they are typed, in every language.

# The limits' refusals: $limit is a duration, $example a command that works.
settings-share-time-too-short = A share time under { $limit } is too short to share anything. Try { $example }.
settings-grace-too-long = The grace period can be at most { $limit }. Try { $example }.
settings-schedule-grace-too-long = The schedule grace can be at most { $limit }. Try { $example }.
settings-idle-close-too-short = Idle close must be at least { $limit }. Try { $example }.
settings-meeting-too-short = A meeting must last at least { $limit }. Try { $example }.

# What a change now means. $on is yes or no.
settings-share-time-set = Share time is now { $time }.
settings-warnings-none = No warnings will be given before "time".
# $warnings: one or more durations (joined with settings-warnings-and).
settings-warnings-set = Warnings will be given { $warnings } before the end of a turn.
settings-warnings-and = { $all } and { $next }
settings-grace-set = After "time", the next speaker is called after { $grace }.
settings-auto-advance-set = { $on ->
    [yes] Rounds move to the next speaker by themselves after the grace period.
   *[no] Rounds wait for the host's { $next } after "time".
}
settings-fairness-set = { $on ->
    [yes] Fairness is on: members who already shared go behind those who have not.
   *[no] Fairness is off: the queue keeps the order hands were raised.
}
# $policy is the value as typed: none, discussion or open.
settings-crosstalk-set = The crosstalk policy is now { $policy ->
    [none] `none`
    [discussion] `discussion`
   *[open] `open`
}.
# $role is the platform role's name, as the admin typed it.
settings-host-role-set = Members with the role { $role } are hosts here.
# $zone is an IANA time zone name (Europe/Madrid).
settings-timezone-set = This meeting's time zone is now { $zone }. Existing schedules keep their own zones.
settings-welcome-set = { $on ->
    [yes] Members checking in here for the first time get a private welcome.
   *[no] No welcome is sent any more, and I keep no record of who checked in before.
}
settings-attendance-on = Attendance is on: each check-in records the date for that member, kept for { $days ->
    [one] 1 day
   *[other] { $days } days
}. Members can see theirs with { $my_data }.
settings-attendance-off = Attendance is off, and the dates kept so far have been erased.
settings-min-share-set = When a format shares the time until the closing, nobody gets less than { $least }; if not everyone fits, hands are taken instead.
settings-schedule-grace-set = After downtime, a scheduled reminder or opening up to { $grace } late still happens; older ones are skipped.
settings-retention-set = Attendance dates are kept for { $days ->
    [one] 1 day
   *[other] { $days } days
}.
settings-idle-close-set = An open session with no activity is closed after { $idle }.

# `crisis set` / `crisis reset`: $own is yes (the admins' text) or no (the default again).
settings-crisis-saved = { $own ->
    [yes] Saved. { $crisis } now shows your text.
   *[no] Saved. { $crisis } shows the default resources again.
}
# What `crisis` shows where the admins set no text of their own. Name each region's numbers as
# that region's: never one country's hotline as if it were everyone's.
settings-crisis-default = If you are in danger or thinking about ending your life, please call your local emergency number now (112 in the EU, 911 in the US and Canada, 999 in the UK, 000 in Australia). You can find a free, confidential helpline in your country at findahelpline.com. You are not alone, and reaching out is a brave thing to do.

# The `settings` listing: each line starts with the setting's name as typed (not translated).
# $value is the value as typed (3m, 10s,30s); $on is on or off.
settings-list-heading = This meeting's settings:
settings-list-share-time = share-time: { $value }
settings-list-warnings = warnings: { $value }
settings-list-no-warnings = none
settings-list-grace = grace: { $value }
settings-list-auto-advance = auto-advance: { $on ->
    [on] on
   *[off] off
}
settings-list-fairness = fairness: { $on ->
    [on] on
   *[off] off
}
settings-list-crosstalk = crosstalk: { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
settings-list-idle-close = idle-close: { $value }
# $value is the role's name, or settings-list-not-set.
settings-list-host-role = host-role: { $value }
settings-list-not-set = (not set)
settings-list-timezone = timezone: { $zone }
settings-list-attendance = attendance: { $on ->
    [on] on
   *[off] off
}
# $own is yes when the admins wrote this meeting's own welcome.
settings-list-welcome = welcome: { $on ->
    [on] on
   *[off] off
}{ $own ->
    [yes] {" "}(this meeting's own text)
   *[no] {""}
}
settings-list-retention = retention: { $days }d
settings-list-schedule-grace = schedule-grace: { $value }
settings-list-min-share = min-share: { $value }
settings-list-crisis = crisis: { $own ->
    [yes] this meeting's own text
   *[no] the default text
}
