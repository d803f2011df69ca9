//! The test world: a Discord double with one guild (owner, a steward, a host, members), an
//! engine on a manual clock, and the adapter connected to the double; helpers to act as members
//! and to check what the double received.

use std::sync::Arc;
use std::time::Duration;

use bot_core::domain::{Millis, PlaceId, Timestamp};
use bot_core::engine::{Clock, Engine, ManualClock};
use bot_core::store::MemoryStore;
use discord_adapter::{start, DiscordHandle, DiscordOptions};
use discord_double::{
    DiscordDouble, DoubleConfig, GuildSpec, InteractionRef, MemberSpec, RecordedCallback,
    StoredMessage,
};
use serde_json::{json, Value};
use sharecircle_config::{DiscordConfig, Secret};

pub const WAIT: Duration = Duration::from_secs(5);
pub const T0: Timestamp = Timestamp(1_772_478_000_000);
pub const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GdoubLe.sharecircle-test-token-000000";

#[derive(Clone, Debug)]
pub struct People {
    pub owner: u64,
    pub steward: u64,
    pub host: u64,
    pub ann: u64,
    pub bo: u64,
    pub cy: u64,
    pub plain: u64,
    pub loud: u64,
    pub long: u64,
    /// With `Setup::languages`: a member whose Discord app is in Spanish (`es-ES`).
    pub eva: u64,
}

pub struct World {
    pub double: DiscordDouble,
    pub guild: u64,
    pub channel: u64,
    /// A voice channel and a Stage (the bot may run a floor there with `Setup::voice`).
    pub lounge: u64,
    pub hall: u64,
    /// With `Setup::crowd`.
    pub crowd: Vec<u64>,
    pub role_everyone_ping: u64,
    pub who: People,
    pub engine: Engine,
    pub clock: Arc<ManualClock>,
    pub handle: Option<DiscordHandle>,
    pub config: DiscordConfig,
}

pub struct Setup {
    pub guild_scoped: bool,
    pub heartbeat: Duration,
    /// The bot may run a floor in the voice channel "Lounge" and the Stage "Hall" (a Stage
    /// moderator's permissions).
    pub voice: bool,
    /// Members besides the usual ones (`m1`, `m2` …: a large room).
    pub crowd: usize,
    /// The double's voice rate limits, when not Discord's defaults.
    pub rate_limits: Option<discord_double::RateLimits>,
    /// The server's preferred locale is German (`de`), and Eva's app is in Spanish.
    pub languages: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            guild_scoped: true,
            heartbeat: Duration::from_secs(41),
            voice: false,
            crowd: 0,
            rate_limits: None,
            languages: false,
        }
    }
}

impl World {
    pub async fn start() -> World {
        World::start_with(Setup::default()).await
    }

