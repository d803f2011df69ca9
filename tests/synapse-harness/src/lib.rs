//! Starts and stops a real local Synapse homeserver for tests and registers users on it.
//!
//! This crate is the Matrix side of sharecircle's end-to-end tests: [`Synapse`] runs a real
//! Synapse (installed from PyPI into a venv outside the repository by `scripts/install-synapse`),
//! and [`TestUser`] is a deliberately small Client-Server API client — plain HTTP, no matrix-sdk —
//! for the human members of a test meeting.
//!
//! ```no_run
//! use std::time::Duration;
//! use synapse_harness::{Synapse, TestUser};
//!
//! # async fn demo() -> Result<(), synapse_harness::HarnessError> {
//! let synapse = Synapse::start().await?; // or Synapse::shared().await? for one per test binary
//! let bot = synapse.register(&synapse_harness::unique_localpart("bot"), "bot-password", false).await?;
//! let alice = synapse.new_user("alice").await?; // a TestUser with a unique name
//! let bob = synapse.new_user("bob").await?;
//!
//! let room = alice.create_room("Tuesday circle", &[bob.user_id()], false).await?;
//! bob.join(&room).await?;
//! alice.send_text(&room, "hello").await?;
//! let event = bob
//!     .wait_for_message(&room, |ev| ev["content"]["body"] == "hello", Duration::from_secs(10))
//!     .await?;
//! assert_eq!(event["sender"], alice.user_id());
//! # let _ = bot; Ok(()) }
//! ```
//!
//! # API
//!
//! ```text
//! Synapse::start() -> Result<Synapse>                 fresh temp dir, free loopback port, SQLite
//! Synapse::start_with_message_limit(Some((0.2, 10)))  the same, with a real message limit (rc_message)
//! Synapse::shared() -> Result<&'static Synapse>       one instance per test binary (never stopped by Rust;
//!                                                     it exits by itself when the test process ends)
//! Synapse::base_url(&self) -> String                  "http://127.0.0.1:PORT"
//! Synapse::port(&self) -> u16
//! Synapse::server_name(&self) -> &str                 "localhost"
//! Synapse::register(&self, localpart, password, admin) -> Result<RegisteredUser>   admin shared-secret API
//! Synapse::override_ratelimit(&self, user_id, per_second, burst) -> Result<()>      a user's own message limit
//! Synapse::login(&self, localpart_or_user_id, password) -> Result<RegisteredUser>  password login (new device)
//! Synapse::new_user(&self, prefix) -> Result<TestUser>   registers "<prefix>-<random>" and wraps it
//! Synapse::test_user(&self, &RegisteredUser) -> TestUser
//! Synapse::stop(&mut self)                            SIGTERM, wait; SIGKILL after 10 s
//! Synapse::restart(&mut self) -> Result<()>           same port, config and database
//! Synapse::is_running(&mut self) -> bool
//! Synapse::pid(&self) -> Option<u32>
//! Synapse::log_path(&self) -> PathBuf                 stdout+stderr+log of Synapse (appended across restarts)
//! Synapse::log_tail(&self, lines) -> String
//! Synapse::data_dir(&self) -> &Path
//! Synapse::registration_shared_secret(&self) -> &str
//! Synapse::user_id(&self, localpart) -> String       "@localpart:localhost"
//! Synapse::venv(&self) -> &Path
//! install() -> Result<PathBuf>                        runs scripts/install-synapse once per process
//! unique_localpart(prefix) -> String
//!
//! TestUser::new(base_url, RegisteredUser) -> TestUser
//! TestUser::user_id / device_id / access_token / base_url / registered
//! TestUser::whoami() -> Result<String>
//! TestUser::joined_rooms() -> Result<Vec<String>>
//! TestUser::create_room(name, invite: &[&str], encrypted) -> Result<String /* room id */>
//! TestUser::invite(room_id, user_id) / join(room_id_or_alias) -> room id / leave(room_id)
//! TestUser::send_text(room_id, body) -> Result<String /* event id */>
//! TestUser::send_message(room_id, content: Value) -> Result<String>   any m.room.message content
//! TestUser::send_event(room_id, event_type, content: Value) -> Result<String>
//! TestUser::react(room_id, event_id, key) -> Result<String>            m.reaction / m.annotation
//! TestUser::redact(room_id, event_id) -> Result<String>
//! TestUser::state(room_id, event_type, state_key) -> Result<Value>
//! TestUser::set_power_level(room_id, user_id, level) -> Result<()>
//! TestUser::sync(since, timeout_ms) -> Result<Value>                   raw /sync, no side effects
//! TestUser::wait_for_event(room_id, predicate, timeout) -> Result<Value>
//! TestUser::wait_for_message(room_id, predicate, timeout) -> Result<Value>   m.room.message only
//! TestUser::wait_for_membership(room_id, user_id, "join"|"leave"|…, timeout) -> Result<Value>
//! TestUser::wait_for_invite(timeout) -> Result<String /* room id */>
//! TestUser::messages_from(room_id, sender) -> Result<Vec<Value>>       chronological, via /messages
//! TestUser::events_from(room_id, sender, event_type) -> Result<Vec<Value>>  the same for any event type
//! ```
//!
//! # How the waits work
//!
//! A [`TestUser`] keeps its own `/sync` token and a record of every timeline event it has seen in
//! each joined room (gaps in a `limited` timeline are filled from `/messages`). `wait_for_*` first
//! looks through the events already seen and not yet returned, then long-polls `/sync` until one
//! matches or the timeout passes. An event is returned by at most one wait, so two waits for
//! "the next message from the bot" return two different messages, in timeline order; an event
//! that a wait skipped (it did not match) stays available for a later wait with another predicate.
//! While the server cannot be reached (during [`Synapse::restart`], say) a wait keeps retrying
//! until its timeout; an error answer from the server ends it at once.
//! The events are the raw Client-Server JSON (`type`, `sender`, `event_id`, `content` with `body`,
//! `formatted_body`, `m.mentions`, `m.relates_to`…) plus a `room_id` field.
//!
//! # Server setup
//!
//! Each [`Synapse`] gets a fresh temporary directory (in `$SHARECIRCLE_SYNAPSE_TMPDIR`, else in
//! `/dev/shm` when that is a tmpfs with 1 GiB free — SQLite's fsyncs halve Synapse's speed on
//! disk — else in the system temp dir) with a `homeserver.yaml` for server name
//! `localhost`, one plain-HTTP listener on `127.0.0.1:PORT` (client API, which includes the admin
//! API), SQLite, no federation (`federation_domain_whitelist: []`, `trusted_key_servers: []`),
//! presence off, registration closed (users are created through the shared-secret admin API),
//! and every rate limiter lifted (see [`RATE_LIMIT_KEYS`]). The port is found by binding
//! `127.0.0.1:0`; if Synapse then fails to bind it, start retries with another port.
//! Startup waits up to 60 s (`SHARECIRCLE_SYNAPSE_START_TIMEOUT_SECS`) and fails with the tail of
//! the log. The first install takes a minute or more; later ones are a no-op.
//!
//! Synapse 1.163 creates rooms of version 12 by default: room ids are opaque (`!abc…`, no
//! `:localhost`), and room creators have unlimited power without appearing in the power levels'
//! `users` map.
//!
//! # Environment
//!
//! - `SHARECIRCLE_SYNAPSE_VENV`: where `scripts/install-synapse` installs Synapse
//!   (default `$HOME/.cache/sharecircle/synapse-venv`).
//! - `SHARECIRCLE_SYNAPSE_TMPDIR`: parent of the data directories.
//! - `SHARECIRCLE_SYNAPSE_START_TIMEOUT_SECS`: startup wait (default 60).
//!
//! # No stray processes
//!
//! Synapse runs in its own process group. [`Synapse::stop`] and `Drop` send SIGTERM to the group,
//! then SIGKILL if it has not exited after a few seconds. In addition, Synapse's stdin is a pipe
//! whose other end only the test process holds: a small launcher watches it, and when the test
//! process goes away for any reason (including a static instance that is never dropped, a panic
//! with `panic = "abort"`, or SIGKILL), Synapse stops itself and removes its temporary directory.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use rand::Rng;
use reqwest::{Method, Url};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha1::Sha1;

