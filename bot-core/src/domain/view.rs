//! What a session shows: the live status view (the round as its plan with absolute times, the
//! queue, the roll), the `status` answer, and the members a member argument offers.

use std::collections::BTreeSet;

use super::agenda::{AgendaView, EntryState};
use super::catalogue::MemberList;
use super::ids::{Member, MemberId, Millis, Timestamp};
use super::reply::{Out, Res};
use super::session::Session;
use super::settings::Settings;
use super::text::{say, Message, Span, UserText};
use super::turn::TurnPhase;
use crate::say;

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
    /// Where the meeting is in its format, with the planned times of the parts.
    pub agenda: Option<AgendaView>,
    /// The linked voice or Stage channel, as a line (the place fills it in).
    pub voice: Option<Vec<Span>>,
}

/// One member on the live roll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollEntry {
    pub member: Member,
    pub word: Option<UserText>,
    pub listening: bool,
}

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

impl Session {
    /// Everyone the round will still call after the current turn, in order, each with whether
    /// they said `pass`. Empty without a round.
    fn still_to_call(&self) -> Vec<(MemberId, bool)> {
        self.round
            .as_ref()
            .map(|r| r.still_to_call(&self.queue))
            .unwrap_or_default()
    }

    /// Who will be called after the current speaker, when it is known.
    fn upcoming(&self) -> Option<MemberId> {
        self.round.as_ref()?.peek_next(&self.queue).speaker
    }

    /// The `status` answer.
    pub(crate) fn status(&self, now: Timestamp, me: &Member) -> Res {
        let names = self.names();
        let mut msg = Message::default();
        let open = say::strong_say(say!("session-status-open"));
        let since = say::clock(self.opened_at);
        let (checkins, hands) = (self.checkins.len(), self.queue.len());
        let head = match &self.name {
            Some(n) => say!(
                "session-status-named",
                open = open,
                since = since,
                name = say::user(n),
                checkins = checkins,
                hands = hands
            ),
            None => say!(
                "session-status",
                open = open,
                since = since,
                checkins = checkins,
                hands = hands
            ),
        };
        msg = msg.then_line(vec![head]);
        if let Some(a) = &self.agenda {
            let view = a.view(self.speakers(), Millis::ZERO);
            let now_entry = view.entries.iter().find(|e| e.state == EntryState::Now);
            let l = match now_entry {
                Some(e) => match (e.ends_at, e.about) {
                    (Some(end), false) => say!(
                        "session-status-part-until",
                        n = e.number,
                        total = view.entries.len(),
                        title = say::user(&e.title),
                        until = say::clock(end)
                    ),
                    _ => say!(
                        "session-status-part",
                        n = e.number,
                        total = view.entries.len(),
                        title = say::user(&e.title)
                    ),
                },
                None => say!("agenda-over-short"),
            };
            msg = msg.then_line(vec![l]);
        }
        if let Some(r) = &self.round {
            match &r.turn {
                Some(t) => {
                    let name = names.name_of(&t.speaker);
                    let l = match t.phase {
                        TurnPhase::Speaking { ends_at } => say!(
                            "session-status-speaking",
                            name = name,
                            until = say::clock(ends_at),
                            left = say::dur(Millis((ends_at.since(now).0 / 1000) * 1000))
                        ),
                        TurnPhase::Paused { remaining } => say!(
                            "session-status-speaking-paused",
                            name = name,
                            left = say::dur(remaining)
                        ),
                        TurnPhase::TimeUp { .. } => {
                            say!("session-status-speaking-time-up", name = name)
                        }
                    };
                    msg = msg.then_line(vec![l]);
                }
                None => msg = msg.then_line(vec![say!("session-status-round-running")]),
            }
            if let Some(up) = self.upcoming() {
                msg = msg.then_line(vec![say!(
                    "session-status-up-next",
                    name = names.name_of(&up)
                )]);
            }
        }
        Out::replying(me, msg)
    }

    /// A snapshot for live status views (Discord's status message, Matrix's status event). It
    /// says nothing that goes stale as time passes: a round that moves on by itself is shown as
    /// its plan with absolute times, so timed transitions (warnings, "time", the advance after the
    /// grace) need no edit; only actions change it.
    pub(crate) fn status_view(&self, settings: &Settings) -> StatusView {
        StatusView {
            name: self.name.clone(),
            opened_at: self.opened_at,
            round: self.round_view(settings),
            queue: self
                .queue
                .iter()
                .map(|e| (self.member(&e.member), e.raised_at))
                .collect(),
            queue_closed: self.queue_closed,
            checkins: self
                .checkins
                .iter()
                .map(|c| RollEntry {
                    member: self.member(&c.member),
                    word: c.word.clone(),
                    listening: c.listening,
                })
                .collect(),
            agenda: self
                .agenda
                .as_ref()
                .map(|a| a.view(self.speakers(), settings.share_time)),
            voice: None,
        }
    }

    /// How many checked in to share.
    pub(crate) fn speakers(&self) -> usize {
        self.checkins.iter().filter(|c| !c.listening).count()
    }

    /// The running round as a plan: the current turn (unless its time is up and the round moves
    /// on by itself), then everyone still to be called, each with planned times from the current
    /// turn's end, the grace and the share time, assuming full turns. Paused or waiting for the
    /// host, later turns have no times.
    fn round_view(&self, settings: &Settings) -> Option<RoundView> {
        let r = self.round.as_ref()?;
        let auto_advance = settings.auto_advance;
        let grace = settings.grace;
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

    /// The members a command's member argument offers, in the order they are offered, whose
    /// display name contains `typed` (case-insensitively; empty: everyone). A round list starts
    /// with the speaker and the members the round will still call (not those who passed or were
    /// skipped), then the raised hands and everyone else in the session.
    pub(crate) fn member_candidates(&self, list: MemberList, typed: &str) -> Vec<Member> {
        let mut ids: Vec<MemberId> = Vec::new();
        if list == MemberList::Round {
            let speaker = self.round.as_ref().and_then(|r| r.speaker());
            ids.extend(speaker.cloned());
            let waiting = self.still_to_call().into_iter();
            ids.extend(waiting.filter(|(_, passes)| !passes).map(|(m, _)| m));
        }
        ids.extend(self.queue.iter().map(|e| e.member.clone()));
        if list == MemberList::Round {
            ids.extend(self.members.keys().cloned());
        }
        let typed = typed.trim().to_lowercase();
        let mut seen = BTreeSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(id.clone()))
            .map(|id| self.member(&id))
            .filter(|m| typed.is_empty() || m.name.as_str().to_lowercase().contains(&typed))
            .collect()
    }
}
