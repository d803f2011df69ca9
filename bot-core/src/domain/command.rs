//! Commands as values, and the one text parser for the `!`-prefixed form, driven by the catalogue.

use super::calendar::{self, When};
use super::catalogue::{self, ArgKind, ArgSpec, CommandKind, CommandSpec, CATALOGUE};
use super::ids::Millis;
use super::text::{echo, echo_n, say, spans_of, Message, TextError, UserText};

/// How a command names a member: whatever the member typed or the platform sent (a display name,
/// `@name`, or a platform id). The domain resolves it against the members it knows in the place.
#[derive(Clone, PartialEq, Eq)]
pub struct MemberRef(pub String);

impl std::fmt::Debug for MemberRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemberRef(<redacted>)")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// A setting change an admin asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingChange {
    ShareTime(Millis),
    Warnings(Vec<Millis>),
    Grace(Millis),
    AutoAdvance(bool),
    Fairness(bool),
    Crosstalk(Crosstalk),
    HostRole(UserText),
    IdleClose(Millis),
    Timezone(String),
    Attendance(bool),
    ScheduleGrace(Millis),
    RetentionDays(u32),
}

/// What `schedule add` asks for (absent options take the place's defaults).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSchedule {
    pub name: String,
    pub when: When,
    pub zone: Option<String>,
    pub duration: Option<Millis>,
    pub remind_before: Option<Millis>,
}

/// A parsed command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Help {
        topic: Option<String>,
    },
    CheckIn {
        word: Option<UserText>,
    },
    CheckInListen,
    Roll,
    Hand,
    HandDown,
    Queue,
    Done,
    Pass,
    Status,
    Crisis,
    MyData,
    ForgetMe,
    Open {
        name: Option<UserText>,
    },
    Close,
    RoundStart {
        share_time: Option<Millis>,
        order: Option<RoundOrder>,
    },
    Next,
    Skip {
        member: Option<MemberRef>,
    },
    Extend {
        by: Option<Millis>,
    },
    Pause,
    Resume,
    RoundEnd,
    QueueRemove {
        member: MemberRef,
    },
    QueueMove {
        member: MemberRef,
        position: u32,
    },
    QueueClear,
    QueueClose,
    QueueOpen,
    Settings,
    Set(SettingChange),
    CrisisSet {
        text: UserText,
    },
    CrisisReset,
    ScheduleAdd(NewSchedule),
    ScheduleRemove {
        name: String,
    },
    ScheduleList,
    ScheduleNext,
    RolesAdd {
        role: String,
    },
    RolesRemove {
        role: String,
    },
    RolesVolunteer {
        role: String,
    },
    RolesUnvolunteer {
        role: String,
    },
    RolesList,
    RolesSwap {
        role: String,
        member: MemberRef,
    },
    RolesRotate,
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        use CommandKind as K;
        match self {
            Command::Help { .. } => K::Help,
            Command::CheckIn { .. } => K::CheckIn,
            Command::CheckInListen => K::CheckInListen,
            Command::Roll => K::Roll,
            Command::Hand => K::Hand,
            Command::HandDown => K::HandDown,
            Command::Queue => K::Queue,
            Command::Done => K::Done,
            Command::Pass => K::Pass,
            Command::Status => K::Status,
            Command::Crisis => K::Crisis,
            Command::MyData => K::MyData,
            Command::ForgetMe => K::ForgetMe,
            Command::Open { .. } => K::Open,
            Command::Close => K::Close,
            Command::RoundStart { .. } => K::RoundStart,
            Command::Next => K::Next,
            Command::Skip { .. } => K::Skip,
            Command::Extend { .. } => K::Extend,
            Command::Pause => K::Pause,
            Command::Resume => K::Resume,
            Command::RoundEnd => K::RoundEnd,
            Command::QueueRemove { .. } => K::QueueRemove,
            Command::QueueMove { .. } => K::QueueMove,
            Command::QueueClear => K::QueueClear,
            Command::QueueClose => K::QueueClose,
            Command::QueueOpen => K::QueueOpen,
            Command::Settings => K::Settings,
            Command::Set(c) => match c {
                SettingChange::ShareTime(_) => K::SetShareTime,
                SettingChange::Warnings(_) => K::SetWarnings,
                SettingChange::Grace(_) => K::SetGrace,
                SettingChange::AutoAdvance(_) => K::SetAutoAdvance,
                SettingChange::Fairness(_) => K::SetFairness,
                SettingChange::Crosstalk(_) => K::SetCrosstalk,
                SettingChange::HostRole(_) => K::SetHostRole,
                SettingChange::IdleClose(_) => K::SetIdleClose,
                SettingChange::Timezone(_) => K::SetTimezone,
                SettingChange::Attendance(_) => K::SetAttendance,
                SettingChange::ScheduleGrace(_) => K::SetScheduleGrace,
                SettingChange::RetentionDays(_) => K::Retention,
            },
            Command::CrisisSet { .. } => K::CrisisSet,
            Command::CrisisReset => K::CrisisReset,
            Command::ScheduleAdd(_) => K::ScheduleAdd,
            Command::ScheduleRemove { .. } => K::ScheduleRemove,
            Command::ScheduleList => K::ScheduleList,
            Command::ScheduleNext => K::ScheduleNext,
            Command::RolesAdd { .. } => K::RolesAdd,
            Command::RolesRemove { .. } => K::RolesRemove,
            Command::RolesVolunteer { .. } => K::RolesVolunteer,
            Command::RolesUnvolunteer { .. } => K::RolesUnvolunteer,
            Command::RolesList => K::RolesList,
            Command::RolesSwap { .. } => K::RolesSwap,
            Command::RolesRotate => K::RolesRotate,
        }
    }

    pub fn spec(&self) -> &'static CommandSpec {
        catalogue::spec(self.kind())
    }
}

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
}

