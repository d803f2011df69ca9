//! A session's walk through its format: which part is under way, a timed part's clock (its one
//! warning and its end), the parts skipped, the plan of the parts to come with their times, and
//! how the agenda and each part's beginning are worded. What beginning a part does to the session
//! (a go-around, the closing) is the walk's (`walk.rs`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::format::{Format, Part, PartKind};
use super::ids::{Member, Millis, Timestamp};
use super::outcome::PostKind;
use super::reply::Out;
use super::text::{say, Block, Message, Span, UserText};
use crate::say;

/// A session's agenda: a copy of the place's format taken when the session opened (an admin's
/// edits reach only the parts not yet begun), and where the meeting is in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub name: UserText,
    pub parts: Vec<Part>,
    /// The part under way; `parts.len()` once the last part is over.
    pub at: usize,
    /// When the part under way began.
    pub began_at: Timestamp,
    /// A timed part's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<Timestamp>,
    /// The warning still to give before a timed part's end, as an offset before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<Millis>,
    /// The part under way has started its go-around.
    #[serde(default)]
    pub round_began: bool,
    /// Parts the chair skipped (by index).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub skipped: BTreeSet<usize>,
    /// When the meeting must end, as a host said (a schedule's end otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<Timestamp>,
}

/// One part on the agenda as shown: its planned times where they can be known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaEntry {
    pub number: usize,
    pub title: UserText,
    pub kind: PartKind,
    pub state: EntryState,
    pub starts_at: Option<Timestamp>,
    pub ends_at: Option<Timestamp>,
    /// The end is an estimate (a text's reading time, a go-around's turns), not a time box.
    pub about: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryState {
    Done,
    Skipped,
    Now,
    ToCome,
}

/// Where a meeting with a format is, for the live status view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaView {
    pub name: UserText,
    pub entries: Vec<AgendaEntry>,
}

impl Agenda {
    /// The agenda of a session opened with `format`, before its first part begins.
    pub(crate) fn new(format: &Format, now: Timestamp) -> Agenda {
        Agenda {
            name: format.name.clone(),
            parts: format.parts.clone(),
            at: 0,
            began_at: now,
            ends_at: None,
            warning: None,
            round_began: false,
            skipped: BTreeSet::new(),
            ends: None,
        }
    }

    /// Takes an admin's change of the place's format for the parts not yet begun, when the
    /// parts begun so far are still the format's first parts; returns whether it did.
    pub(crate) fn follow_format(&mut self, format: &Format) -> bool {
        let begun = (self.at + 1).min(self.parts.len());
        if self.at >= self.parts.len()
            || format.parts.len() < begun
            || format.parts[..begun] != self.parts[..begun]
        {
            return false;
        }
        // A skip stays with its part while the edit left that part where it was.
        self.skipped
            .retain(|i| self.parts.get(*i).is_some() && self.parts.get(*i) == format.parts.get(*i));
        self.parts = format.parts.clone();
        self.name = format.name.clone();
        true
    }

    /// The part under way.
    pub fn current(&self) -> Option<&Part> {
        self.parts.get(self.at)
    }

    /// The first part after `from` that is not skipped.
    pub(crate) fn next_after(&self, from: usize) -> Option<usize> {
        (from + 1..self.parts.len()).find(|i| !self.skipped.contains(i))
    }

    /// The last part before `from` that is not skipped.
    pub(crate) fn previous_before(&self, from: usize) -> Option<usize> {
        (0..from.min(self.parts.len()))
            .rev()
            .find(|i| !self.skipped.contains(i))
    }

    /// When the part under way next needs the clock: its warning, then its end.
    pub(crate) fn due(&self) -> Option<Timestamp> {
        let end = self.ends_at?;
        Some(self.warning.map(|w| end.minus(w)).unwrap_or(end))
    }

    /// Makes part `index` the one under way from `now`, with its clock. `warnings` are the
    /// place's; a timed part gives at most one (the largest that leaves half the part before
    /// it), and a silence none.
    pub(crate) fn begin(&mut self, index: usize, now: Timestamp, warnings: &[Millis]) {
        self.at = index;
        self.began_at = now;
        self.round_began = false;
        self.skipped.remove(&index);
        let part = self.parts.get(index);
        self.ends_at = part
            .filter(|p| p.is_timed())
            .and_then(|p| p.time)
            .map(|d| now.plus(d).whole_second_up());
        self.warning = part
            .filter(|p| p.is_timed() && p.kind != PartKind::Silence)
            .and_then(|p| p.time)
            .and_then(|d| warnings.iter().copied().filter(|w| w.0 * 2 <= d.0).max());
    }

    /// The agenda is over: no part is under way.
    pub(crate) fn finish(&mut self, now: Timestamp) {
        self.at = self.parts.len();
        self.began_at = now;
        self.ends_at = None;
        self.warning = None;
        self.round_began = false;
    }

    /// Gives the part's warning if it is due at `now`: "Discussion: 1 minute left (until 19:45)".
    pub(crate) fn warn(&mut self, now: Timestamp, out: &mut Out) {
        let (Some(end), Some(w)) = (self.ends_at, self.warning) else {
            return;
        };
        if end.minus(w) > now {
            return;
        }
        self.warning = None;
        out.stored();
        // A warning that comes when the part is almost over (after downtime) is stale: drop it.
        if end.since(now) < Millis(w.0 / 2) {
            return;
        }
        let Some(part) = self.current() else {
            return;
        };
        out.public(
            PostKind::Warning,
            Message::say(say!(
                "agenda-part-warning",
                title = say::user(&part.title),
                left = say::dur(w),
                until = say::clock(end)
            )),
        );
    }

