//! A burst across several guilds (issue 20's Discord load, small and deterministic): every
//! interaction fired at once is answered exactly once, and every guild's status message ends
//! showing what the engine's status view says.

use std::collections::HashMap;
use std::sync::Arc;

use bot_core::engine::{Engine, ManualClock};
use bot_core::store::MemoryStore;
use discord_double::InteractionRef;
use serde_json::json;

use crate::circles::{circles, connect, double_of};
use crate::harness::{T0, TOKEN, WAIT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_across_guilds_is_answered_once_and_every_status_ends_current() {
    let (specs, circles) = circles(4, 6);
    let double = double_of(TOKEN, &specs).await;
    let engine = Engine::new(
        Arc::new(MemoryStore::new()),
        Arc::new(ManualClock::new(T0)),
        "!",
    );
    let handle = connect(&engine, &double, TOKEN, WAIT).await;

    // Every host opens at once.
    let opens: Vec<InteractionRef> = circles
        .iter()
        .map(|c| double.send_slash_command(c.guild, c.channel, c.host, "open", json!([])))
        .collect();
    for o in &opens {
        let cb = double.wait_callback(o, WAIT).await.expect("open answered");
        assert!(cb.accepted(), "{cb:?}");
    }

    // The burst: in every guild at once, each member raises a hand, checks in or asks for the
    // status, and the host calls the first raised hand; nothing waits for anything.
    let sub = |name: &str| json!([{ "name": name, "type": 1, "options": [] }]);
    let mut burst: Vec<InteractionRef> = Vec::new();
    for c in &circles {
        for (k, m) in c.members.iter().enumerate() {
            let (name, options) = match k % 3 {
                0 | 1 => ("hand", sub("up")),
                _ => ("checkin", sub("here")),
            };
            burst.push(double.send_slash_command(c.guild, c.channel, *m, name, options));
            burst.push(double.send_slash_command(c.guild, c.channel, *m, "status", json!([])));
        }
        burst.push(double.send_slash_command(c.guild, c.channel, c.host, "next", json!([])));
    }
    for i in &burst {
        let cb = double.wait_callback(i, WAIT).await.expect("answered");
        assert!(cb.accepted(), "refused: {cb:?}");
    }
    // Work under way (status edits, follow-ups) finishes before the adapter stops.
    handle.shutdown().await;

    let mut answers: HashMap<u64, usize> = HashMap::new();
    for cb in double.callbacks() {
        *answers.entry(cb.interaction_id).or_default() += 1;
    }
    for i in opens.iter().chain(&burst) {
        assert_eq!(
            answers.get(&i.id),
            Some(&1),
            "interaction {} answered once",
            i.id
        );
    }
    for c in &circles {
        assert_eq!(
            c.status_messages(&double),
            vec![c.expected_status(&engine).await],
            "guild {}: one status message, showing the engine's view",
            c.guild
        );
    }
    let v = double.violations();
    assert!(v.is_empty(), "violations: {v:#?}");
}
