//! The console's voice channels: pretend voice and Stage channels (`#channel` and `#voice`
//! lines) in which the floor changes the core asks for are made and told back as voice states,
//! as Discord does, so the whole floor can be tried and tested without Discord.

use std::collections::BTreeMap;

use bot_core::domain::{
    Actor, ChannelKind, DisplayName, FloorChange, FloorStep, Member, MemberId, Role, VoiceChannel,
    VoiceInput, VoicePermission, VoiceState,
};

/// A console line about voice that is not of the forms below.
pub const VOICE_FORMS: &str = "`#channel NAME voice|stage [missing mute,move,manage,view]`, \
`#voice NAME join CHANNEL|leave|mute|unmute|request|withdraw|moderator`, `#voice lose PERMISSION|none` \
or `#voice restart`";

struct Channel {
    id: String,
    name: String,
    kind: ChannelKind,
    missing: Vec<VoicePermission>,
}

#[derive(Default)]
struct InVoice {
    name: String,
    channel: Option<String>,
    muted: bool,
    suppressed: bool,
    requested: bool,
    moderator: bool,
}

/// The pretend channels and who is in them.
#[derive(Default)]
pub struct VoiceWorld {
    channels: BTreeMap<String, Channel>,
    members: BTreeMap<String, InVoice>,
    /// The permission the platform refuses from now on (`#voice lose`).
    lost: Option<VoicePermission>,
    /// What the world told back, for the engine after the line.
    pending: Vec<VoiceInput>,
    /// The roles `#role` gave, by lower-case name.
    roles: BTreeMap<String, Role>,
}

fn permission(word: &str) -> Option<VoicePermission> {
    Some(match word.trim().to_lowercase().as_str() {
        "mute" | "mute-members" => VoicePermission::MuteMembers,
        "move" | "move-members" => VoicePermission::MoveMembers,
        "manage" | "manage-channels" => VoicePermission::ManageChannels,
        "view" | "view-channel" => VoicePermission::ViewChannel,
        _ => return None,
    })
}

/// The console's member id for a name (as the console's lines make them).
pub fn member_id(name: &str) -> MemberId {
    MemberId::new(format!("console:{}", name.trim().to_lowercase()))
}

impl VoiceWorld {
    /// A role given with `#role` (a host is never muted or moved).
    pub fn set_role(&mut self, name: &str, role: Role) {
        self.roles.insert(name.trim().to_lowercase(), role);
    }