/// The server name every harness Synapse uses.
pub const SERVER_NAME: &str = "localhost";

/// The rate limiters lifted in the generated `homeserver.yaml` (Synapse ignores keys it does not
/// know, so keys from newer versions are harmless on older ones). Dotted keys are nested maps.
pub const RATE_LIMIT_KEYS: &[&str] = &[
    "rc_message",
    "rc_registration",
    "rc_registration_token_validity",
    "rc_login.address",
    "rc_login.account",
    "rc_login.failed_attempts",
    "rc_admin_redaction",
    "rc_joins.local",
    "rc_joins.remote",
    "rc_joins_per_room",
    "rc_3pid_validation",
    "rc_invites.per_room",
    "rc_invites.per_user",
    "rc_invites.per_issuer",
    "rc_third_party_invite",
    "rc_room_creation",
    "rc_media_create",
    "rc_key_requests",
    "rc_presence.per_user",
    "rc_delayed_event_mgmt",
    "rc_reports",
    "rc_user_directory",
    "rc_profile",
];

/// Synapse's own default message limit (`rc_message`: 0.2 a second, bursts of 10): what a bot
/// gets on a homeserver whose admin has not exempted it.
pub const SYNAPSE_DEFAULT_MESSAGE_LIMIT: (f64, u32) = (0.2, 10);

const DEFAULT_START_TIMEOUT: Duration = Duration::from_secs(60);
const STOP_GRACE: Duration = Duration::from_secs(10);
const DROP_GRACE: Duration = Duration::from_secs(5);
const PORT_ATTEMPTS: usize = 5;
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
const LOG_TAIL_LINES: usize = 60;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Everything that can go wrong in the harness.
#[derive(Debug)]
pub enum HarnessError {
    /// `scripts/install-synapse` failed; carries its output.
    Install(String),
    /// A local file or process operation failed.
    Io {
        context: String,
        source: std::io::Error,
    },
    /// Synapse exited or did not become ready; carries the tail of its log.
    Start { message: String, log_tail: String },
    /// An HTTP request could not be made or its answer could not be read.
    Http {
        context: String,
        source: reqwest::Error,
    },
    /// The homeserver answered with an error status.
    Matrix {
        method: String,
        path: String,
        status: u16,
        errcode: Option<String>,
        error: Option<String>,
        body: String,
    },
    /// A wait ran out of time.
    Timeout(String),
    /// The homeserver answered with JSON of an unexpected shape.
    Protocol(String),
}

impl HarnessError {
    /// The Matrix `errcode` (`M_LIMIT_EXCEEDED`, `M_FORBIDDEN`, …) if the server sent one.
    pub fn errcode(&self) -> Option<&str> {
        match self {
            HarnessError::Matrix { errcode, .. } => errcode.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status if the server answered with an error.
    pub fn status(&self) -> Option<u16> {
        match self {
            HarnessError::Matrix { status, .. } => Some(*status),
            _ => None,
        }
    }

    fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        HarnessError::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::Install(output) => write!(f, "installing Synapse failed:\n{output}"),
            HarnessError::Io { context, source } => write!(f, "{context}: {source}"),
            HarnessError::Start { message, log_tail } => {
                write!(f, "{message}\n--- tail of the Synapse log ---\n{log_tail}")
            }
            HarnessError::Http { context, source } => write!(f, "{context}: {source}"),
            HarnessError::Matrix {
                method,
                path,
                status,
                errcode,
                error,
                body,
            } => match (errcode, error) {
                (Some(code), Some(error)) => {
                    write!(f, "{method} {path} answered {status} {code}: {error}")
                }
                _ => write!(f, "{method} {path} answered {status}: {body}"),
            },
            HarnessError::Timeout(what) => write!(f, "timed out: {what}"),
            HarnessError::Protocol(what) => write!(f, "unexpected answer: {what}"),
        }
    }
}

impl std::error::Error for HarnessError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HarnessError::Io { source, .. } => Some(source),
            HarnessError::Http { source, .. } => Some(source),
            _ => None,
        }
    }
}

type Result<T, E = HarnessError> = std::result::Result<T, E>;

// ---------------------------------------------------------------------------------------------
// Installation
// ---------------------------------------------------------------------------------------------

static VENV: tokio::sync::OnceCell<PathBuf> = tokio::sync::OnceCell::const_new();

/// Path of `scripts/install-synapse` in this repository.
pub fn install_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-synapse")
}

/// Installs Synapse if needed (once per process) and returns the venv's path.
pub async fn install() -> Result<PathBuf> {
    VENV.get_or_try_init(|| async {
        let script = install_script();
        let output = tokio::process::Command::new("bash")
            .arg(&script)
            .stdin(Stdio::null())
            .output()
            .await
            .map_err(|e| HarnessError::io(format!("running {}", script.display()), e))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(HarnessError::Install(format!(
                "{} exited with {}\n{stderr}{stdout}",
                script.display(),
                output.status
            )));
        }
        let venv = stdout.lines().rev().find(|l| !l.trim().is_empty());
        let venv = venv
            .map(|l| PathBuf::from(l.trim()))
            .ok_or_else(|| HarnessError::Install(format!("no venv path printed\n{stderr}")))?;
        if !venv.join("bin/python").exists() {
            return Err(HarnessError::Install(format!(
                "{} has no bin/python\n{stderr}",
                venv.display()
            )));
        }
        Ok(venv)
    })
    .await
    .cloned()
}

// ---------------------------------------------------------------------------------------------
// Synapse
// ---------------------------------------------------------------------------------------------

/// A user created on the homeserver.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RegisteredUser {
    pub user_id: String,
    pub access_token: String,
    pub device_id: String,
    /// The password it was registered or logged in with.
    pub password: String,
}

/// A running Synapse homeserver (see the crate docs).
pub struct Synapse {
    venv: PathBuf,
    port: u16,
    shared_secret: String,
    child: Option<SynapseProcess>,
    // Dropped after `child` (fields drop in declaration order), so Synapse is gone first.
    dir: tempfile::TempDir,
}

impl fmt::Debug for Synapse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Synapse")
            .field("base_url", &self.base_url())
            .field("dir", &self.dir.path())
            .field("pid", &self.child.as_ref().map(|c| c.child.id()))
            .finish()
    }
}

static SHARED: tokio::sync::OnceCell<Synapse> = tokio::sync::OnceCell::const_new();

