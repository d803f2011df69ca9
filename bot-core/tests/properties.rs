//! Property tests over random command sequences on one place: the fairness and turn-time
//! invariants hold whatever members and hosts do, time passing never ends a turn early, and a
//! turn that starts without a post of its own goes to the member the latest call named.

use bot_core::domain::command::RoundOrder;
use bot_core::domain::place::TurnPhase;
use bot_core::domain::{
    Actor, Command, Input, Member, MemberId, MemberRef, Millis, Place, PostKind, Role, Span,
    Timestamp,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

const MEMBERS: [&str; 5] = ["ana", "ben", "chidi", "dee", "eve"];
const HOST: &str = "robin";

#[derive(Clone, Debug)]
enum Op {
    Member(usize, Command),
    Host(Command),
    /// A member tries a host command.
    MemberTriesHost(usize, Command),
    Advance(i64),
}

fn member_ref(i: usize) -> MemberRef {
    MemberRef(MEMBERS[i].to_string())
}

fn member_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::CheckIn { word: None }),
        Just(Command::CheckInListen),
        Just(Command::Hand),
        Just(Command::Hand),
        Just(Command::HandDown),
        Just(Command::Done),
        Just(Command::Done),
        Just(Command::Pass),
        Just(Command::Status),
        Just(Command::ForgetMe),
    ]
}

fn host_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::Open { name: None }),
        Just(Command::Close),
        (
            10i64..200,
            prop_oneof![
                Just(None),
                Just(Some(RoundOrder::Checkin)),
                Just(Some(RoundOrder::Queue)),
                Just(Some(RoundOrder::Shuffle))
            ]
        )
            .prop_map(|(s, order)| Command::RoundStart {
                share_time: Some(Millis::secs(s)),
                order
            }),
        Just(Command::Next),
        Just(Command::Next),
        prop::option::of(0usize..5).prop_map(|m| Command::Skip {
            member: m.map(member_ref)
        }),
        (1i64..120).prop_map(|s| Command::Extend {
            by: Some(Millis::secs(s))
        }),
        Just(Command::Pause),
        Just(Command::Resume),
        Just(Command::RoundEnd),
        (0usize..5).prop_map(|m| Command::QueueRemove {
            member: member_ref(m)
        }),
        Just(Command::QueueClear),
        Just(Command::QueueClose),
        Just(Command::QueueOpen),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..5, member_command()).prop_map(|(i, c)| Op::Member(i, c)),
        4 => host_command().prop_map(Op::Host),
        1 => (0usize..5, host_command()).prop_map(|(i, c)| Op::MemberTriesHost(i, c)),
        4 => (0i64..200_000).prop_map(Op::Advance),
    ]
}

