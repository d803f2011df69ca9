//! Typed arguments: reading one argument (durations, members, words, zones…) and building a
//! command from argument values — what the text parser and typed platform options share. What is
//! wrong with an argument is said in words from `parse.ftl`, member input placed as member text.

use super::calendar::{self, When};
use super::catalogue::{self, ArgKind, ArgSpec, CommandKind};
use super::floor::ChannelArg;
use super::format::{self, PartEdit, PartKind, TimeBox};
use super::ids::Millis;
use super::lang::Lang;
use super::request::{Command, Crosstalk, MemberRef, NewSchedule, RoundOrder, SettingChange};
use super::text::{sanitize, say, Span, TextError, UserText};
use crate::say;

/// One argument's value, as a parser or a typed platform option produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValue {
    Duration(Millis),
    Durations(Vec<Millis>),
    Choice(&'static str),
    Member(MemberRef),
    Text(UserText),
    Position(u32),
    Topic(String),
    Word(String),
    When(When),
    Zone(String),
    Days(u32),
    TimeBox(TimeBox),
    Lines(Vec<UserText>),
    /// A time of day: hour, minute.
    Clock(u32, u32),
    Document(format::Document),
    Channel(ChannelArg),
    Lang(Lang),
}

pub use super::ids::{parse_duration, MAX_DURATION};
pub use super::typed::read_duration;
pub(crate) use super::typed::{as_typed, quoted, syntax};

/// What is wrong with an argument: the bot's words (from `parse.ftl`), with member input in them
/// as member text. It completes "I didn't understand “…”: {why}."
pub type ArgError = Span;

/// Most warnings a turn may have.
const MAX_WARNINGS: usize = 5;

/// Typed words joined by `, ` (`\`on\`, \`off\``).
fn typed_list(words: &[&str]) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(say::t(", "));
        }
        out.push(as_typed(w));
    }
    out
}

/// Parses one argument from text.
pub fn parse_arg(spec: &ArgSpec, raw: &str) -> Result<ArgValue, ArgError> {
    match spec.kind {
        ArgKind::Duration => read_duration(raw).map(ArgValue::Duration),
        ArgKind::DurationList => {
            let s = raw.trim();
            if s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("off") {
                return Ok(ArgValue::Durations(Vec::new()));
            }
            let mut out = Vec::new();
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                out.push(read_duration(part)?);
            }
            if out.is_empty() {
                return Err(say!("parse-durations-empty"));
            }
            if out.len() > MAX_WARNINGS {
                return Err(say!("parse-durations-too-many", max = MAX_WARNINGS));
            }
            Ok(ArgValue::Durations(out))
        }
        ArgKind::Choice(words) => {
            let w = raw.trim().to_lowercase();
            words
                .iter()
                .find(|c| **c == w)
                .map(|c| ArgValue::Choice(c))
                .ok_or_else(|| {
                    say!(
                        "parse-choice",
                        typed = quoted(raw, 40),
                        choices = typed_list(words)
                    )
                })
        }
        ArgKind::Member => {
            let s = sanitize(raw);
            if s.is_empty() {
                Err(say!("parse-member-missing"))
            } else {
                Ok(ArgValue::Member(MemberRef(s.chars().take(100).collect())))
            }
        }
        ArgKind::Text { max } => match UserText::new(raw, max) {
            Ok(t) => Ok(ArgValue::Text(t)),
            Err(TextError::Empty) => Err(say!("parse-text-empty")),
            Err(TextError::TooLong { max, found }) => {
                Err(say!("parse-text-too-long", found = found, max = max))
            }
        },
        ArgKind::Position => match raw.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(ArgValue::Position(n)),
            _ => Err(say!("parse-position", typed = quoted(raw, 40))),
        },
        ArgKind::Word => {
            let w = sanitize(raw);
            let n = w.chars().count();
            if n == 0 || w.contains(' ') {
                Err(say!("parse-word-one"))
            } else if n > super::catalogue::WORD_MAX {
                Err(say!(
                    "parse-word-too-long",
                    max = super::catalogue::WORD_MAX
                ))
            } else if !w
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                Err(say!("parse-word-letters", typed = quoted(&w, 40)))
            } else {
                Ok(ArgValue::Word(w))
            }
        }
        ArgKind::When => calendar::parse_when(raw).map(ArgValue::When),
        ArgKind::TimeZone => calendar::parse_zone(raw).map(ArgValue::Zone),
        ArgKind::Days => {
            let s = raw.trim().to_lowercase();
            let digits = s
                .strip_suffix("days")
                .or_else(|| s.strip_suffix('d'))
                .unwrap_or(&s);
            match digits.parse::<u32>() {
                Ok(n) if (1..=3650).contains(&n) => Ok(ArgValue::Days(n)),
                _ => Err(say!("parse-days", typed = quoted(raw, 40))),
            }
        }
        ArgKind::TimeBox => format::parse_time_box(raw).map(ArgValue::TimeBox),
        ArgKind::LongText { max } => {
            let lines = format::text_lines(raw)?;
            let n: usize = lines.iter().map(|l| l.as_str().chars().count()).sum();
            if n > max {
                return Err(say!("parse-text-too-long", found = n, max = max));
            }
            Ok(ArgValue::Lines(lines))
        }
        ArgKind::ClockTime => calendar::parse_clock(raw).map(|(h, m)| ArgValue::Clock(h, m)),
        ArgKind::Document { max } => format::document(raw, max).map(ArgValue::Document),
        ArgKind::VoiceChannel => {
            let name = sanitize(raw.trim().trim_start_matches('#'));
            if name.is_empty() {
                Err(say!("parse-channel-missing"))
            } else {
                Ok(ArgValue::Channel(ChannelArg::Named(
                    name.chars().take(100).collect(),
                )))
            }
        }
        ArgKind::Language => Lang::parse(raw).map(ArgValue::Lang).ok_or_else(|| {
            say!(
                "parse-language",
                typed = quoted(raw.trim(), 40),
                languages = languages()
            )
        }),
        ArgKind::Topic => Ok(ArgValue::Topic(sanitize(raw).chars().take(60).collect())),
    }
}

