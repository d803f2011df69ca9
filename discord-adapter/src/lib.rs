//! Discord adapter: runs sharecircle meetings on Discord through serenity. Slash commands are
//! generated from the core's catalogue, interactions and buttons become core commands, answers
//! are rendered with safe mentions, each open session has one live status message, and posts the
//! engine makes on its own go to the channel through the adapter's sink.
//!
//! Several processes can run one bot on one database: each runs the gateway shards of its
//! `discord.shards` range (`0-3/8`; without it, every shard Discord recommends for the bot), so
//! each gets the interactions of its shards' guilds; the process that runs shard 0 registers the
//! commands.
//!
//! ```text
//! let handle = discord_adapter::start(engine.clone(), config.discord, DiscordOptions::default()).await?;
//! engine.spawn_timers();          // the binary owns the engine's timers
//! handle.wait_ready(Duration::from_secs(30)).await?;
//! // … until shutdown (work under way finishes, then every shard closes with code 1000):
//! handle.shutdown().await;
//! ```

mod answer;
mod commands;
mod files;
mod handler;
mod inflight;
mod render;
mod retry;
mod roles;
mod sink;
mod status;
mod voice;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bot_core::engine::status::StatusBoard;
use bot_core::engine::Engine;
use serenity::all::{
    ApplicationId, ClientBuilder, GatewayIntents, Http, HttpBuilder, ShardManager,
};
use sharecircle_config::{DiscordConfig, ShardRange};
use tokio::sync::watch;

use handler::{Core, Handler, Wired};
use inflight::InFlight;
use sink::DiscordSink;
use status::DiscordStatus;

pub use commands::{registration as slash_commands, slash_form, slash_path, SlashPath};

/// The content the live status message shows for `view` (`None`: the session closed) in
/// `lang`, exactly as the adapter sends it: what a check of a status message compares with.
pub fn status_content(
    view: Option<&bot_core::domain::StatusView>,
    lang: bot_core::domain::Lang,
) -> String {
    use bot_core::status::{closed_message, status_message};
    match view {
        Some(v) => status::content(&status_message(v, &status::FORM, lang), lang),
        None => status::content(&closed_message(lang), lang),
    }
}

/// The gateway intents the adapter needs: GUILDS (guild, channel and role data: role names,
/// the bot's permissions in a linked channel) and GUILD_VOICE_STATES (who is in a linked voice
/// or Stage channel, muted or asking to speak). Interactions arrive without any intent; no
/// privileged intent, no Message Content.
pub const INTENTS: GatewayIntents =
    GatewayIntents::GUILDS.union(GatewayIntents::GUILD_VOICE_STATES);

/// How to reach Discord.
#[derive(Clone, Debug, Default)]
pub struct DiscordOptions {
    /// Base URL replacing `https://discord.com` (a local Discord double in tests). With it,
    /// serenity's rate limiter is off (it ignores the proxy) and the adapter's own retry handles
    /// 429s; without it, serenity's rate limiter is on.
    pub http_base: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    #[error("Discord client error: {0}")]
    Client(#[source] Box<serenity::Error>),
    #[error("Discord did not become ready within {0:?} (check the token and the application id)")]
    NotReady(Duration),
    #[error(
        "the Discord connection stopped (a rejected token, or privileged intents not enabled?)"
    )]
    Stopped,
}

impl From<serenity::Error> for DiscordError {
    fn from(e: serenity::Error) -> Self {
        DiscordError::Client(Box::new(e))
    }
}

/// A running Discord connection.
pub struct DiscordHandle {
    core: Arc<Core>,
    shard_manager: Arc<ShardManager>,
    task: tokio::task::JoinHandle<()>,
    ready: watch::Receiver<u64>,
    stopped: watch::Receiver<bool>,
}

impl DiscordHandle {
    /// Waits until the first READY was handled: the slash commands are registered when this
    /// process registers them (see [`registers_commands`]).
    pub async fn wait_ready(&self, timeout: Duration) -> Result<(), DiscordError> {
        self.wait_ready_count(1, timeout).await
    }

    /// Waits until `n` READY events were handled (one per shard of the range, and a
    /// re-identify after a lost session counts).
    pub async fn wait_ready_count(&self, n: u64, timeout: Duration) -> Result<(), DiscordError> {
        let mut ready = self.ready.clone();
        let mut stopped = self.stopped.clone();
        let wait = async {
            tokio::select! {
                r = ready.wait_for(|c| *c >= n) => r.is_ok(),
                _ = stopped.wait_for(|s| *s) => false,
            }
        };
        match tokio::time::timeout(timeout, wait).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(DiscordError::Stopped),
            Err(_) => Err(DiscordError::NotReady(timeout)),
        }
    }

    /// Interactions whose answer takes longer than this are deferred first (default 1.5 s,
    /// at most 2.5 s; zero defers every interaction).
    pub fn set_defer_after(&self, after: Duration) {
        self.core.defer_after.set(after);
    }

    /// Whether the connection task is still running.
    pub fn is_running(&self) -> bool {
        !self.task.is_finished()
    }

    /// Lets work under way finish (interaction answers, status updates, channel posts: at most
    /// 5 s, so answers are not cut off and each status message stays recorded for the next
    /// start), then closes every shard's gateway connection with a close frame (1000, "normal
    /// closure": Discord ends the sessions at once instead of waiting for a crashed client) and
    /// waits for the client to stop.
    pub async fn shutdown(&self) {
        // Nobody the bot muted stays muted while it is away: every mute this process holds is
        // lifted (a next start puts back what the round still needs).
        self.core.engine.release_voice().await;
        if let Some(w) = self.core.wired() {
            if !w.work.settle(Duration::from_secs(5)).await {
                tracing::warn!("Discord deliveries were still under way at shutdown");
            }
        }
        self.shard_manager.shutdown_all().await;
        let mut stopped = self.stopped.clone();
        if tokio::time::timeout(Duration::from_secs(5), stopped.wait_for(|s| *s))
            .await
            .is_err()
        {
            tracing::warn!("the Discord client did not stop in time");
        }
    }
}

