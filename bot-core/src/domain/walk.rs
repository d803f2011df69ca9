//! The session walking its agenda: beginning each part (posting it, starting a go-around's
//! round with its share time — a fixed one, or the time until the closing shared equally), timed
//! parts ending by themselves, a part's round ending moving the meeting on, and the chair's
//! `agenda next`, `back`, `skip` and `go`.

use super::agenda::Agenda;
use super::format::{part_index, Format, Part, PartKind, ShareTime};
use super::ids::{Member, Millis, Timestamp};
use super::outcome::{Audience, PostKind, Rejection, RejectionCode as Code};
use super::reply::{reject, Out, Res};
use super::request::RoundOrder;
use super::round::{Budget, Round};
use super::session::Session;
use super::settings::Settings;
use super::text::{say, Block, Message};
use crate::say;

/// What walking did that its owner must finish: the closing part ended, so the session closes.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Walked {
    Goes,
    Closes,
}

/// A session with its agenda and what beginning a part needs from the place.
pub(crate) struct Walk<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) session: &'a mut Session,
    /// Rounds started in the place (varies the go-around's start and seeds shuffles).
    pub(crate) rounds_started: &'a mut u64,
    pub(crate) seed: u64,
    /// When the scheduled meeting this session belongs to ends.
    pub(crate) schedule_end: Option<Timestamp>,
}

/// The refusal when a session has no agenda.
pub(crate) fn no_agenda() -> Rejection {
    reject(
        Code::NoAgenda,
        vec![say!(
            "agenda-none",
            choose = say::cmd("format use open-circle"),
            list = say::cmd("format list")
        )],
    )
}

