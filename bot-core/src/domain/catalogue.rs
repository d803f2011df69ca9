//! The one command catalogue: every command's words, arguments, who may use it and its help text.
//! Parsers, help and the Discord slash-command registration are all generated from it; the help
//! text itself is in the message files (`commands.ftl`), by keys derived from the words.

use std::borrow::Cow;

use super::ids::Role;
use super::text::{Arg, Say, Span, UserText};

/// Every command the bot understands, one variant per catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CommandKind {
    Help,
    CheckIn,
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
    Open,
    Close,
    RoundStart,
    Next,
    Skip,
    Extend,
    Pause,
    Resume,
    RoundEnd,
    QueueRemove,
    QueueMove,
    QueueClear,
    QueueClose,
    QueueOpen,
    Settings,
    SetShareTime,
    SetWarnings,
    SetGrace,
    SetAutoAdvance,
    SetFairness,
    SetCrosstalk,
    SetHostRole,
    SetIdleClose,
    CrisisSet,
    CrisisReset,
    SetTimezone,
    SetAttendance,
    SetScheduleGrace,
    SetMinShare,
    Retention,
    ScheduleAdd,
    ScheduleRemove,
    ScheduleList,
    ScheduleNext,
    RolesAdd,
    RolesRemove,
    RolesVolunteer,
    RolesUnvolunteer,
    RolesList,
    RolesSwap,
    RolesRotate,
    Agenda,
    AgendaNext,
    AgendaBack,
    AgendaSkip,
    AgendaGo,
    AgendaEnd,
    FormatShow,
    FormatList,
    FormatUse,
    FormatOff,
    FormatAdd,
    FormatRemove,
    FormatMove,
    FormatTime,
    FormatTitle,
    FormatText,
    FormatOrder,
    FormatCrosstalk,
    FormatRole,
    FormatExport,
    FormatImport,
    SetWelcome,
    WelcomeShow,
    WelcomeSet,
    WelcomeReset,
    SetLanguage,
    Language,
    LanguageReset,
    VoiceShow,
    VoiceLink,
    VoiceOff,
    VoiceMute,
    VoiceStage,
    VoicePause,
}

/// What one argument is, so every adapter can offer it in its own way (a typed slash-command
/// option, or a word in `!` text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// A human duration: `90s`, `3m`, `1m30s`.
    Duration,
    /// Comma-separated durations: `1m,30s`.
    DurationList,
    /// One of fixed words.
    Choice(&'static [&'static str]),
    /// A member, by display name or platform id (Discord: a user option).
    Member,
    /// Free text up to `max` characters; takes the rest of the line.
    Text { max: usize },
    /// A 1-based position in the queue.
    Position,
    /// The name of a command (for `help`).
    Topic,
    /// One word: a schedule's or a service role's name.
    Word,
    /// When a meeting recurs: a simple form (`weekly tue 19:00`) or a 5-field cron expression.
    When,
    /// An IANA time zone name (`Europe/Berlin`).
    TimeZone,
    /// A number of days: `30d` or `30`.
    Days,
    /// A part's time box: a duration, `none`, or `until-closing`.
    TimeBox,
    /// Text of several lines (a reading) up to `max` characters; takes the rest of the message,
    /// line breaks included.
    LongText { max: usize },
    /// A time of day in the place's zone: `20:30`.
    ClockTime,
    /// A document of many lines (a format as TOML, in a code block or not) up to `max` bytes;
    /// takes the rest of the message.
    Document { max: usize },
    /// A voice or Stage channel of the community (Discord: a channel option); the platform finds
    /// it, the core only reads its name in text (`#Lounge`).
    VoiceChannel,
    /// A language the bot speaks, by code (`de`, `pt-BR`); Discord offers them as choices.
    Language,
}

