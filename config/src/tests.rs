//! Unit tests of loading and validation: defaults, file + environment, secrets, problem reports.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::*;

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

// ---- problem reports ------------------------------------------------------------------------

#[test]
fn several_problems_are_reported_at_once() {
    let err = load(
        r#"
        [bot]
        prefix = "abc"
        promt = "?"
        [database]
        url = "mysql://localhost/sc"
        max_connections = 0
        [log]
        format = "jsn"
        [discord]
        guild_ids = [1, -2]
        [matrix]
        homeserver = "matrix.example.org"
        user = "sharecircle"
        admin_power_level = 40
        host_power_level = 60
        "#,
        &[("SHARECIRCLE_LOG_LEVEL", "loud")],
    )
    .unwrap_err();
    assert_eq!(
        err.fields(),
        [
            "bot.promt",
            "bot.prefix",
            "database.url",
            "database.max_connections",
            "SHARECIRCLE_LOG_LEVEL",
            "log.format",
            "discord.application_id",
            "discord.guild_ids",
            "SHARECIRCLE_DISCORD_TOKEN",
            "matrix.homeserver",
            "matrix.user",
            "matrix.host_power_level",
            "SHARECIRCLE_MATRIX_PASSWORD",
        ]
    );
    // Display: one problem per line, "field: message".
    let text = err.to_string();
    assert_eq!(text.lines().count(), err.problems.len());
    for (line, problem) in text.lines().zip(&err.problems) {
        assert_eq!(line, format!("{}: {}", problem.field, problem.message));
    }
    let by_field: HashMap<&str, &str> = err
        .problems
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    assert!(by_field["log.format"].contains("did you mean"));
    assert!(by_field["discord.guild_ids"].starts_with("item 2 of the list"));
    assert!(by_field["matrix.homeserver"].contains("https://matrix.example.org"));
    assert!(by_field["database.max_connections"].contains("found `0`"));
    let as_error: &dyn std::error::Error = &err;
    assert_eq!(as_error.to_string(), text);
}

#[test]
fn unknown_keys_are_errors_with_suggestions() {
    let problem = one_problem("[bot]\nprefx = \"?\"\n", &[]);
    assert_eq!(problem.field, "bot.prefx");
    assert_eq!(
        problem.message,
        "unknown field `prefx` in [bot]; expected one of: prefix, data_dir; did you mean `prefix`?"
    );

    let problem = one_problem("[bot]\npromt = \"?\"\n", &[]);
    assert_eq!(
        problem.message,
        "unknown field `promt` in [bot]; expected one of: prefix, data_dir"
    );

    let problem = one_problem("[databse]\nurl = \"sqlite://x.db\"\n", &[]);
    assert_eq!(problem.field, "databse");
    assert!(problem.message.contains("unknown section"));
    assert!(problem.message.contains("did you mean `database`?"));

    let problem = one_problem(
        "[discord]\napplication_id = 1\nhomeserver = \"https://m.org\"\n",
        &[DISCORD_TOKEN],
    );
    assert!(
        problem.message.contains("belongs under [matrix]"),
        "{problem}"
    );

    let problem = one_problem("prefix = \"?\"\n", &[]);
    assert_eq!(problem.field, "prefix");
    assert!(problem.message.contains("under [bot]"), "{problem}");

    let problem = one_problem("bot = 1\n", &[]);
    assert!(problem.message.contains("section `[bot]`"), "{problem}");
}

#[test]
fn bad_database_url_scheme() {
    let problem = one_problem("[database]\nurl = \"mysql://localhost/sc\"\n", &[]);
    assert_eq!(problem.field, "database.url");
    assert!(problem.message.contains("`sqlite:` or `postgres://`"));
    assert!(problem
        .message
        .contains("`mysql:` databases are not supported"));

    let problem = one_problem("", &[("SHARECIRCLE_DATABASE_URL", "sharecircle.db")]);
    assert_eq!(problem.field, "SHARECIRCLE_DATABASE_URL");
    assert!(
        problem.message.contains("sqlite://sharecircle.db"),
        "{problem}"
    );

    for ok in ["postgresql://h/d", "sqlite::memory:"] {
        let config = load("", &[("SHARECIRCLE_DATABASE_URL", ok)]).unwrap();
        assert_eq!(config.database_is_sqlite(), ok.starts_with("sqlite"));
    }
}

