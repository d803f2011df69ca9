//! Plain-text rendering of structured messages (console, JSON transcripts, logs-free previews).

use crate::domain::{Block, Lang, Message, Span, TimeStyle, Timestamp};
use crate::i18n;

/// Renders without markup, in English: mentions as `@Name`, commands in backticks, times as UTC
/// clock times.
pub fn plain(m: &Message) -> String {
    plain_in(m, Lang::En, "", None)
}

/// Renders in English with a command prefix (`!`) and, when known, `now` for relative times
/// ("in 3 minutes").
pub fn plain_with(m: &Message, prefix: &str, now: Option<Timestamp>) -> String {
    plain_in(m, Lang::En, prefix, now)
}

/// Renders in `lang` with a command prefix and, when known, `now` for relative times.
pub fn plain_in(m: &Message, lang: Lang, prefix: &str, now: Option<Timestamp>) -> String {
    let m = i18n::localize(m, lang);
    let mut lines = Vec::new();
    for b in &m.blocks {
        match b {
            Block::Line(spans) => lines.push(spans_plain(spans, lang, prefix, now)),
            Block::List(items) => {
                for i in items {
                    lines.push(format!("  • {}", spans_plain(i, lang, prefix, now)));
                }
            }
            Block::Code(text) => lines.extend(text.lines().map(|l| match l {
                "" => String::new(),
                l => format!("    {l}"),
            })),
        }
    }
    lines.join("\n")
}

fn spans_plain(spans: &[Span], lang: Lang, prefix: &str, now: Option<Timestamp>) -> String {
    let mut s = String::new();
    for sp in spans {
        match sp {
            Span::Text(t) | Span::Strong(t) => s.push_str(t),
            Span::User(u) => s.push_str(u.as_str()),
            Span::Name(_, n) => s.push_str(n.as_str()),
            Span::Mention(_, n) => {
                s.push('@');
                s.push_str(n.as_str());
            }
            Span::Command(c) => {
                s.push('`');
                s.push_str(prefix);
                s.push_str(c);
                s.push('`');
            }
            Span::Time(at, TimeStyle::Clock | TimeStyle::ClockFrom) => s.push_str(&clock(*at)),
            Span::Time(at, TimeStyle::Relative) => match now {
                Some(n) => s.push_str(&i18n::relative(lang, *at, n)),
                None => s.push_str(&clock(*at)),
            },
            Span::Duration(d) => s.push_str(&i18n::duration(lang, *d)),
            // Localized above: no words by key are left.
            Span::Say(_) => {}
            Span::ZonedTime(at, tz) => {
                s.push_str(&crate::domain::calendar::format_zoned(*at, tz, lang))
            }
        }
    }
    s
}

/// `HH:MM:SS` UTC (the console's clock); adapters show local times their own way.
pub fn clock(at: Timestamp) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp_millis(at.0)
        .map(|t| t.format("%H:%M:%S").to_string())
        .unwrap_or_default()
}
