//! A timed share round: who it calls and in what order, calling the next speaker, "time" and the
//! advance after the grace, the round's end, and skip, pass and resume, which move it on.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::ids::{Member, MemberId, Millis, Timestamp};
use super::outcome::{PostKind, Rejection, RejectionCode as Code};
use super::queue::{self, Floor, QueueEntry};
use super::reply::{no_round, reject, Names, Out};
use super::request::{Crosstalk, RoundOrder};
use super::settings::Settings;
use super::text::{say, Block, Message, Span};
use super::turn::{Announced, Turn, TurnPhase};
use crate::say;

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
    /// A share part's time until the closing, shared equally: each turn's time is worked out
    /// when it is called (and `share_time` follows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
}

/// The time until the closing, shared equally among those still to share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// When the last share must be over.
    pub until: Timestamp,
    /// Never less than this each.
    pub min: Millis,
    /// How many were still to share when the round began.
    pub pool: u32,
}

impl Budget {
    /// Each one's time when `waiting` are still to share from `start`, with `grace` between
    /// turns: rounded down to 15 seconds (30 seconds from 2 minutes), never below `min`.
    pub(crate) fn each(&self, start: Timestamp, waiting: usize, grace: Millis) -> Millis {
        self.share(start, waiting, grace).max(self.min)
    }

    /// Whether everyone still to share fits at `min` or more each.
    pub(crate) fn fits(&self, start: Timestamp, waiting: usize, grace: Millis) -> bool {
        self.share(start, waiting, grace) >= self.min
    }

    /// The equal share, rounded down to its step, before the minimum is applied.
    fn share(&self, start: Timestamp, waiting: usize, grace: Millis) -> Millis {
        let n = waiting.max(1) as i64;
        let available = (self.until.0 - start.0) - grace.0 * n;
        let raw = available / n;
        let step = if raw >= 120_000 { 30_000 } else { 15_000 };
        Millis((raw / step) * step)
    }

    /// How many fit at `min` each from `start`.
    pub(crate) fn fitting(&self, start: Timestamp, grace: Millis) -> i64 {
        ((self.until.0 - start.0 + grace.0) / (self.min.0 + grace.0)).max(0)
    }
}

/// Whom a turn change calls: the members passed on the way, then the new speaker (`None`: nobody is
/// left, the round ends).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Called {
    pub(crate) passed: Vec<MemberId>,
    pub(crate) speaker: Option<MemberId>,
}

/// What moving a round on did: someone has the floor, or nobody is left and the round ends
/// (its owner ends it, saying these lines first).
#[must_use]
pub(crate) enum Moved {
    Stays,
    Ends(Vec<Block>),
}

/// What a round works with besides itself, borrowed from its session and place: the settings,
/// the raised hands with who has shared, and the members' names.
pub(crate) struct Room<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) floor: Floor<'a>,
    pub(crate) names: Names<'a>,
}

/// A small deterministic generator (splitmix64) for seeded shuffles.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn passed_line(names: Names, id: &MemberId) -> Block {
    Block::Line(vec![say!("round-passed", name = names.name_of(id))])
}

