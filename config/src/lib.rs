//! Typed sharecircle configuration: a TOML file plus `SHARECIRCLE_*` environment overrides,
//! secrets only from the environment, and validation that reports every problem at once.
//!
//! ```
//! use sharecircle_config::Config;
//!
//! let env = |name: &str| match name {
//!     "SHARECIRCLE_DISCORD_TOKEN" => Some("very-secret".to_string()),
//!     _ => None,
//! };
//! let config = Config::load_from_str(
//!     "[discord]\napplication_id = 123456789012345678\n",
//!     &env,
//! )
//! .unwrap();
//! assert_eq!(config.discord.unwrap().token.expose(), "very-secret");
//! ```
//!
//! Rules worth knowing:
//! - Environment variables win over the file. An environment variable set to an empty (or
//!   all-blank) value counts as not set.
//! - Setting any non-secret `SHARECIRCLE_DISCORD_*` / `SHARECIRCLE_MATRIX_*` variable enables
//!   that platform even without a section in the file. Secrets alone do not.
//! - Relative paths (`data_dir`, `sqlite://file.db`) are relative to the working directory.

mod build;
mod duration;
mod env;
mod file;
mod input;
mod load;
mod problem;
mod secret;
mod suggest;
mod validate;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use env::{
    env_overrides, SECRET_DISCORD_TOKEN, SECRET_DISCORD_TOKEN_FALLBACK, SECRET_MATRIX_ACCESS_TOKEN,
    SECRET_MATRIX_PASSWORD,
};
pub use problem::{ConfigError, Problem};
pub use secret::Secret;
pub use validate::redact_database_url;

/// Default command prefix for text commands (Matrix, console).
pub const DEFAULT_PREFIX: &str = "!";
/// Default directory for state files.
pub const DEFAULT_DATA_DIR: &str = "data";
/// Default database address.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://sharecircle.db";
/// Default size of the database connection pool.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 5;
/// Default lease of a process on the shared database (`database.lease`).
pub const DEFAULT_LEASE: Duration = Duration::from_secs(10);
/// Shortest allowed `database.lease`.
pub const MIN_LEASE: Duration = Duration::from_secs(1);
/// Longest allowed `database.lease`.
pub const MAX_LEASE: Duration = Duration::from_secs(600);
/// Most shards a bot may have in `discord.shards`.
pub const MAX_SHARDS: u32 = 4096;
/// Default log filter.
pub const DEFAULT_LOG_LEVEL: &str = "info";
/// Default Matrix power level that makes a room member an admin of sharecircle.
pub const DEFAULT_ADMIN_POWER_LEVEL: i64 = 100;
/// Default Matrix power level that makes a room member a host.
pub const DEFAULT_HOST_POWER_LEVEL: i64 = 50;

/// The whole validated configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub bot: BotConfig,
    pub database: DatabaseConfig,
    pub log: LogConfig,
    pub metrics: MetricsConfig,
    /// `Some` when Discord is enabled.
    pub discord: Option<DiscordConfig>,
    /// `Some` when Matrix is enabled.
    pub matrix: Option<MatrixConfig>,
}

/// `[bot]`: settings shared by every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotConfig {
    /// Prefix of text commands (Matrix, console): 1–3 symbols, no letters, digits or spaces.
    pub prefix: String,
    /// Directory for state files (Matrix crypto store etc.).
    pub data_dir: PathBuf,
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig {
            prefix: DEFAULT_PREFIX.to_string(),
            data_dir: PathBuf::from(DEFAULT_DATA_DIR),
        }
    }
}

/// `[database]`. The URL may carry a password (when it came from the environment); its
/// `Debug` output redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseConfig {
    /// `sqlite:…`, `postgres://…` or `postgresql://…`.
    pub url: String,
    /// Pool size, 1..=100.
    pub max_connections: u32,
    /// How long this process's lease on the database lasts without renewal: when a process
    /// dies, another one takes over its due work after this long. 1 s ..= 10 min, default 10 s.
    pub lease: Duration,
}

impl DatabaseConfig {
    /// The URL with any password replaced by `<redacted>`, for logs and messages.
    pub fn redacted_url(&self) -> String {
        redact_database_url(&self.url)
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: DEFAULT_DATABASE_URL.to_string(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            lease: DEFAULT_LEASE,
        }
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &self.redacted_url())
            .field("max_connections", &self.max_connections)
            .field("lease", &self.lease)
            .finish()
    }
}

/// Where `/metrics` and `/healthz` are served by default (loopback only).
pub const DEFAULT_METRICS_LISTEN: &str = "127.0.0.1:9464";

