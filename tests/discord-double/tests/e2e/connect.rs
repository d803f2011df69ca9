//! Test 1: serenity connects, gets READY and GUILD_CREATE, heartbeats are acknowledged, intents are recorded.

use std::time::Duration;

use discord_double::{intents, perms, DiscordDouble};
use serenity::all::{GatewayIntents, GuildId, UserId};
use serenity::model::event::GatewayEvent;

use crate::common::{start_bot, world, Seen, WAIT};

/// Every dispatch the double produced deserializes as serenity's `GatewayEvent` (serenity drops
/// undecodable events silently, so this is checked explicitly).
pub fn assert_dispatches_parse(double: &DiscordDouble) {
    for d in double.dispatched() {
        let t = d["t"].as_str().unwrap_or_default().to_owned();
        if let Err(e) = serde_json::from_value::<GatewayEvent>(d.clone()) {
            panic!("serenity cannot decode {t}: {e}\n{d:#}");
        }
    }
}

#[tokio::test]
async fn serenity_connects_receives_ready_and_guilds_and_heartbeats() {
    let (config, ids) = world();
    let config = config.heartbeat_interval(Duration::from_millis(200));
    let double = DiscordDouble::start(config).await;
    let mut bot = start_bot(
        &double,
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES,
    )
    .await;
    double.wait_ready(WAIT).await.unwrap();

    let ready = bot
        .next("READY", |e| {
            if let Seen::Ready(r) = e {
                Some(r.clone())
            } else {
                None
            }
        })
        .await;
    assert_eq!(ready.user.id.get(), double.config().bot_user.id);
    assert_eq!(ready.application.id.get(), double.config().application_id);
    assert_eq!(ready.version, 10);
    assert_eq!(ready.guilds.len(), 1);
    assert!(ready.guilds[0].unavailable);

    let created = bot
        .next("GUILD_CREATE", |e| {
            if let Seen::GuildCreate(g) = e {
                Some(*g)
            } else {
                None
            }
        })
        .await;
    assert_eq!(created, GuildId::new(ids.guild));
    let guilds = bot
        .next("cache_ready", |e| {
            if let Seen::CacheReady(g) = e {
                Some(g.clone())
            } else {
                None
            }
        })
        .await;
    assert_eq!(guilds, vec![GuildId::new(ids.guild)]);
    {
        let guild = bot.cache.guild(ids.guild).expect("guild cached");
        assert_eq!(guild.name, "Share Circle");
        assert_eq!(
            guild.owner_id.get(),
            double.config().find_guild(ids.guild).unwrap().owner()
        );
        assert!(guild.channels.keys().any(|c| c.get() == ids.general));
        assert!(guild.roles.keys().any(|r| r.get() == ids.facilitators));
        // Without the GUILD_MEMBERS intent Discord only lists the bot itself.
        let bot_id = UserId::new(double.config().bot_user.id);
        assert!(guild.members.contains_key(&bot_id));
        assert!(!guild.members.contains_key(&UserId::new(ids.alice)));
        let bot_member = &guild.members[&bot_id];
        let p = guild.member_permissions(bot_member);
        assert!(p.send_messages() && !p.manage_guild());
    }

    let acks = double.wait_heartbeat_acks(2, WAIT).await.unwrap();
    assert!(acks >= 2);

    let identifies = double.identifies();
    assert_eq!(identifies.len(), 1);
    let sent = identifies[0]["intents"].as_u64().unwrap();
    assert_eq!(
        sent,
        (GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES).bits()
    );
    assert_eq!(
        sent & intents::MESSAGE_CONTENT,
        0,
        "no Message Content intent"
    );
    assert_eq!(identifies[0]["token"], "Bot test-token-123");
    assert_eq!(identifies[0]["shard"], serde_json::json!([0, 1]));

    // At start-up serenity asks for nothing but the gateway URL.
    let routes: Vec<_> = double
        .requests()
        .iter()
        .map(|r| r.route().to_owned())
        .collect();
    assert_eq!(routes, ["/gateway"]);
    // serenity's discovery request and the websocket URL it built.
    let gw = double
        .requests()
        .into_iter()
        .find(|r| r.route() == "/gateway")
        .expect("GET /gateway");
    assert_eq!(gw.method, "GET");
    assert_eq!(gw.authorization(), Some("Bot test-token-123"));
    assert!(
        gw.headers["user-agent"].starts_with("DiscordBot ("),
        "{:?}",
        gw.headers
    );
    assert_eq!(double.gateway_connections()[0].query, "v=10");

    assert_dispatches_parse(&double);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn guild_members_intent_lists_members_and_manage_server_is_computable() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    let mut bot = start_bot(
        &double,
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS,
    )
    .await;
    double.wait_ready(WAIT).await.unwrap();
    bot.next("cache_ready", |e| {
        matches!(e, Seen::CacheReady(_)).then_some(())
    })
    .await;
    {
        let guild = bot.cache.guild(ids.guild).expect("guild cached");
        let alice = &guild.members[&UserId::new(ids.alice)];
        let bob = &guild.members[&UserId::new(ids.bob)];
        assert_eq!(alice.nick.as_deref(), Some("Al"));
        assert_eq!(alice.user.global_name.as_deref(), Some("Alice"));
        assert!(guild.member_permissions(alice).manage_guild());
        assert!(!guild.member_permissions(bob).manage_guild());
    }
    // The double computes the same.
    let g = double.config().find_guild(ids.guild).unwrap();
    assert_ne!(
        g.channel_permissions(ids.alice, ids.general) & perms::MANAGE_GUILD,
        0
    );
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn a_bad_token_is_closed_with_4004_and_serenity_gives_up() {
    let (config, _) = world();
    let double = DiscordDouble::start(config).await;
    let http = serenity::http::HttpBuilder::new("wrong-token")
        .proxy(double.http_url())
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::all::ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .await
        .unwrap();
    let result = tokio::time::timeout(WAIT, client.start())
        .await
        .expect("serenity returns");
    let err = result.expect_err("authentication fails");
    assert!(
        matches!(
            err,
            serenity::Error::Gateway(serenity::gateway::GatewayError::InvalidAuthentication)
        ),
        "{err:?}"
    );
    assert!(double
        .violations()
        .iter()
        .any(|v| v.contains("invalid token")));
}
