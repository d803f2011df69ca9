//! Unit tests of loading: defaults, file + environment, secrets; their helpers serve the
//! submodules (problem reports, lease and shards).

use std::collections::HashMap;
use std::path::PathBuf;

use crate::*;

mod lease_and_shards;
mod problems;

/// An injectable environment holding exactly `pairs`.
fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn load(toml: &str, pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::load_from_str(toml, &env(pairs))
}

fn problems(toml: &str, pairs: &[(&str, &str)]) -> Vec<Problem> {
    match load(toml, pairs) {
        Ok(config) => panic!("expected problems, got {config:?}"),
        Err(e) => {
            assert!(!e.problems.is_empty());
            e.problems
        }
    }
}

/// The only problem; fails if there is not exactly one.
fn one_problem(toml: &str, pairs: &[(&str, &str)]) -> Problem {
    let mut all = problems(toml, pairs);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

const DISCORD_TOKEN: (&str, &str) = ("SHARECIRCLE_DISCORD_TOKEN", "discord-token-ABC.def");
const MATRIX_PASSWORD: (&str, &str) = ("SHARECIRCLE_MATRIX_PASSWORD", "correct horse battery");

const MATRIX_MINIMAL: &str = r#"
[matrix]
homeserver = "https://matrix.example.org"
user = "@sharecircle:example.org"
"#;

// ---- defaults -------------------------------------------------------------------------------

#[test]
fn defaults() {
    let config = Config::default();
    assert_eq!(config.bot.prefix, "!");
    assert_eq!(config.bot.data_dir, PathBuf::from("data"));
    assert_eq!(config.database.url, "sqlite://sharecircle.db");
    assert_eq!(config.database.max_connections, 5);
    assert_eq!(config.database.lease, std::time::Duration::from_secs(10));
    assert_eq!(config.log.level, "info");
    assert_eq!(config.log.format, LogFormat::Human);
    assert!(config.discord.is_none());
    assert!(config.matrix.is_none());
    assert!(config.database_is_sqlite());
}

#[test]
fn empty_file_and_no_file_give_defaults() {
    assert_eq!(load("", &[]).unwrap(), Config::default());
    assert_eq!(
        load("\u{feff}# only a comment\n", &[]).unwrap(),
        Config::default()
    );
    assert_eq!(Config::load(None, &no_env).unwrap(), Config::default());
    assert_eq!(
        load("[bot]\n[database]\n[log]\n", &[]).unwrap(),
        Config::default()
    );
}

#[test]
fn secrets_alone_do_not_enable_platforms() {
    let config = load(
        "",
        &[DISCORD_TOKEN, MATRIX_PASSWORD, ("DISCORD_TOKEN", "x")],
    )
    .unwrap();
    assert!(config.discord.is_none());
    assert!(config.matrix.is_none());
}

#[test]
fn a_full_file_is_read() {
    let config = load(
        r#"
        [bot]
        prefix = "?!"
        data_dir = "/var/lib/sharecircle"
        [database]
        url = "postgres://sharecircle@db.example.org/sc"
        max_connections = 20
        [log]
        level = "debug, sqlx=warn"
        format = "json"
        [discord]
        application_id = "123456789012345678"
        guild_ids = [111111111111111111, "222222222222222222", 111111111111111111]
        admin_role = "Meeting admins"
        [matrix]
        homeserver = "https://matrix.example.org"
        user = "@sharecircle:example.org"
        data_dir = "/srv/matrix-store"
        allowed_inviters = ["@alice:example.org", ":other.example"]
        admin_power_level = 75
        host_power_level = 75
        "#,
        &[
            DISCORD_TOKEN,
            ("SHARECIRCLE_MATRIX_ACCESS_TOKEN", "syt_abc"),
        ],
    )
    .unwrap();
    assert_eq!(config.bot.prefix, "?!");
    assert_eq!(config.bot.data_dir, PathBuf::from("/var/lib/sharecircle"));
    assert_eq!(config.database.max_connections, 20);
    assert!(!config.database_is_sqlite());
    assert_eq!(config.log.level, "debug,sqlx=warn");
    assert_eq!(config.log.format, LogFormat::Json);
    let discord = config.discord.unwrap();
    assert_eq!(discord.application_id, 123456789012345678);
    assert_eq!(discord.guild_ids, [111111111111111111, 222222222222222222]);
    assert_eq!(discord.admin_role.as_deref(), Some("Meeting admins"));
    assert_eq!(discord.token.expose(), "discord-token-ABC.def");
    let matrix = config.matrix.unwrap();
    assert_eq!(matrix.data_dir, PathBuf::from("/srv/matrix-store"));
    assert_eq!(
        matrix.allowed_inviters,
        ["@alice:example.org", ":other.example"]
    );
    assert_eq!(
        (matrix.admin_power_level, matrix.host_power_level),
        (75, 75)
    );
    assert_eq!(matrix.auth, MatrixAuth::AccessToken(Secret::new("syt_abc")));
    assert!(matrix.may_invite("@alice:example.org"));
    assert!(matrix.may_invite("@bob:other.example"));
    assert!(!matrix.may_invite("@bob:example.org"));
}

#[test]
fn matrix_defaults_follow_the_bot_settings() {
    let config = load(
        &format!("[bot]\ndata_dir = \"state\"\n{MATRIX_MINIMAL}"),
        &[MATRIX_PASSWORD],
    )
    .unwrap();
    let matrix = config.matrix.unwrap();
    assert_eq!(matrix.data_dir, PathBuf::from("state").join("matrix"));
    assert_eq!(matrix.allowed_inviters, [":example.org"]);
    assert_eq!(matrix.admin_power_level, 100);
    assert_eq!(matrix.host_power_level, 50);
    assert_eq!(
        matrix.auth,
        MatrixAuth::Password(Secret::new("correct horse battery"))
    );
}

// ---- environment ----------------------------------------------------------------------------

#[test]
fn env_overrides_win_over_the_file() {
    let file = r#"
        [bot]
        prefix = "!"
        [database]
        url = "sqlite://file.db"
        max_connections = 5
        [log]
        format = "human"
        [discord]
        application_id = 123456789012345678
        guild_ids = [1]
        [matrix]
        homeserver = "https://file.example.org"
        user = "@bot:file.example.org"
        allowed_inviters = [":file.example.org"]
        host_power_level = 50
    "#;
    let config = load(
        file,
        &[
            ("SHARECIRCLE_BOT_PREFIX", "?"),
            ("SHARECIRCLE_DATABASE_URL", "postgres://u:pw@db/sc"),
            ("SHARECIRCLE_DATABASE_MAX_CONNECTIONS", " 12 "),
            ("SHARECIRCLE_LOG_FORMAT", "JSON"),
            ("SHARECIRCLE_LOG_LEVEL", "warn"),
            ("SHARECIRCLE_DISCORD_APPLICATION_ID", "987654321098765432"),
            ("SHARECIRCLE_DISCORD_GUILD_IDS", "222, 333,"),
            ("SHARECIRCLE_MATRIX_HOMESERVER", "https://env.example.org"),
            (
                "SHARECIRCLE_MATRIX_ALLOWED_INVITERS",
                "@a:env.example.org, :x.org",
            ),
            ("SHARECIRCLE_MATRIX_HOST_POWER_LEVEL", "10"),
            ("SHARECIRCLE_BOT_DATA_DIR", ""),
            DISCORD_TOKEN,
            MATRIX_PASSWORD,
        ],
    )
    .unwrap();
    assert_eq!(config.bot.prefix, "?");
    // Set but empty: counts as not set.
    assert_eq!(config.bot.data_dir, PathBuf::from("data"));
    // A password is allowed in the URL when it comes from the environment.
    assert_eq!(config.database.url, "postgres://u:pw@db/sc");
    assert_eq!(config.database.max_connections, 12);
    assert_eq!(config.log.format, LogFormat::Json);
    assert_eq!(config.log.level, "warn");
    let discord = config.discord.unwrap();
    assert_eq!(discord.application_id, 987654321098765432);
    assert_eq!(discord.guild_ids, [222, 333]);
    let matrix = config.matrix.unwrap();
    assert_eq!(matrix.homeserver, "https://env.example.org");
    assert_eq!(matrix.user, "@bot:file.example.org");
    assert_eq!(matrix.allowed_inviters, ["@a:env.example.org", ":x.org"]);
    assert_eq!(matrix.host_power_level, 10);
}

#[test]
fn bad_env_values_are_reported_by_variable_name() {
    let problem = one_problem("", &[("SHARECIRCLE_DATABASE_MAX_CONNECTIONS", "lots")]);
    assert_eq!(
        problem.to_string(),
        "SHARECIRCLE_DATABASE_MAX_CONNECTIONS: expected a whole number from 1 to 100, found `lots`"
    );
    let problem = one_problem(
        "",
        &[
            ("SHARECIRCLE_DISCORD_GUILD_IDS", "123,abc"),
            ("SHARECIRCLE_DISCORD_APPLICATION_ID", "1"),
            DISCORD_TOKEN,
        ],
    );
    assert_eq!(problem.field, "SHARECIRCLE_DISCORD_GUILD_IDS");
    assert!(
        problem.message.starts_with("item 2 of the list:"),
        "{problem}"
    );
    assert!(problem.message.contains("found `abc`"), "{problem}");
}

#[test]
fn env_only_discord_configuration() {
    let config = load(
        "",
        &[
            ("SHARECIRCLE_DISCORD_APPLICATION_ID", "123456789012345678"),
            ("DISCORD_TOKEN", "  fallback-token\n"),
        ],
    )
    .unwrap();
    let discord = config.discord.expect("Discord enabled by the environment");
    assert_eq!(discord.application_id, 123456789012345678);
    assert_eq!(discord.token.expose(), "fallback-token");
    assert!(discord.guild_ids.is_empty());
    assert!(discord.admin_role.is_none());
    assert!(config.matrix.is_none());
}

#[test]
fn sharecircle_discord_token_wins_over_discord_token() {
    let config = load(
        "[discord]\napplication_id = 5\n",
        &[DISCORD_TOKEN, ("DISCORD_TOKEN", "other")],
    )
    .unwrap();
    assert_eq!(config.discord.unwrap().token.expose(), DISCORD_TOKEN.1);
}

#[test]
fn env_only_matrix_configuration() {
    let config = load(
        "",
        &[
            ("SHARECIRCLE_MATRIX_HOMESERVER", "http://127.0.0.1:8008"),
            ("SHARECIRCLE_MATRIX_USER", "@bot:localhost"),
            ("SHARECIRCLE_MATRIX_ACCESS_TOKEN", "syt_token"),
        ],
    )
    .unwrap();
    let matrix = config.matrix.unwrap();
    assert_eq!(matrix.allowed_inviters, [":localhost"]);
    assert_eq!(matrix.data_dir, PathBuf::from("data").join("matrix"));
}

#[test]
fn missing_required_settings_say_where_to_set_them() {
    let problem = one_problem("[discord]\n", &[DISCORD_TOKEN]);
    assert_eq!(
        problem.to_string(),
        "discord.application_id: required when Discord is enabled: a Discord application id (a \
         whole number such as 123456789012345678), from the Discord developer portal; set it \
         under [discord] or in SHARECIRCLE_DISCORD_APPLICATION_ID"
    );
    let all = problems("[matrix]\n", &[MATRIX_PASSWORD]);
    let lines: Vec<String> = all.iter().map(Problem::to_string).collect();
    assert_eq!(
        lines,
        [
            "matrix.homeserver: required when Matrix is enabled: the web address of the Matrix \
             homeserver, such as `https://matrix.example.org`; set it under [matrix] or in \
             SHARECIRCLE_MATRIX_HOMESERVER",
            "matrix.user: required when Matrix is enabled: a full Matrix user id, such as \
             `@sharecircle:example.org` (the bot's account); set it under [matrix] or in \
             SHARECIRCLE_MATRIX_USER",
        ]
    );
}

#[test]
fn one_matrix_override_enables_matrix_and_asks_for_the_rest() {
    let all = problems("", &[("SHARECIRCLE_MATRIX_ADMIN_POWER_LEVEL", "90")]);
    let fields: Vec<&str> = all.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "matrix.homeserver",
            "matrix.user",
            "SHARECIRCLE_MATRIX_PASSWORD"
        ]
    );
}

