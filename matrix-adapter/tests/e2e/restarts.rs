//! Restarts: the bot restarted mid-turn keeps its device and the round, says "time" once and
//! re-executes nothing; a homeserver restarted mid-session is reconnected to and the meeting goes on.

use crate::common::*;
use serde_json::Value;
use synapse_harness::{Synapse, TestUser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_restarted_mid_turn_resumes_the_round() {
    let synapse = shared().await;
    let s = synapse;
    let mut bot = Bot::start(s).await;
    assert!(bot.handle().first_start());
    let device = bot.handle().device_id().to_string();
    let host = member(s, "host", "Rosa").await;
    let ana = member(s, "ana", "Ana").await;
    let ben = member(s, "ben", "Ben").await;
    let room = meeting_room(s, &host, &bot, &[&ana, &ben], false).await;

    ok(s, host.send_text(&room, "!open").await);
    let status = status_message(s, &ana, &bot, &room).await;
    ok(s, ana.send_text(&room, "!checkin").await);
    said(s, &host, &bot, &room, "Welcome, Ana.").await;
    ok(s, ben.send_text(&room, "!checkin").await);
    said(s, &host, &bot, &room, "Welcome, Ben.").await;
    let hand = ok(s, ben.send_text(&room, "!hand").await);
    reacted(s, &host, &bot, &room, &hand, "✅").await;
    ok(s, host.send_text(&room, "!round start 2m").await);
    said(s, &host, &bot, &room, "Ana, you have the floor").await;
    bot.advance(secs(60)).await;
    said(s, &host, &bot, &room, "Ana, 1 minute left").await;

    // down: a command sent now is history for the next start
    let old_handle = bot.handle.take().expect("running");
    old_handle.shutdown().await;
    ok(s, ben.send_text(&room, "!hand down").await);

    bot.restart(s).await;
    assert_eq!(
        bot.handle().device_id(),
        device,
        "the same device after a restart"
    );
    assert!(!bot.handle().first_start());
    assert_eq!(
        matrix_adapter::stored_device_id(&bot.config.data_dir).as_deref(),
        Some(device.as_str())
    );

    // the round goes on: the 30 s warning, "time" once (calling the next speaker), whose turn
    // starts after the grace
    bot.advance(secs(30)).await;
    said(s, &host, &bot, &room, "Ana, 30 seconds left").await;
    bot.advance(secs(30)).await;
    let time = said(s, &host, &bot, &room, "Time, Ana.").await;
    assert!(body(&time).contains("Ben, you're next"), "{time}");
    assert_eq!(mentioned(&time), vec![ben.user_id().to_string()]);
    bot.advance(secs(10)).await;
    // the status message is still the one from before the restart, edited when the host acts
    ok(s, host.send_text(&room, "!extend 30s").await);
    said(s, &host, &bot, &room, "Ben has 30 seconds more").await;
    let edit = status_shows(s, &host, &bot, &room, "full time:\n• 1. Ben · ").await;
    assert_eq!(
        edit["content"]["m.relates_to"]["event_id"],
        status["event_id"]
    );

    // commands still work, and a marker proves everything before it was handled
    ok(s, ben.send_text(&room, "!done").await);
    said(s, &host, &bot, &room, "Thank you, Ben.").await;

    let all = ok(s, host.messages_from(&room, &bot.user_id).await);
    let count = |text: &str| {
        all.iter()
            .filter(|ev| !is_edit(ev) && body(ev).contains(text))
            .count()
    };
    assert_eq!(count("Time, Ana."), 1, "exactly one \"time\"");
    // One ✅ (Ben's hand up), none for the command sent while the bot was down.
    let acks = ok(s, host.events_from(&room, &bot.user_id, "m.reaction").await);
    // (The 📬 reactions say an answer went to a direct room: the check-ins' welcomes.)
    let acked: Vec<&Value> = (acks.iter())
        .filter(|ev| ev["content"]["m.relates_to"]["key"] == "✅")
        .map(|ev| &ev["content"]["m.relates_to"]["event_id"])
        .collect();
    assert_eq!(acked, vec![&Value::String(hand)], "nothing re-executed");
    assert_eq!(count("Welcome, Ana."), 1);
    assert_eq!(count("Ana, 1 minute left"), 1);
    assert_eq!(
        count("Session open"),
        1,
        "one status message for the session"
    );
    // Ben's hand is still up: the command sent while the bot was down did not run
    let place = bot_core::domain::PlaceId::new(format!("matrix:{room}"));
    let view = bot.engine.status_view(&place).await.unwrap().expect("open");
    assert_eq!(view.queue.len(), 1);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn homeserver_restarted_mid_session() {
    // Its own Synapse: this test stops it.
    let mut synapse = match Synapse::start().await {
        Ok(s) => s,
        Err(e) => panic!("starting Synapse failed: {e}"),
    };
    let bot = Bot::start(&synapse).await;
    let host = member(&synapse, "host", "Rosa").await;
    let ana = member(&synapse, "ana", "Ana").await;
    let ben = member(&synapse, "ben", "Ben").await;
    let room = meeting_room(&synapse, &host, &bot, &[&ana, &ben], false).await;
    {
        let s = &synapse;
        ok(s, host.send_text(&room, "!open").await);
        said(s, &host, &bot, &room, "The session is open").await;
        ok(s, ana.send_text(&room, "!checkin").await);
        said(s, &host, &bot, &room, "Welcome, Ana.").await;
        ok(s, ben.send_text(&room, "!checkin").await);
        said(s, &host, &bot, &room, "Welcome, Ben.").await;
        ok(s, host.send_text(&room, "!round start 2m").await);
        said(s, &host, &bot, &room, "Ana, you have the floor").await;
    }

    // the homeserver goes away; a warning falls due meanwhile and waits for it
    synapse.stop().await;
    let engine = bot.engine.clone();
    let clock = bot.clock.clone();
    let advancing = tokio::spawn(async move {
        let target = bot_core::engine::Clock::now(&*clock).plus(secs(60));
        engine.advance_to(&clock, target).await
    });
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    if let Err(e) = synapse.restart().await {
        panic!("restarting Synapse failed: {e}");
    }
    tokio::time::timeout(WAIT, advancing)
        .await
        .expect("the warning is delivered once the homeserver is back")
        .expect("the task ran")
        .expect("deadlines fire");
    let s = &synapse;
    said(s, &host, &bot, &room, "Ana, 1 minute left").await;

    // the bot syncs again: members' commands work
    ok(s, ana.send_text(&room, "!done").await);
    let next = said(s, &host, &bot, &room, "Thank you, Ana.").await;
    assert!(body(&next).contains("Ben, you have the floor"), "{next}");
    assert!(bot.handle().is_running() && bot.handle().is_connected());
    bot.advance(secs(120)).await;
    said(s, &host, &bot, &room, "Time, Ben.").await;
    ok(s, host.send_text(&room, "!close").await);
    said(s, &ana, &bot, &room, "Session closed.").await;
    let all = ok(s, host.messages_from(&room, &bot.user_id).await);
    assert_eq!(
        all.iter()
            .filter(|ev| body(ev).contains("Ana, 1 minute left"))
            .count(),
        1,
        "the warning was sent once"
    );
    bot.shutdown().await;
    synapse.stop().await;
}

/// A running bot, a host (Rosa) and a member (Ana) in a new meeting room, a session the host
/// opened, its status message as Ana sees it, and the room's place.
struct OpenSession {
    bot: Bot,
    host: TestUser,
    ana: TestUser,
    room: String,
    status: Value,
    place: bot_core::domain::PlaceId,
}

async fn open_session(s: &Synapse) -> OpenSession {
    let bot = Bot::start(s).await;
    let host = member(s, "host", "Rosa").await;
    let ana = member(s, "ana", "Ana").await;
    let room = meeting_room(s, &host, &bot, &[&ana], false).await;
    ok(s, host.send_text(&room, "!open").await);
    let status = status_message(s, &ana, &bot, &room).await;
    let place = bot_core::domain::PlaceId::new(format!("matrix:{room}"));
    OpenSession {
        bot,
        host,
        ana,
        room,
        status,
        place,
    }
}

/// Where the status message is used to be kept in the adapter's state file: a file from then,
/// naming the message of a session still open, is handed over to the store on start, and the
/// next change edits that message instead of posting a second one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_message_named_by_an_older_state_file_is_edited_after_a_restart() {
    let s = shared().await;
    let OpenSession {
        mut bot,
        host,
        ana,
        room,
        status,
        place,
    } = open_session(s).await;
    let view = bot.engine.status_view(&place).await.unwrap().expect("open");

    // Down; the record as it was kept before: in the state file, not in the store.
    bot.handle.take().expect("running").shutdown().await;
    bot.engine.set_status_message(&place, None).await.unwrap();
    let file = serde_json::json!({ "status": { place.as_str(): {
        "event_id": event_id(&status),
        "opened_at": view.opened_at.0,
        "reactions": {},
    } } });
    let path = bot.config.data_dir.join("adapter-state.json");
    std::fs::write(&path, file.to_string()).unwrap();

    bot.restart(s).await;
    let recorded = bot.engine.status_message(&place).await.unwrap();
    assert_eq!(
        recorded.map(|m| (m.message_id, m.opened_at)),
        Some((event_id(&status), view.opened_at)),
        "handed over to the store"
    );
    ok(s, ana.send_text(&room, "!checkin").await);
    said(s, &host, &bot, &room, "Welcome, Ana.").await;
    let edit = status_shows(s, &host, &bot, &room, "Checked in: 1").await;
    assert_eq!(
        edit["content"]["m.relates_to"]["event_id"],
        status["event_id"]
    );
    let posts = bot_posts(s, &host, &bot, &room).await;
    let statuses = posts.iter().filter(|ev| body(ev).contains("Session open"));
    assert_eq!(statuses.count(), 1, "one status message for the session");
    bot.shutdown().await;
}

/// A session that closed while the adapter was down (the close committed, the status message
/// never edited) leaves no "Session open" message behind: the next start closes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_message_left_open_by_a_stop_is_closed_at_the_next_start() {
    let s = shared().await;
    let OpenSession {
        mut bot,
        host,
        ana: _,
        room,
        status,
        place,
    } = open_session(s).await;

    // Down; the session closes in the database with no adapter to edit the message.
    bot.handle.take().expect("running").shutdown().await;
    let admin = bot_core::domain::Actor {
        member: bot_core::domain::Member::new(host.user_id(), "Rosa"),
        role: bot_core::domain::Role::Admin,
        platform_roles: Vec::new(),
        locale: Default::default(),
    };
    let closed = bot
        .engine
        .execute(&place, admin, bot_core::domain::Command::Close)
        .await
        .unwrap();
    assert!(closed.rejected.is_none(), "the session closes");
    assert!(bot.engine.status_view(&place).await.unwrap().is_none());

    bot.restart(s).await;
    let edit = status_shows(s, &host, &bot, &room, "Session closed.").await;
    assert_eq!(
        edit["content"]["m.relates_to"]["event_id"], status["event_id"],
        "the message members saw as open now says the session closed"
    );
    // Recorded once the platform answered the edit: nothing is left to close.
    let since = std::time::Instant::now();
    while bot.engine.status_message(&place).await.unwrap().is_some() {
        assert!(
            since.elapsed() < std::time::Duration::from_secs(10),
            "the closed message is still recorded as the session's"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    bot.shutdown().await;
}
