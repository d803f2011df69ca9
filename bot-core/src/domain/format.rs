//! A meeting's format: the ordered parts a meeting walks through (kind, title, time box, text,
//! how a share part shares), their limits and planned lengths, and the admin's edits to it, each
//! refusal worded for the admin, and the words that shape a go-around (its order, crosstalk).
//! Templates and the TOML document live in `format_doc.rs`.

use serde::{Deserialize, Serialize};

use super::ids::Millis;
use super::lang::Lang;
use super::outcome::{Rejection, RejectionCode as Code};
use super::text::{echo, say, spans_of, Block, Message, Say, Span, TextError, UserText};
use crate::say;

/// The template words, in the order of `format_doc::TEMPLATES`.
pub const TEMPLATE_WORDS: &[&str] = &[
    "open-circle",
    "twelve-step",
    "smart",
    "counsellor",
    "check-in",
];

/// Longest document `format import` reads (bytes).
pub const DOC_MAX: usize = 100_000;

/// A format document as a member sent it (its lines kept): redacted in `Debug`, like all member
/// text.
#[derive(Clone, PartialEq, Eq)]
pub struct Document(pub String);

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Document(<redacted>)")
    }
}

/// Reads a document: a code block's fences (```` ```toml ````) are taken off, each line is
/// cleaned of control and direction characters; at most `max` bytes.
pub fn document(raw: &str, max: usize) -> Result<Document, Span> {
    let mut t = raw.trim();
    if let Some(rest) = t.strip_prefix("```") {
        let rest = rest.split_once('\n').map_or("", |(_, body)| body);
        t = rest.trim_end().strip_suffix("```").unwrap_or(rest);
    }
    if let Some(why) = document_too_long(t.len(), max) {
        return Err(why);
    }
    let clean: Vec<String> = t
        .lines()
        .map(|l| {
            l.chars()
                .filter(|c| *c == '\t' || !super::member_text::is_forbidden(*c))
                .collect()
        })
        .collect();
    let doc = clean.join("\n");
    if doc.trim().is_empty() {
        return Err(say!("format-document-empty"));
    }
    Ok(Document(doc))
}

/// Why a document of `len` bytes is refused when a format fits in `max` (also said of a file
/// by its size, before it is fetched), in the bot's words. `None`: it fits.
pub fn document_too_long(len: usize, max: usize) -> Option<Span> {
    (len > max).then(|| say!("format-document-too-long", bytes = len, max = max))
}

/// Reads a document sent as a file: at most `max` bytes of UTF-8 text (a byte order mark is
/// dropped), then as [`document`].
pub fn document_from_bytes(bytes: &[u8], max: usize) -> Result<Document, Span> {
    if let Some(why) = document_too_long(bytes.len(), max) {
        return Err(why);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| say!("format-document-not-text"))?;
    document(text.trim_start_matches('\u{feff}'), max)
}

/// Longest name of the service role that reads a reading.
pub const ROLE_MAX: usize = 32;

/// Most parts a format may have.
pub const MAX_PARTS: usize = 30;
/// Longest part title.
pub const TITLE_MAX: usize = 80;
/// Longest format name.
pub const NAME_MAX: usize = 60;
/// Longest text of one part (a reading of about two pages; Discord's long-text field holds 4,000).
pub const TEXT_MAX: usize = 3_000;
/// Most lines a part's text may have.
pub const TEXT_LINES_MAX: usize = 60;
/// The shortest time box.
pub const MIN_TIME_BOX: Millis = Millis(10_000);
/// The longest time box: a whole meeting.
pub const MAX_TIME_BOX: Millis = Millis(4 * 3600 * 1000);
/// How fast a text is read aloud, for a reading's planned length (words per minute).
const READ_ALOUD_WPM: u64 = 130;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundOrder {
    Checkin,
    Queue,
    Shuffle,
}

impl RoundOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundOrder::Checkin => "checkin",
            RoundOrder::Queue => "queue",
            RoundOrder::Shuffle => "shuffle",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Crosstalk {
    None,
    Discussion,
    Open,
}

