//! A place's linked voice or Stage channel and its floor: the link and its options, who is in
//! the channel as the platform last said, whom the bot muted or moved to the speakers, and the
//! rule that makes the channel follow the meeting's speaker (`Voice::follow`), with the words of
//! the `voice` commands.
//!
//! The bot never leaves anyone it muted muted. A mute is stored before it is asked for (the
//! floor change is committed with the state, then made), and every mute the bot holds is lifted
//! when the round ends or pauses with an open floor, when the member leaves the channel, when the
//! session closes, when the process stops, and — for a member who left voice altogether, whom
//! nobody can unmute — at their next voice join anywhere in the community. It never unmutes
//! anyone it did not mute, and leaves hosts and the channel's own moderators alone.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::floor::{ChannelKind, FloorChange, FloorStep, VoiceChannel, VoicePermission};
use super::ids::{Actor, Member, MemberId};
use super::member_text::{DisplayName, UserText};
use super::outcome::{Audience, PostKind, Rejection, RejectionCode as Code};
use super::reply::{reject, Out};
use super::text::{say, Message, Span};
use crate::say;

/// A voice or Stage channel linked to the place, and how the floor works there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceLink {
    pub channel: String,
    pub name: DisplayName,
    pub kind: ChannelKind,
    /// Voice channel: mute everyone but the speaker and the hosts during a share round (opt-in:
    /// it server-mutes people).
    #[serde(default)]
    pub mute: bool,
    /// Stage: start the Stage when a session opens and end it when the session closes.
    #[serde(default = "yes")]
    pub stage: bool,
    /// A paused turn opens the floor to everyone (voice channel) until it resumes.
    #[serde(default)]
    pub pause_opens: bool,
}

fn yes() -> bool {
    true
}

/// One member in the linked channel, as the platform last said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: DisplayName,
    /// A host of this meeting (never muted or moved).
    #[serde(default, skip_serializing_if = "is_false")]
    pub host: bool,
    /// One of the channel's own moderators (never muted or moved).
    #[serde(default, skip_serializing_if = "is_false")]
    pub moderator: bool,
    /// Server-muted, by the bot or anyone else.
    #[serde(default, skip_serializing_if = "is_false")]
    pub server_muted: bool,
    /// In a Stage's audience.
    #[serde(default, skip_serializing_if = "is_false")]
    pub suppressed: bool,
    /// Asked to speak on a Stage.
    #[serde(default, skip_serializing_if = "is_false")]
    pub requested: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a mute the bot holds stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MuteState {
    /// Asked for; the platform has not yet said it is done.
    Muting,
    /// The platform said the member is muted.
    Muted,
    /// The unmute is asked for; the platform has not yet said it is done.
    Unmuting,
    /// To lift, but the member is not in voice (nobody can unmute them there): lifted at their
    /// next voice join.
    Owed,
}

/// A mute the bot holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldMute {
    pub state: MuteState,
    /// Their name when muted, to name them while they are out of the channel.
    pub name: DisplayName,
    /// In voice somewhere in the community, as last heard.
    pub in_voice: bool,
}

/// A member's voice state as the platform reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoiceState {
    /// Who, with their standing (hosts are never touched).
    pub actor: Actor,
    /// The voice channel they are in (the platform's id); `None`: not in voice.
    pub channel: Option<String>,
    pub server_muted: bool,
    pub suppressed: bool,
    pub requested_to_speak: bool,
    /// One of the channel's own moderators (may mute and move members there).
    pub moderator: bool,
}

/// What a platform reports about voice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoiceInput {
    /// One member's voice state now.
    State(VoiceState),
    /// Every voice state in the community (at start, after a reconnect, after a link): anyone
    /// not listed is not in voice.
    Snapshot(Vec<VoiceState>),
    /// A floor change for this member failed because they are not connected to voice.
    NotInVoice(MemberId),
    /// The platform refused a floor change: the bot lacks these permissions in the channel.
    Lost(Vec<VoicePermission>),
    /// The process is stopping: lift every mute the bot holds until the next snapshot.
    Release,
}

/// What a Stage's request to speak asks of the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HandChange {
    Raise,
    Lower,
}

/// An option of a link (`voice mute|stage|pause`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LinkOption {
    Mute,
    Stage,
    PauseOpens,
}