impl Round {
    /// A new round in `order`: the check-in order (rotated by `rotation`, the rounds started
    /// before), a seeded shuffle of it, or the raised hands as they are called. `speakers` are
    /// the members checked in to share, in check-in order.
    pub(crate) fn plan(
        order: RoundOrder,
        share_time: Millis,
        speakers: Vec<MemberId>,
        hands_up: bool,
        seed: u64,
        rotation: u64,
    ) -> Result<Round, Rejection> {
        let lineup = match order {
            RoundOrder::Queue => {
                if !hands_up {
                    return Err(reject(
                        Code::NobodyToCall,
                        vec![say!("round-queue-nobody", hand = say::cmd("hand"))],
                    ));
                }
                vec![]
            }
            RoundOrder::Checkin | RoundOrder::Shuffle => {
                if speakers.is_empty() {
                    return Err(reject(
                        Code::NobodyToCall,
                        vec![say!(
                            "round-nobody-checked-in",
                            checkin = say::cmd("checkin"),
                            queue = say::cmd("round start queue")
                        )],
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
        Ok(Round {
            order,
            share_time,
            lineup,
            position: 0,
            turn: None,
            passes: BTreeSet::new(),
            skips: BTreeSet::new(),
            shared: 0,
            budget: None,
        })
    }

    /// What the start of the round says before its first speaker is called, naming it `what`
    /// (`round-share-round`, `round-go-around`: shown emphasised).
    pub(crate) fn opening(&self, names: Names, crosstalk: Crosstalk, what: Span) -> Vec<Block> {
        let how = match self.order {
            RoundOrder::Checkin => "checkin",
            RoundOrder::Queue => "queue",
            RoundOrder::Shuffle => "shuffle",
        };
        let crosstalk = match crosstalk {
            Crosstalk::None => "none",
            Crosstalk::Discussion => "discussion",
            Crosstalk::Open => "open",
        };
        let mut head = Message::say(say!(
            "round-opening",
            what = say::strong_say(what),
            each = say::dur(self.share_time),
            order = how,
            crosstalk = crosstalk
        ));
        if !self.lineup.is_empty() {
            let mut order = Vec::new();
            for (i, m) in self.lineup.iter().enumerate() {
                if i > 0 {
                    order.push(say::t(", "));
                }
                order.push(names.name_of(m));
            }
            head = head.then_line(vec![say!(
                "round-order",
                names = order,
                pass = say::cmd("pass")
            )]);
        }
        head.blocks
    }

    /// When the current turn next needs the clock.
    pub(crate) fn due(&self) -> Option<Timestamp> {
        self.turn.as_ref()?.due()
    }

    /// The current speaker, whatever the phase of their turn.
    pub(crate) fn speaker(&self) -> Option<&MemberId> {
        self.turn.as_ref().map(|t| &t.speaker)
    }

    /// Ends the current turn (if any) and gives the floor to the next member still to be called,
    /// their turn starting at `start`. Says nothing: see [`Round::announce`].
    pub(crate) fn call_next(
        &mut self,
        start: Timestamp,
        settings: &Settings,
        queue: &mut Vec<QueueEntry>,
    ) -> Called {
        let warnings = &settings.warnings;
        let start = start.whole_second_up();
        let mut passed = Vec::new();
        loop {
            self.turn = None;
            let next = if self.order == RoundOrder::Queue {
                if queue.is_empty() {
                    None
                } else {
                    let e = queue.remove(0);
                    self.lineup.push(e.member.clone());
                    self.position = self.lineup.len();
                    Some(e.member)
                }
            } else if self.position < self.lineup.len() {
                self.position += 1;
                Some(self.lineup[self.position - 1].clone())
            } else {
                None
            };
            let Some(speaker) = next else {
                return Called {
                    passed,
                    speaker: None,
                };
            };
            if self.skips.contains(&speaker) {
                continue;
            }
            if self.passes.contains(&speaker) {
                passed.push(speaker);
                continue;
            }
            if let Some(b) = self.budget {
                let waiting = self.waiting_with(queue, 1);
                self.share_time = b.each(start, waiting, settings.grace);
            }
            self.turn = Some(Turn::new(speaker.clone(), start, self.share_time, warnings));
            return Called {
                passed,
                speaker: Some(speaker),
            };
        }
    }

    /// Ends the current turn (if any) and calls the next speaker, or ends the round when nobody is
    /// left. `lead` are lines to say before the next speaker is named (one message, fewer posts).
    pub(crate) fn advance(
        &mut self,
        now: Timestamp,
        room: &mut Room,
        out: &mut Out,
        lead: Vec<Block>,
        kind: PostKind,
    ) -> Moved {
        let called = self.call_next(now, room.settings, room.floor.queue);
        self.announce(room, out, lead, called, kind)
    }

    /// Says what [`Round::call_next`] did: the passes, then the new speaker with their time (or
    /// that the round ends), after `lead`.
    pub(crate) fn announce(
        &self,
        room: &Room,
        out: &mut Out,
        mut lead: Vec<Block>,
        called: Called,
        kind: PostKind,
    ) -> Moved {
        let names = room.names;
        out.changed();
        for p in &called.passed {
            lead.push(passed_line(names, p));
        }
        let speaking_until = match self.turn.as_ref().map(|t| &t.phase) {
            Some(TurnPhase::Speaking { ends_at }) => Some(*ends_at),
            _ => None,
        };
        let (Some(speaker), Some(ends_at)) = (called.speaker, speaking_until) else {
            return Moved::Ends(lead);
        };
        let member = names.member(&speaker);
        let line = match self.peek_next(room.floor.queue).speaker {
            Some(up) => say!(
                "round-call-up-next",
                name = say::mention(&member),
                each = say::dur(self.share_time),
                until = say::clock(ends_at),
                relative = say::relative(ends_at),
                next = names.name_of(&up)
            ),
            None => say!(
                "round-call",
                name = say::mention(&member),
                each = say::dur(self.share_time),
                until = say::clock(ends_at),
                relative = say::relative(ends_at)
            ),
        };
        lead.push(Block::Line(vec![line]));
        out.public(kind, Message { blocks: lead });
        Moved::Stays
    }

    /// How many are still to share counting `extra` besides those the round will still call
    /// (not those who passed): the one being called, when they are no longer among those. A
    /// queue round under a budget counts at least those who were to share when it began and
    /// have not yet.
    fn waiting_with(&self, queue: &[QueueEntry], extra: usize) -> usize {
        let called = extra + self.still_to_call(queue).iter().filter(|(_, p)| !p).count();
        match (self.order, self.budget) {
            (RoundOrder::Queue, Some(b)) => called.max(b.pool.saturating_sub(self.shared) as usize),
            _ => called,
        }
    }

    /// Everyone the round will still call after the current turn, in order, each with whether they
    /// said `pass` (they will be passed). Skipped members are left out.
    pub(crate) fn still_to_call(&self, queue: &[QueueEntry]) -> Vec<(MemberId, bool)> {
        let waiting: Vec<&MemberId> = if self.order == RoundOrder::Queue {
            queue.iter().map(|e| &e.member).collect()
        } else {
            self.lineup[self.position..].iter().collect()
        };
        waiting
            .into_iter()
            .filter(|m| !self.skips.contains(*m))
            .map(|m| (m.clone(), self.passes.contains(m)))
            .collect()
    }

    /// Who the round would call next if the turn ended now: the passes on the way, then the next
    /// speaker (`None`: nobody is left).
    pub(crate) fn peek_next(&self, queue: &[QueueEntry]) -> Called {
        let mut passed = Vec::new();
        for (m, passes) in self.still_to_call(queue) {
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

    /// Counts the current turn as shared (done, host `next`, the end of the round) unless "time"
    /// already counted it; returns whose share it was.
    pub(crate) fn count_share(&mut self) -> Option<MemberId> {
        let t = self.turn.as_ref()?;
        if matches!(t.phase, TurnPhase::TimeUp { .. }) {
            return None;
        }
        self.shared += 1;
        Some(t.speaker.clone())
    }

    /// Ends the speaker's turn as shared and moves on.
    pub(crate) fn finish_turn(
        &mut self,
        now: Timestamp,
        room: &mut Room,
        out: &mut Out,
        lead: Vec<Span>,
    ) -> Moved {
        if let Some(speaker) = self.count_share() {
            room.floor.mark_shared(&speaker);
        }
        let lead = if lead.is_empty() {
            vec![]
        } else {
            vec![Block::Line(lead)]
        };
        self.advance(now, room, out, lead, PostKind::Turn)
    }

    /// The round ends: the speaker it interrupts still shared. Posts the summary after `lead`.
    pub(crate) fn end(mut self, floor: &mut Floor, out: &mut Out, mut lead: Vec<Block>) {
        if let Some(speaker) = self.count_share() {
            floor.mark_shared(&speaker);
        }
        out.changed();
        lead.push(Block::Line(vec![say!(
            "round-ended",
            ended = say::strong_say(say!("round-ended-heading")),
            n = self.shared
        )]));
        out.public(PostKind::RoundEnded, Message { blocks: lead });
    }

    /// A member who checks in during a go-around joins it at its end; one who switches to just
    /// listening leaves the part still to come. Queue rounds call raised hands instead.
    pub(crate) fn check_in(&mut self, id: &MemberId, listening: bool) {
        if self.order == RoundOrder::Queue {
            return;
        }
        let already = self.lineup.contains(id);
        if !listening && !already {
            self.lineup.push(id.clone());
        } else if listening && already {
            if let Some(i) = self.lineup[self.position..].iter().position(|m| m == id) {
                self.lineup.remove(self.position + i);
            }
        }
    }

    /// `pass` during a round: the speaker passes at once; a member still to be called is passed
    /// when their turn comes.
    pub(crate) fn pass(
        &mut self,
        now: Timestamp,
        room: &mut Room,
        me: &Member,
        out: &mut Out,
    ) -> Result<Moved, Rejection> {
        if self.speaker() == Some(&me.id) {
            let lead = vec![Block::Line(vec![say!(
                "round-passed",
                name = say::name(me)
            )])];
            return Ok(self.advance(now, room, out, lead, PostKind::Turn));
        }
        let queue = &mut *room.floor.queue;
        let upcoming = self.lineup[self.position..].contains(&me.id);
        let queued = self.order == RoundOrder::Queue && queue::position(queue, &me.id).is_some();
        if self.passes.contains(&me.id) {
            out.private(
                me,
                PostKind::Reply,
                Message::say(say!("round-already-passed")),
            );
            return Ok(Moved::Stays);
        }
        if upcoming || queued {
            if queued {
                queue::lower(queue, &me.id);
            }
            self.passes.insert(me.id.clone());
            out.changed();
            out.private(me, PostKind::Reply, Message::say(say!("round-pass-noted")));
            return Ok(Moved::Stays);
        }
        if self.lineup[..self.position].contains(&me.id) {
            return Err(reject(
                Code::TurnAlreadyTaken,
                vec![say!("round-turn-was-already")],
            ));
        }
        Err(reject(Code::NotInRound, vec![say!("round-not-in-order")]))
    }

    /// A host skips `target`: the speaker's turn ends at once; a member still to be called will
    /// not be.
    pub(crate) fn skip(
        &mut self,
        now: Timestamp,
        room: &mut Room,
        me: &Member,
        target: MemberId,
        out: &mut Out,
    ) -> Result<Moved, Rejection> {
        if Some(&target) == self.speaker() {
            let lead = vec![Block::Line(vec![say!("round-moving-on")])];
            return Ok(self.advance(now, room, out, lead, PostKind::Turn));
        }
        let (queue, names) = (&mut *room.floor.queue, room.names);
        let later = self.lineup[self.position..].contains(&target);
        let queued = self.order == RoundOrder::Queue && queue::position(queue, &target).is_some();
        if !later && !queued {
            return Err(reject(
                Code::NotInRound,
                vec![say!("round-not-waiting", name = names.name_of(&target))],
            ));
        }
        self.skips.insert(target.clone());
        if queued {
            queue::lower(queue, &target);
        }
        out.changed();
        out.reply(
            me,
            Message::say(say!("round-will-skip", name = names.name_of(&target))),
        );
        Ok(Moved::Stays)
    }

    /// Restarts the clock of a paused turn; a turn paused with no time left moves on.
    pub(crate) fn resume(
        &mut self,
        now: Timestamp,
        room: &mut Room,
        out: &mut Out,
    ) -> Result<Moved, Rejection> {
        let Some(turn) = self.turn.as_mut() else {
            return Err(no_round());
        };
        let remaining = turn.paused_with()?;
        if remaining != Millis::ZERO {
            turn.resume(now, remaining, &room.settings.warnings, room.names, out);
            return Ok(Moved::Stays);
        }
        let lead = vec![Block::Line(vec![say!("round-resuming")])];
        Ok(self.advance(now, room, out, lead, PostKind::Turn))
    }

    /// Fires the current turn's due event at `now`: the latest warning due, "time" (which also
    /// calls the next speaker for after the grace), or the advance after the grace.
    pub(crate) fn fire(&mut self, now: Timestamp, room: &mut Room, out: &mut Out) -> Moved {
        let Some(turn) = self.turn.clone() else {
            return Moved::Stays;
        };
        match turn.phase {
            TurnPhase::Speaking { ends_at } if ends_at <= now => {
                self.time(now, ends_at, room, out);
                Moved::Stays
            }
            TurnPhase::Speaking { ends_at } => {
                if let Some(t) = self.turn.as_mut() {
                    t.warn(now, ends_at, room.names, out);
                }
                Moved::Stays
            }
            TurnPhase::TimeUp {
                advance_at: Some(planned),
                announced,
            } => self.advance_after_time(now, planned, announced, room, out),
            // A paused turn and one waiting for the host have no deadline.
            TurnPhase::TimeUp {
                advance_at: None, ..
            }
            | TurnPhase::Paused { .. } => Moved::Stays,
        }
    }

    /// Time is up (maybe late, after downtime): one "time", never stale warnings.
    fn time(&mut self, now: Timestamp, ends_at: Timestamp, room: &mut Room, out: &mut Out) {
        let settings = room.settings;
        let Some(speaker) = self.speaker().cloned() else {
            return;
        };
        // The next turn starts after the grace — or now, if "time" itself comes after the grace
        // (downtime): nobody was told of it yet.
        let advance_at = settings
            .auto_advance
            .then(|| ends_at.plus(settings.grace).max(now).whole_second_up());
        self.shared += 1;
        let queue_moved = room.floor.mark_shared(&speaker);
        let time = say::strong_say(say!("round-time-word"));
        let name = room.names.name_of(&speaker);
        let mut msg = Message::say(if advance_at.is_none() {
            say!("round-time-host-calls", time = time, name = name)
        } else {
            say!("round-time", time = time, name = name)
        });
        // "Time" also says who is next and when, so the advance after the grace needs no post
        // of its own.
        let announced = advance_at.map(|starts_at| {
            let (lines, said) = self.time_announcement(now, starts_at, room);
            msg.blocks.extend(lines);
            said
        });
        if let Some(t) = self.turn.as_mut() {
            t.warnings_left.clear();
            t.phase = TurnPhase::TimeUp {
                advance_at,
                announced,
            };
        }
        // A timed transition: the status view shows the plan with absolute times, so it stays
        // true without an edit (only a raised hand moving for fairness shows).
        out.outcome.state_changed = true;
        out.outcome.status_changed |= queue_moved;
        out.public(PostKind::Time, msg);
    }

    /// The advance after the grace that "time" announced for `planned`.
    fn advance_after_time(
        &mut self,
        now: Timestamp,
        planned: Timestamp,
        announced: Option<Announced>,
        room: &mut Room,
        out: &mut Out,
    ) -> Moved {
        let (settings, names) = (room.settings, room.names);
        let next = self.peek_next(room.floor.queue);
        let as_said = announced.as_ref().is_some_and(|a| {
            next.speaker == a.next && next.passed.iter().all(|p| a.passed.contains(p))
        });
        // Exactly as "time" said: the turn starts when it said (also if the bot was down
        // meanwhile: the speaker knew their times), and the status view already shows it.
        // Nothing to post, nothing to edit.
        if as_said && next.speaker.is_some() {
            let called = self.call_next(planned, settings, room.floor.queue);
            debug_assert_eq!(called, next);
            out.stored();
            return Moved::Stays;
        }
        // Otherwise whoever gets the turn now was not told: they start now.
        let called = self.call_next(now, settings, room.floor.queue);
        match announced.filter(|_| as_said) {
            // "That was the last share", as said: the round ends (once per round), with only
            // what was not said yet.
            Some(a) if called.speaker.is_none() && a.next.is_none() => Moved::Ends(
                called
                    .passed
                    .iter()
                    .filter(|p| !a.passed.contains(p))
                    .map(|p| passed_line(names, p))
                    .collect(),
            ),
            // Something changed during the grace (or nothing was announced): say it.
            _ => self.announce(room, out, vec![], called, PostKind::Turn),
        }
    }

    /// The lines "time" adds when the round moves on by itself at `starts_at`: the passes on the
    /// way, then the next speaker called (pinged) with their turn's start and end — or that this
    /// was the last share. Returns them with what was said.
    fn time_announcement(
        &self,
        now: Timestamp,
        starts_at: Timestamp,
        room: &Room,
    ) -> (Vec<Block>, Announced) {
        let names = room.names;
        let next = self.peek_next(room.floor.queue);
        let mut lines: Vec<Block> = next.passed.iter().map(|p| passed_line(names, p)).collect();
        match &next.speaker {
            Some(id) => {
                let member = names.member(id);
                let share = match self.budget {
                    Some(b) => b.each(
                        starts_at,
                        self.waiting_with(room.floor.queue, 0),
                        room.settings.grace,
                    ),
                    None => self.share_time,
                };
                let ends_at = starts_at.plus(share).whole_second_up();
                // The same words however late "time" came (after downtime the turn starts now).
                lines.push(Block::Line(vec![say!(
                    "round-you-are-next",
                    name = say::mention(&member),
                    from = say::clock(starts_at),
                    to = say::clock(ends_at)
                )]));
            }
            None if self.order == RoundOrder::Queue && starts_at > now => {
                lines.push(Block::Line(vec![say!(
                    "round-last-unless-hand",
                    hand = say::cmd("hand"),
                    before = say::clock(starts_at)
                )]))
            }
            None => lines.push(Block::Line(vec![say!("round-last-share")])),
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

    /// Forgets a member: out of the order, their pass and skip, and what "time" said about them
    /// (the advance after the grace speaks up instead).
    pub(crate) fn forget(&mut self, id: &MemberId) {
        if let Some(i) = self.lineup.iter().position(|m| m == id) {
            self.lineup.remove(i);
            if i < self.position {
                self.position -= 1;
            }
        }
        self.passes.remove(id);
        self.skips.remove(id);
        if let Some(t) = self.turn.as_mut() {
            t.forget(id);
        }
    }

    /// Every member the round mentions.
    pub(crate) fn members_mentioned<'a>(&'a self, found: &mut Vec<&'a MemberId>) {
        found.extend(self.lineup.iter());
        found.extend(self.passes.iter());
        found.extend(self.skips.iter());
        if let Some(t) = &self.turn {
            t.members_mentioned(found);
        }
    }
}
