//! Test helpers: a bot (engine on SQLite with a virtual clock + the Matrix adapter) on a real
//! Synapse, plain-HTTP members from the harness, and predicates on the events members receive.

use std::sync::Arc;
use std::time::Duration;

use bot_core::domain::{Millis, Timestamp};
use bot_core::engine::{Clock, Engine, ManualClock, SystemClock};
use bot_core::store::SqliteStore;
use matrix_adapter::MatrixHandle;
use serde_json::{json, Value};
use sharecircle_config::{MatrixAuth, MatrixConfig, Secret};
use synapse_harness::{unique_localpart, HarnessError, RegisteredUser, Synapse, TestUser};
use tempfile::TempDir;

/// Bound of every wait for something the bot should say.
pub const WAIT: Duration = Duration::from_secs(45);

/// Logs to the test output when `RUST_LOG` is set (e.g. `RUST_LOG=matrix_adapter=debug`).
pub fn init_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("RUST_LOG").is_some() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
                .with_test_writer()
                .try_init();
        }
    });
}

pub async fn shared() -> &'static Synapse {
    init_logs();
    match Synapse::shared().await {
        Ok(s) => s,
        Err(e) => panic!("starting Synapse failed: {e}"),
    }
}

/// Unwraps, printing the tail of Synapse's log on failure.
pub fn ok<T>(synapse: &Synapse, result: Result<T, HarnessError>) -> T {
    match result {
        Ok(v) => v,
        Err(e) => panic!(
            "{e}\n--- tail of {} ---\n{}",
            synapse.log_path().display(),
            synapse.log_tail(60)
        ),
    }
}

/// The bot: an engine over a SQLite file and a manual clock, and the adapter.
pub struct Bot {
    pub engine: Engine,
    pub clock: Arc<ManualClock>,
    pub handle: Option<MatrixHandle>,
    pub config: MatrixConfig,
    pub user_id: String,
    pub dir: TempDir,
}

async fn new_engine(dir: &TempDir, clock: Arc<ManualClock>) -> Engine {
    let url = format!("sqlite://{}", dir.path().join("sharecircle.db").display());
    let store = SqliteStore::open(&url, 2).await.expect("the store opens");
    Engine::new(Arc::new(store), clock, "!")
}

impl Bot {
    /// Registers a bot account and starts the adapter (password login, first device).
    pub async fn start(synapse: &Synapse) -> Bot {
        Bot::start_with(synapse, |_, _| {}).await
    }

    /// Like [`Bot::start`], with the configuration changed by `tweak` first.
    pub async fn start_with(
        synapse: &Synapse,
        tweak: impl FnOnce(&mut MatrixConfig, &RegisteredUser),
    ) -> Bot {
        init_logs();
        let password = "bot-password-4711";
        let reg = ok(
            synapse,
            synapse
                .register(&unique_localpart("bot"), password, false)
                .await,
        );
        let dir = tempfile::tempdir().expect("a temp dir");
        let config = MatrixConfig {
            homeserver: synapse.base_url(),
            user: reg.user_id.clone(),
            auth: MatrixAuth::Password(Secret::new(password)),
            data_dir: dir.path().join("matrix"),
            allowed_inviters: vec![":localhost".to_string()],
            admin_power_level: 100,
            host_power_level: 50,
        };
        let mut config = config;
        tweak(&mut config, &reg);
        // On a whole second, as turns start and end on whole seconds: a test that advances by
        // whole seconds then meets every warning and "time" exactly.
        let clock = Arc::new(ManualClock::new(SystemClock.now().whole_second_up()));
        let engine = new_engine(&dir, clock.clone()).await;
        let mut bot = Bot {
            engine,
            clock,
            handle: None,
            config,
            user_id: reg.user_id,
            dir,
        };
        bot.launch(synapse).await;
        bot
    }

    async fn launch(&mut self, synapse: &Synapse) {
        let handle =
            match matrix_adapter::start(self.engine.clone(), self.config.clone(), "!".into()).await
            {
                Ok(h) => h,
                Err(e) => panic!("the adapter did not start: {e}\n{}", synapse.log_tail(60)),
            };
        self.engine.resume().await.expect("the engine resumes");
        match tokio::time::timeout(WAIT, handle.ready()).await {
            Ok(Ok(())) => {}
            other => panic!(
                "the adapter was not ready: {other:?}\n{}",
                synapse.log_tail(60)
            ),
        }
        self.handle = Some(handle);
    }

