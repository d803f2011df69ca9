//! Unit tests of problem reports: several at once, unknown names with suggestions, wrong types,
//! syntax errors, files.

use std::collections::HashMap;

use super::*;

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