#[test]
fn power_level_ordering() {
    let base = format!("{MATRIX_MINIMAL}admin_power_level = 50\n");
    let problem = one_problem(
        &format!("{base}host_power_level = 60\n"),
        &[MATRIX_PASSWORD],
    );
    assert_eq!(problem.field, "matrix.host_power_level");
    assert!(problem
        .message
        .contains("no higher than admin_power_level (50)"));

    // Host level left at its default (50), admin set below it.
    let problem = one_problem(
        &format!("{MATRIX_MINIMAL}admin_power_level = 40\n"),
        &[MATRIX_PASSWORD],
    );
    assert_eq!(problem.field, "matrix.admin_power_level");
    assert!(problem
        .message
        .contains("host_power_level (50, the default)"));

    // Equal is fine; so is an env override that fixes the order.
    assert!(load(
        &format!("{base}host_power_level = 50\n"),
        &[MATRIX_PASSWORD]
    )
    .is_ok());
    assert!(load(
        &format!("{base}host_power_level = 60\n"),
        &[
            MATRIX_PASSWORD,
            ("SHARECIRCLE_MATRIX_HOST_POWER_LEVEL", "20")
        ]
    )
    .is_ok());

    let problem = one_problem(
        &format!("{MATRIX_MINIMAL}admin_power_level = 101\n"),
        &[MATRIX_PASSWORD],
    );
    assert_eq!(
        problem.to_string(),
        "matrix.admin_power_level: expected a whole number from 0 to 100, found `101`"
    );
}

#[test]
fn wrong_types_are_explained() {
    let problem = one_problem("[database]\nmax_connections = \"5\"\n", &[]);
    assert_eq!(
        problem.message,
        "expected a whole number from 1 to 100, found `\"5\"` (write the number without quotes)"
    );
    let problem = one_problem("[bot]\nprefix = 1\n", &[]);
    assert!(problem.message.contains("double quotes"), "{problem}");
    let problem = one_problem(
        "[discord]\napplication_id = 1\nguild_ids = 123\n",
        &[DISCORD_TOKEN],
    );
    assert!(problem.message.contains("[123]"), "{problem}");
}

#[test]
fn discord_ids() {
    let with = |id: &str| {
        load(
            &format!("[discord]\napplication_id = {id}\n"),
            &[DISCORD_TOKEN],
        )
    };
    assert_eq!(
        with("\"18446744073709551615\"")
            .unwrap()
            .discord
            .unwrap()
            .application_id,
        u64::MAX
    );
    for bad in [
        "0",
        "-5",
        "\"\"",
        "\"12a\"",
        "1.5",
        "\"18446744073709551616\"",
    ] {
        let err = with(bad).unwrap_err();
        assert_eq!(err.fields(), ["discord.application_id"], "{bad}");
    }
}

#[test]
fn prefix_and_log_rules() {
    let problem = one_problem("[bot]\nprefix = \"!!!!\"\n", &[]);
    assert!(problem.message.contains("4 characters long"));
    let problem = one_problem("[log]\nlevel = \"infoo\"\n", &[]);
    assert!(
        problem.message.contains("did you mean `info`?"),
        "{problem}"
    );
    assert!(load("[log]\nlevel = \"info,sharecircle=debug\"\n", &[]).is_ok());
}

#[test]
fn admin_role_empty_means_none() {
    let config = load(
        "[discord]\napplication_id = 1\nadmin_role = \"\"\n",
        &[DISCORD_TOKEN],
    )
    .unwrap();
    assert_eq!(config.discord.unwrap().admin_role, None);
    let problem = one_problem(
        "[discord]\napplication_id = 1\nadmin_role = \"  \"\n",
        &[DISCORD_TOKEN],
    );
    assert_eq!(problem.field, "discord.admin_role");
}