    pub fn handle(&self) -> &MatrixHandle {
        self.handle.as_ref().expect("the adapter runs")
    }

    /// Stops the adapter and drops the engine, then starts both again on the same database,
    /// data directory and clock, as a process restart would.
    pub async fn restart(&mut self, synapse: &Synapse) {
        if let Some(h) = self.handle.take() {
            h.shutdown().await;
        }
        self.engine = new_engine(&self.dir, self.clock.clone()).await;
        self.launch(synapse).await;
    }

    /// Moves virtual time forward, firing every deadline on the way.
    pub async fn advance(&self, by: Millis) {
        let target: Timestamp = self.clock.now().plus(by);
        self.engine
            .advance_to(&self.clock, target)
            .await
            .expect("deadlines fire");
    }

    pub async fn shutdown(mut self) {
        if let Some(h) = self.handle.take() {
            h.shutdown().await;
        }
    }
}

/// A member with a display name.
pub async fn member(synapse: &Synapse, prefix: &str, display_name: &str) -> TestUser {
    let user = ok(synapse, synapse.new_user(prefix).await);
    set_display_name(synapse, &user, display_name)
        .await
        .unwrap_or_else(|e| panic!("setting a display name failed: {e}"));
    user
}

/// `PUT /profile/{user}/displayname`; the error text on refusal.
pub async fn set_display_name(
    synapse: &Synapse,
    user: &TestUser,
    name: &str,
) -> Result<(), String> {
    let url = format!(
        "{}/_matrix/client/v3/profile/{}/displayname",
        synapse.base_url(),
        user.user_id()
    );
    let answer = reqwest::Client::new()
        .put(url)
        .bearer_auth(user.access_token())
        .json(&json!({ "displayname": name }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if answer.status().is_success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}",
            answer.status(),
            answer.text().await.unwrap_or_default()
        ))
    }
}

/// `POST /rooms/{room}/kick`.
pub async fn kick(synapse: &Synapse, by: &TestUser, room: &str, user_id: &str) {
    let url = format!("{}/_matrix/client/v3/rooms/{room}/kick", synapse.base_url());
    let answer = reqwest::Client::new()
        .post(url)
        .bearer_auth(by.access_token())
        .json(&json!({ "user_id": user_id, "reason": "test" }))
        .send()
        .await
        .expect("kick answers");
    assert!(answer.status().is_success(), "{:?}", answer.text().await);
}

/// Makes the bot account rate-limited (admin API `override_ratelimit`).
pub async fn limit_rate(synapse: &Synapse, user_id: &str, per_second: u32, burst: u32) {
    ok(
        synapse,
        synapse.override_ratelimit(user_id, per_second, burst).await,
    );
}

/// A room created by `host` with the bot and `members` invited and joined; waits until the bot
/// has joined.
pub async fn meeting_room(
    synapse: &Synapse,
    host: &TestUser,
    bot: &Bot,
    members: &[&TestUser],
    encrypted: bool,
) -> String {
    let mut invite: Vec<&str> = members.iter().map(|m| m.user_id()).collect();
    invite.push(&bot.user_id);
    let room = ok(
        synapse,
        host.create_room("Tuesday circle", &invite, encrypted).await,
    );
    for m in members {
        ok(synapse, m.join(&room).await);
    }
    let bot_id = bot.user_id.clone();
    ok(
        synapse,
        host.wait_for_membership(&room, &bot_id, "join", WAIT).await,
    );
    room
}

/// The next message from the bot in `room` (not an edit) whose body contains `text`.
pub async fn said(synapse: &Synapse, user: &TestUser, bot: &Bot, room: &str, text: &str) -> Value {
    let bot_id = bot.user_id.clone();
    ok(
        synapse,
        user.wait_for_message(
            room,
            |ev| ev["sender"] == bot_id.as_str() && !is_edit(ev) && body(ev).contains(text),
            WAIT,
        )
        .await,
    )
}