/// The meeting as the floor sees it.
pub(crate) struct Meeting<'a> {
    /// A session is open; its name (or, unnamed, the word for a meeting in the place's
    /// language: a Stage's topic).
    pub(crate) session: Option<std::borrow::Cow<'a, str>>,
    /// A share round is running.
    pub(crate) round: bool,
    /// Who has the turn (their turn may be paused or its time up).
    pub(crate) speaker: Option<&'a MemberId>,
    pub(crate) paused: bool,
}

/// The linked channel and everything the floor keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voice {
    pub link: Option<VoiceLink>,
    /// The channel floor changes were last made in (kept after an unlink, for the mutes still
    /// to lift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<(String, ChannelKind)>,
    /// Who is in the linked channel.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub present: BTreeMap<MemberId, Presence>,
    /// Every mute the bot holds, by member (this is what `my-data` shows and what is lifted).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub muted: BTreeMap<MemberId, HeldMute>,
    /// On a Stage: whom the bot moved to the speakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_stage: Option<MemberId>,
    /// The bot started the Stage for this session.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stage_open: bool,
    /// Members a moderator unmuted during this round: left alone until it ends.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub released: BTreeSet<MemberId>,
    /// The platform refused a change for want of these permissions: no floor changes until the
    /// channel is linked again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost: Option<Vec<VoicePermission>>,
    /// The process stopped and lifted its mutes: none until a process looks at voice again (a
    /// snapshot at its start), not even for the changes the unmutes themselves report.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stopped: bool,
}

impl Voice {
    /// Whether there is nothing to keep: no link and no mute to lift.
    pub fn is_idle(&self) -> bool {
        self.link.is_none() && self.muted.is_empty() && self.on_stage.is_none() && !self.stage_open
    }

    /// Members this keeps anything about (for `my-data` and `forget-me`).
    pub fn members(&self) -> impl Iterator<Item = &MemberId> {
        self.present
            .keys()
            .chain(self.muted.keys())
            .chain(self.on_stage.iter())
            .chain(self.released.iter())
    }

    /// Links `found`, or says why not. A link to another channel first lets go of the old one.
    pub(crate) fn link(
        &mut self,
        found: VoiceChannel,
        out: &mut Out,
    ) -> Result<Message, Rejection> {
        if !found.missing.is_empty() {
            return Err(missing_refusal(&found));
        }
        let relinked = self.link.as_ref().map(|l| l.channel == found.id);
        if relinked == Some(false) {
            self.unlink(out);
        }
        let old = self.link.take();
        let link = VoiceLink {
            channel: found.id.clone(),
            name: found.name,
            kind: found.kind,
            mute: old.as_ref().is_some_and(|o| o.mute),
            stage: old.as_ref().is_none_or(|o| o.stage),
            pause_opens: old.as_ref().is_some_and(|o| o.pause_opens),
        };
        if relinked != Some(true) {
            self.present.clear();
        }
        self.channel = Some((found.id, found.kind));
        if self.lost.take().is_some() {
            // Changes asked for while the permission was missing may not have been made: each
            // is asked for again (a mute still wanted, an unmute still owed).
            for held in self.muted.values_mut() {
                if held.state != MuteState::Muted {
                    held.state = MuteState::Owed;
                }
            }
        }
        let said = linked_message(&link);
        self.link = Some(link);
        Ok(said)
    }

    /// Lets go of the link: every mute the bot holds is lifted, its speaker goes back to the
    /// audience and the Stage it started ends.
    pub(crate) fn unlink(&mut self, out: &mut Out) {
        self.link = None;
        self.present.clear();
        self.released.clear();
        let idle = Meeting {
            session: None,
            round: false,
            speaker: None,
            paused: false,
        };
        self.follow(&idle, out);
    }

    /// Takes in what the platform reports; returns what a Stage request to speak asks of the
    /// meeting's queue.
    pub(crate) fn observe(
        &mut self,
        input: &VoiceInput,
        host: impl Fn(&Actor) -> bool,
    ) -> Vec<(Member, HandChange)> {
        let mut hands = Vec::new();
        match input {
            VoiceInput::State(s) => hands.extend(self.state(s, host(&s.actor))),
            VoiceInput::Snapshot(states) => {
                // A start's (or a link's) look at voice: the process that stopped is gone.
                self.stopped = false;
                let listed: BTreeSet<&MemberId> =
                    states.iter().map(|s| &s.actor.member.id).collect();
                let gone: Vec<MemberId> = (self.present.keys().chain(self.muted.keys()))
                    .filter(|m| !listed.contains(m))
                    .cloned()
                    .collect();
                for m in gone {
                    self.not_in_voice(&m);
                }
                for s in states {
                    // A snapshot is where things stand, not a change: a request already made
                    // before it raised its hand then (or was made while nobody listened).
                    self.state(s, host(&s.actor));
                }
            }
            VoiceInput::NotInVoice(m) => self.not_in_voice(m),
            VoiceInput::Lost(_) | VoiceInput::Release => {}
        }
        hands
    }

