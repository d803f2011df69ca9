//! Shared test harness: a world with one guild, and a real serenity client pointed at the double.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use discord_double::{perms, DiscordDouble, DoubleConfig, GuildSpec, MemberSpec};
use serenity::all::{
    Client, ClientBuilder, Context, EventHandler, GatewayIntents, Guild, GuildChannel, GuildId,
    HttpBuilder, Interaction, Ready, ResumedEvent, Role, StageInstance, VoiceState,
};
use serenity::async_trait;
use serenity::cache::Cache;
use serenity::gateway::ShardManager;
use serenity::http::Http;
use tokio::sync::mpsc;

/// Bounded wait used by every test.
pub const WAIT: Duration = Duration::from_secs(5);

/// Ids of the world built by [`world`].
#[derive(Clone, Copy, Debug)]
pub struct Ids {
    pub guild: u64,
    pub general: u64,
    pub facilitators: u64,
    /// A member with the Facilitators role (Manage Server).
    pub alice: u64,
    /// A member without special roles.
    pub bob: u64,
}

pub fn world() -> (DoubleConfig, Ids) {
    let mut guild = GuildSpec::new("Share Circle");
    let general = guild.add_text_channel("general");
    let facilitators = guild.add_role("Facilitators", perms::MANAGE_GUILD);
    let alice = guild.add_member(
        MemberSpec::new("alice")
            .global_name("Alice")
            .nick("Al")
            .roles([facilitators]),
    );
    let bob = guild.add_member(MemberSpec::new("bob"));
    let config = DoubleConfig::new("test-token-123").guild(guild.clone());
    (
        config,
        Ids {
            guild: guild.id,
            general,
            facilitators,
            alice,
            bob,
        },
    )
}

/// What the event handler saw.
#[derive(Debug)]
pub enum Seen {
    Ready(Box<Ready>),
    CacheReady(Vec<GuildId>),
    GuildCreate(GuildId),
    Resumed,
    Interaction(Box<Context>, Box<Interaction>),
    /// VOICE_STATE_UPDATE, as serenity decoded it.
    VoiceState(Box<VoiceState>),
    /// STAGE_INSTANCE_CREATE / _UPDATE / _DELETE ("create", "update", "delete").
    Stage(&'static str, Box<StageInstance>),
    RoleUpdate(Box<Role>),
    ChannelUpdate(Box<GuildChannel>),
}

struct Forwarder(mpsc::UnboundedSender<Seen>);

#[async_trait]
impl EventHandler for Forwarder {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        let _ = self.0.send(Seen::Ready(Box::new(ready)));
    }

    async fn cache_ready(&self, _ctx: Context, guilds: Vec<GuildId>) {
        let _ = self.0.send(Seen::CacheReady(guilds));
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let _ = self.0.send(Seen::GuildCreate(guild.id));
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        let _ = self.0.send(Seen::Resumed);
    }

    async fn voice_state_update(&self, _ctx: Context, _old: Option<VoiceState>, new: VoiceState) {
        let _ = self.0.send(Seen::VoiceState(Box::new(new)));
    }

    async fn stage_instance_create(&self, _ctx: Context, stage: StageInstance) {
        let _ = self.0.send(Seen::Stage("create", Box::new(stage)));
    }

    async fn stage_instance_update(&self, _ctx: Context, stage: StageInstance) {
        let _ = self.0.send(Seen::Stage("update", Box::new(stage)));
    }

    async fn stage_instance_delete(&self, _ctx: Context, stage: StageInstance) {
        let _ = self.0.send(Seen::Stage("delete", Box::new(stage)));
    }

    async fn guild_role_update(&self, _ctx: Context, _old: Option<Role>, new: Role) {
        let _ = self.0.send(Seen::RoleUpdate(Box::new(new)));
    }

    async fn channel_update(&self, _ctx: Context, _old: Option<GuildChannel>, new: GuildChannel) {
        let _ = self.0.send(Seen::ChannelUpdate(Box::new(new)));
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _ = self
            .0
            .send(Seen::Interaction(Box::new(ctx), Box::new(interaction)));
    }
}

pub struct Bot {
    pub events: mpsc::UnboundedReceiver<Seen>,
    /// Events received but not yet asked for.
    pub backlog: VecDeque<Seen>,
    pub http: Arc<Http>,
    pub cache: Arc<Cache>,
    pub shard_manager: Arc<ShardManager>,
    pub task: tokio::task::JoinHandle<serenity::Result<()>>,
}

impl Bot {
    /// Waits for the next event for which `f` returns `Some`; other events stay in the backlog.
    pub async fn next<T>(&mut self, what: &str, mut f: impl FnMut(&Seen) -> Option<T>) -> T {
        if let Some(pos) = self.backlog.iter().position(|ev| f(ev).is_some()) {
            let ev = self.backlog.remove(pos).expect("position is valid");
            return f(&ev).expect("matched before");
        }
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(ev)) => match f(&ev) {
                    Some(t) => return t,
                    None => self.backlog.push_back(ev),
                },
                Ok(None) => panic!("event channel closed while waiting for {what}"),
                Err(_) => panic!("timed out waiting for {what}"),
            }
        }
    }

    /// Waits for the next interaction.
    pub async fn interaction(&mut self) -> (Context, Interaction) {
        self.next("an interaction", |ev| match ev {
            Seen::Interaction(ctx, i) => Some(((**ctx).clone(), (**i).clone())),
            _ => None,
        })
        .await
    }

    pub async fn stop(self) {
        let _ =
            tokio::time::timeout(Duration::from_secs(2), self.shard_manager.shutdown_all()).await;
        self.task.abort();
    }
}

/// A serenity `Http` pointed at the double, as the adapter will build it.
pub fn http_for(double: &DiscordDouble) -> Http {
    HttpBuilder::new(&double.config().token)
        .proxy(double.http_url())
        .ratelimiter_disabled(true)
        .build()
}

/// Builds and starts a real serenity client against the double.
pub async fn start_bot(double: &DiscordDouble, intents: GatewayIntents) -> Bot {
    start_bot_on(double, intents, None).await
}

/// Like [`start_bot`]; with `Some((id, total))` the client runs only that shard
/// (`Client::start_shard`), as one of several processes sharing a bot.
pub async fn start_bot_on(
    double: &DiscordDouble,
    intents: GatewayIntents,
    shard: Option<(u32, u32)>,
) -> Bot {
    let (tx, events) = mpsc::unbounded_channel();
    let mut client: Client = ClientBuilder::new_with_http(http_for(double), intents)
        .event_handler(Forwarder(tx))
        .await
        .expect("serenity client builds");
    let http = client.http.clone();
    let cache = client.cache.clone();
    let shard_manager = client.shard_manager.clone();
    let task = tokio::spawn(async move {
        match shard {
            Some((id, total)) => client.start_shard(id, total).await,
            None => client.start().await,
        }
    });
    Bot {
        events,
        backlog: VecDeque::new(),
        http,
        cache,
        shard_manager,
        task,
    }
}

/// Starts the double and a bot, and waits until the bot saw READY.
pub async fn connected(config: DoubleConfig) -> (DiscordDouble, Bot) {
    let double = DiscordDouble::start(config).await;
    let mut bot = start_bot(&double, GatewayIntents::GUILDS).await;
    double.wait_ready(WAIT).await.expect("READY");
    bot.next("READY", |ev| matches!(ev, Seen::Ready(_)).then_some(()))
        .await;
    (double, bot)
}
