//! Recurring meetings of a place: the schedule commands and each occurrence's events (reminder,
//! opening with today's service roles, the end warning, closing), each exactly once and persisted
//! with the place, with late firing inside a grace and silent skipping beyond it.

use serde::{Deserialize, Serialize};

use super::calendar::{self, When};
use super::command::NewSchedule;
use super::ids::{Member, Millis, Timestamp};
use super::outcome::{Audience, PostKind, RejectionCode as Code};
use super::place::{reject, unknown_named, Out, Place, Res};
use super::text::{say, Message, Span, UserText};

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
    fn roll(&mut self, now: Timestamp, grace: Millis) {
        let Some(done) = &self.next else { return };
        let after = done.start.max(now.minus(Millis(self.duration.0 + grace.0)));
        self.next = calendar::next_start(&self.when.cron, &self.zone, after)
            .map(|s| self.occurrence(s, now));
    }
}

impl Place {
    fn schedule_key(name: &str) -> String {
        name.to_lowercase()
    }

    pub(crate) fn schedule_add(&mut self, now: Timestamp, me: &Member, new: NewSchedule) -> Res {
        let NewSchedule {
            name,
            when,
            zone,
            duration,
            remind_before,
        } = new;
        let key = Self::schedule_key(&name);
        if self.schedules.contains_key(&key) {
            return Err(reject(
                Code::InvalidSetting,
                vec![
                    say::t(format!(
                        "There is already a schedule called `{name}`. Remove it first with "
                    )),
                    say::cmd(format!("schedule remove {name}")),
                    say::t("."),
                ],
            ));
        }
        if self.schedules.len() >= MAX_SCHEDULES {
            return Err(reject(
                Code::InvalidSetting,
                vec![say::t(format!(
                    "A meeting can have at most {MAX_SCHEDULES} schedules."
                ))],
            ));
        }
        let duration = duration.unwrap_or(DEFAULT_DURATION);
        if duration < Millis::mins(5) {
            return Err(reject(
                Code::InvalidSetting,
                vec![
                    say::t("A meeting must last at least 5 minutes. Try "),
                    say::cmd("schedule add tuesday weekly tue 19:00 1h"),
                    say::t("."),
                ],
            ));
        }
        let remind_before = remind_before.unwrap_or(DEFAULT_REMIND);
        let zone = zone.unwrap_or_else(|| self.settings.timezone.clone());
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
        let mut line = vec![
            say::t("Scheduled "),
            say::strong(name.clone()),
            say::t(format!(
                ": {} in {}, for ",
                schedule.when.text, schedule.zone
            )),
            say::dur(duration),
        ];
        if remind_before > Millis::ZERO {
            line.push(say::t(", with a reminder "));
            line.push(say::dur(remind_before));
            line.push(say::t(" before"));
        }
        line.push(say::t("."));
        let mut msg = Message::line(line);
        if let Some(o) = &schedule.next {
            msg = msg.then_line(vec![
                say::t("Next: "),
                say::zoned(o.start, &schedule.zone),
                say::t("."),
            ]);
        }
        self.schedules.insert(key, schedule);
        let mut out = Out::new();
        out.outcome.state_changed = true;
        out.post(Audience::Reply(me.id.clone()), PostKind::Reply, msg);
        out.done()
    }

    pub(crate) fn schedule_remove(&mut self, me: &Member, name: &str) -> Res {
        let Some(s) = self.schedules.remove(&Self::schedule_key(name)) else {
            return Err(self.unknown_schedule(name));
        };
        if let Some(session) = self.session.as_mut() {
            if session.schedule.as_deref() == Some(s.name.as_str()) {
                // The open session stays open; it is simply no longer closed by the schedule.
                session.schedule = None;
            }
        }
        let mut out = Out::new();
        out.outcome.state_changed = true;
        out.post(
            Audience::Reply(me.id.clone()),
            PostKind::Reply,
            Message::line(vec![
                say::t("Removed the schedule "),
                say::strong(s.name),
                say::t("."),
            ]),
        );
        out.done()
    }

    fn unknown_schedule(&self, name: &str) -> super::outcome::Rejection {
        unknown_named(
            "schedule called",
            name,
            self.schedules.values().map(|s| s.name.as_str()),
            "Schedules here",
            "There are no schedules yet.",
        )
    }

    pub(crate) fn schedule_list(&self, me: &Member) -> Res {
        let mut out = Out::new();
        let msg = if self.schedules.is_empty() {
            Message::line(vec![
                say::t("No meetings are scheduled. An admin can add one with "),
                say::cmd("schedule add"),
                say::t("."),
            ])
        } else {
            Message::text("Scheduled meetings:").then_list(
                self.schedules
                    .values()
                    .map(|s| {
                        let mut l = vec![
                            say::strong(s.name.clone()),
                            say::t(format!(" — {} ({}), ", s.when.text, s.zone)),
                            say::dur(s.duration),
                        ];
                        if s.remind_before > Millis::ZERO {
                            l.push(say::t(", reminder "));
                            l.push(say::dur(s.remind_before));
                            l.push(say::t(" before"));
                        }
                        match &s.next {
                            Some(o) => {
                                l.push(say::t(". Next: "));
                                l.push(say::zoned(o.start, &s.zone));
                            }
                            None => l.push(say::t(". It has no future date.")),
                        }
                        l
                    })
                    .collect(),
            )
        };
        out.post(Audience::Reply(me.id.clone()), PostKind::Reply, msg);
        out.done()
    }

