# Recurring meetings: the schedule commands, reminders and the end warning.
# $name is a schedule's name as the admins wrote it (shown emphasised); $when the WHEN they typed
# (weekly tue 19:00, not translated); $zone an IANA time zone; $at a date and time.

schedule-exists = There is already a schedule called `{ $name }`. Remove it first with { $remove }.
schedule-too-many = A meeting can have at most { $max } schedules.
# $length and $before are durations; $reminder is yes when a reminder comes $before the start.
schedule-added = Scheduled { $name }: { $when } in { $zone }, for { $length }{ $reminder ->
    [yes] , with a reminder { $before } before
   *[no] {""}
}.
schedule-added-next = Next: { $at }.
schedule-removed = Removed the schedule { $name }.
# $name is what was typed; $known the schedules there are (when $any is yes).
schedule-unknown = There is no schedule called “{ $name }”. { $any ->
    [yes] Schedules here: { $known }.
   *[no] There are no schedules yet.
}
schedule-none = No meetings are scheduled. An admin can add one with { $add }.
schedule-list-heading = Scheduled meetings:
# $next is schedule-list-next or schedule-list-no-date.
schedule-list-item = { $name } — { $when } ({ $zone }), { $length }{ $reminder ->
    [yes] , reminder { $before } before
   *[no] {""}
}. { $next }
schedule-list-next = Next: { $at }
schedule-list-no-date = It has no future date.
# $from_now is a relative time (in 3 hours); $serving who serves (when $serves is yes).
schedule-next = The next meeting is { $name }: { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}Serving: { $serving }.
   *[no] {""}
}
schedule-next-none = No meeting is scheduled. An admin can add one with { $add }.
# $reminder is schedule-reminder-heading (emphasised).
schedule-reminder = { $reminder }: { $name } starts at { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}Serving: { $serving }.
   *[no] {""}
}
schedule-reminder-heading = Reminder
# $left is a duration; $end a clock time.
schedule-end-warning = { $left } left in this meeting (it ends at { $end }).