impl Crosstalk {
    pub fn as_str(self) -> &'static str {
        match self {
            Crosstalk::None => "none",
            Crosstalk::Discussion => "discussion",
            Crosstalk::Open => "open",
        }
    }
}

/// What a part of a meeting is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// A text the bot posts (a welcome, a statement).
    Text,
    /// A text read aloud by a member (the day's reader), posted so everyone can follow.
    Reading,
    /// A moment of silence (timed).
    Silence,
    /// A check-in go-around, optionally timed per person.
    Checkin,
    /// A share round with its own share time, order and crosstalk policy.
    Share,
    /// A discussion with crosstalk (timed).
    Discussion,
    /// Announcements.
    Announcements,
    /// A break (timed).
    Break,
    /// The closing: when it ends, the session closes.
    Closing,
}

impl PartKind {
    pub const ALL: [PartKind; 9] = [
        PartKind::Text,
        PartKind::Reading,
        PartKind::Silence,
        PartKind::Checkin,
        PartKind::Share,
        PartKind::Discussion,
        PartKind::Announcements,
        PartKind::Break,
        PartKind::Closing,
    ];

    /// The kinds as the catalogue offers them.
    pub const WORDS: &'static [&'static str] = &[
        "text",
        "reading",
        "silence",
        "checkin",
        "share",
        "discussion",
        "announcements",
        "break",
        "closing",
    ];

    pub fn word(self) -> &'static str {
        match self {
            PartKind::Text => "text",
            PartKind::Reading => "reading",
            PartKind::Silence => "silence",
            PartKind::Checkin => "checkin",
            PartKind::Share => "share",
            PartKind::Discussion => "discussion",
            PartKind::Announcements => "announcements",
            PartKind::Break => "break",
            PartKind::Closing => "closing",
        }
    }

    pub fn from_word(word: &str) -> Option<PartKind> {
        let w = word.trim().to_lowercase();
        let w = match w.as_str() {
            "check-in" => "checkin",
            "sharing" | "shares" | "round" => "share",
            "announcement" => "announcements",
            other => other,
        };
        PartKind::ALL.into_iter().find(|k| k.word() == w)
    }

    /// The title a part of this kind gets when none is given, in `lang` (it is kept as the
    /// part's own title, which the admins may change).
    pub fn default_title(self, lang: Lang) -> UserText {
        let words = crate::i18n::text(
            lang,
            &Say::new("format-default-title", vec![("kind", self.word().into())]),
        );
        UserText::new(&words, TITLE_MAX)
            .or_else(|_| UserText::new(self.word(), TITLE_MAX))
            .expect("titles fit")
    }

    /// Kinds that are nothing without a time box get this one when none is given.
    pub fn default_time(self) -> Option<Millis> {
        match self {
            PartKind::Silence => Some(Millis::mins(1)),
            PartKind::Break => Some(Millis::mins(10)),
            PartKind::Discussion => Some(Millis::mins(15)),
            _ => None,
        }
    }

    /// Whether a part of this kind must have a time box.
    pub fn needs_time(self) -> bool {
        self.default_time().is_some()
    }

    /// Whether the part runs a go-around (its time is each person's).
    pub fn runs_round(self) -> bool {
        matches!(self, PartKind::Checkin | PartKind::Share)
    }
}

/// How long each speaker of a share part has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", content = "each", rename_all = "snake_case")]
pub enum ShareTime {
    /// The same time each.
    Each(Millis),
    /// The time left until the closing, divided equally among those still to share.
    UntilClosing,
}

/// One part of a format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub kind: PartKind,
    pub title: UserText,
    /// The time box (a check-in: each person's time; a share part has its `share` instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Millis>,
    /// What the bot posts when the part begins, one entry per line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<UserText>,
    /// A share part's time per speaker (`None`: the place's share time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareTime>,
    /// A share part's order (`None`: check-in order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<RoundOrder>,
    /// A share part's crosstalk policy (`None`: the place's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crosstalk: Option<Crosstalk>,
    /// The service role whose servant reads a reading (`None`: `reader`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The service role that reads when a reading names none.