    /// The agenda as planned from the part under way: each part's start and end, as far as they
    /// can be known (a part whose length cannot be known leaves the parts after it without
    /// times). `speakers` is how many are checked in to share; `share_time` the place's.
    pub fn view(&self, speakers: usize, share_time: Millis) -> AgendaView {
        let mut entries = Vec::new();
        let mut next_start = None;
        for (i, p) in self.parts.iter().enumerate() {
            let state = if self.skipped.contains(&i) {
                EntryState::Skipped
            } else if i < self.at {
                EntryState::Done
            } else if i == self.at {
                EntryState::Now
            } else {
                EntryState::ToCome
            };
            let (mut starts_at, mut ends_at, mut about) = (None, None, false);
            match state {
                EntryState::Now => {
                    starts_at = Some(self.began_at);
                    ends_at = self.ends_at.or_else(|| {
                        about = true;
                        p.planned(speakers, share_time)
                            .map(|d| self.began_at.plus(d).whole_second_up())
                    });
                    next_start = ends_at;
                }
                EntryState::ToCome => {
                    starts_at = next_start;
                    let planned = p.planned(speakers, share_time);
                    about = !p.is_timed();
                    ends_at = starts_at
                        .zip(planned)
                        .map(|(s, d)| s.plus(d).whole_second_up());
                    next_start = ends_at;
                }
                EntryState::Done | EntryState::Skipped => {}
            }
            entries.push(AgendaEntry {
                number: i + 1,
                title: p.title.clone(),
                kind: p.kind,
                state,
                starts_at,
                ends_at,
                about,
            });
        }
        // With the meeting's end known, the parts at the end are planned back from it.
        if let Some(end) = self.ends {
            let mut cursor = end;
            for e in entries.iter_mut().rev() {
                if e.state == EntryState::Skipped {
                    continue;
                }
                if e.state != EntryState::ToCome || e.starts_at.is_some() {
                    break;
                }
                let part = &self.parts[e.number - 1];
                let Some(d) = part.planned(speakers, share_time) else {
                    break;
                };
                e.ends_at = Some(cursor);
                e.starts_at = Some(cursor.minus(d));
                e.about = !part.is_timed();
                cursor = cursor.minus(d);
            }
        }
        AgendaView {
            name: self.name.clone(),
            entries,
        }
    }

    /// The planned length of the parts after `index` that are not skipped (those whose length
    /// cannot be known count as nothing).
    pub(crate) fn planned_after(&self, index: usize, speakers: usize, share: Millis) -> Millis {
        Millis(
            (index + 1..self.parts.len())
                .filter(|i| !self.skipped.contains(i))
                .filter_map(|i| self.parts[i].planned(speakers, share))
                .map(|d| d.0)
                .sum(),
        )
    }

    /// The words that begin part `index` (title, its time, who reads, its text), after `lead`.
    /// `reader` is the day's servant of the reading's role.
    pub(crate) fn beginning(&self, index: usize, reader: Option<&Member>) -> Vec<Block> {
        let Some(part) = self.parts.get(index) else {
            return vec![];
        };
        let heading = say::strong_say(say!(
            "agenda-part-heading",
            n = index + 1,
            total = self.parts.len()
        ));
        let title = say::user(&part.title);
        let mut head = vec![match (self.ends_at, index == self.at) {
            (Some(end), true) => say!(
                "agenda-part-begins-until",
                heading = heading,
                title = title,
                until = say::clock(end),
                relative = say::relative(end)
            ),
            _ => say!("agenda-part-begins", heading = heading, title = title),
        }];
        if part.kind == PartKind::Reading {
            head.push(say::t(" "));
            head.push(match reader {
                Some(m) => say!("agenda-read-by", reader = say::mention(m)),
                None => say!("agenda-reader-wanted"),
            });
        }
        let about = match part.kind {
            PartKind::Discussion => Some(say!("agenda-discussion")),
            PartKind::Silence if part.text.is_empty() => Some(say!("agenda-silence")),
            PartKind::Break => Some(say!("agenda-break")),
            _ => None,
        };
        if let Some(about) = about {
            head.push(say::t(" "));
            head.push(about);
        }
        let mut blocks = vec![Block::Line(head)];
        blocks.extend(part.text_blocks());
        blocks
    }

    /// The agenda, as `agenda` answers: every part with its planned times.
    pub fn message(view: &AgendaView) -> Message {
        let mut msg = Message::say(say!(
            "agenda-listing",
            heading = say::strong_say(say!("agenda-listing-heading")),
            name = say::user(&view.name)
        ));
        let items = view.entries.iter().map(entry_line).collect();
        msg = msg.then_list(items);
        msg
    }
}

/// One agenda entry in words: `3. 19:04–19:05 Moment of silence (now)`.
pub fn entry_line(e: &AgendaEntry) -> Vec<Span> {
    let title = say::user(&e.title);
    let mut l = vec![match (e.starts_at, e.ends_at) {
        (Some(s), Some(end)) => say!(
            "agenda-entry-timed",
            n = e.number,
            from = say::clock_from(s),
            to = say::clock(end),
            about = e.about,
            title = title
        ),
        (Some(s), None) => say!(
            "agenda-entry-from",
            n = e.number,
            from = say::clock(s),
            title = title
        ),
        _ => say!("agenda-entry", n = e.number, title = title),
    }];
    let state = match e.state {
        EntryState::Now => Some(say::strong_say(say!("agenda-entry-now"))),
        EntryState::Done => Some(say!("agenda-entry-done")),
        EntryState::Skipped => Some(say!("agenda-entry-skipped")),
        EntryState::ToCome => None,
    };
    if let Some(state) = state {
        l.push(say::t(" "));
        l.push(state);
    }
    l
}