    /// `#channel NAME voice|stage [missing PERM,…]`.
    pub fn channel_line(&mut self, rest: &str) -> Result<(), String> {
        let words: Vec<&str> = rest.split_whitespace().collect();
        let (name, kind, missing) = match words.as_slice() {
            [name, kind] => (*name, *kind, ""),
            [name, kind, "missing", perms] => (*name, *kind, *perms),
            _ => return Err(VOICE_FORMS.into()),
        };
        let kind = match kind.to_lowercase().as_str() {
            "voice" => ChannelKind::Voice,
            "stage" => ChannelKind::Stage,
            _ => return Err(VOICE_FORMS.into()),
        };
        let missing = (missing.split(',').filter(|p| !p.is_empty()))
            .map(|p| permission(p).ok_or_else(|| VOICE_FORMS.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        let name = name.trim_start_matches('#');
        self.channels.insert(
            name.to_lowercase(),
            Channel {
                id: format!("console-voice:{}", name.to_lowercase()),
                name: name.to_string(),
                kind,
                missing,
            },
        );
        Ok(())
    }

    /// `#voice NAME …` or `#voice lose PERM` / `#voice restart`.
    pub fn voice_line(&mut self, rest: &str) -> Result<(), String> {
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words.as_slice() {
            ["lose", "none"] => {
                self.lost = None;
                return Ok(());
            }
            ["lose", perm] => {
                self.lost = Some(permission(perm).ok_or_else(|| VOICE_FORMS.to_string())?);
                return Ok(());
            }
            ["restart"] => {
                self.pending.push(self.snapshot());
                return Ok(());
            }
            _ => {}
        }
        let (name, act, target) = match words.as_slice() {
            [name, act] => (*name, *act, None),
            [name, act, target] => (*name, *act, Some(*target)),
            _ => return Err(VOICE_FORMS.into()),
        };
        let key = name.to_lowercase();
        let channel_id = match target {
            Some(t) => Some(
                self.channels
                    .get(&t.trim_start_matches('#').to_lowercase())
                    .map(|c| c.id.clone())
                    .ok_or_else(|| format!("no channel called {t}: declare it with `#channel`"))?,
            ),
            None => None,
        };
        let stage = |world: &VoiceWorld, id: &str| {
            world
                .channels
                .values()
                .any(|c| c.id == id && c.kind == ChannelKind::Stage)
        };
        let m = self.members.entry(key.clone()).or_insert_with(|| InVoice {
            name: name.to_string(),
            ..InVoice::default()
        });
        match (act, channel_id) {
            ("join", Some(id)) => {
                m.channel = Some(id);
                m.requested = false;
            }
            ("leave", None) => {
                m.channel = None;
                m.requested = false;
            }
            ("mute", None) => m.muted = true,
            ("unmute", None) => m.muted = false,
            ("request", None) => m.requested = true,
            ("withdraw", None) => m.requested = false,
            ("moderator", None) => m.moderator = true,
            _ => return Err(VOICE_FORMS.into()),
        }
        // A member joining a Stage starts in its audience, unless they moderate it.
        let joined_stage = act == "join";
        let in_stage = m.channel.clone().filter(|c| stage(self, c));
        let m = self.members.get_mut(&key).expect("just added");
        if joined_stage {
            m.suppressed = in_stage.is_some() && !m.moderator;
        }
        let state = self.state_of(&key);
        self.pending.push(VoiceInput::State(state));
        Ok(())
    }

    /// The channel `voice link #NAME` names, as Discord would resolve it.
    pub fn resolve(&self, typed: &str) -> Option<VoiceChannel> {
        let c = self
            .channels
            .get(&typed.trim_start_matches('#').to_lowercase())?;
        Some(VoiceChannel {
            id: c.id.clone(),
            name: DisplayName::new(&c.name),
            kind: c.kind,
            missing: c.missing.clone(),
        })
    }

    fn state_of(&self, key: &str) -> VoiceState {
        let m = &self.members[key];
        VoiceState {
            actor: Actor {
                member: Member {
                    id: member_id(&m.name),
                    name: DisplayName::new(&m.name),
                },
                role: self.roles.get(key).copied().unwrap_or(Role::Member),
                platform_roles: Vec::new(),
                locale: Default::default(),
            },
            channel: m.channel.clone(),
            server_muted: m.muted,
            suppressed: m.suppressed,
            requested_to_speak: m.requested,
            moderator: m.moderator,
        }
    }

    /// Everyone in voice, as a start (or a link) sees it.
    pub fn snapshot(&self) -> VoiceInput {
        VoiceInput::Snapshot(
            (self.members.iter())
                .filter(|(_, m)| m.channel.is_some())
                .map(|(k, _)| self.state_of(k))
                .collect(),
        )
    }

    /// Makes a floor change, as Discord would: each step in order, each change told back; a
    /// refused permission stops it there; a member not in voice cannot be muted or unmuted.
    pub fn apply(&mut self, change: &FloorChange) {
        for step in &change.steps {
            if let Some(perm) = self.lost {
                self.pending.push(VoiceInput::Lost(vec![perm]));
                return;
            }
            let Some(member) = step.member() else {
                continue;
            };
            let key = member.as_str().trim_start_matches("console:").to_string();
            let Some(m) = self.members.get_mut(&key).filter(|m| m.channel.is_some()) else {
                self.pending.push(VoiceInput::NotInVoice(member.clone()));
                continue;
            };
            match step {
                FloorStep::Mute(_) => m.muted = true,
                FloorStep::Unmute(_) => m.muted = false,
                FloorStep::ToSpeakers(_) => {
                    m.suppressed = false;
                    m.requested = false;
                }
                FloorStep::ToAudience(_) => m.suppressed = true,
                FloorStep::OpenStage(_) | FloorStep::CloseStage => continue,
            }
            let state = self.state_of(&key);
            self.pending.push(VoiceInput::State(state));
        }
    }

    /// Something for the engine, as if the world told it (a snapshot after a link).
    pub fn push(&mut self, input: VoiceInput) {
        self.pending.push(input);
    }

    /// What the world told back since the last call.
    pub fn take_pending(&mut self) -> Vec<VoiceInput> {
        std::mem::take(&mut self.pending)
    }
}
