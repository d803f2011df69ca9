//! Scripted meetings through the console adapter, with the expected transcript inline.
//! Update after an intended change with `UPDATE_EXPECT=1 cargo test --test transcripts`, and read
//! the diff: every line is something a member would see.

mod support;

use expect_test::expect;
use support::check_transcript as check;

#[test]
fn sessions_open_and_close_and_who_may() {
    check(
        "
Ana: !open
Ana: !checkin
#role Robin host
Robin: !close
Robin: !open   Monday   circle
Robin: !open again
Ana: !close
Robin: !close
",
        expect![[r#"
            [19:00:00] bot → Ana (private): Only a host or an admin can use `!open`.
            [19:00:00] bot → Ana (private): There is no open session here. A host can open one with `!open`.
            [19:00:00] bot → Robin (private): There is no open session here. A host can open one with `!open`.
            [19:00:00] bot: Welcome. The session is open: Monday circle.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot → Robin (private): A session is already open (since 19:00:00). Close it first with `!close`.
            [19:00:00] bot → Ana (private): Only a host or an admin can use `!close`.
            [19:00:00] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn check_ins_roll_and_listeners() {
    check(
        "
#role Robin host
Robin: !open
Robin: !roll
Ana: !checkin hopeful
Ben: !check-in
Chidi: !checkin listen
Ana: !checkin a bit calmer
Ben: !who
Ana: !checkin this word is far too long to be one short feeling word at all
Robin: !close
Ana: !roll
",
        expect![[r#"
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot → Robin: Nobody has checked in yet. Check in with `!checkin`.
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
            [19:00:00] bot: Welcome, Chidi (just listening).
            [19:00:00] bot → Chidi (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Updated: Ana.
            [19:00:00] bot → Ben: Checked in (3):
                         • Ben
                         • Chidi (listening)
                         • Ana
            [19:00:00] bot → Ana (private): I didn't understand “checkin this word is far too long to be one short feeling wo…”: that is 61 characters; please keep it to 40. Try `!checkin hopeful`.
            [19:00:00] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:00:00] bot → Ana (private): There is no open session here. A host can open one with `!open`.
        "#]],
    );
}

#[test]
fn speaker_queue_with_fairness_and_host_controls() {
    check(
        "
#role Robin host
Robin: !open
Ana: !hand
Ana: !hand
Ben: !hand
+1m
Robin: !next
Ana: !hand
Chidi: !raise
Robin: !queue
Chidi: !hand down
Chidi: !hand down
Robin: !queue close
Dee: !hand
Robin: !queue close
Robin: !queue open
Dee: !hand
Robin: !queue move Dee 1
Robin: !queue remove Ana
Robin: !queue remove Zed
Ana: !queue clear
Robin: !queue clear
Robin: !queue
Robin: !next
",
        expect![[r#"
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot → Ana: Your hand is up: you are 1st in the queue.
            [19:00:00] bot → Ana (private): Your hand is already up: you are 1st in the queue.
            [19:00:00] bot → Ben: Your hand is up: you are 2nd in the queue.
            [19:01:00] bot: @Ana, you have the floor.
            [19:01:00] bot → Ana: Your hand is up: you are 2nd in the queue.
            [19:01:00] bot → Chidi: Your hand is up: you are 2nd in the queue.
            [19:01:00] bot → Robin: Queue (3):
                         • 1. Ben — hand up for 1 minute
                         • 2. Chidi — hand up for 0 seconds
                         • 3. Ana — hand up for 0 seconds
            [19:01:00] bot → Chidi: Your hand is down.
            [19:01:00] bot → Chidi (private): Your hand isn't up.
            [19:01:00] bot: The queue is closed for now: no new hands, please.
            [19:01:00] bot → Dee (private): The host has closed the queue for now.
            [19:01:00] bot → Robin: The queue is already closed.
            [19:01:00] bot: The queue is open: raise your hand with `!hand`.
            [19:01:00] bot → Dee: Your hand is up: you are 2nd in the queue.
            [19:01:00] bot → Robin: Moved Dee to 1st in the queue.
            [19:01:00] bot → Robin: Lowered Ana's hand.
            [19:01:00] bot → Robin (private): I don't know anyone called “Zed” here.
            [19:01:00] bot → Ana (private): Only a host or an admin can use `!queue clear`.
            [19:01:00] bot: All hands have been lowered.
            [19:01:00] bot → Robin: No hands are up.
            [19:01:00] bot → Robin (private): Nobody's hand is up. To start a timed go-around use `!round start`.
        "#]],
    );
}

#[test]
fn timed_go_around_with_warnings_time_and_auto_advance() {
    check(
        "
#role Robin host
Robin: !open
Ana: !checkin
Ben: !checkin
Chidi: !checkin
Robin: !round start 2m
Ben: !done
+1m
+30s
+29s
Robin: !status
+1s
+10s
Ben: !done
Chidi: !pass
Robin: !round start
Chidi: !pass
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
            [19:00:00] bot: Share round: 2 minutes each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben, Chidi. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 2 minutes, until 19:02:00 (in 2 minutes). Up next: Ben.
            [19:00:00] bot → Ben (private): It's Ana's turn; `!done` ends only your own turn.
            [19:01:00] bot: Ana, 1 minute left (until 19:02:00).
            [19:01:30] bot: Ana, 30 seconds left (until 19:02:00).
            [19:01:59] bot → Robin: Session open since 19:00:00. 3 checked in, 0 hand(s) up.
                       Speaking: Ana, until 19:02:00 (1 second left).
                       Up next: Ben.
            [19:02:00] bot: Time, Ana. Thank you for sharing.
                       @Ben, you're next: your turn runs from 19:02:10 to 19:04:10.
            [19:02:10] bot: Thank you, Ben.
                       @Chidi, you have the floor: 2 minutes, until 19:04:10 (in 2 minutes).
            [19:02:10] bot: Chidi passed.
                       The round has ended. 2 members shared. Thank you, everyone.
            [19:02:10] bot: Share round: 3 minutes each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ben, Chidi, Ana. Say `!pass` at any time if you'd rather not share.
                       @Ben, you have the floor: 3 minutes, until 19:05:10 (in 3 minutes). Up next: Chidi.
            [19:02:10] bot → Chidi (private): Noted: you will be passed when your turn comes. Nobody will hear anything but "passed".
        "#]],
    );
}

#[test]
fn pass_is_only_ever_announced_as_passed() {
    check(
        "
#role Robin host
Robin: !open
Ana: !checkin
Ben: !checkin
Chidi: !checkin listen
Dee: !checkin
Robin: !round start 1m
Dee: !pass
Dee: !pass
Chidi: !pass
Ana: !pass
Ana: !pass
Ben: !done
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
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Chidi (just listening).
            [19:00:00] bot → Chidi (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Dee.
            [19:00:00] bot → Dee (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben, Dee. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ben.
            [19:00:00] bot → Dee (private): Noted: you will be passed when your turn comes. Nobody will hear anything but "passed".
            [19:00:00] bot → Dee (private): You have already passed for this round.
            [19:00:00] bot → Chidi (private): You are not in this round's order, so there is nothing to pass. You're welcome to just listen.
            [19:00:00] bot: Ana passed.
                       @Ben, you have the floor: 1 minute, until 19:01:00 (in 1 minute).
            [19:00:00] bot → Ana (private): Your turn in this round has already been.
            [19:00:00] bot: Thank you, Ben.
                       Dee passed.
                       The round has ended. 1 member shared. Thank you, everyone.
        "#]],
    );
}

#[test]
fn host_skip_extend_pause_resume_and_end() {
    check(
        "
#role Robin host
Robin: !open
Ana: !checkin
Ben: !checkin
Chidi: !checkin
Dee: !checkin
Robin: !skip
Robin: !round start 2m
Ana: !skip
Robin: !skip Chidi
Robin: !skip Zed
+30s
Robin: !pause
Robin: !pause
+10m
Robin: !resume
Robin: !resume
Robin: !extend 1m
+2m
Robin: !extend
+1m
Robin: !skip
Robin: !round start
Robin: !round end
Robin: !round end
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
            [19:00:00] bot: Welcome, Dee.
            [19:00:00] bot → Dee (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Robin (private): No share round is running. A host can start one with `!round start`.
            [19:00:00] bot: Share round: 2 minutes each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben, Chidi, Dee. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 2 minutes, until 19:02:00 (in 2 minutes). Up next: Ben.
            [19:00:00] bot → Ana (private): Only a host or an admin can use `!skip`.
            [19:00:00] bot → Robin: Chidi will be skipped in this round.
            [19:00:00] bot → Robin (private): I don't know anyone called “Zed” here.
            [19:00:30] bot: Paused. The clock is stopped; take the time you need.
            [19:00:30] bot → Robin (private): The round is already paused. Use `!resume`.
            [19:10:30] bot: Resumed: Ana has 1 minute 30 seconds left, until 19:12:00.
            [19:10:30] bot → Robin (private): The round is not paused.
            [19:10:30] bot: Ana has 1 minute more, until 19:13:00 (in 2 minutes 30 seconds).
            [19:12:00] bot: Ana, 1 minute left (until 19:13:00).
            [19:12:30] bot: Ana, 30 seconds left (until 19:13:00).
            [19:12:30] bot: Ana has 1 minute more, until 19:14:00 (in 1 minute 30 seconds).
            [19:13:00] bot: Ana, 1 minute left (until 19:14:00).
            [19:13:30] bot: Ana, 30 seconds left (until 19:14:00).
            [19:13:30] bot: Moving on.
                       @Ben, you have the floor: 2 minutes, until 19:15:30 (in 2 minutes). Up next: Dee.
            [19:13:30] bot → Robin (private): A round is already running. End it first with `!round end`.
            [19:13:30] bot: The round has ended. 1 member shared. Thank you, everyone.
            [19:13:30] bot → Robin (private): No share round is running. A host can start one with `!round start`.
        "#]],
    );
}

#[test]
fn waiting_for_the_host_when_auto_advance_is_off() {
    check(
        "
#role Ada admin
Ada: !settings auto-advance off
Ada: !open
Ana: !checkin
Ben: !checkin
Ada: !round start 1m
+1m
+5m
Ada: !next
Ben: !done
",
        expect![[r#"
            [19:00:00] bot → Ada: Rounds wait for the host's `!next` after "time".
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
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ben.
            [19:00:30] bot: Ana, 30 seconds left (until 19:01:00).
            [19:01:00] bot: Time, Ana. Thank you for sharing. The host will call the next speaker.
            [19:06:00] bot: @Ben, you have the floor: 1 minute, until 19:07:00 (in 1 minute).
            [19:06:00] bot: Thank you, Ben.
                       The round has ended. 2 members shared. Thank you, everyone.
        "#]],
    );
}

#[test]
fn queue_round_and_shuffle_and_rotation() {
    check(
        "
#role Robin host
Robin: !open
Robin: !round start queue
Ana: !hand
Ben: !hand
Robin: !round start 1m queue
Chidi: !hand
Ana: !done
Ben: !pass
Chidi: !done
Ana: !checkin
Ben: !checkin
Chidi: !checkin
Robin: !round start 1m
Robin: !round end
Robin: !round start 1m
Robin: !round end
Robin: !round start 1m shuffle
Robin: !round end
",
        expect![[r#"
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot → Robin (private): Nobody's hand is up, so a queue round has no one to call. Members can raise a hand with `!hand`.
            [19:00:00] bot → Ana: Your hand is up: you are 1st in the queue.
            [19:00:00] bot → Ben: Your hand is up: you are 2nd in the queue.
            [19:00:00] bot: Share round: 1 minute each, from raised hands. No crosstalk: please listen without responding to shares.
                       @Ana, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ben.
            [19:00:00] bot → Chidi: Your hand is up: you are 2nd in the queue.
            [19:00:00] bot: Thank you, Ana.
                       @Ben, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Chidi.
            [19:00:00] bot: Ben passed.
                       @Chidi, you have the floor: 1 minute, until 19:01:00 (in 1 minute).
            [19:00:00] bot: Thank you, Chidi.
                       The round has ended. 2 members shared. Thank you, everyone.
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
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ben, Chidi, Ana. Say `!pass` at any time if you'd rather not share.
                       @Ben, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Chidi.
            [19:00:00] bot: The round has ended. 1 member shared. Thank you, everyone.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Chidi, Ana, Ben. Say `!pass` at any time if you'd rather not share.
                       @Chidi, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ana.
            [19:00:00] bot: The round has ended. 1 member shared. Thank you, everyone.
            [19:00:00] bot: Share round: 1 minute each, in a shuffled order. No crosstalk: please listen without responding to shares.
                       Order: Chidi, Ben, Ana. Say `!pass` at any time if you'd rather not share.
                       @Chidi, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ben.
            [19:00:00] bot: The round has ended. 1 member shared. Thank you, everyone.
        "#]],
    );
}

#[test]
fn settings_are_for_admins_and_checked() {
    check(
        "
#role Robin host
#role Ada admin
Robin: !settings
Ana: !settings share-time 5m
Ada: !settings
Ada: !settings share-time 5s
Ada: !settings share-time 4m
Ada: !settings warnings 30s,2m,30s
Ada: !settings warnings none
Ada: !settings grace 0s
Ada: !settings grace 1x
Ada: !settings grace 11m
Ada: !settings grace 5s
Ada: !settings fairness off
Ada: !settings crosstalk discussion
Ada: !settings crosstalk loud
Ada: !settings host-role Facilitators
Ada: !settings idle-close 5m
Ada: !settings idle-close 2h
Ada: !settings auto-advance maybe
Ada: !settings
Ada: !open
Ana: !checkin
Ada: !round start
",
        expect![[r#"
            [19:00:00] bot → Robin (private): Only an admin can use `!settings`.
            [19:00:00] bot → Ana (private): Only an admin can use `!settings share-time`.
            [19:00:00] bot → Ada: This meeting's settings:
                         • share-time: 3m
                         • warnings: 1m,30s
                         • grace: 10s
                         • auto-advance: on
                         • fairness: on
                         • crosstalk: none
                         • idle-close: 3h
                         • host-role: (not set)
                         • timezone: UTC
                         • attendance: off
                         • welcome: on
                         • retention: 30d
                         • schedule-grace: 10m
                         • min-share: 1m
                         • crisis: the default text
            [19:00:00] bot → Ada (private): A share time under 10 seconds is too short to share anything. Try `!settings share-time 3m`.
            [19:00:00] bot → Ada: Share time is now 4 minutes.
            [19:00:00] bot → Ada: Warnings will be given 2 minutes and 30 seconds before the end of a turn.
            [19:00:00] bot → Ada: No warnings will be given before "time".
            [19:00:00] bot → Ada: After "time", the next speaker is called after 0 seconds.
            [19:00:00] bot → Ada (private): I didn't understand “settings grace 1x”: “1x” is not a duration like `90s`, `3m` or `1m30s`. Try `!settings grace 10s`.
            [19:00:00] bot → Ada (private): The grace period can be at most 10 minutes. Try `!settings grace 10s`.
            [19:00:00] bot → Ada: After "time", the next speaker is called after 5 seconds.
            [19:00:00] bot → Ada: Fairness is off: the queue keeps the order hands were raised.
            [19:00:00] bot → Ada: The crosstalk policy is now `discussion`.
            [19:00:00] bot → Ada (private): I didn't understand “settings crosstalk loud”: “loud” is not one of `none`, `discussion`, `open`. Try `!settings crosstalk none`.
            [19:00:00] bot → Ada: Members with the role Facilitators are hosts here.
            [19:00:00] bot → Ada (private): Idle close must be at least 15 minutes. Try `!settings idle-close 3h`.
            [19:00:00] bot → Ada: An open session with no activity is closed after 2 hours.
            [19:00:00] bot → Ada (private): I didn't understand “settings auto-advance maybe”: “maybe” is not one of `on`, `off`. Try `!settings auto-advance on`.
            [19:00:00] bot → Ada: This meeting's settings:
                         • share-time: 4m
                         • warnings: none
                         • grace: 5s
                         • auto-advance: on
                         • fairness: off
                         • crosstalk: discussion
                         • idle-close: 2h
                         • host-role: Facilitators
                         • timezone: UTC
                         • attendance: off
                         • welcome: on
                         • retention: 30d
                         • schedule-grace: 10m
                         • min-share: 1m
                         • crisis: the default text
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
            [19:00:00] bot: Share round: 4 minutes each, in check-in order. Crosstalk: please hold responses for the discussion after the round.
                       Order: Ana. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 4 minutes, until 19:04:00 (in 4 minutes).
        "#]],
    );
}

#[test]
fn crisis_my_data_and_forget_me() {
    check(
        "
#role Robin host
#role Ada admin
Ana: !crisis
Robin: !crisis set Call us
Ada: !crisis set Call 112, or the Samaritans on 116 123. <b>@everyone</b>
Ana: !sos
Ana: !my-data
Robin: !open
Ana: !checkin hopeful
Ana: !hand
Ana: !my-data
Ana: !forget-me
Ana: !my-data
Robin: !queue
Robin: !roll
Ada: !crisis reset
Ana: !crisis
",
        expect![[r#"
            [19:00:00] bot → Ana (private): If you are in danger or thinking about ending your life, please call your local emergency number now (112 in the EU, 911 in the US and Canada, 999 in the UK, 000 in Australia). You can find a free, confidential helpline in your country at findahelpline.com. You are not alone, and reaching out is a brave thing to do.
            [19:00:00] bot → Robin (private): Only an admin can use `!crisis set`.
            [19:00:00] bot → Ada: Saved. `!crisis` now shows your text.
            [19:00:00] bot → Ana (private): Call 112, or the Samaritans on 116 123. <b>@everyone</b>
            [19:00:00] bot → Ana (private): I store nothing about you right now. (Check-in words are erased when a session closes.)
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
            [19:00:00] bot → Ana: Your hand is up: you are 1st in the queue.
            [19:00:00] bot → Ana (private): This is everything I store about you:
                       Here
                         • your display name: Ana
                         • checked in at 19:00:00, with a feeling word (erased when the session closes)
                         • hand up since 19:00:00
                         • that you checked in here before, last on 2026-03-02 (kept 30 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
            [19:00:00] bot → Ana (private): Done: I have erased everything I stored about you, in every place. Take care.
            [19:00:00] bot → Ana (private): I store nothing about you right now. (Check-in words are erased when a session closes.)
            [19:00:00] bot → Robin: No hands are up.
            [19:00:00] bot → Robin: Nobody has checked in yet. Check in with `!checkin`.
            [19:00:00] bot → Ada: Saved. `!crisis` shows the default resources again.
            [19:00:00] bot → Ana (private): If you are in danger or thinking about ending your life, please call your local emergency number now (112 in the EU, 911 in the US and Canada, 999 in the UK, 000 in Australia). You can find a free, confidential helpline in your country at findahelpline.com. You are not alone, and reaching out is a brave thing to do.
        "#]],
    );
}

#[test]
fn forget_me_during_ones_own_turn_moves_on_without_naming() {
    check(
        "
#role Robin host
Robin: !open
Ana: !checkin
Ben: !checkin
Robin: !round start 1m
Ana: !forget-me
Robin: !status
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
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Ana, Ben. Say `!pass` at any time if you'd rather not share.
                       @Ana, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Ben.
            [19:00:00] bot: Moving on.
                       @Ben, you have the floor: 1 minute, until 19:01:00 (in 1 minute).
            [19:00:00] bot → Ana (private): Done: I have erased everything I stored about you, in every place. Take care.
            [19:00:00] bot → Robin: Session open since 19:00:00. 1 checked in, 0 hand(s) up.
                       Speaking: Ben, until 19:01:00 (1 minute left).
        "#]],
    );
}

#[test]
fn help_and_mistakes_get_kind_specific_answers() {
    check(
        "
Ana: !help round start
Ana: !help nonsense
Ana: !
Ana: !chekin
Ana: !round strat
Ana: !hand now
Ana: !extend 5
#role Robin host
Robin: !open
Robin: !round start 3x
Robin: !round start 5s
Robin: !round
Robin: !queue move Ana first
Robin: !queue move
Ana: hello, this is just conversation and is ignored
bad line without a colon
#role Robin wizard
+5m
",
        expect![[r#"
            [19:00:00] bot → Ana: `!round start [share-time] [order]` — Start a timed share round.
                         • share-time: time for each speaker, like 3m or 1m30s (optional)
                         • order: checkin (go-around), queue (raised hands) or shuffle (optional)
                       Who: a host or an admin. Example: `!round start 3m checkin`
                       Also: round begin
            [19:00:00] bot → Ana (private): There is no command `nonsense`. Type `!help` for the list.
            [19:00:00] bot → Ana (private): Type `!help` to see what I can do.
            [19:00:00] bot → Ana (private): I don't know the command “chekin”. Did you mean `!checkin`? Type `!help` for the list.
            [19:00:00] bot → Ana (private): “round” needs one more word: `!round start` or `!round end`.
            [19:00:00] bot → Ana (private): I didn't understand “hand now”: `hand` takes nothing after it. Try `!hand`.
            [19:00:00] bot → Ana (private): I didn't understand “extend 5”: “5” has no unit: write `5s` for seconds or `5m` for minutes. Try `!extend 1m`.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot → Robin (private): I didn't understand “round start 3x”: “3x” is not a duration like `90s`, `3m` or `1m30s`. Try `!round start 3m checkin`.
            [19:00:00] bot → Robin (private): A share time under 10 seconds is too short to share anything. Try `!round start 3m`.
            [19:00:00] bot → Robin (private): “round” needs one more word: `!round start` or `!round end`.
            [19:00:00] bot → Robin (private): I didn't understand “queue move Ana first”: “first” is not a position like `1` or `3`. Try `!queue move Sam 1`.
            [19:00:00] bot → Robin (private): I didn't understand “queue move”: it needs position. Try `!queue move Sam 1`.
            ! line 17: expected `NAME: TEXT`, `#role NAME host|admin|member`, `#locale NAME CODE`, `#channel …`, `#voice …` or `+DURATION` (like `+90s`)
            ! line 18: `#role` takes a name and one of host, admin, member: `#role Sam host`
        "#]],
    );
}

#[test]
fn help_lists_every_command_by_role() {
    check(
        "Ana: !help",
        expect![[r#"
            [19:00:00] bot → Ana: Commands (say `!help COMMAND` for more):
                       For everyone
                         • `!help [command]` — List the commands, or explain one
                         • `!checkin listen` — Check in as just listening: you will not be called in a go-around
                         • `!checkin [word]` — Say you are here, with one feeling word if you like
                         • `!roll` — Who has checked in (names only)
                         • `!hand down` — Lower your hand
                         • `!hand` — Raise your hand to share
                         • `!queue` — Show the speaker queue
                         • `!done` — End your turn early
                         • `!pass` — Pass on your turn in this round (now or before it comes)
                         • `!status` — Show the session, the speaker and the time left
                         • `!crisis` — Crisis resources, answered privately
                         • `!my-data` — Everything stored about you, answered privately
                         • `!forget-me` — Erase everything stored about you, in every place
                         • `!schedule list` — List the recurring meetings
                         • `!schedule next` — When the next meeting is
                         • `!roles volunteer ROLE` — Volunteer for a service role
                         • `!roles unvolunteer ROLE` — Step down from a service role's rotation
                         • `!roles list` — Service roles, their volunteers and who serves next
                         • `!agenda` — Show the meeting's agenda with each part's planned times
                         • `!format` — Show this place's meeting format, part by part
                         • `!format list` — List the format templates to start from
                         • `!welcome` — Show the welcome a newcomer gets at their first check-in
                         • `!language [language]` — Choose the language the bot answers you in, or see yours
                         • `!language reset` — Answer me in my app's or this meeting's language again
                         • `!voice` — Show the linked voice or Stage channel and how the floor works there
                       For hosts
                         • `!open [name]` — Open a session
                         • `!close` — Close the session (erases check-in words)
                         • `!round start [share-time] [order]` — Start a timed share round
                         • `!next` — Call the next speaker
                         • `!skip [member]` — Skip the speaker, or someone later in the round
                         • `!extend [time]` — Give the speaker more time
                         • `!pause` — Pause the speaker's clock
                         • `!resume` — Resume the speaker's clock
                         • `!round end` — End the share round
                         • `!queue remove MEMBER` — Take a member off the queue
                         • `!queue move MEMBER POSITION` — Move a member to another place in the queue
                         • `!queue clear` — Lower every hand
                         • `!queue close` — Stop taking new hands
                         • `!queue open` — Take hands again
                         • `!roles swap ROLE MEMBER` — Give today's (or the next) service to someone else
                         • `!roles rotate` — Move every service role on to its next volunteer
                         • `!agenda next` — End the part under way and begin the next one
                         • `!agenda back` — Go back to the previous part and begin it again
                         • `!agenda skip [part]` — Skip a part (the one under way ends at once)
                         • `!agenda go PART` — Begin that part now (in an open session without an agenda, start the format there)
                         • `!agenda end TIME` — Say when the meeting must end (shares until the closing fit into it)
                       For admins
                         • `!settings` — Show this meeting's settings
                         • `!settings share-time TIME` — Set the default share time
                         • `!settings warnings TIMES` — Set when warnings are given before a turn ends
                         • `!settings grace TIME` — Set the pause between "time" and the next speaker
                         • `!settings auto-advance ON-OFF` — Move to the next speaker automatically, or wait for the host
                         • `!settings fairness ON-OFF` — Put members who already shared behind those who have not
                         • `!settings crosstalk POLICY` — Set the crosstalk policy shown when a round starts
                         • `!settings host-role ROLE` — Name the role whose members are hosts
                         • `!settings idle-close TIME` — Close forgotten sessions after a long idle time
                         • `!crisis set TEXT` — Set this meeting's crisis resources
                         • `!crisis reset` — Go back to the default crisis text
                         • `!settings timezone ZONE` — Set the meeting's time zone (schedules and attendance dates)
                         • `!settings attendance ON-OFF` — Keep attendance dates (off by default)
                         • `!settings schedule-grace TIME` — How late a missed scheduled reminder or opening may still happen
                         • `!settings min-share TIME` — Shortest share when a format divides the time until the closing
                         • `!retention DAYS` — How long attendance dates are kept
                         • `!schedule add NAME WHEN [zone] [duration] [remind-before]` — Add a recurring meeting
                         • `!schedule remove NAME` — Remove a recurring meeting
                         • `!roles add ROLE` — Add a service role that rotates between volunteers
                         • `!roles remove ROLE` — Remove a service role
                         • `!format use TEMPLATE` — Give this place a format copied from a template
                         • `!format off` — Remove the format: sessions run rounds only, as a host starts them
                         • `!format add KIND [time] [title]` — Add a part at the end of the format
                         • `!format remove PART` — Remove a part from the format
                         • `!format move PART TO` — Move a part to another place in the format
                         • `!format time PART TIME` — Set a part's time box (a share part: each speaker's time)
                         • `!format title PART TITLE` — Rename a part
                         • `!format text PART TEXT` — Set the text a part posts (a reading, a welcome)
                         • `!format order PART ORDER` — Set the order a share part calls people in
                         • `!format crosstalk PART POLICY` — Set a share or discussion part's crosstalk policy
                         • `!format role PART ROLE` — Say which service role reads a reading
                         • `!format export` — Show the whole format as a TOML document to keep, edit and import
                         • `!format import DOCUMENT` — Replace the format with a TOML document; every problem is listed at once
                         • `!settings welcome ON-OFF` — Send newcomers a private welcome at their first check-in
                         • `!welcome set TEXT` — Write this meeting's own welcome for newcomers
                         • `!welcome reset` — Go back to the default welcome
                         • `!settings language LANGUAGE` — Choose the language everything posted here is in
                         • `!voice link CHANNEL` — Link a voice or Stage channel: the floor follows the speaker (Discord)
                         • `!voice off` — Unlink the voice channel (every mute the bot put on is lifted first)
                         • `!voice mute ON-OFF` — Mute everyone but the speaker and the hosts during share rounds
                         • `!voice stage ON-OFF` — Start and end the linked Stage with the session
                         • `!voice pause OPEN-KEEP` — Whether a paused turn opens the floor to everyone
        "#]],
    );
}

#[test]
fn a_forgotten_session_closes_itself_after_idle_time() {
    check(
        "
#role Robin host
Robin: !open
Ana: !checkin
+2h59m
Ana: !status
+3h
Ana: !status
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
            [21:59:00] bot → Ana: Session open since 19:00:00. 1 checked in, 0 hand(s) up.
            [22:00:00] bot: Closing the session after 3 hours without activity. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [00:59:00] bot → Ana (private): There is no open session here. A host can open one with `!open`.
        "#]],
    );
}

#[test]
fn json_output_has_time_audience_kind_and_text() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out = rt.block_on(sharecircle::console::run_script(
        "#role Robin host\nRobin: !open\nAna: !checkin\nRobin: !round start 1m\nAna: !hand\nBen: !done\n+1m",
        true,
    ));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 8, "{out}");
    for l in &lines {
        assert!(bot_core::domain::Timestamp::parse_rfc3339(l["at"].as_str().unwrap()).is_some());
        assert_eq!(l["channel"], "console:main");
        assert!(l["text"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "session_opened",
            "check_in",
            "welcome",
            "round_started",
            "ack",
            "refusal",
            "warning",
            "time"
        ]
    );
    assert_eq!(lines[2]["audience"], "private");
    assert_eq!(lines[2]["to"], "Ana");
    assert_eq!(lines[3]["mentions"], serde_json::json!(["Ana"]));
    assert_eq!(lines[4]["audience"], "reply");
    assert_eq!(lines[5]["audience"], "private");
    assert_eq!(lines[5]["to"], "Ben");
    assert_eq!(lines[6]["at"], "2026-03-02T19:00:30.000Z");
    assert_eq!(lines[7]["at"], "2026-03-02T19:01:00.000Z");
}

#[test]
fn the_demo_runs_a_whole_meeting() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out = rt.block_on(sharecircle::demo::run(false, bot_core::domain::Lang::En));
    for needle in [
        "session is open",
        "Agenda: Open sharing circle",
        "We share the time until the closing",
        "1 minute left",
        "30 seconds left",
        "Time, Ana",
        "Ben passed.",
        "Ana has 1 minute more",
        "The round has ended. 2 members shared.",
        "Part 4 of 4: Closing",
        "The meeting has ended",
    ] {
        assert!(out.contains(needle), "demo lacks {needle:?}:\n{out}");
    }
    assert!(
        !out.contains("! line"),
        "the demo script has a bad line:\n{out}"
    );
}

#[test]
fn a_newcomer_is_welcomed_privately_once_and_the_admins_set_the_words() {
    check(
        "
#role Ada admin
#role Robin host
Robin: !open
Ana: !checkin hopeful
Ana: !checkin tired
Robin: !close
Robin: !open
Ana: !checkin
Ana: !my-data
Ada: !welcome set Welcome to the Tuesday circle! \\
Nobody has to share; say !pass any time.
Ben: !checkin listen
Ben: !welcome
Ana: !forget-me
Ana: !checkin
Ada: !settings welcome off
Cy: !checkin
Ada: !welcome reset
Ada: !settings welcome on
Cy: !welcome set Hi
Robin: !close
+31d
Robin: !open
Ben: !checkin
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
            [19:00:00] bot: Updated: Ana.
            [19:00:00] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): This is everything I store about you:
                       Here
                         • your display name: Ana
                         • checked in at 19:00:00
                         • that you checked in here before, last on 2026-03-02 (kept 30 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
            [19:00:00] bot → Ada: This meeting's welcome is set. A newcomer gets it like this:
                       Welcome to the Tuesday circle!
                       Nobody has to share; say !pass any time.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Ben (just listening).
            [19:00:00] bot → Ben (private): Welcome to the Tuesday circle!
                       Nobody has to share; say !pass any time.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Ben: A member checking in here for the first time gets this, privately (`!settings welcome off` stops it):
                       Welcome to the Tuesday circle!
                       Nobody has to share; say !pass any time.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Ana (private): Done: I have erased everything I stored about you, in every place. Take care.
            [19:00:00] bot: Welcome, Ana.
            [19:00:00] bot → Ana (private): Welcome to the Tuesday circle!
                       Nobody has to share; say !pass any time.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Ada: No welcome is sent any more, and I keep no record of who checked in before.
            [19:00:00] bot: Welcome, Cy.
            [19:00:00] bot → Ada: Newcomers get the default welcome again (see it with `!welcome`).
            [19:00:00] bot → Ada: Members checking in here for the first time get a private welcome.
            [19:00:00] bot → Cy (private): Only an admin can use `!welcome set`.
            [19:00:00] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
        "#]],
    );
}
