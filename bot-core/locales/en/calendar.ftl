# What is wrong with a schedule's WHEN, a time zone or a time of day as a member typed it.
# Each completes "I didn't understand “…”: { $why }." (so no final full stop).
# $typed is what the member typed, quoted back. Arguments like $form, $example, $other,
# $zone, $duration, $days and $choices are forms typed as they are: never translated.

# The forms of a WHEN that work.
calendar-examples = { $weekly }, { $weekly_days }, { $daily }, { $monthly }, or a cron expression like { $cron }
calendar-not-a-time = “{ $typed }” is not a time like `19:00`
calendar-not-a-time-of-day = “{ $typed }” is not a time of day (00:00 to 23:59)
# $examples is calendar-examples.
calendar-unknown = “{ $typed }” is not a schedule I understand; try { $examples }
calendar-unknown-name = “{ $typed }” is not a schedule I understand (a schedule's name is a single word); try { $examples }
# $typed is what came after a simple form's time.
calendar-extra = “{ $typed }” after the time is neither a time zone (like { $zone }) nor a duration (like { $duration })
calendar-missing = say when the meeting is, like { $examples }
calendar-write-like = write { $form }, like { $example }
calendar-write-like-or = write { $form }, like { $example } or { $other }
calendar-write-either = write { $form } or { $other }
# $days are the weekdays as typed (mon, tue…).
calendar-not-weekday = “{ $typed }” is not a weekday ({ $days })
# $choices are the words that work (1st, 2nd… or last), as typed.
calendar-nth = “{ $typed }” should be { $choices }
calendar-not-day-of-month = “{ $typed }” is not a day of the month (1 to 31) or a weekday like { $example }
calendar-empty-item = “{ $typed }” has an empty item in a list: write values on both sides of each comma, like { $example }
calendar-never = “{ $typed }” never happens; try { $examples }
calendar-not-a-zone = “{ $typed }” is not a time zone name like { $zone } or { $other }

# A scheduled meeting's date and time, where the platform cannot show each reader's own time.
# $day is the day of the month, $year the year, $time the clock time (19:00), $zone the zone's
# abbreviation (CET, UTC), $tz the zone's name (Europe/Berlin).
date-zoned = { date-weekday } { $day } { date-month } { $year }, { $time } { $zone }
date-zoned-where = { date-zoned } ({ $tz })
# Short names, for date-zoned.
date-weekday = { $weekday ->
    [mon] Mon
    [tue] Tue
    [wed] Wed
    [thu] Thu
    [fri] Fri
    [sat] Sat
   *[sun] Sun
}
date-month = { $month ->
    [jan] Jan
    [feb] Feb
    [mar] Mar
    [apr] Apr
    [may] May
    [jun] Jun
    [jul] Jul
    [aug] Aug
    [sep] Sep
    [oct] Oct
    [nov] Nov
   *[dec] Dec
}
