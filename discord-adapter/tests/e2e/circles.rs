//! Many guilds at once, for the load test and the load bench (`benches/load.rs` includes this
//! file): guilds each with a meeting channel, a host who is a steward (the admin role) and
//! members; a double holding them; the adapter connected to it with global commands; and what
//! each guild's status message shows against what the engine's view says it should.

#![allow(dead_code)]

use std::time::Duration;

use bot_core::domain::PlaceId;
use bot_core::engine::Engine;
use discord_adapter::{start, status_content, DiscordHandle, DiscordOptions};
use discord_double::{DiscordDouble, DoubleConfig, GuildSpec, MemberSpec};
use sharecircle_config::{DiscordConfig, Secret};

/// One guild: its meeting channel, its host and the other members.
#[derive(Clone, Debug)]
pub struct Circle {
    pub guild: u64,
    pub channel: u64,
    pub host: u64,
    pub members: Vec<u64>,
}

impl Circle {
    /// Guild `i` with its host and `members` other members.
    pub fn new(i: usize, members: usize) -> (GuildSpec, Circle) {
        let mut g = GuildSpec::new(format!("Circle {i}"));
        let channel = g.add_text_channel("meeting");
        let stewards = g.add_role("Stewards", 0);
        let host = g.add_member(
            MemberSpec::new(format!("host{i}"))
                .nick(format!("Host {i}"))
                .roles([stewards]),
        );
        let members = (1..=members)
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

    pub fn place(&self) -> PlaceId {
        PlaceId::new(format!("discord:{}:{}", self.guild, self.channel))
    }

    /// The status messages in the channel (open or closed ones), oldest first.
    pub fn status_messages(&self, double: &DiscordDouble) -> Vec<String> {
        double
            .messages_in(self.channel)
            .into_iter()
            .filter(|m| {
                m.interaction_id.is_none()
                    && (m.content.starts_with('🟢') || m.content.starts_with('⚪'))
            })
            .map(|m| m.content)
            .collect()
    }

    /// What the status message should show now: the engine's view as the adapter renders it.
    pub async fn expected_status(&self, engine: &Engine) -> String {
        let place = self.place();
        let view = engine.status_view(&place).await.expect("a status view");
        status_content(view.as_ref(), engine.language_of(&place).await)
    }
}

/// `n` guilds of a host and `members` other members each.
pub fn circles(n: usize, members: usize) -> (Vec<GuildSpec>, Vec<Circle>) {
    (0..n).map(|i| Circle::new(i, members)).unzip()
}

/// A double holding `guilds`, with Discord's 3-second interaction window.
pub async fn double_of(token: &str, guilds: &[GuildSpec]) -> DiscordDouble {
    let config = guilds
        .iter()
        .cloned()
        .fold(DoubleConfig::new(token), DoubleConfig::guild);
    DiscordDouble::start(config).await
}

/// The adapter on `engine`, connected to `double` with global commands (many guilds) and the
/// Stewards as the admin role, once its commands are registered.
pub async fn connect(
    engine: &Engine,
    double: &DiscordDouble,
    token: &str,
    ready: Duration,
) -> DiscordHandle {
    let discord = DiscordConfig {
        token: Secret::new(token),
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
    double.wait_ready(ready).await.expect("READY");
    handle.wait_ready(ready).await.expect("commands registered");
    handle
}