/// A command that could not be understood. Its message says what was wrong and a form that works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: Message,
}

impl ParseError {
    fn new(message: Message) -> Self {
        ParseError { message }
    }
}

/// What a line of text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Not addressed to the bot (no prefix): ignored, never stored, never logged.
    NotACommand,
    Command(Command),
    Error(ParseError),
}

/// Longest duration any command accepts (a share time of more than this is surely a typo).
pub const MAX_DURATION: Millis = Millis(24 * 3600 * 1000);

/// Parses a human duration (`90s`, `3m`, `1m30s`, `2h`) with humantime. A bare number is refused
/// because it is ambiguous (seconds? minutes?). Zero is a duration; commands that need more say so.
pub fn parse_duration(raw: &str) -> Result<Millis, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("a duration is missing".into());
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{} has no unit: write `{s}s` for seconds or `{s}m` for minutes",
            echo(s)
        ));
    }
    match humantime::parse_duration(s) {
        Ok(d) => {
            let ms = Millis::from_std(d);
            if ms > MAX_DURATION {
                Err(format!("{} is longer than 24 hours", echo(s)))
            } else {
                Ok(ms)
            }
        }
        Err(_) => Err(format!(
            "{} is not a duration like `90s`, `3m` or `1m30s`",
            echo(s)
        )),
    }
}

