//! Structured renderer inputs: a core `Message` built from fuzz bytes (through `arbitrary`), with
//! member text (`User` spans, display names) as free as the fuzzer likes and the bot's own words,
//! commands, times and durations in the shapes the core produces. Knows which members each message
//! really calls, so the checks can tell an intended ping from one smuggled in by member text.

use arbitrary::Arbitrary;
use bot_core::domain::text::DisplayName;
use bot_core::domain::{
    Block, MemberId, Message, Millis, Span, TimeStyle, Timestamp, UserText, CATALOGUE,
};

/// The core bounds member text far below this; the renderers must cope with more all the same.
pub const USER_TEXT_LIMIT: usize = 4000;

/// A fixed instant (2023-11-14) that generated times are offsets from.
pub const BASE: Timestamp = Timestamp(1_700_000_000_000);

/// Some of the bot's own words (`Text` spans carry these or free text).
const BOT_WORDS: &[&str] = &[
    "Welcome, ",
    ", you have the floor. Up next: ",
    ". ",
    " passed.",
    "Time. Thank you, ",
    "Serving today: ",
    ": ",
    ", ",
    "Crisis resources: ",
    "I don't know the command ",
    " Did you mean ",
    "?",
    "**bold** on purpose",
    "",
];

const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/St_Johns",
    "Etc/GMT+12",
];

#[derive(Arbitrary, Debug)]
pub struct FuzzMessage {
    pub blocks: Vec<FuzzBlock>,
    /// Seconds after [`BASE`] that relative times are seen from (Matrix).
    pub now: u32,
    /// The meeting's time zone, which Matrix clock times are written in.
    pub zone: FuzzZone,
}

#[derive(Arbitrary, Debug)]
pub enum FuzzBlock {
    Line(Vec<FuzzSpan>),
    List(Vec<Vec<FuzzSpan>>),
    /// The same line several times (long messages from short inputs).
    Repeated(u8, Vec<FuzzSpan>),
    /// A document shown as it is (a format exported).
    Code(String),
}

#[derive(Arbitrary, Debug)]
pub enum FuzzSpan {
    /// One of [`BOT_WORDS`].
    BotWords(u8),
    /// Free text as the bot's own words (escaped as such, never called member text).
    Text(String),
    Strong(String),
    /// Member text, `times` copies of it (bounded like the core bounds it, only higher).
    User {
        text: String,
        times: u8,
    },
    Name {
        id: FuzzId,
        name: String,
    },
    Mention {
        id: FuzzId,
        name: String,
    },
    /// A catalogue entry's words, an alias or its example.
    Command(u16),
    Time {
        secs: u32,
        relative: bool,
    },
    Duration(u32),
    Zoned {
        secs: u32,
        zone: FuzzZone,
    },
}

/// A member id: a well-formed platform id, or anything at all.
#[derive(Arbitrary, Debug)]
pub enum FuzzId {
    Discord(u64),
    Matrix { local: String, server: String },
    Raw(String),
}

#[derive(Arbitrary, Debug)]
pub enum FuzzZone {
    Known(u8),
    Raw(String),
}

impl FuzzZone {
    /// A zone name: a real one, or anything at all (the renderers fall back to UTC).
    pub fn name(&self) -> String {
        match self {
            FuzzZone::Known(i) => pick(ZONES, usize::from(*i)).to_string(),
            FuzzZone::Raw(z) => z.clone(),
        }
    }
}

impl FuzzId {
    fn member_id(&self) -> MemberId {
        match self {
            FuzzId::Discord(n) => MemberId::new(format!("discord:{n}")),
            FuzzId::Matrix { local, server } => MemberId::new(format!("matrix:@{local}:{server}")),
            FuzzId::Raw(s) => MemberId::new(s.clone()),
        }
    }
}

fn pick<'a>(list: &[&'a str], i: usize) -> &'a str {
    list[i % list.len()]
}

/// Member text as the core would hold it: sanitised and bounded (cut here rather than refused,
/// so long inputs still reach the renderer).
pub fn user_text(raw: &str) -> Option<UserText> {
    let cut: String = raw.chars().take(USER_TEXT_LIMIT).collect();
    UserText::new(&cut, USER_TEXT_LIMIT).ok()
}

fn command_words(i: u16) -> String {
    let spec = &CATALOGUE[usize::from(i) % CATALOGUE.len()];
    let mut forms = vec![spec.words, spec.example];
    forms.extend(spec.aliases.iter().copied());
    pick(&forms, usize::from(i / 7)).to_string()
}

impl FuzzSpan {
    fn span(&self) -> Option<Span> {
        Some(match self {
            FuzzSpan::BotWords(i) => Span::Text(pick(BOT_WORDS, usize::from(*i)).to_string()),
            FuzzSpan::Text(t) => Span::Text(t.clone()),
            FuzzSpan::Strong(t) => Span::Strong(t.clone()),
            FuzzSpan::User { text, times } => {
                Span::User(user_text(&text.repeat(usize::from(*times % 64) + 1))?)
            }
            FuzzSpan::Name { id, name } => Span::Name(id.member_id(), DisplayName::new(name)),
            FuzzSpan::Mention { id, name } => Span::Mention(id.member_id(), DisplayName::new(name)),
            FuzzSpan::Command(i) => Span::Command(command_words(*i)),
            FuzzSpan::Time { secs, relative } => Span::Time(
                at(*secs),
                if *relative {
                    TimeStyle::Relative
                } else {
                    TimeStyle::Clock
                },
            ),
            FuzzSpan::Duration(ms) => Span::Duration(Millis(i64::from(*ms))),
            FuzzSpan::Zoned { secs, zone } => Span::ZonedTime(at(*secs), zone.name()),
        })
    }
}

/// An instant up to 136 years after [`BASE`]: times come from clocks and schedules, never from
/// member text, so they stay in the range a clock can give.
pub fn at(secs: u32) -> Timestamp {
    Timestamp(BASE.0 + i64::from(secs) * 1000)
}

fn spans(list: &[FuzzSpan]) -> Vec<Span> {
    list.iter().filter_map(FuzzSpan::span).collect()
}

impl FuzzMessage {
    /// The core message, and when it is seen.
    pub fn message(&self) -> (Message, Timestamp) {
        let mut blocks = Vec::new();
        for b in &self.blocks {
            match b {
                FuzzBlock::Line(s) => blocks.push(Block::Line(spans(s))),
                FuzzBlock::List(items) => {
                    blocks.push(Block::List(items.iter().map(|i| spans(i)).collect()))
                }
                FuzzBlock::Code(text) => blocks.push(Block::Code(text.clone())),
                FuzzBlock::Repeated(n, s) => {
                    let line = spans(s);
                    for _ in 0..=(*n % 32) {
                        blocks.push(Block::Line(line.clone()));
                    }
                }
            }
        }
        (Message { blocks }, at(self.now))
    }
}

/// Every span of a message, lines and list items alike.
pub fn all_spans(m: &Message) -> Vec<&Span> {
    let mut out = Vec::new();
    for b in &m.blocks {
        match b {
            Block::Line(s) => out.extend(s.iter()),
            Block::List(items) => items.iter().for_each(|i| out.extend(i.iter())),
            Block::Code(_) => {}
        }
    }
    out
}
