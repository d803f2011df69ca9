//! The live status message of a session: one message per session, sent when it opens and edited
//! (`m.replace`) when an action changes it — the round's plan with clock times, the queue, the
//! check-in count; never by the clock alone — and a last edit when it closes. A ✋ reaction on it raises a hand. Updates for a place
//! are serialised and coalesced (only the newest view is sent), which keeps the bot's message
//! count low. The message's event id is kept in the adapter state, so edits continue after a restart.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bot_core::domain::{
    calendar, text::say, Message, PlaceId, RoundView, Span, StatusView, TurnWhen,
};
use bot_core::engine::Engine;
use bot_core::telemetry::DeliveryKind;
use matrix_sdk::ruma::TransactionId;

use crate::outbound::{room_id_of, status_transaction_id, Outbound};
use crate::render::{render, render_in};
use crate::state::{AdapterState, StatusEntry};

/// How many queue entries the status message lists.
pub const QUEUE_SHOWN: usize = 25;

/// How many turns of a round's plan the status message lists.
pub const PLAN_SHOWN: usize = 25;

/// The hand-raising reaction, without variation selector.
pub const HAND: &str = "✋";

/// Whether a reaction key is ✋ (with or without U+FE0F, with or without a skin tone).
pub fn is_hand(key: &str) -> bool {
    let base: String = key
        .chars()
        .filter(|c| *c != '\u{FE0F}' && !('\u{1F3FB}'..='\u{1F3FF}').contains(c))
        .collect();
    base == HAND
}

/// The status message for an open session, its clock times in the meeting's zone `tz` (render
/// it with the same zone).
pub fn status_message(view: &StatusView, tz: &str) -> Message {
    let mut head = vec![say::strong("🟢 Session open")];
    if let Some(n) = &view.name {
        head.push(say::t(": "));
        head.push(say::user(n));
    }
    head.push(say::t(" · since "));
    head.push(say::clock(view.opened_at));
    let mut m = Message::line(head);
    m = match &view.round {
        Some(round) => plan(m, round, tz),
        None => m.then_line(vec![say::t("No share round is running.")]),
    };
    let closed = if view.queue_closed { " · closed" } else { "" };
    if view.queue.is_empty() {
        m = m.then_line(vec![
            say::strong("✋ Queue:"),
            say::t(format!(" no hands up{closed}")),
        ]);
    } else {
        m = m.then_line(vec![
            say::strong(format!("✋ Queue ({})", view.queue.len())),
            say::t(format!("{closed}:")),
        ]);
        let mut items: Vec<Vec<Span>> = view
            .queue
            .iter()
            .take(QUEUE_SHOWN)
            .enumerate()
            .map(|(i, (member, raised))| {
                vec![
                    say::t(format!("{}. ", i + 1)),
                    say::name(member),
                    say::t(" · hand up since "),
                    say::clock(*raised),
                ]
            })
            .collect();
        if view.queue.len() > QUEUE_SHOWN {
            items.push(vec![
                say::t(format!("… and {} more: ", view.queue.len() - QUEUE_SHOWN)),
                say::cmd("queue"),
            ]);
        }
        m = m.then_list(items);
    }
    // A count, never the names with their words: every edit of this message stays readable in
    // the room's history (`m.replace` keeps what it replaced), and words must go at the close.
    m.then_line(vec![say::t(format!(
        "👥 Checked in: {}",
        view.checkins.len()
    ))])
    .then_line(vec![
        say::t("React with ✋ to raise your hand; remove the reaction to lower it. Or use "),
        say::cmd("hand"),
        say::t("."),
    ])
}

/// The round's plan: a headline, then one item per turn with its clock times (Matrix clients
/// cannot show each reader's local time, so the times are the meeting's and say their zone, as
/// every Matrix post does). Nothing relative ("in 3 minutes"): that would go stale between edits,
/// and the status is not edited as the round moves on by itself.
fn plan(m: Message, round: &RoundView, tz: &str) -> Message {
    let each = round.share_time;
    let head = if round.paused {
        vec![
            say::strong("⏸️ Share round paused"),
            say::t(" · "),
            say::dur(each),
            say::t(" each, in this order:"),
        ]
    } else if round.auto_advance {
        vec![
            say::strong("🔁 Share round"),
            say::t(" · "),
            say::dur(each),
            say::t(" each; the plan if everyone takes their full time:"),
        ]
    } else {
        vec![
            say::strong("🔁 Share round"),
            say::t(" · "),
            say::dur(each),
            say::t(" each; the host calls each speaker, in this order:"),
        ]
    };
    let m = m.then_line(head);
    if round.turns.is_empty() {
        return m.then_line(vec![say::t("Nobody else is waiting to share.")]);
    }
    let mut items: Vec<Vec<Span>> = round
        .turns
        .iter()
        .take(PLAN_SHOWN)
        .enumerate()
        .map(|(i, turn)| {
            let mut item = vec![say::t(format!("{}. ", i + 1)), say::name(&turn.member)];
            match turn.when {
                TurnWhen::Planned { starts_at, ends_at } => {
                    item.push(say::t(format!(
                        " · {}–",
                        calendar::local_time(starts_at, tz)
                    )));
                    item.push(say::clock(ends_at));
                }
                TurnWhen::Paused => item.push(say::t(" · ⏸️ paused")),
                TurnWhen::TimeUp => item.push(say::t(" · time is up")),
                TurnWhen::Unplanned => {}
            }
            item
        })
        .collect();
    if round.turns.len() > PLAN_SHOWN {
        items.push(vec![say::t(format!(
            "… and {} more",
            round.turns.len() - PLAN_SHOWN
        ))]);
    }
    m.then_list(items)
}

