//! The pure domain: a deterministic state machine per place. Time arrives as an argument and
//! randomness as a stored seed; there is no I/O, no clock, no tokio and no sqlx in here.

pub mod agenda;
mod args;
mod attendance;
pub mod calendar;
pub mod catalogue;
pub mod command;
pub mod floor;
pub mod format;
pub mod format_doc;
mod help;
pub mod ids;
pub mod lang;
mod language;
pub mod member_text;
pub mod outcome;
pub mod place;
pub mod privacy;
pub mod queue;
mod reply;
pub mod request;
pub mod rotation;
pub mod round;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod text;
pub mod turn;
mod typed;
pub mod view;
pub mod voice;
mod walk;
pub mod welcome;

pub use catalogue::{ArgKind, ArgSpec, CommandKind, CommandSpec, MemberList, CATALOGUE};
pub use command::{
    parse, parse_arg, parse_duration, ArgValue, Command, MemberRef, ParseError, Parsed,
};
pub use floor::{ChannelArg, ChannelKind, FloorChange, FloorStep, VoiceChannel, VoicePermission};
pub use ids::{Actor, Locale, Member, MemberId, Millis, PlaceId, Role, Timestamp};
pub use lang::Lang;
pub use outcome::{Audience, Outcome, Post, PostKind, Rejection, RejectionCode};
pub use place::{Input, Place};
pub use privacy::{forgotten_message, my_data_message, MemberFacts, ERASED_AT_CLOSE};
pub use settings::Settings;
pub use text::{Arg, Block, DisplayName, Message, Say, Span, TimeStyle, UserText};
pub use view::{PlannedTurn, RollEntry, RoundView, StatusView, TurnWhen};
pub use voice::{VoiceInput, VoiceState};