/// `[metrics]`: the operator's endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsConfig {
    /// `None` when switched off.
    pub listen: Option<std::net::SocketAddr>,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        MetricsConfig {
            listen: Some(DEFAULT_METRICS_LISTEN.parse().expect("valid default")),
        }
    }
}

/// `[log]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogConfig {
    /// A level (`trace`…`error`, `off`) or an `EnvFilter` directive list such as
    /// `info,sqlx=warn`, normalised (no blanks around commas).
    pub level: String,
    pub format: LogFormat,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: DEFAULT_LOG_LEVEL.to_string(),
            format: LogFormat::Human,
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Readable text lines.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

impl LogFormat {
    /// The word used in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            LogFormat::Human => "human",
            LogFormat::Json => "json",
        }
    }
}

impl fmt::Display for LogFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `[discord]`: present when Discord is enabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscordConfig {
    /// Bot token, from `SHARECIRCLE_DISCORD_TOKEN` or `DISCORD_TOKEN`.
    pub token: Secret,
    /// Application id (snowflake).
    pub application_id: u64,
    /// Guilds to register commands in (instantly); empty = register globally.
    pub guild_ids: Vec<u64>,
    /// Name of a role whose members count as admins (besides Manage Server).
    pub admin_role: Option<String>,
    /// The shards this process runs (`discord.shards = "0-3/8"`); `None`: this process runs every
    /// shard of the bot, as many as Discord recommends.
    pub shards: Option<ShardRange>,
}

/// A range of Discord gateway shards run by one process: shards `first..=last` of `total`.
/// Written `FIRST-LAST/TOTAL` (`0-3/8`) or `SHARD/TOTAL` (`2/8`, the same as `2-2/8`).
/// Invariant (checked when parsed): `first <= last < total <= MAX_SHARDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl ShardRange {
    /// Whether shard `id` is in this range.
    pub fn contains(&self, id: u32) -> bool {
        (self.first..=self.last).contains(&id)
    }

    /// How many shards the range holds (at least 1).
    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }

    /// The shard that serves a guild: `(guild_id >> 22) % total`, as Discord routes events.
    pub fn shard_of_guild(&self, guild_id: u64) -> u32 {
        ((guild_id >> 22) % u64::from(self.total)) as u32
    }
}

/// `FIRST-LAST/TOTAL`, such as `0-3/8`.
impl fmt::Display for ShardRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}/{}", self.first, self.last, self.total)
    }
}

/// Parses `FIRST-LAST/TOTAL` or `SHARD/TOTAL`; the error is a short plain-English reason.
impl std::str::FromStr for ShardRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        validate::parse_shard_range(text)
    }
}

/// `[matrix]`: present when Matrix is enabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixConfig {
    /// Base URL of the homeserver, `http(s)://…`.
    pub homeserver: String,
    /// Full user id of the bot, `@local:server`.
    pub user: String,
    pub auth: MatrixAuth,
    /// Directory for the crypto store and session; default `<bot.data_dir>/matrix`.
    pub data_dir: PathBuf,
    /// Full user ids, or `:server` for everyone on a server, whose invites the bot accepts.
    /// Default: the bot's own server.
    pub allowed_inviters: Vec<String>,
    /// Power level (0..=100) at which a room member counts as an admin.
    pub admin_power_level: i64,
    /// Power level (0..=100, at most `admin_power_level`) at which a room member counts as a host.
    pub host_power_level: i64,
}

impl MatrixConfig {
    /// Whether `user_id` may invite the bot: listed by full id, or its server is listed as
    /// `:server`.
    pub fn may_invite(&self, user_id: &str) -> bool {
        let server = user_id.split_once(':').map(|(_, s)| s);
        self.allowed_inviters
            .iter()
            .any(|entry| match entry.strip_prefix(':') {
                Some(allowed_server) => server == Some(allowed_server),
                None => entry == user_id,
            })
    }
}

/// How the Matrix bot logs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatrixAuth {
    /// From `SHARECIRCLE_MATRIX_PASSWORD`.
    Password(Secret),
    /// From `SHARECIRCLE_MATRIX_ACCESS_TOKEN`.
    AccessToken(Secret),
}

impl Config {
    /// Loads the file at `path` (or only defaults + environment when `None`) and applies the
    /// environment read through `env`. A given path that does not exist is a problem.
    pub fn load(
        path: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        load::load(path, env)
    }

    /// Like [`Config::load`] with the file's text given directly.
    pub fn load_from_str(
        toml: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        load::load_text(toml, "config", env)
    }

    /// [`Config::load`] with the process environment.
    pub fn from_process_env(path: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load(path, &env::process_env)
    }

    /// Whether the database is SQLite (otherwise PostgreSQL).
    pub fn database_is_sqlite(&self) -> bool {
        validate::has_scheme(&self.database.url, "sqlite")
    }
}
