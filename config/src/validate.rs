//! Checks of single string values (prefix, database URL, log filter, Matrix ids, …). Each check
//! returns `Err(reason)` with a short plain-English reason that the loader puts after the
//! expected/found message.

use crate::{LogFormat, ShardRange, MAX_SHARDS};

/// Longest part of a user-supplied value echoed in a message.
const SHOW_MAX_CHARS: usize = 80;

/// `value` made safe to echo inside backticks: control characters escaped, long values cut.
pub(crate) fn show(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == SHOW_MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `url` starts with `scheme:` (scheme compared case-insensitively).
pub(crate) fn has_scheme(url: &str, scheme: &str) -> bool {
    url.split_once(':')
        .is_some_and(|(s, _)| s.eq_ignore_ascii_case(scheme))
}

/// Command prefix: 1–3 characters, none of them a letter, digit, space or control character.
pub(crate) fn check_prefix(prefix: &str) -> Result<(), String> {
    let count = prefix.chars().count();
    if count == 0 {
        return Err("it is empty".into());
    }
    if count > 3 {
        return Err(format!("it is {count} characters long"));
    }
    if prefix.chars().any(char::is_whitespace) {
        return Err("it contains a space".into());
    }
    if prefix.chars().any(char::is_alphanumeric) {
        return Err("it contains a letter or digit".into());
    }
    if prefix.chars().any(char::is_control) {
        return Err("it contains a control character".into());
    }
    Ok(())
}

/// `sqlite:…`, `postgres://…` or `postgresql://…`.
pub(crate) fn check_database_url(url: &str) -> Result<(), String> {
    if url.chars().any(char::is_whitespace) {
        return Err("it contains a space".into());
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(if url.is_empty() {
            "it is empty".into()
        } else {
            format!("it has no `sqlite:` or `postgres:` at the start; for a database file write `sqlite://{}`", show(url))
        });
    };
    let scheme = scheme.to_ascii_lowercase();
    match scheme.as_str() {
        "sqlite" => {
            if rest.trim_start_matches('/').is_empty() {
                return Err("the database file name after `sqlite://` is missing".into());
            }
        }
        "postgres" | "postgresql" => {
            let Some(after) = rest.strip_prefix("//") else {
                return Err(format!("write it as `{scheme}://user@host/database`"));
            };
            if after.is_empty() {
                return Err(format!("nothing follows `{scheme}://`"));
            }
        }
        other => {
            return Err(format!(
                "`{}:` databases are not supported; sharecircle works with SQLite and PostgreSQL",
                show(other)
            ))
        }
    }
    Ok(())
}

/// Byte range of the password in a database URL (`user:PASSWORD@host` or `password=PASSWORD`
/// in the query), if there is one.
fn password_ranges(url: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    if let Some(start) = url.find("://").map(|i| i + 3) {
        let rest = &url[start..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if let Some(at) = authority.rfind('@') {
            if let Some(colon) = authority[..at].find(':') {
                ranges.push(start + colon + 1..start + at);
            }
        }
    }
    if let Some(q) = url.find('?') {
        let query_end = url[q..].find('#').map_or(url.len(), |i| q + i);
        let mut offset = q + 1;
        for pair in url[q + 1..query_end].split('&') {
            if let Some((key, _)) = pair.split_once('=') {
                if key.eq_ignore_ascii_case("password") || key.eq_ignore_ascii_case("sslpassword") {
                    ranges.push(offset + key.len() + 1..offset + pair.len());
                }
            }
            offset += pair.len() + 1;
        }
    }
    ranges
}

/// Whether a database URL carries a password.
pub(crate) fn database_url_has_password(url: &str) -> bool {
    password_ranges(url).iter().any(|r| !r.is_empty())
}

/// `url` with every password replaced by `<redacted>`.
pub fn redact_database_url(url: &str) -> String {
    let mut ranges = password_ranges(url);
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(url.len());
    let mut last = 0;
    for range in ranges {
        if range.start < last {
            continue;
        }
        out.push_str(&url[last..range.start]);
        out.push_str("<redacted>");
        last = range.end;
    }
    out.push_str(&url[last..]);
    out
}

const LEVELS: &[&str] = &["trace", "debug", "info", "warn", "error", "off"];

fn is_level(word: &str) -> bool {
    LEVELS.iter().any(|l| l.eq_ignore_ascii_case(word))
        || matches!(word, "0" | "1" | "2" | "3" | "4" | "5")
}

/// A log level or a comma-separated list of `EnvFilter` directives (`level`, `target=level`,
/// `target[span{field=value}]=level`). Returns the filter with blanks around directives removed.
///
/// A bare word that is not a level is refused even though `EnvFilter` would read it as a target
/// name: here it is much more likely a misspelt level (`infoo`). Write `target=trace` instead.
pub(crate) fn normalise_log_filter(filter: &str) -> Result<String, String> {
    let mut directives = Vec::new();
    for directive in filter.split(',').map(str::trim) {
        if directive.is_empty() {
            continue;
        }
        if directive.chars().any(char::is_whitespace) {
            return Err(format!("`{}` contains a space", show(directive)));
        }
        if !is_level(directive) {
            let level_part = match directive.rfind(']') {
                Some(close) => match &directive[close + 1..] {
                    "" => None,
                    rest => Some(rest.strip_prefix('=').ok_or_else(|| {
                        format!("`{}`: expected `=level` after `]`", show(directive))
                    })?),
                },
                None => match directive.rsplit_once('=') {
                    Some((target, level)) => {
                        if target.is_empty() {
                            return Err(format!("`{}` has nothing before `=`", show(directive)));
                        }
                        Some(level)
                    }
                    None => {
                        let hint = crate::suggest::closest(directive, LEVELS)
                            .map(|l| format!("; did you mean `{l}`?"))
                            .unwrap_or_default();
                        return Err(format!("`{}` is not a log level{hint}", show(directive)));
                    }
                },
            };
            if let Some(level) = level_part {
                if !is_level(level) {
                    let hint = crate::suggest::closest(level, LEVELS)
                        .map(|l| format!("; did you mean `{l}`?"))
                        .unwrap_or_default();
                    return Err(format!("`{}` is not a log level{hint}", show(level)));
                }
            }
        }
        directives.push(directive);
    }
    if directives.is_empty() {
        return Err("it is empty".into());
    }
    Ok(directives.join(","))
}

/// `human` or `json`, any case.
pub(crate) fn parse_log_format(word: &str) -> Option<LogFormat> {
    if word.eq_ignore_ascii_case("human") {
        Some(LogFormat::Human)
    } else if word.eq_ignore_ascii_case("json") {
        Some(LogFormat::Json)
    } else {
        None
    }
}

/// `http://…` or `https://…` with a host.
pub(crate) fn check_homeserver(url: &str) -> Result<(), String> {
    if url.chars().any(char::is_whitespace) {
        return Err("it contains a space".into());
    }
    let rest = match url.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") =>
        {
            rest
        }
        Some((scheme, _)) => {
            return Err(format!(
                "it starts with `{}://` instead of `https://`",
                show(scheme)
            ))
        }
        None => {
            return Err(if url.is_empty() {
                "it is empty".into()
            } else {
                format!("add `https://` at the start: `https://{}`", show(url))
            })
        }
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err("the server name after `://` is missing".into());
    }
    if host.contains('@') {
        return Err("it must not contain a user name or password".into());
    }
    check_server_name(host).map_err(|reason| format!("the server name {reason}"))
}

/// A Matrix server name: `host`, `host:port`, `[ipv6]` or `[ipv6]:port`.
pub(crate) fn check_server_name(server: &str) -> Result<(), String> {
    if server.is_empty() {
        return Err("is missing".into());
    }
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let Some((ip, after)) = rest.split_once(']') else {
            return Err(format!("`{}` has no closing `]`", show(server)));
        };
        if ip.is_empty()
            || !ip
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(format!("`{}` is not an IPv6 address", show(server)));
        }
        match after {
            "" => (ip, None),
            p => match p.strip_prefix(':') {
                Some(port) => (ip, Some(port)),
                None => return Err(format!("`{}` has text after `]`", show(server))),
            },
        }
    } else {
        match server.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (server, None),
        }
    };
    if !server.starts_with('[')
        && (host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
    {
        return Err(format!(
            "`{}` may only contain letters, digits, `.` and `-`",
            show(host)
        ));
    }
    if let Some(port) = port {
        if port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err(format!("has a bad port `{}`", show(port)));
        }
    }
    Ok(())
}

