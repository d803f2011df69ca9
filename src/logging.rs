//! The log of the `sharecircle` binary: which events reach standard error and how a line looks.
//!
//! sharecircle's own crates log at the configured level; every other crate (matrix-sdk, ruma,
//! serenity, sqlx, hyper, reqwest…) only at WARN and above, because their INFO and DEBUG output
//! names members (matrix-sdk logs a room join with the inviter's `RoomMember`, display name and
//! all). A line never shows spans: their fields (a `join_room_by_id{…}` span, a request URI with
//! a user id) would be printed with every event inside them, and sharecircle has no spans of its
//! own. Lines from other crates are also scrubbed of anything shaped like a member (Matrix user
//! ids, Discord snowflakes, names and message bodies in debug dumps), in case one of their
//! warnings carries one. A few conditions those crates report as WARN/ERROR on every healthy run
//! are dropped ([`BENIGN`]). Colours only when standard error is a terminal (and `NO_COLOR` is
//! unset). `RUST_LOG`, when set, replaces the level filter (developers only: it can show other
//! crates' member data at INFO and below).

use std::fmt;
use std::io::IsTerminal;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::{FormatTime, SystemTime};
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// The crates whose log lines are sharecircle's own (targets are module paths under these).
pub const OWN_CRATES: &[&str] = &[
    "sharecircle",
    "bot_core",
    "discord_adapter",
    "matrix_adapter",
    "sharecircle_config",
];

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// A condition another crate logs at WARN/ERROR that is not a fault for sharecircle, with why.
pub struct Benign {
    pub target: &'static str,
    pub level: Level,
    /// The event's message starts with this…
    pub starts_with: &'static str,
    /// …and contains this.
    pub contains: &'static str,
    pub why: &'static str,
}

/// Known-benign warnings and errors, dropped at any level filter except `RUST_LOG`'s.
pub const BENIGN: &[Benign] = &[
    Benign {
        target: "matrix_sdk_crypto::backups",
        level: Level::WARN,
        starts_with: "Trying to backup room keys but no backup key was found",
        contains: "",
        why: "the bot uses no server-side key backup (its keys live in its own crypto store); \
              matrix-sdk checks for one after every sync and warns each time",
    },
    Benign {
        target: "matrix_sdk::http_client",
        level: Level::ERROR,
        starts_with: "Error while sending request",
        contains: "status_code: 404",
        why: "matrix-sdk logs every failed request at ERROR before handing the error to its \
              caller; a 404 is how Matrix says that something is absent (no `m.direct` or \
              `m.secret_storage.default_key` account data yet, no `m.room.encryption` state in \
              an unencrypted room), which its callers and ours treat as an answer. A 404 that \
              matters reaches sharecircle's code as an error and is logged there",
    },
    Benign {
        target: "matrix_sdk::http_client",
        level: Level::ERROR,
        starts_with: "Error while sending request",
        contains: "status_code: 429",
        why: "sends ask matrix-sdk not to retry, so a homeserver's rate limit comes back to \
              sharecircle's retry, which waits it out, counts it in /metrics and logs one INFO \
              line per episode; matrix-sdk's ERROR copy of each 429 would be a line per wait",
    },
    Benign {
        target: "matrix_sdk_crypto::identities::manager",
        level: Level::WARN,
        starts_with: "Our own device might have been deleted",
        contains: "",
        why: "on a new device's first start, cross-signing set-up queries the bot's devices \
              before the new device's keys are uploaded. A device really deleted also loses its \
              access token, so the sync fails and sharecircle logs that",
    },
];

/// Whether `target` belongs to one of sharecircle's crates.
pub fn is_own(target: &str) -> bool {
    OWN_CRATES.iter().any(|c| {
        target
            .strip_prefix(c)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
    })
}

/// The filter directives for a configured `log.level` (a level, or directives like
/// `debug,sqlx=warn`): a bare level applies to sharecircle's crates; other crates stay at WARN
/// (or quieter, if the level is) unless a directive names them.
pub fn directives(level: &str) -> String {
    let mut own = LevelFilter::INFO;
    let mut named = Vec::new();
    for d in level.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        match (d.contains('='), d.parse::<LevelFilter>()) {
            (false, Ok(l)) => own = l,
            _ => named.push(d.to_string()),
        }
    }
    let others = own.min(LevelFilter::WARN);
    let mut out = vec![others.to_string().to_lowercase()];
    out.extend(
        OWN_CRATES
            .iter()
            .map(|c| format!("{c}={}", own.to_string().to_lowercase())),
    );
    out.extend(named);
    out.join(",")
}