    /// One member's state: where they are, and what it says about a mute the bot holds.
    fn state(&mut self, s: &VoiceState, host: bool) -> Option<(Member, HandChange)> {
        let id = &s.actor.member.id;
        let linked = self.link.as_ref().map(|l| (l.channel.as_str(), l.kind));
        let here = linked.is_some_and(|(c, _)| s.channel.as_deref() == Some(c));
        let before = self.present.get(id).map(|p| p.requested && p.suppressed);
        if here {
            self.present.insert(
                id.clone(),
                Presence {
                    name: s.actor.member.name.clone(),
                    host,
                    moderator: s.moderator,
                    server_muted: s.server_muted,
                    suppressed: s.suppressed,
                    requested: s.requested_to_speak,
                },
            );
        } else {
            self.present.remove(id);
        }
        if let Some(held) = self.muted.get_mut(id) {
            held.in_voice = s.channel.is_some();
            match (held.state, s.channel.is_some(), s.server_muted) {
                (MuteState::Muting, _, true) => held.state = MuteState::Muted,
                // Left voice before the mute landed (or it failed for that): there may be a
                // mute to lift at their next join.
                (MuteState::Muting, false, _) => held.state = MuteState::Owed,
                // An older state than the mute: it is still on its way.
                (MuteState::Muting, true, false) => {}
                // Someone else unmuted them: theirs to decide until the round ends.
                (MuteState::Muted, true, false) => {
                    self.muted.remove(id);
                    if here {
                        self.released.insert(id.clone());
                    }
                }
                (MuteState::Muted, false, _) => held.state = MuteState::Owed,
                (MuteState::Muted, true, true) => {}
                (MuteState::Unmuting | MuteState::Owed, true, false) => {
                    self.muted.remove(id);
                }
                (MuteState::Unmuting, false, _) => held.state = MuteState::Owed,
                // An older state than the unmute, or a moderator's mute since: the unmute on its
                // way settles it.
                (MuteState::Unmuting, true, true) => {}
                // Back in voice and still muted: `follow` lifts it now.
                (MuteState::Owed, true, true) | (MuteState::Owed, false, _) => {}
            }
        }
        let stage = linked.is_some_and(|(_, k)| k == ChannelKind::Stage);
        if !(here && stage) {
            return None;
        }
        // A hand is an audience member's request to speak. Someone invited up (no longer
        // suppressed, the request standing until they accept) has not asked for anything.
        let member = s.actor.member.clone();
        let asked = s.requested_to_speak && s.suppressed;
        match (before, asked) {
            (Some(false) | None, true) => Some((member, HandChange::Raise)),
            (Some(true), false) if s.suppressed => Some((member, HandChange::Lower)),
            _ => None,
        }
    }

    fn not_in_voice(&mut self, m: &MemberId) {
        self.present.remove(m);
        if let Some(held) = self.muted.get_mut(m) {
            held.in_voice = false;
            held.state = MuteState::Owed;
        }
    }

    /// The platform refused a change for want of permissions: says so once, and makes no more
    /// changes until the channel is linked again.
    pub(crate) fn lose(&mut self, missing: &[VoicePermission], out: &mut Out) {
        if self.lost.is_some() {
            return;
        }
        self.lost = Some(missing.to_vec());
        out.stored();
        let name = self.link.as_ref().map(|l| l.name.clone());
        let mut message = Message::say(say!(
            "voice-lost",
            channel = channel_name(name.as_ref()),
            missing = permission_list(missing),
            link = say::cmd("voice link")
        ));
        let still: Vec<Vec<Span>> = (self.muted.keys())
            .filter_map(|m| {
                self.present.get(m).map(|p| {
                    vec![say::name(&Member {
                        id: m.clone(),
                        name: p.name.clone(),
                    })]
                })
            })
            .collect();
        if !still.is_empty() {
            message = message
                .then_line(vec![say!("voice-lost-still-muted")])
                .then_list(still);
        }
        out.public(PostKind::Notice, message);
    }

