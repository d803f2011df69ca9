//! What the floor is made of on a platform: voice and Stage channels, the permissions the bot
//! needs in them, and the floor changes the core asks a platform to make (mute, unmute, move to
//! the speakers or the audience, start or end a Stage). Values only; the rules are `voice.rs`.

use serde::{Deserialize, Serialize};

use super::ids::MemberId;
use super::member_text::DisplayName;

/// The kind of a linked channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// Everyone may speak; the bot can server-mute (opt-in).
    Voice,
    /// Speakers and an audience; the bot moves the speaker up and back.
    Stage,
}

impl ChannelKind {
    /// What the bot must be allowed in such a channel to run its floor: muting in a voice
    /// channel; on a Stage, what makes a Stage moderator (it also starts and ends the Stage).
    pub fn required(self) -> &'static [VoicePermission] {
        match self {
            ChannelKind::Voice => &[VoicePermission::ViewChannel, VoicePermission::MuteMembers],
            ChannelKind::Stage => &[
                VoicePermission::ViewChannel,
                VoicePermission::ManageChannels,
                VoicePermission::MuteMembers,
                VoicePermission::MoveMembers,
            ],
        }
    }

    /// The word that selects this kind's wording in the message files (`voice`, `stage`).
    pub fn word(self) -> &'static str {
        match self {
            ChannelKind::Voice => "voice",
            ChannelKind::Stage => "stage",
        }
    }
}

/// A platform permission the floor needs, named as the platform's settings name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoicePermission {
    ViewChannel,
    ManageChannels,
    MuteMembers,
    MoveMembers,
}

impl VoicePermission {
    /// The word that selects its name in the message files (`voice-permission`), which name
    /// it as Discord's server settings show it.
    pub fn word(self) -> &'static str {
        match self {
            VoicePermission::ViewChannel => "view-channel",
            VoicePermission::ManageChannels => "manage-channels",
            VoicePermission::MuteMembers => "mute-members",
            VoicePermission::MoveMembers => "move-members",
        }
    }

    pub const ALL: [VoicePermission; 4] = [
        VoicePermission::ViewChannel,
        VoicePermission::ManageChannels,
        VoicePermission::MuteMembers,
        VoicePermission::MoveMembers,
    ];
}

/// A voice or Stage channel as the platform found it for `voice link`, with what the bot may
/// not do there (of [`ChannelKind::required`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoiceChannel {
    /// The platform's id of the channel (opaque to the core).
    pub id: String,
    pub name: DisplayName,
    pub kind: ChannelKind,
    pub missing: Vec<VoicePermission>,
}

/// The channel a `voice link` names: only a platform with voice channels can find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChannelArg {
    /// As typed (`#Lounge`): the platform did not resolve it.
    Named(String),
    Found(VoiceChannel),
}

/// One change in the linked channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", content = "member", rename_all = "snake_case")]
pub enum FloorStep {
    /// Server-mute this member (voice channel).
    Mute(MemberId),
    /// Lift the server mute the bot put on this member.
    Unmute(MemberId),
    /// Move this member to the Stage's speakers.
    ToSpeakers(MemberId),
    /// Move this member back to the Stage's audience.
    ToAudience(MemberId),
    /// Start the Stage with this topic (the meeting's name).
    OpenStage(String),
    /// End the Stage the bot started.
    CloseStage,
}

impl FloorStep {
    /// The member it touches, if any.
    pub fn member(&self) -> Option<&MemberId> {
        match self {
            FloorStep::Mute(m)
            | FloorStep::Unmute(m)
            | FloorStep::ToSpeakers(m)
            | FloorStep::ToAudience(m) => Some(m),
            FloorStep::OpenStage(_) | FloorStep::CloseStage => None,
        }
    }
}

/// The changes one input makes in the linked channel, in the order to make them (the next
/// speaker's voice before the last one's is taken; a Stage is started first and ended last).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloorChange {
    /// The platform's id of the linked channel.
    pub channel: String,
    pub kind: ChannelKind,
    pub steps: Vec<FloorStep>,
}