    pub async fn start_with(setup: Setup) -> World {
        let mut g = GuildSpec::new("Tuesday Circle");
        let channel = g.add_text_channel("meeting");
        let (lounge, hall) = (g.add_voice_channel("Lounge"), g.add_stage_channel("Hall"));
        let role_host = g.add_role("Facilitators", 0);
        let role_steward = g.add_role("Stewards", 0);
        let role_everyone_ping = g.add_role("everyone-ish", 0);
        let owner = g.owner();
        let steward = g.add_member(MemberSpec::new("stew").nick("Stew").roles([role_steward]));
        let host = g.add_member(MemberSpec::new("hana").nick("Hana").roles([role_host]));
        let ann = g.add_member(MemberSpec::new("ann").global_name("Ann"));
        let bo = g.add_member(MemberSpec::new("bo").nick("Bo"));
        let cy = g.add_member(MemberSpec::new("cy").nick("Cy"));
        let plain = g.add_member(MemberSpec::new("pat").nick("Pat"));
        let loud = g.add_member(
            MemberSpec::new("loud")
                .nick(format!("@everyone <@&{role_everyone_ping}> @here **Loud**")),
        );
        let long = g.add_member(MemberSpec::new("long").global_name("L".repeat(3000)));
        let crowd: Vec<u64> = (1..=setup.crowd)
            .map(|n| g.add_member(MemberSpec::new(format!("m{n}")).nick(format!("M{n}"))))
            .collect();
        let eva = if setup.languages {
            g.preferred_locale = "de".into();
            g.add_member(MemberSpec::new("eva").nick("Eva").locale("es-ES"))
        } else {
            0
        };
        let guild = g.id;
        let mut config = DoubleConfig::new(TOKEN)
            .guild(g)
            .heartbeat_interval(setup.heartbeat);
        if let Some(limits) = setup.rate_limits {
            config = config.rate_limits(limits);
        }
        if setup.voice {
            config = config.bot_permissions(
                discord_double::perms::BOT_DEFAULT | discord_double::perms::STAGE_MODERATOR,
            );
        }
        let double = DiscordDouble::start(config).await;
        let clock = Arc::new(ManualClock::new(T0));
        let engine = Engine::new(Arc::new(MemoryStore::new()), clock.clone(), "!");
        engine.reseed(7);
        let discord = DiscordConfig {
            token: Secret::new(TOKEN),
            application_id: double.config().application_id,
            guild_ids: if setup.guild_scoped {
                vec![guild]
            } else {
                vec![]
            },
            admin_role: Some("Stewards".into()),
            shards: None,
        };
        let handle = start(
            engine.clone(),
            discord.clone(),
            DiscordOptions {
                http_base: Some(double.http_url()),
            },
        )
        .await
        .expect("the adapter starts");
        double.wait_ready(WAIT).await.expect("READY");
        handle.wait_ready(WAIT).await.expect("commands registered");
        World {
            double,
            guild,
            channel,
            lounge,
            hall,
            crowd,
            role_everyone_ping,
            who: People {
                owner,
                steward,
                host,
                ann,
                bo,
                cy,
                plain,
                loud,
                long,
                eva,
            },
            engine,
            clock,
            handle: Some(handle),
            config: discord,
        }
    }

    /// Stops the adapter and starts a fresh one on the same engine (a process restart, as far as
    /// Discord is concerned: the new client identifies again and knows no message ids).
    pub async fn restart_adapter(&mut self) {
        if let Some(h) = self.handle.take() {
            h.shutdown().await;
        }
        let handle = start(
            self.engine.clone(),
            self.config.clone(),
            DiscordOptions {
                http_base: Some(self.double.http_url()),
            },
        )
        .await
        .expect("the adapter starts again");
        handle.wait_ready(WAIT).await.expect("ready again");
        self.handle = Some(handle);
    }

    pub fn handle(&self) -> &DiscordHandle {
        self.handle.as_ref().expect("running")
    }

    pub fn place(&self) -> PlaceId {
        PlaceId::new(format!("discord:{}:{}", self.guild, self.channel))
    }

    /// Sends `/name …` as `user` and returns the interaction.
    pub fn send(&self, user: u64, name: &str, options: Value) -> InteractionRef {
        self.double
            .send_slash_command(self.guild, self.channel, user, name, options)
    }

    /// Sends a slash command and waits for its callback (which must have been accepted).
    pub async fn slash(
        &self,
        user: u64,
        name: &str,
        options: Value,
    ) -> (InteractionRef, RecordedCallback) {
        let i = self.send(user, name, options);
        let cb = self
            .double
            .wait_callback(&i, WAIT)
            .await
            .expect("a callback");
        assert!(cb.accepted(), "callback refused: {cb:?}");
        assert!(cb.elapsed < Duration::from_secs(3), "answered late: {cb:?}");
        (i, cb)
    }

    /// `/command sub …options`
    pub async fn sub(
        &self,
        user: u64,
        name: &str,
        sub: &str,
        options: Value,
    ) -> (InteractionRef, RecordedCallback) {
        self.slash(
            user,
            name,
            json!([{ "name": sub, "type": 1, "options": options }]),
        )
        .await
    }

    /// The owner names Hana's role, Facilitators, the host role.
    pub async fn name_host_role(&self) {
        let owner = self.who.owner;
        let role = json!([{ "name": "role", "value": "Facilitators" }]);
        self.sub(owner, "settings", "host-role", role).await;
    }