/// Closes the status messages still showing a session that closed while no process was there to
/// edit them (a stop between the close and the message's last edit), so that the feeling words
/// on their roll are gone.
async fn close_stale_status_messages(core: Arc<Core>) {
    let Some(w) = core.wired() else { return };
    let _busy = w.work.busy();
    w.status.close_stale(&core.engine, "discord").await;
}

/// Whether the READY of shard `shard` registers the slash commands: only shard 0's, so that of
/// several processes sharing the bot (each with its `discord.shards` range) only the one that
/// runs shard 0 registers them. Without a range the process runs shard 0 itself.
pub fn registers_commands(shards: Option<ShardRange>, shard: u32) -> bool {
    shard == 0 && shards.is_none_or(|r| r.contains(0))
}

/// The REST client: Discord's API, or `http_base` (a local Discord double) without serenity's
/// rate limiter; `application_id` 0 leaves it to be learned from READY.
fn http_client(token: &str, application_id: u64, http_base: Option<&str>) -> Http {
    let mut http = HttpBuilder::new(token.trim());
    if application_id != 0 {
        http = http.application_id(ApplicationId::new(application_id));
    }
    if let Some(base) = http_base {
        http = http
            .proxy(base.trim_end_matches('/').to_string())
            .ratelimiter_disabled(true);
    }
    http.build()
}

/// Registers the Discord sink with the engine, connects to Discord and returns at once; commands
/// are registered on READY (see [`DiscordHandle::wait_ready`]). With `config.shards` set, only
/// that range of shards is started (`Client::start_shard_range`); without it, the process runs
/// every shard of the bot, as many as Discord's `GET /gateway/bot` recommends
/// (`Client::start_autosharded`: one for a bot in fewer than ~1,000 servers). The engine's timers
/// are the caller's (`engine.spawn_timers()`), as is `engine.resume()` after a restart.
pub async fn start(
    engine: Engine,
    config: DiscordConfig,
    options: DiscordOptions,
) -> Result<DiscordHandle, DiscordError> {
    let http = http_client(
        config.token.expose(),
        config.application_id,
        options.http_base.as_deref(),
    );
    let (ready_tx, ready_rx) = watch::channel(0u64);
    // Members with a role of this name are admins: the core decides it with each command.
    engine.set_admin_role("discord", config.admin_role.as_deref());
    let core = Arc::new(Core {
        engine: engine.clone(),
        guild_ids: config.guild_ids.clone(),
        shards: config.shards,
        wired: OnceLock::new(),
        ready: ready_tx,
        defer_after: Default::default(),
    });
    let mut client = ClientBuilder::new_with_http(http, INTENTS)
        .event_handler(Handler { core: core.clone() })
        .await?;
    let work = Arc::new(InFlight::default());
    let news = voice::VoiceNews::start(engine.clone(), client.cache.clone());
    let calls = voice::VoiceCalls::new(client.http.clone(), client.cache.clone());
    let _ = core.wired.set(Wired {
        http: client.http.clone(),
        status: StatusBoard::new(Arc::new(DiscordStatus::new(client.http.clone()))),
        work,
        floor: voice::FloorLane::start(calls, news.clone()),
        news,
    });
    engine.add_sink("discord", Arc::new(DiscordSink { core: core.clone() }));
    tokio::spawn(close_stale_status_messages(core.clone()));
    let shard_manager = client.shard_manager.clone();
    let (stopped_tx, stopped_rx) = watch::channel(false);
    let shards = config.shards;
    let task = tokio::spawn(async move {
        let started = match shards {
            // serenity 0.12 reads the range's end as the last shard (inclusive): `first..last`
            // starts shards first..=last.
            Some(r) => client.start_shard_range(r.first..r.last, r.total).await,
            None => client.start_autosharded().await,
        };
        if let Err(e) = started {
            tracing::error!(error = %e, "the Discord client stopped with an error");
        }
        stopped_tx.send_replace(true);
    });
    Ok(DiscordHandle {
        core,
        shard_manager,
        task,
        ready: ready_rx,
        stopped: stopped_rx,
    })
}