    /// The process stops: every mute is lifted (they come back when voice states come in and
    /// the round still runs).
    pub(crate) fn release(&mut self) {
        self.stopped = true;
    }

    /// Makes the channel follow the meeting: what should be, compared with what the bot has
    /// done, becomes one floor change (none when nothing differs or permissions are missing).
    pub(crate) fn follow(&mut self, meeting: &Meeting, out: &mut Out) {
        if self.lost.is_some() {
            return;
        }
        let Some((channel, kind)) = self.channel.clone() else {
            return;
        };
        let mut steps = Vec::new();
        let link = self.link.as_ref();
        let on = |k: ChannelKind| link.filter(|l| l.kind == k);

        let want_open =
            on(ChannelKind::Stage).is_some_and(|l| l.stage) && meeting.session.is_some();
        if want_open && !self.stage_open {
            let topic = meeting.session.as_deref().unwrap_or_default().to_string();
            steps.push(FloorStep::OpenStage(topic));
            self.stage_open = true;
        }

        // Stage: the speaker up, the one before back down (at most two changes a turn).
        let want_up = on(ChannelKind::Stage)
            .and(meeting.speaker)
            .filter(|s| {
                self.present.get(*s).is_some_and(|p| {
                    !p.host && !p.moderator && (p.suppressed || self.on_stage.as_ref() == Some(*s))
                })
            })
            .cloned();
        if want_up != self.on_stage {
            if let Some(up) = &want_up {
                steps.push(FloorStep::ToSpeakers(up.clone()));
            }
            if let Some(down) = self.on_stage.take() {
                if self.present.contains_key(&down) {
                    steps.push(FloorStep::ToAudience(down));
                }
            }
            self.on_stage = want_up;
        }

        // Voice channel: everyone but the speaker, the hosts and the moderators is muted while
        // a round runs (not during a pause that opens the floor), except whom someone else
        // muted or unmuted.
        let muting = on(ChannelKind::Voice)
            .is_some_and(|l| l.mute && meeting.round && !(meeting.paused && l.pause_opens))
            && !self.stopped;
        let wanted: BTreeSet<MemberId> = if muting {
            (self.present.iter())
                .filter(|(m, p)| {
                    !p.host
                        && !p.moderator
                        && Some(*m) != meeting.speaker
                        && !self.released.contains(*m)
                        // Muted by someone else: theirs, not the bot's.
                        && (!p.server_muted || self.muted.contains_key(*m))
                })
                .map(|(m, _)| m.clone())
                .collect()
        } else {
            BTreeSet::new()
        };
        // Unmutes first, so the next speaker is heard before the last one is muted.
        for (m, held) in self.muted.iter_mut() {
            if wanted.contains(m) {
                continue;
            }
            match held.state {
                MuteState::Muting | MuteState::Muted | MuteState::Owed if held.in_voice => {
                    steps.push(FloorStep::Unmute(m.clone()));
                    held.state = MuteState::Unmuting;
                }
                MuteState::Muting | MuteState::Muted => held.state = MuteState::Owed,
                MuteState::Owed | MuteState::Unmuting => {}
            }
        }
        for m in wanted {
            let name = self.present.get(&m).map(|p| p.name.clone());
            let held = self.muted.entry(m.clone()).or_insert_with(|| HeldMute {
                state: MuteState::Owed,
                name: name.unwrap_or_else(|| DisplayName::new("someone")),
                in_voice: true,
            });
            if matches!(held.state, MuteState::Owed | MuteState::Unmuting) {
                held.state = MuteState::Muting;
                held.in_voice = true;
                steps.push(FloorStep::Mute(m));
            }
        }
        if !meeting.round {
            self.released.clear();
        }

        if !want_open && self.stage_open {
            steps.push(FloorStep::CloseStage);
            self.stage_open = false;
        }
        if self.link.is_none() && self.is_idle() {
            self.channel = None;
        }
        if steps.is_empty() {
            return;
        }
        out.stored();
        let message = self.said(&steps);
        out.post(
            Audience::Floor(Box::new(FloorChange {
                channel,
                kind,
                steps,
            })),
            PostKind::Floor,
            message,
        );
    }