    /// The live status messages (ones that carry the buttons now or said the session closed).
    pub fn status_messages(&self) -> Vec<StoredMessage> {
        self.double
            .messages_in(self.channel)
            .into_iter()
            .filter(|m| {
                m.interaction_id.is_none()
                    && (m.content.starts_with("🟢") || m.content.starts_with("⚪"))
            })
            .collect()
    }

    /// Waits for the one status message to satisfy `pred`.
    pub async fn wait_status(&self, pred: impl Fn(&StoredMessage) -> bool) -> StoredMessage {
        self.double
            .wait_for_message(
                self.channel,
                |m| {
                    m.interaction_id.is_none()
                        && (m.content.starts_with("🟢") || m.content.starts_with("⚪"))
                        && pred(m)
                },
                WAIT,
            )
            .await
            .expect("status message")
    }

    /// Clicks a button on the status message and waits for the callback.
    pub async fn click(&self, user: u64, custom_id: &str) -> (InteractionRef, RecordedCallback) {
        let status = self.status_messages();
        assert_eq!(status.len(), 1, "one status message: {status:?}");
        let i = self
            .double
            .send_button(self.guild, self.channel, user, status[0].id, custom_id);
        let cb = self
            .double
            .wait_callback(&i, WAIT)
            .await
            .expect("a callback");
        assert!(cb.accepted(), "callback refused: {cb:?}");
        (i, cb)
    }

    /// Messages created through an interaction (response and follow-ups), once `n` exist.
    pub async fn interaction_messages(&self, i: &InteractionRef, n: usize) -> Vec<StoredMessage> {
        let id = i.id;
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let got: Vec<StoredMessage> = self
                .double
                .messages_in(self.channel)
                .into_iter()
                .filter(|m| m.interaction_id == Some(id))
                .collect();
            if got.len() >= n || tokio::time::Instant::now() > deadline {
                assert_eq!(got.len(), n, "messages of interaction {id}: {got:?}");
                return got;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Moves the engine's clock forward, firing every deadline on the way (posts are delivered
    /// through the adapter's sink before this returns).
    pub async fn advance(&self, by: Millis) {
        let target = self.clock.now().plus(by);
        self.engine
            .advance_to(&self.clock, target)
            .await
            .expect("engine advances");
    }

    /// Channel messages the bot posted on its own (sink posts: no interaction, not the status).
    pub fn channel_posts(&self) -> Vec<StoredMessage> {
        self.double
            .messages_in(self.channel)
            .into_iter()
            .filter(|m| {
                m.interaction_id.is_none()
                    && !m.content.starts_with("🟢")
                    && !m.content.starts_with("⚪")
            })
            .collect()
    }

    /// Asserts the double saw no rule broken, then disconnects.
    pub async fn finish(mut self) {
        let v = self.double.violations();
        assert!(v.is_empty(), "violations: {v:#?}");
        if let Some(h) = self.handle.take() {
            h.shutdown().await;
        }
    }
}

/// `allowed_mentions` must parse nothing and list exactly `users`.
pub fn assert_safe_mentions(am: Option<&Value>, users: &[u64], what: &str) {
    let am = am.unwrap_or_else(|| panic!("{what}: no allowed_mentions"));
    assert_eq!(am["parse"], json!([]), "{what}: {am}");
    let mut got: Vec<u64> = am["users"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()).or(v.as_u64()))
                .collect()
        })
        .unwrap_or_default();
    got.sort_unstable();
    let mut want = users.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "{what}: pinged users {am}");
    assert!(
        am["roles"].as_array().is_none_or(|r| r.is_empty()),
        "{what}: {am}"
    );
}

/// Content that pings nobody it should not and fits Discord's limit.
pub fn assert_inert(content: &str, what: &str) {
    assert!(
        content.chars().count() <= 2000,
        "{what}: {} characters",
        content.chars().count()
    );
    for bad in ["@everyone", "@here", "<@&", "<#"] {
        assert!(!content.contains(bad), "{what} contains {bad}: {content}");
    }
}
