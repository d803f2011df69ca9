//! The structured messages the bot says, which each adapter renders its own way (member text in
//! them is `member_text`'s, re-exported here).

use serde::{Deserialize, Serialize};

use super::ids::{Member, MemberId, Millis, Timestamp};
pub use super::member_text::{
    echo, echo_n, sanitize, sanitized, DisplayName, TextError, UserText, ECHO_END, ECHO_START,
    MAX_NAME_CHARS,
};

/// Splits a string built with [`echo`] into spans: the bot's words as `Text`, echoes as `User`.
pub fn spans_of(s: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(ECHO_START) {
        if start > 0 {
            spans.push(Span::Text(rest[..start].to_string()));
        }
        let after = &rest[start + ECHO_START.len_utf8()..];
        let end = after.find(ECHO_END).unwrap_or(after.len());
        if let Ok(u) = UserText::new(&after[..end], 200) {
            spans.push(Span::User(u));
        }
        rest = after.get(end + ECHO_END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        spans.push(Span::Text(rest.to_string()));
    }
    spans
}

/// How a timestamp is shown: the clock time, or relative ("in 3 minutes") where the platform can
/// keep it live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeStyle {
    Clock,
    Relative,
    /// A clock time that starts a range whose end follows as a `Clock` (`19:00:00–19:03:00 CET`):
    /// shown as `Clock`, except that where clock times name their zone, only the end names it.
    ClockFrom,
}

/// One piece of a message line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Span {
    /// The bot's own words.
    Text(String),
    /// Emphasised bot words.
    Strong(String),
    /// Text that came from a member: adapters escape it (no markup, no mentions).
    User(UserText),
    /// A member named without a ping.
    Name(MemberId, DisplayName),
    /// A member called: the only kind of span that may ping, and only that member.
    Mention(MemberId, DisplayName),
    /// A command as the member would type it, without prefix (`round start 3m`): adapters add
    /// their own prefix (`!` or `/`).
    Command(String),
    /// An instant.
    Time(Timestamp, TimeStyle),
    /// A duration, spoken ("3 minutes").
    Duration(Millis),
    /// An instant with the IANA zone it belongs to (a scheduled meeting): platforms that can show
    /// each reader's local time do so (Discord `<t:UNIX:F>`); others show it in this zone, named.
    ZonedTime(Timestamp, String),
}

/// A paragraph, a list, or a document shown as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "block", content = "spans", rename_all = "snake_case")]
pub enum Block {
    Line(Vec<Span>),
    List(Vec<Vec<Span>>),
    /// A document to copy (a format exported as TOML), in a monospace block, line breaks kept.
    /// It holds member text: adapters escape it, and nothing in it pings.
    Code(String),
}

/// What the bot says, as structure. Adapters decide only how it looks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub blocks: Vec<Block>,
}

impl Message {
    pub fn line(spans: Vec<Span>) -> Message {
        Message {
            blocks: vec![Block::Line(spans)],
        }
    }
    pub fn text(s: impl Into<String>) -> Message {
        Message::line(vec![Span::Text(s.into())])
    }
    /// One line per item, in order.
    pub fn lines(lines: impl IntoIterator<Item = Vec<Span>>) -> Message {
        Message {
            blocks: lines.into_iter().map(Block::Line).collect(),
        }
    }
    pub fn then_line(mut self, spans: Vec<Span>) -> Message {
        self.blocks.push(Block::Line(spans));
        self
    }
    pub fn then_list(mut self, items: Vec<Vec<Span>>) -> Message {
        self.blocks.push(Block::List(items));
        self
    }
    pub fn append(mut self, other: Message) -> Message {
        self.blocks.extend(other.blocks);
        self
    }
    /// The members this message pings: exactly those in `Mention` spans.
    /// The same message with every instant `f` maps to another one moved (a turn that moved).
    pub fn map_times(mut self, f: impl Fn(Timestamp) -> Timestamp) -> Message {
        let map = |spans: &mut Vec<Span>| {
            for s in spans.iter_mut() {
                if let Span::Time(t, _) = s {
                    *t = f(*t);
                }
            }
        };
        for b in &mut self.blocks {
            match b {
                Block::Line(spans) => map(spans),
                Block::List(items) => items.iter_mut().for_each(map),
                Block::Code(_) => {}
            }
        }
        self
    }

