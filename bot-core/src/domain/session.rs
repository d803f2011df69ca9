//! An open session: who is here, check-ins and the roll, the raised hands with their commands,
//! and the share round it runs (starting and ending it, and the commands that move it on).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::agenda::Agenda;
use super::ids::{Member, MemberId, Millis, Timestamp};
use super::outcome::{PostKind, Rejection, RejectionCode as Code};
use super::queue::{self, Floor, QueueEntry};
use super::reply::{no_round, reject, Names, Out, Res};
use super::request::RoundOrder;
use super::round::{Moved, Room, Round};
use super::settings::{Bounded, Settings};
use super::text::{say, Block, DisplayName, Message, Span, UserText};
use super::turn::Turn;
use crate::say;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub member: MemberId,
    pub word: Option<UserText>,
    pub listening: bool,
    pub at: Timestamp,
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
    /// Where the meeting is in its format, when the place has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Box<Agenda>>,
}

impl Session {
    /// A session opened at `now`, with its welcome message.
    pub(crate) fn open(now: Timestamp, name: Option<UserText>) -> (Session, Message) {
        let open = say::strong_say(say!("session-open-welcome"));
        let first = match &name {
            Some(n) => say!("session-opened-named", welcome = open, name = say::user(n)),
            None => say!("session-opened", welcome = open),
        };
        let welcome = Message::say(first).then_line(vec![say!(
            "session-open-how",
            checkin = say::cmd("checkin"),
            listen = say::cmd("checkin listen"),
            hand = say::cmd("hand")
        )]);
        let session = Session {
            name,
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
            agenda: None,
        };
        (session, welcome)
    }

