//! The pure domain: a deterministic state machine per place. Time arrives as an argument and
//! randomness as a stored seed; there is no I/O, no clock, no tokio and no sqlx in here.

mod args;
pub mod calendar;
pub mod catalogue;
pub mod command;
pub mod ids;
pub mod outcome;
pub mod place;
pub mod request;
pub mod rotation;
pub mod schedule;
pub mod text;

pub use catalogue::{ArgKind, ArgSpec, CommandKind, CommandSpec, MemberList, CATALOGUE};
pub use command::{
    parse, parse_arg, parse_duration, ArgValue, Command, MemberRef, ParseError, Parsed,
};
pub use ids::{Actor, Member, MemberId, Millis, PlaceId, Role, Timestamp};
pub use outcome::{Audience, Outcome, Post, PostKind, Rejection, RejectionCode};
pub use place::{
    Input, Place, PlannedTurn, RollEntry, RoundView, Settings, StatusView, TurnWhen,
    ERASED_AT_CLOSE,
};
pub use text::{Block, DisplayName, Message, Span, TimeStyle, UserText};
