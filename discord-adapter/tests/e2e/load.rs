//! A burst across several guilds (issue 20's Discord load, small and deterministic): every
//! interaction fired at once is answered exactly once, and every guild's status message ends
//! showing what the engine's status view says.

use std::collections::HashMap;
use std::sync::Arc;

use bot_core::domain::PlaceId;
use bot_core::engine::{Engine, ManualClock};
use bot_core::store::MemoryStore;
use discord_adapter::{start, status_content, DiscordOptions};
use discord_double::{DiscordDouble, DoubleConfig, GuildSpec, InteractionRef, MemberSpec};
use serde_json::json;
use sharecircle_config::{DiscordConfig, Secret};

use crate::harness::{T0, TOKEN, WAIT};

struct Circle {
    guild: u64,
    channel: u64,
    host: u64,
    members: Vec<u64>,
}

impl Circle {
    fn place(&self) -> PlaceId {
        PlaceId::new(format!("discord:{}:{}", self.guild, self.channel))
    }
}

fn circle(i: usize, members: usize) -> (GuildSpec, Circle) {
    let mut g = GuildSpec::new(format!("Circle {i}"));
    let channel = g.add_text_channel("meeting");
    let stewards = g.add_role("Stewards", 0);
    let host = g.add_member(MemberSpec::new(format!("host{i}")).roles([stewards]));
    let members = (0..members)
        .map(|m| g.add_member(MemberSpec::new(format!("g{i}m{m}")).nick(format!("M{m}"))))
        .collect();
    let c = Circle {
        guild: g.id,
        channel,
        host,
        members,
    };
    (g, c)
}

/// The status messages of a circle's channel (open or closed ones).
fn status_messages(double: &DiscordDouble, c: &Circle) -> Vec<String> {
    double
        .messages_in(c.channel)
        .into_iter()
        .filter(|m| {
            m.interaction_id.is_none()
                && (m.content.starts_with('🟢') || m.content.starts_with('⚪'))
        })
        .map(|m| m.content)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_across_guilds_is_answered_once_and_every_status_ends_current() {
    let (specs, circles): (Vec<GuildSpec>, Vec<Circle>) = (0..4).map(|i| circle(i, 6)).unzip();
    let config = specs
        .into_iter()
        .fold(DoubleConfig::new(TOKEN), DoubleConfig::guild);
    let double = DiscordDouble::start(config).await;
    let engine = Engine::new(
        Arc::new(MemoryStore::new()),
        Arc::new(ManualClock::new(T0)),
        "!",
    );
    let discord = DiscordConfig {
        token: Secret::new(TOKEN),
        application_id: double.config().application_id,
        guild_ids: vec![],
        admin_role: Some("Stewards".into()),
        shards: None,
    };
    let options = DiscordOptions {
        http_base: Some(double.http_url()),
    };
    let handle = start(engine.clone(), discord, options)
        .await
        .expect("the adapter starts");
    double.wait_ready(WAIT).await.expect("READY");
    handle.wait_ready(WAIT).await.expect("commands registered");

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
        let place = c.place();
        let view = engine.status_view(&place).await.expect("a view");
        let want = status_content(view.as_ref(), engine.language_of(&place).await);
        assert_eq!(
            status_messages(&double, c),
            vec![want],
            "guild {}: one status message, showing the engine's view",
            c.guild
        );
    }
    let v = double.violations();
    assert!(v.is_empty(), "violations: {v:#?}");
}