impl Synapse {
    /// Installs Synapse if needed, writes a config in a fresh temp dir for a free loopback port,
    /// starts Synapse and waits until `/_matrix/client/versions` answers.
    pub async fn start() -> Result<Synapse> {
        Synapse::start_with_message_limit(None).await
    }

    /// [`Synapse::start`], with every rate limit lifted except the message limit (`rc_message`),
    /// which is `limit` (per second, burst) for every user — e.g. [`SYNAPSE_DEFAULT_MESSAGE_LIMIT`],
    /// what a homeserver whose admin never exempted the bot imposes. Exempt test members with
    /// [`Synapse::override_ratelimit`]`(user, 0, 0)`.
    pub async fn start_with_message_limit(limit: Option<(f64, u32)>) -> Result<Synapse> {
        let venv = install().await?;
        let parent = data_parent();
        let dir = tempfile::Builder::new()
            .prefix("sharecircle-synapse-")
            .tempdir_in(&parent)
            .map_err(|e| {
                HarnessError::io(
                    format!("creating a temp dir for Synapse in {}", parent.display()),
                    e,
                )
            })?;
        sweep_orphans(&parent);
        let files = Files::new(dir.path());
        Files::write(&files.owner_pid, &std::process::id().to_string())?;
        let secrets = Secrets::generate();
        files.write_static()?;

        let timeout = start_timeout();
        let mut last_error = None;
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port()?;
            files.write_config(port, &secrets, limit)?;
            match launch(&venv, &files, port, timeout).await {
                Ok(child) => {
                    return Ok(Synapse {
                        venv,
                        port,
                        shared_secret: secrets.registration,
                        child: Some(child),
                        dir,
                    })
                }
                Err(LaunchError::PortInUse(e)) => last_error = Some(e),
                Err(LaunchError::Failed(e)) => return Err(e),
            }
        }
        Err(last_error.expect("at least one attempt"))
    }

    /// One Synapse for the whole test binary, started on first use. Rust never drops it: it
    /// stops itself (and removes its directory) when the test process exits. Tests sharing it
    /// must use unique user names ([`unique_localpart`], [`Synapse::new_user`]) and their own rooms.
    pub async fn shared() -> Result<&'static Synapse> {
        SHARED.get_or_try_init(Synapse::start).await
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Always `"localhost"`.
    pub fn server_name(&self) -> &str {
        SERVER_NAME
    }

    /// The full user id for a localpart on this server.
    pub fn user_id(&self, localpart: &str) -> String {
        format!("@{localpart}:{SERVER_NAME}")
    }

    /// The `registration_shared_secret` in the config.
    pub fn registration_shared_secret(&self) -> &str {
        &self.shared_secret
    }

    /// The directory with `homeserver.yaml`, the database, the log and the media store.
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The venv Synapse runs from.
    pub fn venv(&self) -> &Path {
        &self.venv
    }

    /// Synapse's stdout, stderr and log (one file, appended to across restarts).
    pub fn log_path(&self) -> PathBuf {
        Files::new(self.dir.path()).log
    }

    /// The last `lines` lines of [`Synapse::log_path`].
    pub fn log_tail(&self, lines: usize) -> String {
        tail(&self.log_path(), lines)
    }

    /// The Synapse process id while it runs (also its process group id).
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(|c| c.child.id())
    }

    /// Whether the Synapse process is alive.
    pub fn is_running(&mut self) -> bool {
        match &mut self.child {
            Some(child) => child.is_alive(),
            None => false,
        }
    }

    /// Registers a user through the shared-secret admin API
    /// (`/_synapse/admin/v1/register`), which also logs it in (one device).
    pub async fn register(
        &self,
        localpart: &str,
        password: &str,
        admin: bool,
    ) -> Result<RegisteredUser> {
        let http = one_shot_client()?;
        let url = format!("{}/_synapse/admin/v1/register", self.base_url());
        let nonce = call(&http, Method::GET, &url, None, None).await?;
        let nonce = str_field(&nonce, "nonce")?;
        let mac = registration_mac(&self.shared_secret, &nonce, localpart, password, admin);
        let body = json!({
            "nonce": nonce,
            "username": localpart,
            "password": password,
            "admin": admin,
            "mac": mac,
        });
        let answer = call(&http, Method::POST, &url, None, Some(&body)).await?;
        Ok(RegisteredUser {
            user_id: str_field(&answer, "user_id")?,
            access_token: str_field(&answer, "access_token")?,
            device_id: str_field(&answer, "device_id")?,
            password: password.to_owned(),
        })
    }

    /// Password login (`m.login.password`); each login creates a new device.
    pub async fn login(&self, user: &str, password: &str) -> Result<RegisteredUser> {
        let http = one_shot_client()?;
        let url = format!("{}/_matrix/client/v3/login", self.base_url());
        let body = json!({
            "type": "m.login.password",
            "identifier": { "type": "m.id.user", "user": user },
            "password": password,
            "initial_device_display_name": "synapse-harness",
        });
        let answer = call(&http, Method::POST, &url, None, Some(&body)).await?;
        Ok(RegisteredUser {
            user_id: str_field(&answer, "user_id")?,
            access_token: str_field(&answer, "access_token")?,
            device_id: str_field(&answer, "device_id")?,
            password: password.to_owned(),
        })
    }

    /// Gives `user_id` its own message rate limit (the admin API `override_ratelimit`, as an
    /// operator would; 0 and 0 mean unlimited), through a new admin account.
    pub async fn override_ratelimit(
        &self,
        user_id: &str,
        messages_per_second: u32,
        burst_count: u32,
    ) -> Result<()> {
        let admin = self
            .register(&unique_localpart("admin"), &random_alphanumeric(24), true)
            .await?;
        let http = one_shot_client()?;
        let url = format!(
            "{}/_synapse/admin/v1/users/{user_id}/override_ratelimit",
            self.base_url()
        );
        let body =
            json!({ "messages_per_second": messages_per_second, "burst_count": burst_count });
        call(
            &http,
            Method::POST,
            &url,
            Some(&admin.access_token),
            Some(&body),
        )
        .await?;
        Ok(())
    }

    /// Registers a non-admin user named `<prefix>-<random>` with a random password.
    pub async fn new_user(&self, prefix: &str) -> Result<TestUser> {
        let password = random_alphanumeric(24);
        let user = self
            .register(&unique_localpart(prefix), &password, false)
            .await?;
        Ok(self.test_user(&user))
    }

    /// A [`TestUser`] for a registered user on this server.
    pub fn test_user(&self, user: &RegisteredUser) -> TestUser {
        TestUser::new(&self.base_url(), user.clone())
    }

    /// Stops Synapse: SIGTERM to its process group, then waits (SIGKILL after 10 s).
    /// The data directory is kept, so [`Synapse::restart`] can start it again.
    pub async fn stop(&mut self) {
        if let Some(child) = self.child.take() {
            child.terminate(STOP_GRACE).await;
        }
    }

    /// Stops Synapse if it runs, and starts it again on the same port, config and database.
    /// Waits (up to 10 s) for the port to become free if something else holds it.
    pub async fn restart(&mut self) -> Result<()> {
        self.stop().await;
        let files = Files::new(self.dir.path());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match launch(&self.venv, &files, self.port, start_timeout()).await {
                Ok(child) => {
                    self.child = Some(child);
                    return Ok(());
                }
                Err(LaunchError::PortInUse(e)) if Instant::now() >= deadline => return Err(e),
                Err(LaunchError::PortInUse(_)) => {
                    tokio::time::sleep(Duration::from_millis(500)).await
                }
                Err(LaunchError::Failed(e)) => return Err(e),
            }
        }
    }
}