// ---- secrets --------------------------------------------------------------------------------

#[test]
fn secrets_in_the_file_are_rejected_with_the_variable_to_use() {
    let all = problems(
        r#"
        [discord]
        application_id = 123456789012345678
        token = "file-token-xyz"
        [matrix]
        homeserver = "https://matrix.example.org"
        user = "@sharecircle:example.org"
        password = "file-password-xyz"
        access_token = "file-access-xyz"
        "#,
        &[],
    );
    let by_field: HashMap<&str, &str> = all
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(by_field["discord.token"].contains("SHARECIRCLE_DISCORD_TOKEN"));
    assert!(by_field["matrix.password"].contains("SHARECIRCLE_MATRIX_PASSWORD"));
    assert!(by_field["matrix.access_token"].contains("SHARECIRCLE_MATRIX_ACCESS_TOKEN"));
    for problem in &all {
        assert!(problem
            .message
            .contains("must not be written in the config file"));
        assert!(
            !problem.to_string().contains("xyz"),
            "secret echoed: {problem}"
        );
    }
}

#[test]
fn numeric_looking_secrets_load_as_the_exact_text() {
    let config = load(
        &format!("[discord]\napplication_id = 1\n{MATRIX_MINIMAL}"),
        &[
            ("SHARECIRCLE_DISCORD_TOKEN", "000123456789012345678"),
            ("SHARECIRCLE_MATRIX_PASSWORD", " 1e3 "),
        ],
    )
    .unwrap();
    assert_eq!(
        config.discord.unwrap().token.expose(),
        "000123456789012345678"
    );
    assert_eq!(
        config.matrix.unwrap().auth,
        MatrixAuth::Password(Secret::new(" 1e3 "))
    );
    let config = load(
        MATRIX_MINIMAL,
        &[("SHARECIRCLE_MATRIX_ACCESS_TOKEN", "0x10")],
    )
    .unwrap();
    assert_eq!(
        config.matrix.unwrap().auth,
        MatrixAuth::AccessToken(Secret::new("0x10"))
    );
}