    /// A member's name as the floor knows it.
    fn name_of(&self, m: &MemberId) -> Span {
        let name = (self.present.get(m).map(|p| p.name.clone()))
            .or_else(|| self.muted.get(m).map(|h| h.name.clone()))
            .unwrap_or_else(|| DisplayName::new("someone"));
        say::name(&Member {
            id: m.clone(),
            name,
        })
    }

    /// What a floor change does, in words (the console shows it; platforms make it instead).
    fn said(&self, steps: &[FloorStep]) -> Message {
        let mut parts: Vec<Vec<Span>> = Vec::new();
        for step in steps {
            if let FloorStep::OpenStage(topic) = step {
                parts.push(vec![say!(
                    "voice-floor-stage-started",
                    topic = Span::User(topic_text(topic))
                )]);
            }
        }
        type Is = fn(&FloorStep) -> bool;
        let groups: [(&str, Is); 4] = [
            ("to-speakers", |s| matches!(s, FloorStep::ToSpeakers(_))),
            ("to-audience", |s| matches!(s, FloorStep::ToAudience(_))),
            ("unmuted", |s| matches!(s, FloorStep::Unmute(_))),
            ("muted", |s| matches!(s, FloorStep::Mute(_))),
        ];
        for (step, is) in groups {
            let who: Vec<&MemberId> = steps
                .iter()
                .filter(|s| is(s))
                .filter_map(FloorStep::member)
                .collect();
            if who.is_empty() {
                continue;
            }
            let mut names = Vec::new();
            for (i, m) in who.into_iter().enumerate() {
                if i > 0 {
                    names.push(say::t(", "));
                }
                names.push(self.name_of(m));
            }
            parts.push(vec![say!("voice-floor-step", step = step, names = names)]);
        }
        if steps.contains(&FloorStep::CloseStage) {
            parts.push(vec![say!("voice-floor-stage-ended")]);
        }
        let mut spans = vec![say::t("🎙 ")];
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                spans.push(say::t(" · "));
            }
            spans.extend(part);
        }
        Message::line(spans)
    }

    /// Sets one option of the link, or says why it does not apply to this kind of channel.
    pub(crate) fn set(&mut self, option: LinkOption, on: bool) -> Result<Message, Rejection> {
        let link = self.link.as_mut().ok_or_else(not_linked)?;
        let fits = match option {
            LinkOption::Mute | LinkOption::PauseOpens => ChannelKind::Voice,
            LinkOption::Stage => ChannelKind::Stage,
        };
        if link.kind != fits {
            let spans = vec![say!(
                "voice-option-wrong-kind",
                kind = link.kind.word(),
                channel = channel_name(Some(&link.name))
            )];
            return Err(reject(Code::InvalidSetting, spans));
        }
        match option {
            LinkOption::Mute => link.mute = on,
            LinkOption::Stage => link.stage = on,
            LinkOption::PauseOpens => link.pause_opens = on,
        }
        Ok(Message::lines(options_lines(link)))
    }

    /// `voice`: the link and how the floor works there.
    pub(crate) fn message(&self) -> Message {
        let Some(link) = &self.link else {
            return Message::say(say!(
                "voice-none-linked",
                link = say::cmd("voice link #channel")
            ));
        };
        let mut message = Message::say(say!(
            "voice-linked-to",
            channel = channel_name(Some(&link.name)),
            kind = link.kind.word()
        ))
        .append(Message::lines(options_lines(link)));
        if let Some(missing) = &self.lost {
            message = message.then_line(vec![say!(
                "voice-not-changing",
                missing = permission_list(missing),
                link = say::cmd("voice link")
            )]);
        }
        message
    }

    /// The line the live status shows, if a channel is linked.
    pub fn status_line(&self) -> Option<Vec<Span>> {
        let link = self.link.as_ref()?;
        let channel = channel_name(Some(&link.name));
        let line = if self.lost.is_some() {
            say!("voice-status-lost", channel = channel)
        } else if link.kind == ChannelKind::Voice && !link.mute {
            say!("voice-status-unmuted", channel = channel)
        } else {
            say!("voice-status", channel = channel)
        };
        Some(vec![line])
    }

    /// What `my-data` tells a member about voice here.
    pub(crate) fn facts(&self, id: &MemberId) -> Vec<Vec<Span>> {
        let mut lines = Vec::new();
        if self.present.contains_key(id) {
            lines.push(vec![say!("voice-fact-present")]);
        }
        if let Some(held) = self.muted.get(id) {
            lines.push(vec![match held.state {
                MuteState::Muting | MuteState::Muted => say!("voice-fact-muted"),
                MuteState::Unmuting => say!("voice-fact-unmuting"),
                MuteState::Owed => say!("voice-fact-owed"),
            }]);
        }
        lines
    }

    /// Forgets a member: a mute the bot holds is lifted (`follow` asks for it; one it cannot
    /// lift yet, while they are out of voice, is kept until it can), and they are left alone
    /// until the round ends.
    pub(crate) fn forget(&mut self, id: &MemberId) {
        self.present.remove(id);
        // Left alone for the rest of the round: keeping them muted would mean keeping them.
        self.released.insert(id.clone());
        if self.on_stage.as_ref() == Some(id) {
            self.on_stage = None;
        }
    }
}

