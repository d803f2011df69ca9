//! Loading: reads the file, checks its structure (unknown sections and keys, secrets in the
//! file), applies environment overrides, and builds every section while collecting problems.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::env::{
    override_var, SECRET_DISCORD_TOKEN, SECRET_DISCORD_TOKEN_FALLBACK, SECRET_MATRIX_ACCESS_TOKEN,
    SECRET_MATRIX_PASSWORD,
};
use crate::input::{render_toml, Input, Problems, Raw};
use crate::suggest::closest;
use crate::validate::{
    check_database_url, check_homeserver, check_inviter, check_prefix, check_user_id,
    database_url_has_password, normalise_log_filter, parse_lease, parse_log_format,
    parse_shard_range, redact_database_url, show, user_server,
};
use crate::{
    BotConfig, Config, ConfigError, DatabaseConfig, DiscordConfig, LogConfig, MatrixAuth,
    MatrixConfig, Problem, Secret, ShardRange, DEFAULT_ADMIN_POWER_LEVEL, DEFAULT_DATABASE_URL,
    DEFAULT_DATA_DIR, DEFAULT_HOST_POWER_LEVEL, DEFAULT_LEASE, DEFAULT_LOG_LEVEL,
    DEFAULT_MAX_CONNECTIONS, DEFAULT_PREFIX,
};

/// Every section and its (non-secret) keys, in the order of the documentation.
pub(crate) const SCHEMA: &[(&str, &[&str])] = &[
    ("bot", &["prefix", "data_dir"]),
    ("database", &["url", "max_connections", "lease"]),
    ("log", &["level", "format"]),
    ("metrics", &["listen"]),
    (
        "discord",
        &["application_id", "guild_ids", "admin_role", "shards"],
    ),
    (
        "matrix",
        &[
            "homeserver",
            "user",
            "data_dir",
            "allowed_inviters",
            "admin_power_level",
            "host_power_level",
        ],
    ),
];

const SECTION_NAMES: &[&str] = &["bot", "database", "log", "metrics", "discord", "matrix"];

const PREFIX_EXPECTED: &str =
    "1 to 3 symbols with no letters, digits or spaces, such as `!` or `?`";
const DIR_EXPECTED: &str = "a folder path, such as `data`";
const URL_EXPECTED: &str =
    "a database address starting with `sqlite:` or `postgres://`, such as `sqlite://sharecircle.db`";
const LEASE_EXPECTED: &str = "a duration from 1s to 10m, such as `10s`, `1500ms` or `1m`";
const LEVEL_EXPECTED: &str =
    "a log level (trace, debug, info, warn or error) or a filter such as `info,sqlx=warn`";
const FORMAT_EXPECTED: &str = "`human` or `json`";
const LISTEN_EXPECTED: &str =
    "an address and port for /metrics and /healthz, such as `127.0.0.1:9464`, or `off`";
const APPLICATION_ID_EXPECTED: &str =
    "a Discord application id (a whole number such as 123456789012345678)";
const GUILD_IDS_EXPECTED: &str =
    "a list of Discord server ids, such as [123456789012345678, 234567890123456789]";
const GUILD_ID_EXPECTED: &str = "a Discord server id (a whole number such as 123456789012345678)";
const ROLE_EXPECTED: &str = "the name of a Discord role, such as `Meeting admins`";
const SHARDS_EXPECTED: &str =
    "the shards this process runs, `FIRST-LAST/TOTAL` or `SHARD/TOTAL`, such as `0-3/8`";
const HOMESERVER_EXPECTED: &str =
    "the web address of the Matrix homeserver, such as `https://matrix.example.org`";
const USER_EXPECTED: &str = "a full Matrix user id, such as `@sharecircle:example.org`";
const INVITERS_EXPECTED: &str =
    "a list of Matrix user ids or `:server` names, such as [\"@alice:example.org\", \":example.org\"]";
const INVITER_EXPECTED: &str =
    "a full Matrix user id such as `@alice:example.org`, or `:example.org` for everyone on that server";

/// [`crate::Config::load`].
pub(crate) fn load(
    path: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return load_text("", "config", env);
    };
    let field = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![Problem::new(field, "file not found")].into())
        }
        Err(e) => {
            return Err(vec![Problem::new(field, format!("could not read the file: {e}"))].into())
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => load_text(&text, &field, env),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
            Err(vec![Problem::new(
                field,
                format!("the file is not plain UTF-8 text (line {line}); save it as UTF-8"),
            )]
            .into())
        }
    }
}

