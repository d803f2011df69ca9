//! A place's time: the tick that fires what is due (turns, format parts, schedules), and a
//! speaker's call that goes out late.

use super::*;

impl Place {
    pub(super) fn tick(&mut self, now: Timestamp) -> Outcome {
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
    pub(super) fn fire(&mut self, now: Timestamp, at: Timestamp, due: Due, out: &mut Out) {
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
    pub(super) fn fire_schedule(
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
    pub(super) fn open_for_schedule(&mut self, now: Timestamp, name: &str, out: &mut Out) {
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
    pub(super) fn call_going_out(&mut self, now: Timestamp, speaker: &MemberId) -> Outcome {
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
}
