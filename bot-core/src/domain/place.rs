//! One place's meeting as a deterministic state machine: settings, the session, check-ins, the
//! speaker queue and timed share rounds. `handle(now, input)` and `next_deadline()`; no I/O.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::calendar;
use super::catalogue::{self, CommandSpec, MemberList, CATALOGUE};
use super::command::{Command, Crosstalk, MemberRef, RoundOrder, SettingChange};
use super::ids::{Actor, Member, MemberId, Millis, Role, Timestamp};
use super::outcome::{Audience, Outcome, Post, PostKind, Rejection, RejectionCode as Code};
use super::rotation::ServiceRole;
use super::schedule::{Schedule, ScheduleEvent};
use super::text::{say, DisplayName, Message, Span, UserText};

/// The standing configuration of a place's meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub share_time: Millis,
    /// Offsets before the end of a turn, largest first.
    pub warnings: Vec<Millis>,
    pub grace: Millis,
    pub auto_advance: bool,
    pub fairness: bool,
    pub crosstalk: Crosstalk,
    pub host_role: Option<UserText>,
    pub crisis_text: Option<UserText>,
    pub idle_close: Millis,
    /// IANA zone for schedules (default for new ones) and attendance dates.
    pub timezone: String,
    /// Record the date of each check-in (opt-in).
    pub attendance: bool,
    /// How many days attendance dates are kept.
    pub retention_days: u32,
    /// How late a scheduled post may still go out after downtime.
    pub schedule_grace: Millis,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            share_time: Millis::mins(3),
            warnings: vec![Millis::mins(1), Millis::secs(30)],
            grace: Millis::secs(10),
            auto_advance: true,
            fairness: true,
            crosstalk: Crosstalk::None,
            host_role: None,
            crisis_text: None,
            idle_close: Millis::mins(180),
            timezone: "UTC".to_string(),
            attendance: false,
            retention_days: 30,
            schedule_grace: Millis::mins(10),
        }
    }
}

/// The shortest share time a round may have.
pub const MIN_SHARE_TIME: Millis = Millis(10_000);

/// Shown by `crisis` when a place has not configured its own resources.
pub const DEFAULT_CRISIS_TEXT: &str = "If you are in danger or thinking about ending your life, please call your local emergency number now (112 in the EU, 911 in the US and Canada, 999 in the UK, 000 in Australia). You can find a free, confidential helpline in your country at findahelpline.com. You are not alone, and reaching out is a brave thing to do.";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub member: MemberId,
    pub word: Option<UserText>,
    pub listening: bool,
    pub at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub member: MemberId,
    pub raised_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum TurnPhase {
    Speaking {
        ends_at: Timestamp,
    },
    Paused {
        remaining: Millis,
    },
    TimeUp {
        advance_at: Option<Timestamp>,
        /// What "time" said about the next turn (none: it said nothing, e.g. the host calls the
        /// next speaker, or "time" came late after downtime).
        #[serde(default)]
        announced: Option<Announced>,
    },
}

/// What a "time" post told the room about the turn after the grace, so that the advance can
/// stay silent when it happens exactly as said — and speak up when anything changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announced {
    /// Who was called as next; `None`: "that was the last share".
    pub next: Option<MemberId>,
    /// Members said to have passed on the way to them.
    #[serde(default)]
    pub passed: Vec<MemberId>,
    /// When the next turn was said to start (the end of the grace).
    pub starts_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub speaker: MemberId,
    pub started_at: Timestamp,
    pub phase: TurnPhase,
    /// Warnings still to give, as offsets before `ends_at`, largest first.
    pub warnings_left: Vec<Millis>,
    /// How far the turn moved because its call went out late ([`Input::CallGoingOut`]): the
    /// call as committed states times this much earlier.
    #[serde(default, skip_serializing_if = "Millis::is_zero")]
    pub moved: Millis,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub order: RoundOrder,
    pub share_time: Millis,
    /// Who is called, in order. For a queue round it grows as members are called from the queue.
    pub lineup: Vec<MemberId>,
    /// Index in `lineup` of the next member to call.
    pub position: usize,
    pub turn: Option<Turn>,
    /// Said `pass` before their turn came.
    pub passes: BTreeSet<MemberId>,
    /// A host asked to skip them.
    pub skips: BTreeSet<MemberId>,
    /// How many shared: the only number a round summary tells.
    pub shared: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub name: Option<UserText>,
    pub opened_at: Timestamp,
    pub last_activity: Timestamp,
    /// Display names of the members this session knows, refreshed with each of their commands.
    pub members: BTreeMap<MemberId, DisplayName>,
    pub checkins: Vec<CheckIn>,
    pub queue: Vec<QueueEntry>,
    pub queue_closed: bool,
    /// Who has shared in this session (fairness).
    pub shared: BTreeSet<MemberId>,
    pub round: Option<Round>,
    /// The schedule that opened this session (and will close it).
    #[serde(default)]
    pub schedule: Option<String>,
    /// Today's service roles: role key -> member.
    #[serde(default)]
    pub servants: BTreeMap<String, MemberId>,
}

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
}

/// Attendance is purged of dates past the retention this often.
pub const PURGE_EVERY: Millis = Millis(24 * 3600 * 1000);

/// What a place waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Due {
    Turn,
    Idle,
    Schedule(String, ScheduleEvent),
    Purge,
}

/// Whom a turn change calls: the members passed on the way, then the new speaker (`None`: nobody is
/// left, the round ends).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Called {
    passed: Vec<MemberId>,
    speaker: Option<MemberId>,
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
}

/// How late a speaker's call may reach the room before their turn moves with it.
pub const CALL_TOLERANCE: Millis = Millis(1_000);

/// Something stored about a member in one place, for `my-data`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub lines: Vec<Vec<Span>>,
}

pub(crate) type Res = Result<Outcome, Rejection>;

pub(crate) fn reject(code: Code, spans: Vec<Span>) -> Rejection {
    Rejection::new(code, Message::line(spans))
}

/// "There is no <what> “name”. <known>" — for a schedule or service role a member named that
/// does not exist; the name is echoed as member text, the known ones listed (or `none_yet`).
pub(crate) fn unknown_named<'a>(
    what: &str,
    name: &str,
    known: impl Iterator<Item = &'a str>,
    known_label: &str,
    none_yet: &str,
) -> Rejection {
    let known: Vec<&str> = known.collect();
    let tail = if known.is_empty() {
        none_yet.to_string()
    } else {
        format!("{known_label}: {}.", known.join(", "))
    };
    reject(
        Code::InvalidSetting,
        super::text::spans_of(&format!(
            "There is no {what} {}. {tail}",
            super::text::echo(name)
        )),
    )
}

/// What a member typed to name someone, echoed back as member text (escaped by every adapter).
fn typed(r: &MemberRef) -> Span {
    let shown: String = r.0.chars().take(40).collect();
    UserText::new(&shown, 40)
        .map(|u| say::user(&u))
        .unwrap_or_else(|_| say::t("that name"))
}

fn no_session() -> Rejection {
    reject(
        Code::NoSession,
        vec![
            say::t("There is no open session here. A host can open one with "),
            say::cmd("open"),
            say::t("."),
        ],
    )
}