/// The bot's reaction `key` on `event` (an acknowledgement, or a pointer to a direct room).
pub async fn reacted(
    synapse: &Synapse,
    user: &TestUser,
    bot: &Bot,
    room: &str,
    event: &str,
    key: &str,
) -> Value {
    let bot_id = bot.user_id.clone();
    ok(
        synapse,
        user.wait_for_event(
            room,
            |ev| {
                ev["type"] == "m.reaction"
                    && ev["sender"] == bot_id.as_str()
                    && ev["content"]["m.relates_to"]["event_id"] == event
                    && ev["content"]["m.relates_to"]["key"] == key
            },
            WAIT,
        )
        .await,
    )
}

/// The bot's messages in `room` that are not edits, as a member reads the room now.
pub async fn bot_posts(synapse: &Synapse, user: &TestUser, bot: &Bot, room: &str) -> Vec<Value> {
    let all = ok(synapse, user.messages_from(room, &bot.user_id).await);
    all.into_iter().filter(|ev| !is_edit(ev)).collect()
}

/// The status message once it says `text`: as posted, or in an edit. Commands take effect as
/// they arrive, so a status message posted behind a burst of them may already show them all.
pub async fn status_says(
    synapse: &Synapse,
    user: &TestUser,
    bot: &Bot,
    room: &str,
    text: &str,
) -> Value {
    bot_status(synapse, user, bot, room, text, true).await
}

/// The next edit of the bot's status message whose new body contains `text`.
pub async fn status_shows(
    synapse: &Synapse,
    user: &TestUser,
    bot: &Bot,
    room: &str,
    text: &str,
) -> Value {
    bot_status(synapse, user, bot, room, text, false).await
}

/// The next event from the bot that shows its status message saying `text`: an edit (the new
/// body), or with `posted` also the status message as first posted.
async fn bot_status(
    synapse: &Synapse,
    user: &TestUser,
    bot: &Bot,
    room: &str,
    text: &str,
    posted: bool,
) -> Value {
    let bot_id = bot.user_id.clone();
    let shows = |ev: &Value| {
        let shown = if is_edit(ev) {
            ev["content"]["m.new_content"]["body"].as_str()
        } else {
            Some(body(ev)).filter(|_| posted)
        };
        shown.is_some_and(|b| b.contains(text) && (!posted || b.contains("Session open")))
    };
    ok(
        synapse,
        user.wait_for_message(
            room,
            |ev| ev["sender"] == bot_id.as_str() && shows(ev),
            WAIT,
        )
        .await,
    )
}

pub fn body(ev: &Value) -> &str {
    ev["content"]["body"].as_str().unwrap_or("")
}

pub fn html(ev: &Value) -> &str {
    ev["content"]["formatted_body"].as_str().unwrap_or("")
}

pub fn is_edit(ev: &Value) -> bool {
    ev["content"]["m.relates_to"]["rel_type"] == "m.replace"
}

/// The `m.mentions` user ids of an event (asserting the key is there).
pub fn mentioned(ev: &Value) -> Vec<String> {
    let m = &ev["content"]["m.mentions"];
    assert!(m.is_object(), "no m.mentions in {ev}");
    assert!(m.get("room").is_none(), "a room ping in {ev}");
    m["user_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks the shape every bot message has: body, HTML format, explicit mentions.
pub fn well_formed(ev: &Value) {
    assert!(!body(ev).is_empty(), "{ev}");
    assert_eq!(ev["content"]["format"], "org.matrix.custom.html", "{ev}");
    assert!(!html(ev).is_empty(), "{ev}");
    let _ = mentioned(ev);
}

/// The direct room the bot opened with `user` (joins it).
pub async fn join_direct_room(synapse: &Synapse, user: &TestUser) -> String {
    let room = ok(synapse, user.wait_for_invite(WAIT).await);
    ok(synapse, user.join(&room).await);
    room
}

/// The bot's status message (the first one whose body says the session is open).
pub async fn status_message(synapse: &Synapse, user: &TestUser, bot: &Bot, room: &str) -> Value {
    said(synapse, user, bot, room, "Session open").await
}

pub fn event_id(ev: &Value) -> String {
    ev["event_id"].as_str().expect("an event id").to_string()
}

/// The localpart-based default name is not used: members get readable display names.
pub fn secs(s: i64) -> Millis {
    Millis::secs(s)
}