pub const DEFAULT_READER_ROLE: &str = "reader";

impl Part {
    /// A part of `kind` with its default title (in `lang`) and time box.
    pub fn new(kind: PartKind, lang: Lang) -> Part {
        Part {
            kind,
            title: kind.default_title(lang),
            time: kind.default_time(),
            text: vec![],
            share: None,
            order: None,
            crosstalk: None,
            role: None,
        }
    }

    /// Whether the part ends by itself when its time box runs out (a check-in's time is each
    /// person's, a share part ends with its round).
    pub fn is_timed(&self) -> bool {
        !self.kind.runs_round() && self.time.is_some()
    }

    /// The service role that reads this reading.
    pub fn reader_role(&self) -> &str {
        self.role.as_deref().unwrap_or(DEFAULT_READER_ROLE)
    }

    /// How long the part is planned to take, when that can be known: its time box; a text's
    /// reading time when untimed; for a go-around, each person's time for `speakers` people
    /// (unknown until someone is there). `share_time` is the place's.
    pub fn planned(&self, speakers: usize, share_time: Millis) -> Option<Millis> {
        match self.kind {
            PartKind::Checkin | PartKind::Share => {
                let each = match (self.kind, self.share) {
                    (PartKind::Checkin, _) => self.time?,
                    (_, Some(ShareTime::Each(d))) => d,
                    (_, Some(ShareTime::UntilClosing)) => return None,
                    (_, None) => share_time,
                };
                (speakers > 0).then(|| Millis(each.0 * speakers as i64))
            }
            _ => self.time.or_else(|| self.reading_time()),
        }
    }

    /// About how long reading the part's text aloud takes (half-minute steps), if it has one.
    fn reading_time(&self) -> Option<Millis> {
        let words: usize = self
            .text
            .iter()
            .map(|l| l.as_str().split_whitespace().count())
            .sum();
        if words == 0 {
            return None;
        }
        let secs = (words as u64 * 60).div_ceil(READ_ALOUD_WPM);
        Some(Millis(secs.div_ceil(30) as i64 * 30_000))
    }

    /// The part's text as message lines.
    pub fn text_blocks(&self) -> Vec<Block> {
        self.text
            .iter()
            .map(|l| Block::Line(vec![say::user(l)]))
            .collect()
    }

    /// What the part is, in a few words for the agenda: `silence, 1 minute`,
    /// `share, 3 minutes each`.
    pub fn describe(&self) -> Vec<Span> {
        let mut s = vec![say!("format-kind", kind = self.kind.word())];
        let mut then = |words: Span| {
            s.push(say::t(", "));
            s.push(words);
        };
        match (self.kind, self.share, self.time) {
            (PartKind::Share, Some(ShareTime::UntilClosing), _) => {
                then(say!("format-describe-until-closing"))
            }
            (PartKind::Share, Some(ShareTime::Each(d)), _) | (PartKind::Checkin, _, Some(d)) => {
                then(say!("format-describe-each", time = say::dur(d)))
            }
            (PartKind::Share, None, _) => then(say!("format-describe-share-time-each")),
            (_, _, Some(d)) => then(say::dur(d)),
            _ => {}
        }
        if let Some(o) = self.order.filter(|_| self.kind == PartKind::Share) {
            then(say!("format-describe-order", order = o.as_str()));
        }
        if let Some(c) = self.crosstalk {
            then(say!("format-describe-crosstalk", policy = c.as_str()));
        }
        if self.kind == PartKind::Reading {
            // The role's name as the admins wrote it.
            then(say!(
                "format-describe-read-by",
                role = say::t(self.reader_role())
            ));
        }
        s
    }
}

/// A place's format: its name and parts in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Format {
    pub name: UserText,
    pub parts: Vec<Part>,
}