fn no_round() -> Rejection {
    reject(
        Code::NoRound,
        vec![
            say::t("No share round is running. A host can start one with "),
            say::cmd("round start"),
            say::t("."),
        ],
    )
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A small deterministic generator (splitmix64) for seeded shuffles.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Collects what one input says and whether it changed anything.
pub(crate) struct Out {
    pub(crate) outcome: Outcome,
}

impl Out {
    pub(crate) fn new() -> Self {
        Out {
            outcome: Outcome::default(),
        }
    }
    pub(crate) fn post(&mut self, audience: Audience, kind: PostKind, message: Message) {
        self.outcome.posts.push(Post {
            audience,
            kind,
            message,
        });
    }
    pub(crate) fn public(&mut self, kind: PostKind, message: Message) {
        self.post(Audience::Place, kind, message);
    }
    pub(crate) fn changed(&mut self) {
        self.outcome.state_changed = true;
        self.outcome.status_changed = true;
    }
    pub(crate) fn done(self) -> Res {
        Ok(self.outcome)
    }
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
        }
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
            if let Some(t) = s.round.as_ref().and_then(|r| r.turn.as_ref()) {
                let at = match t.phase {
                    TurnPhase::Speaking { ends_at } => Some(
                        t.warnings_left
                            .first()
                            .map(|w| ends_at.minus(*w))
                            .unwrap_or(ends_at),
                    ),
                    TurnPhase::TimeUp { advance_at, .. } => advance_at,
                    TurnPhase::Paused { .. } => None,
                };
                dues.extend(at.map(|at| (at, Due::Turn)));
            }
            dues.push((s.last_activity.plus(self.settings.idle_close), Due::Idle));
        }
        if let Some((at, key, event)) = self.schedule_due() {
            dues.push((at, Due::Schedule(key, event)));
        }
        if !self.attendance.is_empty() {
            if let Some(last) = self.last_purge {
                dues.push((last.plus(PURGE_EVERY), Due::Purge));
            }
        }
        // Ties: the turn first, then schedules, then housekeeping (stable order of pushes).
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

    /// Handles one input at `now`. Refusals change nothing.
    pub fn handle(&mut self, now: Timestamp, input: Input) -> Res {
        match input {
            Input::Tick => Ok(self.tick(now)),
            Input::CallGoingOut { speaker } => Ok(self.call_going_out(now, &speaker)),
            Input::Command { mut actor, command } => {
                let spec = command.spec();
                // Today's chair and timekeeper act as hosts for their session.
                if actor.role < Role::Host && self.serves_as_host(&actor.member.id) {
                    actor.role = Role::Host;
                }
                if actor.role < spec.role {
                    return Err(not_allowed(spec, actor.role));
                }
                // Work on a copy so that a refusal half-way leaves the state untouched.
                let mut next = self.clone();
                let out = next.command(now, &actor, command)?;
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
        }
    }

    fn command(&mut self, now: Timestamp, actor: &Actor, command: Command) -> Res {
        let me = &actor.member;
        match command {
            Command::Help { topic } => help(me, topic.as_deref()),
            Command::Crisis => {
                let mut out = Out::new();
                let text = match &self.settings.crisis_text {
                    Some(t) => vec![say::user(t)],
                    None => vec![say::t(DEFAULT_CRISIS_TEXT)],
                };
                out.post(
                    Audience::Private(me.id.clone()),
                    PostKind::Crisis,
                    Message::line(text),
                );
                out.done()
            }
            Command::MyData => {
                let mut out = Out::new();
                let facts = self.member_facts(&me.id);
                out.post(
                    Audience::Private(me.id.clone()),
                    PostKind::MyData,
                    my_data_message(
                        facts
                            .map(|f| ("In this place".to_string(), f))
                            .into_iter()
                            .collect(),
                    ),
                );
                out.done()
            }
            Command::ForgetMe => {
                let mut out = Out {
                    outcome: self.forget_member(now, &me.id),
                };
                out.outcome.state_changed = true;
                out.post(
                    Audience::Private(me.id.clone()),
                    PostKind::Forgotten,
                    forgotten_message(),
                );
                out.done()
            }
            Command::Settings => {
                let mut out = Out::new();
                out.post(
                    Audience::Reply(me.id.clone()),
                    PostKind::Reply,
                    self.settings_message(),
                );
                out.done()
            }
            Command::Set(change) => self.set(me, change),
            Command::CrisisSet { text } => {
                self.settings.crisis_text = Some(text);
                let mut out = Out::new();
                out.outcome.state_changed = true;
                out.post(
                    Audience::Reply(me.id.clone()),
                    PostKind::Reply,
                    Message::line(vec![
                        say::t("Saved. "),
                        say::cmd("crisis"),
                        say::t(" now shows your text."),
                    ]),
                );
                out.done()
            }
            Command::CrisisReset => {
                self.settings.crisis_text = None;
                let mut out = Out::new();
                out.outcome.state_changed = true;
                out.post(
                    Audience::Reply(me.id.clone()),
                    PostKind::Reply,
                    Message::text("Saved. `crisis` shows the default resources again."),
                );
                out.done()
            }
            Command::Open { name } => self.open(now, me, name),
            Command::Close => self.close_session(now, "Session closed"),
            Command::ScheduleAdd(new) => self.schedule_add(now, me, new),
            Command::ScheduleRemove { name } => self.schedule_remove(me, &name),
            Command::ScheduleList => self.schedule_list(me),
            Command::ScheduleNext => self.schedule_next(me),
            Command::RolesAdd { role } => self.roles_add(me, role),
            Command::RolesRemove { role } => self.roles_remove(me, &role),
            Command::RolesVolunteer { role } => self.roles_volunteer(me, &role),
            Command::RolesUnvolunteer { role } => self.roles_unvolunteer(me, &role),
            Command::RolesList => self.roles_list(me),
            Command::RolesSwap { role, member } => self.roles_swap(&role, &member),
            Command::RolesRotate => self.roles_rotate(),
            other => {
                if self.session.is_none() {
                    return Err(no_session());
                }
                self.in_session(now, actor, other)
            }
        }
    }

    fn session(&mut self) -> &mut Session {
        self.session.as_mut().expect("checked by the caller")
    }

    fn in_session(&mut self, now: Timestamp, actor: &Actor, command: Command) -> Res {
        let me = &actor.member;
        self.session()
            .members
            .insert(me.id.clone(), me.name.clone());
        match command {
            Command::CheckIn { word } => self.check_in(now, me, word, false),
            Command::CheckInListen => self.check_in(now, me, None, true),
            Command::Roll => Ok(self.roll(me)),
            Command::Hand => self.hand(now, me),
            Command::HandDown => self.hand_down(me),
            Command::Queue => Ok(self.queue_listing(now, me)),
            Command::Status => Ok(self.status(now, me)),
            Command::Done => self.done(now, me),
            Command::Pass => self.pass(now, me),
            Command::RoundStart { share_time, order } => self.round_start(now, share_time, order),
            Command::Next => self.next(now, me),
            Command::Skip { member } => self.skip(now, me, member),
            Command::Extend { by } => self.extend(now, by.unwrap_or(Millis::mins(1))),
            Command::Pause => self.pause(now),
            Command::Resume => self.resume(now),
            Command::RoundEnd => {
                if self.session().round.is_none() {
                    return Err(no_round());
                }
                let mut out = Out::new();
                self.end_round(&mut out, vec![]);
                out.done()
            }
            Command::QueueRemove { member } => {
                let id = self.resolve(&member)?;
                let s = self.session();
                let before = s.queue.len();
                s.queue.retain(|e| e.member != id);
                if s.queue.len() == before {
                    return Err(reject(
                        Code::NotQueued,
                        vec![self.name_of(&id), say::t(" has no hand up.")],
                    ));
                }
                let mut out = Out::new();
                out.changed();
                out.post(
                    Audience::Reply(me.id.clone()),
                    PostKind::Reply,
                    Message::line(vec![
                        say::t("Lowered "),
                        self.name_of(&id),
                        say::t("'s hand."),
                    ]),
                );
                out.done()
            }
            Command::QueueMove { member, position } => {
                let id = self.resolve(&member)?;
                let s = self.session();
                let Some(idx) = s.queue.iter().position(|e| e.member == id) else {
                    return Err(reject(
                        Code::NotQueued,
                        vec![self.name_of(&id), say::t(" has no hand up.")],
                    ));
                };
                let entry = s.queue.remove(idx);
                let to = (position as usize - 1).min(s.queue.len());
                s.queue.insert(to, entry);
                let mut out = Out::new();
                out.changed();
                out.post(
                    Audience::Reply(me.id.clone()),
                    PostKind::Reply,
                    Message::line(vec![
                        say::t("Moved "),
                        self.name_of(&id),
                        say::t(format!(" to {} in the queue.", ordinal(to + 1))),
                    ]),
                );
                out.done()
            }
            Command::QueueClear => {
                self.session().queue.clear();
                let mut out = Out::new();
                out.changed();
                out.public(
                    PostKind::Notice,
                    Message::text("All hands have been lowered."),
                );
                out.done()
            }
            Command::QueueClose | Command::QueueOpen => {
                let close = matches!(command, Command::QueueClose);
                let s = self.session();
                if s.queue_closed == close {
                    let mut out = Out::new();
                    out.post(
                        Audience::Reply(me.id.clone()),
                        PostKind::Reply,
                        Message::text(if close {
                            "The queue is already closed."
                        } else {
                            "The queue is already open."
                        }),
                    );
                    return out.done();
                }
                s.queue_closed = close;
                let mut out = Out::new();
                out.changed();
                out.public(
                    PostKind::Notice,
                    if close {
                        Message::text("The queue is closed for now: no new hands, please.")
                    } else {
                        Message::line(vec![
                            say::t("The queue is open: raise your hand with "),
                            say::cmd("hand"),
                            say::t("."),
                        ])
                    },
                );
                out.done()
            }
            // Handled before a session is needed.
            Command::Help { .. }
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
            | Command::RolesRotate => unreachable!("dispatched in command()"),
        }
    }

    // ----- names and members

    fn member(&self, id: &MemberId) -> Member {
        let name = self
            .session
            .as_ref()
            .and_then(|s| s.members.get(id).cloned())
            .unwrap_or_else(|| DisplayName::new("someone"));
        Member {
            id: id.clone(),
            name,
        }
    }

    fn name_of(&self, id: &MemberId) -> Span {
        say::name(&self.member(id))
    }

    /// Finds a member this session knows by platform id, by display name (case-insensitive), or
    /// `@name`.
    pub(crate) fn resolve(&self, r: &MemberRef) -> Result<MemberId, Rejection> {
        // Members of the open session first, then volunteers and attendees the place knows.
        let mut known: BTreeMap<&MemberId, &DisplayName> = self.people.iter().collect();
        if let Some(s) = &self.session {
            known.extend(s.members.iter());
        }
        let raw = r.0.trim();
        if let Some((id, _)) = known.iter().find(|(id, _)| id.as_str() == raw) {
            return Ok((*id).clone());
        }
        let wanted = raw.trim_start_matches('@').to_lowercase();
        let hits: Vec<&MemberId> = known
            .iter()
            .filter(|(_, n)| n.as_str().to_lowercase() == wanted)
            .map(|(id, _)| *id)
            .collect();
        match hits.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(reject(
                Code::UnknownMember,
                vec![
                    say::t("I don't know anyone called “"),
                    typed(r),
                    say::t("” here."),
                ],
            )),
            _ => Err(reject(
                Code::AmbiguousMember,
                vec![
                    say::t("More than one member is called “"),
                    typed(r),
                    say::t("”: please mention them instead of typing the name."),
                ],
            )),
        }
    }

    // ----- sessions

    fn open(&mut self, now: Timestamp, me: &Member, name: Option<UserText>) -> Res {
        if let Some(s) = &self.session {
            return Err(reject(
                Code::SessionAlreadyOpen,
                vec![
                    say::t("A session is already open (since "),
                    say::clock(s.opened_at),
                    say::t("). Close it first with "),
                    say::cmd("close"),
                    say::t("."),
                ],
            ));
        }
        let mut msg = self.start_session(now, name);
        self.session()
            .members
            .insert(me.id.clone(), me.name.clone());
        if let Some(line) = self.assign_servants() {
            msg = msg.then_line(line);
        }
        let mut out = Out::new();
        out.changed();
        out.public(PostKind::SessionOpened, msg);
        out.done()
    }

    /// Opens a session and returns the welcome message.
    pub(crate) fn start_session(&mut self, now: Timestamp, name: Option<UserText>) -> Message {
        self.session = Some(Session {
            name: name.clone(),
            opened_at: now,
            last_activity: now,
            members: BTreeMap::new(),
            checkins: vec![],
            queue: vec![],
            queue_closed: false,
            shared: BTreeSet::new(),
            round: None,
            schedule: None,
            servants: BTreeMap::new(),
        });
        let mut first = vec![say::strong("Welcome. The session is open")];
        if let Some(n) = &name {
            first.push(say::t(": "));
            first.push(say::user(n));
        }
        first.push(say::t("."));
        Message::line(first).then_line(vec![
            say::t("Check in with "),
            say::cmd("checkin"),
            say::t(" (add one feeling word if you like), or "),
            say::cmd("checkin listen"),
            say::t(" to just listen. Raise your hand with "),
            say::cmd("hand"),
            say::t("."),
        ])
    }

    pub(crate) fn close_session(&mut self, _now: Timestamp, headline: &str) -> Res {
        if self.session.is_none() {
            return Err(no_session());
        }
        let mut out = Out::new();
        if self.session().round.is_some() {
            self.end_round(&mut out, vec![]);
        }
        self.session = None;
        out.changed();
        out.public(
            PostKind::SessionClosed,
            Message::line(vec![
                say::strong(format!("{headline}.")),
                say::t(" Thank you for being here. "),
                say::t(ERASED_AT_CLOSE),
            ]),
        );
        out.done()
    }

    // ----- check-ins

    fn check_in(
        &mut self,
        now: Timestamp,
        me: &Member,
        word: Option<UserText>,
        listening: bool,
    ) -> Res {
        if self.settings.attendance {
            let date = calendar::local_date(now, &self.settings.timezone);
            self.attendance
                .entry(me.id.clone())
                .or_default()
                .insert(date);
            self.people.insert(me.id.clone(), me.name.clone());
            self.last_purge.get_or_insert(now);
        }
        let s = self.session();
        let again = s.checkins.iter().any(|c| c.member == me.id);
        s.checkins.retain(|c| c.member != me.id);
        s.checkins.push(CheckIn {
            member: me.id.clone(),
            word: word.clone(),
            listening,
            at: now,
        });
        // A late arrival joins a running go-around at its end (listeners are never called).
        if let Some(r) = s.round.as_mut() {
            if r.order != RoundOrder::Queue {
                let already = r.lineup.contains(&me.id);
                if !listening && !already {
                    r.lineup.push(me.id.clone());
                } else if listening && already {
                    if let Some(i) = r.lineup[r.position..].iter().position(|m| *m == me.id) {
                        r.lineup.remove(r.position + i);
                    }
                }
            }
        }
        let mut out = Out::new();
        out.changed();
        let mut line = vec![
            say::t(if again { "Updated: " } else { "Welcome, " }),
            say::name(me),
        ];
        // The word itself is never in a post: posts stay in the platform's history (a Matrix
        // edit keeps the text it replaced), while the word must be gone when the session closes.
        // Members see it in the live status view, which is rewritten at the close.
        if listening {
            line.push(say::t(" (just listening)"));
        }
        line.push(say::t("."));
        out.public(PostKind::CheckIn, Message::line(line));
        out.done()
    }

    fn roll(&self, me: &Member) -> Outcome {
        let s = self.session.as_ref().expect("in session");
        let mut out = Out::new();
        if s.checkins.is_empty() {
            out.post(
                Audience::Reply(me.id.clone()),
                PostKind::Reply,
                Message::line(vec![
                    say::t("Nobody has checked in yet. Check in with "),
                    say::cmd("checkin"),
                    say::t("."),
                ]),
            );
        } else {
            let items = s
                .checkins
                .iter()
                .map(|c| {
                    let mut l = vec![self.name_of(&c.member)];
                    if c.listening {
                        l.push(say::t(" (listening)"));
                    }
                    l
                })
                .collect();
            out.post(
                Audience::Reply(me.id.clone()),
                PostKind::Reply,
                Message::text(format!("Checked in ({}):", s.checkins.len())).then_list(items),
            );
        }
        out.outcome
    }

    // ----- queue

    fn queue_position(&self, id: &MemberId) -> Option<usize> {
        self.session
            .as_ref()?
            .queue
            .iter()
            .position(|e| &e.member == id)
    }

    fn hand(&mut self, now: Timestamp, me: &Member) -> Res {
        if let Some(p) = self.queue_position(&me.id) {
            return Err(reject(
                Code::AlreadyQueued,
                vec![say::t(format!(
                    "Your hand is already up: you are {} in the queue.",
                    ordinal(p + 1)
                ))],
            ));
        }
        let fairness = self.settings.fairness;
        let s = self.session();
        if s.queue_closed {
            return Err(reject(
                Code::QueueClosed,
                vec![say::t("The host has closed the queue for now.")],
            ));
        }
        let idx = if fairness && !s.shared.contains(&me.id) {
            s.queue
                .iter()
                .position(|e| s.shared.contains(&e.member))
                .unwrap_or(s.queue.len())
        } else {
            s.queue.len()
        };
        s.queue.insert(
            idx,
            QueueEntry {
                member: me.id.clone(),
                raised_at: now,
            },
        );
        let mut out = Out::new();
        out.changed();
        out.post(
            Audience::Reply(me.id.clone()),
            PostKind::Ack,
            Message::text(format!(
                "Your hand is up: you are {} in the queue.",
                ordinal(idx + 1)
            )),
        );
        out.done()
    }

    fn hand_down(&mut self, me: &Member) -> Res {
        let s = self.session();
        let before = s.queue.len();
        s.queue.retain(|e| e.member != me.id);
        if s.queue.len() == before {
            return Err(reject(Code::NotQueued, vec![say::t("Your hand isn't up.")]));
        }
        let mut out = Out::new();
        out.changed();
        out.post(
            Audience::Reply(me.id.clone()),
            PostKind::Ack,
            Message::text("Your hand is down."),
        );
        out.done()
    }

    fn queue_listing(&self, now: Timestamp, me: &Member) -> Outcome {
        let s = self.session.as_ref().expect("in session");
        let mut out = Out::new();
        let closed = if s.queue_closed {
            " The queue is closed."
        } else {
            ""
        };
        let msg = if s.queue.is_empty() {
            Message::text(format!("No hands are up.{closed}"))
        } else {
            Message::text(format!("Queue ({}):{closed}", s.queue.len())).then_list(
                s.queue
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        vec![
                            say::t(format!("{}. ", i + 1)),
                            self.name_of(&e.member),
                            say::t(" — hand up for "),
                            say::dur(Millis((now.since(e.raised_at).0 / 1000) * 1000)),
                        ]
                    })
                    .collect(),
            )
        };
        out.post(Audience::Reply(me.id.clone()), PostKind::Reply, msg);
        out.outcome
    }

    /// Records that a member shared; with fairness on, their raised hand moves behind everyone who
    /// has not shared yet. Says whether the queue's order changed.
    fn mark_shared(&mut self, id: &MemberId) -> bool {
        let fairness = self.settings.fairness;
        let s = self.session();
        s.shared.insert(id.clone());
        if fairness {
            if let Some(i) = s.queue.iter().position(|e| &e.member == id) {
                let entry = s.queue.remove(i);
                let to = s
                    .queue
                    .iter()
                    .position(|e| s.shared.contains(&e.member))
                    .unwrap_or(s.queue.len());
                s.queue.insert(to, entry);
                return to != i;
            }
        }
        false
    }

    /// With fairness on, members who shared go behind the rest, keeping their order otherwise.
    fn reorder_for_fairness(&mut self) {
        let s = self.session();
        let (fresh, shared): (Vec<QueueEntry>, Vec<QueueEntry>) = s
            .queue
            .drain(..)
            .partition(|e| !s.shared.contains(&e.member));
        s.queue = fresh.into_iter().chain(shared).collect();
    }

    // ----- rounds

    fn round_start(
        &mut self,
        now: Timestamp,
        share_time: Option<Millis>,
        order: Option<RoundOrder>,
    ) -> Res {
        let share_time = share_time.unwrap_or(self.settings.share_time);
        if share_time < MIN_SHARE_TIME {
            return Err(reject(
                Code::InvalidSetting,
                vec![
                    say::t("A share time under 10 seconds is too short to share anything. Try "),
                    say::cmd("round start 3m"),
                    say::t("."),
                ],
            ));
        }
        let order = order.unwrap_or(RoundOrder::Checkin);
        let rotation = self.rounds_started;
        let seed = self.seed;
        let s = self.session();
        if s.round.is_some() {
            return Err(reject(
                Code::RoundRunning,
                vec![
                    say::t("A round is already running. End it first with "),
                    say::cmd("round end"),
                    say::t("."),
                ],
            ));
        }
        let speakers: Vec<MemberId> = s
            .checkins
            .iter()
            .filter(|c| !c.listening)
            .map(|c| c.member.clone())
            .collect();
        let lineup = match order {
            RoundOrder::Queue => {
                if s.queue.is_empty() {
                    return Err(reject(
                        Code::NobodyToCall,
                        vec![say::t("Nobody's hand is up, so a queue round has no one to call. Members can raise a hand with "), say::cmd("hand"), say::t(".")],
                    ));
                }
                vec![]
            }
            RoundOrder::Checkin | RoundOrder::Shuffle => {
                if speakers.is_empty() {
                    return Err(reject(
                        Code::NobodyToCall,
                        vec![
                            say::t("Nobody has checked in to share yet (listeners are not called). Members can "),
                            say::cmd("checkin"),
                            say::t(", or start a round from raised hands with "),
                            say::cmd("round start queue"),
                            say::t("."),
                        ],
                    ));
                }
                let mut l = speakers;
                if order == RoundOrder::Shuffle {
                    let mut st = seed ^ rotation.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    for i in (1..l.len()).rev() {
                        let j = (splitmix(&mut st) % (i as u64 + 1)) as usize;
                        l.swap(i, j);
                    }
                } else {
                    let n = l.len();
                    l.rotate_left((rotation % n as u64) as usize);
                }
                l
            }
        };
        s.round = Some(Round {
            order,
            share_time,
            lineup,
            position: 0,
            turn: None,
            passes: BTreeSet::new(),
            skips: BTreeSet::new(),
            shared: 0,
        });
        self.rounds_started += 1;
        let mut out = Out::new();
        out.changed();
        let how = match order {
            RoundOrder::Checkin => "in check-in order",
            RoundOrder::Queue => "from raised hands",
            RoundOrder::Shuffle => "in a shuffled order",
        };
        let crosstalk = match self.settings.crosstalk {
            Crosstalk::None => "No crosstalk: please listen without responding to shares.",
            Crosstalk::Discussion => {
                "Crosstalk: please hold responses for the discussion after the round."
            }
            Crosstalk::Open => "Crosstalk is open: gentle responses are welcome.",
        };
        let mut head = Message::line(vec![
            say::strong("Share round"),
            say::t(": "),
            say::dur(share_time),
            say::t(format!(" each, {how}. {crosstalk}")),
        ]);
        let lineup = self
            .session()
            .round
            .as_ref()
            .map(|r| r.lineup.clone())
            .unwrap_or_default();
        if !lineup.is_empty() {
            let mut order_line = vec![say::t("Order: ")];
            for (i, m) in lineup.iter().enumerate() {
                if i > 0 {
                    order_line.push(say::t(", "));
                }
                order_line.push(self.name_of(m));
            }
            order_line.push(say::t(". Say "));
            order_line.push(say::cmd("pass"));
            order_line.push(say::t(" at any time if you'd rather not share."));
            head = head.then_line(order_line);
        }
        self.advance(
            now,
            &mut out,
            head.blocks.into_iter().collect::<Vec<_>>(),
            PostKind::RoundStarted,
        );
        out.done()
    }

    /// Ends the current turn (if any) and calls the next speaker, or ends the round when nobody is
    /// left. `lead` are lines to say before the next speaker is named (one message, fewer posts).
    fn advance(
        &mut self,
        now: Timestamp,
        out: &mut Out,
        lead: Vec<super::text::Block>,
        kind: PostKind,
    ) {
        let called = self.call_next(now);
        self.announce_called(out, lead, called, kind);
    }

    /// Ends the current turn (if any) and gives the floor to the next member still to be called,
    /// their turn starting at `start`. Says nothing: see [`Place::announce_called`].
    fn call_next(&mut self, start: Timestamp) -> Called {
        let start = start.whole_second_up();
        let warnings = self.settings.warnings.clone();
        let mut passed = Vec::new();
        loop {
            let s = self.session();
            let round = s.round.as_mut().expect("a turn needs a round");
            round.turn = None;
            let next = if round.order == RoundOrder::Queue {
                if s.queue.is_empty() {
                    None
                } else {
                    let e = s.queue.remove(0);
                    round.lineup.push(e.member.clone());
                    round.position = round.lineup.len();
                    Some(e.member)
                }
            } else if round.position < round.lineup.len() {
                round.position += 1;
                Some(round.lineup[round.position - 1].clone())
            } else {
                None
            };
            let Some(speaker) = next else {
                return Called {
                    passed,
                    speaker: None,
                };
            };
            if round.skips.contains(&speaker) {
                continue;
            }
            if round.passes.contains(&speaker) {
                passed.push(speaker);
                continue;
            }
            let share = round.share_time;
            round.turn = Some(Turn {
                speaker: speaker.clone(),
                started_at: start,
                phase: TurnPhase::Speaking {
                    ends_at: start.plus(share).whole_second_up(),
                },
                warnings_left: warnings.iter().copied().filter(|w| *w < share).collect(),
                moved: Millis::ZERO,
            });
            return Called {
                passed,
                speaker: Some(speaker),
            };
        }
    }

    /// Says what [`Place::call_next`] did: the passes, then the new speaker with their time (or
    /// the end of the round), after `lead`.
    fn announce_called(
        &mut self,
        out: &mut Out,
        mut lead: Vec<super::text::Block>,
        called: Called,
        kind: PostKind,
    ) {
        out.changed();
        for p in &called.passed {
            lead.push(super::text::Block::Line(vec![
                self.name_of(p),
                say::t(" passed."),
            ]));
        }
        let Some(speaker) = called.speaker else {
            self.end_round(out, lead);
            return;
        };
        let Some(TurnPhase::Speaking { ends_at }) = self.current_turn().map(|t| t.phase.clone())
        else {
            unreachable!("call_next starts the turn it names");
        };
        let share = self.session().round.as_ref().expect("round").share_time;
        let member = self.member(&speaker);
        let mut line = vec![
            say::mention(&member),
            say::t(", you have the floor: "),
            say::dur(share),
            say::t(", until "),
            say::clock(ends_at),
            say::t(" ("),
            say::relative(ends_at),
            say::t(")."),
        ];
        if let Some(up) = self.upcoming() {
            line.push(say::t(" Up next: "));
            line.push(self.name_of(&up));
            line.push(say::t("."));
        }
        lead.push(super::text::Block::Line(line));
        out.public(kind, Message { blocks: lead });
    }

    /// Everyone the round will still call after the current turn, in order, each with whether they
    /// said `pass` (they will be passed). Skipped members are left out.
    fn still_to_call(&self) -> Vec<(MemberId, bool)> {
        let Some(s) = self.session.as_ref() else {
            return vec![];
        };
        let Some(r) = s.round.as_ref() else {
            return vec![];
        };
        let waiting: Vec<&MemberId> = if r.order == RoundOrder::Queue {
            s.queue.iter().map(|e| &e.member).collect()
        } else {
            r.lineup[r.position..].iter().collect()
        };
        waiting
            .into_iter()
            .filter(|m| !r.skips.contains(*m))
            .map(|m| (m.clone(), r.passes.contains(m)))
            .collect()
    }

    /// The members a command's member argument offers, in the order they are offered, whose
    /// display name contains `typed` (case-insensitively; empty: everyone). A round list starts
    /// with the speaker and the members the round will still call (not those who passed or were
    /// skipped), then the raised hands and everyone else in the session.
    pub fn member_candidates(&self, list: MemberList, typed: &str) -> Vec<Member> {
        let Some(s) = self.session.as_ref() else {
            return vec![];
        };
        let mut ids: Vec<MemberId> = Vec::new();
        if list == MemberList::Round {
            let speaker = s.round.as_ref().and_then(|r| r.turn.as_ref());
            ids.extend(speaker.map(|t| t.speaker.clone()));
            let waiting = self.still_to_call().into_iter();
            ids.extend(waiting.filter(|(_, passes)| !passes).map(|(m, _)| m));
        }
        ids.extend(s.queue.iter().map(|e| e.member.clone()));
        if list == MemberList::Round {
            ids.extend(s.members.keys().cloned());
        }
        let typed = typed.trim().to_lowercase();
        let mut seen = BTreeSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(id.clone()))
            .map(|id| self.member(&id))
            .filter(|m| typed.is_empty() || m.name.as_str().to_lowercase().contains(&typed))
            .collect()
    }

    /// Who the round would call next if the turn ended now: the passes on the way, then the next
    /// speaker (`None`: nobody is left).
    fn peek_next(&self) -> Called {
        let mut passed = Vec::new();
        for (m, passes) in self.still_to_call() {
            if passes {
                passed.push(m);
            } else {
                return Called {
                    passed,
                    speaker: Some(m),
                };
            }
        }
        Called {
            passed,
            speaker: None,
        }
    }

    /// Who will be called after the current speaker, when it is known.
    fn upcoming(&self) -> Option<MemberId> {
        self.peek_next().speaker
    }

    fn end_round(&mut self, out: &mut Out, mut lead: Vec<super::text::Block>) {
        let s = self.session();
        let Some(round) = s.round.take() else { return };
        let mut shared = round.shared;
        if let Some(t) = &round.turn {
            // The speaker interrupted by the end of the round still shared.
            if !matches!(t.phase, TurnPhase::TimeUp { .. }) {
                shared += 1;
                let sp = t.speaker.clone();
                self.mark_shared(&sp);
            }
        }
        out.changed();
        let said = match shared {
            0 => "Nobody shared this time, and that is okay.".to_string(),
            1 => "1 member shared.".to_string(),
            n => format!("{n} members shared."),
        };
        lead.push(super::text::Block::Line(vec![
            say::strong("The round has ended."),
            say::t(format!(" {said} Thank you, everyone.")),
        ]));
        out.public(PostKind::RoundEnded, Message { blocks: lead });
    }

    /// While `speaker` has the floor: their turn's start and end, and how far it moved since
    /// their call was made (see [`Input::CallGoingOut`]).
    pub fn current_call(&self, speaker: &MemberId) -> Option<(Timestamp, Timestamp, Millis)> {
        let t = self.current_turn().filter(|t| t.speaker == *speaker)?;
        match t.phase {
            TurnPhase::Speaking { ends_at } => Some((t.started_at, ends_at, t.moved)),
            _ => None,
        }
    }

    /// See [`Input::CallGoingOut`]. Only a turn nothing has happened in yet moves (no warning
    /// given, not extended), on whole seconds, by the whole delay: the speaker keeps their time.
    fn call_going_out(&mut self, now: Timestamp, speaker: &MemberId) -> Outcome {
        let warnings = self.settings.warnings.clone();
        let Some(share) = self
            .session
            .as_ref()
            .and_then(|s| s.round.as_ref())
            .map(|r| r.share_time)
        else {
            return Outcome::default();
        };
        let Some(t) = self.turn_mut() else {
            return Outcome::default();
        };
        let TurnPhase::Speaking { ends_at } = t.phase else {
            return Outcome::default();
        };
        let untouched = t.warnings_left.len() == warnings.iter().filter(|w| **w < share).count()
            && ends_at == t.started_at.plus(share).whole_second_up();
        if t.speaker != *speaker || !untouched || now <= t.started_at.plus(CALL_TOLERANCE) {
            return Outcome::default();
        }
        let start = now.whole_second_up();
        let delay = start.since(t.started_at);
        t.started_at = start;
        t.moved = Millis(t.moved.0 + delay.0);
        t.phase = TurnPhase::Speaking {
            ends_at: ends_at.plus(delay),
        };
        Outcome {
            posts: vec![],
            state_changed: true,
            status_changed: true,
        }
    }

    fn current_turn(&self) -> Option<&Turn> {
        self.session.as_ref()?.round.as_ref()?.turn.as_ref()
    }

    fn turn_mut(&mut self) -> Option<&mut Turn> {
        self.session.as_mut()?.round.as_mut()?.turn.as_mut()
    }

    /// Ends the speaker's turn as shared (done, host `next`) and moves on.
    fn finish_turn(&mut self, now: Timestamp, out: &mut Out, lead: Vec<Span>) {
        if let Some(t) = self.current_turn().cloned() {
            if !matches!(t.phase, TurnPhase::TimeUp { .. }) {
                // A time-up turn was already counted when "time" was called.
                self.session().round.as_mut().expect("round").shared += 1;
                self.mark_shared(&t.speaker);
            }
        }
        let lead = if lead.is_empty() {
            vec![]
        } else {
            vec![super::text::Block::Line(lead)]
        };
        self.advance(now, out, lead, PostKind::Turn);
    }

    fn done(&mut self, now: Timestamp, me: &Member) -> Res {
        let s = self.session.as_ref().expect("in session");
        if s.round.is_none() {
            return Err(no_round());
        }
        match self.current_turn() {
            Some(t) if t.speaker == me.id => {
                let mut out = Out::new();
                self.finish_turn(
                    now,
                    &mut out,
                    vec![say::t("Thank you, "), say::name(me), say::t(".")],
                );
                out.done()
            }
            Some(t) => Err(reject(
                Code::NotYourTurn,
                vec![
                    say::t("It's "),
                    self.name_of(&t.speaker.clone()),
                    say::t("'s turn; "),
                    say::cmd("done"),
                    say::t(" ends only your own turn."),
                ],
            )),
            None => Err(no_round()),
        }
    }

    fn pass(&mut self, now: Timestamp, me: &Member) -> Res {
        let s = self.session.as_ref().expect("in session");
        let Some(round) = s.round.as_ref() else {
            // Outside a round, passing means "not now": lower a raised hand.
            if self.queue_position(&me.id).is_some() {
                let s = self.session();
                s.queue.retain(|e| e.member != me.id);
                let mut out = Out::new();
                out.changed();
                out.post(
                    Audience::Reply(me.id.clone()),
                    PostKind::Ack,
                    Message::text("Your hand is down. That's okay."),
                );
                return out.done();
            }
            return Err(no_round());
        };
        if round.turn.as_ref().is_some_and(|t| t.speaker == me.id) {
            let mut out = Out::new();
            let lead = vec![super::text::Block::Line(vec![
                say::name(me),
                say::t(" passed."),
            ])];
            self.advance(now, &mut out, lead, PostKind::Turn);
            return out.done();
        }
        let upcoming = round.lineup[round.position..].contains(&me.id);
        let queued = round.order == RoundOrder::Queue && self.queue_position(&me.id).is_some();
        if round.passes.contains(&me.id) {
            let mut out = Out::new();
            out.post(
                Audience::Private(me.id.clone()),
                PostKind::Reply,
                Message::text("You have already passed for this round."),
            );
            return out.done();
        }
        if upcoming || queued {
            let s = self.session();
            if queued {
                s.queue.retain(|e| e.member != me.id);
            }
            s.round
                .as_mut()
                .expect("round")
                .passes
                .insert(me.id.clone());
            let mut out = Out::new();
            out.changed();
            out.post(
                Audience::Private(me.id.clone()),
                PostKind::Reply,
                Message::text("Noted: you will be passed when your turn comes. Nobody will hear anything but \"passed\"."),
            );
            return out.done();
        }
        if round.lineup[..round.position].contains(&me.id) {
            return Err(reject(
                Code::TurnAlreadyTaken,
                vec![say::t("Your turn in this round has already been.")],
            ));
        }
        Err(reject(
            Code::NotInRound,
            vec![say::t("You are not in this round's order, so there is nothing to pass. You're welcome to just listen.")],
        ))
    }

    fn next(&mut self, now: Timestamp, me: &Member) -> Res {
        if self.session().round.is_some() {
            let mut out = Out::new();
            self.finish_turn(now, &mut out, vec![]);
            return out.done();
        }
        // Outside a round: call the first raised hand (untimed).
        let s = self.session();
        if s.queue.is_empty() {
            return Err(reject(
                Code::NobodyToCall,
                vec![
                    say::t("Nobody's hand is up. To start a timed go-around use "),
                    say::cmd("round start"),
                    say::t("."),
                ],
            ));
        }
        let e = s.queue.remove(0);
        self.mark_shared(&e.member);
        let _ = me;
        let m = self.member(&e.member);
        let mut out = Out::new();
        out.changed();
        out.public(
            PostKind::Turn,
            Message::line(vec![say::mention(&m), say::t(", you have the floor.")]),
        );
        out.done()
    }

    fn skip(&mut self, now: Timestamp, me: &Member, who: Option<MemberRef>) -> Res {
        if self.session().round.is_none() {
            return Err(no_round());
        }
        let speaker = self.current_turn().map(|t| t.speaker.clone());
        let target = match who {
            None => speaker.clone().ok_or_else(no_round)?,
            Some(r) => self.resolve(&r)?,
        };
        let mut out = Out::new();
        if Some(&target) == speaker.as_ref() {
            let lead = vec![super::text::Block::Line(vec![say::t("Moving on.")])];
            self.advance(now, &mut out, lead, PostKind::Turn);
            return out.done();
        }
        let s = self.session();
        let round = s.round.as_mut().expect("round");
        let later = round.lineup[round.position..].contains(&target);
        let queued = round.order == RoundOrder::Queue && s.queue.iter().any(|e| e.member == target);
        if !later && !queued {
            return Err(reject(
                Code::NotInRound,
                vec![
                    self.name_of(&target),
                    say::t(" is not waiting for a turn in this round."),
                ],
            ));
        }
        round.skips.insert(target.clone());
        if queued {
            s.queue.retain(|e| e.member != target);
        }
        out.changed();
        out.post(
            Audience::Reply(me.id.clone()),
            PostKind::Reply,
            Message::line(vec![
                self.name_of(&target),
                say::t(" will be skipped in this round."),
            ]),
        );
        out.done()
    }

    fn extend(&mut self, now: Timestamp, by: Millis) -> Res {
        if by < Millis::secs(1) {
            return Err(reject(
                Code::InvalidSetting,
                vec![
                    say::t("Extend by at least a second, like "),
                    say::cmd("extend 1m"),
                    say::t("."),
                ],
            ));
        }
        let warnings = self.settings.warnings.clone();
        let Some(turn) = self.turn_mut() else {
            return Err(no_round());
        };
        let ends_at = match turn.phase {
            TurnPhase::Speaking { ends_at } => ends_at.plus(by).whole_second_up(),
            TurnPhase::TimeUp { .. } => now.plus(by).whole_second_up(),
            TurnPhase::Paused { remaining } => {
                turn.phase = TurnPhase::Paused {
                    remaining: Millis(remaining.0 + by.0),
                };
                turn.warnings_left = warnings
                    .iter()
                    .copied()
                    .filter(|w| *w < Millis(remaining.0 + by.0))
                    .collect();
                let speaker = turn.speaker.clone();
                let mut out = Out::new();
                out.changed();
                out.public(
                    PostKind::Notice,
                    Message::line(vec![
                        self.name_of(&speaker),
                        say::t(" has "),
                        say::dur(by),
                        say::t(" more (the clock is paused)."),
                    ]),
                );
                return out.done();
            }
        };
        turn.phase = TurnPhase::Speaking { ends_at };
        turn.warnings_left = warnings
            .iter()
            .copied()
            .filter(|w| ends_at.minus(*w) > now)
            .collect();
        let speaker = turn.speaker.clone();
        let mut out = Out::new();
        out.changed();
        out.public(
            PostKind::Notice,
            Message::line(vec![
                self.name_of(&speaker),
                say::t(" has "),
                say::dur(by),
                say::t(" more, until "),
                say::clock(ends_at),
                say::t(" ("),
                say::relative(ends_at),
                say::t(")."),
            ]),
        );
        out.done()
    }

    fn pause(&mut self, now: Timestamp) -> Res {
        let Some(turn) = self.turn_mut() else {
            return Err(no_round());
        };
        let remaining = match turn.phase {
            TurnPhase::Speaking { ends_at } => ends_at.since(now),
            TurnPhase::TimeUp { .. } => Millis::ZERO,
            TurnPhase::Paused { .. } => {
                return Err(reject(
                    Code::AlreadyPaused,
                    vec![
                        say::t("The round is already paused. Use "),
                        say::cmd("resume"),
                        say::t("."),
                    ],
                ))
            }
        };
        turn.phase = TurnPhase::Paused { remaining };
        let mut out = Out::new();
        out.changed();
        out.public(
            PostKind::Notice,
            Message::line(vec![
                say::strong("Paused."),
                say::t(" The clock is stopped; take the time you need."),
            ]),
        );
        out.done()
    }

    fn resume(&mut self, now: Timestamp) -> Res {
        let warnings = self.settings.warnings.clone();
        let Some(turn) = self.turn_mut() else {
            return Err(no_round());
        };
        let TurnPhase::Paused { remaining } = turn.phase else {
            return Err(reject(
                Code::NotPaused,
                vec![say::t("The round is not paused.")],
            ));
        };
        let mut out = Out::new();
        if remaining == Millis::ZERO {
            self.advance(
                now,
                &mut out,
                vec![super::text::Block::Line(vec![say::t("Resuming.")])],
                PostKind::Turn,
            );
            return out.done();
        }
        let ends_at = now.plus(remaining).whole_second_up();
        turn.phase = TurnPhase::Speaking { ends_at };
        turn.warnings_left = warnings
            .iter()
            .copied()
            .filter(|w| *w < remaining)
            .collect();
        let speaker = turn.speaker.clone();
        out.changed();
        out.public(
            PostKind::Notice,
            Message::line(vec![
                say::t("Resumed: "),
                self.name_of(&speaker),
                say::t(" has "),
                say::dur(remaining),
                say::t(" left, until "),
                say::clock(ends_at),
                say::t("."),
            ]),
        );
        out.done()
    }

    // ----- deadlines

    fn tick(&mut self, now: Timestamp) -> Outcome {
        let mut out = Out::new();
        // Bounded: each step consumes a deadline or moves it later than `now`.
        for _ in 0..10_000 {
            let Some(due) = self.next_deadline() else {
                break;
            };
            if due > now {
                break;
            }
            self.fire(now, &mut out);
        }
        out.outcome
    }

    /// Fires the earliest due event.
    fn fire(&mut self, now: Timestamp, out: &mut Out) {
        let settings = self.settings.clone();
        let Some((at, due)) = self.earliest_due() else {
            return;
        };
        match due {
            Due::Idle => {
                let headline = format!(
                    "Closing the session after {} without activity",
                    settings.idle_close.spoken()
                );
                if let Ok(closed) = self.close_session(now, &headline) {
                    out.outcome.posts.extend(closed.posts);
                }
                out.changed();
                return;
            }
            Due::Schedule(key, event) => {
                self.fire_schedule(now, &key, event, at, out);
                return;
            }
            Due::Purge => {
                self.purge_attendance(now);
                out.outcome.state_changed = true;
                return;
            }
            Due::Turn => {}
        }
        let turn = self.current_turn().cloned();
        let turn = turn.expect("turn due");
        match turn.phase {
            TurnPhase::Speaking { ends_at } => {
                let t = self.turn_mut().expect("turn");
                if ends_at <= now {
                    // Time is up (maybe late, after downtime): one "time", never stale warnings.
                    t.warnings_left.clear();
                    // The next turn starts after the grace — or now, if "time" itself comes after
                    // the grace (downtime): nobody was told of it yet.
                    let advance_at = settings
                        .auto_advance
                        .then(|| ends_at.plus(settings.grace).max(now).whole_second_up());
                    self.session().round.as_mut().expect("round").shared += 1;
                    let queue_moved = self.mark_shared(&turn.speaker);
                    let mut line = vec![
                        say::strong("Time"),
                        say::t(", "),
                        self.name_of(&turn.speaker),
                        say::t(". Thank you for sharing."),
                    ];
                    if advance_at.is_none() {
                        line.push(say::t(" The host will call the next speaker."));
                    }
                    let mut msg = Message::line(line);
                    // "Time" also says who is next and when, so the advance after the grace
                    // needs no post of its own.
                    let announced = advance_at.map(|starts_at| {
                        let (lines, said) = self.time_announcement(now, starts_at);
                        msg.blocks.extend(lines);
                        said
                    });
                    let t = self.turn_mut().expect("turn");
                    t.phase = TurnPhase::TimeUp {
                        advance_at,
                        announced,
                    };
                    // A timed transition: the status view shows the plan with absolute times, so
                    // it stays true without an edit (only a raised hand moving for fairness shows).
                    out.outcome.state_changed = true;
                    out.outcome.status_changed |= queue_moved;
                    out.public(PostKind::Time, msg);
                    return;
                }
                // Give only the latest of the warnings that are due (the others are stale).
                let mut given = None;
                while let Some(w) = t.warnings_left.first().copied() {
                    if ends_at.minus(w) <= now {
                        t.warnings_left.remove(0);
                        given = Some(w);
                    } else {
                        break;
                    }
                }
                if let Some(w) = given {
                    out.outcome.state_changed = true;
                    out.public(
                        PostKind::Warning,
                        Message::line(vec![
                            self.name_of(&turn.speaker),
                            say::t(", "),
                            say::dur(w),
                            say::t(" left (until "),
                            say::clock(ends_at),
                            say::t(")."),
                        ]),
                    );
                }
            }
            TurnPhase::TimeUp {
                advance_at,
                announced,
            } => {
                let planned = advance_at.expect("only an advancing turn is due after time");
                let next = self.peek_next();
                let as_said = announced.as_ref().is_some_and(|a| {
                    next.speaker == a.next && next.passed.iter().all(|p| a.passed.contains(p))
                });
                // Exactly as "time" said: the turn starts when it said (also if the bot was down
                // meanwhile: the speaker knew their times), and the status view already shows
                // it. Nothing to post, nothing to edit.
                if as_said && next.speaker.is_some() {
                    let called = self.call_next(planned);
                    debug_assert_eq!(called, next);
                    out.outcome.state_changed = true;
                    return;
                }
                // Otherwise whoever gets the turn now was not told: they start now.
                let called = self.call_next(now);
                match announced.filter(|_| as_said) {
                    // "That was the last share", as said: the round ends (once per round), with
                    // only what was not said yet.
                    Some(a) if called.speaker.is_none() && a.next.is_none() => {
                        let lead = called
                            .passed
                            .iter()
                            .filter(|p| !a.passed.contains(p))
                            .map(|p| {
                                super::text::Block::Line(vec![self.name_of(p), say::t(" passed.")])
                            })
                            .collect();
                        self.end_round(out, lead);
                    }
                    // Something changed during the grace (or nothing was announced): say it.
                    _ => self.announce_called(out, vec![], called, PostKind::Turn),
                }
            }
            TurnPhase::Paused { .. } => unreachable!("paused turns have no deadline"),
        }
    }

    /// The lines "time" adds when the round moves on by itself at `starts_at`: the passes on the
    /// way, then the next speaker called (pinged) with their turn's start and end — or that this
    /// was the last share. Returns them with what was said.
    fn time_announcement(
        &self,
        now: Timestamp,
        starts_at: Timestamp,
    ) -> (Vec<super::text::Block>, Announced) {
        use super::text::Block;
        let s = self.session.as_ref().expect("in session");
        let round = s.round.as_ref().expect("round");
        let share = round.share_time;
        let queue_round = round.order == RoundOrder::Queue;
        let next = self.peek_next();
        let mut lines: Vec<Block> = next
            .passed
            .iter()
            .map(|p| Block::Line(vec![self.name_of(p), say::t(" passed.")]))
            .collect();
        match &next.speaker {
            Some(id) => {
                let member = self.member(id);
                let ends_at = starts_at.plus(share).whole_second_up();
                // The same words however late "time" came (after downtime the turn starts now).
                lines.push(Block::Line(vec![
                    say::mention(&member),
                    say::t(", you're next: your turn runs from "),
                    say::clock(starts_at),
                    say::t(" to "),
                    say::clock(ends_at),
                    say::t("."),
                ]));
            }
            None if queue_round && starts_at > now => lines.push(Block::Line(vec![
                say::t("No hands are up: unless someone raises one with "),
                say::cmd("hand"),
                say::t(" before "),
                say::clock(starts_at),
                say::t(", that was the last share of this round."),
            ])),
            None => lines.push(Block::Line(vec![say::t(
                "That was the last share of this round.",
            )])),
        }
        (
            lines,
            Announced {
                next: next.speaker,
                passed: next.passed,
                starts_at,
            },
        )
    }

    // ----- settings

    fn set(&mut self, me: &Member, change: SettingChange) -> Res {
        // These change a running round's plan or the queue's order, which the status view shows.
        let shown = self.session.is_some()
            && matches!(
                change,
                SettingChange::Grace(_)
                    | SettingChange::AutoAdvance(_)
                    | SettingChange::Fairness(_)
            );
        let st = &mut self.settings;
        let said: Vec<Span> = match change {
            SettingChange::ShareTime(d) => {
                if d < MIN_SHARE_TIME {
                    return Err(reject(Code::InvalidSetting, vec![say::t("A share time under 10 seconds is too short to share anything. Try "), say::cmd("settings share-time 3m"), say::t(".")]));
                }
                st.share_time = d;
                vec![say::t("Share time is now "), say::dur(d), say::t(".")]
            }
            SettingChange::Warnings(mut ws) => {
                ws.sort_by(|a, b| b.cmp(a));
                ws.dedup();
                st.warnings = ws.clone();
                if ws.is_empty() {
                    vec![say::t("No warnings will be given before \"time\".")]
                } else {
                    let mut v = vec![say::t("Warnings will be given ")];
                    for (i, w) in ws.iter().enumerate() {
                        if i > 0 {
                            v.push(say::t(" and "));
                        }
                        v.push(say::dur(*w));
                    }
                    v.push(say::t(" before the end of a turn."));
                    v
                }
            }
            SettingChange::Grace(d) => {
                if d > Millis::mins(10) {
                    return Err(reject(
                        Code::InvalidSetting,
                        vec![
                            say::t("The grace period can be at most 10 minutes. Try "),
                            say::cmd("settings grace 10s"),
                            say::t("."),
                        ],
                    ));
                }
                st.grace = d;
                vec![
                    say::t("After \"time\", the next speaker is called after "),
                    say::dur(d),
                    say::t("."),
                ]
            }
            SettingChange::AutoAdvance(on) => {
                st.auto_advance = on;
                vec![say::t(if on {
                    "Rounds move to the next speaker by themselves after the grace period."
                } else {
                    "Rounds wait for the host's `next` after \"time\"."
                })]
            }
            SettingChange::Fairness(on) => {
                st.fairness = on;
                if on && self.session.is_some() {
                    self.reorder_for_fairness();
                }
                vec![say::t(if on {
                    "Fairness is on: members who already shared go behind those who have not."
                } else {
                    "Fairness is off: the queue keeps the order hands were raised."
                })]
            }
            SettingChange::Crosstalk(c) => {
                st.crosstalk = c;
                vec![say::t(format!(
                    "The crosstalk policy is now `{}`.",
                    c.as_str()
                ))]
            }
            SettingChange::HostRole(r) => {
                st.host_role = Some(r.clone());
                vec![
                    say::t("Members with the role "),
                    say::user(&r),
                    say::t(" are hosts here."),
                ]
            }
            SettingChange::Timezone(z) => {
                st.timezone = z.clone();
                vec![say::t(format!(
                    "This meeting's time zone is now {z}. Existing schedules keep their own zones."
                ))]
            }
            SettingChange::Attendance(on) => {
                st.attendance = on;
                if on {
                    vec![say::t(format!("Attendance is on: each check-in records the date for that member, kept for {} days. Members can see theirs with `my-data`.", st.retention_days))]
                } else {
                    self.attendance.clear();
                    self.last_purge = None;
                    self.tidy_people();
                    vec![say::t(
                        "Attendance is off, and the dates kept so far have been erased.",
                    )]
                }
            }
            SettingChange::ScheduleGrace(d) => {
                if d > Millis::mins(60) {
                    return Err(reject(
                        Code::InvalidSetting,
                        vec![
                            say::t("The schedule grace can be at most 1 hour. Try "),
                            say::cmd("settings schedule-grace 10m"),
                            say::t("."),
                        ],
                    ));
                }
                st.schedule_grace = d;
                vec![
                    say::t("After downtime, a scheduled reminder or opening up to "),
                    say::dur(d),
                    say::t(" late still happens; older ones are skipped."),
                ]
            }
            SettingChange::RetentionDays(n) => {
                st.retention_days = n;
                vec![say::t(format!("Attendance dates are kept for {n} days."))]
            }
            SettingChange::IdleClose(d) => {
                if d < Millis::mins(15) {
                    return Err(reject(
                        Code::InvalidSetting,
                        vec![
                            say::t("Idle close must be at least 15 minutes. Try "),
                            say::cmd("settings idle-close 3h"),
                            say::t("."),
                        ],
                    ));
                }
                st.idle_close = d;
                vec![
                    say::t("An open session with no activity is closed after "),
                    say::dur(d),
                    say::t("."),
                ]
            }
        };
        let mut out = Out::new();
        out.outcome.state_changed = true;
        out.outcome.status_changed = shown;
        out.post(
            Audience::Reply(me.id.clone()),
            PostKind::Reply,
            Message::line(said),
        );
        out.done()
    }

    fn settings_message(&self) -> Message {
        let st = &self.settings;
        let on = |b: bool| if b { "on" } else { "off" };
        let warnings = if st.warnings.is_empty() {
            "none".to_string()
        } else {
            st.warnings
                .iter()
                .map(|w| w.compact())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut items = vec![
            vec![say::t(format!("share-time: {}", st.share_time.compact()))],
            vec![say::t(format!("warnings: {warnings}"))],
            vec![say::t(format!("grace: {}", st.grace.compact()))],
            vec![say::t(format!("auto-advance: {}", on(st.auto_advance)))],
            vec![say::t(format!("fairness: {}", on(st.fairness)))],
            vec![say::t(format!("crosstalk: {}", st.crosstalk.as_str()))],
            vec![say::t(format!("idle-close: {}", st.idle_close.compact()))],
        ];
        items.push(match &st.host_role {
            Some(r) => vec![say::t("host-role: "), say::user(r)],
            None => vec![say::t("host-role: (not set)")],
        });
        items.push(vec![say::t(format!("timezone: {}", st.timezone))]);
        items.push(vec![say::t(format!("attendance: {}", on(st.attendance)))]);
        items.push(vec![say::t(format!("retention: {}d", st.retention_days))]);
        items.push(vec![say::t(format!(
            "schedule-grace: {}",
            st.schedule_grace.compact()
        ))]);
        items.push(vec![say::t(if st.crisis_text.is_some() {
            "crisis: this meeting's own text"
        } else {
            "crisis: the default text"
        })]);
        Message::text("This meeting's settings:").then_list(items)
    }

    // ----- status

    fn status(&self, now: Timestamp, me: &Member) -> Outcome {
        let s = self.session.as_ref().expect("in session");
        let mut msg = Message::default();
        let mut head = vec![
            say::strong("Session open"),
            say::t(" since "),
            say::clock(s.opened_at),
        ];
        if let Some(n) = &s.name {
            head.push(say::t(": "));
            head.push(say::user(n));
        }
        head.push(say::t(format!(
            ". {} checked in, {} hand(s) up.",
            s.checkins.len(),
            s.queue.len()
        )));
        msg = msg.then_line(head);
        if let Some(r) = &s.round {
            match &r.turn {
                Some(t) => {
                    let mut l = vec![say::t("Speaking: "), self.name_of(&t.speaker)];
                    match t.phase {
                        TurnPhase::Speaking { ends_at } => {
                            l.push(say::t(", until "));
                            l.push(say::clock(ends_at));
                            l.push(say::t(" ("));
                            l.push(say::dur(Millis((ends_at.since(now).0 / 1000) * 1000)));
                            l.push(say::t(" left)."));
                        }
                        TurnPhase::Paused { remaining } => {
                            l.push(say::t(" — paused with "));
                            l.push(say::dur(remaining));
                            l.push(say::t(" left."));
                        }
                        TurnPhase::TimeUp { .. } => l.push(say::t(" — time is up.")),
                    }
                    msg = msg.then_line(l);
                }
                None => msg = msg.then_line(vec![say::t("A round is running.")]),
            }
            if let Some(up) = self.upcoming() {
                msg = msg.then_line(vec![say::t("Up next: "), self.name_of(&up), say::t(".")]);
            }
        }
        let mut out = Out::new();
        out.post(Audience::Reply(me.id.clone()), PostKind::Reply, msg);
        out.outcome
    }

    /// A snapshot for live status views (Discord's status message, Matrix's status event). It
    /// says nothing that goes stale as time passes: a round that moves on by itself is shown as
    /// its plan with absolute times, so timed transitions (warnings, "time", the advance after the
    /// grace) need no edit; only actions change it.
    pub fn status_view(&self) -> Option<StatusView> {
        let s = self.session.as_ref()?;
        Some(StatusView {
            name: s.name.clone(),
            opened_at: s.opened_at,
            round: self.round_view(),
            queue: s
                .queue
                .iter()
                .map(|e| (self.member(&e.member), e.raised_at))
                .collect(),
            queue_closed: s.queue_closed,
            checkins: s
                .checkins
                .iter()
                .map(|c| RollEntry {
                    member: self.member(&c.member),
                    word: c.word.clone(),
                    listening: c.listening,
                })
                .collect(),
        })
    }

    /// The running round as a plan: the current turn (unless its time is up and the round moves
    /// on by itself), then everyone still to be called, each with planned times from the current
    /// turn's end, the grace and the share time, assuming full turns. Paused or waiting for the
    /// host, later turns have no times.
    fn round_view(&self) -> Option<RoundView> {
        let r = self.session.as_ref()?.round.as_ref()?;
        let auto_advance = self.settings.auto_advance;
        let grace = self.settings.grace;
        let share = r.share_time;
        let mut turns = Vec::new();
        let mut next_start = None;
        let mut paused = false;
        if let Some(t) = &r.turn {
            let member = self.member(&t.speaker);
            match t.phase {
                TurnPhase::Speaking { ends_at } => {
                    turns.push(PlannedTurn {
                        member,
                        when: TurnWhen::Planned {
                            starts_at: t.started_at,
                            ends_at,
                        },
                    });
                    next_start = auto_advance.then(|| ends_at.plus(grace));
                }
                TurnPhase::Paused { .. } => {
                    paused = true;
                    turns.push(PlannedTurn {
                        member,
                        when: TurnWhen::Paused,
                    });
                }
                // Done; the next turn starts when "time" said.
                TurnPhase::TimeUp {
                    advance_at: Some(at),
                    ..
                } => next_start = Some(at),
                TurnPhase::TimeUp {
                    advance_at: None, ..
                } => turns.push(PlannedTurn {
                    member,
                    when: TurnWhen::TimeUp,
                }),
            }
        }
        for (member, passes) in self.still_to_call() {
            if passes {
                continue;
            }
            let when = match next_start {
                Some(starts_at) => {
                    let starts_at = starts_at.whole_second_up();
                    let ends_at = starts_at.plus(share).whole_second_up();
                    next_start = Some(ends_at.plus(grace));
                    TurnWhen::Planned { starts_at, ends_at }
                }
                None => TurnWhen::Unplanned,
            };
            turns.push(PlannedTurn {
                member: self.member(&member),
                when,
            });
        }
        Some(RoundView {
            share_time: share,
            auto_advance,
            paused,
            turns,
        })
    }

    // ----- privacy

    /// Everything this place stores about a member, said to them.
    pub fn member_facts(&self, id: &MemberId) -> Option<MemberFacts> {
        let mut lines = Vec::new();
        let name = self
            .session
            .as_ref()
            .and_then(|s| s.members.get(id))
            .or_else(|| self.people.get(id));
        if let Some(n) = name {
            lines.push(vec![
                say::t("your display name: "),
                Span::User(
                    UserText::new(n.as_str(), 200)
                        .unwrap_or_else(|_| UserText::new("?", 1).expect("non-empty")),
                ),
            ]);
        }
        if let Some(s) = &self.session {
            if let Some(c) = s.checkins.iter().find(|c| &c.member == id) {
                let mut l = vec![say::t("checked in at "), say::clock(c.at)];
                if c.listening {
                    l.push(say::t(", just listening"));
                } else if c.word.is_some() {
                    // Not echoed: this answer may stay in a direct room after the word is gone.
                    l.push(say::t(
                        ", with a feeling word (erased when the session closes)",
                    ));
                }
                lines.push(l);
            }
            if let Some(e) = s.queue.iter().find(|e| &e.member == id) {
                lines.push(vec![say::t("hand up since "), say::clock(e.raised_at)]);
            }
            if s.shared.contains(id) {
                lines.push(vec![say::t(
                    "you have shared in this session (kept for fairness until it closes)",
                )]);
            }
            if let Some(r) = &s.round {
                if r.lineup.contains(id) {
                    lines.push(vec![say::t("you are in the current round's order")]);
                }
                if r.passes.contains(id) {
                    lines.push(vec![say::t("you passed in this round")]);
                }
            }
            for (role, m) in &s.servants {
                if m == id {
                    let name = self
                        .service_roles
                        .get(role)
                        .map(|r| r.name.clone())
                        .unwrap_or_else(|| role.clone());
                    lines.push(vec![say::t(format!("you serve as {name} in this session"))]);
                }
            }
        }
        let roles: Vec<String> = self
            .service_roles
            .values()
            .filter(|r| r.volunteers.contains(id) || r.next_override.as_ref() == Some(id))
            .map(|r| r.name.clone())
            .collect();
        if !roles.is_empty() {
            lines.push(vec![say::t(format!(
                "you volunteer for: {}",
                roles.join(", ")
            ))]);
        }
        if let Some(dates) = self.attendance.get(id) {
            let list: Vec<&str> = dates.iter().map(String::as_str).collect();
            lines.push(vec![say::t(format!(
                "attendance dates (kept {} days): {}",
                self.settings.retention_days,
                list.join(", ")
            ))]);
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
        let speaking = self.current_turn().is_some_and(|t| &t.speaker == id);
        if speaking {
            self.advance(
                now,
                &mut out,
                vec![super::text::Block::Line(vec![say::t("Moving on.")])],
                PostKind::Turn,
            );
        }
        if let Some(s) = self.session.as_mut() {
            s.members.remove(id);
            s.checkins.retain(|c| &c.member != id);
            s.queue.retain(|e| &e.member != id);
            s.shared.remove(id);
            s.servants.retain(|_, m| m != id);
            if let Some(r) = s.round.as_mut() {
                if let Some(i) = r.lineup.iter().position(|m| m == id) {
                    r.lineup.remove(i);
                    if i < r.position {
                        r.position -= 1;
                    }
                }
                r.passes.remove(id);
                r.skips.remove(id);
                // What "time" said named them: the advance after the grace speaks up instead.
                if let Some(Turn {
                    phase: TurnPhase::TimeUp { announced, .. },
                    ..
                }) = r.turn.as_mut()
                {
                    if announced
                        .as_ref()
                        .is_some_and(|a| a.next.as_ref() == Some(id) || a.passed.contains(id))
                    {
                        *announced = None;
                    }
                }
            }
        }
        for r in self.service_roles.values_mut() {
            r.remove(id);
        }
        self.attendance.remove(id);
        self.people.remove(id);
        out.changed();
        out.outcome
    }

    /// Drops names of people the place no longer needs (no role, no attendance).
    pub(crate) fn tidy_people(&mut self) {
        let needed: BTreeSet<MemberId> = self
            .service_roles
            .values()
            .flat_map(|r| r.volunteers.iter().cloned().chain(r.next_override.clone()))
            .chain(self.attendance.keys().cloned())
            .collect();
        self.people.retain(|id, _| needed.contains(id));
    }

    /// Removes attendance dates older than the retention (in the place's zone).
    pub(crate) fn purge_attendance(&mut self, now: Timestamp) {
        let today = calendar::local_date(now, &self.settings.timezone);
        let oldest_kept = calendar::date_minus_days(&today, self.settings.retention_days);
        for dates in self.attendance.values_mut() {
            dates.retain(|d| d.as_str() >= oldest_kept.as_str());
        }
        self.attendance.retain(|_, d| !d.is_empty());
        self.tidy_people();
        self.last_purge = if self.attendance.is_empty() {
            None
        } else {
            Some(now)
        };
    }

    /// Whether any stored state mentions this member (used to find the places to forget them in).
    pub fn mentions_member(&self, id: &MemberId) -> bool {
        self.members_mentioned().contains(id)
    }

    /// Every member this place's state mentions.
    pub fn members_mentioned(&self) -> BTreeSet<MemberId> {
        let mut set = BTreeSet::new();
        if let Some(s) = &self.session {
            set.extend(s.members.keys().cloned());
            set.extend(s.checkins.iter().map(|c| c.member.clone()));
            set.extend(s.queue.iter().map(|e| e.member.clone()));
            set.extend(s.shared.iter().cloned());
            set.extend(s.servants.values().cloned());
            if let Some(r) = &s.round {
                set.extend(r.lineup.iter().cloned());
                set.extend(r.passes.iter().cloned());
                set.extend(r.skips.iter().cloned());
                if let Some(t) = &r.turn {
                    set.insert(t.speaker.clone());
                    if let TurnPhase::TimeUp {
                        announced: Some(a), ..
                    } = &t.phase
                    {
                        set.extend(a.next.iter().cloned());
                        set.extend(a.passed.iter().cloned());
                    }
                }
            }
        }
        for r in self.service_roles.values() {
            set.extend(r.volunteers.iter().cloned());
            set.extend(r.next_override.iter().cloned());
        }
        set.extend(self.people.keys().cloned());
        set.extend(self.attendance.keys().cloned());
        set
    }
}

/// What a live status view shows. Nothing in it goes stale as time passes (no "speaking now", no
/// countdown), so it is edited only when an action changes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusView {
    pub name: Option<UserText>,
    pub opened_at: Timestamp,
    /// The running share round, if any.
    pub round: Option<RoundView>,
    pub queue: Vec<(Member, Timestamp)>,
    pub queue_closed: bool,
    /// Who checked in, in order, with their feeling words. A status message may show the words
    /// only where the platform lets the bot erase them for good when the session closes (an
    /// edited Discord message keeps no visible history; a Matrix edit does).
    pub checkins: Vec<RollEntry>,
}

