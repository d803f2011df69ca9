//! A wire-level Discord double for tests (HTTP API v10 + gateway), so unmodified serenity connects to it.
//!
//! The double is a real HTTP + websocket server on `127.0.0.1:0` that speaks Discord's documented
//! API v10: gateway discovery, the gateway protocol (HELLO, IDENTIFY, READY, GUILD_CREATE,
//! heartbeats, RESUME with replay, RECONNECT, INVALID_SESSION), application commands, interaction
//! callbacks and webhooks, channel messages, voice states, Stage instances and server mutes. It
//! validates what it receives like Discord does, rate-limits the voice routes like Discord, records
//! every request and every rule a client broke, and lets tests inject failures and play the
//! members (joining voice, raising a hand, a moderator's mute, a permission taken away).
//!
//! # Pointing serenity at it
//!
//! ```ignore
//! let double = DiscordDouble::start(config).await;
//! let http = HttpBuilder::new(&double.config().token)
//!     .proxy(double.http_url())          // rewrites https://discord.com → http://127.0.0.1:PORT
//!     .ratelimiter_disabled(true)        // required: the rate limiter ignores the proxy
//!     .build();
//! let mut client = ClientBuilder::new_with_http(http, intents).event_handler(handler).await?;
//! tokio::spawn(async move { client.start().await });
//! double.wait_ready(Duration::from_secs(5)).await?;
//! ```
//!
//! serenity keeps the `/api/v10/...` path (only the origin is replaced), appends query strings as
//! `?&key=value`, fetches the websocket URL with `GET /api/v10/gateway` (falling back silently to the
//! real gateway if that fails) and connects to `<url>?v=10` (no `encoding`, no transport compression).
//!
//! # Public API
//!
//! ```ignore
//! // model
//! pub struct DoubleConfig { token, application_id, bot_user: UserSpec, guilds: Vec<GuildSpec>,
//!     heartbeat_interval, interaction_window, bot_permissions, allowed_privileged_intents, locale, application_flags,
//!     nonce_window, recommended_shards, rate_limits: RateLimits }
//! impl DoubleConfig { fn new(token) -> Self; fn guild(self, GuildSpec) -> Self;
//!     fn heartbeat_interval(self, Duration) -> Self; fn interaction_window(self, Duration) -> Self;
//!     fn bot_permissions(self, u64) -> Self; fn allowed_privileged_intents(self, u64) -> Self;
//!     fn nonce_window(self, Duration) -> Self; fn recommended_shards(self, u32) -> Self;
//!     fn rate_limits(self, RateLimits) -> Self; ... }
//! pub struct RateLimits { member_patch, voice_state_patch, voice_state_get, stage_instance: RouteLimit }  // Default: 10/10 s, 10/10 s, 5/1 s, 5/5 s
//! pub struct RouteLimit { limit: u32, window: Duration }  impl RouteLimit { fn new(limit, window) -> Self }
//! impl GuildSpec { fn new(name) -> Self; fn on_shard(name, shard, total) -> Self; fn add_text_channel(&mut self, name) -> u64;
//!     fn add_voice_channel(&mut self, name) -> u64; fn add_stage_channel(&mut self, name) -> u64;
//!     fn add_channel(&mut self, name, kind, Vec<OverwriteSpec>) -> u64; fn add_role(&mut self, name, perms) -> u64;
//!     fn add_member(&mut self, MemberSpec) -> u64; fn owner(&self) -> u64; fn channel_permissions(&self, user, channel) -> u64;
//!     fn has_in_channel(&self, user, channel, perms) -> bool; fn is_stage_moderator(&self, user, channel) -> bool }
//! impl MemberSpec { fn new(username) -> Self; fn nick(self, _) -> Self; fn global_name(self, _) -> Self; fn roles(self, _) -> Self;
//!     fn in_voice(self, channel) -> Self /* connected at start */; fn server_muted(self, bool) -> Self }
//! pub fn snowflake() -> u64;  pub mod perms /* MUTE_MEMBERS, DEAFEN_MEMBERS, MOVE_MEMBERS, REQUEST_TO_SPEAK, STAGE_MODERATOR, ... */;
//! pub mod intents /* GUILD_VOICE_STATES, ... */;  pub mod channel_type /* GUILD_VOICE, GUILD_STAGE_VOICE, is_voice */;
//!
//! // the double
//! impl DiscordDouble {
//!     pub async fn start(config: DoubleConfig) -> DiscordDouble;
//!     pub fn http_url(&self) -> String;                 // "http://127.0.0.1:PORT"
//!     pub fn ws_url(&self) -> String;                   // "ws://127.0.0.1:PORT/gateway"
//!     pub fn addr(&self) -> SocketAddr;
//!     pub fn config(&self) -> &DoubleConfig;            // with the bot member added to each guild
//!     pub async fn wait_ready(&self, timeout: Duration) -> Result<(), String>;
//!     pub fn requests(&self) -> Vec<RecordedRequest>;
//!     pub async fn wait_for_request(&self, pred: impl Fn(&RecordedRequest) -> bool, timeout) -> Result<RecordedRequest, String>;
//!     pub fn violations(&self) -> Vec<String>;
//!     pub fn take_violations(&self) -> Vec<String>;
//!     pub async fn wait_for_violation(&self, pred: impl Fn(&str) -> bool, timeout) -> Result<String, String>;
//!     pub fn identifies(&self) -> Vec<Value>;           // IDENTIFY `d` payloads (token, intents, shard, ...)
//!     pub fn identified_shards(&self) -> Vec<Value>;    // the `shard` of every IDENTIFY, sorted ([0, 2], [1, 2])
//!     pub fn resumes(&self) -> Vec<Value>;              // RESUME `d` payloads
//!     pub fn dispatched(&self) -> Vec<Value>;           // dispatches of the current session
//!     pub fn dispatched_to_shard(&self, id: u64, total: u64) -> Vec<Value>;  // of that shard's newest session
//!     pub async fn wait_shard_ready(&self, id: u64, total: u64, timeout) -> Result<(), String>;
//!     pub fn gateway_connections(&self) -> Vec<GatewayConnection>;   // query, times, opcodes received, close code
//!     pub async fn wait_gateway_closed(&self, timeout) -> Result<Vec<GatewayConnection>, String>;  // once none is open
//!     pub fn gateway_payloads(&self) -> Vec<Value>;     // everything clients sent on the gateway
//!     pub fn heartbeat_acks(&self) -> u64;
//!     pub async fn wait_heartbeat_acks(&self, n: u64, timeout) -> Result<u64, String>;
//!     pub async fn wait_identifies(&self, n: usize, timeout) -> Result<(), String>;
//!     pub async fn wait_resumed(&self, n: u64, timeout) -> Result<(), String>;
//!     pub fn messages_in(&self, channel_id: u64) -> Vec<StoredMessage>;   // current state after edits
//!     pub fn message(&self, id: u64) -> Option<StoredMessage>;
//!     pub fn nonce_hits(&self) -> Vec<NonceHit>;        // creates answered with an earlier message (enforce_nonce)
//!     pub async fn wait_for_message(&self, channel_id, pred: impl Fn(&StoredMessage) -> bool, timeout) -> Result<StoredMessage, String>;
//!     pub fn commands(&self, guild_id: Option<u64>) -> Vec<Value>;
//!     pub fn send_slash_command(&self, guild, channel, member, name, options: Value) -> InteractionRef;
//!     pub fn attach(&self, channel, filename, bytes) -> u64;   // a member's upload, served at its URL
//!     pub fn send_command_with_attachment(&self, guild, channel, member, name, options: impl FnOnce(u64) -> Value, filename, bytes) -> (InteractionRef, StoredFile);
//!     pub fn file(&self, id) -> Option<StoredFile>;
//!     pub fn files_of(&self, &InteractionRef) -> Vec<StoredFile>;   // files of its response and follow-ups
//!     pub fn downloads_of(&self, url) -> usize;         // GETs of a file's URL
//!     pub fn send_autocomplete(&self, guild, channel, member, name, options_with_focused: Value) -> InteractionRef;
//!     pub fn send_button(&self, guild, channel, member, message_id, custom_id) -> InteractionRef;
//!     pub fn send_select(&self, guild, channel, member, message_id, custom_id, values: &[&str]) -> InteractionRef;
//!     pub fn send_modal_submit(&self, guild, channel, member, custom_id, fields: &[(&str, &str)]) -> InteractionRef;
//!     pub fn dispatch_event(&self, t: &str, d: Value) -> Result<u64, String>;   // to the guild's shard
//!     pub async fn wait_callback(&self, &InteractionRef, timeout) -> Result<RecordedCallback, String>;
//!     pub async fn wait_callbacks(&self, &InteractionRef, n: usize, timeout) -> Result<Vec<RecordedCallback>, String>;
//!     pub fn callbacks(&self) -> Vec<RecordedCallback>;
//!     pub fn fail_next(&self, method: &str, path_pattern: &str, failure: Failure);
//!     pub fn lose_first_answers(&self, on: bool);      // every first attempt: carried out, answered 502
//!     pub fn drop_websocket(&self) -> bool;             // TCP close, no close frame (client sees 1006)
//!     pub fn drop_websocket_with(&self, mode: DropMode) -> bool;   // or DropMode::CloseCode(4000)
//!     pub fn send_reconnect(&self) -> bool;             // op 7
//!     pub fn invalidate_session(&self, resumable: bool) -> bool;  // op 9
//!
//!     // voice and Stage (the controls play members and moderators; each dispatches what Discord would,
//!     // and panics on an unknown guild, member or channel)
//!     pub fn guild(&self, guild_id) -> Option<GuildSpec>;     // as it is now (config() is the start)
//!     pub fn voice_join(&self, guild, user, channel) -> Value;  // connect (or move); Stage: audience unless moderator
//!     pub fn voice_leave(&self, guild, user) -> Value;          // VOICE_STATE_UPDATE with channel_id null
//!     pub fn voice_move(&self, guild, user, channel) -> Value;
//!     pub fn moderator_mute(&self, guild, user, mute: bool) -> Value;   // a human moderator's server mute
//!     pub fn request_to_speak(&self, guild, user, on: bool) -> Value;  // raise / lower a hand (lowering accepts an invitation)
//!     pub fn set_role_permissions(&self, guild, role, perms);           // GUILD_ROLE_UPDATE
//!     pub fn set_channel_overwrites(&self, guild, channel, Vec<OverwriteSpec>);  // CHANNEL_UPDATE
//!     pub fn voice_state(&self, guild, user) -> Option<Value>;  // REST shape (guild_id, member)
//!     pub fn voice_states(&self, guild) -> Vec<Value>;
//!     pub fn stage_instance(&self, channel) -> Option<Value>;
//!     pub fn voice_requests(&self) -> Vec<RecordedRequest>;    // member PATCHes, voice-state PATCHes, stage-instance calls
//!     pub async fn wait_voice_state(&self, guild, user, pred: impl Fn(Option<&Value>) -> bool, timeout) -> Result<Option<Value>, String>;
//!     pub async fn wait_stage_instance(&self, channel, pred: impl Fn(Option<&Value>) -> bool, timeout) -> Result<Option<Value>, String>;
//!     pub async fn wait_voice_requests(&self, n: usize, timeout) -> Result<Vec<RecordedRequest>, String>;
//!     pub async fn wait_dispatch(&self, t: &str, pred: impl Fn(&Value) -> bool, timeout) -> Result<Value, String>;  // its `d`
//! }
//! ```
//!
//! # Rules the double enforces (each failure is a Discord-shaped error answer AND a violation)
//!
//! * REST: `Authorization: Bot <token>` on bot routes (401); unknown routes 404 `{"code": 0}`.
//! * Messages: content ≤ 2000, ≤ 10 embeds, embed title ≤ 256, description ≤ 4096, ≤ 25 fields
//!   (name ≤ 256, value ≤ 1024), footer ≤ 2048, author ≤ 256, total ≤ 6000; ≤ 5 action rows,
//!   width ≤ 5 per row, custom_id 1–100 and unique, label ≤ 80, selects alone in their row;
//!   empty messages 50006; bot channel permissions (50001/50013); edits of others' messages 50005.
//!   Flags Discord would silently ignore (ephemeral on a channel message) are violations only.
//! * Commands: name 1–32 `[-_\p{L}\p{N}]` lower case (context menus: any 1–32), description
//!   1–100 (empty for context menus), ≤ 25 options, ≤ 25 choices, unique names, required before
//!   optional, subcommand nesting, ≤ 100 chat-input commands, 4000-character size.
//! * Modals (callback 9, as in Discord's OpenAPI spec and twilight-validate): custom_id 1–100,
//!   title 1–45, 1–5 rows; an action row holds one text input (custom_id 1–100 and unique,
//!   label 1–45, style 1 or 2, placeholder ≤ 100, value ≤ 4000, `min_length` 0–4000,
//!   `max_length` 1–4000, `required` a boolean); a label (18): label 1–45, description 1–100,
//!   one component; a text display (10): content 1–4000.
//! * Files (multipart/form-data, as Discord's OpenAPI spec): a `payload_json` part holding valid
//!   JSON (else 400/50109); each `files[n]` part has a filename and an `attachments` entry with
//!   `id` n; every `attachments` entry names an uploaded part or (edits) a kept attachment; at
//!   most 10 files. Files are stored and served at `/attachments/{channel}/{id}/{filename}`;
//!   attachment options (type 11) resolve to `resolved.attachments`.
//! * Interactions: callback within `interaction_window` (3 s) of dispatch else 404/10062; a second
//!   callback 400/40060; callback type must suit the interaction (8 only for autocomplete, 6/7 only
//!   for components and modal submits, 1 never); follow-ups and `@original` only after a callback
//!   (404/10015). The first follow-up after a deferred (5) response edits the deferred message, as
//!   on Discord.
//! * Messages: `nonce` is a string of at most 25 characters or an integer; with
//!   `enforce_nonce: true`, a create whose nonce the channel saw within `nonce_window` (5 min)
//!   answers the first message and creates nothing (recorded in `nonce_hits`).
//! * `nonce` / `enforce_nonce` only on a channel message create (the spec's `create_message`):
//!   interaction callbacks, follow-ups (`execute_webhook`) and edits do not take them, so a
//!   client that sends them there gets no idempotency (a violation only; Discord ignores them).
//! * Lost answers: with `lose_first_answers(true)`, the first attempt of every state-changing
//!   request (POST, PUT, PATCH, DELETE) is carried out and answered 502; the same request again
//!   (method, path, query and body: a retry) is answered as Discord answers it then — a create
//!   with an enforced nonce gets the first message, a second interaction callback 400/40060, a
//!   follow-up or a create without a nonce makes a second message — and an error it gets is
//!   not a violation (the client could not know). `RecordedRequest::repeats` links a retry to
//!   the attempt whose answer was lost.
//! * Gateway: bad token closes 4004; privileged intents not in `allowed_privileged_intents` close
//!   4014; GUILD_CREATE only with the GUILDS intent, and lists all members only with GUILD_MEMBERS
//!   (otherwise just the bot, and with GUILD_VOICE_STATES the members in voice, like Discord).
//!   Guilds are live: the bot's edits and the test controls change what later GUILD_CREATEs,
//!   REST reads and permission checks see ([`DiscordDouble::guild`]; `config()` stays the start).
//! * Voice (Discord's OpenAPI spec for fields, limits and statuses, extract in
//!   `spec/voice-openapi.json`; Discord's docs for the rest). Member PATCH: the spec's fields
//!   only (others 400/50035 `UNKNOWN_FIELD`), typed; `mute` / `deaf` need MUTE_MEMBERS /
//!   DEAFEN_MEMBERS in the member's voice channel (overwrites apply) and a connected member
//!   (400/40032); `channel_id` moves (MOVE_MEMBERS, CONNECT in the target, voice or Stage else
//!   400/50024) or, null, disconnects; `nick` MANAGE_NICKNAMES, `roles` MANAGE_ROLES (10011 for
//!   an unknown role), `communication_disabled_until` MODERATE_MEMBERS; 200 with the member;
//!   VOICE_STATE_UPDATE when the voice state changed, GUILD_MEMBER_UPDATE when the member did.
//!   Voice-state PATCH (`{user}`: `suppress`, `channel_id`; `@me`: also
//!   `request_to_speak_timestamp`): the member must be connected (404/10065), to a Stage
//!   (400/50024), and to `channel_id` if given; MUTE_MEMBERS to (un)suppress another member or
//!   unsuppress oneself, REQUEST_TO_SPEAK to raise the bot's hand (not earlier than a minute
//!   ago); an unsuppressed human gets a request-to-speak timestamp (invited), a suppressed
//!   member loses it; 204. Voice-state GET: 404/10065 when not connected, the bot needs CONNECT
//!   in another member's channel. Stage instances: topic 1–120, privacy level 1 or 2,
//!   `channel_id` a Stage (400/50024, unknown 404/10003), the bot a Stage moderator
//!   (MANAGE_CHANNELS + MUTE_MEMBERS + MOVE_MEMBERS in it, else 403/50013; no VIEW_CHANNEL
//!   50001), one per channel (400/150006), none 404/10067; create 200, edit 200, delete 204,
//!   each with its STAGE_INSTANCE_* dispatch. A member joining a Stage is suppressed unless a
//!   moderator of it. Server mute and deafen belong to the member (they stay after leaving).
//! * Intents: VOICE_STATE_UPDATE and GUILD_CREATE's `voice_states` (partial: no `guild_id`, no
//!   `member`; the members in voice then listed with the bot) only with GUILD_VOICE_STATES;
//!   STAGE_INSTANCE_*, GUILD_ROLE_UPDATE, CHANNEL_UPDATE and GUILD_CREATE's `stage_instances`
//!   with GUILDS; GUILD_MEMBER_UPDATE with GUILD_MEMBERS.
//! * Rate limits (member PATCH and voice-state PATCH per guild, voice-state GET per guild, stage
//!   instances per channel; [`RateLimits`]): every answer of those routes carries
//!   `X-RateLimit-Limit/-Remaining/-Reset/-Reset-After/-Bucket`; a window opens with the first
//!   request after a reset; a request into an empty bucket is not carried out and answers 429
//!   `{"message", "retry_after", "global": false}` with `Retry-After` and
//!   `X-RateLimit-Scope: user`, a violation when an earlier answer had said `Remaining: 0`.
//!   Injected failures ([`DiscordDouble::fail_next`]) answer before the buckets.
//! * Sharding: a session identified with `shard: [id, total]` gets only the guilds with
//!   `(guild_id >> 22) % total == id`; interactions and other guild dispatches go to the newest
//!   session whose shard serves the guild (a session without a shard serves all), so several
//!   clients (processes) can each run some shards of one bot.
//!
//! Every `wait_*` helper takes a timeout and returns `Err` with a description instead of hanging.
//! Predicates passed to `wait_*` run under the double's lock: they must not call the double.
//!
//! Time is real (`std::time::Instant`), not tokio's paused clock: shorten
//! `heartbeat_interval` and `interaction_window` in the config instead of pausing time.

