//! Recording: the shared, lock-protected state of the double (request log, violations, messages, interactions, callbacks) and the bounded `wait_*` machinery.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::failure::FailureState;
use crate::gateway::GatewayState;
use crate::model::{iso8601, DoubleConfig, GuildSpec, UserSpec};
use crate::ratelimit::Buckets;
use crate::voice::VoiceWorld;

/// One HTTP request as it reached the double, and what the double answered.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// Position in the log (0-based).
    pub index: usize,
    pub method: String,
    /// Full path, e.g. `/api/v10/channels/1/messages`.
    pub path: String,
    /// Raw query string without `?` (serenity writes `?&a=b`, so this may start with `&`).
    pub query: String,
    pub query_pairs: Vec<(String, String)>,
    /// All request headers, names lower-case.
    pub headers: BTreeMap<String, String>,
    /// The parsed JSON body, if the body was JSON.
    pub body: Option<Value>,
    /// The raw body when it was not JSON (e.g. multipart), lossily decoded.
    pub raw_body: Option<String>,
    /// Arrival time.
    pub at: Instant,
    /// Arrival time relative to the double's start.
    pub since_start: Duration,
    /// Status the double answered with.
    pub status: u16,
    /// JSON the double answered with (None for 204).
    pub response: Option<Value>,
    /// Whether the answer came from failure injection ([`crate::DiscordDouble::fail_next`], or
    /// a first attempt whose answer [`crate::DiscordDouble::lose_first_answers`] lost).
    pub injected: bool,
    /// With [`crate::DiscordDouble::lose_first_answers`]: the index of the earlier request this
    /// one repeats (same method, path, query and body), whose answer was lost.
    pub repeats: Option<usize>,
}

impl RecordedRequest {
    /// The `Authorization` header.
    pub fn authorization(&self) -> Option<&str> {
        self.headers.get("authorization").map(String::as_str)
    }

    /// The path without the `/api/v10` prefix.
    pub fn route(&self) -> &str {
        self.path.strip_prefix("/api/v10").unwrap_or(&self.path)
    }

    /// The Discord JSON error code of the answer, if it was an error.
    pub fn error_code(&self) -> Option<i64> {
        if self.status < 400 {
            return None;
        }
        self.response
            .as_ref()
            .and_then(|r| r.get("code"))
            .and_then(Value::as_i64)
    }
}

/// A handle on an interaction the double dispatched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InteractionRef {
    pub id: u64,
    pub token: String,
    /// Interaction type: 2 application command, 3 message component, 4 autocomplete, 5 modal submit.
    pub kind: u8,
    pub guild_id: u64,
    pub channel_id: u64,
    pub user_id: u64,
    pub application_id: u64,
    /// The message a component interaction came from.
    pub message_id: Option<u64>,
}

/// One `POST /interactions/{id}/{token}/callback` attempt.
#[derive(Clone, Debug)]
pub struct RecordedCallback {
    pub interaction_id: u64,
    pub interaction_type: u8,
    /// The callback `type` (1 pong, 4 message, 5 deferred message, 6 deferred update,
    /// 7 update, 8 autocomplete result, 9 modal).
    pub response_type: u8,
    /// The callback `data` (Null when absent).
    pub data: Value,
    /// `data.flags` (64 = ephemeral).
    pub flags: u64,
    pub allowed_mentions: Option<Value>,
    /// The status the double answered (204 when accepted).
    pub status: u16,
    /// The error JSON the double answered with, if rejected.
    pub error: Option<Value>,
    /// Time between dispatch and the callback's arrival.
    pub elapsed: Duration,
}

impl RecordedCallback {
    pub fn accepted(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn is_ephemeral(&self) -> bool {
        self.flags & 64 != 0
    }

    pub fn error_code(&self) -> Option<i64> {
        self.error
            .as_ref()
            .and_then(|e| e.get("code"))
            .and_then(Value::as_i64)
    }

    pub fn content(&self) -> Option<&str> {
        self.data.get("content").and_then(Value::as_str)
    }
}

/// A message in the double's store, in its current state (after edits).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredMessage {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    pub author: UserSpec,
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    /// Message flags (64 ephemeral, 128 loading = deferred and not yet edited).
    pub flags: u64,
    /// Message type (0 default, 19 reply, 20 chat input command, 23 context menu command).
    pub kind: u8,
    /// Set on messages created through an interaction (responses and follow-ups).
    pub interaction_id: Option<u64>,
    pub webhook_id: Option<u64>,
    pub allowed_mentions: Option<Value>,
    pub message_reference: Option<Value>,
    /// How many times it was edited.
    pub edits: u32,
    pub created_ms: u64,
    pub edited_ms: Option<u64>,
    /// The `nonce` the message was created with (integers as decimal text).
    pub nonce: Option<String>,
    /// The files it carries (uploaded as `files[n]` parts of a multipart request).
    pub attachments: Vec<StoredFile>,
}

