//! Commands as values: what a member can ask of a place, with the kinds of its arguments
//! (a member named, a round's order, a setting change, a new schedule), and a refusal to parse.

use super::calendar::When;
use super::catalogue::{self, CommandKind, CommandSpec};
use super::floor::ChannelArg;
pub use super::format::{Crosstalk, RoundOrder};
use super::format::{Document, PartEdit, PartKind, TimeBox};
use super::ids::Millis;
use super::lang::Lang;
use super::text::{Message, UserText};

/// How a command names a member: whatever the member typed or the platform sent (a display name,
/// `@name`, or a platform id). The domain resolves it against the members it knows in the place.
#[derive(Clone, PartialEq, Eq)]
pub struct MemberRef(pub String);

impl std::fmt::Debug for MemberRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemberRef(<redacted>)")
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
    MinShare(Millis),
    Welcome(bool),
    Language(Lang),
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
    Agenda,
    AgendaNext,
    AgendaBack,
    AgendaSkip {
        part: Option<u32>,
    },
    AgendaGo {
        part: u32,
    },
    /// The meeting ends at this time of day (hour, minute) in the place's zone.
    AgendaEnd {
        at: (u32, u32),
    },
    FormatShow,
    FormatList,
    FormatUse {
        template: String,
    },
    FormatOff,
    FormatAdd {
        kind: PartKind,
        time: Option<TimeBox>,
        title: Option<UserText>,
    },
    FormatRemove {
        part: u32,
    },
    FormatMove {
        part: u32,
        to: u32,
    },
    FormatEdit {
        part: u32,
        edit: PartEdit,
    },
    FormatExport,
    FormatImport {
        doc: Document,
    },
    WelcomeShow,
    WelcomeSet {
        lines: Vec<UserText>,
    },
    WelcomeReset,
    /// `language` (none: show) or `language CODE`.
    Language {
        lang: Option<Lang>,
    },
    LanguageReset,
    VoiceShow,
    VoiceLink {
        channel: ChannelArg,
    },
    VoiceOff,
    VoiceMute(bool),
    VoiceStage(bool),
    VoicePause {
        opens: bool,
    },
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
                SettingChange::Welcome(_) => K::SetWelcome,
                SettingChange::Language(_) => K::SetLanguage,
                SettingChange::ScheduleGrace(_) => K::SetScheduleGrace,
                SettingChange::MinShare(_) => K::SetMinShare,
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
            Command::Agenda => K::Agenda,
            Command::AgendaNext => K::AgendaNext,
            Command::AgendaBack => K::AgendaBack,
            Command::AgendaSkip { .. } => K::AgendaSkip,
            Command::AgendaGo { .. } => K::AgendaGo,
            Command::AgendaEnd { .. } => K::AgendaEnd,
            Command::FormatShow => K::FormatShow,
            Command::FormatList => K::FormatList,
            Command::FormatUse { .. } => K::FormatUse,
            Command::FormatOff => K::FormatOff,
            Command::FormatAdd { .. } => K::FormatAdd,
            Command::FormatRemove { .. } => K::FormatRemove,
            Command::FormatMove { .. } => K::FormatMove,
            Command::FormatEdit { edit, .. } => match edit {
                PartEdit::Time(_) => K::FormatTime,
                PartEdit::Title(_) => K::FormatTitle,
                PartEdit::Text(_) => K::FormatText,
                PartEdit::Order(_) => K::FormatOrder,
                PartEdit::Crosstalk(_) => K::FormatCrosstalk,
                PartEdit::Role(_) => K::FormatRole,
            },
            Command::FormatExport => K::FormatExport,
            Command::FormatImport { .. } => K::FormatImport,
            Command::WelcomeShow => K::WelcomeShow,
            Command::WelcomeSet { .. } => K::WelcomeSet,
            Command::WelcomeReset => K::WelcomeReset,
            Command::Language { .. } => K::Language,
            Command::LanguageReset => K::LanguageReset,
            Command::VoiceShow => K::VoiceShow,
            Command::VoiceLink { .. } => K::VoiceLink,
            Command::VoiceOff => K::VoiceOff,
            Command::VoiceMute(_) => K::VoiceMute,
            Command::VoiceStage(_) => K::VoiceStage,
            Command::VoicePause { .. } => K::VoicePause,
        }
    }

    pub fn spec(&self) -> &'static CommandSpec {
        catalogue::spec(self.kind())
    }
}

/// A command that could not be understood. Its message says what was wrong and a form that works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: Message,
}

impl ParseError {
    pub(crate) fn new(message: Message) -> Self {
        ParseError { message }
    }
}

impl From<ParseError> for super::outcome::Rejection {
    fn from(e: ParseError) -> Self {
        super::outcome::Rejection::new(super::outcome::RejectionCode::Parse, e.message)
    }
}