    pub(crate) fn names(&self) -> Names<'_> {
        Names(&self.members)
    }

    pub(crate) fn member(&self, id: &MemberId) -> Member {
        self.names().member(id)
    }

    fn name_of(&self, id: &MemberId) -> Span {
        self.names().name_of(id)
    }

    /// The raised hands with who has shared.
    pub(crate) fn floor(&mut self, fairness: bool) -> Floor<'_> {
        Floor {
            queue: &mut self.queue,
            shared: &mut self.shared,
            fairness,
        }
    }

    /// The running round and what it works with, borrowed apart, so the round can move on while
    /// it calls from the queue and names people.
    pub(crate) fn room<'a>(
        &'a mut self,
        settings: &'a Settings,
    ) -> (Option<&'a mut Round>, Room<'a>) {
        let room = Room {
            settings,
            floor: Floor {
                queue: &mut self.queue,
                shared: &mut self.shared,
                fairness: settings.fairness,
            },
            names: Names(&self.members),
        };
        (self.round.as_mut(), room)
    }

    /// Ends the round when moving it on left nobody to call.
    pub(crate) fn settle(&mut self, fairness: bool, out: &mut Out, moved: Moved) {
        if let Moved::Ends(lead) = moved {
            self.end_round(fairness, out, lead);
        }
    }

    /// Ends the running round (if any), saying `lead` before its summary.
    pub(crate) fn end_round(&mut self, fairness: bool, out: &mut Out, lead: Vec<Block>) {
        let Some(round) = self.round.take() else {
            return;
        };
        round.end(&mut self.floor(fairness), out, lead);
    }

    // ----- check-ins

    pub(crate) fn check_in(
        &mut self,
        now: Timestamp,
        me: &Member,
        word: Option<UserText>,
        listening: bool,
    ) -> Res {
        let again = self.checkins.iter().any(|c| c.member == me.id);
        self.checkins.retain(|c| c.member != me.id);
        self.checkins.push(CheckIn {
            member: me.id.clone(),
            word,
            listening,
            at: now,
        });
        // A late arrival joins a running go-around at its end (listeners are never called).
        if let Some(r) = self.round.as_mut() {
            r.check_in(&me.id, listening);
        }
        let mut out = Out::new();
        out.changed();
        let line = if again {
            say!(
                "session-checked-in-again",
                name = say::name(me),
                listening = listening
            )
        } else {
            say!(
                "session-checked-in",
                name = say::name(me),
                listening = listening
            )
        };
        // The word itself is never in a post: posts stay in the platform's history (a Matrix
        // edit keeps the text it replaced), while the word must be gone when the session closes.
        // Members see it in the live status view, which is rewritten at the close.
        out.public(PostKind::CheckIn, Message::say(line));
        out.done()
    }

    pub(crate) fn roll(&self, me: &Member) -> Res {
        if self.checkins.is_empty() {
            return Out::replying(
                me,
                Message::say(say!("session-roll-empty", checkin = say::cmd("checkin"))),
            );
        }
        let items = self
            .checkins
            .iter()
            .map(|c| {
                if c.listening {
                    vec![say!(
                        "session-roll-listening",
                        name = self.name_of(&c.member)
                    )]
                } else {
                    vec![self.name_of(&c.member)]
                }
            })
            .collect();
        Out::replying(
            me,
            Message::say(say!("session-roll", n = self.checkins.len())).then_list(items),
        )
    }

    // ----- raised hands

    pub(crate) fn hand(&mut self, now: Timestamp, me: &Member, fairness: bool) -> Res {
        if let Some(p) = queue::position(&self.queue, &me.id) {
            return Err(reject(
                Code::AlreadyQueued,
                vec![say!(
                    "queue-hand-already-up",
                    place = say!("ordinal", n = p + 1)
                )],
            ));
        }
        if self.queue_closed {
            return Err(reject(
                Code::QueueClosed,
                vec![say!("queue-closed-by-host")],
            ));
        }
        let idx = self.floor(fairness).raise(QueueEntry {
            member: me.id.clone(),
            raised_at: now,
        });
        let mut out = Out::new();
        out.changed();
        out.ack(
            me,
            Message::say(say!("queue-hand-up", place = say!("ordinal", n = idx + 1))),
        );
        out.done()
    }

    pub(crate) fn hand_down(&mut self, me: &Member) -> Res {
        if !queue::lower(&mut self.queue, &me.id) {
            return Err(reject(Code::NotQueued, vec![say!("queue-hand-not-up")]));
        }
        let mut out = Out::new();
        out.changed();
        out.ack(me, Message::say(say!("queue-hand-down")));
        out.done()
    }

    pub(crate) fn queue_listing(&self, now: Timestamp, me: &Member) -> Res {
        let closed = self.queue_closed;
        let msg = if self.queue.is_empty() {
            Message::say(say!("queue-empty", closed = closed))
        } else {
            Message::say(say!("queue-heading", n = self.queue.len(), closed = closed)).then_list(
                self.queue
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        vec![say!(
                            "queue-entry",
                            n = i + 1,
                            name = self.name_of(&e.member),
                            duration = say::dur(Millis((now.since(e.raised_at).0 / 1000) * 1000))
                        )]
                    })
                    .collect(),
            )
        };
        Out::replying(me, msg)
    }

    fn not_queued(&self, id: &MemberId) -> Rejection {
        reject(
            Code::NotQueued,
            vec![say!("queue-no-hand-up", name = self.name_of(id))],
        )
    }

    pub(crate) fn queue_remove(&mut self, me: &Member, id: &MemberId) -> Res {
        if !queue::lower(&mut self.queue, id) {
            return Err(self.not_queued(id));
        }
        let mut out = Out::new();
        out.changed();
        out.reply(
            me,
            Message::say(say!("queue-lowered", name = self.name_of(id))),
        );
        out.done()
    }

    pub(crate) fn queue_move(&mut self, me: &Member, id: &MemberId, position: u32) -> Res {
        let Some(idx) = queue::position(&self.queue, id) else {
            return Err(self.not_queued(id));
        };
        let entry = self.queue.remove(idx);
        let to = (position as usize - 1).min(self.queue.len());
        self.queue.insert(to, entry);
        let mut out = Out::new();
        out.changed();
        out.reply(
            me,
            Message::say(say!(
                "queue-moved",
                name = self.name_of(id),
                place = say!("ordinal", n = to + 1)
            )),
        );
        out.done()
    }

    pub(crate) fn queue_clear(&mut self) -> Res {
        self.queue.clear();
        let mut out = Out::new();
        out.changed();
        out.public(PostKind::Notice, Message::say(say!("queue-cleared")));
        out.done()
    }

    pub(crate) fn queue_open(&mut self, me: &Member, open: bool) -> Res {
        let close = !open;
        if self.queue_closed == close {
            return Out::replying(
                me,
                Message::say(if close {
                    say!("queue-already-closed")
                } else {
                    say!("queue-already-open")
                }),
            );
        }
        self.queue_closed = close;
        let mut out = Out::new();
        out.changed();
        out.public(
            PostKind::Notice,
            if close {
                Message::say(say!("queue-now-closed"))
            } else {
                Message::say(say!("queue-now-open", hand = say::cmd("hand")))
            },
        );
        out.done()
    }

    // ----- the share round

    /// Starts a round and calls its first speaker. `seed` and `rotation` (rounds started before)
    /// vary its order.
    pub(crate) fn round_start(
        &mut self,
        now: Timestamp,
        settings: &Settings,
        share_time: Option<Millis>,
        order: Option<RoundOrder>,
        (seed, rotation): (u64, u64),
    ) -> Res {
        let share_time = Bounded::ShareTime
            .check_suggesting(share_time.unwrap_or(settings.share_time), "round start 3m")?;
        if self.round.is_some() {
            return Err(reject(
                Code::RoundRunning,
                vec![say!("round-already-running", end = say::cmd("round end"))],
            ));
        }
        let speakers = self
            .checkins
            .iter()
            .filter(|c| !c.listening)
            .map(|c| c.member.clone())
            .collect();
        let order = order.unwrap_or(RoundOrder::Checkin);
        let hands_up = !self.queue.is_empty();
        let round = Round::plan(order, share_time, speakers, hands_up, seed, rotation)?;
        let mut out = Out::new();
        out.changed();
        self.round = Some(round);
        let (Some(round), mut room) = self.room(settings) else {
            return out.done();
        };
        let head = round.opening(room.names, settings.crosstalk, say!("round-share-round"));
        let moved = round.advance(now, &mut room, &mut out, head, PostKind::RoundStarted);
        self.settle(settings.fairness, &mut out, moved);
        out.done()
    }

    pub(crate) fn round_end(&mut self, fairness: bool) -> Res {
        if self.round.is_none() {
            return Err(no_round());
        }
        let mut out = Out::new();
        self.end_round(fairness, &mut out, vec![]);
        out.done()
    }

    pub(crate) fn done(&mut self, now: Timestamp, settings: &Settings, me: &Member) -> Res {
        let (round, mut room) = self.room(settings);
        let Some(round) = round else {
            return Err(no_round());
        };
        let Some(speaker) = round.speaker().cloned() else {
            return Err(no_round());
        };
        if speaker != me.id {
            return Err(reject(
                Code::NotYourTurn,
                vec![say!(
                    "round-not-your-turn",
                    name = room.names.name_of(&speaker),
                    done = say::cmd("done")
                )],
            ));
        }
        let mut out = Out::new();
        let lead = vec![say!("round-thank-you", name = say::name(me))];
        let moved = round.finish_turn(now, &mut room, &mut out, lead);
        self.settle(settings.fairness, &mut out, moved);
        out.done()
    }

    pub(crate) fn pass(&mut self, now: Timestamp, settings: &Settings, me: &Member) -> Res {
        let mut out = Out::new();
        let (round, mut room) = self.room(settings);
        let Some(round) = round else {
            // Outside a round, passing means "not now": lower a raised hand.
            if !queue::lower(room.floor.queue, &me.id) {
                return Err(no_round());
            }
            out.changed();
            out.ack(me, Message::say(say!("queue-hand-down-okay")));
            return out.done();
        };
        let moved = round.pass(now, &mut room, me, &mut out)?;
        self.settle(settings.fairness, &mut out, moved);
        out.done()
    }

    pub(crate) fn next(&mut self, now: Timestamp, settings: &Settings) -> Res {
        let mut out = Out::new();
        let (round, mut room) = self.room(settings);
        if let Some(round) = round {
            let moved = round.finish_turn(now, &mut room, &mut out, vec![]);
            self.settle(settings.fairness, &mut out, moved);
            return out.done();
        }
        // Outside a round: call the first raised hand (untimed).
        let Room {
            mut floor, names, ..
        } = room;
        if floor.queue.is_empty() {
            return Err(reject(
                Code::NobodyToCall,
                vec![say!(
                    "queue-nobody-to-call",
                    start = say::cmd("round start")
                )],
            ));
        }
        let e = floor.queue.remove(0);
        floor.mark_shared(&e.member);
        out.changed();
        out.public(
            PostKind::Turn,
            Message::say(say!(
                "queue-floor",
                name = say::mention(&names.member(&e.member))
            )),
        );
        out.done()
    }

    /// A host skips `target` (`None`: the speaker).
    pub(crate) fn skip(
        &mut self,
        now: Timestamp,
        settings: &Settings,
        me: &Member,
        target: Option<MemberId>,
    ) -> Res {
        let (round, mut room) = self.room(settings);
        let Some(round) = round else {
            return Err(no_round());
        };
        let Some(target) = target.or_else(|| round.speaker().cloned()) else {
            return Err(no_round());
        };
        let mut out = Out::new();
        let moved = round.skip(now, &mut room, me, target, &mut out)?;
        self.settle(settings.fairness, &mut out, moved);
        out.done()
    }

    pub(crate) fn extend(&mut self, now: Timestamp, settings: &Settings, by: Millis) -> Res {
        let by = Turn::check_extend(by)?;
        let names = Names(&self.members);
        let Some(turn) = self.round.as_mut().and_then(|r| r.turn.as_mut()) else {
            return Err(no_round());
        };
        let mut out = Out::new();
        turn.extend(now, by, &settings.warnings, names, &mut out);
        out.done()
    }

    pub(crate) fn pause(&mut self, now: Timestamp) -> Res {
        let Some(turn) = self.round.as_mut().and_then(|r| r.turn.as_mut()) else {
            return Err(no_round());
        };
        let mut out = Out::new();
        turn.pause(now, &mut out)?;
        out.done()
    }

    pub(crate) fn resume(&mut self, now: Timestamp, settings: &Settings) -> Res {
        let (round, mut room) = self.room(settings);
        let Some(round) = round else {
            return Err(no_round());
        };
        let mut out = Out::new();
        let moved = round.resume(now, &mut room, &mut out)?;
        self.settle(settings.fairness, &mut out, moved);
        out.done()
    }

    /// Fires the running round's due event (see [`Round::fire`]).
    pub(crate) fn fire_turn(&mut self, now: Timestamp, settings: &Settings, out: &mut Out) {
        let (round, mut room) = self.room(settings);
        let Some(round) = round else {
            return;
        };
        let moved = round.fire(now, &mut room, out);
        self.settle(settings.fairness, out, moved);
    }

    /// The speaker is gone: the round moves on without naming them.
    pub(crate) fn move_on(&mut self, now: Timestamp, settings: &Settings, out: &mut Out) {
        let (round, mut room) = self.room(settings);
        let Some(round) = round else {
            return;
        };
        let lead = vec![Block::Line(vec![say!("round-moving-on")])];
        let moved = round.advance(now, &mut room, out, lead, PostKind::Turn);
        self.settle(settings.fairness, out, moved);
    }
}
