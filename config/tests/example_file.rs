//! The shipped `sharecircle.example.toml` is valid: as is (platforms switched off) and with
//! every switched-off setting switched on plus the secrets in the environment.

use std::path::{Path, PathBuf};

use sharecircle_config::{Config, LogFormat, MatrixAuth};

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sharecircle.example.toml")
}

fn no_env(_: &str) -> Option<String> {
    None
}

/// Switches on every setting that the example switches off: lines `#key…` / `#[section]`
/// (a `#` directly followed by text; explanations start with `# `).
fn switch_everything_on(text: &str) -> String {
    text.lines()
        .map(|line| match line.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '[') => rest,
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn example_as_shipped_is_valid_without_any_environment() {
    let config = Config::load(Some(&example_path()), &no_env).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config, Config::default());
}

#[test]
fn example_with_platforms_switched_on_is_valid_with_only_the_secrets() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let switched_on = switch_everything_on(&text);
    assert!(switched_on.contains("\n[discord]\n") && switched_on.contains("\n[matrix]\n"));

    let env = |name: &str| match name {
        "SHARECIRCLE_DISCORD_TOKEN" => Some("discord-secret".to_string()),
        "SHARECIRCLE_MATRIX_PASSWORD" => Some("matrix-secret".to_string()),
        _ => None,
    };
    let config = Config::load_from_str(&switched_on, &env).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.bot.prefix, "!");
    assert_eq!(config.log.format, LogFormat::Human);
    let discord = config.discord.expect("discord switched on");
    assert_eq!(discord.application_id, 123456789012345678);
    assert!(discord.guild_ids.is_empty());
    assert_eq!(discord.admin_role.as_deref(), Some("Meeting admins"));
    assert_eq!(
        discord.shards.map(|s| s.to_string()).as_deref(),
        Some("0-3/8")
    );
    assert_eq!(config.database.lease, sharecircle_config::DEFAULT_LEASE);
    let matrix = config.matrix.expect("matrix switched on");
    assert_eq!(matrix.homeserver, "https://matrix.example.org");
    assert_eq!(matrix.user, "@sharecircle:example.org");
    assert_eq!(matrix.data_dir, PathBuf::from("data/matrix"));
    assert_eq!(
        matrix.allowed_inviters,
        ["@alice:example.org", ":example.org"]
    );
    assert_eq!(
        (matrix.admin_power_level, matrix.host_power_level),
        (100, 50)
    );
    assert!(matches!(matrix.auth, MatrixAuth::Password(ref p) if p.expose() == "matrix-secret"));
}

#[test]
fn example_with_platforms_switched_on_but_no_secrets_names_the_variables() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let err = Config::load_from_str(&switch_everything_on(&text), &no_env).unwrap_err();
    assert_eq!(
        err.fields(),
        ["SHARECIRCLE_DISCORD_TOKEN", "SHARECIRCLE_MATRIX_PASSWORD"]
    );
}

#[test]
fn example_mentions_every_setting_and_secret_variable() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    for name in sharecircle_config::env_overrides() {
        // SHARECIRCLE_<SECTION>_<KEY> -> `key =` appears in the file.
        let key = name
            .trim_start_matches("SHARECIRCLE_")
            .split_once('_')
            .unwrap()
            .1
            .to_ascii_lowercase();
        assert!(text.contains(&format!("{key} = ")), "{key} missing");
    }
    for secret in [
        "SHARECIRCLE_DISCORD_TOKEN",
        "DISCORD_TOKEN",
        "SHARECIRCLE_MATRIX_PASSWORD",
        "SHARECIRCLE_MATRIX_ACCESS_TOKEN",
    ] {
        assert!(text.contains(secret), "{secret} missing");
    }
}
