//! One place's meeting as a deterministic state machine: `handle(now, input)` dispatches each
//! input to the part that owns what it changes (settings, the session and its round, schedules,
//! service roles), and `next_deadline()` is the earliest thing any part waits for. No I/O.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::agenda::Agenda;
use super::attendance::{self, Register};
use super::calendar;
use super::catalogue::{self, CommandKind, MemberList};
use super::floor::ChannelArg;
use super::format::{format_error, Format, Part};
use super::format_doc;
use super::help::help;
use super::ids::{Actor, Member, MemberId, Millis, Role, Timestamp};
use super::lang::Lang;
use super::language::{self, Languages};
use super::outcome::{Outcome, PostKind, Rejection, RejectionCode as Code};
use super::reply::{no_round, no_session, not_allowed, reject, resolve, Out, Res};
use super::request::{Command, MemberRef, SettingChange};
use super::rotation::{self, Rota, ServiceRole};
use super::schedule::{self, Schedule, ScheduleEvent};
use super::settings;
use super::text::{say, DisplayName, Message, Say, Span, UserText};
use super::voice::{self, HandChange, LinkOption, Meeting, Voice, VoiceInput};
use super::walk::{no_agenda, Walk, Walked};
use super::welcome::{self, Welcomes};
use crate::say;

// Each part of a place where it has always been found, next to the place.
pub use super::privacy::{
    elsewhere_label, erased_at_close, forgotten_message, here_label, my_data_message, MemberFacts,
    ERASED_AT_CLOSE,
};
pub use super::queue::QueueEntry;
pub use super::round::Round;
pub use super::session::{CheckIn, Session};
pub use super::settings::{default_settings, Settings, SharedSettings, DEFAULT_CRISIS_TEXT};
pub use super::turn::{Announced, Turn, TurnPhase, CALL_TOLERANCE};
pub use super::view::{PlannedTurn, RollEntry, RoundView, StatusView, TurnWhen};

mod commands;
mod timing;

/// Everything the core keeps about one place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Shared with other places while they are the defaults: change them through
    /// [`Place::settings_mut`].
    #[serde(with = "super::settings::shared")]
    pub settings: SharedSettings,
    pub session: Option<Session>,
    /// Rounds ever started here: rotates the go-around start and seeds shuffles.
    pub rounds_started: u64,
    /// Randomness is an input: given once by the engine when the place is created.
    pub seed: u64,
    /// Recurring meetings, by lower-case name.
    #[serde(default)]
    pub schedules: BTreeMap<String, Schedule>,
    /// Rotating service roles, by lower-case name.
    #[serde(default)]
    pub service_roles: BTreeMap<String, ServiceRole>,
    /// Names of members kept outside sessions: volunteers and attendees only.
    #[serde(default)]
    pub people: BTreeMap<MemberId, DisplayName>,
    /// Attendance dates (`YYYY-MM-DD`, in the place's zone), only while the setting is on.
    #[serde(default)]
    pub attendance: BTreeMap<MemberId, BTreeSet<String>>,
    /// When attendance was last purged of dates past the retention.
    #[serde(default)]
    pub last_purge: Option<Timestamp>,
    /// The meeting's format: the parts each session walks through (none: rounds only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Box<Format>>,
    /// The linked voice or Stage channel and its floor (none: no link and no mute to lift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<Box<Voice>>,
    /// Members who checked in here before, by the day of their last check-in (days since
    /// 1970-01-01 in the place's zone), so a newcomer is welcomed once; kept for the retention,
    /// like attendance.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub welcomed: BTreeMap<MemberId, i32>,
    /// Members' own language here, for what they read alone (`language de`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<MemberId, Lang>,
}

/// Attendance is purged of dates past the retention this often.
pub const PURGE_EVERY: Millis = Millis(24 * 3600 * 1000);

/// What a place waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Due {
    Turn,
    Part,
    Idle,
    Schedule(String, ScheduleEvent),
    Purge,
}

/// An input for one place.
// A command is built once per input and moved into `handle`; boxing it would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Command {
        actor: Actor,
        command: Command,
    },
    /// Time has passed: fire whatever is due at `now`.
    Tick,
    /// The call of `speaker` is going out to the room now, maybe later than their turn's start
    /// (a platform held it back, e.g. a rate limit): a turn does not start before its call can
    /// be read, so a turn whose call is more than [`CALL_TOLERANCE`] late moves to start now
    /// (see [`Place::current_call`] for its times and how far it moved).
    CallGoingOut {
        speaker: MemberId,
    },
    /// What the platform says about voice (the actors' roles resolved like a command's).
    Voice(VoiceInput),
}

