//! End-to-end checks of the harness against a real Synapse.
//!
//! Tests 1–3 share one Synapse per test binary ([`Synapse::shared`]) and use unique user names;
//! the restart test runs its own, since it stops the server.

use std::time::{Duration, Instant};

use serde_json::Value;
use synapse_harness::{unique_localpart, HarnessError, Synapse, TestUser};

const WAIT: Duration = Duration::from_secs(20);

async fn shared() -> &'static Synapse {
    match Synapse::shared().await {
        Ok(synapse) => synapse,
        Err(e) => panic!("starting Synapse failed: {e}"),
    }
}

/// Unwraps, printing the tail of Synapse's log on failure.
fn ok<T>(synapse: &Synapse, result: Result<T, HarnessError>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!(
            "{e}\n--- tail of {} ---\n{}",
            synapse.log_path().display(),
            synapse.log_tail(40)
        ),
    }
}

fn body_is(expected: &str) -> impl Fn(&Value) -> bool + '_ {
    move |event| event["content"]["body"] == expected
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_registers_users_and_logs_in() {
    let synapse = shared().await;
    assert_eq!(synapse.server_name(), "localhost");
    assert!(synapse.base_url().starts_with("http://127.0.0.1:"));

    let versions: Value = reqwest::get(format!("{}/_matrix/client/versions", synapse.base_url()))
        .await
        .expect("versions answers")
        .json()
        .await
        .expect("versions is JSON");
    assert!(
        versions["versions"]
            .as_array()
            .is_some_and(|v| !v.is_empty()),
        "{versions}"
    );

    let bot_name = unique_localpart("sharecircle");
    let bot = ok(
        synapse,
        synapse.register(&bot_name, "bot-password", true).await,
    );
    assert_eq!(bot.user_id, format!("@{bot_name}:localhost"));
    assert!(!bot.access_token.is_empty() && !bot.device_id.is_empty());

    let alice = ok(synapse, synapse.new_user("alice").await);
    let bob = ok(synapse, synapse.new_user("bob").await);
    assert_ne!(alice.user_id(), bob.user_id());
    assert_eq!(ok(synapse, alice.whoami().await), alice.user_id());

    let login = ok(synapse, synapse.login(&bot_name, "bot-password").await);
    assert_eq!(login.user_id, bot.user_id);
    assert_ne!(login.device_id, bot.device_id, "a login makes a new device");
    let bot_client = synapse.test_user(&login);
    assert_eq!(ok(synapse, bot_client.whoami().await), bot.user_id);

    let wrong = synapse.login(&bot_name, "not-the-password").await;
    assert_eq!(
        wrong.expect_err("wrong password fails").errcode(),
        Some("M_FORBIDDEN")
    );
    let taken = synapse.register(&bot_name, "again", false).await;
    assert_eq!(
        taken.expect_err("a taken name fails").errcode(),
        Some("M_USER_IN_USE")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_talk_react_and_redact_in_a_room() {
    let synapse = shared().await;
    let alice = ok(synapse, synapse.new_user("alice").await);
    let bob = ok(synapse, synapse.new_user("bob").await);

    let room = ok(
        synapse,
        alice.create_room("circle", &[bob.user_id()], false).await,
    );
    assert_eq!(ok(synapse, bob.wait_for_invite(WAIT).await), room);
    assert_eq!(ok(synapse, bob.join(&room).await), room);
    ok(synapse, bob.leave(&room).await);
    ok(synapse, alice.invite(&room, bob.user_id()).await);
    ok(synapse, bob.join(&room).await);
    assert!(ok(synapse, bob.joined_rooms().await).contains(&room));

    let hello = ok(synapse, alice.send_text(&room, "hello circle").await);
    let received = ok(
        synapse,
        bob.wait_for_message(&room, body_is("hello circle"), WAIT)
            .await,
    );
    assert_eq!(received["event_id"], hello.as_str());
    assert_eq!(received["sender"], alice.user_id());
    assert_eq!(received["room_id"], room.as_str());
    assert_eq!(received["content"]["msgtype"], "m.text");

    // Rich content arrives intact.
    let content = serde_json::json!({
        "msgtype": "m.text",
        "body": "welcome bob",
        "format": "org.matrix.custom.html",
        "formatted_body": "welcome <b>bob</b>",
        "m.mentions": { "user_ids": [bob.user_id()] },
    });
    ok(synapse, alice.send_message(&room, content).await);
    let rich = ok(
        synapse,
        bob.wait_for_message(&room, |e| e["sender"] == alice.user_id(), WAIT)
            .await,
    );
    assert_eq!(rich["content"]["formatted_body"], "welcome <b>bob</b>");
    assert_eq!(rich["content"]["m.mentions"]["user_ids"][0], bob.user_id());

    let reaction = ok(synapse, bob.react(&room, &hello, "👍").await);
    let seen = ok(
        synapse,
        alice
            .wait_for_event(&room, |e| e["type"] == "m.reaction", WAIT)
            .await,
    );
    assert_eq!(seen["event_id"], reaction.as_str());
    assert_eq!(seen["content"]["m.relates_to"]["rel_type"], "m.annotation");
    assert_eq!(seen["content"]["m.relates_to"]["event_id"], hello.as_str());
    assert_eq!(seen["content"]["m.relates_to"]["key"], "👍");

    let redaction = ok(synapse, bob.redact(&room, &reaction).await);
    let seen = ok(
        synapse,
        alice
            .wait_for_event(&room, |e| e["type"] == "m.room.redaction", WAIT)
            .await,
    );
    assert_eq!(seen["event_id"], redaction.as_str());
    let redacts = seen["redacts"]
        .as_str()
        .or(seen["content"]["redacts"].as_str());
    assert_eq!(redacts, Some(reaction.as_str()));

    let from_alice = ok(synapse, bob.messages_from(&room, alice.user_id()).await);
    let bodies: Vec<_> = from_alice
        .iter()
        .map(|e| e["content"]["body"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(bodies, ["hello circle", "welcome bob"]);

    // Power levels: alice (creator) makes bob a moderator.
    ok(
        synapse,
        alice.set_power_level(&room, bob.user_id(), 50).await,
    );
    let levels = ok(synapse, bob.state(&room, "m.room.power_levels", "").await);
    assert_eq!(levels["users"][bob.user_id()], 50);

    // Encrypted rooms can be created too (the harness does not decrypt).
    let secret_room = ok(synapse, alice.create_room("e2e", &[], true).await);
    let encryption = ok(
        synapse,
        alice.state(&secret_room, "m.room.encryption", "").await,
    );
    assert_eq!(encryption["algorithm"], "m.megolm.v1.aes-sha2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_lifted() {
    let synapse = shared().await;
    let alice = ok(synapse, synapse.new_user("alice").await);
    let bob = ok(synapse, synapse.new_user("bob").await);
    let room = ok(
        synapse,
        alice.create_room("busy", &[bob.user_id()], false).await,
    );
    ok(synapse, bob.join(&room).await);

    let started = Instant::now();
    for i in 0..50 {
        if let Err(e) = alice.send_text(&room, &format!("message {i}")).await {
            panic!("message {i} failed (errcode {:?}): {e}", e.errcode());
        }
    }
    eprintln!("50 messages sent in {:?}", started.elapsed());

    // Bob sees them all, in order, through /sync (with gap filling) ...
    for i in 0..50 {
        let expected = format!("message {i}");
        let event = ok(
            synapse,
            bob.wait_for_message(&room, |e| e["sender"] == alice.user_id(), WAIT)
                .await,
        );
        assert_eq!(event["content"]["body"], expected.as_str());
    }
    // ... and through /messages.
    let all = ok(synapse, bob.messages_from(&room, alice.user_id()).await);
    assert_eq!(all.len(), 50);
    assert_eq!(all[49]["content"]["body"], "message 49");

    // Joins and room creation are not limited either.
    for i in 0..5 {
        let extra = ok(
            synapse,
            alice
                .create_room(&format!("extra {i}"), &[bob.user_id()], false)
                .await,
        );
        ok(synapse, bob.join(&extra).await);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_keeps_users_and_rooms() {
    let mut synapse = match Synapse::start().await {
        Ok(synapse) => synapse,
        Err(e) => panic!("starting Synapse failed: {e}"),
    };
    let port = synapse.port();
    let alice = ok(&synapse, synapse.new_user("alice").await);
    let bob = ok(&synapse, synapse.new_user("bob").await);
    let room = ok(
        &synapse,
        alice.create_room("lasting", &[bob.user_id()], false).await,
    );
    ok(&synapse, bob.join(&room).await);
    ok(&synapse, alice.send_text(&room, "before restart").await);
    ok(
        &synapse,
        bob.wait_for_message(&room, body_is("before restart"), WAIT)
            .await,
    );

    // Bob keeps waiting (long-polling /sync) while the server goes down and comes back.
    let (waited, log_tail) = tokio::join!(
        bob.wait_for_message(&room, body_is("after restart"), Duration::from_secs(60)),
        async {
            synapse.stop().await;
            assert!(!synapse.is_running());
            let down = alice.whoami().await;
            assert!(down.is_err(), "stopped Synapse still answers: {down:?}");

            let started = Instant::now();
            let restarted = synapse.restart().await;
            let restarted = restarted.map_err(|e| e.to_string());
            eprintln!("restart took {:?}", started.elapsed());
            if let Err(e) = restarted {
                panic!("restart failed: {e}");
            }
            assert!(synapse.is_running());
            assert_eq!(synapse.port(), port);

            // Same clients, same access tokens.
            assert_eq!(ok(&synapse, alice.whoami().await), alice.user_id());
            assert!(ok(&synapse, bob.joined_rooms().await).contains(&room));
            let name = ok(&synapse, bob.state(&room, "m.room.name", "").await);
            assert_eq!(name["name"], "lasting");
            ok(&synapse, alice.send_text(&room, "after restart").await);
            synapse.log_tail(40)
        }
    );
    if let Err(e) = waited {
        panic!("bob missed the message sent after the restart: {e}\n{log_tail}");
    }

    // A fresh client sees the whole history.
    let carol = TestUser::new(&synapse.base_url(), bob.registered().clone());
    let bodies: Vec<_> = ok(&synapse, carol.messages_from(&room, alice.user_id()).await)
        .iter()
        .map(|e| e["content"]["body"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(bodies, ["before restart", "after restart"]);

    // Restarting a running server works as well.
    let restarted = synapse.restart().await;
    ok(&synapse, restarted);
    assert_eq!(ok(&synapse, bob.whoami().await), bob.user_id());

    // Drop stops the process and removes the data dir.
    let dir = synapse.data_dir().to_owned();
    let pid = synapse.pid().expect("running");
    drop(synapse);
    assert!(!dir.exists(), "the data dir is removed on drop");
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "Synapse (pid {pid}) still runs after drop"
    );
}
