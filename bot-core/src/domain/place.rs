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
pub use super::settings::{Settings, DEFAULT_CRISIS_TEXT};
pub use super::turn::{Announced, Turn, TurnPhase, CALL_TOLERANCE};
pub use super::view::{PlannedTurn, RollEntry, RoundView, StatusView, TurnWhen};

/// Everything the core keeps about one place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub settings: Settings,
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
            settings: Settings::default(),
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
        p.settings.language = actor.locale.community.unwrap_or_default();
        p
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

    /// Dispatches the commands that need no session; the rest go to [`Place::in_session`].
    fn command(&mut self, now: Timestamp, actor: &Actor, command: Command) -> Res {
        let me = &actor.member;
        match command {
            Command::Help { topic } => help(me, topic.as_deref()),
            Command::Crisis => {
                let mut out = Out::new();
                out.private(me, PostKind::Crisis, self.settings.crisis_message());
                out.done()
            }
            Command::MyData => {
                let mut out = Out::new();
                let facts = self.member_facts(&me.id);
                let places = facts.map(|f| (say!("privacy-in-this-place"), f));
                let message = my_data_message(places.into_iter().collect());
                out.private(me, PostKind::MyData, message);
                out.done()
            }
            Command::ForgetMe => {
                let mut out = Out {
                    outcome: self.forget_member(now, &me.id),
                };
                out.stored();
                out.private(me, PostKind::Forgotten, forgotten_message());
                out.done()
            }
            Command::Settings => Out::replying(me, self.settings.message()),
            Command::Set(change) => self.set(me, change),
            Command::CrisisSet { text } => Out::saved(me, self.settings.set_crisis(Some(text))),
            Command::CrisisReset => Out::saved(me, self.settings.set_crisis(None)),
            Command::Open { name } => self.open(now, me, name),
            Command::Close => self.close_session(say!("place-closed-headline")),
            Command::ScheduleAdd(new) => {
                let zone = self.settings.timezone.clone();
                schedule::add(&mut self.schedules, now, me, &zone, new)
            }
            Command::ScheduleRemove { name } => {
                let removed = schedule::remove(&mut self.schedules, &name)?;
                if let Some(session) = self.session.as_mut() {
                    if session.schedule.as_deref() == Some(removed.name.as_str()) {
                        // The open session stays open; it is simply no longer closed by the
                        // schedule.
                        session.schedule = None;
                    }
                }
                Out::saved(me, schedule::removed_message(&removed))
            }
            Command::ScheduleList => Out::replying(me, schedule::list_message(&self.schedules)),
            Command::ScheduleNext => {
                let serving = rotation::servant_spans(&self.rota().upcoming_servants(), false);
                Out::replying(me, schedule::next_message(&self.schedules, serving))
            }
            Command::RolesAdd { role } => self.rota().roles_add(me, role),
            Command::RolesRemove { role } => {
                let out = self.rota().roles_remove(me, &role)?;
                self.register().tidy_people();
                Ok(out)
            }
            Command::RolesVolunteer { role } => self.rota().roles_volunteer(me, &role),
            Command::RolesUnvolunteer { role } => {
                let out = self.rota().roles_unvolunteer(me, &role)?;
                self.register().tidy_people();
                Ok(out)
            }
            Command::RolesList => self.rota().roles_list(me),
            Command::RolesSwap { role, member } => {
                let who = self.resolve_ref(&member);
                self.rota().roles_swap(&role, who)
            }
            Command::RolesRotate => self.rota().roles_rotate(),
            Command::FormatShow => Out::replying(
                me,
                match &self.format {
                    Some(f) => f.message(),
                    None => format_doc::no_format_message(),
                },
            ),
            Command::FormatList => {
                Out::replying(me, format_doc::list_message(self.settings.language))
            }
            Command::FormatUse { template } => {
                let Some(f) = format_doc::template(&template, self.settings.language) else {
                    return Err(format_error(vec![say!(
                        "place-no-such-template",
                        list = say::cmd("format list")
                    )]));
                };
                let said = Message::say(say!(
                    "place-format-used",
                    name = say::user(&f.name),
                    parts = f.parts.len(),
                    show = say::cmd("format"),
                    text = say::cmd("format text")
                ));
                self.change_format(me, Some(f), said)
            }
            Command::FormatOff => {
                if self.format.is_none() {
                    return Out::replying(me, format_doc::no_format_message());
                }
                let said = Message::say(say!("place-format-off"));
                self.change_format(me, None, said)
            }
            Command::FormatAdd { kind, time, title } => {
                let lang = self.settings.language;
                let mut part = Part::new(kind, lang);
                if let Some(t) = title {
                    part.title = t;
                }
                let number = self.format.as_ref().map_or(1, |f| f.parts.len() + 1);
                if let Some(tb) = time {
                    part.edit(super::format::PartEdit::Time(tb))
                        .map_err(|why| super::format::edit_refused(number, why))?;
                }
                let mut format = (self.format.as_deref().cloned())
                    .unwrap_or_else(|| Format::starting_with(part.clone(), lang));
                let index = if self.format.is_some() {
                    format.add(part)?
                } else {
                    0
                };
                let said = format_doc::part_said("added", &format, index);
                self.change_format(me, Some(format), said)
            }
            Command::FormatRemove { part } => {
                let mut format =
                    (self.format.as_deref().cloned()).ok_or_else(format_doc::no_format)?;
                let removed = format.remove(part)?;
                let said = Message::say(say!(
                    "place-part-removed",
                    number = part,
                    title = say::user(&removed.title)
                ));
                self.change_format(me, Some(format), said)
            }
            Command::FormatMove { part, to } => {
                let mut format =
                    (self.format.as_deref().cloned()).ok_or_else(format_doc::no_format)?;
                let index = format.move_part(part, to)?;
                let said = format_doc::part_said("moved", &format, index);
                self.change_format(me, Some(format), said)
            }
            Command::FormatEdit { part, edit } => {
                let mut format =
                    (self.format.as_deref().cloned()).ok_or_else(format_doc::no_format)?;
                let index = format.edit(part, edit)?;
                let said = format_doc::part_said("changed", &format, index);
                self.change_format(me, Some(format), said)
            }
            Command::FormatExport => {
                let format = self.format.as_ref().ok_or_else(format_doc::no_format)?;
                Out::replying(me, format_doc::export_message(format))
            }
            Command::FormatImport { doc } => {
                let format = format_doc::import(&doc.0, self.settings.language)
                    .map_err(format_doc::import_refused)?;
                let said = Message::say(say!(
                    "place-format-imported",
                    name = say::user(&format.name),
                    parts = format.parts.len(),
                    show = say::cmd("format")
                ));
                self.change_format(me, Some(format), said)
            }
            Command::WelcomeShow => Out::replying(me, welcome::show(&self.settings)),
            Command::WelcomeSet { lines } => {
                self.settings.welcome_text = Some(lines);
                let said =
                    Message::say(say!("welcome-set")).append(welcome::message(&self.settings));
                Out::saved(me, said)
            }
            Command::Language { lang: None } => self.languages().show(me, actor.locale.member),
            Command::Language { lang: Some(l) } => self.languages().set(me, l),
            Command::LanguageReset => self.languages().reset(me),
            Command::WelcomeReset => {
                self.settings.welcome_text = None;
                let said = Message::say(say!("welcome-reset", welcome = say::cmd("welcome")));
                Out::saved(me, said)
            }
            Command::VoiceShow => Out::replying(
                me,
                (self.voice.as_deref()).map_or_else(|| Voice::default().message(), Voice::message),
            ),
            Command::VoiceLink { channel } => {
                let found = match channel {
                    ChannelArg::Named(typed) => return Err(voice::no_voice_here(&typed)),
                    ChannelArg::Found(found) => found,
                };
                let mut out = Out::new();
                let said = self.voice.get_or_insert_default().link(found, &mut out)?;
                out.changed();
                out.reply(me, said);
                out.done()
            }
            Command::VoiceOff => {
                let v = (self.voice.as_mut())
                    .filter(|v| v.link.is_some())
                    .ok_or_else(voice::not_linked)?;
                let mut out = Out::new();
                v.unlink(&mut out);
                out.changed();
                out.reply(
                    me,
                    Message::text(
                        "The voice channel is unlinked. I lifted every mute I had put on, and I change nothing in voice any more.",
                    ),
                );
                out.done()
            }
            Command::VoiceMute(on) => self.voice_option(me, LinkOption::Mute, on),
            Command::VoiceStage(on) => self.voice_option(me, LinkOption::Stage, on),
            Command::VoicePause { opens } => self.voice_option(me, LinkOption::PauseOpens, opens),
            Command::Agenda => {
                let s = self.session.as_ref().ok_or_else(no_session)?;
                let a = s.agenda.as_ref().ok_or_else(no_agenda)?;
                let view = a.view(s.speakers(), self.settings.share_time);
                Out::replying(me, Agenda::message(&view))
            }
            Command::AgendaNext => {
                let (mut out, walked) = self.walk().ok_or_else(no_session)?.next(now)?;
                self.walked(walked, &mut out);
                out.done()
            }
            Command::AgendaBack => self.walk().ok_or_else(no_session)?.back(now),
            Command::AgendaSkip { part } => {
                let (mut out, walked) = self.walk().ok_or_else(no_session)?.skip(now, me, part)?;
                self.walked(walked, &mut out);
                out.done()
            }
            Command::AgendaGo { part } => {
                let format = self.format.as_deref().cloned();
                self.walk()
                    .ok_or_else(no_session)?
                    .go(now, part, format.as_ref())
            }
            Command::AgendaEnd { at: (hour, minute) } => {
                let zone = self.settings.timezone.clone();
                let s = self.session.as_mut().ok_or_else(no_session)?;
                let a = s.agenda.as_mut().ok_or_else(no_agenda)?;
                let Some(end) = calendar::next_clock(hour, minute, &zone, now) else {
                    return Err(format_error(vec![say!("place-no-such-time")]));
                };
                a.ends = Some(end);
                let mut out = Out::new();
                out.changed();
                out.public(
                    PostKind::Notice,
                    Message::say(say!("place-meeting-ends", at = say::clock(end))),
                );
                out.done()
            }
            Command::RoundStart {
                share_time,
                order: None,
            } if self.part_waits_for_round() => {
                let share = share_time
                    .map(|d| settings::Bounded::ShareTime.check_suggesting(d, "round start 3m"))
                    .transpose()?;
                let part = self.current_part().cloned().ok_or_else(no_agenda)?;
                let mut out = Out::new();
                let mut walk = self.walk().ok_or_else(no_session)?;
                walk.begin_round(now, &part, share, vec![], &mut out)?;
                out.done()
            }
            other => self.in_session(now, me, other),
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

    /// Sets the place's format (`None`: none) and says `said`, with what it means for the open
    /// session: its agenda takes changes to parts not yet begun.
    fn change_format(&mut self, me: &Member, format: Option<Format>, said: Message) -> Res {
        self.format = format.map(Box::new);
        let mut out = Out::new();
        out.stored();
        let mut said = said;
        let format = self.format.as_ref();
        match self.session.as_mut() {
            Some(s) if s.agenda.is_some() => {
                let agenda = s.agenda.as_mut().expect("checked");
                if format.is_some_and(|f| agenda.follow_format(f)) {
                    out.changed();
                    said = said.then_line(vec![say!("place-agenda-follows")]);
                } else {
                    said = said.then_line(vec![say!("place-agenda-kept")]);
                }
            }
            Some(_) if format.is_some() => {
                said = said.then_line(vec![say!(
                    "place-agenda-not-started",
                    go = say::cmd("agenda go 1")
                )]);
            }
            _ => {}
        }
        out.reply(me, said);
        out.done()
    }

    /// Dispatches the commands that need an open session, handing each to the session (and the
    /// session to its round).
    fn in_session(&mut self, now: Timestamp, me: &Member, command: Command) -> Res {
        let Place {
            settings,
            session,
            rounds_started,
            seed,
            people,
            attendance,
            last_purge,
            service_roles,
            welcomed,
            ..
        } = self;
        let Some(session) = session.as_mut() else {
            return Err(no_session());
        };
        session.members.insert(me.id.clone(), me.name.clone());
        if matches!(command, Command::CheckIn { .. } | Command::CheckInListen) {
            let mut register = Register {
                dates: attendance,
                people,
                last_purge,
                roles: service_roles,
                settings,
            };
            register.record(now, me);
        }
        let fairness = settings.fairness;
        let resolve = |r: &MemberRef| resolve(people, Some(&session.members), r);
        let mut welcomes = Welcomes {
            seen: welcomed,
            last_purge,
            settings,
        };
        let mut welcome = |checked_in: Res| {
            let mut out = Out {
                outcome: checked_in?,
            };
            welcomes.checked_in(now, me, &mut out);
            out.done()
        };
        match command {
            Command::CheckIn { word } => welcome(session.check_in(now, me, word, false)),
            Command::CheckInListen => welcome(session.check_in(now, me, None, true)),
            Command::Roll => session.roll(me),
            Command::Hand => session.hand(now, me, fairness),
            Command::HandDown => session.hand_down(me),
            Command::Queue => session.queue_listing(now, me),
            Command::Status => session.status(now, me),
            Command::Done => session.done(now, settings, me),
            Command::Pass => session.pass(now, settings, me),
            Command::RoundStart { share_time, order } => {
                let varied = (*seed, *rounds_started);
                let out = session.round_start(now, settings, share_time, order, varied)?;
                *rounds_started += 1;
                Ok(out)
            }
            Command::Next => session.next(now, settings),
            Command::Skip { member } => {
                if session.round.is_none() {
                    return Err(no_round());
                }
                let target = member.as_ref().map(resolve).transpose()?;
                session.skip(now, settings, me, target)
            }
            Command::Extend { by } => session.extend(now, settings, by.unwrap_or(Millis::mins(1))),
            Command::Pause => session.pause(now),
            Command::Resume => session.resume(now, settings),
            Command::RoundEnd => session.round_end(fairness),
            Command::QueueRemove { member } => {
                let id = resolve(&member)?;
                session.queue_remove(me, &id)
            }
            Command::QueueMove { member, position } => {
                let id = resolve(&member)?;
                session.queue_move(me, &id, position)
            }
            Command::QueueClear => session.queue_clear(),
            Command::QueueClose => session.queue_open(me, false),
            Command::QueueOpen => session.queue_open(me, true),
            // Dispatched in `command`, before a session is needed.
            Command::WelcomeShow
            | Command::WelcomeSet { .. }
            | Command::WelcomeReset
            | Command::Language { .. }
            | Command::LanguageReset
            | Command::VoiceShow
            | Command::VoiceLink { .. }
            | Command::VoiceOff
            | Command::VoiceMute(_)
            | Command::VoiceStage(_)
            | Command::VoicePause { .. }
            | Command::Help { .. }
            | Command::Crisis
            | Command::MyData
            | Command::ForgetMe
            | Command::Settings
            | Command::Set(_)
            | Command::CrisisSet { .. }
            | Command::CrisisReset
            | Command::Open { .. }
            | Command::Close
            | Command::ScheduleAdd(_)
            | Command::ScheduleRemove { .. }
            | Command::ScheduleList
            | Command::ScheduleNext
            | Command::RolesAdd { .. }
            | Command::RolesRemove { .. }
            | Command::RolesVolunteer { .. }
            | Command::RolesUnvolunteer { .. }
            | Command::RolesList
            | Command::RolesSwap { .. }
            | Command::RolesRotate
            | Command::Agenda
            | Command::AgendaNext
            | Command::AgendaBack
            | Command::AgendaSkip { .. }
            | Command::AgendaGo { .. }
            | Command::AgendaEnd { .. }
            | Command::FormatShow
            | Command::FormatList
            | Command::FormatUse { .. }
            | Command::FormatOff
            | Command::FormatAdd { .. }
            | Command::FormatRemove { .. }
            | Command::FormatMove { .. }
            | Command::FormatEdit { .. }
            | Command::FormatExport
            | Command::FormatImport { .. } => unreachable!("dispatched in command()"),
        }
    }

    /// Finds a member this place knows by platform id, by display name (case-insensitive), or
    /// `@name`.
    fn resolve_ref(&self, r: &MemberRef) -> Result<MemberId, Rejection> {
        resolve(&self.people, self.session.as_ref().map(|s| &s.members), r)
    }

    // ----- sessions

    fn open(&mut self, now: Timestamp, me: &Member, name: Option<UserText>) -> Res {
        if let Some(s) = &self.session {
            return Err(reject(
                Code::SessionAlreadyOpen,
                vec![say!(
                    "place-already-open",
                    since = say::clock(s.opened_at),
                    close = say::cmd("close")
                )],
            ));
        }
        let (mut session, mut msg) = Session::open(now, name);
        session.members.insert(me.id.clone(), me.name.clone());
        self.session = Some(session);
        if let Some(line) = self.rota().assign_servants() {
            msg = msg.then_line(line);
        }
        let mut out = Out::new();
        out.changed();
        self.open_with_format(now, msg, &mut out);
        out.done()
    }

    /// Posts the opening `msg`; with a format, the agenda follows in it and the first part
    /// begins.
    fn open_with_format(&mut self, now: Timestamp, msg: Message, out: &mut Out) {
        let Some(format) = self.format.as_deref().cloned() else {
            out.public(PostKind::SessionOpened, msg);
            return;
        };
        let mut posts = Out::new();
        if let Some(mut walk) = self.walk() {
            walk.start(now, &format, 0, &mut posts);
        }
        let agenda = self
            .session
            .as_ref()
            .and_then(|s| s.agenda.as_ref())
            .map(|a| Agenda::message(&a.view(self.speakers(), self.settings.share_time)));
        let mut msg = msg.append(agenda.unwrap_or_default());
        let mut posts = posts.outcome.posts;
        // The first part's words go out with the opening, as one post.
        if posts.len() == 1 && posts[0].kind == PostKind::Part {
            msg = msg.append(posts.remove(0).message);
        }
        out.public(PostKind::SessionOpened, msg);
        out.outcome.posts.extend(posts);
    }

    /// How many are checked in to share in the open session.
    fn speakers(&self) -> usize {
        self.session.as_ref().map(Session::speakers).unwrap_or(0)
    }

    /// Closes the open session (ending its round), with `headline` (the bot's words, shown
    /// emphasised) as the goodbye's first words.
    pub(crate) fn close_session(&mut self, headline: Span) -> Res {
        let Some(mut session) = self.session.take() else {
            return Err(no_session());
        };
        let mut out = Out::new();
        session.end_round(self.settings.fairness, &mut out, vec![]);
        out.changed();
        out.public(
            PostKind::SessionClosed,
            Message::say(say!(
                "place-session-closed",
                headline = say::strong_say(headline),
                erased = erased_at_close()
            )),
        );
        out.done()
    }

    fn set(&mut self, me: &Member, change: SettingChange) -> Res {
        // These change a running round's plan or the queue's order, which the status view shows.
        let shown = self.session.is_some() && settings::shows_in_status(&change);
        let fairness_on = change == SettingChange::Fairness(true);
        let attendance_off = change == SettingChange::Attendance(false);
        let welcome_off = change == SettingChange::Welcome(false);
        let said = self.settings.change(change)?;
        if let Some(s) = self.session.as_mut().filter(|_| fairness_on) {
            s.floor(true).reorder_for_fairness();
        }
        if attendance_off {
            self.register().clear();
        }
        if welcome_off {
            // Nothing is kept for a welcome that is not sent.
            self.welcomed.clear();
        }
        if attendance_off || welcome_off {
            self.purged(None);
        }
        let mut out = Out::new();
        out.stored();
        out.outcome.status_changed = shown;
        out.reply(me, Message::line(said));
        out.done()
    }

    // ----- deadlines

    fn tick(&mut self, now: Timestamp) -> Outcome {
        let mut out = Out::new();
        // Bounded: each step consumes a deadline or moves it later than `now`.
        for _ in 0..10_000 {
            let Some((at, due)) = self.earliest_due() else {
                break;
            };
            if at > now {
                break;
            }
            self.fire(now, at, due, &mut out);
            self.follow_agenda(now, &mut out);
        }
        out.outcome
    }

    /// Fires one due event, due `at`.
    fn fire(&mut self, now: Timestamp, at: Timestamp, due: Due, out: &mut Out) {
        match due {
            Due::Turn => {
                if let Some(session) = self.session.as_mut() {
                    session.fire_turn(now, &self.settings, out);
                }
            }
            Due::Part => {
                let walked = match self.walk() {
                    Some(mut walk) => walk.tick(now, out),
                    None => Walked::Goes,
                };
                self.walked(walked, out);
            }
            Due::Idle => {
                let headline = say!(
                    "place-idle-headline",
                    idle = say::dur(self.settings.idle_close)
                );
                if let Ok(closed) = self.close_session(headline) {
                    out.outcome.posts.extend(closed.posts);
                }
                out.changed();
            }
            Due::Schedule(key, event) => self.fire_schedule(now, &key, event, at, out),
            Due::Purge => {
                self.welcomes().purge(now);
                self.register().purge(now);
                self.purged(Some(now));
                out.stored();
            }
        }
    }

    /// Fires one schedule event that is due at `now` (maybe late).
    fn fire_schedule(
        &mut self,
        now: Timestamp,
        key: &str,
        event: ScheduleEvent,
        at: Timestamp,
        out: &mut Out,
    ) {
        let grace = self.settings.schedule_grace;
        let missed = now.since(at) > grace;
        let Some(s) = self.schedules.get(key).cloned() else {
            return;
        };
        let Some(occurrence) = self.schedules.get_mut(key).and_then(|s| s.next.as_mut()) else {
            return;
        };
        let ours = self
            .session
            .as_ref()
            .is_some_and(|x| x.schedule.as_deref() == Some(s.name.as_str()));
        out.stored();
        match event {
            ScheduleEvent::Remind => {
                occurrence.reminded = true;
                if !missed {
                    let start = s.next.as_ref().map(|o| o.start).unwrap_or(at);
                    let serving = rotation::servant_spans(&self.rota().upcoming_servants(), true);
                    out.public(PostKind::Reminder, s.reminder(start, serving));
                }
            }
            ScheduleEvent::Open => {
                occurrence.open_done = true;
                occurrence.opened = !missed;
                if !missed {
                    self.open_for_schedule(now, &s.name, out);
                }
            }
            ScheduleEvent::Warn => {
                occurrence.warned = true;
                if !missed && ours {
                    out.public(PostKind::Warning, s.end_warning(now));
                }
            }
            ScheduleEvent::Close => {
                occurrence.closed = true;
                if ours {
                    if let Ok(closed) = self.close_session(say!("place-ended-headline")) {
                        if !missed {
                            out.outcome.posts.extend(closed.posts);
                        }
                    }
                    out.changed();
                }
            }
        }
        if let Some(s) = self.schedules.get_mut(key) {
            if s.pending().is_none() {
                s.roll(now, grace);
            }
        }
    }

    /// Opens the session for a scheduled meeting, or adopts the one a host already opened.
    fn open_for_schedule(&mut self, now: Timestamp, name: &str, out: &mut Out) {
        out.changed();
        let mut fresh = false;
        let mut msg = match self.session.as_mut() {
            Some(session) => {
                session.schedule = Some(name.to_string());
                session.last_activity = now;
                // The schedule's name, as the admins wrote it.
                Message::say(say!("place-time-for", name = say::strong(name.to_string())))
            }
            None => {
                let title = UserText::new(name, 80).ok();
                let (mut session, welcome) = Session::open(now, title);
                session.schedule = Some(name.to_string());
                self.session = Some(session);
                fresh = true;
                welcome
            }
        };
        if let Some(line) = self.rota().assign_servants() {
            msg = msg.then_line(line);
        }
        if fresh {
            self.open_with_format(now, msg, out);
        } else {
            out.public(PostKind::SessionOpened, msg);
        }
    }

    // ----- the round, for the engine and the adapters

    /// While `speaker` has the floor: their turn's start and end, and how far it moved since
    /// their call was made (see [`Input::CallGoingOut`]).
    pub fn current_call(&self, speaker: &MemberId) -> Option<(Timestamp, Timestamp, Millis)> {
        let turn = self.session.as_ref()?.round.as_ref()?.turn.as_ref()?;
        turn.call().filter(|_| turn.speaker == *speaker)
    }

    /// See [`Input::CallGoingOut`].
    fn call_going_out(&mut self, now: Timestamp, speaker: &MemberId) -> Outcome {
        let Some(round) = self.session.as_mut().and_then(|s| s.round.as_mut()) else {
            return Outcome::default();
        };
        let share = round.share_time;
        let moved = round
            .turn
            .as_mut()
            .filter(|t| t.speaker == *speaker)
            .is_some_and(|t| t.call_going_out(now, share, &self.settings.warnings));
        Outcome {
            posts: vec![],
            state_changed: moved,
            status_changed: moved,
        }
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
        self.members_mentioned().contains(id)
    }

    /// Every member this place's state mentions.
    pub fn members_mentioned(&self) -> BTreeSet<MemberId> {
        let mut set = BTreeSet::new();
        if let Some(s) = &self.session {
            s.members_mentioned(&mut set);
        }
        for r in self.service_roles.values() {
            set.extend(r.volunteers.iter().cloned());
            set.extend(r.next_override.iter().cloned());
        }
        set.extend(self.people.keys().cloned());
        set.extend(self.attendance.keys().cloned());
        set.extend(self.welcomed.keys().cloned());
        set.extend(self.languages.keys().cloned());
        if let Some(v) = &self.voice {
            set.extend(v.members().cloned());
        }
        set
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
        p.settings.host_role = Some(UserText::new("Facilitators", 64).unwrap());
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
}