/// What the status message says once the session closed.
pub fn closed_message() -> Message {
    Message::line(vec![
        say::strong("⚪ Session closed."),
        say::t(" Thank you for being here."),
    ])
}

#[derive(Default)]
struct PlaceStatus {
    wanted: AtomicU64,
    /// What the room shows; held while a request is in flight so edits never overtake.
    applied: tokio::sync::Mutex<Applied>,
}

#[derive(Default)]
struct Applied {
    /// The update version last applied.
    version: u64,
    /// The status message and the text it shows now, to skip edits that would change nothing.
    shown: Option<(String, String)>,
}

/// Every place's status message.
pub struct StatusBoard {
    out: Arc<Outbound>,
    state: Arc<AdapterState>,
    places: Mutex<HashMap<PlaceId, Arc<PlaceStatus>>>,
}

impl StatusBoard {
    pub fn new(out: Arc<Outbound>, state: Arc<AdapterState>) -> StatusBoard {
        StatusBoard {
            out,
            state,
            places: Mutex::new(HashMap::new()),
        }
    }

    fn engine(&self) -> &Engine {
        self.out.engine()
    }

    fn place(&self, place: &PlaceId) -> Arc<PlaceStatus> {
        self.places
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(place.clone())
            .or_default()
            .clone()
    }

