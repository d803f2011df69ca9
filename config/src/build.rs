//! Building the typed [`Config`] from the file's sections and the environment: every setting
//! is read from its `SHARECIRCLE_*` override or from the file, checked, and turned into its
//! type, each problem recorded with its field and what is expected.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use crate::duration::parse_lease;
use crate::env::{
    override_var, SECRET_DISCORD_TOKEN, SECRET_DISCORD_TOKEN_FALLBACK, SECRET_MATRIX_ACCESS_TOKEN,
    SECRET_MATRIX_PASSWORD,
};
use crate::file::{keys_of, FileSections};
use crate::input::{Input, Problems, Raw};
use crate::suggest::closest;
use crate::validate::{
    check_database_url, check_homeserver, check_inviter, check_prefix, check_user_id,
    database_url_has_password, normalise_log_filter, parse_log_format, parse_shard_range,
    redact_database_url, show, user_server,
};
use crate::{
    BotConfig, Config, ConfigError, DatabaseConfig, DiscordConfig, LogConfig, MatrixAuth,
    MatrixConfig, Secret, ShardRange, DEFAULT_ADMIN_POWER_LEVEL, DEFAULT_DATABASE_URL,
    DEFAULT_DATA_DIR, DEFAULT_HOST_POWER_LEVEL, DEFAULT_LEASE, DEFAULT_LOG_LEVEL,
    DEFAULT_MAX_CONNECTIONS, DEFAULT_PREFIX,
};

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

/// The effective value of a setting, named by its section and key in [`FileSections`]:
/// `setting!(self, bot.prefix)` is `SHARECIRCLE_BOT_PREFIX` if set, else `prefix` under `[bot]`.
macro_rules! setting {
    ($builder:ident, $section:ident . $key:ident) => {
        $builder.setting(
            stringify!($section),
            stringify!($key),
            $builder.file.$section.$key.as_ref(),
        )
    };
}

/// Builds a [`Config`], collecting problems after those of the structure check.
pub(crate) struct Builder<'a> {
    pub(crate) env: &'a dyn Fn(&str) -> Option<String>,
    pub(crate) file: &'a FileSections,
    /// The sections present in the file (as tables).
    pub(crate) present: &'a BTreeSet<String>,
    /// The sections in which the file has a secret (already reported).
    pub(crate) secret_sections: &'a BTreeSet<String>,
    pub(crate) problems: Problems,
}

impl<'a> Builder<'a> {
    /// Every section, or every problem found.
    pub(crate) fn build(mut self) -> Result<Config, ConfigError> {
        let bot = self.bot();
        let database = self.database();
        let log = self.log();
        let metrics = self.metrics();
        let discord = self.discord();
        let matrix = self.matrix(bot.as_ref());
        match (bot, database, log, metrics, discord, matrix) {
            (Some(bot), Some(database), Some(log), Some(metrics), Some(discord), Some(matrix))
                if self.problems.list.is_empty() =>
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
            _ => Err(self.problems.list.into()),
        }
    }

    /// An environment variable, or `None` when unset or blank.
    fn env_value(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.trim().is_empty())
    }

    /// The override variable for `key` in `[section]` if set, else the file's value.
    fn setting(
        &self,
        section: &str,
        key: &str,
        file: Option<&'a toml::Value>,
    ) -> Option<Input<'a>> {
        let var = override_var(section, key);
        if let Some(value) = self.env_value(&var) {
            return Some(Input::env(var, value));
        }
        file.map(|value| Input::file(format!("{section}.{key}"), value))
    }

    /// Whether a platform section is enabled: present in the file, or any of its non-secret
    /// overrides set.
    fn enabled(&self, section: &str) -> bool {
        self.present.contains(section)
            || keys_of(section)
                .unwrap_or_default()
                .iter()
                .any(|key| self.env_value(&override_var(section, key)).is_some())
    }

    /// Records that `key` of a platform's section is missing; `what` says what it is.
    fn required<T>(&mut self, section: &str, key: &str, what: &str) -> Option<T> {
        let mut platform = section.to_string();
        platform[..1].make_ascii_uppercase();
        self.problems.push(
            format!("{section}.{key}"),
            format!(
                "required when {platform} is enabled: {what}; set it under [{section}] or in {}",
                override_var(section, key)
            ),
        );
        None
    }

    fn bot(&mut self) -> Option<BotConfig> {
        let prefix = match setting!(self, bot.prefix) {
            None => Some(DEFAULT_PREFIX.to_string()),
            Some(input) => self
                .problems
                .checked_text(&input, PREFIX_EXPECTED, check_prefix),
        };
        let data_dir = match setting!(self, bot.data_dir) {
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
        let url = match setting!(self, database.url) {
            None => Some(DEFAULT_DATABASE_URL.to_string()),
            Some(input) => self.database_url(&input),
        };
        let max_connections = match setting!(self, database.max_connections) {
            None => Some(DEFAULT_MAX_CONNECTIONS),
            Some(input) => self
                .problems
                .whole_number(&input, 1, 100)
                .and_then(|n| u32::try_from(n).ok()),
        };
        let lease = match setting!(self, database.lease) {
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
        let level = match setting!(self, log.level) {
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
        let format = match setting!(self, log.format) {
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
        let listen = match setting!(self, metrics.listen) {
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
        let application_id = match setting!(self, discord.application_id) {
            None => self.required(
                "discord",
                "application_id",
                &format!("{APPLICATION_ID_EXPECTED}, from the Discord developer portal"),
            ),
            Some(input) => self.problems.snowflake(&input, APPLICATION_ID_EXPECTED),
        };
        let guild_ids = match setting!(self, discord.guild_ids) {
            None => Some(Vec::new()),
            Some(input) => self.guild_ids(&input),
        };
        let admin_role = match setting!(self, discord.admin_role) {
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
        let shards = match setting!(self, discord.shards) {
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
                if !self.secret_sections.contains("discord") {
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
        let homeserver = match setting!(self, matrix.homeserver) {
            None => self.required("matrix", "homeserver", HOMESERVER_EXPECTED),
            Some(input) => {
                self.problems
                    .checked_text(&input, HOMESERVER_EXPECTED, check_homeserver)
            }
        };
        let user = match setting!(self, matrix.user) {
            None => self.required(
                "matrix",
                "user",
                &format!("{USER_EXPECTED} (the bot's account)"),
            ),
            Some(input) => self
                .problems
                .checked_text(&input, USER_EXPECTED, check_user_id),
        };
        let data_dir = match setting!(self, matrix.data_dir) {
            None => Some(
                bot.map_or_else(|| PathBuf::from(DEFAULT_DATA_DIR), |b| b.data_dir.clone())
                    .join("matrix"),
            ),
            Some(input) => self.dir(&input),
        };
        let allowed_inviters = match setting!(self, matrix.allowed_inviters) {
            None => user
                .as_deref()
                .and_then(user_server)
                .map(|server| vec![format!(":{server}")]),
            Some(input) => self.inviters(&input),
        };
        let admin_input = setting!(self, matrix.admin_power_level);
        let host_input = setting!(self, matrix.host_power_level);
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
                if !self.secret_sections.contains("matrix") {
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