/// [`crate::Config::load_from_str`]; `source` names the file in syntax problems.
pub(crate) fn load_text(
    text: &str,
    source: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = parse_toml(text, source)?;
    let mut loader = Loader {
        env,
        root: &root,
        problems: Problems::default(),
    };
    loader.check_structure();
    let bot = loader.bot();
    let database = loader.database();
    let log = loader.log();
    let metrics = loader.metrics();
    let discord = loader.discord();
    let matrix = loader.matrix(bot.as_ref());
    match (bot, database, log, metrics, discord, matrix) {
        (Some(bot), Some(database), Some(log), Some(metrics), Some(discord), Some(matrix))
            if loader.problems.list.is_empty() =>
        {
            Ok(Config {
                bot,
                database,
                log,
                metrics,
                discord,
                matrix,
            })
        }
        _ => Err(loader.problems.list.into()),
    }
}

/// Parses the document; on syntax errors reports each one (the first per line) with its line
/// and column.
fn parse_toml(text: &str, source: &str) -> Result<toml::Table, ConfigError> {
    let (_, errors) = toml::de::DeTable::parse_recoverable(text);
    let errors = if errors.is_empty() {
        match text.parse::<toml::Table>() {
            Ok(table) => return Ok(table),
            Err(e) => vec![e],
        }
    } else {
        errors
    };
    let mut located: Vec<(usize, usize, String)> = errors
        .iter()
        .map(|e| {
            let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
            (line, column, e.message().trim().to_string())
        })
        .collect();
    located.sort_by_key(|(line, column, _)| (*line, *column));
    located.dedup_by_key(|(line, _, _)| *line);
    Err(located
        .into_iter()
        .map(|(line, column, message)| {
            Problem::new(
                source,
                format!("syntax error at line {line}, column {column}: {message}"),
            )
        })
        .collect::<Vec<_>>()
        .into())
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}

/// Whether a key looks like it holds a secret.
fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("token") || key.contains("password") || key == "pass" || key == "passwd"
}

/// Message for a secret written in the file: which environment variable to use instead.
fn secret_message(section: Option<&str>, key: &str) -> String {
    let key = key.to_ascii_lowercase();
    let section = section.unwrap_or_else(|| {
        if key.contains("discord") {
            "discord"
        } else if key.contains("matrix") {
            "matrix"
        } else {
            ""
        }
    });
    let variable = match section {
        "discord" => format!("{SECRET_DISCORD_TOKEN} (or {SECRET_DISCORD_TOKEN_FALLBACK})"),
        "matrix" if key.contains("pass") => SECRET_MATRIX_PASSWORD.to_string(),
        "matrix" => SECRET_MATRIX_ACCESS_TOKEN.to_string(),
        "database" => {
            return "secrets must not be written in the config file; delete this line and put \
                    the whole database address, password included, in the environment variable \
                    SHARECIRCLE_DATABASE_URL instead"
                .to_string()
        }
        _ => format!(
            "{SECRET_DISCORD_TOKEN} for Discord, or {SECRET_MATRIX_PASSWORD} / \
             {SECRET_MATRIX_ACCESS_TOKEN} for Matrix"
        ),
    };
    format!(
        "secrets must not be written in the config file; delete this line and set the \
         environment variable {variable} instead"
    )
}

fn keys_of(section: &str) -> Option<&'static [&'static str]> {
    SCHEMA
        .iter()
        .find(|(name, _)| *name == section)
        .map(|(_, keys)| *keys)
}

/// The first section that has a key named `key`.
fn section_with_key(key: &str) -> Option<&'static str> {
    SCHEMA
        .iter()
        .find(|(_, keys)| keys.contains(&key))
        .map(|(name, _)| *name)
}

fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

struct Loader<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    root: &'a toml::Table,
    problems: Problems,
}