    pub fn mentions(&self) -> Vec<MemberId> {
        let mut out: Vec<MemberId> = Vec::new();
        let mut visit = |spans: &Vec<Span>| {
            for s in spans {
                if let Span::Mention(id, _) = s {
                    if !out.contains(id) {
                        out.push(id.clone());
                    }
                }
            }
        };
        for b in &self.blocks {
            match b {
                Block::Line(spans) => visit(spans),
                Block::List(items) => items.iter().for_each(&mut visit),
                Block::Code(_) => {}
            }
        }
        out
    }
}

/// Short constructors so message code reads like the sentence it builds.
pub mod say {
    use super::*;

    pub fn t(s: impl Into<String>) -> Span {
        Span::Text(s.into())
    }
    pub fn strong(s: impl Into<String>) -> Span {
        Span::Strong(s.into())
    }
    pub fn user(u: &UserText) -> Span {
        Span::User(u.clone())
    }
    pub fn name(m: &Member) -> Span {
        Span::Name(m.id.clone(), m.name.clone())
    }
    pub fn mention(m: &Member) -> Span {
        Span::Mention(m.id.clone(), m.name.clone())
    }
    pub fn cmd(s: impl Into<String>) -> Span {
        Span::Command(s.into())
    }
    pub fn clock(at: Timestamp) -> Span {
        Span::Time(at, TimeStyle::Clock)
    }
    pub fn clock_from(at: Timestamp) -> Span {
        Span::Time(at, TimeStyle::ClockFrom)
    }
    pub fn relative(at: Timestamp) -> Span {
        Span::Time(at, TimeStyle::Relative)
    }
    pub fn dur(d: Millis) -> Span {
        Span::Duration(d)
    }
    pub fn zoned(at: Timestamp, tz: &str) -> Span {
        Span::ZonedTime(at, tz.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_controls_and_bidi_and_folds_space() {
        assert_eq!(sanitize("  a\u{202E}b\u{0007}\n\t c\u{200B} "), "ab c");
        assert_eq!(sanitize("a \u{200B} \u{0007}b  "), "a b");
        assert_eq!(sanitize(" \u{202E} "), "");
        let mut start = sanitized("  one   two three");
        assert_eq!(start.by_ref().take(5).collect::<String>(), "one t");
        assert_eq!(start.collect::<String>(), "wo three");
        assert_eq!(sanitize("\u{2066}x\u{2069}"), "x");
        // emoji sequences keep their joiner
        assert_eq!(sanitize("👩\u{200D}💻"), "👩\u{200D}💻");
    }

    #[test]
    fn user_text_is_bounded_and_redacted_in_debug() {
        assert_eq!(UserText::new("   ", 10), Err(TextError::Empty));
        assert_eq!(
            UserText::new(&"x".repeat(3000), 40),
            Err(TextError::TooLong {
                max: 40,
                found: 3000
            })
        );
        let u = UserText::new("hopeful", 40).unwrap();
        assert_eq!(format!("{u:?}"), "<redacted>");
        assert_eq!(u.as_str(), "hopeful");
    }

    #[test]
    fn display_names_are_cut_not_refused() {
        let n = DisplayName::new(&"y".repeat(3000));
        assert_eq!(n.as_str().chars().count(), MAX_NAME_CHARS);
        assert_eq!(DisplayName::new("\u{202E}").as_str(), "someone");
    }

    #[test]
    fn echoed_input_becomes_member_text_and_cannot_be_forged() {
        let s = format!("{} is not a duration", echo("<b>@everyone\u{E001}</b>"));
        let spans = spans_of(&s);
        assert_eq!(spans.len(), 3, "{spans:?}");
        assert_eq!(spans[0], Span::Text("“".into()));
        match &spans[1] {
            Span::User(u) => assert_eq!(u.as_str(), "<b>@everyone</b>"),
            other => panic!("{other:?}"),
        }
        assert_eq!(spans[2], Span::Text("” is not a duration".into()));
        assert_eq!(spans_of("plain"), vec![Span::Text("plain".into())]);
    }

    #[test]
    fn only_mention_spans_ping() {
        let a = Member::new("a", "Ann");
        let b = Member::new("b", "Bo");
        let m = Message::line(vec![say::name(&a), say::mention(&b), say::mention(&b)]);
        assert_eq!(m.mentions(), vec![MemberId::new("b")]);
    }
}