/// A full Matrix user id, `@local:server`.
pub(crate) fn check_user_id(user: &str) -> Result<(), String> {
    let Some(rest) = user.strip_prefix('@') else {
        return Err(if user.contains(':') {
            format!("it must start with `@`: `@{}`", show(user))
        } else {
            "it must start with `@` and end with `:` and the server name".into()
        });
    };
    let Some((local, server)) = rest.split_once(':') else {
        return Err("the `:server` part is missing".into());
    };
    if local.is_empty() {
        return Err("the name between `@` and `:` is missing".into());
    }
    if local.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains a space".into());
    }
    check_server_name(server).map_err(|reason| format!("the server name {reason}"))
}

/// The server part of a (valid) user id.
pub(crate) fn user_server(user: &str) -> Option<&str> {
    user.split_once(':').map(|(_, server)| server)
}

/// An entry of `allowed_inviters`: a full user id, or `:server`.
pub(crate) fn check_inviter(entry: &str) -> Result<(), String> {
    match entry.strip_prefix(':') {
        Some(server) => {
            check_server_name(server).map_err(|reason| format!("the server name {reason}"))
        }
        None => check_user_id(entry),
    }
}

/// A shard range, `FIRST-LAST/TOTAL` or `SHARD/TOTAL` (blanks around the parts allowed).
pub(crate) fn parse_shard_range(text: &str) -> Result<ShardRange, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("it is empty".into());
    }
    let Some((range, total)) = text.split_once('/') else {
        return Err(format!(
            "the total number of shards after `/` is missing, as in `{}/8`",
            show(text)
        ));
    };
    let range = range.trim();
    if range.starts_with('-') {
        return Err("shard numbers cannot be negative".into());
    }
    if range.contains("..") {
        return Err("write the range with `-`, as in `0-3/8`".into());
    }
    let (first, last) = match range.split_once('-') {
        Some((first, last)) => (
            shard_number(first, "first shard")?,
            shard_number(last, "last shard")?,
        ),
        None => {
            let shard = shard_number(range, "shard")?;
            (shard, shard)
        }
    };
    let total = shard_number(total, "total")?;
    if total == 0 {
        return Err("the total number of shards must be at least 1".into());
    }
    if total > MAX_SHARDS {
        return Err(format!(
            "the total is {total}, but Discord allows at most {MAX_SHARDS} shards"
        ));
    }
    if first > last {
        return Err(format!(
            "the first shard ({first}) comes after the last one ({last})"
        ));
    }
    if last >= total {
        return Err(format!(
            "there is no shard {last}: {total} shards are numbered 0 to {}",
            total - 1
        ));
    }
    Ok(ShardRange { first, last, total })
}