#[test]
fn secrets_in_the_file_are_rejected_even_with_env_secrets_set() {
    let problem = one_problem(
        "[discord]\napplication_id = 1\ntoken = \"abc\"\n",
        &[DISCORD_TOKEN],
    );
    assert_eq!(problem.field, "discord.token");
}

#[test]
fn database_password_in_the_file_is_rejected_and_never_echoed() {
    let problem = one_problem("[database]\nurl = \"postgres://sc:hunter2@db/sc\"\n", &[]);
    assert_eq!(problem.field, "database.url");
    assert!(problem.message.contains("SHARECIRCLE_DATABASE_URL"));
    assert!(!problem.message.contains("hunter2"));

    let problem = one_problem("[database]\nurl = \"mysql://sc:hunter2@db/sc\"\n", &[]);
    assert!(problem.message.contains("<redacted>"), "{problem}");
    assert!(!problem.message.contains("hunter2"), "{problem}");
}

#[test]
fn missing_token_when_discord_is_present() {
    let problem = one_problem("[discord]\napplication_id = 123456789012345678\n", &[]);
    assert_eq!(problem.field, "SHARECIRCLE_DISCORD_TOKEN");
    assert!(problem.message.contains("DISCORD_TOKEN"));
    // Blank values count as unset.
    let problem = one_problem(
        "[discord]\napplication_id = 123456789012345678\n",
        &[("SHARECIRCLE_DISCORD_TOKEN", "  "), ("DISCORD_TOKEN", "")],
    );
    assert_eq!(problem.field, "SHARECIRCLE_DISCORD_TOKEN");
}

