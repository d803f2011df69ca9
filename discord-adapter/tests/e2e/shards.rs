//! Several processes run one bot: each adapter runs the gateway shards of its `discord.shards`
//! range, so the interactions of a guild reach only the process that runs the guild's shard; only
//! the process that runs shard 0 registers the slash commands. Without a range, a process runs as
//! many shards as Discord recommends for the bot.

use std::sync::Arc;
use std::time::Duration;

use bot_core::domain::PlaceId;
use bot_core::engine::{Engine, ManualClock};
use bot_core::store::MemoryStore;
use discord_adapter::{registers_commands, start, DiscordHandle, DiscordOptions};
use discord_double::{DiscordDouble, DoubleConfig, GuildSpec};
use serde_json::json;
use sharecircle_config::{DiscordConfig, Secret, ShardRange};

use crate::harness::{T0, TOKEN, WAIT};

/// One process: its own engine (its own in-memory store, so that who answered is visible in
/// which engine holds the meeting) and its adapter.
struct Process {
    engine: Engine,
    handle: DiscordHandle,
}

/// A process running the shards `shards` (`None`: every shard Discord recommends), once the
/// READY of each of its `shard_count` shards was handled.
async fn process(
    double: &DiscordDouble,
    guild_ids: &[u64],
    shards: Option<&str>,
    shard_count: u64,
) -> Process {
    let engine = Engine::new(
        Arc::new(MemoryStore::new()),
        Arc::new(ManualClock::new(T0)),
        "!",
    );
    let config = DiscordConfig {
        token: Secret::new(TOKEN),
        application_id: double.config().application_id,
        guild_ids: guild_ids.to_vec(),
        admin_role: None,
        shards: shards.map(|s| s.parse().expect("a shard range")),
    };
    let handle = start(
        engine.clone(),
        config,
        DiscordOptions {
            http_base: Some(double.http_url()),
        },
    )
    .await
    .expect("the adapter starts");
    // serenity starts a process's shards 5 s apart.
    handle
        .wait_ready_count(
            shard_count,
            WAIT + Duration::from_secs(6) * shard_count as u32,
        )
        .await
        .expect("every shard's READY handled");
    Process { engine, handle }
}

/// A double with a guild on shard 0 of 2 and one on shard 1 of 2, each with a meeting channel,
/// whose `GET /gateway/bot` recommends `recommended` shards; each guild's (id, channel, owner).
async fn two_guilds(recommended: u32) -> (DiscordDouble, [(u64, u64, u64); 2]) {
    let mut config = DoubleConfig::new(TOKEN).recommended_shards(recommended);
    let mut guilds = [(0, 0, 0); 2];
    for (shard, made) in guilds.iter_mut().enumerate() {
        let mut g = GuildSpec::on_shard(format!("Shard {shard} circle"), shard as u64, 2);
        let channel = g.add_text_channel("meeting");
        *made = (g.id, channel, g.owner());
        config = config.guild(g);
    }
    (DiscordDouble::start(config).await, guilds)
}