/// What someone typed, echoed back as member text (sanitised, at most 40 characters, like
/// [`echo`]): the quotes around it are the message's own.
pub(crate) fn echoed(raw: &str) -> Vec<Span> {
    spans_of(&echo(raw))
        .into_iter()
        .filter(|s| matches!(s, Span::User(_)))
        .collect()
}

/// A refusal about a format edit.
pub(crate) fn format_error(spans: Vec<Span>) -> Rejection {
    Rejection::new(Code::InvalidSetting, Message::line(spans))
}

/// Checks a time box: at least [`MIN_TIME_BOX`], at most [`MAX_TIME_BOX`] (what is wrong, in
/// the bot's words).
pub fn check_time_box(d: Millis) -> Result<Millis, Span> {
    if d < MIN_TIME_BOX {
        return Err(say!(
            "format-time-box-too-short",
            min = say::dur(MIN_TIME_BOX)
        ));
    }
    if d > MAX_TIME_BOX {
        return Err(say!(
            "format-time-box-too-long",
            max = say::dur(MAX_TIME_BOX)
        ));
    }
    Ok(d)
}

/// Reads a part's text: one entry per non-empty line, each sanitised; at most [`TEXT_MAX`]
/// characters and [`TEXT_LINES_MAX`] lines in all.
/// What is wrong is said in the bot's words.
pub fn text_lines(raw: &str) -> Result<Vec<UserText>, Span> {
    let mut lines = Vec::new();
    let mut total = 0;
    for raw_line in raw.lines() {
        match UserText::new(raw_line, TEXT_MAX) {
            Ok(l) => {
                total += l.as_str().chars().count();
                lines.push(l);
            }
            Err(TextError::Empty) => {}
            Err(TextError::TooLong { found, .. }) => total += found,
        }
    }
    if total > TEXT_MAX {
        return Err(say!("format-text-too-long", found = total, max = TEXT_MAX));
    }
    if lines.is_empty() {
        return Err(say!("parse-text-empty"));
    }
    if lines.len() > TEXT_LINES_MAX {
        return Err(say!(
            "format-text-too-many-lines",
            found = lines.len(),
            max = TEXT_LINES_MAX
        ));
    }
    Ok(lines)
}

/// What an admin changes in one part (`format time`, `format title`, `format text`…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartEdit {
    /// A time box (a share part: each speaker's time), or none.
    Time(TimeBox),
    Title(UserText),
    Text(Vec<UserText>),
    /// A share part's order.
    Order(RoundOrder),
    /// A share or discussion part's crosstalk policy.
    Crosstalk(Crosstalk),
    /// The service role that reads a reading.
    Role(String),
}

/// A time box as an admin gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeBox {
    For(Millis),
    /// No time box: the chair moves on.
    Untimed,
    /// A share part: the time until the closing, shared equally.
    UntilClosing,
}

/// Reads a time box: a duration, `none`, or `until-closing` (what is wrong, in the bot's words).
pub fn parse_time_box(raw: &str) -> Result<TimeBox, Span> {
    match raw.trim().to_lowercase().as_str() {
        "none" | "off" | "untimed" => Ok(TimeBox::Untimed),
        "until-closing" | "closing" | "until-close" => Ok(TimeBox::UntilClosing),
        s => super::typed::read_duration(s)
            .map_err(|why| {
                say!(
                    "format-time-box-bad",
                    why = why,
                    none = super::typed::as_typed("none"),
                    closing = super::typed::as_typed("until-closing")
                )
            })
            .and_then(check_time_box)
            .map(TimeBox::For),
    }
}

