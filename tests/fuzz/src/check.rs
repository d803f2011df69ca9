//! The properties every target asserts (a failed assertion is a crash the fuzzer keeps):
//!
//! - Discord: every piece fits 2000 characters and pings only the members the message calls
//!   (`allowed_mentions` lists exactly those); apart from those pings and the bot's own `<t:…>`
//!   times, every `@`, `<`, `＠` and `﹫` is followed by a zero-width space, so `@everyone`,
//!   `@here`, `<@…>`, `<@&…>`, `<#…>` and `<t:…>` never form; member text (and a name shown
//!   without a ping) has every markdown character escaped, so no `[link](…)`, no formatting.
//! - Matrix: `formatted_body` holds only the renderer's own tags and one pill per called member;
//!   `m.mentions` names exactly the called members (never `@room`); edits ping nobody; `body` and
//!   `formatted_body` stay within `MAX_TEXT_CHARS`; every `&` starts an entity.
//! - Refusals: what a member typed comes back only as member text (`Span::User`), never in the
//!   bot's own words, where no adapter would escape it.
//!
//! Findings that are reported and not yet fixed have a name (see `artifacts-report/README.md`);
//! `SHARECIRCLE_FUZZ_KNOWN=name,name` makes a run step around exactly those inputs, so a long run
//! still covers everything else. Run without it, the reproducers fail until the fix.

use bot_core::domain::text::spans_of;
use bot_core::domain::{Block, MemberId, Message, Span, TimeStyle, Timestamp};
use serde_json::json;
use std::sync::OnceLock;

use crate::input::all_spans;
use crate::{discord, matrix};

const ZWSP: char = '\u{200B}';
/// Characters that start a Discord mention (or an `@everyone` look-alike).
const MENTION_CHARS: [char; 4] = ['@', '<', '＠', '﹫'];
/// What `escape_user` escapes with a backslash.
const MARKDOWN: [char; 13] = [
    '\\', '*', '_', '~', '`', '|', '>', '#', '-', '[', ']', '(', ')',
];

/// A Discord line longer than a message that holds a run of more than 1000 escaped backslashes
/// (500 that a member typed) can hang `split`: finding `discord-backslash-run`. Stepping around it
/// skips every message with a line holding this many backslashes in all (a cheap superset).
const BACKSLASH_RUN: usize = 500;

fn backslash_heavy(m: &Message) -> bool {
    let count = |spans: &[Span]| -> usize {
        spans
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Strong(t) => t.matches('\\').count(),
                Span::User(u) => u.as_str().matches('\\').count(),
                Span::Name(_, n) | Span::Mention(_, n) => n.as_str().matches('\\').count(),
                _ => 0,
            })
            .sum()
    };
    m.blocks.iter().any(|b| match b {
        Block::Line(spans) => count(spans) >= BACKSLASH_RUN,
        Block::List(items) => items.iter().any(|i| count(i) >= BACKSLASH_RUN),
        Block::Code(text) => text.matches('\\').count() >= BACKSLASH_RUN,
    })
}

/// Whether the run was told to step around the reported finding `name`.
pub fn known(name: &str) -> bool {
    static KNOWN: OnceLock<Vec<String>> = OnceLock::new();
    KNOWN
        .get_or_init(|| {
            std::env::var("SHARECIRCLE_FUZZ_KNOWN")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .iter()
        .any(|k| k == name)
}

/// A cron field with no value in it (`,`), which croner accepts as "never": `parse_when`'s
/// "never happens" probe then scans for seconds to minutes (finding `cron-empty-field`). Stepping
/// around it skips every WHEN, and every `schedule` line, with a word of only punctuation.
pub fn cron_empty_field(text: &str) -> bool {
    known("cron-empty-field")
        && text.split_whitespace().any(|w| {
            !w.chars()
                .any(|c| c.is_alphanumeric() || c == '*' || c == '?')
        })
}

/// The Discord user a member id calls, by the adapter's rule (`discord:N`, N > 0).
pub fn discord_uid(id: &MemberId) -> Option<u64> {
    id.as_str()
        .strip_prefix("discord:")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|n| *n > 0)
}

/// The Matrix user a member id calls (`matrix:@user:server`).
pub fn matrix_uid(id: &MemberId) -> Option<&str> {
    id.as_str()
        .strip_prefix("matrix:")
        .filter(|u| u.starts_with('@') && u.contains(':'))
}

fn called<T: PartialEq>(m: &Message, f: impl Fn(&MemberId) -> Option<T>) -> Vec<T> {
    let mut out = Vec::new();
    for s in all_spans(m) {
        if let Span::Mention(id, _) = s {
            if let Some(u) = f(id) {
                if !out.contains(&u) {
                    out.push(u);
                }
            }
        }
    }
    out
}

/// The bot's own `<…>` tokens in a rendered Discord message: pings of called members and times.
fn discord_tokens(m: &Message, users: &[u64]) -> Vec<String> {
    let mut tokens: Vec<String> = users.iter().map(|u| format!("<@{u}>")).collect();
    for s in all_spans(m) {
        let unix = |at: &Timestamp| at.0.div_euclid(1000);
        match s {
            Span::Time(at, TimeStyle::Clock) => tokens.push(format!("<t:{}:t>", unix(at))),
            Span::Time(at, TimeStyle::Relative) => tokens.push(format!("<t:{}:R>", unix(at))),
            Span::ZonedTime(at, _) => tokens.push(format!("<t:{}:F>", unix(at))),
            _ => {}
        }
    }
    tokens.sort_unstable();
    tokens.dedup();
    tokens
}

/// Every mention character in `rest` (content minus the bot's own tokens) is defused: no token
/// of the bot's is ever cut either (a cut `<@id>` loses its ping and shows `@…>`).
fn assert_defused(rest: &str, content: &str) {
    let chars: Vec<char> = rest.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        assert!(
            !MENTION_CHARS.contains(c) || chars.get(i + 1) == Some(&ZWSP),
            "live {c:?} at char {i} in Discord content {content:?}"
        );
    }
}