/// Sets up the global subscriber: `RUST_LOG` if set, else [`directives`] of `level`.
pub fn init(format: Format, level: &str) {
    let from_env = std::env::var("RUST_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let filter = match &from_env {
        Some(v) => EnvFilter::try_new(v).unwrap_or_else(|_| EnvFilter::new(directives(level))),
        None => EnvFilter::new(directives(level)),
    };
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(DropBenign {
            active: from_env.is_none(),
        });
    match format {
        Format::Human => registry
            .with(layer.event_format(Scrubbed(Line { ansi })))
            .init(),
        Format::Json => registry
            .with(
                layer.json().event_format(Scrubbed(
                    tracing_subscriber::fmt::format()
                        .json()
                        .with_current_span(false)
                        .with_span_list(false),
                )),
            )
            .init(),
    }
}

/// Drops the [`BENIGN`] events (when `active`).
struct DropBenign {
    active: bool,
}

impl<S: Subscriber> Layer<S> for DropBenign {
    fn event_enabled(&self, event: &Event<'_>, _cx: Context<'_, S>) -> bool {
        if !self.active {
            return true;
        }
        let meta = event.metadata();
        let candidates: Vec<&Benign> = BENIGN
            .iter()
            .filter(|b| b.target == meta.target() && b.level == *meta.level())
            .collect();
        if candidates.is_empty() {
            return true;
        }
        let mut message = MessageOf(String::new());
        event.record(&mut message);
        !candidates
            .iter()
            .any(|b| message.0.starts_with(b.starts_with) && message.0.contains(b.contains))
    }
}

struct MessageOf(String);

impl Visit for MessageOf {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

/// A human line: `TIME LEVEL target: message fields`, without spans.
struct Line {
    ansi: bool,
}

impl<S, N> FormatEvent<S, N> for Line
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let meta = event.metadata();
        if self.ansi {
            write!(writer, "\x1b[2m")?;
            SystemTime.format_time(&mut writer)?;
            write!(writer, "\x1b[0m")?;
        } else {
            SystemTime.format_time(&mut writer)?;
        }
        let level = meta.level();
        let colour = match *level {
            Level::ERROR => "31",
            Level::WARN => "33",
            Level::INFO => "32",
            Level::DEBUG => "34",
            Level::TRACE => "35",
        };
        if self.ansi {
            write!(writer, " \x1b[{colour}m{level:>5}\x1b[0m ")?;
        } else {
            write!(writer, " {level:>5} ")?;
        }
        write!(writer, "{}: ", meta.target())?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Formats with the inner formatter, then scrubs lines of other crates ([`scrub`]).
struct Scrubbed<F>(F);

impl<S, N, F> FormatEvent<S, N> for Scrubbed<F>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
    F: FormatEvent<S, N>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        if is_own(event.metadata().target()) {
            return self.0.format_event(ctx, writer, event);
        }
        let mut line = String::new();
        self.0.format_event(ctx, Writer::new(&mut line), event)?;
        writer.write_str(&scrub(&line))
    }
}

/// Fields whose values name or quote a member in other crates' debug output (profiles, Discord
/// users and members, message bodies and contents, slash command option values).
const MEMBER_FIELDS: &[&str] = &[
    "content",
    "value",
    "displayname",
    "display_name",
    "global_name",
    "nick",
    "username",
    "name",
    "body",
    "formatted_body",
    "avatar_url",
];

/// What may stand between a member field's name and its quoted value, and what ends the value:
/// Rust `Debug` (`name: "…"`, `name: Some("…")`), JSON (`"name":"…"`), tracing (`name="…"`), and
/// the same inside a JSON string (quotes escaped).
const OPENERS: &[(&str, &str)] = &[
    (": Some(\"", "\""),
    (": \"", "\""),
    ("\":\"", "\""),
    ("\": \"", "\""),
    ("=\"", "\""),
    (": Some(\\\"", "\\\""),
    (": \\\"", "\\\""),
    ("\\\":\\\"", "\\\""),
    ("\\\": \\\"", "\\\""),
];