#[test]
fn syntax_errors_have_line_and_column() {
    let problem = one_problem("[bot]\nprefix = \"!\"\nprefix = \"?\"\n", &[]);
    assert_eq!(problem.field, "config");
    assert_eq!(
        problem.message,
        "syntax error at line 3, column 1: duplicate key"
    );

    let all = problems("[bot]\nprefix = !\ndata_dir = 'x'\n[log\n", &[]);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        all[0]
            .message
            .starts_with("syntax error at line 2, column 10:"),
        "{all:#?}"
    );
    assert!(
        all[1].message.starts_with("syntax error at line 4,"),
        "{all:#?}"
    );
}

#[test]
fn loading_files() {
    let dir = std::env::temp_dir().join(format!("sharecircle-config-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let missing = dir.join("missing.toml");
    let err = Config::load(Some(&missing), &no_env).unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].field, missing.display().to_string());
    assert_eq!(err.problems[0].message, "file not found");

    let file = dir.join("sharecircle.toml");
    std::fs::write(&file, "[bot]\nprefix = \"?\"\n\n[log]\nlevel = \n").unwrap();
    let err = Config::load(Some(&file), &no_env).unwrap_err();
    assert_eq!(err.problems[0].field, file.display().to_string());
    assert!(err.problems[0].message.contains("line 5"), "{err}");

    std::fs::write(&file, "[bot]\nprefix = \"?\"\n").unwrap();
    let config = Config::load(Some(&file), &env(&[("SHARECIRCLE_LOG_FORMAT", "json")])).unwrap();
    assert_eq!(config.bot.prefix, "?");
    assert_eq!(config.log.format, LogFormat::Json);

    std::fs::write(&file, b"[bot]\nprefix = \"\xff\"\n").unwrap();
    let err = Config::load(Some(&file), &no_env).unwrap_err();
    assert!(err.problems[0].message.contains("UTF-8"), "{err}");

    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn process_env_convenience_reads_the_file() {
    // Only checks the plumbing; the process environment of a test run has no sharecircle
    // variables unless someone sets them, in which case this test is skipped.
    if env_overrides()
        .iter()
        .map(String::as_str)
        .chain([SECRET_DISCORD_TOKEN, SECRET_MATRIX_PASSWORD])
        .any(|v| std::env::var_os(v).is_some())
    {
        return;
    }
    assert_eq!(Config::from_process_env(None).unwrap(), Config::default());
}

// ---- database.lease and discord.shards -------------------------------------------------------

fn lease_of(toml_value: &str) -> Result<std::time::Duration, ConfigError> {
    load(&format!("[database]\nlease = {toml_value}\n"), &[]).map(|c| c.database.lease)
}

fn shards_of(toml_value: &str) -> Result<Option<ShardRange>, ConfigError> {
    load(
        &format!("[discord]\napplication_id = 1\nshards = {toml_value}\n"),
        &[DISCORD_TOKEN],
    )
    .map(|c| c.discord.unwrap().shards)
}

#[test]
fn lease_values() {
    use std::time::Duration;
    for (text, ms) in [
        ("\"10s\"", 10_000),
        ("\"1500ms\"", 1500),
        ("\"1m\"", 60_000),
        ("\"1m30s\"", 90_000),
        ("\" 2 seconds \"", 2000),
        ("\"1s\"", 1000),
        ("\"10m\"", 600_000),
    ] {
        assert_eq!(lease_of(text).unwrap(), Duration::from_millis(ms), "{text}");
    }
    // Absent: the default.
    assert_eq!(
        load("[database]\n", &[]).unwrap().database.lease,
        DEFAULT_LEASE
    );
    // Debug shows it (the URL stays redacted).
    let config = load("[database]\nlease = \"3s\"\n", &[]).unwrap();
    assert!(format!("{:?}", config.database).contains("lease: 3s"));
}

#[test]
fn bad_lease_values_say_what_is_wrong() {
    const EXPECTED: &str = "database.lease: expected a duration from 1s to 10m, such as `10s`, \
                            `1500ms` or `1m`, found";
    for (value, rest) in [
        (
            "\"500ms\"",
            "`\"500ms\"` (it is shorter than 1s: other processes would take over from a live one \
             that is only a little slow)",
        ),
        (
            "\"11m\"",
            "`\"11m\"` (it is longer than 10m: meetings would wait that long after a process stops)",
        ),
        (
            "\"10\"",
            "`\"10\"` (the unit after `10` is missing; write `10s` for seconds)",
        ),
        (
            "10",
            "`10` (write it in double quotes with a unit, such as \"10s\")",
        ),
        (
            "\"1.5s\"",
            "`\"1.5s\"` (use whole numbers, such as `1500ms` instead of `1.5s`)",
        ),
        (
            "\"10 secnds\"",
            "`\"10 secnds\"` (`secnds` is not a unit of time (use ms, s, m or h); did you mean \
             `seconds`?)",
        ),
        ("\"\"", "`\"\"` (it is empty)"),
        ("\"-5s\"", "`\"-5s\"` (it is negative)"),
        ("true", "`true`"),
    ] {
        let problem = one_problem(&format!("[database]\nlease = {value}\n"), &[]);
        assert_eq!(problem.to_string(), format!("{EXPECTED} {rest}"), "{value}");
    }
}

#[test]
fn shard_values() {
    let range = |first, last, total| ShardRange { first, last, total };
    assert_eq!(shards_of("\"0-3/8\"").unwrap(), Some(range(0, 3, 8)));
    assert_eq!(shards_of("\"5/8\"").unwrap(), Some(range(5, 5, 8)));
    assert_eq!(shards_of("\"0/1\"").unwrap(), Some(range(0, 0, 1)));
    assert_eq!(
        shards_of("\"0-4095/4096\"").unwrap(),
        Some(range(0, 4095, 4096))
    );
    // Absent: this process runs the whole bot.
    let config = load("[discord]\napplication_id = 1\n", &[DISCORD_TOKEN]).unwrap();
    assert_eq!(config.discord.unwrap().shards, None);

    let r = range(2, 3, 8);
    assert_eq!(r.to_string(), "2-3/8");
    assert_eq!("2-3/8".parse::<ShardRange>(), Ok(r));
    assert_eq!("3/8".parse::<ShardRange>().unwrap().to_string(), "3-3/8");
    assert!(r.contains(2) && r.contains(3) && !r.contains(1) && !r.contains(4));
    assert_eq!(r.count(), 2);
    // A guild's shard is (guild_id >> 22) % total.
    assert_eq!(r.shard_of_guild(5 << 22), 5);
    assert_eq!(r.shard_of_guild((13 << 22) | 12345), 5);
}

#[test]
fn bad_shard_values_say_what_is_wrong() {
    const EXPECTED: &str = "discord.shards: expected the shards this process runs, \
                            `FIRST-LAST/TOTAL` or `SHARD/TOTAL`, such as `0-3/8`, found";
    for (value, rest) in [
        (
            "\"0-3\"",
            "`\"0-3\"` (the total number of shards after `/` is missing, as in `0-3/8`)",
        ),
        (
            "\"0-8/8\"",
            "`\"0-8/8\"` (there is no shard 8: 8 shards are numbered 0 to 7)",
        ),
        (
            "\"3-1/8\"",
            "`\"3-1/8\"` (the first shard (3) comes after the last one (1))",
        ),
        (
            "\"0/0\"",
            "`\"0/0\"` (the total number of shards must be at least 1)",
        ),
        (
            "\"0-3/5000\"",
            "`\"0-3/5000\"` (the total is 5000, but Discord allows at most 4096 shards)",
        ),
        (
            "\"-1-3/8\"",
            "`\"-1-3/8\"` (shard numbers cannot be negative)",
        ),
        (
            "\"0..3/8\"",
            "`\"0..3/8\"` (write the range with `-`, as in `0-3/8`)",
        ),
        ("\"a/8\"", "`\"a/8\"` (`a` is not a whole number)"),
        ("\"\"", "`\"\"` (it is empty)"),
        (
            "8",
            "`8` (write it in double quotes; to run all 8 shards in this process: \"0-7/8\")",
        ),
        ("[0, 3, 8]", "a list"),
    ] {
        let problem = one_problem(
            &format!("[discord]\napplication_id = 1\nshards = {value}\n"),
            &[DISCORD_TOKEN],
        );
        assert_eq!(problem.to_string(), format!("{EXPECTED} {rest}"), "{value}");
    }
}

#[test]
fn lease_and_shards_env_overrides() {
    use std::time::Duration;
    let file = "[database]\nlease = \"30s\"\n[discord]\napplication_id = 1\nshards = \"0-1/4\"\n";
    // The file alone.
    let config = load(file, &[DISCORD_TOKEN]).unwrap();
    assert_eq!(config.database.lease, Duration::from_secs(30));
    assert_eq!(config.discord.unwrap().shards.unwrap().to_string(), "0-1/4");
    // The environment wins.
    let config = load(
        file,
        &[
            DISCORD_TOKEN,
            ("SHARECIRCLE_DATABASE_LEASE", " 1500ms "),
            ("SHARECIRCLE_DISCORD_SHARDS", "2-3/4"),
        ],
    )
    .unwrap();
    assert_eq!(config.database.lease, Duration::from_millis(1500));
    assert_eq!(config.discord.unwrap().shards.unwrap().to_string(), "2-3/4");
    // Blank counts as not set: the file's value stays.
    let config = load(
        file,
        &[
            DISCORD_TOKEN,
            ("SHARECIRCLE_DATABASE_LEASE", ""),
            ("SHARECIRCLE_DISCORD_SHARDS", " "),
        ],
    )
    .unwrap();
    assert_eq!(config.database.lease, Duration::from_secs(30));
    assert_eq!(config.discord.unwrap().shards.unwrap().to_string(), "0-1/4");
    // Bad values are reported under the variable's name.
    let err = load(
        file,
        &[
            DISCORD_TOKEN,
            ("SHARECIRCLE_DATABASE_LEASE", "10"),
            ("SHARECIRCLE_DISCORD_SHARDS", "4/4"),
        ],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "SHARECIRCLE_DATABASE_LEASE: expected a duration from 1s to 10m, such as `10s`, `1500ms` \
         or `1m`, found `10` (the unit after `10` is missing; write `10s` for seconds)\n\
         SHARECIRCLE_DISCORD_SHARDS: expected the shards this process runs, `FIRST-LAST/TOTAL` or \
         `SHARD/TOTAL`, such as `0-3/8`, found `4/4` (there is no shard 4: 4 shards are numbered \
         0 to 3)"
    );
    // Like every non-secret Discord override, the shard range alone switches Discord on.
    let config = load(
        "",
        &[
            ("SHARECIRCLE_DISCORD_SHARDS", "1/2"),
            ("SHARECIRCLE_DISCORD_APPLICATION_ID", "5"),
            DISCORD_TOKEN,
        ],
    )
    .unwrap();
    let discord = config.discord.unwrap();
    assert_eq!(
        discord.shards,
        Some(ShardRange {
            first: 1,
            last: 1,
            total: 2
        })
    );
}

#[test]
fn misspelt_lease_and_shards_keys_are_suggested() {
    let problem = one_problem("[database]\nleese = \"10s\"\n", &[]);
    assert_eq!(
        problem.to_string(),
        "database.leese: unknown field `leese` in [database]; expected one of: url, \
         max_connections, lease; did you mean `lease`?"
    );
    let problem = one_problem(
        "[discord]\napplication_id = 1\nshard = \"0/1\"\n",
        &[DISCORD_TOKEN],
    );
    assert!(
        problem.message.ends_with("did you mean `shards`?"),
        "{problem}"
    );
    let problem = one_problem("[bot]\nlease = \"10s\"\n", &[]);
    assert!(
        problem
            .message
            .contains("(`lease` belongs under [database])"),
        "{problem}"
    );
}
