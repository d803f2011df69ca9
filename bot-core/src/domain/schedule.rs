//! Recurring meetings of a place: the schedule commands and each occurrence's events (reminder,
//! opening, the end warning, closing), each exactly once and persisted with the place, with late
//! firing inside a grace and silent skipping beyond it. What an event does to the session is the
//! place's to do.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::calendar::{self, When};
use super::format::echoed;
use super::ids::{Member, Millis, Timestamp};
use super::outcome::{Rejection, RejectionCode as Code};
use super::reply::{reject, Out, Res};
use super::request::NewSchedule;
use super::settings::Bounded;
use super::text::{say, Message, Span};
use crate::say;

/// How long before the end the "5 minutes left" warning comes.
pub const END_WARNING: Millis = Millis(5 * 60 * 1000);
/// Default length of a scheduled meeting.
pub const DEFAULT_DURATION: Millis = Millis(60 * 60 * 1000);
/// Default reminder offset.
pub const DEFAULT_REMIND: Millis = Millis(15 * 60 * 1000);
/// Most schedules a place may have.
pub const MAX_SCHEDULES: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub name: String,
    pub when: When,
    pub zone: String,
    pub duration: Millis,
    pub remind_before: Millis,
    /// The current or next occurrence; `None` when the expression has no future start.
    pub next: Option<Occurrence>,
}

/// One occurrence and which of its events are done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub start: Timestamp,
    pub reminded: bool,
    pub open_done: bool,
    /// The opening happened (it may instead have been missed during downtime).
    pub opened: bool,
    pub warned: bool,
    pub closed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleEvent {
    Remind,
    Open,
    Warn,
    Close,
}

impl Schedule {
    fn occurrence(&self, start: Timestamp, now: Timestamp) -> Occurrence {
        Occurrence {
            start,
            // A reminder whose time has already passed when the occurrence is planned is not owed.
            reminded: self.remind_before == Millis::ZERO || start.minus(self.remind_before) < now,
            open_done: false,
            opened: false,
            warned: false,
            closed: false,
        }
    }

    /// The next event still to happen in the current occurrence.
    pub fn pending(&self) -> Option<(Timestamp, ScheduleEvent)> {
        let o = self.next.as_ref()?;
        let end = o.start.plus(self.duration);
        if !o.reminded {
            Some((o.start.minus(self.remind_before), ScheduleEvent::Remind))
        } else if !o.open_done {
            Some((o.start, ScheduleEvent::Open))
        } else if o.opened && !o.warned && self.duration > END_WARNING {
            Some((end.minus(END_WARNING), ScheduleEvent::Warn))
        } else if o.opened && !o.closed {
            Some((end, ScheduleEvent::Close))
        } else {
            None
        }
    }

    /// Plans the occurrence after the finished one. After a long downtime it jumps straight to
    /// the first occurrence that is not entirely over.
    pub(crate) fn roll(&mut self, now: Timestamp, grace: Millis) {
        let Some(done) = &self.next else { return };
        let after = done.start.max(now.minus(Millis(self.duration.0 + grace.0)));
        self.next = calendar::next_start(&self.when.cron, &self.zone, after)
            .map(|s| self.occurrence(s, now));
    }
}

/// The schedules of a place, by lower-case name.
pub type Schedules = BTreeMap<String, Schedule>;

pub(crate) fn key(name: &str) -> String {
    name.to_lowercase()
}

/// `schedule add`: `default_zone` is the place's.
pub(crate) fn add(
    schedules: &mut Schedules,
    now: Timestamp,
    me: &Member,
    default_zone: &str,
    new: NewSchedule,
) -> Res {
    let NewSchedule {
        name,
        when,
        zone,
        duration,
        remind_before,
    } = new;
    let key = key(&name);
    if schedules.contains_key(&key) {
        return Err(reject(
            Code::InvalidSetting,
            vec![say!(
                "schedule-exists",
                name = say::t(name.clone()),
                remove = say::cmd(format!("schedule remove {name}"))
            )],
        ));
    }
    if schedules.len() >= MAX_SCHEDULES {
        return Err(reject(
            Code::InvalidSetting,
            vec![say!("schedule-too-many", max = MAX_SCHEDULES)],
        ));
    }
    let duration = Bounded::MeetingLength.check(duration.unwrap_or(DEFAULT_DURATION))?;
    let remind_before = remind_before.unwrap_or(DEFAULT_REMIND);
    let zone = zone.unwrap_or_else(|| default_zone.to_string());
    let mut schedule = Schedule {
        name: name.clone(),
        when,
        zone,
        duration,
        remind_before,
        next: None,
    };
    schedule.next = calendar::next_start(&schedule.when.cron, &schedule.zone, now)
        .map(|s| schedule.occurrence(s, now));
    let mut msg = Message::say(say!(
        "schedule-added",
        name = say::strong(name.clone()),
        when = say::t(schedule.when.text.clone()),
        zone = say::t(schedule.zone.clone()),
        length = say::dur(duration),
        reminder = remind_before > Millis::ZERO,
        before = say::dur(remind_before)
    ));
    if let Some(o) = &schedule.next {
        msg = msg.then_line(vec![say!(
            "schedule-added-next",
            at = say::zoned(o.start, &schedule.zone)
        )]);
    }
    schedules.insert(key, schedule);
    Out::saved(me, msg)
}