/// `text` with every Matrix user id (`@local:server`, also percent-encoded), every run of 17–20
/// digits (a Discord snowflake) and the quoted value of every [`MEMBER_FIELDS`] field replaced by
/// `<redacted>`.
pub fn scrub(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let skip = user_id_at(b, i)
            .or_else(|| snowflake_at(b, i))
            .map(|end| (i, end))
            .or_else(|| member_field_at(text, i));
        match skip {
            Some((from, to)) => {
                out.push_str(&text[copied..from]);
                out.push_str(if b[i] == b'@' || b[i] == b'%' {
                    "@<redacted>"
                } else {
                    "<redacted>"
                });
                copied = to;
                i = to;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"._=-/+".contains(&c)
}

fn is_server_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b".-[]:".contains(&c)
}

/// The end of a user id starting at `i` (`@local:server` or `%40local%3Aserver`).
fn user_id_at(b: &[u8], i: usize) -> Option<usize> {
    let (start, sep): (usize, &[u8]) = if b[i] == b'@' {
        (i + 1, b":")
    } else if b[i..].len() >= 3 && b[i..i + 3].eq_ignore_ascii_case(b"%40") {
        (i + 3, b"%3A")
    } else {
        return None;
    };
    let mut j = start;
    while j < b.len() && is_local_char(b[j]) {
        j += 1;
    }
    if j == start || !b[j..].get(..sep.len())?.eq_ignore_ascii_case(sep) {
        return None;
    }
    let server = j + sep.len();
    let mut k = server;
    while k < b.len() && is_server_char(b[k]) {
        k += 1;
    }
    (k > server && b[server].is_ascii_alphanumeric()).then_some(k)
}

/// The end of a snowflake-sized digit run starting at `i` (not inside a longer number).
fn snowflake_at(b: &[u8], i: usize) -> Option<usize> {
    if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
        return None;
    }
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    (17..=20).contains(&(j - i)).then_some(j)
}

/// `(start, end)` of a member field's quoted value whose name starts at `i`.
fn member_field_at(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let rest = &b[i..];
    let name = MEMBER_FIELDS
        .iter()
        .find(|f| rest.starts_with(f.as_bytes()))?;
    let after = &rest[name.len()..];
    let (opener, closer) = OPENERS
        .iter()
        .find(|(o, _)| after.starts_with(o.as_bytes()))?;
    let value = i + name.len() + opener.len();
    let mut j = value;
    while j < b.len() {
        if b[j..].starts_with(closer.as_bytes()) {
            return Some((value, j));
        }
        // an escaped character inside the value (`\"` when the closer is `"`)
        j += if b[j] == b'\\' && *closer == "\"" {
            2
        } else {
            1
        };
    }
    Some((value, b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_level_is_ours_and_other_crates_stay_at_warn() {
        assert_eq!(
            directives("info"),
            "warn,sharecircle=info,bot_core=info,discord_adapter=info,matrix_adapter=info,sharecircle_config=info"
        );
        assert_eq!(
            directives("debug,sqlx=warn,matrix_sdk=info"),
            "warn,sharecircle=debug,bot_core=debug,discord_adapter=debug,matrix_adapter=debug,sharecircle_config=debug,sqlx=warn,matrix_sdk=info"
        );
        assert!(directives("error").starts_with("error,sharecircle=error"));
        assert!(directives("off").starts_with("off,"));
        assert!(directives("").starts_with("warn,sharecircle=info"));
    }

    #[test]
    fn own_targets() {
        assert!(is_own("sharecircle"));
        assert!(is_own("matrix_adapter::inbound"));
        assert!(!is_own("matrix_sdk::client"));
        assert!(!is_own("sharecircle_configx"));
    }

    #[test]
    fn scrubbing_hides_members_and_keeps_the_rest() {
        let line = r#"WARN matrix_sdk::client: join inviter: Some(RoomMember { user_id: "@alice-x1:example.org", displayname: Some("Alice \"A\" Liddell"), name: "Alice" }) uri="/profile/%40bob%3Aexample.org:8448/displayname" user=123456789012345678 room=!abc:example.org 2026-12-06T16:03:14.180703Z mail=someone@example.com"#;
        let s = scrub(line);
        for gone in ["alice", "Alice", "Liddell", "bob", "123456789012345678"] {
            assert!(!s.contains(gone), "{gone} in {s}");
        }
        assert!(s.contains("room=!abc:example.org"), "{s}");
        assert!(s.contains("2026-12-06T16:03:14.180703Z"), "{s}");
        assert!(s.contains("someone@example.com"), "{s}");
        assert!(s.contains(r#"displayname: Some("<redacted>")"#), "{s}");
        // Inside a JSON line, with escaped quotes.
        let json = r#"{"fields":{"message":"member: Some(RoomMember { displayname: Some(\"Zed\") })","body":"my word"}}"#;
        let s = scrub(json);
        assert!(!s.contains("Zed") && !s.contains("my word"), "{s}");
        assert!(serde_json::from_str::<serde_json::Value>(&s).is_ok(), "{s}");
    }
}