impl Part {
    /// Applies an edit, refusing what does not fit the part's kind (the refusal's words: why).
    pub fn edit(&mut self, edit: PartEdit) -> Result<(), Span> {
        let kind = self.kind;
        match edit {
            PartEdit::Time(TimeBox::UntilClosing) if kind != PartKind::Share => {
                Err(say!("format-until-closing-share-only"))
            }
            PartEdit::Time(TimeBox::UntilClosing) => {
                self.share = Some(ShareTime::UntilClosing);
                Ok(())
            }
            PartEdit::Time(TimeBox::Untimed) if kind.needs_time() => Err(say!(
                "format-needs-time",
                kind = say!("format-kind", kind = kind.word()),
                example = say::t(kind.default_time().map(|d| d.compact()).unwrap_or_default())
            )),
            PartEdit::Time(TimeBox::Untimed) => {
                if kind == PartKind::Share {
                    self.share = None;
                } else {
                    self.time = None;
                }
                Ok(())
            }
            PartEdit::Time(TimeBox::For(d)) => {
                if kind == PartKind::Share {
                    self.share = Some(ShareTime::Each(d));
                } else {
                    self.time = Some(d);
                }
                Ok(())
            }
            PartEdit::Title(t) => {
                self.title = t;
                Ok(())
            }
            PartEdit::Text(lines) => {
                self.text = lines;
                Ok(())
            }
            PartEdit::Order(_) if kind != PartKind::Share => Err(say!("format-order-share-only")),
            PartEdit::Order(o) => {
                self.order = Some(o);
                Ok(())
            }
            PartEdit::Crosstalk(_) if !matches!(kind, PartKind::Share | PartKind::Discussion) => {
                Err(say!("format-crosstalk-share-only"))
            }
            PartEdit::Crosstalk(c) => {
                self.crosstalk = Some(c);
                Ok(())
            }
            PartEdit::Role(_) if kind != PartKind::Reading => Err(say!("format-role-reading-only")),
            PartEdit::Role(r) => {
                self.role = Some(r.to_lowercase());
                Ok(())
            }
        }
    }
}

/// The index of part `number` (1-based) among `len` parts, or a refusal naming the parts there
/// are.
pub fn part_index(len: usize, number: u32) -> Result<usize, Rejection> {
    let i = number as usize;
    if i == 0 || i > len {
        return Err(format_error(vec![match len {
            0 => say!("format-no-parts-yet", add = say::cmd("format add")),
            n => say!("format-parts-there-are", parts = n),
        }]));
    }
    Ok(i - 1)
}

impl Format {
    /// The part at 1-based `number`, or a refusal naming the parts there are.
    pub fn index(&self, number: u32) -> Result<usize, Rejection> {
        part_index(self.parts.len(), number)
    }

