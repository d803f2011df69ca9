//! Sharding: several clients (processes) each run some shards of one bot. The double gives each
//! session the guilds of its shard and routes every dispatch about a guild to the session that
//! serves it, as Discord does: `(guild_id >> 22) % total == shard`.

use discord_double::{DiscordDouble, DoubleConfig, GuildSpec, MemberSpec};
use serde_json::{json, Value};
use serenity::all::{Command, CreateCommand, GatewayIntents};

use crate::common::{start_bot_on, Seen, WAIT};
use crate::raw_ws::RawWs;

const TOKEN: &str = "test-token-123";

/// (guild, channel, member) of a guild.
type Place = (u64, u64, u64);

/// One guild on shard 0 of 2 and one on shard 1 of 2, each with a channel and a member.
fn two_guilds() -> (DoubleConfig, [Place; 2]) {
    let mut config = DoubleConfig::new(TOKEN);
    let mut places = Vec::new();
    for shard in 0..2 {
        let mut g = GuildSpec::on_shard(format!("Circle {shard}"), shard, 2);
        assert_eq!((g.id >> 22) % 2, shard);
        let channel = g.add_text_channel("meeting");
        let member = g.add_member(MemberSpec::new(format!("member{shard}")));
        places.push((g.id, channel, member));
        config = config.guild(g);
    }
    (config, [places[0], places[1]])
}

fn typing_in(guild: u64, channel: u64, user: u64) -> Value {
    json!({
        "guild_id": guild.to_string(),
        "channel_id": channel.to_string(),
        "user_id": user.to_string(),
        "timestamp": 0,
    })
}

