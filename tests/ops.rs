//! The operator's endpoints, scraped and parsed: command and rejection counters, session and round
//! gauges, timer lateness; `/healthz` follows the database and the platform checks.

use bot_core::domain::{Actor, Command, Member, Millis, PlaceId, Role};
use bot_core::engine::{Engine, TokioClock};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

mod support;

/// `GET path` on the ops server at `addr`, which must answer.
async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    support::get(addr, path)
        .await
        .expect("the ops server answers")
}

/// `name{labels} value` lines of the Prometheus text format, keyed by `name{labels}`.
fn parse(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            l.rsplit_once(' ')
                .map(|(k, v)| (k.to_string(), v.parse().expect("a number")))
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn metrics_and_health_are_scraped_and_parsed() {
    // The recorder is installed at start-up, before anything is counted.
    sharecircle::ops::recorder();
    // The in-memory store and tokio's paused clock: the turn's deadline passes without sleeping.
    let store = Arc::new(bot_core::store::MemoryStore::new());
    let clock = Arc::new(TokioClock::starting_at(bot_core::domain::Timestamp(
        1_772_478_000_000,
    )));
    let engine = Engine::new(store, clock, "!");
    let timers = engine.spawn_timers();
    let place = PlaceId::new("test:ops");
    let host = Actor {
        member: Member::new("test:robin", "Robinsecretname"),
        role: Role::Host,
        platform_roles: Vec::new(),
        locale: Default::default(),
    };
    let ana = Actor {
        member: Member::new("test:ana", "Anasecretname"),
        role: Role::Member,
        platform_roles: Vec::new(),
        locale: Default::default(),
    };
    for (who, c) in [
        (host.clone(), Command::Open { name: None }),
        (ana.clone(), Command::CheckIn { word: None }),
        (ana.clone(), Command::Close),
        (
            host.clone(),
            Command::RoundStart {
                share_time: Some(Millis::secs(10)),
                order: None,
            },
        ),
    ] {
        let ex = engine.execute(&place, who, c).await.unwrap();
        engine.acknowledge(&ex.deliveries).await.unwrap();
    }
    let connected = Arc::new(AtomicBool::new(true));
    let flag = connected.clone();
    let checks: Vec<sharecircle::ops::Check> = vec![(
        "discord".into(),
        Arc::new(move || flag.load(Ordering::SeqCst)),
    )];
    let (addr, server) =
        sharecircle::ops::serve("127.0.0.1:0".parse().unwrap(), engine.clone(), checks)
            .await
            .unwrap();

    let (code, text) = get(addr, "/metrics").await;
    assert_eq!(code, 200);
    let m = parse(&text);
    assert_eq!(
        m[r#"sharecircle_commands_total{command="open",outcome="accepted"}"#], 1.0,
        "{text}"
    );
    assert_eq!(
        m[r#"sharecircle_commands_total{command="close",outcome="refused"}"#],
        1.0
    );
    assert_eq!(
        m[r#"sharecircle_rejections_total{code="not_allowed"}"#],
        1.0
    );
    assert_eq!(m["sharecircle_open_sessions"], 1.0);
    assert_eq!(m["sharecircle_active_rounds"], 1.0);
    assert!(
        !text.contains("secretname") && !text.contains("test:ana"),
        "no member names or ids in metrics"
    );

    // The 10 s turn's "time" fires on the engine's timer task, which records its lateness.
    tokio::time::sleep(std::time::Duration::from_millis(10_500)).await;
    let (_, text) = get(addr, "/metrics").await;
    let m = parse(&text);
    assert!(
        m.get("sharecircle_timer_lateness_seconds_count")
            .copied()
            .unwrap_or(0.0)
            >= 1.0,
        "{text}"
    );

    let (code, body) = get(addr, "/healthz").await;
    assert_eq!(code, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["database"], "ok");
    assert_eq!(v["discord"], "connected");
    connected.store(false, Ordering::SeqCst);
    let (code, body) = get(addr, "/healthz").await;
    assert_eq!(code, 503);
    assert!(body.contains("\"discord\":\"disconnected\""), "{body}");
    server.abort();
    timers.abort();
}