/// A file the double holds: one a member attached to a slash command, or one a client uploaded
/// with a message. The double serves its bytes at `url` (`GET /attachments/{channel}/{id}/{name}`,
/// Discord's CDN form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFile {
    pub id: u64,
    pub filename: String,
    pub description: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
    pub url: String,
}

impl StoredFile {
    /// The bytes as text, when they are UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// The v10 attachment object.
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "filename": self.filename,
            "size": self.bytes.len(),
            "url": self.url,
            "proxy_url": self.url,
        });
        if let Some(d) = &self.description {
            v["description"] = json!(d);
        }
        if let Some(c) = &self.content_type {
            v["content_type"] = json!(c);
        }
        v
    }
}

/// A channel message create with `enforce_nonce: true` whose nonce was already used in that
/// channel within the nonce window: Discord (and the double) answered with the first message and
/// created nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonceHit {
    pub channel_id: u64,
    pub nonce: String,
    /// The message returned (the one created first with this nonce).
    pub message_id: u64,
}

impl StoredMessage {
    pub fn is_ephemeral(&self) -> bool {
        self.flags & 64 != 0
    }

    /// Whether it is a deferred response that has not been edited yet.
    pub fn is_loading(&self) -> bool {
        self.flags & 128 != 0
    }

    /// All `custom_id`s of its components (nested).
    pub fn custom_ids(&self) -> Vec<String> {
        fn walk(v: &Value, out: &mut Vec<String>) {
            if let Some(id) = v.get("custom_id").and_then(Value::as_str) {
                out.push(id.to_owned());
            }
            for key in ["components", "accessory"] {
                match v.get(key) {
                    Some(Value::Array(a)) => a.iter().for_each(|c| walk(c, out)),
                    Some(o @ Value::Object(_)) => walk(o, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        self.components.iter().for_each(|c| walk(c, &mut out));
        out
    }

    /// The v10 message object.
    pub fn to_json(&self, config: &DoubleConfig, interaction: Option<&Value>) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "channel_id": self.channel_id.to_string(),
            "author": self.author.to_json(),
            "content": self.content,
            "timestamp": iso8601(self.created_ms),
            "edited_timestamp": self.edited_ms.map(iso8601),
            "tts": false,
            "mention_everyone": false,
            "mentions": [],
            "mention_roles": [],
            "attachments": self.attachments.iter().map(StoredFile::to_json).collect::<Vec<_>>(),
            "embeds": self.embeds,
            "pinned": false,
            "type": self.kind,
            "flags": self.flags,
            "components": self.components,
        });
        if let Some(w) = self.webhook_id {
            v["webhook_id"] = json!(w.to_string());
            v["application_id"] = json!(config.application_id.to_string());
        }
        if let Some(r) = &self.message_reference {
            v["message_reference"] = r.clone();
        }
        if let Some(i) = interaction {
            v["interaction_metadata"] = i.clone();
        }
        v
    }
}

/// What the double remembers about a dispatched interaction.
#[derive(Clone, Debug)]
pub(crate) struct InteractionRecord {
    pub r: InteractionRef,
    pub dispatched_at: Instant,
    /// The accepted callback type, once acknowledged.
    pub acked: Option<u8>,
    pub ephemeral: bool,
    /// The message `@original` refers to.
    pub original_message: Option<u64>,
    pub followups: Vec<u64>,
    /// Command type (1 chat input, 2 user, 3 message) for application commands.
    pub command_type: u8,
    pub name: Option<String>,
}

impl InteractionRecord {
    /// The `interaction_metadata` object of messages created by this interaction.
    pub fn metadata_json(&self, user: &UserSpec) -> Value {
        let mut v = json!({
            "id": self.r.id.to_string(),
            "type": self.r.kind,
            "user": user.to_json(),
            "authorizing_integration_owners": { "0": self.r.guild_id.to_string() },
        });
        if let Some(m) = self.r.message_id {
            v["interacted_message_id"] = json!(m.to_string());
        }
        if let Some(n) = &self.name {
            v["name"] = json!(n);
        }
        v
    }
}

/// Everything mutable, behind one lock.
#[derive(Default)]
pub(crate) struct State {
    pub requests: Vec<RecordedRequest>,
    pub violations: Vec<String>,
    pub gateway: GatewayState,
    pub global_commands: Vec<Value>,
    pub guild_commands: HashMap<u64, Vec<Value>>,
    pub messages: BTreeMap<u64, StoredMessage>,
    pub interactions: HashMap<u64, InteractionRecord>,
    pub callbacks: Vec<RecordedCallback>,
    pub failures: FailureState,
    /// Nonces of channel messages: (channel, nonce) → (message id, when it was created).
    pub nonces: HashMap<(u64, String), (u64, Instant)>,
    pub nonce_hits: Vec<NonceHit>,
    /// Every file the double holds, by attachment id (served at its URL).
    pub files: HashMap<u64, StoredFile>,
    /// The guilds as they are now (the config's, then changed by members' edits and the test
    /// controls: role permissions, overwrites, server mutes).
    pub guilds: Vec<GuildSpec>,
    /// Voice states and stage instances.
    pub voice: VoiceWorld,
    /// Rate-limit buckets of the limited routes.
    pub buckets: Buckets,
}

impl State {
    pub fn violation(&mut self, text: impl Into<String>) {
        let text = text.into();
        tracing::warn!(target: "discord_double", "violation: {text}");
        self.violations.push(text);
    }

