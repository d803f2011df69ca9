//! One speaker's turn in a share round and its clock: speaking until a deadline, paused, or time
//! up; its warnings; and extend, pause, resume, and moving with a call that went out late.

use serde::{Deserialize, Serialize};

use super::ids::{MemberId, Millis, Timestamp};
use super::outcome::{PostKind, Rejection, RejectionCode as Code};
use super::reply::{reject, Names, Out};
use super::text::{say, Message};
use crate::say;

/// How late a speaker's call may reach the room before their turn moves with it.
pub const CALL_TOLERANCE: Millis = Millis(1_000);

/// The shortest `extend`.
const MIN_EXTEND: Millis = Millis(1_000);

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
    /// How far the turn moved because its call went out late (`Input::CallGoingOut`): the
    /// call as committed states times this much earlier.
    #[serde(default, skip_serializing_if = "Millis::is_zero")]
    pub moved: Millis,
}

/// Warnings a turn of `length` gives.
pub(crate) fn warnings_within(warnings: &[Millis], length: Millis) -> Vec<Millis> {
    warnings.iter().copied().filter(|w| *w < length).collect()
}

impl Turn {
    /// A turn of `share` for `speaker` from `start` (a whole second).
    pub(crate) fn new(
        speaker: MemberId,
        start: Timestamp,
        share: Millis,
        warnings: &[Millis],
    ) -> Turn {
        Turn {
            speaker,
            started_at: start,
            phase: TurnPhase::Speaking {
                ends_at: start.plus(share).whole_second_up(),
            },
            warnings_left: warnings_within(warnings, share),
            moved: Millis::ZERO,
        }
    }

    /// When the turn next needs the clock: its next warning, its end, or the advance after
    /// "time". A paused turn waits for a host.
    pub(crate) fn due(&self) -> Option<Timestamp> {
        match self.phase {
            TurnPhase::Speaking { ends_at } => Some(
                self.warnings_left
                    .first()
                    .map(|w| ends_at.minus(*w))
                    .unwrap_or(ends_at),
            ),
            TurnPhase::TimeUp { advance_at, .. } => advance_at,
            TurnPhase::Paused { .. } => None,
        }
    }