/// One number of a shard range.
fn shard_number(text: &str, what: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("the {what} number is missing"));
    }
    if text.starts_with('-') {
        return Err("shard numbers cannot be negative".into());
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{}` is not a whole number", show(text)));
    }
    text.parse::<u32>()
        .map_err(|_| format!("`{}` is far too large", show(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        for ok in ["!", "?", "!!", ">>>", "🤖", "."] {
            assert!(check_prefix(ok).is_ok(), "{ok}");
        }
        for bad in ["", "!!!!", "a", "!1", " !", "! ", "é", "\u{7}"] {
            assert!(check_prefix(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn database_urls() {
        for ok in [
            "sqlite://sharecircle.db",
            "sqlite:data.db",
            "sqlite::memory:",
            "SQLITE://x.db",
            "postgres://user@host/db",
            "postgresql://localhost/db",
        ] {
            assert!(check_database_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "sharecircle.db",
            "mysql://u@h/db",
            "sqlite://",
            "sqlite:",
            "postgres:db",
            "postgres://",
            "sqlite://my db.db",
        ] {
            assert!(check_database_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn database_passwords_are_found_and_redacted() {
        let url = "postgres://user:hunter2@db.example.org:5432/sc?sslmode=require&password=pw2";
        assert!(database_url_has_password(url));
        let redacted = redact_database_url(url);
        assert_eq!(
            redacted,
            "postgres://user:<redacted>@db.example.org:5432/sc?sslmode=require&password=<redacted>"
        );
        assert!(!database_url_has_password("postgres://user@host/db"));
        assert!(!database_url_has_password("sqlite://sharecircle.db"));
        assert_eq!(
            redact_database_url("postgres://user@host/db"),
            "postgres://user@host/db"
        );
    }

    #[test]
    fn log_filters() {
        assert_eq!(normalise_log_filter("info").unwrap(), "info");
        assert_eq!(normalise_log_filter("WARN").unwrap(), "WARN");
        assert_eq!(
            normalise_log_filter("info, sqlx=warn ,matrix_sdk::crypto=error").unwrap(),
            "info,sqlx=warn,matrix_sdk::crypto=error"
        );
        assert!(normalise_log_filter("sharecircle[meeting{place=x}]=debug").is_ok());
        assert!(normalise_log_filter("sharecircle[meeting]").is_ok());
        let err = normalise_log_filter("infoo").unwrap_err();
        assert!(err.contains("did you mean `info`"), "{err}");
        assert!(normalise_log_filter("sqlx=loud").is_err());
        assert!(normalise_log_filter("=warn").is_err());
        assert!(normalise_log_filter("").is_err());
        assert!(normalise_log_filter(" , ").is_err());
    }

    #[test]
    fn homeservers() {
        for ok in [
            "https://matrix.example.org",
            "https://matrix.example.org/",
            "http://127.0.0.1:8008",
            "http://[::1]:8008",
            "HTTPS://matrix.org/_base",
        ] {
            assert!(check_homeserver(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "matrix.example.org",
            "ftp://matrix.org",
            "https://",
            "https://matrix.org:0",
            "https://user:pw@matrix.org",
            "https://matrix .org",
        ] {
            assert!(check_homeserver(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn user_ids_and_inviters() {
        for ok in [
            "@sharecircle:example.org",
            "@bot:localhost:8448",
            "@bot:[::1]:8448",
        ] {
            assert!(check_user_id(ok).is_ok(), "{ok}");
        }
        for bad in [
            "sharecircle:example.org",
            "@sharecircle",
            "@:example.org",
            "@bot:",
            "@bot:exa mple.org",
            "@bo t:example.org",
        ] {
            assert!(check_user_id(bad).is_err(), "{bad}");
        }
        assert!(check_inviter(":example.org").is_ok());
        assert!(check_inviter("@alice:example.org").is_ok());
        assert!(check_inviter(":").is_err());
        assert!(check_inviter("alice").is_err());
        assert_eq!(user_server("@a:example.org:8448"), Some("example.org:8448"));
    }

    #[test]
    fn shard_ranges() {
        let range = |first, last, total| ShardRange { first, last, total };
        assert_eq!(parse_shard_range("0-3/8"), Ok(range(0, 3, 8)));
        assert_eq!(parse_shard_range(" 2 / 8 "), Ok(range(2, 2, 8)));
        assert_eq!(parse_shard_range("0/1"), Ok(range(0, 0, 1)));
        assert_eq!(parse_shard_range("4095/4096"), Ok(range(4095, 4095, 4096)));
        assert_eq!(parse_shard_range("1 - 1/2"), Ok(range(1, 1, 2)));
        for (bad, reason) in [
            ("", "it is empty"),
            (
                "0-3",
                "the total number of shards after `/` is missing, as in `0-3/8`",
            ),
            ("0-3/0", "at least 1"),
            (
                "0/5000",
                "the total is 5000, but Discord allows at most 4096 shards",
            ),
            ("3-1/8", "the first shard (3) comes after the last one (1)"),
            ("0-8/8", "there is no shard 8: 8 shards are numbered 0 to 7"),
            ("8/8", "there is no shard 8"),
            ("-1/8", "cannot be negative"),
            ("0--1/8", "cannot be negative"),
            ("0..3/8", "with `-`"),
            ("a-3/8", "`a` is not a whole number"),
            ("-/8", "cannot be negative"),
            ("0-/8", "the last shard number is missing"),
            ("/8", "the shard number is missing"),
            ("0-3/", "the total number is missing"),
            ("0-3/8/2", "`8/2` is not a whole number"),
            ("0-99999999999/8", "`99999999999` is far too large"),
        ] {
            let err = parse_shard_range(bad).unwrap_err();
            assert!(err.contains(reason), "{bad:?}: {err}");
        }
    }

    #[test]
    fn show_escapes_and_truncates() {
        assert_eq!(show("a\nb"), "a\\nb");
        assert_eq!(show("\u{202e}x"), "\\u{202e}x");
        let long = "x".repeat(200);
        assert_eq!(show(&long).chars().count(), SHOW_MAX_CHARS + 1);
    }
}