    pub fn guild(&self, guild_id: u64) -> Option<&GuildSpec> {
        self.guilds.iter().find(|g| g.id == guild_id)
    }

    pub fn guild_mut(&mut self, guild_id: u64) -> Option<&mut GuildSpec> {
        self.guilds.iter_mut().find(|g| g.id == guild_id)
    }

    /// The guild that owns a channel.
    pub fn guild_of_channel(&self, channel_id: u64) -> Option<&GuildSpec> {
        self.guilds.iter().find(|g| g.channel(channel_id).is_some())
    }

    pub fn interaction_by_token(&self, token: &str) -> Option<&InteractionRecord> {
        self.interactions.values().find(|i| i.r.token == token)
    }

    /// Finds a registered command by name (guild commands first, then global ones).
    pub fn find_command(&self, guild_id: u64, name: &str, kind: u8) -> Option<&Value> {
        let matches = |c: &&Value| {
            c.get("name").and_then(Value::as_str) == Some(name)
                && c.get("type").and_then(Value::as_u64).unwrap_or(1) == u64::from(kind)
        };
        self.guild_commands
            .get(&guild_id)
            .and_then(|cs| cs.iter().find(matches))
            .or_else(|| self.global_commands.iter().find(matches))
    }
}

/// State shared by the HTTP server, the gateway and the test-facing handle.
pub(crate) struct Shared {
    pub config: DoubleConfig,
    pub state: Mutex<State>,
    pub changed: watch::Sender<u64>,
    pub started: Instant,
    pub http_url: String,
    pub ws_url: String,
}

impl Shared {
    pub fn new(config: DoubleConfig, http_url: String, ws_url: String) -> Self {
        let mut state = State {
            guilds: config.guilds.clone(),
            ..State::default()
        };
        for g in &config.guilds {
            for vs in crate::voice::initial_states(g) {
                state.voice.states.insert((vs.guild_id, vs.user_id), vs);
            }
        }
        Self {
            config,
            state: Mutex::new(state),
            changed: watch::channel(0).0,
            started: Instant::now(),
            http_url,
            ws_url,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` under the lock and wakes every waiter.
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let r = f(&mut self.lock());
        self.changed.send_modify(|v| *v = v.wrapping_add(1));
        r
    }

    /// Reads under the lock without waking waiters.
    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.lock())
    }

    /// Waits until `f` returns `Some`, at most `timeout`.
    pub async fn wait_until<T>(
        &self,
        timeout: Duration,
        mut f: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut rx = self.changed.subscribe();
        loop {
            if let Some(t) = self.read(&mut f) {
                return Some(t);
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => continue,
                _ => return self.read(&mut f),
            }
        }
    }
}
