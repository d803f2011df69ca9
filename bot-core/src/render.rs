//! Plain-text rendering of structured messages (console, JSON transcripts, logs-free previews).

use crate::domain::{Block, Message, Span, TimeStyle, Timestamp};

/// Renders without markup: mentions as `@Name`, commands in backticks, times as UTC clock times.
pub fn plain(m: &Message) -> String {
    plain_with(m, "", None)
}

/// Renders with a command prefix (`!`) and, when known, `now` for relative times ("in 3 minutes").
pub fn plain_with(m: &Message, prefix: &str, now: Option<Timestamp>) -> String {
    let mut lines = Vec::new();
    for b in &m.blocks {
        match b {
            Block::Line(spans) => lines.push(spans_plain(spans, prefix, now)),
            Block::List(items) => {
                for i in items {
                    lines.push(format!("  • {}", spans_plain(i, prefix, now)));
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

fn spans_plain(spans: &[Span], prefix: &str, now: Option<Timestamp>) -> String {
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
                Some(n) if *at >= n => {
                    s.push_str("in ");
                    s.push_str(&crate::domain::Millis(at.0 - n.0).spoken());
                }
                Some(n) => {
                    s.push_str(&crate::domain::Millis(n.0 - at.0).spoken());
                    s.push_str(" ago");
                }
                None => s.push_str(&clock(*at)),
            },
            Span::Duration(d) => s.push_str(&d.spoken()),
            Span::ZonedTime(at, tz) => s.push_str(&crate::domain::calendar::format_zoned(*at, tz)),
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
