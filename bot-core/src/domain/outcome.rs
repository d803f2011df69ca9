//! What the domain returns: posts (who should see what), refusals, and whether the state changed.

use serde::{Deserialize, Serialize};

use super::floor::FloorChange;
use super::ids::MemberId;
use super::lang::Lang;
use super::text::Message;

/// Who sees a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "member", rename_all = "snake_case")]
pub enum Audience {
    /// Everyone in the place (the meeting channel or room).
    Place,
    /// An answer only the member who asked needs; not sensitive (Discord: ephemeral; Matrix: in
    /// their direct room, so the meeting room stays quiet, with a 📬 reaction on their command).
    /// A [`PostKind::Ack`] only confirms their own action (Matrix: a ✅ reaction instead).
    Reply(MemberId),
    /// Personal or refused: only that member may see it (Discord: ephemeral; Matrix: a direct room).
    Private(MemberId),
    /// Not a message: a change in the linked voice or Stage channel, which the platform makes
    /// (the post's message says what it does; the console shows it). Kept in the outbox like a
    /// post for everyone, so a change committed is made even after a crash.
    Floor(Box<FloorChange>),
}

impl Audience {
    /// Kept for redelivery after a crash: what the meeting sees and the floor changes (an answer
    /// to one member belongs to a request that is gone by then).
    pub fn is_kept(&self) -> bool {
        matches!(self, Audience::Place | Audience::Floor(_))
    }
}

/// What a post is about, so adapters and transcripts can tell posts apart without reading them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Reply,
    /// Confirms a member's own action that others need not read about (a hand raised or
    /// lowered: the live status shows the queue). Platforms with reactions react to the command.
    Ack,
    Refusal,
    Notice,
    SessionOpened,
    SessionClosed,
    CheckIn,
    RoundStarted,
    Turn,
    Warning,
    Time,
    RoundEnded,
    Crisis,
    MyData,
    Forgotten,
    Reminder,
    /// A part of the meeting's agenda begins (or the agenda ends).
    Part,
    /// A change in the linked voice or Stage channel ([`Audience::Floor`]).
    Floor,
    /// The private welcome a member gets at their first check-in to a place.
    Welcome,
}

impl PostKind {
    /// Whether the meeting's timing depends on this post (a speaker's call, a warning, "time",
    /// a round starting or ending): a platform that must hold posts back (a rate limit) sends
    /// these before answers that are still waiting.
    pub fn is_timing(self) -> bool {
        matches!(
            self,
            PostKind::RoundStarted
                | PostKind::Turn
                | PostKind::Warning
                | PostKind::Time
                | PostKind::RoundEnded
                | PostKind::Part
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Reply => "reply",
            PostKind::Ack => "ack",
            PostKind::Refusal => "refusal",
            PostKind::Notice => "notice",
            PostKind::SessionOpened => "session_opened",
            PostKind::SessionClosed => "session_closed",
            PostKind::CheckIn => "check_in",
            PostKind::RoundStarted => "round_started",
            PostKind::Turn => "turn",
            PostKind::Warning => "warning",
            PostKind::Time => "time",
            PostKind::RoundEnded => "round_ended",
            PostKind::Crisis => "crisis",
            PostKind::MyData => "my_data",
            PostKind::Forgotten => "forgotten",
            PostKind::Reminder => "reminder",
            PostKind::Part => "part",
            PostKind::Floor => "floor",
            PostKind::Welcome => "welcome",
        }
    }
}

/// One message the bot will send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub audience: Audience,
    pub kind: PostKind,
    pub message: Message,
    /// The language it is read in, chosen by the place (`Place::lang_for`).
    #[serde(default)]
    pub lang: Lang,
}

/// The result of an accepted input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// In delivery order.
    pub posts: Vec<Post>,
    /// The persisted state changed (read-only commands leave it false: nothing to commit).
    pub state_changed: bool,
    /// What a live status view shows changed (the round's plan, the queue, check-ins). Timed
    /// transitions that went as announced (warnings, "time", a silent advance) leave it false:
    /// the view is a plan with absolute times, true without an edit.
    pub status_changed: bool,
}

/// Why an input was refused, as a code (for metrics and tests) and a kind message for the member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub code: RejectionCode,
    pub message: Message,
    /// The language the member reads it in, chosen by the place.
    pub lang: Lang,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RejectionCode {
    Parse,
    NotAllowed,
    NoSession,
    SessionAlreadyOpen,
    NoRound,
    RoundRunning,
    NobodyToCall,
    NotYourTurn,
    NotInRound,
    TurnAlreadyTaken,
    QueueClosed,
    AlreadyQueued,
    NotQueued,
    UnknownMember,
    AmbiguousMember,
    NotPaused,
    AlreadyPaused,
    InvalidSetting,
    UnknownTopic,
    NoAgenda,
}

impl RejectionCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectionCode::Parse => "parse",
            RejectionCode::NotAllowed => "not_allowed",
            RejectionCode::NoSession => "no_session",
            RejectionCode::SessionAlreadyOpen => "session_already_open",
            RejectionCode::NoRound => "no_round",
            RejectionCode::RoundRunning => "round_running",
            RejectionCode::NobodyToCall => "nobody_to_call",
            RejectionCode::NotYourTurn => "not_your_turn",
            RejectionCode::NotInRound => "not_in_round",
            RejectionCode::TurnAlreadyTaken => "turn_already_taken",
            RejectionCode::QueueClosed => "queue_closed",
            RejectionCode::AlreadyQueued => "already_queued",
            RejectionCode::NotQueued => "not_queued",
            RejectionCode::UnknownMember => "unknown_member",
            RejectionCode::AmbiguousMember => "ambiguous_member",
            RejectionCode::NotPaused => "not_paused",
            RejectionCode::AlreadyPaused => "already_paused",
            RejectionCode::InvalidSetting => "invalid_setting",
            RejectionCode::UnknownTopic => "unknown_topic",
            RejectionCode::NoAgenda => "no_agenda",
        }
    }
}

impl Rejection {
    pub fn new(code: RejectionCode, message: Message) -> Self {
        Rejection {
            code,
            message,
            lang: Lang::En,
        }
    }
}