/// One member on the live roll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollEntry {
    pub member: Member,
    pub word: Option<UserText>,
    pub listening: bool,
}

/// What the bot says about check-in words when a session closes. True on every platform: no
/// post carries a word, and the live status message that showed them is rewritten at the close.
pub const ERASED_AT_CLOSE: &str =
    "Check-in words are erased from my records and from every message I posted.";

/// A running share round as its plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundView {
    pub share_time: Millis,
    /// The round moves on by itself after each turn's grace (else the host calls each speaker).
    pub auto_advance: bool,
    pub paused: bool,
    /// In order: the current turn (unless its time is up and the round moves on by itself), then
    /// everyone still to be called (members who passed and skipped ones are left out).
    pub turns: Vec<PlannedTurn>,
}

/// One turn of a round's plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedTurn {
    pub member: Member,
    pub when: TurnWhen,
}

/// When a turn of the plan happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TurnWhen {
    /// From `starts_at` to `ends_at`: the current turn's real times, or a later turn's planned
    /// ones (assuming full turns before it).
    Planned {
        starts_at: Timestamp,
        ends_at: Timestamp,
    },
    /// The current turn, paused.
    Paused,
    /// The current turn's time is up; the host calls the next speaker.
    TimeUp,
    /// Not known yet: the host calls the speaker, or the round is paused.
    Unplanned,
}