/// The languages the bot speaks, as a member reads them: `en (English), es (Español), …`.
fn languages() -> Vec<Span> {
    let mut out = Vec::new();
    for (i, l) in Lang::ALL.iter().enumerate() {
        if i > 0 {
            out.push(say::t(", "));
        }
        out.push(say!(
            "parse-language-item",
            code = syntax(l.code()),
            name = say!("language-name", code = l.code())
        ));
    }
    out
}

/// Builds a command from its kind and argument values (in catalogue order, `None` for an absent
/// optional argument). Both the text parser and typed platform options (Discord) go through here.
pub fn build(kind: CommandKind, mut args: Vec<Option<ArgValue>>) -> Result<Command, ArgError> {
    let spec = catalogue::spec(kind);
    args.resize(spec.args.len(), None);
    for (a, v) in spec.args.iter().zip(&args) {
        if a.required && v.is_none() {
            return Err(say!(
                "parse-command-needs",
                command = as_typed(spec.words),
                name = syntax(a.name)
            ));
        }
    }
    let mut it = args.into_iter();
    let mut next = || it.next().flatten();
    let dur = |v: Option<ArgValue>| match v {
        Some(ArgValue::Duration(d)) => Some(d),
        _ => None,
    };
    let text = |v: Option<ArgValue>| match v {
        Some(ArgValue::Text(t)) => Some(t),
        _ => None,
    };
    let member = |v: Option<ArgValue>| match v {
        Some(ArgValue::Member(m)) => Some(m),
        _ => None,
    };
    let word = |v: Option<ArgValue>| match v {
        Some(ArgValue::Word(w)) => Some(w),
        _ => None,
    };
    let choice = |v: Option<ArgValue>| match v {
        Some(ArgValue::Choice(c)) => Some(c),
        _ => None,
    };
    let position = |v: Option<ArgValue>| match v {
        Some(ArgValue::Position(p)) => Some(p),
        _ => None,
    };
    let wrong = || say!("parse-wrong-kind", command = as_typed(spec.words));
    use CommandKind as K;
    Ok(match kind {
        K::Help => Command::Help {
            topic: match next() {
                Some(ArgValue::Topic(t)) if !t.is_empty() => Some(t),
                _ => None,
            },
        },
        K::CheckIn => Command::CheckIn { word: text(next()) },
        K::CheckInListen => Command::CheckInListen,
        K::Roll => Command::Roll,
        K::Hand => Command::Hand,
        K::HandDown => Command::HandDown,
        K::Queue => Command::Queue,
        K::Done => Command::Done,
        K::Pass => Command::Pass,
        K::Status => Command::Status,
        K::Crisis => Command::Crisis,
        K::MyData => Command::MyData,
        K::ForgetMe => Command::ForgetMe,
        K::Open => Command::Open { name: text(next()) },
        K::Close => Command::Close,
        K::RoundStart => Command::RoundStart {
            share_time: dur(next()),
            order: match choice(next()) {
                Some("queue") => Some(RoundOrder::Queue),
                Some("shuffle") => Some(RoundOrder::Shuffle),
                Some(_) => Some(RoundOrder::Checkin),
                None => None,
            },
        },
        K::Next => Command::Next,
        K::Skip => Command::Skip {
            member: member(next()),
        },
        K::Extend => Command::Extend { by: dur(next()) },
        K::Pause => Command::Pause,
        K::Resume => Command::Resume,
        K::RoundEnd => Command::RoundEnd,
        K::QueueRemove => Command::QueueRemove {
            member: member(next()).ok_or_else(wrong)?,
        },
        K::QueueMove => {
            let m = member(next()).ok_or_else(wrong)?;
            match next() {
                Some(ArgValue::Position(p)) => Command::QueueMove {
                    member: m,
                    position: p,
                },
                _ => return Err(wrong()),
            }
        }
        K::QueueClear => Command::QueueClear,
        K::QueueClose => Command::QueueClose,
        K::QueueOpen => Command::QueueOpen,
        K::Settings => Command::Settings,
        K::SetShareTime => Command::Set(SettingChange::ShareTime(dur(next()).ok_or_else(wrong)?)),
        K::SetWarnings => match next() {
            Some(ArgValue::Durations(ds)) => Command::Set(SettingChange::Warnings(ds)),
            _ => return Err(wrong()),
        },
        K::SetGrace => Command::Set(SettingChange::Grace(dur(next()).ok_or_else(wrong)?)),
        K::SetAutoAdvance => Command::Set(SettingChange::AutoAdvance(choice(next()) == Some("on"))),
        K::SetFairness => Command::Set(SettingChange::Fairness(choice(next()) == Some("on"))),
        K::SetCrosstalk => Command::Set(SettingChange::Crosstalk(match choice(next()) {
            Some("discussion") => Crosstalk::Discussion,
            Some("open") => Crosstalk::Open,
            _ => Crosstalk::None,
        })),
        K::SetHostRole => Command::Set(SettingChange::HostRole(text(next()).ok_or_else(wrong)?)),
        K::SetIdleClose => Command::Set(SettingChange::IdleClose(dur(next()).ok_or_else(wrong)?)),
        K::CrisisSet => Command::CrisisSet {
            text: text(next()).ok_or_else(wrong)?,
        },
        K::CrisisReset => Command::CrisisReset,
        K::SetTimezone => match next() {
            Some(ArgValue::Zone(z)) => Command::Set(SettingChange::Timezone(z)),
            _ => return Err(wrong()),
        },
        K::SetAttendance => Command::Set(SettingChange::Attendance(choice(next()) == Some("on"))),
        K::SetWelcome => Command::Set(SettingChange::Welcome(choice(next()) == Some("on"))),
        K::WelcomeShow => Command::WelcomeShow,
        K::SetLanguage => match next() {
            Some(ArgValue::Lang(l)) => Command::Set(SettingChange::Language(l)),
            _ => return Err(wrong()),
        },
        K::Language => match next() {
            Some(ArgValue::Lang(l)) => Command::Language { lang: Some(l) },
            None => Command::Language { lang: None },
            _ => return Err(wrong()),
        },
        K::LanguageReset => Command::LanguageReset,
        K::WelcomeSet => match next() {
            Some(ArgValue::Lines(lines)) => Command::WelcomeSet { lines },
            _ => return Err(wrong()),
        },
        K::WelcomeReset => Command::WelcomeReset,
        K::SetMinShare => Command::Set(SettingChange::MinShare(dur(next()).ok_or_else(wrong)?)),
        K::SetScheduleGrace => {
            Command::Set(SettingChange::ScheduleGrace(dur(next()).ok_or_else(wrong)?))
        }
        K::Retention => match next() {
            Some(ArgValue::Days(d)) => Command::Set(SettingChange::RetentionDays(d)),
            _ => return Err(wrong()),
        },
        K::ScheduleAdd => {
            let name = word(next()).ok_or_else(wrong)?;
            let when = match next() {
                Some(ArgValue::When(w)) => w,
                _ => return Err(wrong()),
            };
            let zone = match next() {
                Some(ArgValue::Zone(z)) => Some(z),
                _ => None,
            };
            Command::ScheduleAdd(NewSchedule {
                name,
                when,
                zone,
                duration: dur(next()),
                remind_before: dur(next()),
            })
        }
        K::ScheduleRemove => Command::ScheduleRemove {
            name: word(next()).ok_or_else(wrong)?,
        },
        K::ScheduleList => Command::ScheduleList,
        K::ScheduleNext => Command::ScheduleNext,
        K::RolesAdd => Command::RolesAdd {
            role: word(next()).ok_or_else(wrong)?,
        },
        K::RolesRemove => Command::RolesRemove {
            role: word(next()).ok_or_else(wrong)?,
        },
        K::RolesVolunteer => Command::RolesVolunteer {
            role: word(next()).ok_or_else(wrong)?,
        },
        K::RolesUnvolunteer => Command::RolesUnvolunteer {
            role: word(next()).ok_or_else(wrong)?,
        },
        K::RolesList => Command::RolesList,
        K::RolesSwap => {
            let role = word(next()).ok_or_else(wrong)?;
            Command::RolesSwap {
                role,
                member: member(next()).ok_or_else(wrong)?,
            }
        }
        K::RolesRotate => Command::RolesRotate,
        K::Agenda => Command::Agenda,
        K::AgendaNext => Command::AgendaNext,
        K::AgendaBack => Command::AgendaBack,
        K::AgendaSkip => Command::AgendaSkip {
            part: position(next()),
        },
        K::AgendaGo => Command::AgendaGo {
            part: position(next()).ok_or_else(wrong)?,
        },
        K::AgendaEnd => match next() {
            Some(ArgValue::Clock(h, m)) => Command::AgendaEnd { at: (h, m) },
            _ => return Err(wrong()),
        },
        K::FormatShow => Command::FormatShow,
        K::FormatList => Command::FormatList,
        K::FormatUse => Command::FormatUse {
            template: choice(next()).ok_or_else(wrong)?.to_string(),
        },
        K::FormatOff => Command::FormatOff,
        K::FormatAdd => {
            let kind = choice(next())
                .and_then(PartKind::from_word)
                .ok_or_else(wrong)?;
            let time = match next() {
                Some(ArgValue::TimeBox(t)) => Some(t),
                _ => None,
            };
            Command::FormatAdd {
                kind,
                time,
                title: text(next()),
            }
        }
        K::FormatExport => Command::FormatExport,
        K::VoiceShow => Command::VoiceShow,
        K::VoiceLink => match next() {
            Some(ArgValue::Channel(channel)) => Command::VoiceLink { channel },
            _ => return Err(wrong()),
        },
        K::VoiceOff => Command::VoiceOff,
        K::VoiceMute => Command::VoiceMute(choice(next()) == Some("on")),
        K::VoiceStage => Command::VoiceStage(choice(next()) == Some("on")),
        K::VoicePause => Command::VoicePause {
            opens: choice(next()) == Some("open"),
        },
        K::FormatImport => match next() {
            Some(ArgValue::Document(doc)) => Command::FormatImport { doc },
            _ => return Err(wrong()),
        },
        K::FormatRemove => Command::FormatRemove {
            part: position(next()).ok_or_else(wrong)?,
        },
        K::FormatMove => {
            let part = position(next()).ok_or_else(wrong)?;
            Command::FormatMove {
                part,
                to: position(next()).ok_or_else(wrong)?,
            }
        }
        K::FormatTime
        | K::FormatTitle
        | K::FormatText
        | K::FormatOrder
        | K::FormatCrosstalk
        | K::FormatRole => {
            let part = position(next()).ok_or_else(wrong)?;
            let edit = match (kind, next()) {
                (K::FormatTime, Some(ArgValue::TimeBox(t))) => PartEdit::Time(t),
                (K::FormatTitle, Some(ArgValue::Text(t))) => PartEdit::Title(t),
                (K::FormatText, Some(ArgValue::Lines(l))) => PartEdit::Text(l),
                (K::FormatOrder, Some(ArgValue::Choice(c))) => PartEdit::Order(match c {
                    "queue" => RoundOrder::Queue,
                    "shuffle" => RoundOrder::Shuffle,
                    _ => RoundOrder::Checkin,
                }),
                (K::FormatCrosstalk, Some(ArgValue::Choice(c))) => PartEdit::Crosstalk(match c {
                    "discussion" => Crosstalk::Discussion,
                    "open" => Crosstalk::Open,
                    _ => Crosstalk::None,
                }),
                (K::FormatRole, Some(ArgValue::Word(w))) => PartEdit::Role(w.to_lowercase()),
                _ => return Err(wrong()),
            };
            Command::FormatEdit { part, edit }
        }
    })
}