fn actor(id: &str, role: Role) -> Actor {
    Actor {
        member: Member::new(id, id),
        role,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

struct Sim {
    place: Place,
    now: Timestamp,
    /// The member pinged by the latest post that pinged anyone (the one called last).
    last_called: Option<MemberId>,
}

/// The speaker and turn phase, if a turn is running.
fn turn_of(p: &Place) -> Option<(MemberId, TurnPhase)> {
    let t = p.session.as_ref()?.round.as_ref()?.turn.as_ref()?;
    Some((t.speaker.clone(), t.phase.clone()))
}

fn called_in(posts: &[bot_core::domain::Post]) -> Vec<MemberId> {
    let mut out = vec![];
    for p in posts {
        if matches!(
            p.kind,
            PostKind::Turn | PostKind::RoundStarted | PostKind::Time
        ) {
            for b in &p.message.blocks {
                if let bot_core::domain::Block::Line(spans) = b {
                    for s in spans {
                        if let Span::Mention(id, _) = s {
                            out.push(id.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

impl Sim {
    fn check_invariants(&self) -> Result<(), TestCaseError> {
        if let Some(s) = &self.place.session {
            let ids: Vec<_> = s.queue.iter().map(|e| &e.member).collect();
            let unique: BTreeSet<_> = ids.iter().collect();
            prop_assert_eq!(ids.len(), unique.len(), "nobody is queued twice");
            // Fairness on (default, never changed here) and no manual moves: everyone who has not
            // shared is ahead of everyone who has.
            let first_shared = s
                .queue
                .iter()
                .position(|e| s.shared.contains(&e.member))
                .unwrap_or(s.queue.len());
            prop_assert!(
                s.queue[first_shared..]
                    .iter()
                    .all(|e| s.shared.contains(&e.member)),
                "fairness order"
            );
        }
        if let Some(d) = self.place.next_deadline() {
            prop_assert!(d > self.now, "after handling, nothing is overdue");
        }
        Ok(())
    }

    fn step(&mut self, op: Op) -> Result<(), TestCaseError> {
        match op {
            Op::Advance(ms) => {
                let target = Timestamp(self.now.0 + ms);
                while let Some(d) = self.place.next_deadline() {
                    if d > target {
                        break;
                    }
                    self.now = d;
                    let before = turn_of(&self.place);
                    let pre = self.place.clone();
                    let out = self.place.handle(self.now, Input::Tick).unwrap();
                    self.check_calls(&pre, &out.posts)?;
                    // A turn that starts on a tick without a post calling its speaker ("time"
                    // called them earlier) goes to exactly the member called last: a pass, a
                    // skip or anything else that changed who is next is never hidden.
                    if let Some((speaker, TurnPhase::Speaking { .. })) = turn_of(&self.place) {
                        let new_turn = match &before {
                            Some((b, phase)) => {
                                *b != speaker || matches!(phase, TurnPhase::TimeUp { .. })
                            }
                            None => true,
                        };
                        let called_now = out
                            .posts
                            .iter()
                            .any(|p| p.message.mentions().contains(&speaker));
                        if new_turn && !called_now {
                            prop_assert_eq!(
                                self.last_called.as_ref(),
                                Some(&speaker),
                                "a turn started silently for someone not called"
                            );
                        }
                    }
                    self.note_calls(&out.posts);
                    // Time passing ends a turn only at or after its end time.
                    if let Some((speaker, TurnPhase::Speaking { ends_at })) = before {
                        let after = turn_of(&self.place);
                        let ended = match &after {
                            Some((s, TurnPhase::Speaking { .. })) => *s != speaker,
                            _ => true,
                        };
                        if ended && self.place.session.is_some() {
                            prop_assert!(
                                self.now >= ends_at,
                                "a tick ended a turn early: {:?} < {:?}",
                                self.now,
                                ends_at
                            );
                        }
                    }
                    self.check_invariants()?;
                }
                self.now = target;
                Ok(())
            }
            Op::MemberTriesHost(i, c) => {
                let before = self.place.clone();
                let r = self.place.handle(
                    self.now,
                    Input::Command {
                        actor: actor(MEMBERS[i], Role::Member),
                        command: c,
                    },
                );
                prop_assert!(r.is_err(), "a member used a host command");
                prop_assert_eq!(&before, &self.place, "a refusal changes nothing");
                Ok(())
            }
            Op::Member(i, c) => self.command(actor(MEMBERS[i], Role::Member), c),
            Op::Host(c) => self.command(actor(HOST, Role::Host), c),
        }
    }

    fn note_calls(&mut self, posts: &[bot_core::domain::Post]) {
        for p in posts {
            if let Some(m) = p.message.mentions().last() {
                self.last_called = Some(m.clone());
            }
        }
    }

    fn check_calls(
        &self,
        pre: &Place,
        posts: &[bot_core::domain::Post],
    ) -> Result<(), TestCaseError> {
        // Whoever is called from the queue has not shared, unless every raised hand already has.
        // (Go-arounds call everyone who checked in, in turn: they are not queue calls.)
        let Some(s) = &pre.session else { return Ok(()) };
        let order = |p: &Place| {
            p.session
                .as_ref()
                .and_then(|s| s.round.as_ref())
                .map(|r| r.order)
        };
        let from_queue = match (order(pre), order(&self.place)) {
            (Some(o), _) | (None, Some(o)) => o == RoundOrder::Queue,
            (None, None) => true,
        };
        if !from_queue {
            return Ok(());
        }
        for called in called_in(posts) {
            if s.shared.contains(&called) {
                prop_assert!(
                    s.queue.iter().all(|e| s.shared.contains(&e.member)),
                    "someone shared twice while a raised hand had not shared"
                );
            }
        }
        Ok(())
    }

    fn command(&mut self, who: Actor, c: Command) -> Result<(), TestCaseError> {
        let before = self.place.clone();
        let pre_turn = turn_of(&self.place);
        let kind = c.clone();
        let result = self.place.handle(
            self.now,
            Input::Command {
                actor: who.clone(),
                command: c,
            },
        );
        match result {
            Err(_) => prop_assert_eq!(&before, &self.place, "a refusal changes nothing"),
            Ok(out) => {
                self.check_calls(&before, &out.posts)?;
                self.note_calls(&out.posts);
                // A turn paused after its time was up (remaining zero) is already over.
                let ongoing = |t: &Option<(MemberId, TurnPhase)>| match t {
                    Some((s, TurnPhase::Speaking { .. })) => Some(s.clone()),
                    Some((s, TurnPhase::Paused { remaining })) if remaining.0 > 0 => {
                        Some(s.clone())
                    }
                    _ => None,
                };
                if let Some(speaker) = ongoing(&pre_turn) {
                    if ongoing(&turn_of(&self.place)).as_ref() != Some(&speaker) {
                        let by_speaker = who.member.id == speaker
                            && matches!(kind, Command::Done | Command::Pass | Command::ForgetMe);
                        let by_host = who.role >= Role::Host
                            && matches!(
                                kind,
                                Command::Next
                                    | Command::Skip { .. }
                                    | Command::RoundEnd
                                    | Command::Close
                            );
                        prop_assert!(by_speaker || by_host, "turn ended early by {:?}", kind);
                    }
                }
            }
        }
        self.check_invariants()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn meeting_invariants_hold(ops in prop::collection::vec(op(), 1..120)) {
        let mut sim = Sim { place: Place::new(7), now: Timestamp(1_700_000_000_000), last_called: None };
        // Most sequences are more interesting with a session open.
        sim.step(Op::Host(Command::Open { name: None }))?;
        for op in ops {
            sim.step(op)?;
        }
    }

    #[test]
    fn state_survives_serialisation_at_any_point(ops in prop::collection::vec(op(), 1..60)) {
        let mut sim = Sim { place: Place::new(3), now: Timestamp(1_700_000_000_000), last_called: None };
        sim.step(Op::Host(Command::Open { name: None }))?;
        for op in ops {
            sim.step(op)?;
            let json = serde_json::to_string(&sim.place).unwrap();
            let back: Place = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &sim.place);
        }
    }
}