impl ArgKind {
    /// Whether the argument swallows the rest of a text line (names and text may contain spaces).
    pub fn is_greedy(self) -> bool {
        matches!(
            self,
            ArgKind::Member
                | ArgKind::Text { .. }
                | ArgKind::LongText { .. }
                | ArgKind::Document { .. }
                | ArgKind::Topic
                | ArgKind::When
        )
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ArgSpec {
    pub name: &'static str,
    pub kind: ArgKind,
    pub required: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct CommandSpec {
    pub kind: CommandKind,
    /// The words, space-separated: `round start`.
    pub words: &'static str,
    /// Other words that mean the same (`hand up`, `raise`).
    pub aliases: &'static [&'static str],
    pub args: &'static [ArgSpec],
    /// The least role that may use it.
    pub role: Role,
    /// A form that works, shown in help and in error messages.
    pub example: &'static str,
}

/// Words from the message files by a key built at run time (the catalogue's keys).
fn say_key(key: String) -> Span {
    Span::Say(Box::new(Say {
        key: Cow::Owned(key),
        args: Vec::new(),
        strong: false,
    }))
}

impl CommandSpec {
    /// The key of this command's one-line summary in `commands.ftl`: `cmd-round-start`.
    pub fn summary_key(&self) -> String {
        format!("cmd-{}", self.words.replace(' ', "-"))
    }

    /// One line for the command list (help, Discord's description).
    pub fn summary(&self) -> Span {
        say_key(self.summary_key())
    }

    /// The key of an argument's help in `commands.ftl`: `cmd-round-start-arg-share-time`.
    pub fn arg_help_key(&self, arg: &ArgSpec) -> String {
        format!("{}-arg-{}", self.summary_key(), arg.name)
    }

    /// What one of this command's arguments is, in a few words.
    pub fn arg_help(&self, arg: &ArgSpec) -> Span {
        say_key(self.arg_help_key(arg))
    }

    /// Every message key the entry needs: its summary, then its arguments' help.
    pub fn keys(&self) -> Vec<String> {
        std::iter::once(self.summary_key())
            .chain(self.args.iter().map(|a| self.arg_help_key(a)))
            .chain(self.long_text().map(|_| self.long_text_title_key()))
            .collect()
    }

    /// `round start [share-time] [order]`
    pub fn usage(&self) -> String {
        let mut s = self.words.to_string();
        for a in self.args {
            if a.required {
                s.push_str(&format!(" {}", a.name.to_uppercase()));
            } else {
                s.push_str(&format!(" [{}]", a.name));
            }
        }
        s
    }
}

impl CommandSpec {
    /// The argument a platform asks for in a form of its own when its typed options hold one
    /// line only (Discord: a modal): the last argument, when it is [`ArgKind::LongText`].
    pub fn long_text(&self) -> Option<&'static ArgSpec> {
        self.args
            .last()
            .filter(|a| matches!(a.kind, ArgKind::LongText { .. }))
    }

    /// The arguments given as typed options: all but the long text (see
    /// [`CommandSpec::long_text`]).
    pub fn typed_args(&self) -> &'static [ArgSpec] {
        match self.long_text() {
            Some(_) => &self.args[..self.args.len() - 1],
            None => self.args,
        }
    }

    /// The key of the title of the form that asks for the long text: `modal-format-text`.
    pub fn long_text_title_key(&self) -> String {
        format!("modal-{}", self.words.replace(' ', "-"))
    }

    /// The title of the form that asks for the long text, with the typed arguments before it
    /// (`before`, as typed: "Text of part 3"), as the bot's words.
    pub fn long_text_title(&self, before: &[&str]) -> Span {
        let args = self
            .typed_args()
            .iter()
            .zip(before)
            .map(|(a, v)| {
                let shown = UserText::new(v.trim(), 40)
                    .map(Span::User)
                    .unwrap_or_else(|_| Span::Text(String::new()));
                (Cow::Borrowed(a.name), Arg::Span(shown))
            })
            .collect();
        Span::Say(Box::new(Say {
            key: Cow::Owned(self.long_text_title_key()),
            args,
            strong: false,
        }))
    }
}

/// Maximum length of a check-in word.
pub const CHECKIN_WORD_MAX: usize = 40;
/// Maximum length of a session name.
pub const SESSION_NAME_MAX: usize = 80;
/// Maximum length of a place's crisis resources text.
pub const CRISIS_TEXT_MAX: usize = 1500;
/// Maximum length of a role name.
pub const ROLE_NAME_MAX: usize = 64;
/// Maximum length of a schedule's or a service role's name.
pub const WORD_MAX: usize = super::format::ROLE_MAX;

pub const ORDERS: &[&str] = &["checkin", "queue", "shuffle"];
pub const ON_OFF: &[&str] = &["on", "off"];
pub const CROSSTALK: &[&str] = &["none", "discussion", "open"];
pub const PART_KINDS: &[&str] = super::format::PartKind::WORDS;
pub const TEMPLATES: &[&str] = super::format::TEMPLATE_WORDS;