impl Walk<'_> {
    fn agenda(&mut self) -> Result<&mut Agenda, Rejection> {
        self.session.agenda.as_deref_mut().ok_or_else(no_agenda)
    }

    /// Starts walking `format` at part `index`: the session's agenda is a copy of it.
    pub(crate) fn start(&mut self, now: Timestamp, format: &Format, index: usize, out: &mut Out) {
        let mut agenda = Agenda::new(format, now);
        agenda.ends = self.schedule_end;
        self.session.agenda = Some(Box::new(agenda));
        self.begin(now, index, vec![], out);
    }

    /// Makes part `index` the one under way and says so after `lead` (ending a round that is still
    /// running first). A go-around's part starts its round when someone is there to call.
    pub(crate) fn begin(&mut self, now: Timestamp, index: usize, lead: Vec<Block>, out: &mut Out) {
        let fairness = self.settings.fairness;
        let mut lead = lead;
        if self.session.round.is_some() {
            let mut ended = Out::new();
            self.session.end_round(fairness, &mut ended, vec![]);
            for p in ended.outcome.posts {
                lead.extend(p.message.blocks);
            }
        }
        let warnings = self.settings.warnings.clone();
        let Some(agenda) = self.session.agenda.as_mut() else {
            return;
        };
        agenda.begin(index, now, &warnings);
        let Some(part) = agenda.current().cloned() else {
            return;
        };
        let reader = (part.kind == PartKind::Reading)
            .then(|| self.session.servants.get(part.reader_role()).cloned())
            .flatten()
            .map(|id| self.session.member(&id));
        let agenda = self.session.agenda.as_ref().expect("set above");
        lead.extend(agenda.beginning(index, reader.as_ref()));
        out.changed();
        if part.kind.runs_round() {
            // A part beginning has words to say, so it never hears a refusal.
            let _ = self.begin_round(now, &part, None, lead, out);
        } else {
            out.public(PostKind::Part, Message { blocks: lead });
        }
    }

    /// Starts the go-around of the part under way (`share`: a host's own share time instead),
    /// saying `lead` first; when nobody can be called yet, says how the host starts it.
    pub(crate) fn begin_round(
        &mut self,
        now: Timestamp,
        part: &Part,
        share: Option<Millis>,
        mut lead: Vec<Block>,
        out: &mut Out,
    ) -> Result<(), Rejection> {
        // A host's `round start` (no words of a part beginning to say) hears why a round cannot
        // start; a part beginning says how it will.
        let manual = share.is_some() || lead.is_empty();
        let settings = self.settings;
        let order = part.order.unwrap_or(RoundOrder::Checkin);
        let each = match (part.kind, part.share) {
            (PartKind::Checkin, _) => part.time,
            (_, Some(ShareTime::Each(d))) => Some(d),
            (_, Some(ShareTime::UntilClosing)) => None,
            (_, None) => Some(settings.share_time),
        };
        let (each, order, budget) = match (share, each) {
            (Some(d), _) => (d, order, None),
            (None, Some(d)) => (d, order, None),
            (None, None) if part.kind == PartKind::Checkin => {
                // An untimed check-in: members check in; the chair moves on.
                lead.push(Block::Line(vec![say!(
                    "agenda-checkin-how",
                    checkin = say::cmd("checkin"),
                    listen = say::cmd("checkin listen")
                )]));
                out.public(PostKind::Part, Message { blocks: lead });
                return Ok(());
            }
            (None, None) => {
                let (each, order, budget, said) = self.budget(now, order);
                lead.push(Block::Line(said));
                (each, order, budget)
            }
        };
        let speakers: Vec<_> = self
            .session
            .checkins
            .iter()
            .filter(|c| !c.listening)
            .map(|c| c.member.clone())
            .collect();
        let hands_up = !self.session.queue.is_empty();
        let planned = Round::plan(
            order,
            each,
            speakers,
            hands_up,
            self.seed,
            *self.rounds_started,
        );
        let mut round = match planned {
            Ok(r) => r,
            Err(why) if manual => return Err(why),
            Err(_) => {
                lead.push(Block::Line(self.waiting_words(order)));
                out.public(PostKind::Part, Message { blocks: lead });
                return Ok(());
            }
        };
        round.budget = budget;
        *self.rounds_started += 1;
        if let Some(a) = self.session.agenda.as_mut() {
            a.round_began = true;
        }
        self.session.round = Some(round);
        let crosstalk = part.crosstalk.unwrap_or(settings.crosstalk);
        let (Some(round), mut room) = self.session.room(settings) else {
            return Ok(());
        };
        let what = match part.kind {
            PartKind::Checkin => say!("round-go-around"),
            _ => say!("round-share-round"),
        };
        lead.extend(round.opening(room.names, crosstalk, what));
        let moved = round.advance(now, &mut room, out, lead, PostKind::RoundStarted);
        self.session.settle(settings.fairness, out, moved);
        Ok(())
    }

    /// What a go-around's part says while nobody can be called yet.
    fn waiting_words(&self, order: RoundOrder) -> Vec<super::text::Span> {
        if order == RoundOrder::Queue {
            vec![say!(
                "agenda-waiting-hands",
                hand = say::cmd("hand"),
                start = say::cmd("round start")
            )]
        } else {
            vec![say!(
                "agenda-waiting-checkins",
                checkin = say::cmd("checkin"),
                start = say::cmd("round start")
            )]
        }
    }

    /// The time until the closing, shared equally among those still to share: each one's time
    /// (rounded down to a sensible step), the order (raised hands when not everyone fits), the
    /// budget the round keeps, and what to say about it.
    fn budget(
        &self,
        now: Timestamp,
        order: RoundOrder,
    ) -> (Millis, RoundOrder, Option<Budget>, Vec<super::text::Span>) {
        let settings = self.settings;
        let agenda = self.session.agenda.as_ref();
        let end = agenda.and_then(|a| a.ends).or(self.schedule_end);
        // Everyone checked in to share is called once in this part's round.
        let waiting = self.session.speakers();
        let Some(end) = end else {
            return (
                settings.share_time,
                order,
                None,
                vec![say!(
                    "agenda-no-end",
                    each = say::dur(settings.share_time),
                    set = say::cmd("agenda end 20:30")
                )],
            );
        };
        let at = agenda.map(|a| a.at).unwrap_or(0);
        let later = agenda
            .map(|a| a.planned_after(at, self.session.speakers(), settings.share_time))
            .unwrap_or(Millis::ZERO);
        let until = end.minus(later);
        let budget = Budget {
            until,
            min: settings.min_share,
            pool: waiting as u32,
        };
        let each = budget.each(now, waiting.max(1), settings.grace);
        if waiting == 0 || budget.fits(now, waiting, settings.grace) {
            let said = vec![say!(
                "agenda-budget",
                closing = say::clock(until),
                each = say::dur(each),
                waiting = waiting
            )];
            return (each, order, Some(budget), said);
        }
        let fit = budget.fitting(now, settings.grace);
        let said = vec![say!(
            "agenda-budget-hands",
            closing = say::clock(until),
            each = say::dur(settings.min_share),
            fit = fit,
            waiting = waiting
        )];
        (settings.min_share, RoundOrder::Queue, None, said)
    }

    /// The part under way is over (`by_clock`: its time box ran out): the next part begins, or
    /// the agenda ends, after `lead`; after the closing, the session closes.
    pub(crate) fn finish(
        &mut self,
        now: Timestamp,
        by_clock: bool,
        lead: Vec<Block>,
        out: &mut Out,
    ) -> Walked {
        let Some(agenda) = self.session.agenda.as_ref() else {
            return Walked::Goes;
        };
        let Some(part) = agenda.current().cloned() else {
            return Walked::Goes;
        };
        if part.kind == PartKind::Closing {
            return Walked::Closes;
        }
        let mut lead = lead;
        if by_clock {
            lead.push(Block::Line(vec![say!(
                "agenda-part-ended",
                title = say::user(&part.title)
            )]));
        }
        match agenda.next_after(agenda.at) {
            Some(i) => self.begin(now, i, lead, out),
            None => {
                if self.session.round.is_some() {
                    self.session.end_round(self.settings.fairness, out, vec![]);
                }
                if let Some(a) = self.session.agenda.as_mut() {
                    a.finish(now);
                }
                lead.push(Block::Line(vec![say!(
                    "agenda-last-part-over",
                    close = say::cmd("close")
                )]));
                out.changed();
                out.public(PostKind::Part, Message { blocks: lead });
            }
        }
        Walked::Goes
    }

    /// Fires the part's due warning or end at `now`.
    pub(crate) fn tick(&mut self, now: Timestamp, out: &mut Out) -> Walked {
        let Some(agenda) = self.session.agenda.as_mut() else {
            return Walked::Goes;
        };
        agenda.warn(now, out);
        match agenda.ends_at {
            Some(end) if end <= now => {
                // Consumed here, so the place's tick always moves on (the next part sets its own).
                agenda.ends_at = None;
                agenda.warning = None;
                self.finish(now, true, vec![], out)
            }
            _ => Walked::Goes,
        }
    }

    /// A go-around's part whose round ended (everyone shared, or a host ended it) is over.
    pub(crate) fn follow_round(&mut self, now: Timestamp, out: &mut Out) -> Walked {
        let over = self
            .session
            .agenda
            .as_ref()
            .is_some_and(|a| a.round_began && a.current().is_some_and(|p| p.kind.runs_round()))
            && self.session.round.is_none();
        if over {
            // The round's summary and the next part go out as one post.
            let summary = match out.outcome.posts.last() {
                Some(p) if p.kind == PostKind::RoundEnded && p.audience == Audience::Place => {
                    out.outcome.posts.pop().map(|p| p.message.blocks)
                }
                _ => None,
            };
            return self.finish(now, false, summary.unwrap_or_default(), out);
        }
        Walked::Goes
    }

    /// `agenda next`.
    pub(crate) fn next(&mut self, now: Timestamp) -> Result<(Out, Walked), Rejection> {
        let agenda = self.agenda()?;
        if agenda.at >= agenda.parts.len() {
            return Err(agenda_over());
        }
        let mut out = Out::new();
        let walked = self.finish(now, false, vec![], &mut out);
        Ok((out, walked))
    }

    /// `agenda back`.
    pub(crate) fn back(&mut self, now: Timestamp) -> Res {
        let agenda = self.agenda()?;
        let Some(previous) = agenda.previous_before(agenda.at) else {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!("agenda-first-part")],
            ));
        };
        let mut out = Out::new();
        self.begin(now, previous, vec![], &mut out);
        out.done()
    }

    /// `agenda go N`: begins part N (also one skipped or over; a session without an agenda
    /// starts walking the place's format there).
    pub(crate) fn go(&mut self, now: Timestamp, number: u32, format: Option<&Format>) -> Res {
        let mut out = Out::new();
        if self.session.agenda.is_none() {
            let format = format.ok_or_else(no_agenda)?;
            let index = format.index(number)?;
            self.start(now, format, index, &mut out);
            return out.done();
        }
        let agenda = self.agenda()?;
        let index = part_index(agenda.parts.len(), number)?;
        if index == agenda.at {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!("agenda-part-under-way", n = number)],
            ));
        }
        self.begin(now, index, vec![], &mut out);
        out.done()
    }

    /// `agenda skip [N]`: the part under way ends at once; a later one will be passed over.
    pub(crate) fn skip(
        &mut self,
        now: Timestamp,
        me: &Member,
        number: Option<u32>,
    ) -> Result<(Out, Walked), Rejection> {
        let agenda = self.agenda()?;
        if agenda.at >= agenda.parts.len() {
            return Err(agenda_over());
        }
        let index = match number {
            Some(n) => part_index(agenda.parts.len(), n)?,
            None => agenda.next_after(agenda.at).ok_or_else(|| {
                reject(Code::InvalidSetting, vec![say!("agenda-nothing-to-skip")])
            })?,
        };
        let mut out = Out::new();
        if index == agenda.at {
            agenda.skipped.insert(index);
            let walked = self.finish(now, false, vec![], &mut out);
            return Ok((out, walked));
        }
        let title = agenda.parts[index].title.clone();
        if index < agenda.at {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!(
                    "agenda-part-over-already",
                    n = index + 1,
                    go = say::cmd(format!("agenda go {}", index + 1))
                )],
            ));
        }
        if !agenda.skipped.insert(index) {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!("agenda-part-skipped-already", n = index + 1)],
            ));
        }
        out.changed();
        out.reply(
            me,
            Message::say(say!(
                "agenda-part-will-skip",
                n = index + 1,
                title = say::user(&title),
                go = say::cmd(format!("agenda go {}", index + 1))
            )),
        );
        Ok((out, Walked::Goes))
    }
}

fn agenda_over() -> Rejection {
    reject(
        Code::InvalidSetting,
        vec![say!("agenda-over", close = say::cmd("close"))],
    )
}