    /// The text of the part at 1-based `number`, its lines joined with `\n` (`None`: no such
    /// part, or it has no text), as an editor offers it to be changed.
    pub fn part_text(&self, number: u32) -> Option<String> {
        let part = self.parts.get(self.index(number).ok()?)?;
        (!part.text.is_empty()).then(|| {
            part.text
                .iter()
                .map(UserText::as_str)
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// A format of one part, for a place (whose language is `lang`) that had none.
    pub fn starting_with(part: Part, lang: Lang) -> Format {
        let name = crate::i18n::text(lang, &Say::new("format-default-name", vec![]));
        Format {
            name: UserText::new(&name, NAME_MAX)
                .or_else(|_| UserText::new("?", NAME_MAX))
                .expect("fits"),
            parts: vec![part],
        }
    }

    /// Adds a part at the end; returns its index.
    pub fn add(&mut self, part: Part) -> Result<usize, Rejection> {
        if self.parts.len() >= MAX_PARTS {
            return Err(format_error(vec![say!(
                "format-too-many-parts",
                max = MAX_PARTS,
                remove = say::cmd("format remove")
            )]));
        }
        self.parts.push(part);
        Ok(self.parts.len() - 1)
    }

    /// Removes part `number`; refuses to leave the format empty (`format off` removes it).
    pub fn remove(&mut self, number: u32) -> Result<Part, Rejection> {
        let i = self.index(number)?;
        if self.parts.len() == 1 {
            return Err(format_error(vec![say!(
                "format-last-part",
                off = say::cmd("format off")
            )]));
        }
        Ok(self.parts.remove(i))
    }

    /// Moves part `number` to become part `to` (past the end: the last).
    pub fn move_part(&mut self, number: u32, to: u32) -> Result<usize, Rejection> {
        let i = self.index(number)?;
        let part = self.parts.remove(i);
        let j = (to as usize).clamp(1, self.parts.len() + 1) - 1;
        self.parts.insert(j, part);
        Ok(j)
    }

    /// Changes part `number`.
    pub fn edit(&mut self, number: u32, edit: PartEdit) -> Result<usize, Rejection> {
        let i = self.index(number)?;
        self.parts[i]
            .edit(edit)
            .map_err(|why| edit_refused(i + 1, why))?;
        Ok(i)
    }

    /// The whole format, as `format show` says it.
    pub fn message(&self) -> Message {
        let msg = Message::say(say!(
            "format-show",
            heading = say::strong_say(say!("format-show-heading")),
            name = say::user(&self.name),
            parts = self.parts.len()
        ));
        let items = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut l = vec![say::t(format!("{}. ", i + 1)), say::user(&p.title)];
                l.push(say::t(" — "));
                l.extend(p.describe());
                l.extend(p.text_size());
                l
            })
            .collect();
        msg.then_list(items)
    }
}

/// A refusal for a part edit that does not fit (`why`, the words of [`Part::edit`]'s refusal).
pub(crate) fn edit_refused(number: usize, why: Span) -> Rejection {
    format_error(vec![say!(
        "format-part-refused",
        number = number,
        why = why
    )])
}

/// A refusal for a part kind nobody knows: the kind typed, echoed, and the kinds there are.
pub(crate) fn unknown_kind(raw: &str) -> Span {
    say!(
        "format-unknown-kind",
        kind = echoed(raw),
        kinds = say::t(
            PartKind::WORDS
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    )
}

impl Part {
    /// ", text of 120 characters" when the part has a text, for a list of parts.
    pub(crate) fn text_size(&self) -> Vec<Span> {
        if self.text.is_empty() {
            return vec![];
        }
        let chars: usize = self.text.iter().map(|t| t.as_str().chars().count()).sum();
        vec![say::t(", "), say!("format-text-size", chars = chars)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parts_text_comes_back_as_lines_joined() {
        let mut f = Format::starting_with(Part::new(PartKind::Reading, Lang::En), Lang::En);
        assert_eq!(f.part_text(1), None, "no text yet");
        f.parts[0].text = text_lines("First paragraph.\n\nSecond one.").unwrap();
        assert_eq!(
            f.part_text(1).as_deref(),
            Some("First paragraph.\nSecond one.")
        );
        assert_eq!(f.part_text(2), None);
        assert_eq!(f.part_text(0), None);
    }

    #[test]
    fn a_readings_planned_length_is_its_reading_time_in_half_minutes() {
        let mut p = Part::new(PartKind::Reading, Lang::En);
        assert_eq!(p.planned(0, Millis::mins(3)), None);
        p.text = text_lines(&"word ".repeat(260)).unwrap();
        assert_eq!(p.planned(0, Millis::mins(3)), Some(Millis::mins(2)));
        p.text = text_lines("one two three").unwrap();
        assert_eq!(p.planned(0, Millis::mins(3)), Some(Millis(30_000)));
        p.time = Some(Millis::mins(5));
        assert_eq!(p.planned(0, Millis::mins(3)), Some(Millis::mins(5)));
    }

    #[test]
    fn a_go_around_is_planned_per_person_once_people_are_there() {
        let mut share = Part::new(PartKind::Share, Lang::En);
        assert_eq!(share.planned(0, Millis::mins(3)), None);
        assert_eq!(share.planned(4, Millis::mins(3)), Some(Millis::mins(12)));
        share.share = Some(ShareTime::UntilClosing);
        assert_eq!(share.planned(4, Millis::mins(3)), None);
        let mut checkin = Part::new(PartKind::Checkin, Lang::En);
        assert_eq!(checkin.planned(4, Millis::mins(3)), None);
        checkin.time = Some(Millis::mins(1));
        assert_eq!(checkin.planned(4, Millis::mins(3)), Some(Millis::mins(4)));
    }

    /// What is wrong, as an English reader reads it.
    fn why<T: std::fmt::Debug>(r: Result<T, Span>) -> String {
        crate::render::plain(&Message::line(vec![r.unwrap_err()]))
    }

    #[test]
    fn time_boxes_refuse_zero_and_days_and_read_the_words() {
        assert_eq!(
            why(parse_time_box("0s")),
            "a time box must be at least 10 seconds (`30s`, `2m`)"
        );
        assert_eq!(
            why(parse_time_box("5h")),
            "a time box can be at most 4 hours (a whole meeting)"
        );
        assert_eq!(
            why(parse_time_box("3x")),
            "“3x” is not a duration like `90s`, `3m` or `1m30s`; or say `none` or `until-closing`"
        );
        assert_eq!(parse_time_box("2m"), Ok(TimeBox::For(Millis::mins(2))));
        assert_eq!(parse_time_box("none"), Ok(TimeBox::Untimed));
        assert_eq!(parse_time_box("until-closing"), Ok(TimeBox::UntilClosing));
    }

    #[test]
    fn edits_that_do_not_fit_the_kind_are_refused() {
        let mut silence = Part::new(PartKind::Silence, Lang::En);
        let why = silence.edit(PartEdit::Time(TimeBox::Untimed)).unwrap_err();
        let why = crate::render::plain(&crate::i18n::localize(
            &Message::line(vec![why]),
            crate::domain::Lang::En,
        ));
        assert!(why.contains("needs a time box, like `1m`"), "{why}");
        assert!(silence.edit(PartEdit::Time(TimeBox::UntilClosing)).is_err());
        assert!(silence.edit(PartEdit::Order(RoundOrder::Queue)).is_err());
        let mut share = Part::new(PartKind::Share, Lang::En);
        share.edit(PartEdit::Time(TimeBox::UntilClosing)).unwrap();
        assert_eq!(share.share, Some(ShareTime::UntilClosing));
        share
            .edit(PartEdit::Time(TimeBox::For(Millis::mins(2))))
            .unwrap();
        assert_eq!(share.share, Some(ShareTime::Each(Millis::mins(2))));
        assert_eq!(share.time, None);
    }

    #[test]
    fn texts_keep_their_lines_and_their_limit() {
        let lines = text_lines("First line\n\n  second   line \n").unwrap();
        let shown: Vec<&str> = lines.iter().map(UserText::as_str).collect();
        assert_eq!(shown, ["First line", "second line"]);
        assert_eq!(
            why(text_lines(&"x".repeat(3001))),
            "the text is 3001 characters; please keep it to 3000"
        );
        assert_eq!(why(text_lines(" \n \n")), "the text is empty");
        assert_eq!(
            why(text_lines(&"x\n".repeat(61))),
            "the text has 61 lines; please keep it to 60"
        );
    }

    #[test]
    fn a_document_as_a_file_is_bounded_utf8_text() {
        let doc = document_from_bytes("\u{feff}name = \"x\"\n".as_bytes(), 100).unwrap();
        assert_eq!(doc.0, "name = \"x\"");
        assert_eq!(
            why(document_from_bytes(&[b'a'; 101], 100)),
            "the document is 101 bytes; a format fits in 100"
        );
        assert_eq!(
            why(document_from_bytes(&[b' '; 10], 100)),
            "the document is empty"
        );
        assert_eq!(
            document_too_long(101, 100),
            document_from_bytes(&[b'a'; 101], 100).err()
        );
        assert!(document_too_long(100, 100).is_none());
        assert_eq!(
            why(document_from_bytes(&[0xff, 0xfe, 0x00], 100)),
            "the file is not text: a format is a TOML document (UTF-8)"
        );
    }
}
