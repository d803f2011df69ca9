//! The floor on Discord, as members in the voice channel and on the Stage notice it: who is
//! server-muted or moved to the speakers when, a late joiner, a member who leaves while muted, a
//! member a moderator muted (left alone), a request to speak as a raised hand, the Stage started
//! and ended with the session, and a permission taken away mid-round (said once, no more voice
//! calls, the text meeting goes on). Everything goes through the double's voice endpoints with
//! Discord's validation and rate limits.

use std::time::Duration;

use bot_core::domain::Millis;
use serde_json::{json, Value};

use crate::harness::*;

async fn voice_world() -> World {
    World::start_with(Setup {
        voice: true,
        ..Setup::default()
    })
    .await
}

/// Waits until `user`'s voice state satisfies `pred` (what their Discord client shows).
async fn until(w: &World, user: u64, what: &str, pred: impl Fn(&Value) -> bool) {
    w.double
        .wait_voice_state(w.guild, user, |s| s.is_some_and(&pred), WAIT)
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"));
}

/// Waits until the bot has heard that `user` is server-muted: the newest of their voice states,
/// also when serenity runs the handlers of their join and of the mute in the other order. (A
/// round started before the bot heard the mute would find them unmuted and mute them itself.)
async fn bot_heard_muted(w: &World, user: u64) {
    let member = format!("discord:{user}");
    for _ in 0..200 {
        let place = w.engine.place_state(&w.place()).await.unwrap();
        let heard = place.and_then(|p| p.voice).is_some_and(|v| {
            (v.present.iter()).any(|(m, seen)| m.as_str() == member && seen.server_muted)
        });
        if heard {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the bot never heard that {member} is server-muted");
}

fn muted(s: &Value) -> bool {
    s["mute"] == json!(true)
}

fn speaking(s: &Value) -> bool {
    s["suppress"] == json!(false)
}

/// The member PATCHes (mutes and unmutes) the bot sent for `user`.
fn mutes_of(w: &World, user: u64) -> Vec<bool> {
    let path = format!("/api/v10/guilds/{}/members/{user}", w.guild);
    w.double
        .voice_requests()
        .into_iter()
        .filter(|r| r.method == "PATCH" && r.path == path)
        .filter_map(|r| r.body.as_ref().and_then(|b| b["mute"].as_bool()))
        .collect()
}

/// Hana's role hosts; `channel` is linked to the meeting.
async fn link(w: &World, channel: u64) {
    let p = w.who.clone();
    w.name_host_role().await;
    let (_, cb) = w
        .sub(
            p.owner,
            "voice",
            "link",
            json!([{ "name": "channel", "value": channel.to_string() }]),
        )
        .await;
    let c = cb.content().unwrap_or_default();
    assert!(c.contains("Linked"), "{c}");
}

/// The host starts a share round of one minute each (`order`: `queue` or the check-ins).
async fn start_round(w: &World, order: Option<&str>) {
    let mut options = vec![json!({ "name": "share-time", "value": "1m" })];
    options.extend(order.map(|o| json!({ "name": "order", "value": o })));
    let start = json!([{ "name": "start", "type": 1, "options": options }]);
    w.slash(w.who.host, "round", start).await;
}

async fn open_and_check_in(w: &World, members: &[u64]) {
    let p = w.who.clone();
    w.slash(p.host, "open", json!([])).await;
    for m in members {
        w.sub(*m, "checkin", "here", json!([])).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voice_meeting_mutes_all_but_the_speaker_and_unmutes_everyone_it_muted() {
    let w = voice_world().await;
    let p = w.who.clone();
    link(&w, w.lounge).await;
    let (_, cb) = w
        .sub(
            p.owner,
            "voice",
            "mute",
            json!([{ "name": "on-off", "value": "on" }]),
        )
        .await;
    assert!(
        cb.content()
            .unwrap_or_default()
            .contains("During a share round"),
        "{cb:?}"
    );
    for m in [p.host, p.ann, p.bo, p.cy, p.plain] {
        w.double.voice_join(w.guild, m, w.lounge);
    }
    // A moderator muted Pat before the meeting: the bot leaves Pat alone.
    w.double.moderator_mute(w.guild, p.plain, true);
    bot_heard_muted(&w, p.plain).await;
    open_and_check_in(&w, &[p.ann, p.bo, p.cy]).await;
    start_round(&w, None).await;
    // The round's first speaker talks; everyone else but the host is muted.
    let sharers = [p.ann, p.bo, p.cy];
    let mut speaker = None;
    for _ in 0..100 {
        let unmuted: Vec<u64> = (sharers.iter().copied())
            .filter(|m| !muted(&w.double.voice_state(w.guild, *m).unwrap()))
            .collect();
        if let [one] = unmuted.as_slice() {
            speaker = Some(*one);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let speaker = speaker.expect("all but the speaker are muted");
    assert!(
        !muted(&w.double.voice_state(w.guild, p.host).unwrap()),
        "the host is never muted"
    );
    assert!(
        mutes_of(&w, p.plain).is_empty(),
        "Pat (muted by a moderator) is not touched"
    );
    assert_eq!(
        mutes_of(&w, speaker),
        Vec::<bool>::new(),
        "the speaker was never muted"
    );

    // The live status message shows the link.
    w.wait_status(|m| m.content.contains("🔊 Lounge")).await;

    // The turn ends and the grace passes: the next speaker is unmuted, the last one muted.
    let next = poll_unmuted_other(&w, &sharers, speaker).await;
    assert!(
        muted(&w.double.voice_state(w.guild, speaker).unwrap()),
        "the last speaker is muted"
    );
    let speaker = next;

    // A member who joins mid-round is muted.
    w.double.voice_join(w.guild, p.loud, w.lounge);
    until(&w, p.loud, "a late joiner is muted", muted).await;

    // A muted member leaves voice (a server mute stays with them): the mute is lifted at their
    // next join, once the round no longer needs it.
    let leaver = sharers.into_iter().find(|m| *m != speaker).unwrap();
    assert!(muted(&w.double.voice_state(w.guild, leaver).unwrap()));
    w.double.voice_leave(w.guild, leaver);

    // The host ends the round: everyone the bot muted is unmuted; Pat stays as the moderator
    // left them.
    w.slash(
        p.host,
        "round",
        json!([{ "name": "end", "type": 1, "options": [] }]),
    )
    .await;
    let stayed: Vec<u64> = (sharers.iter().copied())
        .filter(|m| *m != leaver)
        .chain([p.loud])
        .collect();
    for m in stayed {
        until(&w, m, "unmuted at the round's end", |s| !muted(s)).await;
    }
    // Out of voice nobody can unmute them (an unmute tried before the bot heard they left is
    // refused by Discord); they are still muted.
    let path = format!("/api/v10/guilds/{}/members/{leaver}", w.guild);
    let tried = |w: &World| {
        (w.double.voice_requests().into_iter())
            .filter(|r| {
                r.path == path && r.body.as_ref().is_some_and(|b| b["mute"] == json!(false))
            })
            .map(|r| r.status)
            .collect::<Vec<u16>>()
    };
    assert!(tried(&w).iter().all(|s| *s == 400), "{:?}", tried(&w));
    let guild = w.double.guild(w.guild).unwrap();
    assert!(
        guild.member(leaver).unwrap().mute,
        "still server-muted out of voice"
    );
    w.double.voice_join(w.guild, leaver, w.lounge);
    until(&w, leaver, "unmuted at their next join", |s| !muted(s)).await;
    assert_eq!(tried(&w).last(), Some(&200));
    assert!(
        muted(&w.double.voice_state(w.guild, p.plain).unwrap()),
        "Pat is still muted by the moderator"
    );
    assert!(mutes_of(&w, p.plain).is_empty());
    // An unmute that crossed the leaver's leave on the wire is refused by Discord (40032), as
    // above; nothing else may be wrong.
    let violations: Vec<String> = (w.double.take_violations().into_iter())
        .filter(|v| !v.contains(&format!("members/{leaver}: 400 40032")))
        .collect();
    assert!(violations.is_empty(), "{violations:?}");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stage_meeting_starts_the_stage_moves_speakers_and_takes_requests_to_speak_as_hands() {
    let w = voice_world().await;
    let p = w.who.clone();
    link(&w, w.hall).await;
    for m in [p.host, p.ann, p.bo] {
        w.double.voice_join(w.guild, m, w.hall);
    }
    w.slash(
        p.host,
        "open",
        json!([{ "name": "name", "value": "Tuesday circle" }]),
    )
    .await;
    let stage = w
        .double
        .wait_stage_instance(w.hall, |s| s.is_some(), WAIT)
        .await
        .expect("the Stage starts with the session")
        .unwrap();
    assert_eq!(stage["topic"], json!("Tuesday circle"));

    // Ann asks to speak on the Stage: her hand is up, as with /hand.
    w.double.request_to_speak(w.guild, p.ann, true);
    let mut queued = false;
    for _ in 0..50 {
        let (_, cb) = w.sub(p.bo, "queue", "show", json!([])).await;
        if cb.content().unwrap_or_default().contains("Ann") {
            queued = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(queued, "a request to speak raised Ann's hand");

    // A round from the queue: Ann is invited up to the speakers.
    start_round(&w, Some("queue")).await;
    until(&w, p.ann, "the speaker is moved to the speakers", speaking).await;
    assert!(
        !speaking(&w.double.voice_state(w.guild, p.bo).unwrap()),
        "Bo stays in the audience"
    );

    // Bo asks too; when Ann's turn ends Bo is invited up and Ann goes back to the audience
    // (two voice calls for the turn change).
    w.double.request_to_speak(w.guild, p.bo, true);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = w.double.voice_requests().len();
    w.advance(Millis::secs(71)).await;
    until(&w, p.bo, "the next speaker is invited up", speaking).await;
    until(&w, p.ann, "the last speaker back to the audience", |s| {
        !speaking(s)
    })
    .await;
    assert_eq!(
        w.double.voice_requests().len() - before,
        2,
        "two calls a turn change"
    );

    // The session closes: Bo goes back to the audience and the Stage ends.
    w.slash(p.host, "close", json!([])).await;
    w.double
        .wait_stage_instance(w.hall, |s| s.is_none(), WAIT)
        .await
        .expect("the Stage ends with the session");
    until(&w, p.bo, "back to the audience", |s| !speaking(s)).await;
    let violations = w.double.violations();
    assert!(violations.is_empty(), "{violations:?}");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permission_taken_away_mid_round_is_told_once_and_the_text_meeting_goes_on() {
    let w = voice_world().await;
    let p = w.who.clone();
    link(&w, w.lounge).await;
    w.sub(
        p.owner,
        "voice",
        "mute",
        json!([{ "name": "on-off", "value": "on" }]),
    )
    .await;
    for m in [p.ann, p.bo] {
        w.double.voice_join(w.guild, m, w.lounge);
    }
    open_and_check_in(&w, &[p.ann, p.bo]).await;
    start_round(&w, None).await;
    w.double
        .wait_voice_requests(1, WAIT)
        .await
        .expect("the one not speaking is muted");

    // An admin takes Mute Members away from the bot's role.
    let g = w.double.guild(w.guild).unwrap();
    let bot_role = g
        .roles
        .iter()
        .find(|r| r.name == "sharecircle-test")
        .expect("the bot's role")
        .id;
    w.double.set_role_permissions(
        w.guild,
        bot_role,
        discord_double::perms::BOT_DEFAULT | discord_double::perms::MOVE_MEMBERS,
    );
    let before = w.double.voice_requests().len();
    // The turn changes: the unmute is refused (403); the hosts are told once.
    w.advance(Millis::secs(75)).await;
    let notice = w
        .double
        .wait_for_message(
            w.channel,
            |m| m.content.contains("I can no longer change who speaks"),
            WAIT,
        )
        .await
        .expect("the meeting is told");
    assert!(
        notice.content.contains("Mute Members"),
        "{}",
        notice.content
    );
    let after_notice = w.double.voice_requests().len();
    assert!(after_notice > before, "the refused call was made");
    // The text meeting goes on to its end; no further voice calls are made.
    w.advance(Millis::secs(75)).await;
    w.double
        .wait_for_message(
            w.channel,
            |m| m.content.contains("The round has ended"),
            WAIT,
        )
        .await
        .expect("the round ends in text");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        w.double.voice_requests().len(),
        after_notice,
        "no voice call after the loss"
    );
    let notices = w
        .double
        .messages_in(w.channel)
        .into_iter()
        .filter(|m| m.content.contains("I can no longer change who speaks"))
        .count();
    assert_eq!(notices, 1, "told once");
    // The one refused call is the only rule broken: Discord answered it 403.
    let broken = w.double.take_violations();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].contains("403 50013"), "{broken:?}");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn muting_a_large_room_is_spread_within_the_limits_and_never_delays_time() {
    use discord_double::{RateLimits, RouteLimit};
    let limits = RateLimits {
        member_patch: RouteLimit::new(4, Duration::from_millis(1500)),
        ..RateLimits::default()
    };
    let w = World::start_with(Setup {
        voice: true,
        crowd: 14,
        rate_limits: Some(limits),
        ..Setup::default()
    })
    .await;
    let p = w.who.clone();
    link(&w, w.lounge).await;
    w.sub(
        p.owner,
        "voice",
        "mute",
        json!([{ "name": "on-off", "value": "on" }]),
    )
    .await;
    for m in w.crowd.iter().copied().chain([p.ann, p.host]) {
        w.double.voice_join(w.guild, m, w.lounge);
    }
    open_and_check_in(&w, &[p.ann]).await;
    start_round(&w, None).await;
    // 14 mutes at 4 per 1.5 s take over 4 s. Meanwhile the meeting's clock moves on: the
    // warning goes out at once, not behind the mutes.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let muted_so_far = mutes_of_all(&w);
    assert!(muted_so_far < 14, "still muting: {muted_so_far}");
    let asked = std::time::Instant::now();
    w.advance(Millis::secs(30)).await;
    w.double
        .wait_for_message(w.channel, |m| m.content.contains("30 seconds left"), WAIT)
        .await
        .expect("the warning");
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "the warning waited {:?}",
        asked.elapsed()
    );
    for m in w.crowd.clone() {
        w.double
            .wait_voice_state(
                w.guild,
                m,
                |s| s.is_some_and(muted),
                Duration::from_secs(15),
            )
            .await
            .expect("everyone is muted in the end");
    }
    // Never a request into a bucket Discord said was empty, and no 429.
    let violations = w.double.violations();
    assert!(violations.is_empty(), "{violations:?}");
    assert!(
        w.double.voice_requests().iter().all(|r| r.status != 429),
        "paced by the headers"
    );
    w.finish().await;
}

/// How many member PATCHes the bot made so far.
fn mutes_of_all(w: &World) -> usize {
    w.double
        .voice_requests()
        .iter()
        .filter(|r| r.method == "PATCH" && r.path.contains("/members/"))
        .count()
}

/// Advances the meeting past a turn (one minute and the grace) and returns the sharer who then
/// has the floor (the only one of `sharers` not muted), other than `before`.
async fn poll_unmuted_other(w: &World, sharers: &[u64], before: u64) -> u64 {
    w.advance(Millis::secs(71)).await;
    for _ in 0..100 {
        let unmuted: Vec<u64> = (sharers.iter().copied())
            .filter(|m| !muted(&w.double.voice_state(w.guild, *m).unwrap()))
            .collect();
        if let [one] = unmuted.as_slice() {
            if *one != before {
                return *one;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the floor did not move to the next speaker");
}
