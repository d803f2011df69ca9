//! Schedules, service-role rotation and attendance through the console, transcripts inline.
//! Update after an intended change with `UPDATE_EXPECT=1 cargo test --test schedules_and_roles`.

mod support;

use expect_test::expect;
use support::check_transcript as check;

#[test]
fn scheduling_commands_and_their_mistakes() {
    check(
        "
#role Ada admin
Ana: !schedule add tuesday weekly tue 19:00
Ada: !schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m
Ada: !schedule add morning daily 08:00
Ada: !schedule add monthly monthly 2nd tue 19:00 America/New_York
Ada: !schedule add cron 30 18 * * 1,4 UTC 45m 0s
Ada: !schedule add tuesday weekly wed 19:00
Ada: !schedule add oops weekly tuesday 25:00
Ada: !schedule add oops every tuesday
Ada: !schedule add oops weekly tue 19:00 Mars/Olympus
Ada: !schedule add oops weekly tue 19:00 2m
Ada: !schedule add two words weekly tue 19:00
Ana: !schedule list
Ana: !schedule next
Ada: !schedule remove nothing
Ada: !schedule remove morning
Ada: !settings timezone europe/paris
Ada: !settings timezone Atlantis
",
        expect![[r#"
            [19:00:00] bot → Ana (private): Only an admin can use `!schedule add`.
            [19:00:00] bot → Ada: Scheduled tuesday: weekly tue 19:00 in Europe/Berlin, for 1 hour 30 minutes, with a reminder 30 minutes before.
                       Next: Tue 3 Mar 2026, 19:00 CET (Europe/Berlin).
            [19:00:00] bot → Ada: Scheduled morning: daily 08:00 in UTC, for 1 hour, with a reminder 15 minutes before.
                       Next: Tue 3 Mar 2026, 08:00 UTC.
            [19:00:00] bot → Ada: Scheduled monthly: monthly 2nd tue 19:00 in America/New_York, for 1 hour, with a reminder 15 minutes before.
                       Next: Tue 10 Mar 2026, 19:00 EDT (America/New_York).
            [19:00:00] bot → Ada: Scheduled cron: 30 18 * * 1,4 in UTC, for 45 minutes.
                       Next: Thu 5 Mar 2026, 18:30 UTC.
            [19:00:00] bot → Ada (private): There is already a schedule called `tuesday`. Remove it first with `!schedule remove tuesday`.
            [19:00:00] bot → Ada (private): I didn't understand “schedule add oops weekly tuesday 25:00”: “25:00” is not a time of day (00:00 to 23:59). Try `!schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m`.
            [19:00:00] bot → Ada (private): I didn't understand “schedule add oops every tuesday”: “every tuesday” is not a schedule I understand; try `weekly tue 19:00`, `weekly mon,thu 18:30`, `daily 08:00`, `monthly 2nd tue 19:00`, or a cron expression like `0 19 * * 2`. Try `!schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m`.
            [19:00:00] bot → Ada (private): I didn't understand “schedule add oops weekly tue 19:00 Mars/Olympus”: “Mars/Olympus” after the time is neither a time zone (like `Europe/Berlin`) nor a duration (like `90m`). Try `!schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m`.
            [19:00:00] bot → Ada (private): A meeting must last at least 5 minutes. Try `!schedule add tuesday weekly tue 19:00 1h`.
            [19:00:00] bot → Ada (private): I didn't understand “schedule add two words weekly tue 19:00”: “words weekly tue 19:00” is not a schedule I understand (a schedule's name is a single word); try `weekly tue 19:00`, `weekly mon,thu 18:30`, `daily 08:00`, `monthly 2nd tue 19:00`, or a cron expression like `0 19 * * 2`. Try `!schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m`.
            [19:00:00] bot → Ana: Scheduled meetings:
                         • cron — 30 18 * * 1,4 (UTC), 45 minutes. Next: Thu 5 Mar 2026, 18:30 UTC
                         • monthly — monthly 2nd tue 19:00 (America/New_York), 1 hour, reminder 15 minutes before. Next: Tue 10 Mar 2026, 19:00 EDT (America/New_York)
                         • morning — daily 08:00 (UTC), 1 hour, reminder 15 minutes before. Next: Tue 3 Mar 2026, 08:00 UTC
                         • tuesday — weekly tue 19:00 (Europe/Berlin), 1 hour 30 minutes, reminder 30 minutes before. Next: Tue 3 Mar 2026, 19:00 CET (Europe/Berlin)
            [19:00:00] bot → Ana: The next meeting is morning: Tue 3 Mar 2026, 08:00 UTC (in 13 hours).
            [19:00:00] bot → Ada (private): There is no schedule called “nothing”. Schedules here: cron, monthly, morning, tuesday.
            [19:00:00] bot → Ada: Removed the schedule morning.
            [19:00:00] bot → Ada: This meeting's time zone is now Europe/Paris. Existing schedules keep their own zones.
            [19:00:00] bot → Ada (private): I didn't understand “settings timezone Atlantis”: “Atlantis” is not a time zone name like `Europe/Berlin` or `America/New_York`. Try `!settings timezone Europe/Berlin`.
        "#]],
    );
}

#[test]
fn a_scheduled_meeting_with_rotating_service_roles() {
    check(
        "
#role Ada admin
Ada: !roles add chair
Ada: !roles add timekeeper
Ada: !roles add chair
Ana: !roles volunteer chair
Ben: !roles volunteer chair
Chidi: !roles volunteer timekeeper
Ana: !roles volunteer chair
Dee: !roles volunteer reader
Ana: !roles list
Ada: !schedule add evening daily 19:30 UTC 30m 15m
Ana: !schedule next
+15m
+15m
Ana: !round start 1m
Ben: !close
Chidi: !extend 1m
Ben: !roles unvolunteer chair
+30m
Ana: !round start
+23h
Ana: !roles list
Ana: !roles swap chair Ben
Chidi: !roles swap chair Ben
Ben: !roles volunteer chair
Ada: !roles swap chair Ben
Ada: !roles rotate
+1h
Ada: !roles remove timekeeper
Ada: !roles remove timekeeper
Ana: !roles unvolunteer chair
",
        expect![[r#"
            [19:00:00] bot → Ada: Added the service role chair. Members can volunteer with `!roles volunteer chair`.
            [19:00:00] bot → Ada: Added the service role timekeeper. Members can volunteer with `!roles volunteer timekeeper`.
            [19:00:00] bot → Ada (private): The service role `chair` already exists.
            [19:00:00] bot → Ana: Thank you! You are on the chair rotation (1 volunteer).
            [19:00:00] bot → Ben: Thank you! You are on the chair rotation (2 volunteers).
            [19:00:00] bot → Chidi: Thank you! You are on the timekeeper rotation (1 volunteer).
            [19:00:00] bot → Ana (private): You are already on the chair rotation.
            [19:00:00] bot → Dee (private): There is no service role “reader”. Roles here: chair, timekeeper.
            [19:00:00] bot → Ana: Service roles:
                         • chair: Ana, Ben — next: Ana
                         • timekeeper: Chidi — next: Chidi
            [19:00:00] bot → Ada: Scheduled evening: daily 19:30 in UTC, for 30 minutes, with a reminder 15 minutes before.
                       Next: Mon 2 Mar 2026, 19:30 UTC.
            [19:00:00] bot → Ana: The next meeting is evening: Mon 2 Mar 2026, 19:30 UTC (in 30 minutes). Serving: chair: Ana, timekeeper: Chidi.
            [19:15:00] bot: Reminder: evening starts at Mon 2 Mar 2026, 19:30 UTC (in 15 minutes). Serving: chair: @Ana, timekeeper: @Chidi.
            [19:30:00] bot: Welcome. The session is open: evening.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Serving today: chair: @Ana, timekeeper: @Chidi.
            [19:30:00] bot → Ana (private): Nobody has checked in to share yet (listeners are not called). Members can `!checkin`, or start a round from raised hands with `!round start queue`.
            [19:30:00] bot → Ben (private): Only a host or an admin can use `!close`.
            [19:30:00] bot → Chidi (private): No share round is running. A host can start one with `!round start`.
            [19:30:00] bot → Ben: You have left the chair rotation. Thank you for serving.
            [19:55:00] bot: 5 minutes left in this meeting (it ends at 20:00:00).
            [20:00:00] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [20:00:00] bot → Ana (private): Only a host or an admin can use `!round start`.
            [19:00:00] bot → Ana: Service roles:
                         • chair: Ana — next: Ana
                         • timekeeper: Chidi — next: Chidi
            [19:00:00] bot → Ana (private): Only a host or an admin can use `!roles swap`.
            [19:00:00] bot → Chidi (private): Only a host or an admin can use `!roles swap`.
            [19:00:00] bot → Ben: Thank you! You are on the chair rotation (2 volunteers).
            [19:00:00] bot: At the next session, chair will be @Ben.
            [19:00:00] bot: Rotated. Serving next time: chair: Ana, timekeeper: Chidi.
            [19:15:00] bot: Reminder: evening starts at Tue 3 Mar 2026, 19:30 UTC (in 15 minutes). Serving: chair: @Ana, timekeeper: @Chidi.
            [19:30:00] bot: Welcome. The session is open: evening.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Serving today: chair: @Ana, timekeeper: @Chidi.
            [19:55:00] bot: 5 minutes left in this meeting (it ends at 20:00:00).
            [20:00:00] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [20:00:00] bot → Ada: Removed the service role timekeeper and its rotation.
            [20:00:00] bot → Ada (private): There is no service role “timekeeper”. Roles here: chair.
            [20:00:00] bot → Ana: You have left the chair rotation. Thank you for serving.
        "#]],
    );
}

#[test]
fn attendance_is_opt_in_shown_to_the_member_purged_and_forgotten() {
    check(
        "
#role Robin host
#role Ada admin
Robin: !open
Ana: !checkin
Ana: !my-data
Ada: !settings attendance on
Ada: !retention 2d
Ada: !retention forever
Ana: !checkin again
Ben: !checkin
Robin: !close
+1d
Robin: !open
Ana: !checkin
Ana: !my-data
+2d
Ana: !my-data
Ben: !my-data
Ben: !forget-me
Ben: !my-data
Ada: !settings attendance off
Ana: !my-data
",
        expect![[r#"
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Ana (private): This is everything I store about you:
                       Here
                         • your display name: Ana
                         • checked in at 19:00:00
                         • that you checked in here before, last on 2026-03-02 (kept 30 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
            [19:00:00] bot → Ada: Attendance is on: each check-in records the date for that member, kept for 30 days. Members can see theirs with `!my-data`.
            [19:00:00] bot → Ada: Attendance dates are kept for 2 days.
            [19:00:00] bot → Ada (private): I didn't understand “retention forever”: “forever” is not a number of days like `30d` (1 to 3650). Try `!retention 30d`.
            [19:00:00] bot: Updated: Ana.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): This is everything I store about you:
                       Here
                         • your display name: Ana
                         • checked in at 19:00:00
                         • attendance dates (kept 2 days): 2026-03-02, 2026-03-03
                         • that you checked in here before, last on 2026-03-03 (kept 2 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
            [22:00:00] bot: Closing the session after 3 hours without activity. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:00:00] bot → Ana (private): This is everything I store about you:
                       Here
                         • your display name: Ana
                         • attendance dates (kept 2 days): 2026-03-03
                         • that you checked in here before, last on 2026-03-03 (kept 2 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
            [19:00:00] bot → Ben (private): I store nothing about you right now. (Check-in words are erased when a session closes.)
            [19:00:00] bot → Ben (private): Done: I have erased everything I stored about you, in every place. Take care.
            [19:00:00] bot → Ben (private): I store nothing about you right now. (Check-in words are erased when a session closes.)
            [19:00:00] bot → Ada: Attendance is off, and the dates kept so far have been erased.
            [19:00:00] bot → Ana (private): This is everything I store about you:
                       Here
                         • that you checked in here before, last on 2026-03-03 (kept 2 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
        "#]],
    );
}