#[test]
fn only_the_ready_of_shard_zero_registers_commands() {
    let range = |s: &str| Some(s.parse::<ShardRange>().unwrap());
    assert!(registers_commands(None, 0));
    assert!(registers_commands(range("0-3/8"), 0));
    assert!(registers_commands(range("0/2"), 0));
    assert!(!registers_commands(range("0-3/8"), 2));
    assert!(!registers_commands(range("1-1/2"), 1));
    assert!(!registers_commands(range("4-7/8"), 4));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_process_answers_the_guilds_of_its_shards() {
    let (double, [(g0, c0, o0), (g1, c1, o1)]) = two_guilds(1).await;
    let guilds = [g0, g1];

    let first = process(&double, &guilds, Some("0-0/2"), 1).await;
    let second = process(&double, &guilds, Some("1-1/2"), 1).await;
    double.wait_shard_ready(0, 2, WAIT).await.unwrap();
    double.wait_shard_ready(1, 2, WAIT).await.unwrap();
    assert_eq!(double.identified_shards(), [json!([0, 2]), json!([1, 2])]);

    // Commands were registered once per guild, by the process that runs shard 0 (the other
    // one's READY was handled too, without registering).
    for guild in guilds {
        assert_eq!(
            registrations(&double, guild),
            1,
            "registrations for guild {guild}"
        );
    }

    // The guild on shard 1 is answered by the second process, the one on shard 0 by the first.
    for (guild, channel, owner, shard, answering, idle) in [
        (g1, c1, o1, 1, &second, &first),
        (g0, c0, o0, 0, &first, &second),
    ] {
        let i = double.send_slash_command(guild, channel, owner, "open", json!([]));
        let cb = double.wait_callback(&i, WAIT).await.expect("a callback");
        assert!(cb.accepted(), "{cb:?}");
        assert!(cb.content().is_some_and(|c| c.contains("open")), "{cb:?}");
        assert_eq!(
            (
                dispatches(&double, shard, i.id),
                dispatches(&double, 1 - shard, i.id)
            ),
            (1, 0)
        );
        let place = PlaceId::new(format!("discord:{guild}:{channel}"));
        let held = answering.engine.place_state(&place).await.unwrap();
        assert!(
            held.is_some_and(|p| p.session.is_some()),
            "the process of shard {shard} opened the meeting"
        );
        assert!(
            idle.engine.place_state(&place).await.unwrap().is_none(),
            "the other process never saw guild {guild}"
        );
        // The answering process also posts the live status message.
        double
            .wait_for_message(channel, |m| m.content.starts_with("🟢"), WAIT)
            .await
            .expect("a status message");
    }
    let callbacks = double.callbacks();
    assert_eq!(
        callbacks.len(),
        2,
        "one answer per interaction: {callbacks:?}"
    );
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    first.handle.shutdown().await;
    second.handle.shutdown().await;
}

/// How many times interaction `id` was dispatched to the newest session of shard `[shard, 2]`.
fn dispatches(double: &DiscordDouble, shard: u64, id: u64) -> usize {
    let id = id.to_string();
    double
        .dispatched_to_shard(shard, 2)
        .iter()
        .filter(|d| d["t"] == "INTERACTION_CREATE" && d["d"]["id"] == id.as_str())
        .count()
}

/// Registrations of the slash commands in `guild`.
fn registrations(double: &DiscordDouble, guild: u64) -> usize {
    let app = double.config().application_id;
    double
        .requests()
        .iter()
        .filter(|r| {
            r.method == "PUT" && r.route() == format!("/applications/{app}/guilds/{guild}/commands")
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_range_one_process_runs_every_shard_discord_recommends() {
    let (double, [(g0, c0, o0), (g1, c1, o1)]) = two_guilds(2).await;
    let guilds = [g0, g1];

    let only = process(&double, &guilds, None, 2).await;
    assert_eq!(double.identified_shards(), [json!([0, 2]), json!([1, 2])]);
    for guild in guilds {
        assert_eq!(
            registrations(&double, guild),
            1,
            "registrations for guild {guild}"
        );
    }

    // Both servers are answered, each through its own shard's session.
    for (guild, channel, owner, shard) in [(g0, c0, o0, 0), (g1, c1, o1, 1)] {
        let i = double.send_slash_command(guild, channel, owner, "open", json!([]));
        let cb = double.wait_callback(&i, WAIT).await.expect("a callback");
        assert!(cb.accepted(), "{cb:?}");
        assert_eq!(
            dispatches(&double, shard, i.id),
            1,
            "the interaction went to shard {shard}"
        );
        let place = PlaceId::new(format!("discord:{guild}:{channel}"));
        let held = only.engine.place_state(&place).await.unwrap();
        assert!(
            held.is_some_and(|p| p.session.is_some()),
            "guild {guild} has an open meeting"
        );
    }
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    only.handle.shutdown().await;
}