/// A piece of member text as Discord shows it: one line, every markdown character escaped, every
/// mention character defused.
fn assert_escaped(shown: &str, what: &str) {
    let chars: Vec<char> = shown.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            assert!(
                chars.get(i + 1).is_some_and(|n| MARKDOWN.contains(n)),
                "a lone backslash in {what} {shown:?}"
            );
            i += 2;
            continue;
        }
        assert!(
            !MARKDOWN.contains(&c),
            "unescaped {c:?} in {what} {shown:?}"
        );
        assert!(c != '\n' && c != '\r', "a line break in {what} {shown:?}");
        if MENTION_CHARS.contains(&c) {
            assert_eq!(
                chars.get(i + 1),
                Some(&ZWSP),
                "live {c:?} in {what} {shown:?}"
            );
        }
        i += 1;
    }
}

/// Renders `m` for Discord and checks every Discord property.
pub fn check_discord(m: &Message) {
    let users = called(m, discord_uid);
    let tokens = discord_tokens(m, &users);
    if known("discord-backslash-run") && backslash_heavy(m) {
        return;
    }
    let pieces = discord::render(m, bot_core::domain::Lang::En);
    assert!(!pieces.is_empty(), "nothing to send");
    for p in &pieces {
        let n = p.content.chars().count();
        assert!(
            n > 0 && n <= discord::CONTENT_MAX,
            "{n} characters in a piece"
        );
        for u in &p.users {
            assert!(users.contains(u), "{u} pinged but not called");
            assert!(
                p.content.contains(&format!("<@{u}>")),
                "{u} allowed, not shown"
            );
        }
        for u in &users {
            if p.content.contains(&format!("<@{u}>")) {
                assert!(p.users.contains(u), "{u} shown but not allowed to ping");
            }
        }
        let allowed = p.allowed_mentions();
        assert_eq!(allowed.users, p.users);
        assert!(!allowed.replied_user);
        let mut rest = p.content.clone();
        for t in &tokens {
            rest = rest.replace(t.as_str(), "");
        }
        assert_defused(&rest, &p.content);
    }
    for u in &users {
        assert!(
            pieces.iter().any(|p| p.users.contains(u)),
            "{u} called but pinged in no piece"
        );
    }
    // Each distinct span once (a repeated line repeats its spans).
    let mut distinct: Vec<&Span> = Vec::new();
    for s in all_spans(m) {
        if !distinct.contains(&s) {
            distinct.push(s);
        }
    }
    for s in distinct {
        match s {
            Span::User(_) => assert_escaped(&discord::span(s), "member text"),
            Span::Name(..) => assert_escaped(&discord::span(s), "a name"),
            Span::Mention(id, _) if discord_uid(id).is_none() => {
                assert_escaped(&discord::span(s), "an unpingable name")
            }
            Span::Strong(_) => {
                // Space around the words stays outside the stars; nothing but space shows no
                // stars at all.
                let shown = discord::span(s);
                let trimmed = shown.trim_matches(' ');
                if trimmed.is_empty() {
                    continue;
                }
                let inner = trimmed
                    .strip_prefix("**")
                    .and_then(|x| x.strip_suffix("**"))
                    .expect("strong text in **");
                assert_escaped(inner, "strong text");
            }
            _ => {}
        }
    }
}

