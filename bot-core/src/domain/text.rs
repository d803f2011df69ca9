//! The structured messages the bot says, which each adapter renders its own way (member text in
//! them is `member_text`'s, re-exported here).

use std::borrow::Cow;

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
    /// The bot's words by their key in the message files, with their arguments: each reader's
    /// language is chosen where the post is rendered (`crate::i18n::localize`).
    Say(Box<Say>),
}

/// Words from the message files: a key and named arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Say {
    pub key: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
    /// Shown emphasised (a heading, a speaker's call).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
}

impl Say {
    pub fn new(key: &'static str, args: Vec<(&'static str, Arg)>) -> Say {
        Say {
            key: Cow::Borrowed(key),
            args: args
                .into_iter()
                .map(|(n, a)| (Cow::Borrowed(n), a))
                .collect(),
            strong: false,
        }
    }
}

/// An argument of the bot's words: a number (plurals choose by it), a word that selects a form
/// (`host`, `on`), or a span placed as it is (a member's name, a command, a time, other words).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    Num(i64),
    Word(Cow<'static, str>),
    Span(Span),
    /// Several spans in one place (words with member text echoed in them).
    Spans(Vec<Span>),
}

impl From<Span> for Arg {
    fn from(s: Span) -> Arg {
        Arg::Span(s)
    }
}
impl From<Vec<Span>> for Arg {
    fn from(s: Vec<Span>) -> Arg {
        Arg::Spans(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Num(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n as i64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Num(n as i64)
    }
}
impl From<&'static str> for Arg {
    fn from(w: &'static str) -> Arg {
        Arg::Word(Cow::Borrowed(w))
    }
}
impl From<bool> for Arg {
    fn from(b: bool) -> Arg {
        Arg::Word(Cow::Borrowed(if b { "yes" } else { "no" }))
    }
}

/// The bot's words by key, with named arguments: `say!("no-session", open = say::cmd("open"))`.
#[macro_export]
macro_rules! say {
    ($key:literal $(, $name:ident = $val:expr)* $(,)?) => {
        $crate::domain::text::Span::Say(::std::boxed::Box::new($crate::domain::text::Say::new(
            $key,
            ::std::vec![$((stringify!($name), $crate::domain::text::Arg::from($val))),*],
        )))
    };
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
    /// One line of the bot's words (a [`Span::Say`], built with [`say!`](crate::say)).
    pub fn say(span: Span) -> Message {
        Message::line(vec![span])
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
    /// The same message with every instant `f` maps to another one moved (a turn that moved).
    pub fn map_times(mut self, f: impl Fn(Timestamp) -> Timestamp) -> Message {
        self.each_span_mut(&mut |s| {
            if let Span::Time(t, _) = s {
                *t = f(*t);
            }
        });
        self
    }

    /// Every span of the message, those inside the bot's words' arguments included.
    pub fn each_span(&self, f: &mut impl FnMut(&Span)) {
        for b in &self.blocks {
            match b {
                Block::Line(spans) => spans.iter().for_each(|s| s.each(f)),
                Block::List(items) => items.iter().flatten().for_each(|s| s.each(f)),
                Block::Code(_) => {}
            }
        }
    }

    fn each_span_mut(&mut self, f: &mut impl FnMut(&mut Span)) {
        for b in &mut self.blocks {
            match b {
                Block::Line(spans) => spans.iter_mut().for_each(|s| s.each_mut(f)),
                Block::List(items) => items.iter_mut().flatten().for_each(|s| s.each_mut(f)),
                Block::Code(_) => {}
            }
        }
    }

    /// The members this message pings: exactly those in `Mention` spans.
    pub fn mentions(&self) -> Vec<MemberId> {
        let mut out: Vec<MemberId> = Vec::new();
        self.each_span(&mut |s| {
            if let Span::Mention(id, _) = s {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
        });
        out
    }
}

impl Span {
    /// This span and, for the bot's words, every span among their arguments, in order.
    pub fn each(&self, f: &mut impl FnMut(&Span)) {
        f(self);
        if let Span::Say(say) = self {
            for (_, a) in &say.args {
                match a {
                    Arg::Span(s) => s.each(f),
                    Arg::Spans(spans) => spans.iter().for_each(|s| s.each(f)),
                    Arg::Num(_) | Arg::Word(_) => {}
                }
            }
        }
    }

    fn each_mut(&mut self, f: &mut impl FnMut(&mut Span)) {
        f(self);
        if let Span::Say(say) = self {
            for (_, a) in &mut say.args {
                match a {
                    Arg::Span(s) => s.each_mut(f),
                    Arg::Spans(spans) => spans.iter_mut().for_each(|s| s.each_mut(f)),
                    Arg::Num(_) | Arg::Word(_) => {}
                }
            }
        }
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
    /// The bot's words shown emphasised: a [`Span::Say`] made strong.
    pub fn strong_say(span: Span) -> Span {
        match span {
            Span::Say(mut s) => {
                s.strong = true;
                Span::Say(s)
            }
            other => other,
        }
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