impl Place {
    pub fn new(seed: u64) -> Place {
        Place {
            settings: default_settings(),
            session: None,
            rounds_started: 0,
            seed,
            schedules: BTreeMap::new(),
            service_roles: BTreeMap::new(),
            people: BTreeMap::new(),
            attendance: BTreeMap::new(),
            last_purge: None,
            format: None,
            voice: None,
            welcomed: BTreeMap::new(),
            languages: BTreeMap::new(),
        }
    }

    /// A new place first used by a member whose platform says the community's language.
    pub fn new_for(seed: u64, actor: &Actor) -> Place {
        let mut p = Place::new(seed);
        let language = actor.locale.community.unwrap_or_default();
        if p.settings.language != language {
            p.settings_mut().language = language;
        }
        p
    }

    /// The settings to change (copied first while they are shared).
    pub fn settings_mut(&mut self) -> &mut Settings {
        std::sync::Arc::make_mut(&mut self.settings)
    }

    /// The language a post for `audience` is read in (see [`language::lang_for`]).
    pub fn lang_for(&self, audience: &super::outcome::Audience, actor: Option<&Actor>) -> Lang {
        language::lang_for(&self.languages, self.settings.language, audience, actor)
    }

    /// The earliest instant at which this place needs a `Tick`.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.earliest_due().map(|(at, _)| at)
    }

    /// Everything this place waits for, earliest first: turn events, schedule events, the idle
    /// close and the daily attendance purge.
    fn earliest_due(&self) -> Option<(Timestamp, Due)> {
        let mut dues: Vec<(Timestamp, Due)> = Vec::new();
        if let Some(s) = &self.session {
            if let Some(at) = s.round.as_ref().and_then(|r| r.due()) {
                dues.push((at, Due::Turn));
            }
            if let Some(at) = s.agenda.as_ref().and_then(|a| a.due()) {
                dues.push((at, Due::Part));
            }
            dues.push((s.last_activity.plus(self.settings.idle_close), Due::Idle));
        }
        if let Some((at, key, event)) = schedule::due(&self.schedules) {
            dues.push((at, Due::Schedule(key, event)));
        }
        if !self.attendance.is_empty() || !self.welcomed.is_empty() {
            if let Some(last) = self.last_purge {
                dues.push((last.plus(PURGE_EVERY), Due::Purge));
            }
        }
        // Ties: the turn first, then the agenda's part, then schedules, then housekeeping (stable
        // order of pushes).
        dues.into_iter()
            .enumerate()
            .min_by_key(|(i, (at, _))| (*at, *i))
            .map(|(_, d)| d)
    }

    /// The role `actor` has here: what their platform grants, raised by a platform role named
    /// like this place's host role or like `admin_role` (the configured admin role).
    pub fn role_of(&self, actor: &Actor, admin_role: Option<&str>) -> Role {
        let host_role = self.settings.host_role.as_ref().map(UserText::as_str);
        actor.role_in(host_role, admin_role)
    }

    /// The role `actor` acts with here (their role as [`Place::role_of`] resolved it): today's
    /// chair and timekeeper act as hosts for their session.
    fn acting_role(&self, actor: &Actor) -> Role {
        let serves = self
            .session
            .as_ref()
            .is_some_and(|s| rotation::serves_as_host(s, &actor.member.id));
        if actor.role < Role::Host && serves {
            Role::Host
        } else {
            actor.role
        }
    }

    /// Whether `actor` (their role as [`Place::role_of`] resolved it) may use a command of
    /// `kind` here now: the refusal `handle` would give them if not. Lets an adapter ask before
    /// it shows something only a command's users should see (a form for its long text).
    pub fn may_use(&self, actor: &Actor, kind: CommandKind) -> Result<(), Rejection> {
        let spec = catalogue::spec(kind);
        let role = self.acting_role(actor);
        if role < spec.role {
            return Err(not_allowed(spec, role));
        }
        Ok(())
    }

    /// Handles one input at `now`. Refusals change nothing.
    pub fn handle(&mut self, now: Timestamp, input: Input) -> Res {
        match input {
            Input::Tick => {
                let mut out = Out {
                    outcome: self.tick(now),
                };
                self.follow_voice(&mut out);
                Ok(self.in_languages(out.outcome, None))
            }
            Input::Voice(input) => {
                let out = self.voice_input(now, input);
                Ok(self.in_languages(out, None))
            }
            Input::CallGoingOut { speaker } => {
                let out = self.call_going_out(now, &speaker);
                Ok(self.in_languages(out, None))
            }
            Input::Command { mut actor, command } => {
                actor.role = self.acting_role(&actor);
                self.share_id(&mut actor.member.id);
                let res = self.command_in_copy(now, &actor, command);
                match res {
                    Ok(out) => Ok(self.in_languages(out, Some(&actor))),
                    Err(r) => Err(language::choose_refusal(
                        &self.languages,
                        self.settings.language,
                        r,
                        &actor,
                    )),
                }
            }
        }
    }

    /// Makes `id` the copy this place already holds of it, if any: what a command stores about
    /// its member then shares that one allocation (see [`MemberId`]).
    fn share_id(&self, id: &mut MemberId) {
        let known = (self.session.as_ref())
            .and_then(|s| s.members.get_key_value(id))
            .map(|(k, _)| k)
            .or_else(|| self.welcomed.get_key_value(id).map(|(k, _)| k))
            .or_else(|| self.people.get_key_value(id).map(|(k, _)| k));
        if let Some(k) = known {
            *id = k.clone();
        }
    }

    /// Each post in the language of whom it is for.
    fn in_languages(&self, mut out: Outcome, actor: Option<&Actor>) -> Outcome {
        language::choose(&self.languages, self.settings.language, &mut out, actor);
        out
    }

    /// Runs a command on a copy, kept only when the command changed the state.
    fn command_in_copy(&mut self, now: Timestamp, actor: &Actor, command: Command) -> Res {
        self.may_use(actor, command.kind())?;
        // Work on a copy so that a refusal half-way leaves the state untouched.
        let mut next = self.clone();
        let mut walked = Out {
            outcome: next.command(now, actor, command)?,
        };
        next.follow_agenda(now, &mut walked);
        next.follow_voice(&mut walked);
        let out = walked.outcome;
        if out.state_changed {
            if let Some(s) = next.session.as_mut() {
                s.last_activity = now;
                if s.members.contains_key(&actor.member.id) {
                    s.members
                        .insert(actor.member.id.clone(), actor.member.name.clone());
                }
            }
            *self = next;
        }
        Ok(out)
    }

    /// The service roles with what they touch.
    fn rota(&mut self) -> Rota<'_> {
        Rota {
            roles: &mut self.service_roles,
            session: self.session.as_mut(),
            people: &mut self.people,
        }
    }

    /// The part under way of the open session's agenda.
    fn current_part(&self) -> Option<&Part> {
        self.session.as_ref()?.agenda.as_ref()?.current()
    }

    /// The part under way is a go-around whose round has not started (nobody could be called
    /// when it began) and no other round runs.
    fn part_waits_for_round(&self) -> bool {
        let Some(s) = self.session.as_ref() else {
            return false;
        };
        s.round.is_none()
            && s.agenda
                .as_ref()
                .is_some_and(|a| !a.round_began && a.current().is_some_and(|p| p.kind.runs_round()))
    }

    /// The open session with its agenda and what walking it needs.
    fn walk(&mut self) -> Option<Walk<'_>> {
        let schedule_end = self.schedule_end();
        let Place {
            settings,
            session,
            rounds_started,
            seed,
            ..
        } = self;
        Some(Walk {
            settings,
            session: session.as_mut()?,
            rounds_started,
            seed: *seed,
            schedule_end,
        })
    }

    /// When the scheduled meeting the open session belongs to ends.
    fn schedule_end(&self) -> Option<Timestamp> {
        let name = self.session.as_ref()?.schedule.as_deref()?;
        let s = self.schedules.get(&schedule::key(name))?;
        Some(s.next.as_ref()?.start.plus(s.duration))
    }

    /// Finishes what walking did: after the closing part, the session closes.
    fn walked(&mut self, walked: Walked, out: &mut Out) {
        if walked == Walked::Closes {
            if let Ok(closed) = self.close_session(say!("place-ended-headline")) {
                out.outcome.posts.extend(closed.posts);
            }
            out.changed();
        }
    }

    /// A go-around's part whose round ended moves the meeting on. Runs after every input, so a
    /// place without an agenda returns at once.
    fn follow_agenda(&mut self, now: Timestamp, out: &mut Out) {
        if self.session.as_ref().is_none_or(|s| s.agenda.is_none()) {
            return;
        }
        let walked = match self.walk() {
            Some(mut walk) => walk.follow_round(now, out),
            None => Walked::Goes,
        };
        self.walked(walked, out);
    }

    /// A snapshot for live status views; see [`Session::status_view`].
    pub fn status_view(&self) -> Option<StatusView> {
        let mut view = self.session.as_ref()?.status_view(&self.settings);
        view.voice = self.voice.as_ref().and_then(|v| v.status_line());
        Some(view)
    }

    // ----- the floor in a linked voice or Stage channel

    /// Makes the linked channel follow the meeting (see [`Voice::follow`]). Runs after every
    /// input, so a place without a link returns at once; a floor with nothing left to keep goes.
    fn follow_voice(&mut self, out: &mut Out) {
        let Some(v) = self.voice.as_mut() else {
            return;
        };
        v.follow(
            &meeting_of(self.session.as_ref(), self.settings.language),
            out,
        );
        if v.is_idle() && v.channel.is_none() {
            self.voice = None;
            out.stored();
        }
    }

    /// `voice mute|stage|pause`: one option of the link.
    fn voice_option(&mut self, me: &Member, option: LinkOption, on: bool) -> Res {
        let v = self.voice.as_mut().ok_or_else(voice::not_linked)?;
        let said = v.set(option, on)?;
        Out::saved(me, said)
    }

    /// What the platform says about voice: where members are, a request to speak (a raised
    /// hand, exactly like `hand`), a change it could not make.
    fn voice_input(&mut self, now: Timestamp, input: VoiceInput) -> Outcome {
        let mut out = Out::new();
        let Some(before) = self.voice.as_deref().cloned() else {
            return out.outcome;
        };
        let actors: Vec<&Actor> = match &input {
            VoiceInput::State(s) => vec![&s.actor],
            VoiceInput::Snapshot(all) => all.iter().map(|s| &s.actor).collect(),
            _ => vec![],
        };
        let hosts: BTreeSet<MemberId> = (actors.into_iter())
            .filter(|a| self.acting_role(a) >= Role::Host)
            .map(|a| a.member.id.clone())
            .collect();
        let v = self.voice.as_mut().expect("checked");
        let hands = v.observe(&input, |a| hosts.contains(&a.member.id));
        match &input {
            VoiceInput::Lost(missing) => v.lose(missing, &mut out),
            VoiceInput::Release => v.release(),
            _ => {}
        }
        if **v != before {
            out.stored();
        }
        for (member, change) in hands {
            if self.session.is_none() {
                break;
            }
            let actor = Actor {
                member,
                role: Role::Member,
                platform_roles: Vec::new(),
                locale: Default::default(),
            };
            let command = match change {
                HandChange::Raise => Command::Hand,
                HandChange::Lower => Command::HandDown,
            };
            // Like the command, on a copy: a hand already up (or a closed queue) changes
            // nothing. Only what the meeting sees goes out: nobody typed anything to answer.
            let mut next = self.clone();
            if let Ok(done) = next.command(now, &actor, command) {
                *self = next;
                out.outcome.state_changed |= done.state_changed;
                out.outcome.status_changed |= done.status_changed;
                let seen = done.posts.into_iter().filter(|p| p.audience.is_kept());
                out.outcome.posts.extend(seen);
            }
        }
        self.follow_voice(&mut out);
        out.outcome
    }

    /// Whether a voice or Stage channel is linked (the engine indexes such places by community,
    /// so a member's voice changes reach them) or mutes are still to lift.
    pub fn follows_voice(&self) -> bool {
        self.voice.is_some()
    }

    /// The members a command's member argument offers, in the order they are offered, whose
    /// display name contains `typed` (case-insensitively; empty: everyone). A round list starts
    /// with the speaker and the members the round will still call (not those who passed or were
    /// skipped), then the raised hands and everyone else in the session.
    pub fn member_candidates(&self, list: MemberList, typed: &str) -> Vec<Member> {
        self.session
            .as_ref()
            .map(|s| s.member_candidates(list, typed))
            .unwrap_or_default()
    }

    // ----- privacy and attendance

    /// Everything this place stores about a member, said to them.
    pub fn member_facts(&self, id: &MemberId) -> Option<MemberFacts> {
        let mut lines = Vec::new();
        let name = self
            .session
            .as_ref()
            .and_then(|s| s.members.get(id))
            .or_else(|| self.people.get(id));
        if let Some(n) = name {
            let shown = UserText::new(n.as_str(), 200).or_else(|_| UserText::new("?", 1));
            lines.push(match shown {
                Ok(shown) => vec![say!("privacy-display-name", name = Span::User(shown))],
                Err(_) => vec![say!("privacy-display-name", name = say::t("?"))],
            });
        }
        if let Some(s) = &self.session {
            let role_name = |key: &str| {
                let role = self.service_roles.get(key);
                role.map(|r| r.name.clone())
                    .unwrap_or_else(|| key.to_string())
            };
            lines.extend(s.facts(id, role_name));
        }
        lines.extend(rotation::volunteer_facts(&self.service_roles, id));
        lines.extend(attendance::facts(&self.attendance, id, &self.settings));
        lines.extend(welcome::facts(&self.welcomed, id, &self.settings));
        lines.extend(language::facts(&self.languages, id));
        if let Some(v) = &self.voice {
            lines.extend(v.facts(id));
        }
        (!lines.is_empty()).then_some(MemberFacts { lines })
    }

    /// Erases everything about a member here. If they are speaking, the round moves on without
    /// naming them.
    pub fn forget_member(&mut self, now: Timestamp, id: &MemberId) -> Outcome {
        let mut out = Out::new();
        if !self.mentions_member(id) {
            return out.outcome;
        }
        if let Some(session) = self.session.as_mut() {
            let speaking = session.round.as_ref().and_then(|r| r.speaker()) == Some(id);
            if speaking {
                session.move_on(now, &self.settings, &mut out);
            }
            session.forget(id);
        }
        for r in self.service_roles.values_mut() {
            r.remove(id);
        }
        self.attendance.remove(id);
        self.welcomed.remove(id);
        self.languages.remove(id);
        self.people.remove(id);
        if let Some(v) = self.voice.as_mut() {
            // Out of the channel as far as the floor knows: a mute it holds is lifted now.
            v.forget(id);
        }
        self.follow_voice(&mut out);
        out.changed();
        out.outcome
    }

    /// The daily purge runs while attendance dates or welcome days are kept: marks that it ran
    /// `at`, or forgets when it last ran once nothing is kept.
    fn purged(&mut self, at: Option<Timestamp>) {
        if self.attendance.is_empty() && self.welcomed.is_empty() {
            self.last_purge = None;
        } else if at.is_some() {
            self.last_purge = at;
        }
    }

    /// Members' own languages, with the place's.
    fn languages(&mut self) -> Languages<'_> {
        Languages {
            chosen: &mut self.languages,
            place: self.settings.language,
        }
    }

    /// Who checked in before, with what the welcome needs.
    fn welcomes(&mut self) -> Welcomes<'_> {
        Welcomes {
            seen: &mut self.welcomed,
            last_purge: &mut self.last_purge,
            settings: &self.settings,
        }
    }

    /// The attendance dates with what they touch.
    fn register(&mut self) -> Register<'_> {
        Register {
            dates: &mut self.attendance,
            people: &mut self.people,
            last_purge: &mut self.last_purge,
            roles: &self.service_roles,
            settings: &self.settings,
        }
    }

    /// Whether any stored state mentions this member (used to find the places to forget them in).
    pub fn mentions_member(&self, id: &MemberId) -> bool {
        self.members_mentioned().contains(&id)
    }

    /// A digest of the members this place's state mentions (and `extra`), equal from one
    /// commit to the next while they stay the same: the engine reads it at every commit to
    /// tell whether the store's member index must change. Cheap, as a raised hand needs it:
    /// the state shares one allocation per member id (see [`MemberId`]), so the ids are put in
    /// order and told apart by address, not compared as text. (The same member held in two
    /// allocations counts twice: a digest that differs only means an index written again.)
    pub fn members_digest(&self, extra: Option<&MemberId>) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut found = self.members_mentioned();
        found.extend(extra);
        found.sort_unstable_by_key(|m| m.as_str().as_ptr());
        found.dedup_by_key(|m| m.as_str().as_ptr());
        let mut h = std::hash::DefaultHasher::new();
        for m in found {
            m.hash(&mut h);
        }
        h.finish()
    }

    /// Every member this place's state mentions, as found (repeats included).
    pub fn members_mentioned(&self) -> Vec<&MemberId> {
        let mut found = Vec::with_capacity(64);
        if let Some(s) = &self.session {
            s.members_mentioned(&mut found);
        }
        for r in self.service_roles.values() {
            found.extend(r.volunteers.iter());
            found.extend(r.next_override.iter());
        }
        found.extend(self.people.keys());
        found.extend(self.attendance.keys());
        found.extend(self.welcomed.keys());
        found.extend(self.languages.keys());
        if let Some(v) = &self.voice {
            found.extend(v.members());
        }
        found
    }
}