    /// Brings the place's status message up to date with the engine's current view. Concurrent
    /// calls coalesce: each returns once the room shows a view at least as new as the state at
    /// its call, or the update failed (logged; the next change tries again).
    pub async fn update(&self, place: &PlaceId) {
        let st = self.place(place);
        st.wanted.fetch_add(1, Ordering::SeqCst);
        let mut applied = st.applied.lock().await;
        let version = st.wanted.load(Ordering::SeqCst);
        if version <= applied.version {
            return;
        }
        let view = match self.engine().status_view(place).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read the status of a place");
                return;
            }
        };
        match self.apply(place, view.as_ref(), &mut applied.shown).await {
            Ok(()) => applied.version = version,
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "the status message could not be updated")
            }
        }
    }

    async fn apply(
        &self,
        place: &PlaceId,
        view: Option<&StatusView>,
        shown: &mut Option<(String, String)>,
    ) -> Result<(), crate::outbound::SendError> {
        let Some(room) = room_id_of(place).and_then(|r| self.out.joined_room(&r)) else {
            return Ok(());
        };
        let now = self.engine().now();
        let prefix = self.out.prefix().to_string();
        let entry = self.state.status(place.as_str());
        if let Some(e) = &entry {
            let same_session = view.is_some_and(|v| v.opened_at.0 == e.opened_at);
            if !same_session {
                let closed = render(&closed_message(), &prefix, now).edit_of(&e.event_id);
                self.out
                    .send(&room, closed, &TransactionId::new(), DeliveryKind::Status)
                    .await?;
                self.state.set_status(place.as_str(), None);
                *shown = None;
            }
        }
        let Some(view) = view else {
            return Ok(());
        };
        let tz = self.engine().timezone_of(place).await;
        let rendered = render_in(&status_message(view, &tz), &prefix, now, &tz);
        match self.state.status(place.as_str()) {
            Some(e) => {
                let now_shown = Some((e.event_id.clone(), rendered.body.clone()));
                if *shown == now_shown {
                    return Ok(()); // nothing visible changed: no edit
                }
                self.out
                    .send(
                        &room,
                        rendered.edit_of(&e.event_id),
                        &TransactionId::new(),
                        DeliveryKind::Status,
                    )
                    .await?;
                *shown = now_shown;
            }
            None => {
                let txn = status_transaction_id(place, view.opened_at.0);
                let id = self
                    .out
                    .send(&room, rendered.content(), &txn, DeliveryKind::Status)
                    .await?;
                self.state.set_status(
                    place.as_str(),
                    Some(StatusEntry {
                        event_id: id.to_string(),
                        opened_at: view.opened_at.0,
                        reactions: Default::default(),
                    }),
                );
                *shown = Some((id.to_string(), rendered.body.clone()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::{Member, Millis, PlannedTurn, Timestamp};

    #[test]
    fn hand_keys() {
        assert!(is_hand("✋"));
        assert!(is_hand("✋\u{FE0F}"));
        assert!(is_hand("✋🏽"));
        assert!(!is_hand("👍"));
        assert!(!is_hand("✋✋"));
    }

    fn plan_of(names: &[&Member], auto_advance: bool) -> RoundView {
        RoundView {
            share_time: Millis::mins(3),
            auto_advance,
            paused: false,
            turns: names
                .iter()
                .enumerate()
                .map(|(i, m)| PlannedTurn {
                    member: (*m).clone(),
                    when: TurnWhen::Planned {
                        starts_at: Timestamp(i as i64 * 190_000),
                        ends_at: Timestamp(i as i64 * 190_000 + 180_000),
                    },
                })
                .collect(),
        }
    }

    /// `n` members checked in, each with a feeling word.
    fn roll(n: usize) -> Vec<bot_core::domain::RollEntry> {
        (0..n)
            .map(|i| bot_core::domain::RollEntry {
                member: Member::new(format!("matrix:@m{i}:localhost"), &format!("M{i}")),
                word: Some(bot_core::domain::UserText::new("tangerine", 64).unwrap()),
                listening: false,
            })
            .collect()
    }

    #[test]
    fn the_status_message_never_carries_a_feeling_word() {
        let view = StatusView {
            name: None,
            opened_at: Timestamp(0),
            round: None,
            queue: vec![],
            queue_closed: false,
            checkins: roll(2),
        };
        let r = render(&status_message(&view, "UTC"), "!", Timestamp(0));
        assert!(r.body.contains("Checked in: 2"), "{}", r.body);
        assert!(!r.body.contains("tangerine") && !r.html.contains("tangerine"));
    }

    #[test]
    fn status_names_nobody_with_a_ping() {
        let ana = Member::new("matrix:@ana:localhost", "Ana <b>");
        let ben = Member::new("matrix:@ben:localhost", "Ben");
        let view = StatusView {
            name: None,
            opened_at: Timestamp(0),
            round: Some(plan_of(&[&ana, &ben], true)),
            queue: (0..30).map(|_| (ben.clone(), Timestamp(0))).collect(),
            queue_closed: false,
            checkins: roll(2),
        };
        let m = status_message(&view, "UTC");
        assert!(m.mentions().is_empty());
        let r = render(&m, "!", Timestamp(0));
        assert!(
            r.body.contains(
                "🔁 Share round · 3 minutes each; the plan if everyone takes their full time:\n• 1. Ana <b> · 00:00:00–00:03:00 UTC\n• 2. Ben · 00:03:10–00:06:10 UTC\n"
            ),
            "{}",
            r.body
        );
        assert!(
            r.html.contains("1. Ana &lt;b&gt; · 00:00:00–00:03:00 UTC"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<b>"), "{}", r.html);
        assert!(r.body.contains("… and 5 more: `!queue`"));
        // A meeting with its own zone: both ends of each turn in that zone.
        let r = render_in(
            &status_message(&view, "Asia/Kolkata"),
            "!",
            Timestamp(0),
            "Asia/Kolkata",
        );
        assert!(
            r.body.contains(
                "• 1. Ana <b> · 05:30:00–05:33:00 IST\n• 2. Ben · 05:33:10–05:36:10 IST\n"
            ),
            "{}",
            r.body
        );
    }

    #[test]
    fn the_plan_never_says_anything_relative_and_is_cut() {
        let ana = Member::new("matrix:@ana:localhost", "Ana");
        let many: Vec<Member> = (0..30)
            .map(|i| Member::new(format!("matrix:@m{i}:localhost"), &format!("M{i}")))
            .collect();
        let refs: Vec<&Member> = many.iter().collect();
        let mut view = StatusView {
            name: None,
            opened_at: Timestamp(0),
            round: Some(plan_of(&refs, true)),
            queue: vec![],
            queue_closed: false,
            checkins: roll(30),
        };
        // Rendered at different moments, the text is the same: no edit is needed as time passes.
        let early = render(&status_message(&view, "UTC"), "!", Timestamp(0)).body;
        let late = render(&status_message(&view, "UTC"), "!", Timestamp(3_600_000)).body;
        assert_eq!(early, late);
        assert!(!early.contains(" ago"), "{early}");
        assert!(
            early.contains("25. M24 · 01:16:00–01:19:00 UTC\n• … and 5 more\n"),
            "{early}"
        );
        // Paused, and host-paced: the order without future times.
        let mut r = plan_of(&[&ana, &many[1]], false);
        r.turns[1].when = TurnWhen::Unplanned;
        view.round = Some(r.clone());
        let body = render(&status_message(&view, "UTC"), "!", Timestamp(0)).body;
        assert!(
            body.contains("the host calls each speaker, in this order:\n• 1. Ana · 00:00:00–00:03:00 UTC\n• 2. M1\n"),
            "{body}"
        );
        r.paused = true;
        r.turns[0].when = TurnWhen::Paused;
        view.round = Some(r);
        let body = render(&status_message(&view, "UTC"), "!", Timestamp(0)).body;
        assert!(
            body.contains("⏸️ Share round paused · 3 minutes each, in this order:\n• 1. Ana · ⏸️ paused\n• 2. M1\n"),
            "{body}"
        );
    }
}