#[test]
fn matrix_needs_exactly_one_credential() {
    let problem = one_problem(MATRIX_MINIMAL, &[]);
    assert_eq!(problem.field, "SHARECIRCLE_MATRIX_PASSWORD");
    assert!(problem.message.contains("SHARECIRCLE_MATRIX_ACCESS_TOKEN"));

    let problem = one_problem(
        MATRIX_MINIMAL,
        &[MATRIX_PASSWORD, ("SHARECIRCLE_MATRIX_ACCESS_TOKEN", "syt")],
    );
    assert!(problem.message.contains("only one"), "{problem}");
}

#[test]
fn secret_debug_and_display_never_show_the_secret() {
    let secret = Secret::new("hunter2");
    assert_eq!(format!("{secret}"), "<redacted>");
    assert_eq!(format!("{secret:?}"), "<redacted>");
    assert_eq!(secret.expose(), "hunter2");

    let config = load(
        &format!("[discord]\napplication_id = 1\n{MATRIX_MINIMAL}"),
        &[
            ("SHARECIRCLE_DISCORD_TOKEN", "tok-hunter2"),
            ("SHARECIRCLE_MATRIX_PASSWORD", "pw-hunter2"),
            ("SHARECIRCLE_DATABASE_URL", "postgres://u:db-hunter2@h/d"),
        ],
    )
    .unwrap();
    for rendered in [format!("{config:?}"), format!("{config:#?}")] {
        assert!(!rendered.contains("hunter2"), "{rendered}");
        assert!(rendered.contains("<redacted>"));
    }
    assert_eq!(config.database.url, "postgres://u:db-hunter2@h/d");
}