/// The meeting as the floor sees it: the session (its name, or an unnamed one's word in the
/// place's language `lang`, a Stage's topic), its round and who has the turn.
fn meeting_of(session: Option<&Session>, lang: Lang) -> Meeting<'_> {
    let round = session.and_then(|s| s.round.as_ref());
    let turn = round.and_then(|r| r.turn.as_ref());
    let unnamed = || {
        Cow::Owned(crate::i18n::text(
            lang,
            &Say::new("voice-stage-topic", Vec::new()),
        ))
    };
    Meeting {
        session: session.map(|s| {
            s.name
                .as_ref()
                .map_or_else(unnamed, |n| Cow::Borrowed(n.as_str()))
        }),
        round: round.is_some(),
        speaker: turn.map(|t| &t.speaker),
        paused: turn.is_some_and(|t| matches!(t.phase, TurnPhase::Paused { .. })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, platform_roles: &[&str]) -> Actor {
        Actor {
            member: Member::new("test:1", "Ana"),
            role,
            platform_roles: platform_roles.iter().map(|r| r.to_string()).collect(),
            locale: Default::default(),
        }
    }

    #[test]
    fn may_use_refuses_as_handle_does() {
        let mut p = Place::new(1);
        p.settings_mut().host_role = Some(UserText::new("Facilitators", 64).unwrap());
        let member = actor(Role::Member, &[]);
        let refused = p.may_use(&member, CommandKind::FormatText).unwrap_err();
        assert_eq!(refused.code, Code::NotAllowed);
        assert!(p.may_use(&member, CommandKind::FormatShow).is_ok());
        assert!(p
            .may_use(&actor(Role::Admin, &[]), CommandKind::FormatText)
            .is_ok());
        // A platform role named like the host role makes a host (resolved by `role_of`).
        let mut host = actor(Role::Member, &["@facilitators"]);
        host.role = p.role_of(&host, None);
        assert!(p.may_use(&host, CommandKind::AgendaNext).is_ok());
        assert!(p.may_use(&host, CommandKind::FormatText).is_err());
    }

    /// Places share their settings while they are the defaults: a change is one place's alone,
    /// and a place whose settings are the defaults again shares them again.
    #[test]
    fn a_setting_changed_in_one_place_changes_no_other() {
        let (mut a, b) = (Place::new(1), Place::new(2));
        let admin = actor(Role::Admin, &[]);
        let set = |p: &mut Place, m: i64| {
            let command = Command::Set(SettingChange::ShareTime(Millis::mins(m)));
            let input = Input::Command {
                actor: admin.clone(),
                command,
            };
            p.handle(Timestamp(0), input).unwrap();
        };
        set(&mut a, 5);
        assert_eq!(a.settings.share_time, Millis::mins(5));
        assert_eq!(b.settings.share_time, Millis::mins(3));
        assert_eq!(Place::new(3).settings.share_time, Millis::mins(3));
        assert!(!std::sync::Arc::ptr_eq(&a.settings, &b.settings));
        set(&mut a, 3);
        assert!(std::sync::Arc::ptr_eq(&a.settings, &b.settings));
        // Read back from what is stored, the defaults are shared too.
        let stored = serde_json::to_string(&a).unwrap();
        let read: Place = serde_json::from_str(&stored).unwrap();
        assert!(std::sync::Arc::ptr_eq(&read.settings, &b.settings));
    }
}