    pub(crate) fn schedule_next(&self, me: &Member) -> Res {
        let mut out = Out::new();
        let next = self
            .schedules
            .values()
            .filter_map(|s| {
                s.next
                    .as_ref()
                    .filter(|o| !o.open_done)
                    .map(|o| (o.start, s))
            })
            .min_by_key(|(t, _)| *t);
        let msg = match next {
            Some((start, s)) => {
                let mut l = vec![
                    say::t("The next meeting is "),
                    say::strong(s.name.clone()),
                    say::t(": "),
                    say::zoned(start, &s.zone),
                    say::t(" ("),
                    say::relative(start),
                    say::t(")."),
                ];
                let servants = self.upcoming_servants();
                if !servants.is_empty() {
                    l.push(say::t(" Serving: "));
                    l.extend(self.servant_spans(&servants, false));
                    l.push(say::t("."));
                }
                Message::line(l)
            }
            None => Message::line(vec![
                say::t("No meeting is scheduled. An admin can add one with "),
                say::cmd("schedule add"),
                say::t("."),
            ]),
        };
        out.post(Audience::Reply(me.id.clone()), PostKind::Reply, msg);
        out.done()
    }

    /// The earliest pending schedule event.
    pub(crate) fn schedule_due(&self) -> Option<(Timestamp, String, ScheduleEvent)> {
        self.schedules
            .iter()
            .filter_map(|(k, s)| s.pending().map(|(t, e)| (t, k.clone(), e)))
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
    }

    /// Fires one schedule event that is due at `now` (maybe late).
    pub(crate) fn fire_schedule(
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
        let name = s.name.clone();
        out.outcome.state_changed = true;
        match event {
            ScheduleEvent::Remind => {
                if !missed {
                    let start = s.next.as_ref().map(|o| o.start).unwrap_or(at);
                    let mut line = vec![
                        say::strong("Reminder"),
                        say::t(": "),
                        say::strong(name.clone()),
                        say::t(" starts at "),
                        say::zoned(start, &s.zone),
                        say::t(" ("),
                        say::relative(start),
                        say::t(")."),
                    ];
                    let servants = self.upcoming_servants();
                    if !servants.is_empty() {
                        line.push(say::t(" Serving: "));
                        line.extend(self.servant_spans(&servants, true));
                        line.push(say::t("."));
                    }
                    out.public(PostKind::Reminder, Message::line(line));
                }
                self.occurrence_mut(key).reminded = true;
            }
            ScheduleEvent::Open => {
                let o = self.occurrence_mut(key);
                o.open_done = true;
                o.opened = !missed;
                if !missed {
                    self.open_for_schedule(now, &name, out);
                }
            }
            ScheduleEvent::Warn => {
                self.occurrence_mut(key).warned = true;
                let ours = self
                    .session
                    .as_ref()
                    .is_some_and(|x| x.schedule.as_deref() == Some(name.as_str()));
                if !missed && ours {
                    let end = s
                        .next
                        .as_ref()
                        .map(|o| o.start.plus(s.duration))
                        .unwrap_or(now);
                    out.public(
                        PostKind::Warning,
                        Message::line(vec![
                            say::dur(END_WARNING),
                            say::t(" left in this meeting (it ends at "),
                            say::clock(end),
                            say::t(")."),
                        ]),
                    );
                }
            }
            ScheduleEvent::Close => {
                self.occurrence_mut(key).closed = true;
                let ours = self
                    .session
                    .as_ref()
                    .is_some_and(|x| x.schedule.as_deref() == Some(name.as_str()));
                if ours {
                    if let Ok(closed) = self.close_session(now, "The meeting has ended") {
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

    fn occurrence_mut(&mut self, key: &str) -> &mut Occurrence {
        self.schedules
            .get_mut(key)
            .and_then(|s| s.next.as_mut())
            .expect("a pending event has an occurrence")
    }

    /// Opens the session for a scheduled meeting, or adopts the one a host already opened.
    fn open_for_schedule(&mut self, now: Timestamp, name: &str, out: &mut Out) {
        out.changed();
        if let Some(session) = self.session.as_mut() {
            session.schedule = Some(name.to_string());
            session.last_activity = now;
            let mut msg = Message::line(vec![
                say::t("It's time for "),
                say::strong(name.to_string()),
                say::t("."),
            ]);
            if let Some(line) = self.assign_servants() {
                msg = msg.then_line(line);
            }
            out.public(PostKind::SessionOpened, msg);
            return;
        }
        let title = UserText::new(name, 80).ok();
        let mut msg = self.start_session(now, title);
        if let Some(s) = self.session.as_mut() {
            s.schedule = Some(name.to_string());
        }
        if let Some(line) = self.assign_servants() {
            msg = msg.then_line(line);
        }
        out.public(PostKind::SessionOpened, msg);
    }

    /// `servant_spans` for a list of (role, member) pairs: "chair: @Ana, timekeeper: @Ben".
    pub(crate) fn servant_spans(&self, servants: &[(String, Member)], ping: bool) -> Vec<Span> {
        let mut v = Vec::new();
        for (i, (role, m)) in servants.iter().enumerate() {
            if i > 0 {
                v.push(say::t(", "));
            }
            v.push(say::t(format!("{role}: ")));
            v.push(if ping { say::mention(m) } else { say::name(m) });
        }
        v
    }
}