fn not_allowed(spec: &CommandSpec, _role: Role) -> Rejection {
    reject(
        Code::NotAllowed,
        vec![
            say::t("Only "),
            say::t(spec.role.who_can()),
            say::t(" can use "),
            say::cmd(spec.words),
            say::t("."),
        ],
    )
}

/// `my-data`'s answer from the facts of every place that knows the member.
pub fn my_data_message(places: Vec<(String, MemberFacts)>) -> Message {
    if places.is_empty() {
        return Message::text("I store nothing about you right now. (Check-in words are erased when a session closes.)");
    }
    let mut msg = Message::text("This is everything I store about you:");
    for (label, facts) in places {
        msg = msg
            .then_line(vec![say::strong(label)])
            .then_list(facts.lines);
    }
    msg.then_line(vec![
        say::t("To erase all of it, use "),
        say::cmd("forget-me"),
        say::t("."),
    ])
}

pub fn forgotten_message() -> Message {
    Message::text("Done: I have erased everything I stored about you, in every place. Take care.")
}

fn help(me: &Member, topic: Option<&str>) -> Res {
    let mut out = Out::new();
    let msg = match topic {
        None => {
            let mut msg = Message::line(vec![
                say::t("Commands (say "),
                say::cmd("help COMMAND"),
                say::t(" for more):"),
            ]);
            for (role, title) in [
                (Role::Member, "For everyone"),
                (Role::Host, "For hosts"),
                (Role::Admin, "For admins"),
            ] {
                msg = msg.then_line(vec![say::strong(title)]).then_list(
                    CATALOGUE
                        .iter()
                        .filter(|s| s.role == role)
                        .map(|s| vec![say::cmd(s.usage()), say::t(format!(" — {}", s.summary))])
                        .collect(),
                );
            }
            msg
        }
        Some(t) => {
            let spec = catalogue::lookup(t)
                .or_else(|| catalogue::lookup(t.split(' ').next().unwrap_or("")));
            let Some(spec) = spec else {
                return Err(reject(
                    Code::UnknownTopic,
                    vec![
                        say::t(format!(
                            "There is no command `{}`. Type ",
                            t.chars().take(40).collect::<String>()
                        )),
                        say::cmd("help"),
                        say::t(" for the list."),
                    ],
                ));
            };
            let mut msg = Message::line(vec![
                say::cmd(spec.usage()),
                say::t(format!(" — {}.", spec.summary)),
            ]);
            if !spec.args.is_empty() {
                msg = msg.then_list(
                    spec.args
                        .iter()
                        .map(|a| {
                            vec![say::t(format!(
                                "{}: {}{}",
                                a.name,
                                a.help,
                                if a.required { "" } else { " (optional)" }
                            ))]
                        })
                        .collect(),
                );
            }
            msg = msg.then_line(vec![
                say::t(format!("Who: {}. Example: ", spec.role.who_can())),
                say::cmd(spec.example),
            ]);
            if !spec.aliases.is_empty() {
                msg = msg.then_line(vec![say::t(format!("Also: {}", spec.aliases.join(", ")))]);
            }
            msg
        }
    };
    out.post(Audience::Reply(me.id.clone()), PostKind::Reply, msg);
    out.done()
}