const fn arg(name: &'static str, kind: ArgKind, required: bool) -> ArgSpec {
    ArgSpec {
        name,
        kind,
        required,
    }
}

use ArgKind::*;
use CommandKind as K;

pub static CATALOGUE: &[CommandSpec] = &[
    // ---- members
    CommandSpec {
        kind: K::Help,
        words: "help",
        aliases: &["commands"],
        role: Role::Member,
        args: &[arg("command", Topic, false)],
        example: "help round start",
    },
    CommandSpec {
        kind: K::CheckInListen,
        words: "checkin listen",
        aliases: &["listen", "check-in listen"],
        role: Role::Member,
        args: &[],
        example: "checkin listen",
    },
    CommandSpec {
        kind: K::CheckIn,
        words: "checkin",
        aliases: &["checkin here", "check-in", "here"],
        role: Role::Member,
        args: &[arg(
            "word",
            Text {
                max: CHECKIN_WORD_MAX,
            },
            false,
        )],
        example: "checkin hopeful",
    },
    CommandSpec {
        kind: K::Roll,
        words: "roll",
        aliases: &["who"],
        role: Role::Member,
        args: &[],
        example: "roll",
    },
    CommandSpec {
        kind: K::HandDown,
        words: "hand down",
        aliases: &["lower", "unraise"],
        role: Role::Member,
        args: &[],
        example: "hand down",
    },
    CommandSpec {
        kind: K::Hand,
        words: "hand",
        aliases: &["hand up", "raise"],
        role: Role::Member,
        args: &[],
        example: "hand",
    },
    CommandSpec {
        kind: K::Queue,
        words: "queue",
        aliases: &["queue show", "hands"],
        role: Role::Member,
        args: &[],
        example: "queue",
    },
    CommandSpec {
        kind: K::Done,
        words: "done",
        aliases: &["finished"],
        role: Role::Member,
        args: &[],
        example: "done",
    },
    CommandSpec {
        kind: K::Pass,
        words: "pass",
        aliases: &[],
        role: Role::Member,
        args: &[],
        example: "pass",
    },
    CommandSpec {
        kind: K::Status,
        words: "status",
        aliases: &[],
        role: Role::Member,
        args: &[],
        example: "status",
    },
    CommandSpec {
        kind: K::Crisis,
        words: "crisis",
        aliases: &["crisis show", "help-now", "sos"],
        role: Role::Member,
        args: &[],
        example: "crisis",
    },
    CommandSpec {
        kind: K::MyData,
        words: "my-data",
        aliases: &["mydata"],
        role: Role::Member,
        args: &[],
        example: "my-data",
    },
    CommandSpec {
        kind: K::ForgetMe,
        words: "forget-me",
        aliases: &["forgetme"],
        role: Role::Member,
        args: &[],
        example: "forget-me",
    },
    // ---- hosts
    CommandSpec {
        kind: K::Open,
        words: "open",
        aliases: &["session open"],
        role: Role::Host,
        args: &[arg(
            "name",
            Text {
                max: SESSION_NAME_MAX,
            },
            false,
        )],
        example: "open Tuesday evening circle",
    },
    CommandSpec {
        kind: K::Close,
        words: "close",
        aliases: &["session close"],
        role: Role::Host,
        args: &[],
        example: "close",
    },
    CommandSpec {
        kind: K::RoundStart,
        words: "round start",
        aliases: &["round begin"],
        role: Role::Host,
        args: &[
            arg("share-time", Duration, false),
            arg("order", Choice(ORDERS), false),
        ],
        example: "round start 3m checkin",
    },
    CommandSpec {
        kind: K::Next,
        words: "next",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "next",
    },
    CommandSpec {
        kind: K::Skip,
        words: "skip",
        aliases: &[],
        role: Role::Host,
        args: &[arg("member", Member, false)],
        example: "skip Sam",
    },
    CommandSpec {
        kind: K::Extend,
        words: "extend",
        aliases: &[],
        role: Role::Host,
        args: &[arg("time", Duration, false)],
        example: "extend 1m",
    },
    CommandSpec {
        kind: K::Pause,
        words: "pause",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "pause",
    },
    CommandSpec {
        kind: K::Resume,
        words: "resume",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "resume",
    },
    CommandSpec {
        kind: K::RoundEnd,
        words: "round end",
        aliases: &["round stop"],
        role: Role::Host,
        args: &[],
        example: "round end",
    },
    CommandSpec {
        kind: K::QueueRemove,
        words: "queue remove",
        aliases: &[],
        role: Role::Host,
        args: &[arg("member", Member, true)],
        example: "queue remove Sam",
    },
    CommandSpec {
        kind: K::QueueMove,
        words: "queue move",
        aliases: &[],
        role: Role::Host,
        args: &[arg("member", Member, true), arg("position", Position, true)],
        example: "queue move Sam 1",
    },
    CommandSpec {
        kind: K::QueueClear,
        words: "queue clear",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "queue clear",
    },
    CommandSpec {
        kind: K::QueueClose,
        words: "queue close",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "queue close",
    },
    CommandSpec {
        kind: K::QueueOpen,
        words: "queue open",
        aliases: &["queue reopen"],
        role: Role::Host,
        args: &[],
        example: "queue open",
    },
    // ---- admins
    CommandSpec {
        kind: K::Settings,
        words: "settings",
        aliases: &["settings show", "config"],
        role: Role::Admin,
        args: &[],
        example: "settings",
    },
    CommandSpec {
        kind: K::SetShareTime,
        words: "settings share-time",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("time", Duration, true)],
        example: "settings share-time 3m",
    },
    CommandSpec {
        kind: K::SetWarnings,
        words: "settings warnings",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("times", DurationList, true)],
        example: "settings warnings 1m,30s",
    },
    CommandSpec {
        kind: K::SetGrace,
        words: "settings grace",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("time", Duration, true)],
        example: "settings grace 10s",
    },
    CommandSpec {
        kind: K::SetAutoAdvance,
        words: "settings auto-advance",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("on-off", Choice(ON_OFF), true)],
        example: "settings auto-advance on",
    },
    CommandSpec {
        kind: K::SetFairness,
        words: "settings fairness",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("on-off", Choice(ON_OFF), true)],
        example: "settings fairness on",
    },
    CommandSpec {
        kind: K::SetCrosstalk,
        words: "settings crosstalk",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("policy", Choice(CROSSTALK), true)],
        example: "settings crosstalk none",
    },
    CommandSpec {
        kind: K::SetHostRole,
        words: "settings host-role",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("role", Text { max: ROLE_NAME_MAX }, true)],
        example: "settings host-role Facilitators",
    },
    CommandSpec {
        kind: K::SetIdleClose,
        words: "settings idle-close",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("time", Duration, true)],
        example: "settings idle-close 4h",
    },
    CommandSpec {
        kind: K::CrisisSet,
        words: "crisis set",
        aliases: &[],
        role: Role::Admin,
        args: &[arg(
            "text",
            Text {
                max: CRISIS_TEXT_MAX,
            },
            true,
        )],
        example: "crisis set Call 112, or the helpline 0800 111 0 111",
    },
    CommandSpec {
        kind: K::CrisisReset,
        words: "crisis reset",
        aliases: &[],
        role: Role::Admin,
        args: &[],
        example: "crisis reset",
    },
    CommandSpec {
        kind: K::SetTimezone,
        words: "settings timezone",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("zone", TimeZone, true)],
        example: "settings timezone Europe/Berlin",
    },
    CommandSpec {
        kind: K::SetAttendance,
        words: "settings attendance",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("on-off", Choice(ON_OFF), true)],
        example: "settings attendance on",
    },
    CommandSpec {
        kind: K::SetScheduleGrace,
        words: "settings schedule-grace",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("time", Duration, true)],
        example: "settings schedule-grace 10m",
    },
    CommandSpec {
        kind: K::SetMinShare,
        words: "settings min-share",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("time", Duration, true)],
        example: "settings min-share 1m",
    },
    CommandSpec {
        kind: K::Retention,
        words: "retention",
        aliases: &["settings retention"],
        role: Role::Admin,
        args: &[arg("days", Days, true)],
        example: "retention 30d",
    },
    CommandSpec {
        kind: K::ScheduleAdd,
        words: "schedule add",
        aliases: &[],
        role: Role::Admin,
        args: &[
            arg("name", Word, true),
            arg("when", When, true),
            arg("zone", TimeZone, false),
            arg("duration", Duration, false),
            arg("remind-before", Duration, false),
        ],
        example: "schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m",
    },
    CommandSpec {
        kind: K::ScheduleRemove,
        words: "schedule remove",
        aliases: &["schedule delete"],
        role: Role::Admin,
        args: &[arg("name", Word, true)],
        example: "schedule remove tuesday",
    },
    CommandSpec {
        kind: K::ScheduleList,
        words: "schedule list",
        aliases: &["schedules"],
        role: Role::Member,
        args: &[],
        example: "schedule list",
    },
    CommandSpec {
        kind: K::ScheduleNext,
        words: "schedule next",
        aliases: &["next meeting"],
        role: Role::Member,
        args: &[],
        example: "schedule next",
    },
    CommandSpec {
        kind: K::RolesAdd,
        words: "roles add",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("role", Word, true)],
        example: "roles add chair",
    },
    CommandSpec {
        kind: K::RolesRemove,
        words: "roles remove",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("role", Word, true)],
        example: "roles remove greeter",
    },
    CommandSpec {
        kind: K::RolesVolunteer,
        words: "roles volunteer",
        aliases: &["volunteer"],
        role: Role::Member,
        args: &[arg("role", Word, true)],
        example: "roles volunteer timekeeper",
    },
    CommandSpec {
        kind: K::RolesUnvolunteer,
        words: "roles unvolunteer",
        aliases: &["unvolunteer"],
        role: Role::Member,
        args: &[arg("role", Word, true)],
        example: "roles unvolunteer timekeeper",
    },
    CommandSpec {
        kind: K::RolesList,
        words: "roles list",
        aliases: &["roles show"],
        role: Role::Member,
        args: &[],
        example: "roles list",
    },
    CommandSpec {
        kind: K::RolesSwap,
        words: "roles swap",
        aliases: &[],
        role: Role::Host,
        args: &[arg("role", Word, true), arg("member", Member, true)],
        example: "roles swap chair Sam",
    },
    CommandSpec {
        kind: K::RolesRotate,
        words: "roles rotate",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "roles rotate",
    },
    // ---- the agenda (a meeting with a format)
    CommandSpec {
        kind: K::Agenda,
        words: "agenda",
        aliases: &["agenda show"],
        role: Role::Member,
        args: &[],
        example: "agenda",
    },
    CommandSpec {
        kind: K::AgendaNext,
        words: "agenda next",
        aliases: &["next part"],
        role: Role::Host,
        args: &[],
        example: "agenda next",
    },
    CommandSpec {
        kind: K::AgendaBack,
        words: "agenda back",
        aliases: &[],
        role: Role::Host,
        args: &[],
        example: "agenda back",
    },
    CommandSpec {
        kind: K::AgendaSkip,
        words: "agenda skip",
        aliases: &[],
        role: Role::Host,
        args: &[arg("part", Position, false)],
        example: "agenda skip 6",
    },
    CommandSpec {
        kind: K::AgendaGo,
        words: "agenda go",
        aliases: &["agenda jump"],
        role: Role::Host,
        args: &[arg("part", Position, true)],
        example: "agenda go 3",
    },
    CommandSpec {
        kind: K::AgendaEnd,
        words: "agenda end",
        aliases: &["agenda ends"],
        role: Role::Host,
        args: &[arg("time", ClockTime, true)],
        example: "agenda end 20:30",
    },
    // ---- admins: the format
    CommandSpec {
        kind: K::FormatShow,
        words: "format",
        aliases: &["format show"],
        role: Role::Member,
        args: &[],
        example: "format",
    },
    CommandSpec {
        kind: K::FormatList,
        words: "format list",
        aliases: &["format templates"],
        role: Role::Member,
        args: &[],
        example: "format list",
    },
    CommandSpec {
        kind: K::FormatUse,
        words: "format use",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("template", Choice(TEMPLATES), true)],
        example: "format use twelve-step",
    },
    CommandSpec {
        kind: K::FormatOff,
        words: "format off",
        aliases: &["format clear"],
        role: Role::Admin,
        args: &[],
        example: "format off",
    },
    CommandSpec {
        kind: K::FormatAdd,
        words: "format add",
        aliases: &[],
        role: Role::Admin,
        args: &[
            arg("kind", Choice(PART_KINDS), true),
            arg("time", TimeBox, false),
            arg(
                "title",
                Text {
                    max: super::format::TITLE_MAX,
                },
                false,
            ),
        ],
        example: "format add reading Preamble",
    },
    CommandSpec {
        kind: K::FormatRemove,
        words: "format remove",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("part", Position, true)],
        example: "format remove 4",
    },
    CommandSpec {
        kind: K::FormatMove,
        words: "format move",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("part", Position, true), arg("to", Position, true)],
        example: "format move 5 2",
    },
    CommandSpec {
        kind: K::FormatTime,
        words: "format time",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("part", Position, true), arg("time", TimeBox, true)],
        example: "format time 3 30s",
    },
    CommandSpec {
        kind: K::FormatTitle,
        words: "format title",
        aliases: &[],
        role: Role::Admin,
        args: &[
            arg("part", Position, true),
            arg(
                "title",
                Text {
                    max: super::format::TITLE_MAX,
                },
                true,
            ),
        ],
        example: "format title 2 How it works",
    },
    CommandSpec {
        kind: K::FormatText,
        words: "format text",
        aliases: &[],
        role: Role::Admin,
        args: &[
            arg("part", Position, true),
            arg(
                "text",
                LongText {
                    max: super::format::TEXT_MAX,
                },
                true,
            ),
        ],
        example: "format text 2 Welcome, everyone.",
    },
    CommandSpec {
        kind: K::FormatOrder,
        words: "format order",
        aliases: &[],
        role: Role::Admin,
        args: &[
            arg("part", Position, true),
            arg("order", Choice(ORDERS), true),
        ],
        example: "format order 7 queue",
    },
    CommandSpec {
        kind: K::FormatCrosstalk,
        words: "format crosstalk",
        aliases: &[],
        role: Role::Admin,
        args: &[
            arg("part", Position, true),
            arg("policy", Choice(CROSSTALK), true),
        ],
        example: "format crosstalk 7 none",
    },
    CommandSpec {
        kind: K::FormatRole,
        words: "format role",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("part", Position, true), arg("role", Word, true)],
        example: "format role 3 reader",
    },
    CommandSpec {
        kind: K::FormatExport,
        words: "format export",
        aliases: &[],
        role: Role::Admin,
        args: &[],
        example: "format export",
    },
    CommandSpec {
        kind: K::FormatImport,
        words: "format import",
        aliases: &[],
        role: Role::Admin,
        args: &[arg(
            "document",
            Document {
                max: super::format::DOC_MAX,
            },
            true,
        )],
        example: "format import part = [{ kind = \"silence\", time = \"1m\" }]",
    },
    CommandSpec {
        kind: K::SetWelcome,
        words: "settings welcome",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("on-off", Choice(ON_OFF), true)],
        example: "settings welcome on",
    },
    CommandSpec {
        kind: K::WelcomeShow,
        words: "welcome",
        aliases: &["welcome show"],
        role: Role::Member,
        args: &[],
        example: "welcome",
    },
    CommandSpec {
        kind: K::WelcomeSet,
        words: "welcome set",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("text", LongText { max: WELCOME_MAX }, true)],
        example: "welcome set Welcome! We meet every Tuesday; nobody has to share.",
    },
    CommandSpec {
        kind: K::WelcomeReset,
        words: "welcome reset",
        aliases: &[],
        role: Role::Admin,
        args: &[],
        example: "welcome reset",
    },
    CommandSpec {
        kind: K::SetLanguage,
        words: "settings language",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("language", Language, true)],
        example: "settings language es",
    },
    CommandSpec {
        kind: K::Language,
        words: "language",
        aliases: &["language choose"],
        role: Role::Member,
        args: &[arg("language", Language, false)],
        example: "language de",
    },
    CommandSpec {
        kind: K::LanguageReset,
        words: "language reset",
        aliases: &[],
        role: Role::Member,
        args: &[],
        example: "language reset",
    },
    CommandSpec {
        kind: K::VoiceShow,
        words: "voice",
        aliases: &["voice show"],
        role: Role::Member,
        args: &[],
        example: "voice",
    },
    CommandSpec {
        kind: K::VoiceLink,
        words: "voice link",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("channel", VoiceChannel, true)],
        example: "voice link #Lounge",
    },
    CommandSpec {
        kind: K::VoiceOff,
        words: "voice off",
        aliases: &["voice unlink"],
        role: Role::Admin,
        args: &[],
        example: "voice off",
    },
    CommandSpec {
        kind: K::VoiceMute,
        words: "voice mute",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("on-off", Choice(ON_OFF), true)],
        example: "voice mute on",
    },
    CommandSpec {
        kind: K::VoiceStage,
        words: "voice stage",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("on-off", Choice(ON_OFF), true)],
        example: "voice stage on",
    },
    CommandSpec {
        kind: K::VoicePause,
        words: "voice pause",
        aliases: &[],
        role: Role::Admin,
        args: &[arg("open-keep", Choice(OPEN_KEEP), true)],
        example: "voice pause keep",
    },
];

