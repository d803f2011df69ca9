//! The gateway protocol observed on the wire, without serenity: HELLO, IDENTIFY → READY and
//! GUILD_CREATE, heartbeats, both drop modes, RESUME with replay, and protocol errors.

use std::time::Duration;

use discord_double::{DiscordDouble, DropMode};
use serde_json::json;

use crate::common::{world, WAIT};
use crate::raw_ws::{Frame, RawWs};

fn identify(token: &str, intents: u64) -> serde_json::Value {
    json!({ "op": 2, "d": {
        "token": token, "intents": intents, "shard": [0, 1],
        "properties": { "os": "linux", "browser": "raw", "device": "raw" },
    }})
}

#[tokio::test]
async fn handshake_heartbeat_drop_modes_and_resume_on_the_wire() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config.heartbeat_interval(Duration::from_millis(1234))).await;
    let mut ws = RawWs::connect(double.addr(), "/gateway?v=10&encoding=json").await;
    let hello = ws.json().await;
    assert_eq!(hello["op"], 10);
    assert_eq!(hello["d"]["heartbeat_interval"], 1234);

    // A token without the "Bot " prefix is fine on the gateway.
    ws.send(&identify("test-token-123", 1)).await;
    let ready = ws.json().await;
    assert_eq!(
        (
            ready["op"].as_u64(),
            ready["t"].as_str(),
            ready["s"].as_u64()
        ),
        (Some(0), Some("READY"), Some(1))
    );
    assert_eq!(ready["d"]["resume_gateway_url"], double.ws_url());
    assert_eq!(ready["d"]["shard"], json!([0, 1]));
    let session_id = ready["d"]["session_id"].as_str().unwrap().to_owned();
    let guild = ws.json().await;
    assert_eq!(
        (guild["t"].as_str(), guild["s"].as_u64()),
        (Some("GUILD_CREATE"), Some(2))
    );
    assert_eq!(guild["d"]["id"], ids.guild.to_string());
    ws.send(&json!({ "op": 1, "d": 2 })).await;
    assert_eq!(ws.json().await["op"], 11);
    double.wait_ready(WAIT).await.unwrap();

    // Abrupt drop: the TCP connection ends without a close frame.
    assert!(double.drop_websocket());
    assert!(
        ws.recv().await.is_none(),
        "no close frame on an abrupt drop"
    );
    // Missed while away.
    double.dispatch_event("TYPING_START", json!({ "channel_id": ids.general.to_string(), "user_id": ids.bob.to_string(), "timestamp": 0 })).unwrap();

    // RESUME from seq 1 replays GUILD_CREATE (2) and the missed event (3), then RESUMED (4).
    let mut ws = RawWs::connect(double.addr(), "/gateway?v=10").await;
    assert_eq!(ws.json().await["op"], 10);
    ws.send(&json!({ "op": 6, "d": { "token": "Bot test-token-123", "session_id": session_id, "seq": 1 } })).await;
    let replay: Vec<_> = [ws.json().await, ws.json().await, ws.json().await]
        .iter()
        .map(|f| {
            (
                f["t"].as_str().unwrap().to_owned(),
                f["s"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        replay,
        [
            ("GUILD_CREATE".to_owned(), 2),
            ("TYPING_START".to_owned(), 3),
            ("RESUMED".to_owned(), 4)
        ]
    );

    // Close-frame drop with 4000.
    assert!(double.drop_websocket_with(DropMode::CloseCode(4000)));
    assert!(matches!(ws.recv().await, Some(Frame::Close(Some(4000)))));

    // An unknown session cannot be resumed: op 9, d=false.
    let mut ws = RawWs::connect(double.addr(), "/gateway?v=10").await;
    ws.json().await;
    ws.send(
        &json!({ "op": 6, "d": { "token": "test-token-123", "session_id": "nope", "seq": 1 } }),
    )
    .await;
    let invalid = ws.json().await;
    assert_eq!(
        (invalid["op"].as_u64(), invalid["d"].as_bool()),
        (Some(9), Some(false))
    );
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // Protocol errors close the connection with Discord's codes and are violations.
    ws.send(&json!({ "op": 42, "d": null })).await;
    assert!(matches!(ws.recv().await, Some(Frame::Close(Some(4001)))));
    let mut ws = RawWs::connect(double.addr(), "/gateway?v=10").await;
    ws.json().await;
    ws.send(&identify("test-token-123", 1 << 15)).await;
    let mut ws2 = RawWs::connect(double.addr(), "/gateway?v=9").await;
    ws2.json().await;
    let violations = double.take_violations();
    assert_eq!(violations.len(), 2, "{violations:?}");
    assert!(violations[0].contains("unknown opcode"));
    assert!(violations[1].contains("v=9"));
    // MESSAGE_CONTENT is allowed by default (all privileged intents are "enabled" in the portal)...
    assert_eq!(ws.json().await["t"], "READY");

    // ...unless the config says otherwise: 4014.
    let (config, _) = world();
    let strict = DiscordDouble::start(config.allowed_privileged_intents(0)).await;
    let mut ws = RawWs::connect(strict.addr(), "/gateway?v=10").await;
    ws.json().await;
    ws.send(&identify("test-token-123", 1 << 15)).await;
    assert!(matches!(ws.recv().await, Some(Frame::Close(Some(4014)))));
    assert!(strict.violations()[0].contains("privileged"));
}