/// A Stage's topic as member text (the meeting's name; at most Discord's 120 characters).
fn topic_text(topic: &str) -> UserText {
    let cut: String = topic.chars().take(120).collect();
    UserText::new(&cut, 120).unwrap_or_else(|_| UserText::new("…", 120).expect("short"))
}

/// The refusal for a channel where the bot lacks permissions.
fn missing_refusal(found: &VoiceChannel) -> Rejection {
    let spans = vec![say!(
        "voice-missing",
        channel = channel_name(Some(&found.name)),
        missing = permission_list(&found.missing),
        n = found.missing.len()
    )];
    reject(Code::InvalidSetting, spans)
}

/// `Mute Members and Move Members` (each permission emphasised).
fn permission_list(missing: &[VoicePermission]) -> Vec<Span> {
    let named =
        |p: &VoicePermission| say::strong_say(say!("voice-permission", permission = p.word()));
    match missing {
        [] => vec![],
        [one] => vec![named(one)],
        [first @ .., last] => {
            let mut before = Vec::new();
            for (i, p) in first.iter().enumerate() {
                if i > 0 {
                    before.push(say::t(", "));
                }
                before.push(named(p));
            }
            vec![say!(
                "voice-permissions-and",
                first = before,
                last = named(last)
            )]
        }
    }
}

fn channel_name(name: Option<&DisplayName>) -> Span {
    name.and_then(|n| UserText::new(n.as_str(), 100).ok())
        .map(Span::User)
        .unwrap_or_else(|| say!("voice-the-linked-channel"))
}

/// What linking says.
fn linked_message(link: &VoiceLink) -> Message {
    Message::say(say!(
        "voice-linked",
        channel = channel_name(Some(&link.name)),
        kind = link.kind.word()
    ))
    .append(Message::lines(options_lines(link)))
}

/// How the floor works with this link, one line per option, with the command that changes it.
fn options_lines(link: &VoiceLink) -> Vec<Vec<Span>> {
    match link.kind {
        ChannelKind::Stage => vec![
            vec![say!("voice-stage-how")],
            if link.stage {
                vec![say!("voice-stage-by-me", off = say::cmd("voice stage off"))]
            } else {
                vec![say!("voice-stage-by-you", on = say::cmd("voice stage on"))]
            },
        ],
        ChannelKind::Voice => {
            let mut lines = vec![if link.mute {
                vec![say!("voice-mute-on", off = say::cmd("voice mute off"))]
            } else {
                vec![say!("voice-mute-off", on = say::cmd("voice mute on"))]
            }];
            if link.mute {
                lines.push(if link.pause_opens {
                    vec![say!(
                        "voice-pause-opens",
                        keep = say::cmd("voice pause keep")
                    )]
                } else {
                    vec![say!(
                        "voice-pause-keeps",
                        open = say::cmd("voice pause open")
                    )]
                });
            }
            lines
        }
    }
}

/// The answer when no channel is linked.
pub(crate) fn not_linked() -> Rejection {
    reject(
        Code::InvalidSetting,
        vec![say!(
            "voice-not-linked",
            link = say::cmd("voice link #channel")
        )],
    )
}

/// The answer when the platform found no voice or Stage channel by that name.
pub(crate) fn no_voice_here(typed: &str) -> Rejection {
    let typed = UserText::new(typed, 100).unwrap_or_else(|_| UserText::new("?", 1).expect("short"));
    reject(
        Code::InvalidSetting,
        vec![say!("voice-no-channel", name = Span::User(typed))],
    )
}