/// The longest welcome an admin may set.
pub const WELCOME_MAX: usize = 1500;

/// `voice pause`'s words.
const OPEN_KEEP: &[&str] = &["open", "keep"];

/// The entry for a kind (every kind has exactly one).
pub fn spec(kind: CommandKind) -> &'static CommandSpec {
    CATALOGUE
        .iter()
        .find(|s| s.kind == kind)
        .expect("every command kind has a catalogue entry")
}

/// Finds the entry whose words (or alias) are `phrase`, case-insensitively.
pub fn lookup(phrase: &str) -> Option<&'static CommandSpec> {
    let p = phrase.trim().to_lowercase();
    CATALOGUE
        .iter()
        .find(|s| s.words == p || s.aliases.contains(&p.as_str()))
}

/// Which members a command's member argument is picked from, where the session has a list to
/// offer (Discord autocompletes these; other member arguments name anyone on the platform).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberList {
    /// Raised hands, in queue order.
    Queue,
    /// The speaker and who is still to be called in the round, then the session's other members.
    Round,
}

impl CommandKind {
    /// The list this command's member argument picks from (`None`: any member).
    pub fn member_list(self) -> Option<MemberList> {
        match self {
            CommandKind::QueueRemove | CommandKind::QueueMove => Some(MemberList::Queue),
            CommandKind::Skip => Some(MemberList::Round),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_kind_has_exactly_one_entry_and_words_are_unique() {
        let kinds: BTreeSet<_> = CATALOGUE.iter().map(|s| s.kind).collect();
        assert_eq!(kinds.len(), CATALOGUE.len());
        let mut phrases = BTreeSet::new();
        for s in CATALOGUE {
            assert!(phrases.insert(s.words), "duplicate words {}", s.words);
            for a in s.aliases {
                assert!(phrases.insert(a), "duplicate alias {a}");
            }
        }
    }

    #[test]
    fn at_most_one_greedy_argument_and_it_comes_first_among_greedy() {
        for s in CATALOGUE {
            let greedy = s.args.iter().filter(|a| a.kind.is_greedy()).count();
            assert!(greedy <= 1, "{} has {greedy} greedy args", s.words);
            // required arguments come before optional ones (Discord requires it too)
            let mut seen_optional = false;
            for a in s.args {
                assert!(
                    !(a.required && seen_optional),
                    "{}: required after optional",
                    s.words
                );
                seen_optional |= !a.required;
            }
        }
    }

    #[test]
    fn long_text_comes_last_and_its_form_names_the_part() {
        for s in CATALOGUE {
            for (i, a) in s.args.iter().enumerate() {
                if matches!(a.kind, LongText { .. }) {
                    assert_eq!(i + 1, s.args.len(), "{}: long text comes last", s.words);
                }
            }
        }
        let text = spec(K::FormatText);
        assert_eq!(text.long_text().map(|a| a.name), Some("text"));
        assert_eq!(text.typed_args().len(), 1);
        let shown = crate::render::plain(&super::super::text::Message::line(vec![
            text.long_text_title(&["3"])
        ]));
        assert_eq!(shown, "Text of part 3");
        let title = spec(K::FormatTitle);
        assert!(title.long_text().is_none());
        assert_eq!(title.typed_args().len(), 2);
    }

    #[test]
    fn every_entry_has_its_words_in_english() {
        let missing: Vec<String> = CATALOGUE
            .iter()
            .flat_map(|s| s.keys())
            .filter(|k| !crate::i18n::has(crate::domain::Lang::En, k))
            .collect();
        assert!(missing.is_empty(), "missing from commands.ftl: {missing:?}");
    }

    #[test]
    fn examples_start_with_their_words() {
        for s in CATALOGUE {
            assert!(s.example.starts_with(s.words), "{}", s.words);
        }
    }
}
