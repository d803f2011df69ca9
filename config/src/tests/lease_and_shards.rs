//! Unit tests of `database.lease` and `discord.shards`: values, problems, overrides.

use super::*;

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
