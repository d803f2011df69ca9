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
    let mut g0 = GuildSpec::on_shard("Shard zero circle", 0, 2);
    let c0 = g0.add_text_channel("meeting");
    let mut g1 = GuildSpec::on_shard("Shard one circle", 1, 2);
    let c1 = g1.add_text_channel("meeting");
    let (o0, o1) = (g0.owner(), g1.owner());
    let guilds = [g0.id, g1.id];
    let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g0).guild(g1)).await;
    let [g0, g1] = guilds;

    let first = process(&double, &guilds, Some("0-0/2"), 1).await;
    let second = process(&double, &guilds, Some("1-1/2"), 1).await;
    double.wait_shard_ready(0, 2, WAIT).await.unwrap();
    double.wait_shard_ready(1, 2, WAIT).await.unwrap();
    let mut shards: Vec<_> = double
        .identifies()
        .iter()
        .map(|d| d["shard"].clone())
        .collect();
    shards.sort_by_key(|s| s[0].as_u64());
    assert_eq!(shards, [json!([0, 2]), json!([1, 2])]);

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
        let id = i.id.to_string();
        let dispatched_to = |s| {
            double
                .dispatched_to_shard(s, 2)
                .iter()
                .filter(|d| d["t"] == "INTERACTION_CREATE" && d["d"]["id"] == id.as_str())
                .count()
        };
        assert_eq!((dispatched_to(shard), dispatched_to(1 - shard)), (1, 0));
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
    let mut g0 = GuildSpec::on_shard("Shard zero circle", 0, 2);
    let c0 = g0.add_text_channel("meeting");
    let mut g1 = GuildSpec::on_shard("Shard one circle", 1, 2);
    let c1 = g1.add_text_channel("meeting");
    let (o0, o1) = (g0.owner(), g1.owner());
    let guilds = [g0.id, g1.id];
    let double = DiscordDouble::start(
        DoubleConfig::new(TOKEN)
            .guild(g0)
            .guild(g1)
            .recommended_shards(2),
    )
    .await;

    let only = process(&double, &guilds, None, 2).await;
    let mut shards: Vec<_> = double
        .identifies()
        .iter()
        .map(|d| d["shard"].clone())
        .collect();
    shards.sort_by_key(|s| s[0].as_u64());
    assert_eq!(shards, [json!([0, 2]), json!([1, 2])]);
    for guild in guilds {
        assert_eq!(
            registrations(&double, guild),
            1,
            "registrations for guild {guild}"
        );
    }

    // Both servers are answered, each through its own shard's session.
    for (guild, channel, owner, shard) in [(guilds[0], c0, o0, 0), (guilds[1], c1, o1, 1)] {
        let i = double.send_slash_command(guild, channel, owner, "open", json!([]));
        let cb = double.wait_callback(&i, WAIT).await.expect("a callback");
        assert!(cb.accepted(), "{cb:?}");
        let id = i.id.to_string();
        let to_shard = double
            .dispatched_to_shard(shard, 2)
            .iter()
            .filter(|d| d["t"] == "INTERACTION_CREATE" && d["d"]["id"] == id.as_str())
            .count();
        assert_eq!(to_shard, 1, "the interaction went to shard {shard}");
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