pub mod failure;
pub mod gateway;
pub mod http;
pub mod interactions;
pub mod model;
pub mod ratelimit;
pub mod recording;
pub mod validation;
pub mod voice;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

pub use failure::Failure;
pub use gateway::{DropMode, GatewayConnection};
pub use model::{
    channel_type, intents, perms, snowflake, ChannelSpec, DoubleConfig, GuildSpec, MemberSpec,
    OverwriteSpec, RoleSpec, UserSpec,
};
pub use ratelimit::{RateLimits, RouteLimit};
pub use recording::{
    InteractionRef, NonceHit, RecordedCallback, RecordedRequest, StoredFile, StoredMessage,
};
pub use validation::ApiError;

use gateway::ConnCmd;
use recording::Shared;

/// The running double. Dropping it stops the server and drops open gateway connections.
pub struct DiscordDouble {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: tokio::task::JoinHandle<()>,
}

impl DiscordDouble {
    /// Binds `127.0.0.1:0` and starts serving. Panics if the socket cannot be bound.
    pub async fn start(mut config: DoubleConfig) -> DiscordDouble {
        config.finalize();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let http_url = format!("http://{addr}");
        let ws_url = format!("ws://{addr}/gateway");
        let shared = Arc::new(Shared::new(config, http_url, ws_url));
        let app = http::router(shared.clone());
        // Discord's gateway pushes each dispatch at once: without TCP_NODELAY, a dispatch
        // sent while the previous one is unacknowledged waits for the client's delayed ACK
        // (measured: ~14% of interactions at 50/s arrived ~24 ms late, bot or no bot).
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(target: "discord_double", "TCP_NODELAY: {e}");
            }
        });
        let server = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(target: "discord_double", "server stopped: {e}");
            }
        });
        DiscordDouble {
            shared,
            addr,
            server,
        }
    }

    /// `http://127.0.0.1:PORT` — what `HttpBuilder::proxy` takes.
    pub fn http_url(&self) -> String {
        self.shared.http_url.clone()
    }

    /// `ws://127.0.0.1:PORT/gateway` — what `GET /gateway` answers.
    pub fn ws_url(&self) -> String {
        self.shared.ws_url.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The config in force (the bot member and its managed role added to every guild).
    pub fn config(&self) -> &DoubleConfig {
        &self.shared.config
    }

    /// Waits until a client identified and READY plus every GUILD_CREATE were written to it.
    pub async fn wait_ready(&self, timeout: Duration) -> Result<(), String> {
        self.shared
            .wait_until(timeout, |st| gateway::ready_written(st).then_some(()))
            .await
            .ok_or_else(|| {
                let (conns, ids) = self.shared.read(|st| (st.gateway.connections.len(), st.gateway.identifies.len()));
                format!(
                    "no READY within {timeout:?} ({conns} gateway connections, {ids} IDENTIFYs, violations: {:?})",
                    self.violations()
                )
            })
    }

    // ------------------------------------------------------------ recording

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.read(|st| st.requests.clone())
    }

    /// Waits for a recorded request matching `pred` (already recorded ones count).
    pub async fn wait_for_request(
        &self,
        pred: impl Fn(&RecordedRequest) -> bool,
        timeout: Duration,
    ) -> Result<RecordedRequest, String> {
        self.shared
            .wait_until(timeout, |st| st.requests.iter().find(|r| pred(r)).cloned())
            .await
            .ok_or_else(|| {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
                    .collect();
                format!("no matching request within {timeout:?}; seen: {seen:?}")
            })
    }

    /// Every rule a client broke so far (a test of correct behaviour asserts this is empty).
    pub fn violations(&self) -> Vec<String> {
        self.shared.read(|st| st.violations.clone())
    }

    /// Returns and clears the violations (after a test provoked some on purpose).
    pub fn take_violations(&self) -> Vec<String> {
        self.shared.with(|st| std::mem::take(&mut st.violations))
    }

    pub async fn wait_for_violation(
        &self,
        pred: impl Fn(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, String> {
        self.shared
            .wait_until(timeout, |st| {
                st.violations.iter().find(|v| pred(v)).cloned()
            })
            .await
            .ok_or_else(|| {
                format!(
                    "no matching violation within {timeout:?}; have {:?}",
                    self.violations()
                )
            })
    }

    /// IDENTIFY `d` payloads, in order.
    pub fn identifies(&self) -> Vec<Value> {
        self.shared.read(|st| st.gateway.identifies.clone())
    }

    /// The `shard` (`[id, total]`) of every IDENTIFY, sorted by total, then shard id.
    pub fn identified_shards(&self) -> Vec<Value> {
        let mut shards: Vec<Value> = self
            .identifies()
            .iter()
            .map(|d| d["shard"].clone())
            .collect();
        shards.sort_by_key(|s| (s[1].as_u64(), s[0].as_u64()));
        shards
    }

    /// Every dispatch (`{"op":0,"s","t","d"}`) of the current session, in sequence order.
    pub fn dispatched(&self) -> Vec<Value> {
        self.shared.read(|st| {
            let gw = &st.gateway;
            gw.current_session
                .as_ref()
                .and_then(|s| gw.sessions.get(s))
                .map(|s| {
                    s.events
                        .iter()
                        .filter_map(|(_, t)| serde_json::from_str(t).ok())
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    /// Every dispatch of the newest session identified as shard `[id, total]`, in sequence order.
    pub fn dispatched_to_shard(&self, id: u64, total: u64) -> Vec<Value> {
        self.shared.read(|st| {
            let gw = &st.gateway;
            gw.session_for_shard(Some((id, total)))
                .and_then(|s| gw.sessions.get(s))
                .map(|s| {
                    s.events
                        .iter()
                        .filter_map(|(_, t)| serde_json::from_str(t).ok())
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    /// Waits until a session of shard `[id, total]` has READY and its GUILD_CREATEs written.
    pub async fn wait_shard_ready(
        &self,
        id: u64,
        total: u64,
        timeout: Duration,
    ) -> Result<(), String> {
        self.shared
            .wait_until(timeout, |st| {
                let gw = &st.gateway;
                gw.session_for_shard(Some((id, total)))
                    .and_then(|s| gw.sessions.get(s))
                    .is_some_and(gateway::session_ready_written)
                    .then_some(())
            })
            .await
            .ok_or_else(|| format!("no READY for shard [{id}, {total}] within {timeout:?}"))
    }

    /// RESUME `d` payloads, in order.
    pub fn resumes(&self) -> Vec<Value> {
        self.shared.read(|st| st.gateway.resumes.clone())
    }

    pub fn gateway_connections(&self) -> Vec<GatewayConnection> {
        self.shared.read(|st| st.gateway.connections.clone())
    }

    /// Waits until every gateway connection has ended (at least one was opened); returns them
    /// all, each with the close code it ended with.
    pub async fn wait_gateway_closed(
        &self,
        timeout: Duration,
    ) -> Result<Vec<GatewayConnection>, String> {
        self.shared
            .wait_until(timeout, |st| {
                let conns = &st.gateway.connections;
                (!conns.is_empty() && conns.iter().all(|c| c.close_code.is_some()))
                    .then(|| conns.clone())
            })
            .await
            .ok_or_else(|| {
                format!(
                    "gateway connections still open after {timeout:?}: {:?}",
                    self.gateway_connections()
                )
            })
    }

    /// Every payload clients sent on the gateway (heartbeats included).
    pub fn gateway_payloads(&self) -> Vec<Value> {
        self.shared.read(|st| st.gateway.received.clone())
    }

    pub fn heartbeat_acks(&self) -> u64 {
        self.shared.read(|st| st.gateway.heartbeat_acks)
    }

    /// Waits until at least `n` heartbeats were acknowledged in total.
    pub async fn wait_heartbeat_acks(&self, n: u64, timeout: Duration) -> Result<u64, String> {
        self.shared
            .wait_until(timeout, |st| {
                (st.gateway.heartbeat_acks >= n).then_some(st.gateway.heartbeat_acks)
            })
            .await
            .ok_or_else(|| {
                format!(
                    "only {} heartbeat ACKs within {timeout:?}, wanted {n}",
                    self.heartbeat_acks()
                )
            })
    }

    /// Waits until at least `n` IDENTIFYs were received in total.
    pub async fn wait_identifies(&self, n: usize, timeout: Duration) -> Result<(), String> {
        self.shared
            .wait_until(timeout, |st| {
                (st.gateway.identifies.len() >= n).then_some(())
            })
            .await
            .ok_or_else(|| {
                format!(
                    "fewer than {n} IDENTIFYs within {timeout:?}: {:?}",
                    self.identifies().len()
                )
            })
    }

    /// Waits until at least `n` sessions were resumed (RESUMED written to the client).
    pub async fn wait_resumed(&self, n: u64, timeout: Duration) -> Result<(), String> {
        self.shared
            .wait_until(timeout, |st| (st.gateway.resumed_sent >= n).then_some(()))
            .await
            .ok_or_else(|| {
                format!(
                    "fewer than {n} RESUMEs within {timeout:?} (resumes: {:?}, identifies: {})",
                    self.resumes(),
                    self.identifies().len()
                )
            })
    }

    /// The messages of a channel in creation order, in their current state (ephemeral ones too).
    pub fn messages_in(&self, channel_id: u64) -> Vec<StoredMessage> {
        self.shared.read(|st| {
            st.messages
                .values()
                .filter(|m| m.channel_id == channel_id)
                .cloned()
                .collect()
        })
    }

    pub fn message(&self, id: u64) -> Option<StoredMessage> {
        self.shared.read(|st| st.messages.get(&id).cloned())
    }

    /// Message creates answered with an earlier message because of `enforce_nonce`, in order.
    pub fn nonce_hits(&self) -> Vec<NonceHit> {
        self.shared.read(|st| st.nonce_hits.clone())
    }

    /// Waits for a message in `channel_id` matching `pred`.
    pub async fn wait_for_message(
        &self,
        channel_id: u64,
        pred: impl Fn(&StoredMessage) -> bool,
        timeout: Duration,
    ) -> Result<StoredMessage, String> {
        self.shared
            .wait_until(timeout, |st| {
                st.messages
                    .values()
                    .find(|m| m.channel_id == channel_id && pred(m))
                    .cloned()
            })
            .await
            .ok_or_else(|| {
                format!(
                    "no matching message in {channel_id} within {timeout:?}: {:?}",
                    self.messages_in(channel_id)
                )
            })
    }

    /// Registered commands: global (`None`) or of a guild, as the double stored them.
    pub fn commands(&self, guild_id: Option<u64>) -> Vec<Value> {
        self.shared.read(|st| match guild_id {
            Some(g) => st.guild_commands.get(&g).cloned().unwrap_or_default(),
            None => st.global_commands.clone(),
        })
    }

    // ------------------------------------------------------------ interactions

    /// Dispatches an application command. `options` is the v10 options array; an option's `type`
    /// may be left out when the command is registered (it is taken from the definition).
    /// Panics on an unknown guild/channel/member or when no client has identified.
    /// A file a member uploads (with a slash command's attachment option): the double holds it,
    /// serves its bytes at its URL and resolves it in the interaction. Returns its id, the option's
    /// value.
    pub fn attach(&self, channel: u64, filename: &str, bytes: impl Into<Vec<u8>>) -> u64 {
        let id = snowflake();
        let file = StoredFile {
            id,
            filename: filename.to_owned(),
            description: None,
            content_type: Some(if filename.ends_with(".toml") {
                "application/toml; charset=utf-8".to_owned()
            } else {
                "text/plain; charset=utf-8".to_owned()
            }),
            bytes: bytes.into(),
            url: format!(
                "{}/attachments/{channel}/{id}/{filename}",
                self.shared.http_url
            ),
        };
        self.shared.with(|st| st.files.insert(id, file));
        id
    }

    /// A slash command with a file attached: [`Self::attach`], then the command with the options
    /// `options` makes of the attachment's id (the value of its attachment option).
    #[allow(clippy::too_many_arguments)]
    pub fn send_command_with_attachment(
        &self,
        guild: u64,
        channel: u64,
        member: u64,
        name: &str,
        options: impl FnOnce(u64) -> Value,
        filename: &str,
        bytes: impl Into<Vec<u8>>,
    ) -> (InteractionRef, StoredFile) {
        let id = self.attach(channel, filename, bytes);
        let file = self.file(id).expect("just attached");
        let i = self.send_slash_command(guild, channel, member, name, options(id));
        (i, file)
    }

    /// A file the double holds (attached by a test or uploaded with a message), by id.
    pub fn file(&self, id: u64) -> Option<StoredFile> {
        self.shared.read(|st| st.files.get(&id).cloned())
    }

    /// The files of the messages an interaction made (its response, then its follow-ups), in
    /// the order they were created.
    pub fn files_of(&self, i: &InteractionRef) -> Vec<StoredFile> {
        self.shared.read(|st| {
            st.messages
                .values()
                .filter(|m| m.interaction_id == Some(i.id))
                .flat_map(|m| m.attachments.clone())
                .collect()
        })
    }

    /// Whether anything fetched the file at `url` (a `GET` of it).
    pub fn downloads_of(&self, url: &str) -> usize {
        let path = url.strip_prefix(&self.shared.http_url).unwrap_or(url);
        self.shared.read(|st| {
            st.requests
                .iter()
                .filter(|r| r.method == "GET" && r.path == path)
                .count()
        })
    }

    pub fn send_slash_command(
        &self,
        guild: u64,
        channel: u64,
        member: u64,
        name: &str,
        options: Value,
    ) -> InteractionRef {
        interactions::command(
            &self.shared,
            interactions::interaction_type::APPLICATION_COMMAND,
            guild,
            channel,
            member,
            name,
            options,
        )
        .unwrap_or_else(|e| panic!("send_slash_command: {e}"))
    }

    /// Dispatches an autocomplete interaction; exactly one option must carry `"focused": true`.
    pub fn send_autocomplete(
        &self,
        guild: u64,
        channel: u64,
        member: u64,
        name: &str,
        options: Value,
    ) -> InteractionRef {
        interactions::command(
            &self.shared,
            interactions::interaction_type::AUTOCOMPLETE,
            guild,
            channel,
            member,
            name,
            options,
        )
        .unwrap_or_else(|e| panic!("send_autocomplete: {e}"))
    }

    /// Dispatches a button press on a stored message (which must carry that `custom_id`).
    pub fn send_button(
        &self,
        guild: u64,
        channel: u64,
        member: u64,
        message_id: u64,
        custom_id: &str,
    ) -> InteractionRef {
        let place = interactions::Place {
            guild,
            channel,
            user: member,
        };
        interactions::component(&self.shared, place, message_id, custom_id, 2, None)
            .unwrap_or_else(|e| panic!("send_button: {e}"))
    }

    /// Dispatches a string-select choice on a stored message.
    pub fn send_select(
        &self,
        guild: u64,
        channel: u64,
        member: u64,
        message_id: u64,
        custom_id: &str,
        values: &[&str],
    ) -> InteractionRef {
        let values = values.iter().map(|v| (*v).to_owned()).collect();
        let place = interactions::Place {
            guild,
            channel,
            user: member,
        };
        interactions::component(&self.shared, place, message_id, custom_id, 3, Some(values))
            .unwrap_or_else(|e| panic!("send_select: {e}"))
    }

    /// Dispatches a modal submit with `(custom_id, value)` text inputs.
    pub fn send_modal_submit(
        &self,
        guild: u64,
        channel: u64,
        member: u64,
        custom_id: &str,
        fields: &[(&str, &str)],
    ) -> InteractionRef {
        interactions::modal_submit(&self.shared, guild, channel, member, custom_id, fields)
            .unwrap_or_else(|e| panic!("send_modal_submit: {e}"))
    }

    /// Dispatches any event (`t`, `d`): to the session whose shard serves `d.guild_id` if it has
    /// one, else on the current session; returns its sequence number.
    pub fn dispatch_event(&self, t: &str, d: Value) -> Result<u64, String> {
        self.shared.with(|st| gateway::dispatch(st, t, d))
    }

    /// Waits for the first callback attempt (accepted or not) on `interaction`.
    pub async fn wait_callback(
        &self,
        interaction: &InteractionRef,
        timeout: Duration,
    ) -> Result<RecordedCallback, String> {
        self.wait_callbacks(interaction, 1, timeout)
            .await
            .map(|mut v| v.remove(0))
    }

    /// Waits for `n` callback attempts on `interaction`.
    pub async fn wait_callbacks(
        &self,
        interaction: &InteractionRef,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<RecordedCallback>, String> {
        let id = interaction.id;
        self.shared
            .wait_until(timeout, |st| {
                let v: Vec<_> = st.callbacks.iter().filter(|c| c.interaction_id == id).cloned().collect();
                (v.len() >= n).then_some(v)
            })
            .await
            .ok_or_else(|| {
                let got = self.callbacks().into_iter().filter(|c| c.interaction_id == id).count();
                format!("{got} of {n} callbacks for interaction {id} within {timeout:?}; violations: {:?}", self.violations())
            })
    }

    /// Every callback attempt, in order.
    pub fn callbacks(&self) -> Vec<RecordedCallback> {
        self.shared.read(|st| st.callbacks.clone())
    }

    // ------------------------------------------------------------ voice and Stage

    /// The guild as it is now: the config's, changed since by the test controls
    /// ([`Self::set_role_permissions`], ...) and by the bot's edits (server mutes, nicks, roles).
    pub fn guild(&self, guild_id: u64) -> Option<GuildSpec> {
        self.shared.read(|st| st.guild(guild_id).cloned())
    }

    /// A member connects to a voice or Stage channel (or moves there if connected), as from
    /// Discord's client: they need VIEW_CHANNEL and CONNECT; on a Stage they join the audience
    /// (`suppress: true`) unless they moderate it. Dispatches VOICE_STATE_UPDATE and returns the
    /// voice state. Panics on an unknown guild, member or channel, or a text channel.
    pub fn voice_join(&self, guild: u64, user: u64, channel: u64) -> Value {
        self.shared
            .with(|st| voice::join(st, guild, user, channel))
            .unwrap_or_else(|e| panic!("voice_join: {e}"))
    }

    /// A connected member disconnects: VOICE_STATE_UPDATE with `channel_id: null` (returned).
    pub fn voice_leave(&self, guild: u64, user: u64) -> Value {
        self.shared
            .with(|st| voice::leave(st, guild, user))
            .unwrap_or_else(|e| panic!("voice_leave: {e}"))
    }

    /// A connected member moves to another voice or Stage channel (same session).
    pub fn voice_move(&self, guild: u64, user: u64, channel: u64) -> Value {
        self.shared
            .with(|st| voice::move_member(st, guild, user, channel))
            .unwrap_or_else(|e| panic!("voice_move: {e}"))
    }

    /// A human moderator server-mutes (or unmutes) a connected member: VOICE_STATE_UPDATE and
    /// GUILD_MEMBER_UPDATE when it changes anything.
    pub fn moderator_mute(&self, guild: u64, user: u64, mute: bool) -> Value {
        self.shared
            .with(|st| voice::moderator_mute(st, guild, user, mute))
            .unwrap_or_else(|e| panic!("moderator_mute: {e}"))
    }

    /// A member in a Stage raises (`true`: `request_to_speak_timestamp` is now) or lowers their
    /// hand; lowering it after the bot unsuppressed them accepts the invitation to speak.
    pub fn request_to_speak(&self, guild: u64, user: u64, on: bool) -> Value {
        self.shared
            .with(|st| voice::request_to_speak(st, guild, user, on))
            .unwrap_or_else(|e| panic!("request_to_speak: {e}"))
    }

    /// Replaces a role's permissions (e.g. the bot's managed role, whose id is in
    /// [`Self::guild`]'s roles); dispatches GUILD_ROLE_UPDATE. Later requests are checked
    /// against the new permissions.
    pub fn set_role_permissions(&self, guild: u64, role: u64, permissions: u64) {
        self.shared
            .with(|st| voice::set_role_permissions(st, guild, role, permissions))
            .unwrap_or_else(|e| panic!("set_role_permissions: {e}"))
    }

    /// Replaces a channel's permission overwrites; dispatches CHANNEL_UPDATE.
    pub fn set_channel_overwrites(&self, guild: u64, channel: u64, overwrites: Vec<OverwriteSpec>) {
        self.shared
            .with(|st| voice::set_channel_overwrites(st, guild, channel, overwrites))
            .unwrap_or_else(|e| panic!("set_channel_overwrites: {e}"))
    }

    /// A member's voice state (the REST shape, with `guild_id` and `member`), if connected.
    pub fn voice_state(&self, guild: u64, user: u64) -> Option<Value> {
        self.shared.read(|st| voice::current_json(st, guild, user))
    }

    /// The voice states of a guild's connected members, by user id.
    pub fn voice_states(&self, guild: u64) -> Vec<Value> {
        self.shared.read(|st| {
            st.voice
                .states
                .values()
                .filter(|vs| vs.guild_id == guild)
                .map(|vs| voice::state_json(st, vs, Some(vs.channel_id), false))
                .collect()
        })
    }

    /// The live stage instance of a Stage channel.
    pub fn stage_instance(&self, channel: u64) -> Option<Value> {
        self.shared.read(|st| {
            st.voice
                .stages
                .get(&channel)
                .map(voice::StageInstance::to_json)
        })
    }

    /// The member PATCHes, voice-state PATCHes and stage-instance requests, in order (refused
    /// and rate-limited ones too).
    pub fn voice_requests(&self) -> Vec<RecordedRequest> {
        self.shared.read(|st| {
            st.requests
                .iter()
                .filter(|r| voice::is_voice_request(&r.method, r.route()))
                .cloned()
                .collect()
        })
    }

    /// Waits until a member's voice state (`None` while not connected) satisfies `pred`;
    /// returns it.
    pub async fn wait_voice_state(
        &self,
        guild: u64,
        user: u64,
        pred: impl Fn(Option<&Value>) -> bool,
        timeout: Duration,
    ) -> Result<Option<Value>, String> {
        self.shared
            .wait_until(timeout, |st| {
                let v = voice::current_json(st, guild, user);
                pred(v.as_ref()).then_some(v)
            })
            .await
            .ok_or_else(|| {
                format!(
                    "voice state of {user} not as expected within {timeout:?}: {:?}; violations: {:?}",
                    self.voice_state(guild, user),
                    self.violations()
                )
            })
    }

    /// Waits until a Stage channel's instance (`None` while not live) satisfies `pred`.
    pub async fn wait_stage_instance(
        &self,
        channel: u64,
        pred: impl Fn(Option<&Value>) -> bool,
        timeout: Duration,
    ) -> Result<Option<Value>, String> {
        self.shared
            .wait_until(timeout, |st| {
                let v = st
                    .voice
                    .stages
                    .get(&channel)
                    .map(voice::StageInstance::to_json);
                pred(v.as_ref()).then_some(v)
            })
            .await
            .ok_or_else(|| {
                format!(
                    "stage instance of {channel} not as expected within {timeout:?}: {:?}",
                    self.stage_instance(channel)
                )
            })
    }

    /// Waits until at least `n` voice requests ([`Self::voice_requests`]) were answered.
    pub async fn wait_voice_requests(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<RecordedRequest>, String> {
        self.shared
            .wait_until(timeout, |st| {
                let v: Vec<_> = st
                    .requests
                    .iter()
                    .filter(|r| voice::is_voice_request(&r.method, r.route()))
                    .cloned()
                    .collect();
                (v.len() >= n).then_some(v)
            })
            .await
            .ok_or_else(|| {
                format!(
                    "fewer than {n} voice requests within {timeout:?}: {:?}",
                    self.voice_requests()
                        .iter()
                        .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
                        .collect::<Vec<_>>()
                )
            })
    }

    /// Waits for a dispatch of type `t` (in any session) whose `d` satisfies `pred`; returns
    /// that `d`. Dispatches already made count.
    pub async fn wait_dispatch(
        &self,
        t: &str,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Result<Value, String> {
        self.shared
            .wait_until(timeout, |st| {
                st.gateway.sessions.values().find_map(|s| {
                    s.events.iter().find_map(|(_, text)| {
                        let v: Value = serde_json::from_str(text).ok()?;
                        (v["t"] == t && pred(&v["d"])).then(|| v["d"].clone())
                    })
                })
            })
            .await
            .ok_or_else(|| {
                let seen: Vec<Value> = self
                    .dispatched()
                    .into_iter()
                    .filter(|d| d["t"] == t)
                    .map(|d| d["d"].clone())
                    .collect();
                format!("no matching {t} within {timeout:?}; {t} dispatched: {seen:?}")
            })
    }

    // ------------------------------------------------------------ failures

    /// Answers the next `method` request whose path matches `path_pattern` (`*` = one segment,
    /// `**` = the rest; with or without `/api/v10`) with `failure`.
    pub fn fail_next(&self, method: &str, path_pattern: &str, failure: Failure) {
        self.shared
            .with(|st| st.failures.push(method, path_pattern, failure));
    }

    /// With `on`, the first attempt of every state-changing request (POST, PUT, PATCH, DELETE:
    /// message creates and edits, interaction callbacks, follow-ups, `@original` edits,
    /// command registration) is carried out but answered 502, as when Discord's edge loses the
    /// answer after the API acted; the same request again is answered as usual (see the rules
    /// in the crate docs). Explicit [`DiscordDouble::fail_next`] failures come first.
    pub fn lose_first_answers(&self, on: bool) {
        self.shared.with(|st| st.failures.set_lose_first(on));
    }

    /// Closes the current gateway connection without a close frame. False if none is open.
    pub fn drop_websocket(&self) -> bool {
        self.drop_websocket_with(DropMode::Abrupt)
    }

    pub fn drop_websocket_with(&self, mode: DropMode) -> bool {
        self.shared
            .with(|st| gateway::control(st, ConnCmd::Drop(mode)))
    }

    /// Sends op 7 RECONNECT on the current connection.
    pub fn send_reconnect(&self) -> bool {
        self.shared.with(|st| {
            gateway::control(
                st,
                ConnCmd::Text(r#"{"op":7,"d":null,"s":null,"t":null}"#.into()),
            )
        })
    }

    /// Sends op 9 INVALID_SESSION; when not resumable the session is forgotten.
    pub fn invalidate_session(&self, resumable: bool) -> bool {
        self.shared.with(|st| {
            let sent = gateway::control(
                st,
                ConnCmd::Text(format!(r#"{{"op":9,"d":{resumable},"s":null,"t":null}}"#)),
            );
            if !resumable {
                if let Some(sid) = st.gateway.current_session.clone() {
                    st.gateway.sessions.remove(&sid);
                }
            }
            sent
        })
    }
}

impl Drop for DiscordDouble {
    fn drop(&mut self) {
        self.server.abort();
        self.shared.with(|st| {
            for tx in st.gateway.live.values() {
                let _ = tx.send(ConnCmd::Drop(DropMode::Abrupt));
            }
        });
    }
}