/// Parses one argument from text.
pub fn parse_arg(spec: &ArgSpec, raw: &str) -> Result<ArgValue, String> {
    match spec.kind {
        ArgKind::Duration => parse_duration(raw).map(ArgValue::Duration),
        ArgKind::DurationList => {
            let s = raw.trim();
            if s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("off") {
                return Ok(ArgValue::Durations(Vec::new()));
            }
            let mut out = Vec::new();
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                out.push(parse_duration(part)?);
            }
            if out.is_empty() {
                return Err("give at least one time, like `1m,30s`, or `none`".into());
            }
            if out.len() > 5 {
                return Err("at most 5 warnings, please".into());
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
                    format!(
                        "{} is not one of {}",
                        echo(raw),
                        words
                            .iter()
                            .map(|w| format!("`{w}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
        }
        ArgKind::Member => {
            let s = crate::domain::text::sanitize(raw);
            if s.is_empty() {
                Err("say which member".into())
            } else {
                Ok(ArgValue::Member(MemberRef(s.chars().take(100).collect())))
            }
        }
        ArgKind::Text { max } => match UserText::new(raw, max) {
            Ok(t) => Ok(ArgValue::Text(t)),
            Err(TextError::Empty) => Err("the text is empty".into()),
            Err(TextError::TooLong { max, found }) => Err(format!(
                "that is {found} characters; please keep it to {max}"
            )),
        },
        ArgKind::Position => match raw.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(ArgValue::Position(n)),
            _ => Err(format!("{} is not a position like `1` or `3`", echo(raw))),
        },
        ArgKind::Word => {
            let w = crate::domain::text::sanitize(raw);
            let n = w.chars().count();
            if n == 0 || w.contains(' ') {
                Err("give one word as the name".into())
            } else if n > super::catalogue::WORD_MAX {
                Err(format!(
                    "keep the name to {} characters",
                    super::catalogue::WORD_MAX
                ))
            } else if !w
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                Err(format!(
                    "{} should be letters, digits, `-` or `_`",
                    echo(&w)
                ))
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
                _ => Err(format!(
                    "{} is not a number of days like `30d` (1 to 3650)",
                    echo(raw)
                )),
            }
        }
        ArgKind::Topic => Ok(ArgValue::Topic(
            crate::domain::text::sanitize(raw)
                .chars()
                .take(60)
                .collect(),
        )),
    }
}

/// Builds a command from its kind and argument values (in catalogue order, `None` for an absent
/// optional argument). Both the text parser and typed platform options (Discord) go through here.
pub fn build(kind: CommandKind, mut args: Vec<Option<ArgValue>>) -> Result<Command, String> {
    let spec = catalogue::spec(kind);
    args.resize(spec.args.len(), None);
    for (a, v) in spec.args.iter().zip(&args) {
        if a.required && v.is_none() {
            return Err(format!("`{}` needs {}", spec.words, a.name));
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
    let wrong = || format!("`{}` got an argument of the wrong kind", spec.words);
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
    })
}

/// Parses a line of text. Lines without the prefix are not commands.
pub fn parse(prefix: &str, line: &str) -> Parsed {
    let trimmed = line.trim_start();
    let Some(rest) = trimmed.strip_prefix(prefix) else {
        return Parsed::NotACommand;
    };
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    if tokens.is_empty() {
        return Parsed::Error(ParseError::new(Message::line(vec![
            say::t("Type "),
            say::cmd("help"),
            say::t(" to see what I can do."),
        ])));
    }
    let Some((spec, used)) = match_words(&tokens) else {
        return Parsed::Error(unknown_command(&tokens));
    };
    match parse_args(spec, &tokens[used..]) {
        Ok(cmd) => Parsed::Command(cmd),
        Err(e) => Parsed::Error(e),
    }
}

/// The catalogue entry whose words (or an alias) match the most leading tokens, and how many
/// tokens it used. Every reader of command text (the `!` parser, Discord's `/` form) matches
/// through this one function.
pub fn match_words(tokens: &[&str]) -> Option<(&'static CommandSpec, usize)> {
    let lower: Vec<String> = tokens.iter().take(3).map(|t| t.to_lowercase()).collect();
    let mut best: Option<(&'static CommandSpec, usize)> = None;
    for spec in CATALOGUE {
        for phrase in std::iter::once(&spec.words).chain(spec.aliases.iter()) {
            let words: Vec<&str> = phrase.split(' ').collect();
            if words.len() <= lower.len()
                && words.iter().zip(&lower).all(|(w, t)| *w == t.as_str())
                && best.is_none_or(|(_, n)| words.len() > n)
            {
                best = Some((spec, words.len()));
            }
        }
    }
    best
}

/// How much of an unknown command the "did you mean" comparison reads.
const SUGGEST_CHARS: usize = 32;

fn unknown_command(tokens: &[&str]) -> ParseError {
    let typed = tokens
        .iter()
        .take(2)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let first = tokens[0].to_lowercase();
    // "Did you mean" weighs at most the first SUGGEST_CHARS characters (longer than any command):
    // a word of a thousand letters costs no more than a short one.
    let head = |s: &str| -> String { s.chars().take(SUGGEST_CHARS).collect() };
    let (typed_head, first_head) = (head(&typed), head(&first));
    let mut best: Option<(&str, f64)> = None;
    for spec in CATALOGUE {
        for phrase in std::iter::once(&spec.words).chain(spec.aliases.iter()) {
            let against = if phrase.contains(' ') {
                typed_head.as_str()
            } else {
                first_head.as_str()
            };
            let score = strsim::jaro_winkler(phrase, against);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((spec.words, score));
            }
        }
    }
    let shown = echo(&first);
    // A group word (`round`, `queue`, `settings`) without the word that follows it.
    let group: Vec<&str> = CATALOGUE
        .iter()
        .map(|s| s.words)
        .filter(|w| w.split(' ').next() == Some(first.as_str()) && w.contains(' '))
        .collect();
    if !group.is_empty() {
        let mut msg = spans_of(&format!("{shown} needs one more word: "));
        for (i, w) in group.iter().enumerate() {
            if i > 0 {
                msg.push(say::t(if i + 1 == group.len() { " or " } else { ", " }));
            }
            msg.push(say::cmd(*w));
        }
        msg.push(say::t("."));
        return ParseError::new(Message::line(msg));
    }
    let mut msg = spans_of(&format!("I don't know the command {shown}."));
    if let Some((words, score)) = best {
        if score >= 0.75 {
            msg.push(say::t(" Did you mean "));
            msg.push(say::cmd(words));
            msg.push(say::t("?"));
        }
    }
    msg.push(say::t(" Type "));
    msg.push(say::cmd("help"));
    msg.push(say::t(" for the list."));
    ParseError::new(Message::line(msg))
}

fn parse_args(spec: &'static CommandSpec, tokens: &[&str]) -> Result<Command, ParseError> {
    let typed = std::iter::once(spec.words)
        .chain(tokens.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let bad = |why: String| {
        let mut spans = spans_of(&format!(
            "I didn't understand {}: {why}. Try ",
            echo_n(&typed, 60)
        ));
        spans.push(say::cmd(spec.example));
        spans.push(say::t("."));
        ParseError::new(Message::line(spans))
    };
    if spec.args.is_empty() {
        if !tokens.is_empty() {
            return Err(bad(format!("`{}` takes nothing after it", spec.words)));
        }
        return build(spec.kind, vec![]).map_err(bad);
    }
    // Fixed-width arguments take one token each; the greedy one (at most one) takes what is left
    // between the ones before it and the ones after it.
    let greedy = spec.args.iter().position(|a| a.kind.is_greedy());
    let mut values: Vec<Option<ArgValue>> = vec![None; spec.args.len()];
    let mut rest: &[&str] = tokens;
    let before = greedy.unwrap_or(spec.args.len());
    for (i, a) in spec.args.iter().enumerate().take(before) {
        match rest.first() {
            Some(tok) => {
                match parse_arg(a, tok) {
                    Ok(v) => values[i] = Some(v),
                    // An optional argument that does not fit may be the next one (`round start queue`),
                    // unless the word is plainly meant for it (a number for a duration).
                    Err(_)
                        if !a.required
                            && i + 1 < spec.args.len()
                            && !(a.kind == ArgKind::Duration
                                && tok.starts_with(|c: char| c.is_ascii_digit())) =>
                    {
                        continue
                    }
                    Err(e) => return Err(bad(e)),
                }
                rest = &rest[1..];
            }
            None if a.required => return Err(bad(format!("it needs {}", a.name))),
            None => {}
        }
    }
    if let Some(g) = greedy {
        let after = &spec.args[g + 1..];
        // The greedy argument takes the shortest non-empty prefix after which the remaining words
        // fit the arguments that follow it, in order (optional ones may be left out).
        let split = (1..=rest.len()).find_map(|i| fit_in_order(after, &rest[i..]).map(|v| (i, v)));
        let (mid, tail_values) = match split {
            Some((i, v)) => (&rest[..i], v),
            None if rest.is_empty() => (rest, vec![None; after.len()]),
            None => {
                let missing = after.iter().find(|a| a.required);
                return Err(bad(match (missing, rest.last()) {
                    (Some(a), Some(last)) if rest.len() > 1 => parse_arg(a, last)
                        .err()
                        .unwrap_or_else(|| format!("it needs {}", a.name)),
                    (Some(a), _) => format!("it needs {}", a.name),
                    (None, Some(last)) => format!("I don't know what {} means here", echo(last)),
                    (None, None) => "something is missing".into(),
                }));
            }
        };
        if after
            .iter()
            .zip(&tail_values)
            .any(|(a, v)| a.required && v.is_none())
        {
            let a = after
                .iter()
                .zip(&tail_values)
                .find(|(a, v)| a.required && v.is_none())
                .map(|(a, _)| a.name);
            return Err(bad(format!("it needs {}", a.unwrap_or("more"))));
        }
        for (j, v) in tail_values.into_iter().enumerate() {
            values[g + 1 + j] = v;
        }
        let joined = mid.join(" ");
        if joined.is_empty() {
            if spec.args[g].required {
                return Err(bad(format!("it needs {}", spec.args[g].name)));
            }
        } else {
            values[g] = Some(parse_arg(&spec.args[g], &joined).map_err(&bad)?);
        }
        rest = &[];
    }
    if !rest.is_empty() {
        return Err(bad(format!(
            "I don't know what {} means here",
            echo(rest[0])
        )));
    }
    build(spec.kind, values).map_err(bad)
}

/// Assigns each word to the next argument that accepts it, skipping optional arguments; `None`
/// when a word fits nothing or a required argument is left without one.
fn fit_in_order(args: &[ArgSpec], words: &[&str]) -> Option<Vec<Option<ArgValue>>> {
    let mut out = vec![None; args.len()];
    let mut j = 0;
    for w in words {
        loop {
            let a = args.get(j)?;
            match parse_arg(a, w) {
                Ok(v) => {
                    out[j] = Some(v);
                    j += 1;
                    break;
                }
                Err(_) if !a.required => j += 1,
                Err(_) => return None,
            }
        }
    }
    if args[j..].iter().any(|a| a.required) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(s: &str) -> Command {
        match parse("!", s) {
            Parsed::Command(c) => c,
            other => panic!("{s}: {other:?}"),
        }
    }
    fn err(s: &str) -> String {
        match parse("!", s) {
            Parsed::Error(e) => crate::render::plain(&e.message),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn plain_text_is_not_a_command() {
        assert_eq!(parse("!", "hello everyone"), Parsed::NotACommand);
        assert_eq!(parse("?", "!hand"), Parsed::NotACommand);
        assert_eq!(parse("?", "?hand"), Parsed::Command(Command::Hand));
    }

    #[test]
    fn words_aliases_and_case() {
        assert_eq!(cmd("!hand"), Command::Hand);
        assert_eq!(cmd("!Hand Down"), Command::HandDown);
        assert_eq!(cmd("!raise"), Command::Hand);
        assert_eq!(cmd("!checkin listen"), Command::CheckInListen);
        assert_eq!(cmd("!checkin"), Command::CheckIn { word: None });
        match cmd("!checkin  a bit  tired ") {
            Command::CheckIn { word: Some(w) } => assert_eq!(w.as_str(), "a bit tired"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn round_start_arguments_in_any_combination() {
        assert_eq!(
            cmd("!round start"),
            Command::RoundStart {
                share_time: None,
                order: None
            }
        );
        assert_eq!(
            cmd("!round start 1m30s shuffle"),
            Command::RoundStart {
                share_time: Some(Millis(90_000)),
                order: Some(RoundOrder::Shuffle)
            }
        );
        assert_eq!(
            cmd("!round start queue"),
            Command::RoundStart {
                share_time: None,
                order: Some(RoundOrder::Queue)
            }
        );
    }

    #[test]
    fn helpful_errors() {
        assert_eq!(
            err("!round start 3x"),
            "I didn't understand “round start 3x”: “3x” is not a duration like `90s`, `3m` or `1m30s`. Try `round start 3m checkin`."
        );
        assert!(err("!extend 5").contains("“5” has no unit"));
        assert_eq!(
            err("!chekin"),
            "I don't know the command “chekin”. Did you mean `checkin`? Type `help` for the list."
        );
        // A very long word is weighed by its start only (and shown cut).
        let long = err(&format!("!checkin{}", "x".repeat(5000)));
        assert!(long.contains("Did you mean `checkin`?"), "{long}");
        assert!(long.contains("xxx…”"), "{long}");
        assert!(!err(&format!("!{}", "q".repeat(5000))).contains("Did you mean"));
        assert!(err("!done now").contains("takes nothing after it"));
        assert!(
            err("!queue move Sam").contains("“Sam” is not a position")
                || err("!queue move Sam").contains("needs")
        );
        assert!(err(&format!("!checkin {}", "x".repeat(3000))).contains("3000 characters"));
    }

    #[test]
    fn member_names_with_spaces_and_trailing_position() {
        assert_eq!(
            cmd("!queue move Mary Ann 2"),
            Command::QueueMove {
                member: MemberRef("Mary Ann".into()),
                position: 2
            }
        );
        assert_eq!(cmd("!skip"), Command::Skip { member: None });
    }

    #[test]
    fn settings_forms() {
        assert_eq!(
            cmd("!settings warnings 1m,30s"),
            Command::Set(SettingChange::Warnings(vec![
                Millis(60_000),
                Millis(30_000)
            ]))
        );
        assert_eq!(
            cmd("!settings warnings none"),
            Command::Set(SettingChange::Warnings(vec![]))
        );
        assert_eq!(
            cmd("!settings fairness off"),
            Command::Set(SettingChange::Fairness(false))
        );
        assert!(
            err("!settings crosstalk maybe").contains("is not one of `none`, `discussion`, `open`")
        );
        assert_eq!(cmd("!settings"), Command::Settings);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(Millis(90_000)));
        assert_eq!(parse_duration("3m"), Ok(Millis(180_000)));
        assert_eq!(parse_duration("1m30s"), Ok(Millis(90_000)));
        assert_eq!(parse_duration("0s"), Ok(Millis(0)));
        assert!(parse_duration("48h").is_err());
    }
}
