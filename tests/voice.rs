//! The floor in a linked voice or Stage channel, played on the console's pretend channels
//! (`#channel`, `#voice`): who is muted, unmuted, moved up and back, and what the meeting is told,
//! line by line as the console shows it (`floor:` lines are the changes Discord would be asked
//! to make). Update after an intended change with `UPDATE_EXPECT=1 cargo test --test voice`, and
//! read the diff.

mod support;

use expect_test::expect;
use support::check_transcript as check;

#[test]
fn a_voice_meeting_mutes_around_turns_and_lifts_every_mute_it_put_on() {
    check(
        "
#role Ada admin
#role Hal host
#channel Lounge voice
#channel Side voice
Ada: !voice link #Lounge
Ada: !voice mute on
#voice Hal join Lounge
#voice Bo join Lounge
#voice Cy join Lounge
#voice Di join Lounge
#voice Mo join Lounge
#voice Mo mute
Hal: !open Tuesday circle
Bo: !checkin hopeful
Cy: !checkin
Di: !checkin
Hal: !round start 1m
+20s
#voice Ed join Lounge
#voice Di join Side
+50s
#voice Ed unmute
+1m10s
#voice Bo leave
Hal: !round end
#voice Bo join Side
Hal: !close
",
        expect![[r#"
            [19:00:00] bot → Ada: 🔊 Linked Lounge (voice channel) to this meeting.
                       I mute nobody. `!voice mute on` mutes everyone but the speaker and the hosts during share rounds (server mute; I lift every mute I put on).
            [19:00:00] bot → Ada: During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn keeps the floor with the speaker (`!voice pause open` opens it to everyone).
            [19:00:00] bot: Welcome. The session is open: Tuesday circle.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Bo.
            [19:00:00] bot → Bo (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Cy.
            [19:00:00] bot → Cy (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Di.
            [19:00:00] bot → Di (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Bo, Cy, Di. Say `!pass` at any time if you'd rather not share.
                       @Bo, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Cy.
            [19:00:00] floor: 🎙 muted Cy, Di
            [19:00:20] floor: 🎙 muted Ed
            [19:00:20] floor: 🎙 unmuted Di
            [19:00:30] bot: Bo, 30 seconds left (until 19:01:00).
            [19:01:00] bot: Time, Bo. Thank you for sharing.
                       @Cy, you're next: your turn runs from 19:01:10 to 19:02:10.
            [19:01:10] floor: 🎙 unmuted Cy · muted Bo
            [19:01:40] bot: Cy, 30 seconds left (until 19:02:10).
            [19:02:10] bot: Time, Cy. Thank you for sharing.
                       @Di, you're next: your turn runs from 19:02:20 to 19:03:20.
            [19:02:20] floor: 🎙 muted Cy
            [19:02:20] bot: The round has ended. 3 members shared. Thank you, everyone.
            [19:02:20] floor: 🎙 unmuted Cy
            [19:02:20] floor: 🎙 unmuted Bo
            [19:02:20] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn a_stage_meeting_moves_the_speaker_up_and_back_and_a_request_to_speak_is_a_hand() {
    check(
        "
#role Ada admin
#role Hal host
#channel Hall stage
#channel Lobby voice missing mute
Ada: !voice link #Lobby
Ada: !voice link #Nowhere
Ada: !voice link #Hall
Ada: !voice mute on
#voice Hal join Hall
#voice Bo join Hall
#voice Cy join Hall
#voice Mo moderator
#voice Mo join Hall
Hal: !open Tuesday circle
#voice Bo request
#voice Cy request
#voice Cy withdraw
#voice Cy request
#voice Mo request
Bo: !queue
Hal: !round start 1m queue
+1m10s
+1m10s
Hal: !close
",
        expect![[r#"
            [19:00:00] bot → Ada (private): I can't run the floor in Lobby: I'm missing Mute Members there. Give my role that permission in the channel's permissions, then link it again.
            [19:00:00] bot → Ada (private): I can't find a voice or Stage channel called “Nowhere” that I could link here. Voice and Stage channels are Discord's; Matrix calls have no floor control, so there the meeting runs in text.
            [19:00:00] bot → Ada: 🔊 Linked Hall (Stage) to this meeting.
                       When a turn starts I move the speaker to the speakers and the one before back to the audience; hosts and Stage moderators are never moved. A request to speak raises a hand.
                       I start the Stage when a session opens and end it at the close (`!voice stage off` leaves that to you).
            [19:00:00] bot → Ada (private): That is for a voice channel, and Hall is a Stage. On a Stage nobody is muted: only the speaker is moved to the speakers.
            [19:00:00] bot: Welcome. The session is open: Tuesday circle.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] floor: 🎙 Stage started: Tuesday circle
            [19:00:00] bot → Bo: Queue (2):
                         • 1. Bo — hand up for 0 seconds
                         • 2. Cy — hand up for 0 seconds
            [19:00:00] bot: Share round: 1 minute each, from raised hands. No crosstalk: please listen without responding to shares.
                       @Bo, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Cy.
            [19:00:00] floor: 🎙 to the speakers: Bo
            [19:00:30] bot: Bo, 30 seconds left (until 19:01:00).
            [19:01:00] bot: Time, Bo. Thank you for sharing.
                       @Cy, you're next: your turn runs from 19:01:10 to 19:02:10.
            [19:01:10] floor: 🎙 to the speakers: Cy · back to the audience: Bo
            [19:01:40] bot: Cy, 30 seconds left (until 19:02:10).
            [19:02:10] bot: Time, Cy. Thank you for sharing.
                       No hands are up: unless someone raises one with `!hand` before 19:02:20, that was the last share of this round.
            [19:02:20] bot: The round has ended. 2 members shared. Thank you, everyone.
            [19:02:20] floor: 🎙 back to the audience: Cy
            [19:02:20] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
            [19:02:20] floor: 🎙 Stage ended
        "#]],
    );
}

#[test]
fn a_lost_permission_is_told_once_and_the_text_meeting_goes_on() {
    check(
        "
#role Ada admin
#role Hal host
#channel Lounge voice
Ada: !voice link #Lounge
Ada: !voice mute on
#voice Bo join Lounge
#voice Cy join Lounge
Hal: !open
Bo: !checkin
Cy: !checkin
Hal: !round start 1m
#voice lose mute
+1m10s
+1m10s
Hal: !voice
#voice lose none
Ada: !voice link #Lounge
Hal: !close
",
        expect![[r#"
            [19:00:00] bot → Ada: 🔊 Linked Lounge (voice channel) to this meeting.
                       I mute nobody. `!voice mute on` mutes everyone but the speaker and the hosts during share rounds (server mute; I lift every mute I put on).
            [19:00:00] bot → Ada: During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn keeps the floor with the speaker (`!voice pause open` opens it to everyone).
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Bo.
            [19:00:00] bot → Bo (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Cy.
            [19:00:00] bot → Cy (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Bo, Cy. Say `!pass` at any time if you'd rather not share.
                       @Bo, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Cy.
            [19:00:00] floor: 🎙 muted Cy
            [19:00:30] bot: Bo, 30 seconds left (until 19:01:00).
            [19:01:00] bot: Time, Bo. Thank you for sharing.
                       @Cy, you're next: your turn runs from 19:01:10 to 19:02:10.
            [19:01:10] floor: 🎙 unmuted Cy · muted Bo
            [19:01:10] bot: ⚠ I can no longer change who speaks in Lounge: I'm missing Mute Members there. The meeting goes on here in text, and I won't touch voice until an admin gives the permission back and links the channel again with `!voice link`.
                       Hosts: I may have left these members muted; please unmute them by hand:
                         • Bo
                         • Cy
            [19:01:40] bot: Cy, 30 seconds left (until 19:02:10).
            [19:02:10] bot: Time, Cy. Thank you for sharing.
                       That was the last share of this round.
            [19:02:20] bot: The round has ended. 2 members shared. Thank you, everyone.
            [19:02:20] bot → Hal: 🔊 Linked to Lounge (voice channel).
                       During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn keeps the floor with the speaker (`!voice pause open` opens it to everyone).
                       ⚠ Not changing voice: I'm missing Mute Members. Give it back, then `!voice link` again.
            [19:02:20] bot → Ada: 🔊 Linked Lounge (voice channel) to this meeting.
                       During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn keeps the floor with the speaker (`!voice pause open` opens it to everyone).
            [19:02:20] floor: 🎙 unmuted Bo, Cy
            [19:02:20] bot: Session closed. Thank you for being here. Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
        "#]],
    );
}

#[test]
fn a_paused_turn_may_open_the_floor_and_a_start_reconciles_with_voice() {
    check(
        "
#role Ada admin
#role Hal host
#channel Lounge voice
Ada: !voice link #Lounge
Ada: !voice mute on
Ada: !voice pause open
#voice Bo join Lounge
#voice Cy join Lounge
Hal: !open
Bo: !checkin
Cy: !checkin
Hal: !round start 1m
Hal: !pause
Hal: !resume
#voice restart
Ada: !voice mute off
Ada: !voice mute on
Cy: !forget-me
Hal: !round end
Ada: !voice off
Ada: !voice off
Hal: !voice
",
        expect![[r#"
            [19:00:00] bot → Ada: 🔊 Linked Lounge (voice channel) to this meeting.
                       I mute nobody. `!voice mute on` mutes everyone but the speaker and the hosts during share rounds (server mute; I lift every mute I put on).
            [19:00:00] bot → Ada: During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn keeps the floor with the speaker (`!voice pause open` opens it to everyone).
            [19:00:00] bot → Ada: During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn opens the floor to everyone (`!voice pause keep` keeps it with the speaker).
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Bo.
            [19:00:00] bot → Bo (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Cy.
            [19:00:00] bot → Cy (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Share round: 1 minute each, in check-in order. No crosstalk: please listen without responding to shares.
                       Order: Bo, Cy. Say `!pass` at any time if you'd rather not share.
                       @Bo, you have the floor: 1 minute, until 19:01:00 (in 1 minute). Up next: Cy.
            [19:00:00] floor: 🎙 muted Cy
            [19:00:00] bot: Paused. The clock is stopped; take the time you need.
            [19:00:00] floor: 🎙 unmuted Cy
            [19:00:00] bot: Resumed: Bo has 1 minute left, until 19:01:00.
            [19:00:00] floor: 🎙 muted Cy
            [19:00:00] bot → Ada: I mute nobody. `!voice mute on` mutes everyone but the speaker and the hosts during share rounds (server mute; I lift every mute I put on).
            [19:00:00] floor: 🎙 unmuted Cy
            [19:00:00] bot → Ada: During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends (`!voice mute off` stops that).
                       A paused turn opens the floor to everyone (`!voice pause keep` keeps it with the speaker).
            [19:00:00] floor: 🎙 muted Cy
            [19:00:00] floor: 🎙 unmuted Cy
            [19:00:00] bot → Cy (private): Done: I have erased everything I stored about you, in every place. Take care.
            [19:00:00] bot: The round has ended. 1 member shared. Thank you, everyone.
            [19:00:00] bot → Ada: The voice channel is unlinked. I lifted every mute I had put on, and I change nothing in voice any more.
            [19:00:00] bot → Ada (private): No voice or Stage channel is linked here; an admin links one with `!voice link #channel`.
            [19:00:00] bot → Hal: No voice or Stage channel is linked to this meeting. An admin links one with `!voice link #channel` (Discord).
        "#]],
    );
}