/// `schedule remove`: the schedule removed.
pub(crate) fn remove(schedules: &mut Schedules, name: &str) -> Result<Schedule, Rejection> {
    schedules
        .remove(&key(name))
        .ok_or_else(|| unknown_schedule(schedules, name))
}

/// What `schedule remove` says.
pub(crate) fn removed_message(s: &Schedule) -> Message {
    Message::say(say!("schedule-removed", name = say::strong(s.name.clone())))
}

/// "There is no schedule called “name”." with the schedules there are; the name typed is echoed
/// as member text.
fn unknown_schedule(schedules: &Schedules, name: &str) -> Rejection {
    let known: Vec<&str> = schedules.values().map(|s| s.name.as_str()).collect();
    reject(
        Code::InvalidSetting,
        vec![say!(
            "schedule-unknown",
            name = echoed(name),
            known = say::t(known.join(", ")),
            any = !known.is_empty()
        )],
    )
}

/// `schedule list`.
pub(crate) fn list_message(schedules: &Schedules) -> Message {
    if schedules.is_empty() {
        return Message::say(say!("schedule-none", add = say::cmd("schedule add")));
    }
    Message::say(say!("schedule-list-heading")).then_list(
        schedules
            .values()
            .map(|s| {
                let next = match &s.next {
                    Some(o) => say!("schedule-list-next", at = say::zoned(o.start, &s.zone)),
                    None => say!("schedule-list-no-date"),
                };
                vec![say!(
                    "schedule-list-item",
                    name = say::strong(s.name.clone()),
                    when = say::t(s.when.text.clone()),
                    zone = say::t(s.zone.clone()),
                    length = say::dur(s.duration),
                    reminder = s.remind_before > Millis::ZERO,
                    before = say::dur(s.remind_before),
                    next = next
                )]
            })
            .collect(),
    )
}

/// `schedule next`: the next meeting still to open, with who serves (`serving`, when anyone
/// does).
pub(crate) fn next_message(schedules: &Schedules, serving: Vec<Span>) -> Message {
    let next = schedules
        .values()
        .filter_map(|s| {
            s.next
                .as_ref()
                .filter(|o| !o.open_done)
                .map(|o| (o.start, s))
        })
        .min_by_key(|(t, _)| *t);
    match next {
        Some((start, s)) => Message::say(say!(
            "schedule-next",
            name = say::strong(s.name.clone()),
            at = say::zoned(start, &s.zone),
            from_now = say::relative(start),
            serves = !serving.is_empty(),
            serving = serving
        )),
        None => Message::say(say!("schedule-next-none", add = say::cmd("schedule add"))),
    }
}

/// The earliest pending schedule event.
pub(crate) fn due(schedules: &Schedules) -> Option<(Timestamp, String, ScheduleEvent)> {
    schedules
        .iter()
        .filter_map(|(k, s)| s.pending().map(|(t, e)| (t, k.clone(), e)))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
}

impl Schedule {
    /// The reminder before an occurrence starting at `start`, naming who serves (`serving`).
    pub(crate) fn reminder(&self, start: Timestamp, serving: Vec<Span>) -> Message {
        Message::say(say!(
            "schedule-reminder",
            reminder = say::strong_say(say!("schedule-reminder-heading")),
            name = say::strong(self.name.clone()),
            at = say::zoned(start, &self.zone),
            from_now = say::relative(start),
            serves = !serving.is_empty(),
            serving = serving
        ))
    }

    /// The warning before the current occurrence's end (`now` if it has none).
    pub(crate) fn end_warning(&self, now: Timestamp) -> Message {
        let end = self
            .next
            .as_ref()
            .map(|o| o.start.plus(self.duration))
            .unwrap_or(now);
        Message::say(say!(
            "schedule-end-warning",
            left = say::dur(END_WARNING),
            end = say::clock(end)
        ))
    }
}
