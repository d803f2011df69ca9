//! Names of the environment variables sharecircle reads, and access to the process environment.

/// Bot token for Discord (checked first).
pub const SECRET_DISCORD_TOKEN: &str = "SHARECIRCLE_DISCORD_TOKEN";
/// Bot token for Discord (used when [`SECRET_DISCORD_TOKEN`] is not set).
pub const SECRET_DISCORD_TOKEN_FALLBACK: &str = "DISCORD_TOKEN";
/// Password of the Matrix bot account.
pub const SECRET_MATRIX_PASSWORD: &str = "SHARECIRCLE_MATRIX_PASSWORD";
/// Access token of the Matrix bot account (instead of a password).
pub const SECRET_MATRIX_ACCESS_TOKEN: &str = "SHARECIRCLE_MATRIX_ACCESS_TOKEN";

/// Every non-secret override, `SHARECIRCLE_<SECTION>_<KEY>`, in the order of the file's
/// sections and keys.
pub fn env_overrides() -> Vec<String> {
    crate::file::SCHEMA
        .iter()
        .flat_map(|(section, keys)| keys.iter().map(|key| override_var(section, key)))
        .collect()
}

/// The override variable for `key` in `[section]`.
pub(crate) fn override_var(section: &str, key: &str) -> String {
    format!(
        "SHARECIRCLE_{}_{}",
        section.to_ascii_uppercase(),
        key.to_ascii_uppercase()
    )
}

/// Reads the process environment. A value that is not valid Unicode is converted lossily, so
/// that validation reports it instead of it being silently ignored.
pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_names_follow_the_pattern() {
        assert_eq!(
            override_var("database", "max_connections"),
            "SHARECIRCLE_DATABASE_MAX_CONNECTIONS"
        );
        assert_eq!(
            env_overrides(),
            [
                "SHARECIRCLE_BOT_PREFIX",
                "SHARECIRCLE_BOT_DATA_DIR",
                "SHARECIRCLE_DATABASE_URL",
                "SHARECIRCLE_DATABASE_MAX_CONNECTIONS",
                "SHARECIRCLE_DATABASE_LEASE",
                "SHARECIRCLE_LOG_LEVEL",
                "SHARECIRCLE_LOG_FORMAT",
                "SHARECIRCLE_METRICS_LISTEN",
                "SHARECIRCLE_DISCORD_APPLICATION_ID",
                "SHARECIRCLE_DISCORD_GUILD_IDS",
                "SHARECIRCLE_DISCORD_ADMIN_ROLE",
                "SHARECIRCLE_DISCORD_SHARDS",
                "SHARECIRCLE_MATRIX_HOMESERVER",
                "SHARECIRCLE_MATRIX_USER",
                "SHARECIRCLE_MATRIX_DATA_DIR",
                "SHARECIRCLE_MATRIX_ALLOWED_INVITERS",
                "SHARECIRCLE_MATRIX_ADMIN_POWER_LEVEL",
                "SHARECIRCLE_MATRIX_HOST_POWER_LEVEL",
            ]
        );
    }
}