/// `matrix.to` path escaping, as the renderer's private `url_path_escape` must do it.
fn url_path_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"@:.-_=+/~!$,;".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Renders `m` for Matrix and checks every Matrix property.
pub fn check_matrix(m: &Message, now: Timestamp, zone: &str) {
    let users: Vec<String> = called(m, |id| matrix_uid(id).map(str::to_string));
    let pills_meant = all_spans(m)
        .iter()
        .filter(|s| matches!(s, Span::Mention(id, _) if matrix_uid(id).is_some()))
        .count();
    let r = matrix::render_in(m, bot_core::domain::Lang::En, "!", now, zone);
    assert_eq!(r.mentions, users, "m.mentions is not the called members");
    let c = r.content();
    let expected = if users.is_empty() {
        json!({})
    } else {
        json!({ "user_ids": users })
    };
    assert_eq!(c["m.mentions"], expected);
    assert_eq!(
        c["msgtype"],
        if users.is_empty() {
            "m.notice"
        } else {
            "m.text"
        }
    );
    let e = r.edit_of("$edited");
    assert_eq!(e["m.mentions"], json!({}));
    assert_eq!(e["m.new_content"]["m.mentions"], json!({}));
    let body_chars = r.body.chars().count();
    assert!(body_chars <= matrix::MAX_TEXT_CHARS, "{body_chars} in body");
    // The oversized fallback: the body (cut) as escaped plain text.
    let fallback = r.html == matrix::escape(&r.body).replace('\n', "<br>");
    let tolerated = fallback && known("matrix-fallback-size");
    let html_chars = r.html.chars().count();
    assert!(
        html_chars <= matrix::MAX_TEXT_CHARS || tolerated,
        "{html_chars} characters in formatted_body (body {body_chars})"
    );

    let mut rest = r.html.clone();
    let mut pills = 0;
    for u in &users {
        let open = format!(
            "<a href=\"https://matrix.to/#/{}\">",
            matrix::escape(&url_path_escape(u))
        );
        pills += rest.matches(open.as_str()).count();
        rest = rest.replace(open.as_str(), "");
    }
    assert_eq!(rest.matches("</a>").count(), pills, "unbalanced pills");
    for tag in [
        "<br>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<strong>",
        "</strong>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "</a>",
    ] {
        rest = rest.replace(tag, "");
    }
    assert!(
        !rest.contains('<') && !rest.contains('>'),
        "markup that is not the renderer's in {:?}",
        r.html
    );
    for (i, _) in rest.match_indices('&') {
        let after = &rest[i + 1..];
        assert!(
            ["amp;", "lt;", "gt;", "quot;", "#39;"]
                .iter()
                .any(|e| after.starts_with(e)),
            "a bare & in {:?}",
            r.html
        );
    }
    if pills != pills_meant {
        // Only the oversized fallback drops pills, and then all of them: the plain text, escaped,
        // cut (with "…") so that its escaped form fits too, which can leave the body well under
        // the limit when escaping expands it. The called members stay in `m.mentions`.
        assert_eq!(pills, 0, "{pills} pills for {pills_meant} mentions");
        assert!(
            fallback || tolerated,
            "pills dropped from a message that is not the oversized fallback"
        );
    }
}

/// A refusal the core built from what a member typed: member input only in `User` spans, then
/// safe on both platforms.
pub fn check_refusal(m: &Message) {
    for s in all_spans(m) {
        let own = match s {
            Span::Text(t) | Span::Strong(t) | Span::Command(t) => t,
            _ => continue,
        };
        for c in own.chars() {
            assert!(
                !MENTION_CHARS.contains(&c)
                    && !c.is_control()
                    && !matches!(c, '\u{E000}' | '\u{E001}' | '\u{200B}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
                "{c:?} in the bot's own words {own:?}"
            );
        }
    }
    check_discord(m);
    check_matrix(m, crate::input::BASE, "UTC");
}

/// A parser's error in the bot's words (member input in it as member text), as the message the
/// core sends.
pub fn check_error_span(e: &Span) {
    check_refusal(&Message {
        blocks: vec![Block::Line(vec![e.clone()])],
    });
}

/// An error string from a parser (`echo` marks member input) as the message the core sends.
pub fn check_error_text(e: &str) {
    assert!(!e.is_empty(), "an empty error");
    check_refusal(&Message {
        blocks: vec![Block::Line(spans_of(e))],
    });
}