/// A random localpart `<prefix>-<8 lowercase letters/digits>`, unique enough to share a server.
pub fn unique_localpart(prefix: &str) -> String {
    format!("{prefix}-{}", random_alphanumeric(8).to_lowercase())
}

fn random_alphanumeric(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(rand::distributions::Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// The HMAC-SHA1 that `/_synapse/admin/v1/register` expects, hex encoded.
pub fn registration_mac(
    shared_secret: &str,
    nonce: &str,
    user: &str,
    password: &str,
    admin: bool,
) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(shared_secret.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(nonce.as_bytes());
    mac.update(b"\0");
    mac.update(user.as_bytes());
    mac.update(b"\0");
    mac.update(password.as_bytes());
    mac.update(b"\0");
    mac.update(if admin { b"admin" } else { b"notadmin" });
    hex::encode(mac.finalize().into_bytes())
}

fn start_timeout() -> Duration {
    std::env::var("SHARECIRCLE_SYNAPSE_START_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_START_TIMEOUT)
}

/// Where the data directories go: `$SHARECIRCLE_SYNAPSE_TMPDIR` if set, else `/dev/shm` when it
/// is a roomy tmpfs (SQLite's fsyncs make Synapse about twice as slow on disk), else the
/// system temp dir.
fn data_parent() -> PathBuf {
    if let Some(dir) = std::env::var_os("SHARECIRCLE_SYNAPSE_TMPDIR") {
        return PathBuf::from(dir);
    }
    let shm = Path::new("/dev/shm");
    if available_bytes(shm).is_some_and(|bytes| bytes >= 1 << 30) {
        return shm.to_owned();
    }
    std::env::temp_dir()
}

/// Removes data directories left behind by test processes that died in a way the launcher could
/// not clean up after (e.g. SIGKILL while Synapse was stopped for a restart).
fn sweep_orphans(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let alive = |pid_file: PathBuf| {
        fs::read_to_string(pid_file)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
            .is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists())
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("sharecircle-synapse-"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(60));
        if is_ours
            && old
            && path.join(OWNER_PID).exists()
            && !alive(path.join(OWNER_PID))
            && !alive(path.join(SYNAPSE_PID))
        {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

// The statvfs fields are u64 on 64-bit Linux but narrower elsewhere.
#[allow(clippy::useless_conversion)]
fn available_bytes(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs only writes into the zeroed struct we pass, and the path is NUL-terminated.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    // SAFETY: access(2) only reads the NUL-terminated path.
    if unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } != 0 {
        return None;
    }
    Some(u64::from(stat.f_bavail).saturating_mul(u64::from(stat.f_frsize)))
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| HarnessError::io("binding 127.0.0.1:0 to find a free port", e))?;
    let port = listener
        .local_addr()
        .map_err(|e| HarnessError::io("reading the bound port", e))?
        .port();
    Ok(port)
}

fn tail(path: &Path, lines: usize) -> String {
    match fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

// ---------------------------------------------------------------------------------------------
// Files in the data directory
// ---------------------------------------------------------------------------------------------

struct Secrets {
    registration: String,
    macaroon: String,
    form: String,
}

impl Secrets {
    fn generate() -> Self {
        // Plain alphanumerics: generated secrets with `;` or `*` confused register_new_matrix_user.
        Secrets {
            registration: random_alphanumeric(32),
            macaroon: random_alphanumeric(40),
            form: random_alphanumeric(40),
        }
    }
}

const OWNER_PID: &str = "owner.pid";
const SYNAPSE_PID: &str = "synapse.pid";

struct Files {
    dir: PathBuf,
    owner_pid: PathBuf,
    synapse_pid: PathBuf,
    config: PathBuf,
    log_config: PathBuf,
    signing_key: PathBuf,
    launcher: PathBuf,
    log: PathBuf,
}

/// Runs Synapse like `python -m synapse.app.homeserver`, and stops it when stdin reaches EOF,
/// that is when the test process that holds the pipe's other end is gone. In that case it also
/// removes the data directory, which that process can no longer do.
const LAUNCHER: &str = r#"import atexit, os, runpy, shutil, signal, sys, threading, time

_cleanup_dir = os.environ.pop("SHARECIRCLE_HARNESS_CLEANUP_DIR", None)
_orphaned = threading.Event()


def _remove_dir():
    if _orphaned.is_set() and _cleanup_dir:
        shutil.rmtree(_cleanup_dir, ignore_errors=True)


def _watch_parent():
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    _orphaned.set()
    print("synapse-harness: the test process is gone; stopping Synapse", file=sys.__stderr__, flush=True)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(20)
    _remove_dir()
    os._exit(1)


def _early_sigterm(signum, frame):
    # SIGTERM before Twisted's reactor installs its own handler (during startup).
    _remove_dir()
    os._exit(128 + signum)


atexit.register(_remove_dir)
signal.signal(signal.SIGTERM, _early_sigterm)
threading.Thread(target=_watch_parent, name="synapse-harness-parent-watch", daemon=True).start()
sys.argv = ["synapse.app.homeserver"] + sys.argv[1:]
runpy.run_module("synapse.app.homeserver", run_name="__main__", alter_sys=True)
"#;

const LOG_CONFIG: &str = r#"version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    formatter: precise
    stream: ext://sys.stderr
loggers:
  synapse.storage.SQL:
    # DEBUG here would log access tokens.
    level: INFO
  synapse.access.http:
    level: INFO
root:
  level: INFO
  handlers: [console]
disable_existing_loggers: false
"#;

impl Files {
    fn new(dir: &Path) -> Self {
        Files {
            dir: dir.to_owned(),
            owner_pid: dir.join(OWNER_PID),
            synapse_pid: dir.join(SYNAPSE_PID),
            config: dir.join("homeserver.yaml"),
            log_config: dir.join("log.config"),
            signing_key: dir.join("localhost.signing.key"),
            launcher: dir.join("launch_synapse.py"),
            log: dir.join("homeserver.log"),
        }
    }

    fn write(path: &Path, contents: &str) -> Result<()> {
        fs::write(path, contents)
            .map_err(|e| HarnessError::io(format!("writing {}", path.display()), e))
    }

    /// Everything but the port-dependent homeserver.yaml.
    fn write_static(&self) -> Result<()> {
        Self::write(&self.launcher, LAUNCHER)?;
        Self::write(&self.log_config, LOG_CONFIG)?;
        let seed: [u8; 32] = rand::thread_rng().gen();
        Self::write(
            &self.signing_key,
            &format!("ed25519 a_test {}\n", base64_unpadded(&seed)),
        )?;
        fs::create_dir_all(self.dir.join("media_store"))
            .map_err(|e| HarnessError::io("creating the media store", e))
    }

    fn write_config(&self, port: u16, secrets: &Secrets, limit: Option<(f64, u32)>) -> Result<()> {
        Self::write(
            &self.config,
            &homeserver_yaml(&self.dir, port, secrets, limit),
        )
    }
}

fn yaml_str(s: &Path) -> String {
    // JSON strings are valid YAML double-quoted scalars.
    serde_json::to_string(&s.to_string_lossy()).expect("strings serialize")
}

fn homeserver_yaml(
    dir: &Path,
    port: u16,
    secrets: &Secrets,
    message_limit: Option<(f64, u32)>,
) -> String {
    let path = |name: &str| yaml_str(&dir.join(name));
    let mut yaml = format!(
        r#"# Written by synapse-harness for tests: never expose this server.
server_name: "{SERVER_NAME}"
pid_file: {pid}
public_baseurl: "http://127.0.0.1:{port}/"
listeners:
  - port: {port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: {db}
log_config: {log_config}
no_redirect_stdio: true
media_store_path: {media}
signing_key_path: {signing_key}
registration_shared_secret: "{registration}"
macaroon_secret_key: "{macaroon}"
form_secret: "{form}"
report_stats: false
enable_registration: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
url_preview_enabled: false
enable_metrics: false
"#,
        pid = path("homeserver.pid"),
        db = path("homeserver.db"),
        log_config = path("log.config"),
        media = path("media_store"),
        signing_key = path("localhost.signing.key"),
        registration = secrets.registration,
        macaroon = secrets.macaroon,
        form = secrets.form,
    );
    yaml.push_str(&rate_limits_yaml(message_limit));
    yaml
}

/// `RATE_LIMIT_KEYS` as YAML, each with a huge `per_second` and `burst_count` — except
/// `rc_message` when a message limit is given.
fn rate_limits_yaml(message_limit: Option<(f64, u32)>) -> String {
    let mut out = String::from("# Rate limits lifted for tests\n");
    if let Some((per_second, burst)) = message_limit {
        out.push_str(&format!(
            "rc_message:\n  per_second: {per_second}\n  burst_count: {burst}\n"
        ));
    }
    let mut open_parent: Option<&str> = None;
    for key in RATE_LIMIT_KEYS {
        if message_limit.is_some() && *key == "rc_message" {
            continue;
        }
        match key.split_once('.') {
            Some((parent, child)) => {
                if open_parent != Some(parent) {
                    out.push_str(&format!("{parent}:\n"));
                    open_parent = Some(parent);
                }
                out.push_str(&format!(
                    "  {child}:\n    per_second: 100000\n    burst_count: 100000\n"
                ));
            }
            None => {
                open_parent = None;
                out.push_str(&format!(
                    "{key}:\n  per_second: 100000\n  burst_count: 100000\n"
                ));
            }
        }
    }
    out
}

/// Unpadded standard base64, as Synapse's signing key file wants it.
fn base64_unpadded(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

// ---------------------------------------------------------------------------------------------
// The Synapse process
// ---------------------------------------------------------------------------------------------

/// The Synapse child process; kills its process group when dropped.
struct SynapseProcess {
    child: Child,
}

impl SynapseProcess {
    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn signal_group(&mut self, signal: libc::c_int) {
        // Only while the leader is not reaped: until then its pid (= the group id) cannot be reused.
        if self.is_alive() {
            let pgid = self.child.id() as libc::pid_t;
            // SAFETY: kill(2) has no memory-safety preconditions.
            unsafe {
                libc::kill(-pgid, signal);
            }
        }
    }

    async fn terminate(mut self, grace: Duration) {
        self.signal_group(libc::SIGTERM);
        let deadline = Instant::now() + grace;
        while self.is_alive() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.kill_now();
    }

    fn kill_now(&mut self) {
        if self.is_alive() {
            self.signal_group(libc::SIGKILL);
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl Drop for SynapseProcess {
    fn drop(&mut self) {
        if self.is_alive() {
            self.signal_group(libc::SIGTERM);
            let deadline = Instant::now() + DROP_GRACE;
            while self.is_alive() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        self.kill_now();
    }
}

enum LaunchError {
    /// Synapse could not bind its port: worth retrying (with another port on first start).
    PortInUse(HarnessError),
    Failed(HarnessError),
}

fn start_error(message: String, log: &Path, from: u64) -> HarnessError {
    let new_part = read_from(log, from);
    let lines: Vec<&str> = new_part.lines().collect();
    let log_tail = if lines.is_empty() {
        "(Synapse wrote nothing to its log yet)".to_owned()
    } else {
        lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
    };
    HarnessError::Start {
        message: format!("{message} (log: {})", log.display()),
        log_tail,
    }
}

fn read_from(path: &Path, offset: u64) -> String {
    let mut text = Vec::new();
    if let Ok(mut file) = File::open(path) {
        if file.seek(SeekFrom::Start(offset)).is_ok() {
            let _ = file.read_to_end(&mut text);
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// Starts Synapse on `port` with the config in `files` and waits until it serves.
async fn launch(
    venv: &Path,
    files: &Files,
    port: u16,
    timeout: Duration,
) -> Result<SynapseProcess, LaunchError> {
    let failed = LaunchError::Failed;
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&files.log)
        .map_err(|e| {
            failed(HarnessError::io(
                format!("opening {}", files.log.display()),
                e,
            ))
        })?;
    let log_start = log.metadata().map(|m| m.len()).unwrap_or(0);
    let stderr = log
        .try_clone()
        .map_err(|e| failed(HarnessError::io("duplicating the log file handle", e)))?;

    let python = venv.join("bin/python");
    let child = Command::new(&python)
        .arg(&files.launcher)
        .arg("--config-path")
        .arg(&files.config)
        .current_dir(&files.dir)
        .env("PYTHONUNBUFFERED", "1")
        .env("SHARECIRCLE_HARNESS_CLEANUP_DIR", &files.dir)
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONHOME")
        .stdin(Stdio::piped())
        .stdout(log)
        .stderr(stderr)
        .process_group(0)
        .spawn()
        .map_err(|e| {
            failed(HarnessError::io(
                format!("starting {}", python.display()),
                e,
            ))
        })?;
    let mut process = SynapseProcess { child };
    Files::write(&files.synapse_pid, &process.child.id().to_string()).map_err(failed)?;

    let http = one_shot_client().map_err(failed)?;
    let versions = format!("http://127.0.0.1:{port}/_matrix/client/versions");
    let listening = format!("Synapse now listening on TCP port {port}");
    let started = Instant::now();
    let mut answering_since: Option<Instant> = None;
    loop {
        if let Ok(Some(status)) = process.child.try_wait() {
            return Err(exited(status, port, &files.log, log_start));
        }
        let answers = matches!(
            http.get(&versions).timeout(Duration::from_secs(2)).send().await,
            Ok(response) if response.status().is_success()
        );
        if answers {
            let since = *answering_since.get_or_insert_with(Instant::now);
            // Make sure it is *our* Synapse that answers on this port (another process may have
            // taken the port between our probe and Synapse's bind): it logs that it listens there.
            // Should a future Synapse word that line differently, accept a port that has answered
            // for 10 s while our process stayed alive (Synapse binds ~3 s after it starts).
            let logged = read_from(&files.log, log_start).contains(&listening);
            if logged || since.elapsed() > Duration::from_secs(10) {
                if !logged {
                    eprintln!(
                        "synapse-harness: no {listening:?} in {}; assuming the server on the port is ours",
                        files.log.display()
                    );
                }
                if let Ok(Some(status)) = process.child.try_wait() {
                    return Err(exited(status, port, &files.log, log_start));
                }
                return Ok(process);
            }
        } else {
            answering_since = None;
        }
        if started.elapsed() > timeout {
            drop(process);
            return Err(failed(start_error(
                format!(
                    "Synapse did not answer on port {port} within {} s",
                    timeout.as_secs()
                ),
                &files.log,
                log_start,
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn exited(status: ExitStatus, port: u16, log: &Path, log_start: u64) -> LaunchError {
    let text = read_from(log, log_start);
    let error = start_error(
        format!("Synapse exited during startup on port {port} ({status})"),
        log,
        log_start,
    );
    if text.contains("Address already in use") || text.contains("CannotListenError") {
        LaunchError::PortInUse(error)
    } else {
        LaunchError::Failed(error)
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------------------------

/// A client that keeps no idle connections, so it is safe to use from any tokio runtime
/// (the shared Synapse outlives the runtime of the test that started it).
fn one_shot_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(HTTP_TIMEOUT)
        .build()
        .map_err(|e| HarnessError::Http {
            context: "building an HTTP client".into(),
            source: e,
        })
}

async fn call(
    http: &reqwest::Client,
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<Value> {
    let mut request = http.request(method.clone(), url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    send(request, method, url, None).await
}

async fn send(
    request: reqwest::RequestBuilder,
    method: Method,
    url: &str,
    timeout: Option<Duration>,
) -> Result<Value> {
    let request = match timeout {
        Some(timeout) => request.timeout(timeout),
        None => request,
    };
    let path = Url::parse(url)
        .map(|u| u.path().to_owned())
        .unwrap_or_else(|_| url.to_owned());
    let context = format!("{method} {path}");
    let response = request.send().await.map_err(|e| HarnessError::Http {
        context: context.clone(),
        source: e,
    })?;
    let status = response.status();
    let text = response.text().await.map_err(|e| HarnessError::Http {
        context: context.clone(),
        source: e,
    })?;
    let value: Option<Value> = serde_json::from_str(&text).ok();
    if !status.is_success() {
        let field = |name: &str| {
            value
                .as_ref()
                .and_then(|v| v.get(name))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        return Err(HarnessError::Matrix {
            method: method.to_string(),
            path,
            status: status.as_u16(),
            errcode: field("errcode"),
            error: field("error"),
            body: text,
        });
    }
    value.ok_or_else(|| HarnessError::Protocol(format!("{context} answered non-JSON: {text}")))
}

fn str_field(value: &Value, name: &str) -> Result<String> {
    value
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Protocol(format!("no string `{name}` in {value}")))
}

// ---------------------------------------------------------------------------------------------
// TestUser
// ---------------------------------------------------------------------------------------------

/// A minimal Client-Server API client for test members (see the crate docs).
pub struct TestUser {
    user: RegisteredUser,
    base: Url,
    http: reqwest::Client,
    txn_prefix: String,
    txn_counter: AtomicU64,
    sync: tokio::sync::Mutex<SyncState>,
}

impl fmt::Debug for TestUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestUser")
            .field("user_id", &self.user.user_id)
            .field("device_id", &self.user.device_id)
            .field("base_url", &self.base.as_str())
            .finish()
    }
}

#[derive(Default)]
struct SyncState {
    since: Option<String>,
    /// Every timeline event seen, per room, in timeline order.
    timelines: HashMap<String, Vec<Value>>,
    seen: HashSet<String>,
    returned: HashSet<String>,
    invites: Vec<String>,
    invites_returned: HashSet<String>,
}

/// The filter for the waits' own /sync: a long timeline, no presence.
const SYNC_FILTER: &str = r#"{"room":{"timeline":{"limit":100},"state":{"lazy_load_members":true}},"presence":{"not_types":["*"]},"account_data":{"not_types":["*"]}}"#;
const MAX_BACKFILL_PAGES: usize = 20;

impl TestUser {
    /// A client for `user` on the homeserver at `base_url` (`http://127.0.0.1:PORT`).
    pub fn new(base_url: &str, user: RegisteredUser) -> TestUser {
        let mut base = Url::parse(base_url).expect("a valid homeserver URL");
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let http = reqwest::Client::builder()
            .build()
            .expect("the HTTP client builds");
        TestUser {
            user,
            base,
            http,
            txn_prefix: random_alphanumeric(10),
            txn_counter: AtomicU64::new(0),
            sync: tokio::sync::Mutex::new(SyncState::default()),
        }
    }

    pub fn user_id(&self) -> &str {
        &self.user.user_id
    }

    pub fn device_id(&self) -> &str {
        &self.user.device_id
    }

    pub fn access_token(&self) -> &str {
        &self.user.access_token
    }

    pub fn registered(&self) -> &RegisteredUser {
        &self.user
    }

    pub fn base_url(&self) -> String {
        self.base.as_str().trim_end_matches('/').to_owned()
    }

    /// `/_matrix/client/v3/<segments...>`, each segment percent-encoded.
    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        {
            let mut path = url.path_segments_mut().expect("http URLs have paths");
            path.pop_if_empty();
            path.extend(["_matrix", "client", "v3"]);
            path.extend(segments);
        }
        url
    }

    fn txn_id(&self) -> String {
        let n = self.txn_counter.fetch_add(1, Ordering::Relaxed);
        format!("harness-{}-{n}", self.txn_prefix)
    }

    async fn request(&self, method: Method, url: Url, body: Option<&Value>) -> Result<Value> {
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .bearer_auth(&self.user.access_token);
        if let Some(body) = body {
            request = request.json(body);
        }
        send(request, method, url.as_str(), Some(HTTP_TIMEOUT)).await
    }

    /// `GET /account/whoami`: the user id the access token belongs to.
    pub async fn whoami(&self) -> Result<String> {
        let answer = self
            .request(Method::GET, self.url(&["account", "whoami"]), None)
            .await?;
        str_field(&answer, "user_id")
    }

    /// `PUT /profile/{userId}/displayname`: the name rooms joined from now on show.
    pub async fn set_display_name(&self, name: &str) -> Result<()> {
        let body = json!({ "displayname": name });
        self.request(
            Method::PUT,
            self.url(&["profile", &self.user.user_id, "displayname"]),
            Some(&body),
        )
        .await?;
        Ok(())
    }

    /// `GET /joined_rooms`.
    pub async fn joined_rooms(&self) -> Result<Vec<String>> {
        let answer = self
            .request(Method::GET, self.url(&["joined_rooms"]), None)
            .await?;
        let rooms = answer["joined_rooms"]
            .as_array()
            .ok_or_else(|| HarnessError::Protocol(format!("no joined_rooms in {answer}")))?;
        Ok(rooms
            .iter()
            .filter_map(|r| r.as_str().map(str::to_owned))
            .collect())
    }

    /// Creates a private room (preset `private_chat`) and invites `invite`; with `encrypted`
    /// the room starts with `m.room.encryption` (megolm). Returns the room id.
    pub async fn create_room(
        &self,
        name: &str,
        invite: &[&str],
        encrypted: bool,
    ) -> Result<String> {
        let mut initial_state = Vec::new();
        if encrypted {
            initial_state.push(json!({
                "type": "m.room.encryption",
                "state_key": "",
                "content": { "algorithm": "m.megolm.v1.aes-sha2" },
            }));
        }
        let body = json!({
            "name": name,
            "preset": "private_chat",
            "invite": invite,
            "initial_state": initial_state,
        });
        let answer = self
            .request(Method::POST, self.url(&["createRoom"]), Some(&body))
            .await?;
        str_field(&answer, "room_id")
    }

    pub async fn invite(&self, room_id: &str, user_id: &str) -> Result<()> {
        let body = json!({ "user_id": user_id });
        self.request(
            Method::POST,
            self.url(&["rooms", room_id, "invite"]),
            Some(&body),
        )
        .await?;
        Ok(())
    }

    /// Joins a room by id or alias; returns the room id.
    pub async fn join(&self, room_id_or_alias: &str) -> Result<String> {
        let answer = self
            .request(
                Method::POST,
                self.url(&["join", room_id_or_alias]),
                Some(&json!({})),
            )
            .await?;
        str_field(&answer, "room_id")
    }

    pub async fn leave(&self, room_id: &str) -> Result<()> {
        self.request(
            Method::POST,
            self.url(&["rooms", room_id, "leave"]),
            Some(&json!({})),
        )
        .await?;
        Ok(())
    }

    /// Sends any room event; returns its event id.
    pub async fn send_event(
        &self,
        room_id: &str,
        event_type: &str,
        content: Value,
    ) -> Result<String> {
        let txn = self.txn_id();
        let answer = self
            .request(
                Method::PUT,
                self.url(&["rooms", room_id, "send", event_type, &txn]),
                Some(&content),
            )
            .await?;
        str_field(&answer, "event_id")
    }

    /// Sends an `m.room.message` with any content (`msgtype`, `formatted_body`, `m.mentions`…).
    pub async fn send_message(&self, room_id: &str, content: Value) -> Result<String> {
        self.send_event(room_id, "m.room.message", content).await
    }

    /// Sends a plain `m.text` message; returns its event id.
    pub async fn send_text(&self, room_id: &str, body: &str) -> Result<String> {
        self.send_message(room_id, json!({ "msgtype": "m.text", "body": body }))
            .await
    }

    /// Reacts to an event (`m.reaction` with an `m.annotation` relation); returns its event id.
    pub async fn react(&self, room_id: &str, event_id: &str, key: &str) -> Result<String> {
        let content = json!({
            "m.relates_to": { "rel_type": "m.annotation", "event_id": event_id, "key": key }
        });
        self.send_event(room_id, "m.reaction", content).await
    }

    /// Redacts an event; returns the redaction's event id.
    pub async fn redact(&self, room_id: &str, event_id: &str) -> Result<String> {
        let txn = self.txn_id();
        let answer = self
            .request(
                Method::PUT,
                self.url(&["rooms", room_id, "redact", event_id, &txn]),
                Some(&json!({})),
            )
            .await?;
        str_field(&answer, "event_id")
    }

    /// The content of a state event.
    pub async fn state(&self, room_id: &str, event_type: &str, state_key: &str) -> Result<Value> {
        self.request(
            Method::GET,
            self.url(&["rooms", room_id, "state", event_type, state_key]),
            None,
        )
        .await
    }

    /// Sets `user_id`'s power level in the room (read-modify-write of `m.room.power_levels`).
    pub async fn set_power_level(&self, room_id: &str, user_id: &str, level: i64) -> Result<()> {
        let mut content = self.state(room_id, "m.room.power_levels", "").await?;
        let users = content
            .as_object_mut()
            .ok_or_else(|| HarnessError::Protocol("power levels not an object".into()))?
            .entry("users")
            .or_insert_with(|| json!({}));
        users
            .as_object_mut()
            .ok_or_else(|| HarnessError::Protocol("power levels `users` not an object".into()))?
            .insert(user_id.to_owned(), json!(level));
        self.request(
            Method::PUT,
            self.url(&["rooms", room_id, "state", "m.room.power_levels", ""]),
            Some(&content),
        )
        .await?;
        Ok(())
    }

    /// A raw `/sync` (default filter). Does not touch the state the waits keep.
    pub async fn sync(&self, since: Option<&str>, timeout_ms: u64) -> Result<Value> {
        self.sync_raw(since, timeout_ms, None).await
    }

    async fn sync_raw(
        &self,
        since: Option<&str>,
        timeout_ms: u64,
        filter: Option<&str>,
    ) -> Result<Value> {
        let mut url = self.url(&["sync"]);
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("timeout", &timeout_ms.to_string());
            if let Some(since) = since {
                query.append_pair("since", since);
            }
            if let Some(filter) = filter {
                query.append_pair("filter", filter);
            }
        }
        let request = self
            .http
            .get(url.clone())
            .bearer_auth(&self.user.access_token);
        let timeout = Duration::from_millis(timeout_ms) + HTTP_TIMEOUT;
        send(request, Method::GET, url.as_str(), Some(timeout)).await
    }

    /// One /sync for the waits: records new timeline events and invites.
    async fn poll(&self, state: &mut SyncState, timeout_ms: u64) -> Result<()> {
        let since = state.since.clone();
        let timeout_ms = if since.is_none() { 0 } else { timeout_ms };
        let answer = self
            .sync_raw(since.as_deref(), timeout_ms, Some(SYNC_FILTER))
            .await?;
        if let Some(joined) = answer["rooms"]["join"].as_object() {
            for (room_id, room) in joined {
                let timeline = &room["timeline"];
                let mut events: Vec<Value> =
                    timeline["events"].as_array().cloned().unwrap_or_default();
                if timeline["limited"].as_bool() == Some(true) {
                    if let Some(prev_batch) = timeline["prev_batch"].as_str() {
                        let mut missed = self.backfill(room_id, prev_batch, &state.seen).await?;
                        missed.append(&mut events);
                        events = missed;
                    }
                }
                let recorded = state.timelines.entry(room_id.clone()).or_default();
                for mut event in events {
                    let Some(event_id) = event["event_id"].as_str().map(str::to_owned) else {
                        continue;
                    };
                    if !state.seen.insert(event_id) {
                        continue;
                    }
                    if let Some(object) = event.as_object_mut() {
                        object
                            .entry("room_id")
                            .or_insert_with(|| Value::String(room_id.clone()));
                    }
                    recorded.push(event);
                }
            }
        }
        if let Some(invited) = answer["rooms"]["invite"].as_object() {
            for room_id in invited.keys() {
                if !state.invites.contains(room_id) {
                    state.invites.push(room_id.clone());
                }
            }
        }
        state.since = Some(str_field(&answer, "next_batch")?);
        Ok(())
    }

    /// Events before `from` back to the first one already seen (or the room's start), oldest first.
    async fn backfill(
        &self,
        room_id: &str,
        from: &str,
        seen: &HashSet<String>,
    ) -> Result<Vec<Value>> {
        let mut newest_first = Vec::new();
        let mut from = from.to_owned();
        'pages: for _ in 0..MAX_BACKFILL_PAGES {
            let page = self.messages_page(room_id, &from, None).await?;
            let chunk = page["chunk"].as_array().cloned().unwrap_or_default();
            if chunk.is_empty() {
                break;
            }
            for event in chunk {
                if event["event_id"]
                    .as_str()
                    .is_some_and(|id| seen.contains(id))
                {
                    break 'pages;
                }
                newest_first.push(event);
            }
            match page["end"].as_str() {
                Some(end) => from = end.to_owned(),
                None => break,
            }
        }
        newest_first.reverse();
        Ok(newest_first)
    }

    async fn messages_page(
        &self,
        room_id: &str,
        from: &str,
        filter: Option<&Value>,
    ) -> Result<Value> {
        let mut url = self.url(&["rooms", room_id, "messages"]);
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("dir", "b");
            query.append_pair("limit", "100");
            if !from.is_empty() {
                query.append_pair("from", from);
            }
            if let Some(filter) = filter {
                query.append_pair("filter", &filter.to_string());
            }
        }
        self.request(Method::GET, url, None).await
    }

    /// Waits for a timeline event in `room_id` that matches `predicate` and that no earlier wait
    /// returned (see the crate docs). Returns the full event, with `room_id` added.
    pub async fn wait_for_event(
        &self,
        room_id: &str,
        predicate: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        let mut state = self.sync.lock().await;
        let mut unreachable: Option<String> = None;
        loop {
            let found = state.timelines.get(room_id).and_then(|events| {
                events.iter().find(|event| {
                    event["event_id"]
                        .as_str()
                        .is_some_and(|id| !state.returned.contains(id))
                        && predicate(event)
                })
            });
            if let Some(event) = found.cloned() {
                if let Some(id) = event["event_id"].as_str() {
                    state.returned.insert(id.to_owned());
                }
                return Ok(event);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(HarnessError::Timeout(format!(
                    "{} waited {:?} for a matching event in {room_id}{}; it saw:\n{}",
                    self.user.user_id,
                    timeout,
                    unreachable_note(&unreachable),
                    summarize(
                        state
                            .timelines
                            .get(room_id)
                            .map(Vec::as_slice)
                            .unwrap_or(&[])
                    )
                )));
            }
            unreachable = self.poll_until(&mut state, deadline).await?;
        }
    }

    /// One long-poll /sync that ends by `deadline`. While the server cannot be reached (it is
    /// being restarted, say) the waits keep trying until their deadline: this returns the
    /// connection error then, after a short pause. Error answers from the server fail the wait.
    async fn poll_until(&self, state: &mut SyncState, deadline: Instant) -> Result<Option<String>> {
        let wait = deadline
            .saturating_duration_since(Instant::now())
            .min(Duration::from_secs(10));
        match self.poll(state, wait.as_millis() as u64).await {
            Ok(()) => Ok(None),
            Err(error @ HarnessError::Http { .. }) => {
                let pause = deadline
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(250));
                tokio::time::sleep(pause).await;
                Ok(Some(error.to_string()))
            }
            Err(error) => Err(error),
        }
    }

    /// Like [`TestUser::wait_for_event`], for `m.room.message` events only.
    pub async fn wait_for_message(
        &self,
        room_id: &str,
        predicate: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Result<Value> {
        self.wait_for_event(
            room_id,
            |event| event["type"] == "m.room.message" && predicate(event),
            timeout,
        )
        .await
    }

    /// Like [`TestUser::wait_for_event`], for the `m.room.member` event that gives `user_id`
    /// the membership `membership` (`"join"`, `"leave"`, `"invite"`, `"ban"`).
    pub async fn wait_for_membership(
        &self,
        room_id: &str,
        user_id: &str,
        membership: &str,
        timeout: Duration,
    ) -> Result<Value> {
        self.wait_for_event(
            room_id,
            |event| {
                event["type"] == "m.room.member"
                    && event["state_key"] == user_id
                    && event["content"]["membership"] == membership
            },
            timeout,
        )
        .await
    }

    /// Waits for an invite to a room that no earlier call returned; returns the room id.
    pub async fn wait_for_invite(&self, timeout: Duration) -> Result<String> {
        let deadline = Instant::now() + timeout;
        let mut state = self.sync.lock().await;
        let mut unreachable: Option<String> = None;
        loop {
            let found = state
                .invites
                .iter()
                .find(|room| !state.invites_returned.contains(*room))
                .cloned();
            if let Some(room) = found {
                state.invites_returned.insert(room.clone());
                return Ok(room);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(HarnessError::Timeout(format!(
                    "{} waited {timeout:?} for an invite{}",
                    self.user.user_id,
                    unreachable_note(&unreachable),
                )));
            }
            unreachable = self.poll_until(&mut state, deadline).await?;
        }
    }

    /// All `m.room.message` events from `sender` in the room's timeline, oldest first
    /// (via `/messages`, paginating). Redacted messages are included with empty content.
    pub async fn messages_from(&self, room_id: &str, sender: &str) -> Result<Vec<Value>> {
        self.events_from(room_id, sender, "m.room.message").await
    }

    /// All events of `event_type` from `sender` in the room's timeline, oldest first.
    pub async fn events_from(
        &self,
        room_id: &str,
        sender: &str,
        event_type: &str,
    ) -> Result<Vec<Value>> {
        let filter = json!({ "types": [event_type], "senders": [sender] });
        let mut newest_first = Vec::new();
        let mut from = String::new();
        for _ in 0..1000 {
            let page = self.messages_page(room_id, &from, Some(&filter)).await?;
            let chunk = page["chunk"].as_array().cloned().unwrap_or_default();
            if chunk.is_empty() {
                break;
            }
            newest_first.extend(
                chunk
                    .into_iter()
                    .filter(|event| event["type"] == event_type && event["sender"] == sender),
            );
            match page["end"].as_str() {
                Some(end) => from = end.to_owned(),
                None => break,
            }
        }
        newest_first.reverse();
        Ok(newest_first)
    }
}

fn unreachable_note(unreachable: &Option<String>) -> String {
    match unreachable {
        Some(error) => format!(" (the last /sync failed: {error})"),
        None => String::new(),
    }
}

fn summarize(events: &[Value]) -> String {
    if events.is_empty() {
        return "  (no events)".into();
    }
    let skip = events.len().saturating_sub(15);
    let mut out = String::new();
    if skip > 0 {
        out.push_str(&format!("  ... {skip} earlier events\n"));
    }
    for event in &events[skip..] {
        let body = event["content"]["body"]
            .as_str()
            .map(|b| format!(" {b:?}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} {} from {}{body}\n",
            event["event_id"].as_str().unwrap_or("?"),
            event["type"].as_str().unwrap_or("?"),
            event["sender"].as_str().unwrap_or("?"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64_unpadded(b""), "");
        assert_eq!(base64_unpadded(b"f"), "Zg");
        assert_eq!(base64_unpadded(b"fo"), "Zm8");
        assert_eq!(base64_unpadded(b"foo"), "Zm9v");
        assert_eq!(base64_unpadded(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_unpadded(&[0xff; 32]).len(), 43);
    }

    #[test]
    fn registration_mac_matches_synapse_docs_shape() {
        let mac = registration_mac("secret", "nonce", "alice", "pw", false);
        assert_eq!(mac.len(), 40);
        assert_ne!(
            mac,
            registration_mac("secret", "nonce", "alice", "pw", true)
        );
    }

    #[test]
    fn rate_limits_nest_dotted_keys() {
        let yaml = rate_limits_yaml(None);
        assert!(yaml.contains("rc_login:\n  address:\n    per_second: 100000\n"));
        assert!(yaml.contains("  failed_attempts:\n"));
        assert!(yaml.contains("rc_message:\n  per_second: 100000\n  burst_count: 100000\n"));
        assert_eq!(yaml.matches("rc_login:").count(), 1);
        let limited = rate_limits_yaml(Some(SYNAPSE_DEFAULT_MESSAGE_LIMIT));
        assert!(limited.contains("rc_message:\n  per_second: 0.2\n  burst_count: 10\n"));
        assert_eq!(limited.matches("rc_message:").count(), 1);
    }
}