    /// Checks an `extend` amount before anything else is looked at.
    pub(crate) fn check_extend(by: Millis) -> Result<Millis, Rejection> {
        if by < MIN_EXTEND {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!(
                    "turn-extend-too-short",
                    example = say::cmd("extend 1m")
                )],
            ));
        }
        Ok(by)
    }

    /// Gives the speaker `by` more (a paused turn keeps its clock stopped).
    pub(crate) fn extend(
        &mut self,
        now: Timestamp,
        by: Millis,
        warnings: &[Millis],
        names: Names,
        out: &mut Out,
    ) {
        let ends_at = match self.phase {
            TurnPhase::Speaking { ends_at } => ends_at.plus(by).whole_second_up(),
            TurnPhase::TimeUp { .. } => now.plus(by).whole_second_up(),
            TurnPhase::Paused { remaining } => {
                let remaining = Millis(remaining.0 + by.0);
                self.phase = TurnPhase::Paused { remaining };
                self.warnings_left = warnings_within(warnings, remaining);
                out.changed();
                out.public(
                    PostKind::Notice,
                    Message::say(say!(
                        "turn-extended-paused",
                        name = names.name_of(&self.speaker),
                        more = say::dur(by)
                    )),
                );
                return;
            }
        };
        self.phase = TurnPhase::Speaking { ends_at };
        self.warnings_left = warnings
            .iter()
            .copied()
            .filter(|w| ends_at.minus(*w) > now)
            .collect();
        out.changed();
        out.public(
            PostKind::Notice,
            Message::say(say!(
                "turn-extended",
                name = names.name_of(&self.speaker),
                more = say::dur(by),
                until = say::clock(ends_at),
                relative = say::relative(ends_at)
            )),
        );
    }

    /// Stops the clock.
    pub(crate) fn pause(&mut self, now: Timestamp, out: &mut Out) -> Result<(), Rejection> {
        let remaining = match self.phase {
            TurnPhase::Speaking { ends_at } => ends_at.since(now),
            TurnPhase::TimeUp { .. } => Millis::ZERO,
            TurnPhase::Paused { .. } => {
                return Err(reject(
                    Code::AlreadyPaused,
                    vec![say!("turn-already-paused", resume = say::cmd("resume"))],
                ))
            }
        };
        self.phase = TurnPhase::Paused { remaining };
        out.changed();
        out.public(
            PostKind::Notice,
            Message::say(say!(
                "turn-paused",
                paused = say::strong_say(say!("turn-paused-word"))
            )),
        );
        Ok(())
    }

    /// How much time a paused turn has left (refused when it is not paused).
    pub(crate) fn paused_with(&self) -> Result<Millis, Rejection> {
        let TurnPhase::Paused { remaining } = self.phase else {
            return Err(reject(Code::NotPaused, vec![say!("turn-not-paused")]));
        };
        Ok(remaining)
    }

    /// Restarts the clock with `remaining` left (more than nothing).
    pub(crate) fn resume(
        &mut self,
        now: Timestamp,
        remaining: Millis,
        warnings: &[Millis],
        names: Names,
        out: &mut Out,
    ) {
        let ends_at = now.plus(remaining).whole_second_up();
        self.phase = TurnPhase::Speaking { ends_at };
        self.warnings_left = warnings_within(warnings, remaining);
        out.changed();
        out.public(
            PostKind::Notice,
            Message::say(say!(
                "turn-resumed",
                name = names.name_of(&self.speaker),
                left = say::dur(remaining),
                until = say::clock(ends_at)
            )),
        );
    }

    /// While the speaker has the floor: the turn's start and end, and how far it moved since the
    /// call was made (see `Input::CallGoingOut`).
    pub(crate) fn call(&self) -> Option<(Timestamp, Timestamp, Millis)> {
        match self.phase {
            TurnPhase::Speaking { ends_at } => Some((self.started_at, ends_at, self.moved)),
            _ => None,
        }
    }

    /// The call of the speaker goes out at `now`. Only a turn nothing has happened in yet moves
    /// (no warning given, not extended), on whole seconds, by the whole delay: the speaker keeps
    /// their time. Says whether it moved.
    pub(crate) fn call_going_out(
        &mut self,
        now: Timestamp,
        share: Millis,
        warnings: &[Millis],
    ) -> bool {
        let TurnPhase::Speaking { ends_at } = self.phase else {
            return false;
        };
        let untouched = self.warnings_left.len() == warnings_within(warnings, share).len()
            && ends_at == self.started_at.plus(share).whole_second_up();
        if !untouched || now <= self.started_at.plus(CALL_TOLERANCE) {
            return false;
        }
        let start = now.whole_second_up();
        let delay = start.since(self.started_at);
        self.started_at = start;
        self.moved = Millis(self.moved.0 + delay.0);
        self.phase = TurnPhase::Speaking {
            ends_at: ends_at.plus(delay),
        };
        true
    }

    /// Gives only the latest of the warnings that are due at `now` (the others are stale).
    pub(crate) fn warn(&mut self, now: Timestamp, ends_at: Timestamp, names: Names, out: &mut Out) {
        let mut given = None;
        while let Some(w) = self.warnings_left.first().copied() {
            if ends_at.minus(w) <= now {
                self.warnings_left.remove(0);
                given = Some(w);
            } else {
                break;
            }
        }
        if let Some(w) = given {
            out.stored();
            out.public(
                PostKind::Warning,
                Message::say(say!(
                    "turn-warning",
                    name = names.name_of(&self.speaker),
                    left = say::dur(w),
                    until = say::clock(ends_at)
                )),
            );
        }
    }

    /// What "time" said about a member is void once they are forgotten: the advance after the
    /// grace speaks up instead.
    pub(crate) fn forget(&mut self, id: &MemberId) {
        if let TurnPhase::TimeUp { announced, .. } = &mut self.phase {
            if announced
                .as_ref()
                .is_some_and(|a| a.next.as_ref() == Some(id) || a.passed.contains(id))
            {
                *announced = None;
            }
        }
    }

    /// Every member the turn mentions.
    pub(crate) fn members_mentioned<'a>(&'a self, found: &mut Vec<&'a MemberId>) {
        found.push(&self.speaker);
        if let TurnPhase::TimeUp {
            announced: Some(a), ..
        } = &self.phase
        {
            found.extend(a.next.iter());
            found.extend(a.passed.iter());
        }
    }
}