impl<'a> Loader<'a> {
    /// An environment variable, or `None` when unset or blank.
    fn env_value(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.trim().is_empty())
    }

    fn section(&self, name: &str) -> Option<&'a toml::Table> {
        self.root.get(name).and_then(toml::Value::as_table)
    }

    /// The effective value of `key` in `[section]`: the override variable if set, else the file.
    fn lookup(&self, section: &str, key: &str) -> Option<Input<'a>> {
        let var = override_var(section, key);
        if let Some(value) = self.env_value(&var) {
            return Some(Input::env(var, value));
        }
        let value = self.section(section)?.get(key)?;
        Some(Input::file(format!("{section}.{key}"), value))
    }

    /// Whether a platform section is enabled: present in the file, or any of its non-secret
    /// overrides set.
    fn enabled(&self, section: &str) -> bool {
        self.section(section).is_some()
            || keys_of(section)
                .unwrap_or_default()
                .iter()
                .any(|key| self.env_value(&override_var(section, key)).is_some())
    }

    /// Whether the file has a secret-looking key in `[section]` (already reported).
    fn file_has_secret(&self, section: &str) -> bool {
        self.section(section)
            .is_some_and(|table| table.keys().any(|k| is_secret_key(k)))
    }

    /// Unknown sections and keys, secrets in the file, sections that are not tables.
    fn check_structure(&mut self) {
        for (name, value) in self.root {
            if let Some(keys) = keys_of(name) {
                match value.as_table() {
                    Some(table) => {
                        for key in table.keys() {
                            self.check_key(name, keys, key);
                        }
                    }
                    None => self.problems.push(
                        name.clone(),
                        format!(
                            "expected a section `[{name}]` with its settings on the lines below \
                             it, found {}",
                            render_toml(value)
                        ),
                    ),
                }
            } else if is_secret_key(name) {
                self.problems.push(name.clone(), secret_message(None, name));
            } else if let Some(section) = section_with_key(name).filter(|_| !value.is_table()) {
                self.problems.push(
                    name.clone(),
                    format!(
                        "`{}` must be inside a section: put it under [{section}]",
                        show(name)
                    ),
                );
            } else {
                self.problems.push(
                    name.clone(),
                    format!(
                        "unknown section `[{}]`; expected one of: {}{}",
                        show(name),
                        SECTION_NAMES.join(", "),
                        did_you_mean(name, SECTION_NAMES)
                    ),
                );
            }
        }
    }

    fn check_key(&mut self, section: &str, keys: &[&str], key: &str) {
        if keys.contains(&key) {
            return;
        }
        let field = format!("{section}.{key}");
        if is_secret_key(key) {
            self.problems
                .push(field, secret_message(Some(section), key));
            return;
        }
        let mut message = format!(
            "unknown field `{}` in [{section}]; expected one of: {}",
            show(key),
            keys.join(", ")
        );
        match closest(key, keys) {
            Some(suggestion) => message.push_str(&format!("; did you mean `{suggestion}`?")),
            None => {
                if let Some(other) = section_with_key(key) {
                    message.push_str(&format!(" (`{key}` belongs under [{other}])"));
                }
            }
        }
        self.problems.push(field, message);
    }

    fn bot(&mut self) -> Option<BotConfig> {
        let prefix = match self.lookup("bot", "prefix") {
            None => Some(DEFAULT_PREFIX.to_string()),
            Some(input) => self
                .problems
                .checked_text(&input, PREFIX_EXPECTED, check_prefix),
        };
        let data_dir = match self.lookup("bot", "data_dir") {
            None => Some(PathBuf::from(DEFAULT_DATA_DIR)),
            Some(input) => self.dir(&input),
        };
        Some(BotConfig {
            prefix: prefix?,
            data_dir: data_dir?,
        })
    }

    fn dir(&mut self, input: &Input<'_>) -> Option<PathBuf> {
        self.problems
            .checked_text(input, DIR_EXPECTED, |dir| {
                if dir.trim().is_empty() {
                    Err("it is empty".into())
                } else if dir.contains('\0') {
                    Err("it contains a NUL character".into())
                } else {
                    Ok(())
                }
            })
            .map(PathBuf::from)
    }

    fn database(&mut self) -> Option<DatabaseConfig> {
        let url = match self.lookup("database", "url") {
            None => Some(DEFAULT_DATABASE_URL.to_string()),
            Some(input) => self.database_url(&input),
        };
        let max_connections = match self.lookup("database", "max_connections") {
            None => Some(DEFAULT_MAX_CONNECTIONS),
            Some(input) => self
                .problems
                .whole_number(&input, 1, 100)
                .and_then(|n| u32::try_from(n).ok()),
        };
        let lease = match self.lookup("database", "lease") {
            None => Some(DEFAULT_LEASE),
            Some(input) => self.lease(&input),
        };
        Some(DatabaseConfig {
            url: url?,
            max_connections: max_connections?,
            lease: lease?,
        })
    }

    fn lease(&mut self, input: &Input<'_>) -> Option<Duration> {
        if let Raw::Toml(toml::Value::Integer(n)) = &input.raw {
            let hint = format!("write it in double quotes with a unit, such as \"{n}s\"");
            self.problems.mismatch(input, LEASE_EXPECTED, Some(&hint));
            return None;
        }
        let text = self.problems.text(input, LEASE_EXPECTED)?;
        match parse_lease(&text) {
            Ok(lease) => Some(lease),
            Err(reason) => {
                self.problems.mismatch(input, LEASE_EXPECTED, Some(&reason));
                None
            }
        }
    }

    /// The database URL; it is never echoed with its password.
    fn database_url(&mut self, input: &Input<'_>) -> Option<String> {
        let url = self.problems.text(input, URL_EXPECTED)?;
        let found = format!("`{}`", show(&redact_database_url(&url)));
        if let Err(reason) = check_database_url(&url) {
            self.problems
                .mismatch_showing(input, URL_EXPECTED, &found, Some(&reason));
            return None;
        }
        if !input.is_from_env() && database_url_has_password(&url) {
            self.problems.push(
                input.field.clone(),
                "secrets must not be written in the config file, and this address contains a \
                 password; put the whole address in the environment variable \
                 SHARECIRCLE_DATABASE_URL instead",
            );
            return None;
        }
        Some(url)
    }

    fn log(&mut self) -> Option<LogConfig> {
        let level = match self.lookup("log", "level") {
            None => Some(DEFAULT_LOG_LEVEL.to_string()),
            Some(input) => {
                let text = self.problems.text(&input, LEVEL_EXPECTED);
                text.and_then(|text| match normalise_log_filter(&text) {
                    Ok(level) => Some(level),
                    Err(reason) => {
                        self.problems
                            .mismatch(&input, LEVEL_EXPECTED, Some(&reason));
                        None
                    }
                })
            }
        };
        let format = match self.lookup("log", "format") {
            None => Some(crate::LogFormat::Human),
            Some(input) => {
                let text = self.problems.text(&input, FORMAT_EXPECTED);
                text.and_then(|text| match parse_log_format(text.trim()) {
                    Some(format) => Some(format),
                    None => {
                        let hint = closest(text.trim(), &["human", "json"])
                            .map(|c| format!("did you mean `{c}`?"));
                        self.problems
                            .mismatch(&input, FORMAT_EXPECTED, hint.as_deref());
                        None
                    }
                })
            }
        };
        Some(LogConfig {
            level: level?,
            format: format?,
        })
    }

    fn metrics(&mut self) -> Option<crate::MetricsConfig> {
        let listen = match self.lookup("metrics", "listen") {
            None => Some(Some(
                crate::DEFAULT_METRICS_LISTEN
                    .parse()
                    .expect("valid default"),
            )),
            Some(input) => {
                let text = self.problems.text(&input, LISTEN_EXPECTED);
                text.and_then(|text| {
                    let t = text.trim();
                    if t.eq_ignore_ascii_case("off") {
                        Some(None)
                    } else {
                        match t.parse::<std::net::SocketAddr>() {
                            Ok(addr) => Some(Some(addr)),
                            Err(_) => {
                                self.problems.mismatch(&input, LISTEN_EXPECTED, None);
                                None
                            }
                        }
                    }
                })
            }
        };
        Some(crate::MetricsConfig { listen: listen? })
    }

    /// `Some(None)`: Discord disabled; `None`: problems were recorded.
    fn discord(&mut self) -> Option<Option<DiscordConfig>> {
        if !self.enabled("discord") {
            return Some(None);
        }
        let application_id = match self.lookup("discord", "application_id") {
            None => {
                self.problems.push(
                    "discord.application_id",
                    format!(
                        "required when Discord is enabled: {APPLICATION_ID_EXPECTED}, from the \
                         Discord developer portal; set it under [discord] or in \
                         SHARECIRCLE_DISCORD_APPLICATION_ID"
                    ),
                );
                None
            }
            Some(input) => self.problems.snowflake(&input, APPLICATION_ID_EXPECTED),
        };
        let guild_ids = match self.lookup("discord", "guild_ids") {
            None => Some(Vec::new()),
            Some(input) => self.guild_ids(&input),
        };
        let admin_role = match self.lookup("discord", "admin_role") {
            None => Some(None),
            Some(input) => self
                .problems
                .checked_text(&input, ROLE_EXPECTED, |role| {
                    if !role.is_empty() && role.trim().is_empty() {
                        Err("it is only spaces".into())
                    } else {
                        Ok(())
                    }
                })
                .map(|role| Some(role).filter(|r| !r.is_empty())),
        };
        let shards = match self.lookup("discord", "shards") {
            None => Some(None),
            Some(input) => self.shards(&input).map(Some),
        };
        let token = self.discord_token();
        Some(Some(DiscordConfig {
            token: token?,
            application_id: application_id?,
            guild_ids: guild_ids?,
            admin_role: admin_role?,
            shards: shards?,
        }))
    }

    fn shards(&mut self, input: &Input<'_>) -> Option<ShardRange> {
        if let Raw::Toml(toml::Value::Integer(n)) = &input.raw {
            let hint = if *n >= 1 {
                format!(
                    "write it in double quotes; to run all {n} shards in this process: \"0-{}/{n}\"",
                    n - 1
                )
            } else {
                "write it in double quotes".to_string()
            };
            self.problems.mismatch(input, SHARDS_EXPECTED, Some(&hint));
            return None;
        }
        let text = self.problems.text(input, SHARDS_EXPECTED)?;
        match parse_shard_range(&text) {
            Ok(range) => Some(range),
            Err(reason) => {
                self.problems
                    .mismatch(input, SHARDS_EXPECTED, Some(&reason));
                None
            }
        }
    }

    fn guild_ids(&mut self, input: &Input<'_>) -> Option<Vec<u64>> {
        let items = self.problems.list(input, GUILD_IDS_EXPECTED)?;
        let mut ids = Vec::new();
        let mut all_ok = true;
        for item in &items {
            match self.problems.snowflake(item, GUILD_ID_EXPECTED) {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => all_ok = false,
            }
        }
        all_ok.then_some(ids)
    }

    fn discord_token(&mut self) -> Option<Secret> {
        let token = [SECRET_DISCORD_TOKEN, SECRET_DISCORD_TOKEN_FALLBACK]
            .iter()
            .find_map(|name| self.env_value(name));
        match token {
            Some(token) => Some(Secret::new(token.trim())),
            None => {
                if !self.file_has_secret("discord") {
                    self.problems.push(
                        SECRET_DISCORD_TOKEN,
                        format!(
                            "not set: Discord is enabled and needs the bot token from the \
                             Discord developer portal in the environment variable \
                             {SECRET_DISCORD_TOKEN} (or {SECRET_DISCORD_TOKEN_FALLBACK})"
                        ),
                    );
                }
                None
            }
        }
    }

    /// `Some(None)`: Matrix disabled; `None`: problems were recorded.
    fn matrix(&mut self, bot: Option<&BotConfig>) -> Option<Option<MatrixConfig>> {
        if !self.enabled("matrix") {
            return Some(None);
        }
        let homeserver = match self.lookup("matrix", "homeserver") {
            None => {
                self.problems.push(
                    "matrix.homeserver",
                    format!(
                        "required when Matrix is enabled: {HOMESERVER_EXPECTED}; set it under \
                         [matrix] or in SHARECIRCLE_MATRIX_HOMESERVER"
                    ),
                );
                None
            }
            Some(input) => {
                self.problems
                    .checked_text(&input, HOMESERVER_EXPECTED, check_homeserver)
            }
        };
        let user = match self.lookup("matrix", "user") {
            None => {
                self.problems.push(
                    "matrix.user",
                    format!(
                        "required when Matrix is enabled: {USER_EXPECTED} (the bot's account); \
                         set it under [matrix] or in SHARECIRCLE_MATRIX_USER"
                    ),
                );
                None
            }
            Some(input) => self
                .problems
                .checked_text(&input, USER_EXPECTED, check_user_id),
        };
        let data_dir = match self.lookup("matrix", "data_dir") {
            None => Some(
                bot.map_or_else(|| PathBuf::from(DEFAULT_DATA_DIR), |b| b.data_dir.clone())
                    .join("matrix"),
            ),
            Some(input) => self.dir(&input),
        };
        let allowed_inviters = match self.lookup("matrix", "allowed_inviters") {
            None => user
                .as_deref()
                .and_then(user_server)
                .map(|server| vec![format!(":{server}")]),
            Some(input) => self.inviters(&input),
        };
        let admin_input = self.lookup("matrix", "admin_power_level");
        let host_input = self.lookup("matrix", "host_power_level");
        let admin_power_level = match &admin_input {
            None => Some(DEFAULT_ADMIN_POWER_LEVEL),
            Some(input) => self.problems.whole_number(input, 0, 100),
        };
        let host_power_level = match &host_input {
            None => Some(DEFAULT_HOST_POWER_LEVEL),
            Some(input) => self.problems.whole_number(input, 0, 100),
        };
        let levels_ordered = match (admin_power_level, host_power_level) {
            (Some(admin), Some(host)) if host > admin => {
                self.power_order_problem(admin, host, admin_input.as_ref(), host_input.as_ref());
                false
            }
            _ => true,
        };
        let auth = self.matrix_auth();
        if !levels_ordered {
            return None;
        }
        Some(Some(MatrixConfig {
            homeserver: homeserver?,
            user: user?,
            auth: auth?,
            data_dir: data_dir?,
            allowed_inviters: allowed_inviters?,
            admin_power_level: admin_power_level?,
            host_power_level: host_power_level?,
        }))
    }

    fn power_order_problem(
        &mut self,
        admin: i64,
        host: i64,
        admin_input: Option<&Input<'_>>,
        host_input: Option<&Input<'_>>,
    ) {
        match (host_input, admin_input) {
            (Some(host_input), _) => self.problems.push(
                host_input.field.clone(),
                format!(
                    "expected a number no higher than admin_power_level ({admin}), found {}: \
                     hosts cannot need more power than admins",
                    host_input.found()
                ),
            ),
            (None, Some(admin_input)) => self.problems.push(
                admin_input.field.clone(),
                format!(
                    "expected a number no lower than host_power_level ({host}, the default), \
                     found {}: lower host_power_level as well",
                    admin_input.found()
                ),
            ),
            // Both defaults: ordered by construction.
            (None, None) => {}
        }
    }

    fn inviters(&mut self, input: &Input<'_>) -> Option<Vec<String>> {
        let items = self.problems.list(input, INVITERS_EXPECTED)?;
        let mut entries = Vec::new();
        let mut all_ok = true;
        for item in &items {
            match self
                .problems
                .checked_text(item, INVITER_EXPECTED, check_inviter)
            {
                Some(entry) => entries.push(entry),
                None => all_ok = false,
            }
        }
        all_ok.then_some(entries)
    }

    fn matrix_auth(&mut self) -> Option<MatrixAuth> {
        // A password may legitimately start or end with spaces: only an empty one is "unset".
        let password = (self.env)(SECRET_MATRIX_PASSWORD).filter(|p| !p.is_empty());
        let access_token = self.env_value(SECRET_MATRIX_ACCESS_TOKEN);
        match (password, access_token) {
            (Some(password), None) => Some(MatrixAuth::Password(Secret::new(password))),
            (None, Some(token)) => Some(MatrixAuth::AccessToken(Secret::new(token.trim()))),
            (Some(_), Some(_)) => {
                self.problems.push(
                    SECRET_MATRIX_PASSWORD,
                    format!(
                        "both {SECRET_MATRIX_PASSWORD} and {SECRET_MATRIX_ACCESS_TOKEN} are set; \
                         set only one of them"
                    ),
                );
                None
            }
            (None, None) => {
                if !self.file_has_secret("matrix") {
                    self.problems.push(
                        SECRET_MATRIX_PASSWORD,
                        format!(
                            "not set: Matrix is enabled and needs the bot account's password in \
                             the environment variable {SECRET_MATRIX_PASSWORD}, or an access \
                             token in {SECRET_MATRIX_ACCESS_TOKEN}"
                        ),
                    );
                }
                None
            }
        }
    }
}