/// How many dispatches of type `t` with `d.id` or `d.guild_id` equal to `id` the newest session of
/// shard `[shard, 2]` got.
fn count_to_shard(double: &DiscordDouble, shard: u64, t: &str, key: &str, id: u64) -> usize {
    let id = id.to_string();
    double
        .dispatched_to_shard(shard, 2)
        .iter()
        .filter(|d| d["t"] == t && d["d"][key] == id.as_str())
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_each_get_the_guilds_and_interactions_of_their_shard() {
    let (config, [(g0, c0, m0), (g1, c1, m1)]) = two_guilds();
    let double = DiscordDouble::start(config).await;
    let mut bot0 = start_bot_on(&double, GatewayIntents::GUILDS, Some((0, 2))).await;
    let mut bot1 = start_bot_on(&double, GatewayIntents::GUILDS, Some((1, 2))).await;
    for (bot, shard, guild) in [(&mut bot0, 0u32, g0), (&mut bot1, 1, g1)] {
        let ready = bot
            .next("READY", |ev| match ev {
                Seen::Ready(r) => Some(r.clone()),
                _ => None,
            })
            .await;
        let info = ready.shard.expect("a sharded READY");
        assert_eq!((info.id.0, info.total), (shard, 2));
        let guilds: Vec<u64> = ready.guilds.iter().map(|g| g.id.get()).collect();
        assert_eq!(guilds, [guild], "shard {shard} gets only its guild");
        let created = bot
            .next("GUILD_CREATE", |ev| match ev {
                Seen::GuildCreate(id) => Some(id.get()),
                _ => None,
            })
            .await;
        assert_eq!(created, guild);
        double
            .wait_shard_ready(u64::from(shard), 2, WAIT)
            .await
            .unwrap();
    }
    assert_eq!(double.identified_shards(), [json!([0, 2]), json!([1, 2])]);

    Command::set_global_commands(
        &bot0.http,
        vec![CreateCommand::new("ping").description("Ping")],
    )
    .await
    .unwrap();

    // Each guild's interaction reaches the client that runs the guild's shard, and only it.
    for (bot, shard, (guild, channel, member)) in
        [(&mut bot0, 0, (g0, c0, m0)), (&mut bot1, 1, (g1, c1, m1))]
    {
        let sent = double.send_slash_command(guild, channel, member, "ping", json!([]));
        let (_, interaction) = bot.interaction().await;
        let cmd = interaction.command().expect("an application command");
        assert_eq!(cmd.id.get(), sent.id);
        assert_eq!(cmd.guild_id.map(|g| g.get()), Some(guild));
        let to = |s| count_to_shard(&double, s, "INTERACTION_CREATE", "id", sent.id);
        assert_eq!((to(shard), to(1 - shard)), (1, 0), "shard {shard}");
    }

    // Any other event about a guild goes to the guild's shard as well.
    double
        .dispatch_event("TYPING_START", typing_in(g1, c1, m1))
        .unwrap();
    assert_eq!(
        count_to_shard(&double, 1, "TYPING_START", "guild_id", g1),
        1
    );
    assert_eq!(
        count_to_shard(&double, 0, "TYPING_START", "guild_id", g1),
        0
    );
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot0.stop().await;
    bot1.stop().await;
}

fn identify(shard: Option<[u64; 2]>) -> Value {
    let mut d = json!({
        "token": TOKEN, "intents": 1,
        "properties": { "os": "linux", "browser": "raw", "device": "raw" },
    });
    if let Some(shard) = shard {
        d["shard"] = json!(shard);
    }
    json!({ "op": 2, "d": d })
}

/// Connects, identifies and reads READY plus its GUILD_CREATEs; returns the socket, READY's `d`
/// and the ids of the guilds created.
async fn session(double: &DiscordDouble, shard: Option<[u64; 2]>) -> (RawWs, Value, Vec<u64>) {
    let mut ws = RawWs::connect(double.addr(), "/gateway?v=10").await;
    assert_eq!(ws.json().await["op"], 10);
    ws.send(&identify(shard)).await;
    let ready = ws.json().await;
    assert_eq!(ready["t"], "READY");
    let n = ready["d"]["guilds"].as_array().unwrap().len();
    let mut created = Vec::new();
    for _ in 0..n {
        let g = ws.json().await;
        assert_eq!(g["t"], "GUILD_CREATE");
        created.push(g["d"]["id"].as_str().unwrap().parse().unwrap());
    }
    (ws, ready["d"].clone(), created)
}

#[tokio::test]
async fn a_session_without_a_shard_serves_every_guild_and_the_newest_serving_session_wins() {
    let (config, [(g0, c0, m0), (g1, c1, m1)]) = two_guilds();
    let double = DiscordDouble::start(config).await;

    // No shard: every guild, and every guild's events.
    let (mut all, ready, created) = session(&double, None).await;
    assert!(ready.get("shard").is_none());
    assert_eq!(created, [g0, g1]);
    double
        .dispatch_event("TYPING_START", typing_in(g1, c1, m1))
        .unwrap();
    assert_eq!(all.json().await["d"]["guild_id"], g1.to_string());

    // A session of shard 1 of 2 gets guild 1 only, and from now on guild 1's events; guild 0's
    // still go to the session without a shard.
    let (mut one, ready, created) = session(&double, Some([1, 2])).await;
    assert_eq!(ready["shard"], json!([1, 2]));
    assert_eq!(created, [g1]);
    double
        .dispatch_event("TYPING_START", typing_in(g1, c1, m1))
        .unwrap();
    double
        .dispatch_event("TYPING_START", typing_in(g0, c0, m0))
        .unwrap();
    assert_eq!(one.json().await["d"]["guild_id"], g1.to_string());
    assert_eq!(
        all.json().await["d"]["guild_id"],
        g0.to_string(),
        "guild 1's event went to shard 1 only"
    );
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // A guild whose shard no session runs: the dispatch fails and says why.
    let (config, [_, (g1, c1, m1)]) = two_guilds();
    let half = DiscordDouble::start(config).await;
    let (_zero, _, created) = session(&half, Some([0, 2])).await;
    assert_eq!(created.len(), 1);
    let err = half
        .dispatch_event("TYPING_START", typing_in(g1, c1, m1))
        .unwrap_err();
    assert!(
        err.contains(&format!("no gateway session serves guild {g1}")),
        "{err}"
    );
}
