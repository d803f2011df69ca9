//! Whole meetings walked through their formats on the console's virtual clock, one per
//! template, and an admin building and editing a format (with every refusal a member would see).
//! Update after an intended change with `UPDATE_EXPECT=1 cargo test --test formats`, and read the
//! diff: every line is something a member would see.

mod support;

use expect_test::expect;
use support::check_transcript as check;

#[test]
fn a_twelve_step_meeting_with_readers_silence_and_hands_until_the_closing() {
    check(
        "
#role Ada admin
#role Robin host
Ada: !format use twelve-step
Ada: !roles add reader
Ben: !roles volunteer reader
Robin: !open Tuesday meeting
Ana: !checkin hopeful
Ben: !checkin
Chidi: !checkin
Dee: !checkin listen
Robin: !agenda end 19:30
Robin: !agenda next
+30s
Robin: !agenda next
Robin: !agenda next
Robin: !agenda next
Robin: !agenda next
Ana: !hand
Chidi: !hand
Robin: !round start
+2m
Ana: !done
+10s
Ben: !hand
+3m
Chidi: !done
+10s
Ben: !pass
+11s
Dee: !agenda
+1m
+2m
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now 12-step style meeting (9 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot → Ada: Added the service role reader. Members can volunteer with `!roles volunteer reader`.
            [19:00:00] bot → Ben: Thank you! You are on the reader rotation (1 volunteer).
            [19:00:00] bot: Welcome. The session is open: Tuesday meeting.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Serving today: reader: @Ben.
                       Agenda: 12-step style meeting
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. 19:00:30–19:01:00 Moment of silence
                         • 3. 19:01:00–about 19:01:30 Preamble
                         • 4. 19:01:30–about 19:02:00 Reading
                         • 5. 19:02:00–about 19:02:30 What is said here
                         • 6. 19:02:30–about 19:03:00 Announcements
                         • 7. from 19:03:00 Sharing
                         • 8. Self-support
                         • 9. Closing
                       Part 1 of 9: Welcome.
                       Welcome, everyone. This meeting is now open.
                       If this is your first meeting, you are very welcome here. You do not have to say anything: listening is enough.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Chidi.
            [19:00:00] bot → Chidi (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Dee (just listening).
            [19:00:00] bot → Dee (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: The meeting ends at 19:30:00: shares until the closing fit into the time before it.
            [19:00:00] bot: Part 2 of 9: Moment of silence, until 19:00:30 (in 30 seconds).
                       Let us open with a moment of silence.
            [19:00:30] bot: Moment of silence has ended.
                       Part 3 of 9: Preamble. Read by @Ben.
                       This is where the group's preamble goes. An admin replaces this text with the group's own.
            [19:00:30] bot: Part 4 of 9: Reading. Read by @Ben.
                       This is where the group's reading of the day goes. An admin replaces this text with the group's own.
            [19:00:30] bot: Part 5 of 9: What is said here.
                       What we hear here, and whom we see here, stays here.
                       Please do not share anyone's story or name outside this meeting.
            [19:00:30] bot: Part 6 of 9: Announcements.
                       Are there any announcements for the group?
            [19:00:30] bot: Part 7 of 9: Sharing.
                       We share the time until the closing at 19:27:00: 8 minutes 30 seconds each for the 3 of you still to share; if someone passes or finishes early, the others get more time.
                       Raise your hand with `!hand` to share; the host starts the round with `!round start`.
            [19:00:30] bot → Ana: Your hand is up: you are 1st in the queue.
            [19:00:30] bot → Chidi: Your hand is up: you are 2nd in the queue.
            [19:00:30] bot: We share the time until the closing at 19:27:00: 8 minutes 30 seconds each for the 3 of you still to share; if someone passes or finishes early, the others get more time.
                       Share round: 8 minutes 30 seconds each, from raised hands. No crosstalk: please listen without responding to shares.
                       @Ana, you have the floor: 8 minutes 30 seconds, until 19:09:00 (in 8 minutes 30 seconds). Up next: Chidi.
            [19:02:30] bot: Thank you, Ana.
                       @Chidi, you have the floor: 12 minutes, until 19:14:30 (in 12 minutes).
            [19:02:40] bot → Ben: Your hand is up: you are 1st in the queue.
            [19:05:40] bot: Thank you, Chidi.
                       @Ben, you have the floor: 21 minutes, until 19:26:40 (in 21 minutes).
            [19:05:50] bot: Ben passed.
                       The round has ended. 2 members shared. Thank you, everyone.
                       Part 8 of 9: Self-support, until 19:06:50 (in 1 minute).
                       Our group supports itself through its own members. If the group takes contributions, this is where it says how.
            [19:06:01] bot → Dee: Agenda: 12-step style meeting
                         • 1. Welcome (done)
                         • 2. Moment of silence (done)
                         • 3. Preamble (done)
                         • 4. Reading (done)
                         • 5. What is said here (done)
                         • 6. Announcements (done)
                         • 7. Sharing (done)
                         • 8. 19:05:50–19:06:50 Self-support (now)
                         • 9. 19:06:50–19:08:50 Closing
            [19:06:20] bot: Self-support: 30 seconds left, until 19:06:50.
            [19:06:50] bot: Self-support has ended.
                       Part 9 of 9: Closing, until 19:08:50 (in 2 minutes).
                       Thank you all for being here, and for what you shared.
                       Keep coming back.
            [19:07:50] bot: Closing: 1 minute left, until 19:08:50.
            [19:08:50] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn an_open_circle_shares_the_time_until_the_closing_and_gives_more_when_people_pass() {
    check(
        "
#role Ada admin
#role Robin host
Ada: !format use open-circle
Robin: !open
Ana: !checkin
Ben: !checkin
Chidi: !checkin
Robin: !agenda end 19:20
Robin: !agenda
Robin: !agenda next
Robin: !agenda next
Chidi: !pass
+1m
Ana: !done
Robin: !status
+15m
+2m
+10s
+2m
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now Open sharing circle (4 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: Open sharing circle
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. from 19:00:30 Check-in
                         • 3. Sharing
                         • 4. Closing
                       Part 1 of 4: Welcome.
                       Welcome to our sharing circle. We are glad you are here.
                       What is said here stays here. We listen without fixing, share from our own experience, and anyone may pass at any time.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Chidi.
            [19:00:00] bot → Chidi (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: The meeting ends at 19:20:00: shares until the closing fit into the time before it.
            [19:00:00] bot → Robin: Agenda: Open sharing circle
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. from 19:00:30 Check-in
                         • 3. Sharing
                         • 4. 19:18:00–19:20:00 Closing
            [19:00:00] bot: Part 2 of 4: Check-in.
                       Check in with `!checkin` (one feeling word if you like), or `!checkin listen` to just listen.
            [19:00:00] bot: Part 3 of 4: Sharing.
                       We share the time until the closing at 19:18:00: 5 minutes 30 seconds each for the 3 of you still to share; if someone passes or finishes early, the others get more time.
                       Share round: 5 minutes 30 seconds each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben, Chidi. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 5 minutes 30 seconds, until 19:05:30 (in 5 minutes 30 seconds). Up next: Ben.
            [19:00:00] bot → Chidi (private): Noted: you will be passed when your turn comes. Nobody will hear anything but "passed".
            [19:01:00] bot: Thank you, Ana.
                       @Ben, you have the floor: 16 minutes 30 seconds, until 19:17:30 (in 16 minutes 30 seconds).
            [19:01:00] bot → Robin: Session open since 19:00:00. 3 checked in, 0 hand(s) up.
                       Part 3 of 4: Sharing.
                       Speaking: Ben, until 19:17:30 (16 minutes 30 seconds left).
            [19:16:30] bot: Ben, 1 minute left (until 19:17:30).
            [19:17:00] bot: Ben, 30 seconds left (until 19:17:30).
            [19:17:30] bot: Time, Ben. Thank you for sharing.
                       Chidi passed.
                       That was the last share of this round.
            [19:17:40] bot: The round has ended. 2 members shared. Thank you, everyone.
                       Part 4 of 4: Closing, until 19:19:40 (in 2 minutes).
                       Thank you for sharing, and thank you for listening.
                       Take good care of yourselves until next time.
            [19:18:40] bot: Closing: 1 minute left, until 19:19:40.
            [19:19:40] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn a_smart_meeting_times_each_check_in_and_the_discussion() {
    check(
        "
#role Ada admin
#role Robin host
Ada: !format use smart
Ana: !checkin
Robin: !open
Ana: !checkin
Ben: !checkin
Robin: !agenda next
+1m
+10s
+1m
+10s
+35m
+5m
+30s
+10s
+30s
+10s
+1m
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now SMART-style meeting (5 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot → Ana (private): There is no open session here. A host can open one with `!open`.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: SMART-style meeting
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. from 19:00:30 Check-in
                         • 3. Discussion
                         • 4. Check-out
                         • 5. Closing
                       Part 1 of 5: Welcome.
                       Welcome to the meeting. Everyone here is working on a change of their own.
                       We speak for ourselves, we respect each other's choices, and anyone may pass.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Part 2 of 5: Check-in.
                       Go-around: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ben.
            [19:00:30] bot: Ana, 30 seconds left (until 19:01:00).
            [19:01:00] bot: Time, Ana. Thank you for sharing.
                       @Ben, you're next: your turn runs from 19:01:10 to 19:02:10.
            [19:01:40] bot: Ben, 30 seconds left (until 19:02:10).
            [19:02:10] bot: Time, Ben. Thank you for sharing.
                       That was the last share of this round.
            [19:02:20] bot: The round has ended. 2 members shared. Thank you, everyone.
                       Part 3 of 5: Discussion, until 19:42:20 (in 40 minutes). Crosstalk is welcome now.
                       The floor is open: respond to each other, ask questions and share tools that helped.
            [19:41:20] bot: Discussion: 1 minute left, until 19:42:20.
            [19:42:20] bot: Discussion has ended.
                       Part 4 of 5: Check-out.
                       Go-around: 30 seconds each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ben, Ana. Say `!pass` at any time if you'd rather not share.
                       @Ben, you have the floor: 30 seconds, until 19:42:50 (in 30 seconds). Up next: Ana.
            [19:42:50] bot: Time, Ben. Thank you for sharing.
                       @Ana, you're next: your turn runs from 19:43:00 to 19:43:30.
            [19:43:30] bot: Time, Ana. Thank you for sharing.
                       That was the last share of this round.
            [19:43:40] bot: The round has ended. 2 members shared. Thank you, everyone.
                       Part 5 of 5: Closing, until 19:44:40 (in 1 minute).
                       Thank you for taking part. See you next time.
            [19:44:10] bot: Closing: 30 seconds left, until 19:44:40.
            [19:44:40] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn a_counsellor_led_group_with_a_topic_shares_and_reflections() {
    check(
        "
#role Ada admin
#role Carla host
Ada: !format use counsellor
Ada: !format text 3 Today: what helps on a hard day? \\
Think of one small thing.
Carla: !open Thursday group
Ana: !checkin
Ben: !checkin listen
Carla: !agenda next
+1m
+10s
Carla: !agenda next
+4m
+10s
+10m
+30s
+10s
+1m
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now Counsellor-led group (7 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot → Ada: Changed part 3: Today's topic — text, text of 57 characters.
            [19:00:00] bot: Welcome. The session is open: Thursday group.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: Counsellor-led group
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. from 19:00:30 Check-in
                         • 3. Today's topic
                         • 4. Sharing
                         • 5. Reflections
                         • 6. Check-out
                         • 7. Closing
                       Part 1 of 7: Welcome.
                       Welcome to the group. What is shared here is confidential.
                       You decide how much you say, and you may pass at any time.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben (just listening).
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Part 2 of 7: Check-in.
                       Go-around: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 1 minute, until 19:01:00 (in 1 minute).
            [19:00:30] bot: Ana, 30 seconds left (until 19:01:00).
            [19:01:00] bot: Time, Ana. Thank you for sharing.
                       That was the last share of this round.
            [19:01:10] bot: The round has ended. 1 member shared. Thank you, everyone.
                       Part 3 of 7: Today's topic.
                       Today: what helps on a hard day?
                       Think of one small thing.
            [19:01:10] bot: Part 4 of 7: Sharing.
                       Share round: 4 minutes each, in check-in order. Crosstalk: please hold responses for the discussion after the round.
                       Order: Ana. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 4 minutes, until 19:05:10 (in 4 minutes).
            [19:04:10] bot: Ana, 1 minute left (until 19:05:10).
            [19:04:40] bot: Ana, 30 seconds left (until 19:05:10).
            [19:05:10] bot: Time, Ana. Thank you for sharing.
                       That was the last share of this round.
            [19:05:20] bot: The round has ended. 1 member shared. Thank you, everyone.
                       Part 5 of 7: Reflections, until 19:15:20 (in 10 minutes). Crosstalk is welcome now.
                       What stayed with you? Gentle responses to each other are welcome now.
            [19:14:20] bot: Reflections: 1 minute left, until 19:15:20.
            [19:15:20] bot: Reflections has ended.
                       Part 6 of 7: Check-out.
                       Go-around: 30 seconds each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 30 seconds, until 19:15:50 (in 30 seconds).
            [19:15:50] bot: Time, Ana. Thank you for sharing.
                       That was the last share of this round.
            [19:16:00] bot: The round has ended. 1 member shared. Thank you, everyone.
                       Part 7 of 7: Closing, until 19:17:00 (in 1 minute).
                       Thank you for your trust today. If you need support before the next session, the crisis command lists where to find it.
            [19:16:30] bot: Closing: 30 seconds left, until 19:17:00.
            [19:17:00] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn a_short_check_in_circle() {
    check(
        "
#role Ada admin
#role Robin host
Ada: !format use check-in
Robin: !open
Ana: !checkin
Ben: !checkin
Robin: !agenda next
Ana: !done
+2m
+10s
+1m
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now Check-in circle (3 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: Check-in circle
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. from 19:00:30 Check-in round
                         • 3. Closing
                       Part 1 of 3: Welcome.
                       Welcome. One round today: how are you, really? Say as much or as little as you like.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Part 2 of 3: Check-in round.
                       Go-around: 2 minutes each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 2 minutes, until 19:02:00 (in 2 minutes). Up next: Ben.
            [19:00:00] bot: Thank you, Ana.
                       @Ben, you have the floor: 2 minutes, until 19:02:00 (in 2 minutes).
            [19:01:00] bot: Ben, 1 minute left (until 19:02:00).
            [19:01:30] bot: Ben, 30 seconds left (until 19:02:00).
            [19:02:00] bot: Time, Ben. Thank you for sharing.
                       That was the last share of this round.
            [19:02:10] bot: The round has ended. 2 members shared. Thank you, everyone.
                       Part 3 of 3: Closing, until 19:03:10 (in 1 minute).
                       Thank you, everyone. Be gentle with yourselves.
            [19:02:40] bot: Closing: 30 seconds left, until 19:03:10.
            [19:03:10] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn the_chair_goes_back_skips_and_jumps_and_an_edit_reaches_only_parts_to_come() {
    check(
        "
#role Ada admin
#role Robin host
Ada: !format use twelve-step
Robin: !open
Robin: !agenda skip 4
Robin: !agenda skip 4
Robin: !agenda next
Robin: !agenda back
Robin: !agenda go 3
Ada: !format title 5 What we keep here
Ada: !format title 1 Hello
Robin: !agenda
Robin: !agenda skip 2
Robin: !agenda go 12
Robin: !agenda go 9
Robin: !agenda next
Robin: !agenda next
Ana: !agenda next
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now 12-step style meeting (9 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: 12-step style meeting
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. 19:00:30–19:01:00 Moment of silence
                         • 3. 19:01:00–about 19:01:30 Preamble
                         • 4. 19:01:30–about 19:02:00 Reading
                         • 5. 19:02:00–about 19:02:30 What is said here
                         • 6. 19:02:30–about 19:03:00 Announcements
                         • 7. from 19:03:00 Sharing
                         • 8. Self-support
                         • 9. Closing
                       Part 1 of 9: Welcome.
                       Welcome, everyone. This meeting is now open.
                       If this is your first meeting, you are very welcome here. You do not have to say anything: listening is enough.
            [19:00:00] bot → Robin: Part 4, Reading, will be skipped. `!agenda go 4` takes it back.
            [19:00:00] bot → Robin (private): Part 4 is skipped already.
            [19:00:00] bot: Part 2 of 9: Moment of silence, until 19:00:30 (in 30 seconds).
                       Let us open with a moment of silence.
            [19:00:00] bot: Part 1 of 9: Welcome.
                       Welcome, everyone. This meeting is now open.
                       If this is your first meeting, you are very welcome here. You do not have to say anything: listening is enough.
            [19:00:00] bot: Part 3 of 9: Preamble. Would someone like to read it? The chair asks for a volunteer.
                       This is where the group's preamble goes. An admin replaces this text with the group's own.
            [19:00:00] bot → Ada: Changed part 5: What we keep here — text, text of 116 characters.
                       Today's agenda follows the change.
            [19:00:00] bot → Ada: Changed part 1: Hello — text, text of 155 characters.
                       Today's meeting keeps its agenda; the change applies from the next session.
            [19:00:00] bot → Robin: Agenda: 12-step style meeting
                         • 1. Welcome (done)
                         • 2. Moment of silence (done)
                         • 3. 19:00:00–about 19:00:30 Preamble (now)
                         • 4. Reading (skipped)
                         • 5. 19:00:30–about 19:01:00 What we keep here
                         • 6. 19:01:00–about 19:01:30 Announcements
                         • 7. from 19:01:30 Sharing
                         • 8. Self-support
                         • 9. Closing
            [19:00:00] bot → Robin (private): Part 2 is over already; to go back to it use `!agenda go 2`.
            [19:00:00] bot → Robin (private): There are parts 1 to 9.
            [19:00:00] bot: Part 9 of 9: Closing, until 19:02:00 (in 2 minutes).
                       Thank you all for being here, and for what you shared.
                       Keep coming back.
            [19:00:00] bot: The meeting has ended. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:00:00] bot → Robin (private): There is no open session here. A host can open one with `!open`.
            [19:00:00] bot → Ana (private): Only a host or an admin can use `!agenda next`.
        "#]],
    );
}

#[test]
fn an_admin_builds_a_format_and_every_mistake_gets_a_specific_answer() {
    check(
        "
#role Ada admin
Ada: !format
Ada: !format list
Ada: !format remove 1
Ada: !format add text Welcome
Ada: !format add silence 0s
Ada: !format add silence 3d
Ada: !format add sermon
Ada: !format add silence 30s
Ada: !format add reading Preamble
Ada: !format text 3 First paragraph of our own preamble. \\
\\
Second paragraph.
Ada: !format time 2 none
Ada: !format time 1 until-closing
Ada: !format order 2 queue
Ada: !format add share until-closing Sharing
Ada: !format crosstalk 4 open
Ada: !format role 3 secretary
Ada: !format move 3 1
Ada: !format time 9 2m
Ada: !format add closing 1m
Ada: !format
Ana: !format add break
Ana: !format
Ada: !format remove 5
Ada: !format remove 4
Ada: !format remove 3
Ada: !format remove 2
Ada: !format remove 1
Ada: !format remove 1
Ada: !format
Ada: !format export
Ada: !format import ```toml \\
name = \"Ours\" \\
colour = \"blue\" \\
[[part]] \\
kind = \"sermon\" \\
[[part]] \\
kind = \"silence\" \\
time = \"0s\" \\
```
Ada: !format import ```toml \\
name = \"Evening circle\" \\
[[part]] \\
kind = \"silence\" \\
time = \"1m\" \\
[[part]] \\
kind = \"share\" \\
time = \"until-closing\" \\
order = \"shuffle\" \\
[[part]] \\
kind = \"closing\" \\
text = \"Go gently.\" \\
```
Ada: !format
Ada: !format off
Ada: !format off
Ada: !format export
",
        expect![[r#"
            [19:00:00] bot → Ada: This place has no meeting format: sessions run share rounds as a host starts them. An admin can start from a template with `!format use open-circle` (see `!format list`), or build one with `!format add`.
            [19:00:00] bot → Ada: Templates to start from (readings are placeholders for your group's own texts):
                         • `!format use open-circle` — Open sharing circle: Welcome, Check-in, Sharing, Closing
                         • `!format use twelve-step` — 12-step style meeting: Welcome, Moment of silence, Preamble, Reading, What is said here, Announcements, Sharing, Self-support, Closing
                         • `!format use smart` — SMART-style meeting: Welcome, Check-in, Discussion, Check-out, Closing
                         • `!format use counsellor` — Counsellor-led group: Welcome, Check-in, Today's topic, Sharing, Reflections, Check-out, Closing
                         • `!format use check-in` — Check-in circle: Welcome, Check-in round, Closing
            [19:00:00] bot → Ada (private): This place has no meeting format: sessions run share rounds as a host starts them. An admin can start from a template with `!format use open-circle` (see `!format list`), or build one with `!format add`.
            [19:00:00] bot → Ada: Added part 1: Welcome — text.
            [19:00:00] bot → Ada (private): I didn't understand “format add silence 0s”: a time box must be at least 10 seconds (`30s`, `2m`). Try `!format add reading Preamble`.
            [19:00:00] bot → Ada (private): I didn't understand “format add silence 3d”: “3d” is longer than 24 hours; or say `none` or `until-closing`. Try `!format add reading Preamble`.
            [19:00:00] bot → Ada (private): I didn't understand “format add sermon”: “sermon” is not one of `text`, `reading`, `silence`, `checkin`, `share`, `discussion`, `announcements`, `break`, `closing`. Try `!format add reading Preamble`.
            [19:00:00] bot → Ada: Added part 2: Moment of silence — silence, 30 seconds.
            [19:00:00] bot → Ada: Added part 3: Preamble — reading, read by the reader.
            [19:00:00] bot → Ada: Changed part 3: Preamble — reading, read by the reader, text of 53 characters.
            [19:00:00] bot → Ada (private): Part 2: a silence needs a time box, like `1m`.
            [19:00:00] bot → Ada (private): Part 1: only a share part can take the time until the closing.
            [19:00:00] bot → Ada (private): Part 2: only a share part has an order.
            [19:00:00] bot → Ada: Added part 4: Sharing — share, the time until the closing shared equally.
            [19:00:00] bot → Ada: Changed part 4: Sharing — share, the time until the closing shared equally, crosstalk open.
            [19:00:00] bot → Ada: Changed part 3: Preamble — reading, read by the secretary, text of 53 characters.
            [19:00:00] bot → Ada: Moved part 1: Preamble — reading, read by the secretary, text of 53 characters.
            [19:00:00] bot → Ada (private): There are parts 1 to 4.
            [19:00:00] bot → Ada: Added part 5: Closing — closing, 1 minute.
            [19:00:00] bot → Ada: Format: Our meeting (5 parts)
                         • 1. Preamble — reading, read by the secretary, text of 53 characters
                         • 2. Welcome — text
                         • 3. Moment of silence — silence, 30 seconds
                         • 4. Sharing — share, the time until the closing shared equally, crosstalk open
                         • 5. Closing — closing, 1 minute
            [19:00:00] bot → Ana (private): Only an admin can use `!format add`.
            [19:00:00] bot → Ana: Format: Our meeting (5 parts)
                         • 1. Preamble — reading, read by the secretary, text of 53 characters
                         • 2. Welcome — text
                         • 3. Moment of silence — silence, 30 seconds
                         • 4. Sharing — share, the time until the closing shared equally, crosstalk open
                         • 5. Closing — closing, 1 minute
            [19:00:00] bot → Ada: Removed part 5, Closing.
            [19:00:00] bot → Ada: Removed part 4, Sharing.
            [19:00:00] bot → Ada: Removed part 3, Moment of silence.
            [19:00:00] bot → Ada: Removed part 2, Welcome.
            [19:00:00] bot → Ada (private): A format needs at least one part. To run meetings without one, use `!format off`.
            [19:00:00] bot → Ada (private): A format needs at least one part. To run meetings without one, use `!format off`.
            [19:00:00] bot → Ada: Format: Our meeting (1 part)
                         • 1. Preamble — reading, read by the secretary, text of 53 characters
            [19:00:00] bot → Ada: This place's format as a document: keep it, edit it, and give it back with `!format import`.
                           name = "Our meeting"

                           [[part]]
                           kind = "reading"
                           title = "Preamble"
                           role = "secretary"
                           text = """
                           First paragraph of our own preamble.
                           Second paragraph."""
            [19:00:00] bot → Ada (private): The document has 3 problems; the format is unchanged:
                         • “colour” is not a key at the top; the keys are `name`, `part`
                         • part 1: “sermon” is not a kind of part; the kinds are `text`, `reading`, `silence`, `checkin`, `share`, `discussion`, `announcements`, `break`, `closing`
                         • part 2: `time`: a time box must be at least 10 seconds (`30s`, `2m`)
            [19:00:00] bot → Ada: Imported Evening circle (3 parts). `!format` shows it.
            [19:00:00] bot → Ada: Format: Evening circle (3 parts)
                         • 1. Moment of silence — silence, 1 minute
                         • 2. Sharing — share, the time until the closing shared equally, shuffle order
                         • 3. Closing — closing, text of 10 characters
            [19:00:00] bot → Ada: This place has no format now: sessions run share rounds as a host starts them.
            [19:00:00] bot → Ada: This place has no meeting format: sessions run share rounds as a host starts them. An admin can start from a template with `!format use open-circle` (see `!format list`), or build one with `!format add`.
            [19:00:00] bot → Ada (private): This place has no meeting format: sessions run share rounds as a host starts them. An admin can start from a template with `!format use open-circle` (see `!format list`), or build one with `!format add`.
        "#]],
    );
}

#[test]
fn a_scheduled_meeting_opens_with_its_format_and_shares_until_its_own_end() {
    check(
        "
#role Ada admin
Ada: !settings timezone UTC
Ada: !format use open-circle
Ada: !schedule add evening daily 19:30 UTC 30m 5m
+30m
Ana: !checkin
Ben: !checkin
Ada: !agenda next
Ada: !agenda next
Ana: !done
",
        expect![[r#"
            [19:00:00] bot → Ada: This meeting's time zone is now UTC. Existing schedules keep their own zones.
            [19:00:00] bot → Ada: This place's format is now Open sharing circle (4 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot → Ada: Scheduled evening: daily 19:30 in UTC, for 30 minutes, with a reminder 5 minutes before.
                       Next: Mon 2 Mar 2026, 19:30 UTC.
            [19:25:00] bot: Reminder: evening starts at Mon 2 Mar 2026, 19:30 UTC (in 5 minutes).
            [19:30:00] bot: Welcome. The session is open: evening.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: Open sharing circle
                         • 1. 19:30:00–about 19:30:30 Welcome (now)
                         • 2. from 19:30:30 Check-in
                         • 3. Sharing
                         • 4. 19:58:00–20:00:00 Closing
                       Part 1 of 4: Welcome.
                       Welcome to our sharing circle. We are glad you are here.
                       What is said here stays here. We listen without fixing, share from our own experience, and anyone may pass at any time.
            [19:30:00] bot: Welcome, Ana.
            [19:30:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:30:00] bot: Welcome, Ben.
            [19:30:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:30:00] bot: Part 2 of 4: Check-in.
                       Check in with `!checkin` (one feeling word if you like), or `!checkin listen` to just listen.
            [19:30:00] bot: Part 3 of 4: Sharing.
                       We share the time until the closing at 19:58:00: 13 minutes 30 seconds each for the 2 of you still to share; if someone passes or finishes early, the others get more time.
                       Share round: 13 minutes 30 seconds each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 13 minutes 30 seconds, until 19:43:30 (in 13 minutes 30 seconds). Up next: Ben.
            [19:30:00] bot: Thank you, Ana.
                       @Ben, you have the floor: 27 minutes 30 seconds, until 19:57:30 (in 27 minutes 30 seconds).
        "#]],
    );
}

/// What each part of a meeting costs in posts: its beginning (which also says the previous part
/// ended) and, when timed, one warning. Counted over a format of timed parts of every kind that
/// has a time box, walked to the end by the clock alone.
#[test]
fn a_part_costs_at_most_two_posts() {
    let script = "
#role Ada admin
#role Robin host
Ada: !format import ```toml \\
name = \"Timed\" \\
[[part]] \\
kind = \"text\" \\
time = \"2m\" \\
text = \"Welcome.\" \\
[[part]] \\
kind = \"silence\" \\
time = \"1m\" \\
[[part]] \\
kind = \"reading\" \\
time = \"3m\" \\
text = \"A reading.\" \\
[[part]] \\
kind = \"announcements\" \\
time = \"2m\" \\
[[part]] \\
kind = \"break\" \\
time = \"10m\" \\
[[part]] \\
kind = \"discussion\" \\
time = \"15m\" \\
[[part]] \\
kind = \"closing\" \\
time = \"2m\" \\
```
Robin: !open
+40m
";
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out = rt.block_on(sharecircle::console::run_script(script, true));
    let kinds: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["kind"].as_str().unwrap_or("").to_string()
        })
        .filter(|k| k != "reply")
        .collect();
    let parts = 7;
    // The opening carries part 1; the session's close follows the closing part.
    assert_eq!(kinds.first().map(String::as_str), Some("session_opened"));
    assert_eq!(kinds.last().map(String::as_str), Some("session_closed"));
    let walking = kinds.len() - 1;
    assert!(
        walking <= 2 * parts,
        "{walking} posts for {parts} parts: {kinds:?}"
    );
    assert_eq!(kinds.iter().filter(|k| *k == "part").count(), parts - 1);
    // Every timed part but the silence warns once before its end.
    assert_eq!(kinds.iter().filter(|k| *k == "warning").count(), parts - 1);
}

#[test]
fn when_not_everyone_fits_the_round_takes_hands_at_the_places_minimum() {
    check(
        "
#role Ada admin
#role Robin host
Ada: !format use open-circle
Ada: !settings min-share 5s
Ada: !settings min-share 5m
Robin: !open
Ana: !checkin
Ben: !checkin
Chidi: !checkin
Robin: !agenda end 19:14
Robin: !agenda next
Robin: !agenda next
Chidi: !hand
Ana: !hand
Robin: !round start
+5m
+10s
+5m
+10s
",
        expect![[r#"
            [19:00:00] bot → Ada: This place's format is now Open sharing circle (4 parts). `!format` shows it; put in your group's own texts with `!format text`.
            [19:00:00] bot → Ada (private): A share time under 10 seconds is too short to share anything. Try `!settings min-share 1m`.
            [19:00:00] bot → Ada: When a format shares the time until the closing, nobody gets less than 5 minutes; if not everyone fits, hands are taken instead.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
                       Agenda: Open sharing circle
                         • 1. 19:00:00–about 19:00:30 Welcome (now)
                         • 2. from 19:00:30 Check-in
                         • 3. Sharing
                         • 4. Closing
                       Part 1 of 4: Welcome.
                       Welcome to our sharing circle. We are glad you are here.
                       What is said here stays here. We listen without fixing, share from our own experience, and anyone may pass at any time.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Chidi.
            [19:00:00] bot → Chidi (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: The meeting ends at 19:14:00: shares until the closing fit into the time before it.
            [19:00:00] bot: Part 2 of 4: Check-in.
                       Check in with `!checkin` (one feeling word if you like), or `!checkin listen` to just listen.
            [19:00:00] bot: Part 3 of 4: Sharing.
                       We share the time until the closing at 19:12:00: at 5 minutes each, about 2 of the 3 of you can share, so the round takes raised hands: those who haven't shared today go first.
                       Raise your hand with `!hand` to share; the host starts the round with `!round start`.
            [19:00:00] bot → Chidi: Your hand is up: you are 1st in the queue.
            [19:00:00] bot → Ana: Your hand is up: you are 2nd in the queue.
            [19:00:00] bot: We share the time until the closing at 19:12:00: at 5 minutes each, about 2 of the 3 of you can share, so the round takes raised hands: those who haven't shared today go first.
                       Share round: 5 minutes each, from raised hands. No crosstalk: please listen without responding to shares.
                       @Chidi, you have the floor: 5 minutes, until 19:05:00 (in 5 minutes). Up next: Ana.
            [19:04:00] bot: Chidi, 1 minute left (until 19:05:00).
            [19:04:30] bot: Chidi, 30 seconds left (until 19:05:00).
            [19:05:00] bot: Time, Chidi. Thank you for sharing.
                       @Ana, you're next: your turn runs from 19:05:10 to 19:10:10.
            [19:09:10] bot: Ana, 1 minute left (until 19:10:10).
            [19:09:40] bot: Ana, 30 seconds left (until 19:10:10).
            [19:10:10] bot: Time, Ana. Thank you for sharing.
                       No hands are up: unless someone raises one with `!hand` before 19:10:20, that was the last share of this round.
            [19:10:20] bot: The round has ended. 2 members shared. Thank you, everyone.
                       Part 4 of 4: Closing, until 19:12:20 (in 2 minutes).
                       Thank you for sharing, and thank you for listening.
                       Take good care of yourselves until next time.
        "#]],
    );
}
