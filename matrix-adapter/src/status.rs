//! The live status message of a session: one message per session, sent when it opens and edited
//! (`m.replace`) on every change — speaker and end time, who is next, the queue, the check-in
//! count — and a last edit when it closes. A ✋ reaction on it raises a hand. Updates for a place
//! are serialised and coalesced (only the newest view is sent), which keeps the bot's message
//! count low. The message's event id is kept in the adapter state, so edits continue after a restart.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bot_core::domain::{text::say, Message, PlaceId, Span, StatusView};
use bot_core::engine::Engine;
use matrix_sdk::ruma::TransactionId;

use crate::outbound::{room_id_of, Outbound};
use crate::render::render;
use crate::state::{AdapterState, StatusEntry};

/// How many queue entries the status message lists.
pub const QUEUE_SHOWN: usize = 25;

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

/// The status message for an open session.
pub fn status_message(view: &StatusView) -> Message {
    let mut head = vec![say::strong("🟢 Session open")];
    if let Some(n) = &view.name {
        head.push(say::t(": "));
        head.push(say::user(n));
    }
    head.push(say::t(" · since "));
    head.push(say::clock(view.opened_at));
    let mut m = Message::line(head);
    m = match (&view.speaker, view.ends_at) {
        (Some(s), _) if view.paused => m.then_line(vec![
            say::strong("🎙️ Speaking: "),
            say::name(s),
            say::t(" · ⏸️ paused"),
        ]),
        (Some(s), Some(end)) => m.then_line(vec![
            say::strong("🎙️ Speaking: "),
            say::name(s),
            say::t(" · until "),
            say::clock(end),
        ]),
        (Some(s), None) => m.then_line(vec![
            say::strong("🎙️ Speaking: "),
            say::name(s),
            say::t(" · time is up"),
        ]),
        (None, _) if view.round_running => {
            m.then_line(vec![say::t("🔁 A share round is running.")])
        }
        (None, _) => m.then_line(vec![say::t("No share round is running.")]),
    };
    if let Some(up) = &view.upcoming {
        m = m.then_line(vec![say::strong("⏭️ Up next: "), say::name(up)]);
    }
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
    m.then_line(vec![say::t(format!("👥 Checked in: {}", view.checked_in))])
        .then_line(vec![
            say::t("React with ✋ to raise your hand; remove the reaction to lower it. Or use "),
            say::cmd("hand"),
            say::t("."),
        ])
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
                self.out.send(&room, closed, &TransactionId::new()).await?;
                self.state.set_status(place.as_str(), None);
                *shown = None;
            }
        }
        let Some(view) = view else {
            return Ok(());
        };
        let rendered = render(&status_message(view), &prefix, now);
        match self.state.status(place.as_str()) {
            Some(e) => {
                let now_shown = Some((e.event_id.clone(), rendered.body.clone()));
                if *shown == now_shown {
                    return Ok(()); // nothing visible changed: no edit
                }
                self.out
                    .send(&room, rendered.edit_of(&e.event_id), &TransactionId::new())
                    .await?;
                *shown = now_shown;
            }
            None => {
                let id = self
                    .out
                    .send(&room, rendered.content(), &TransactionId::new())
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
    use bot_core::domain::{Member, Timestamp};

    #[test]
    fn hand_keys() {
        assert!(is_hand("✋"));
        assert!(is_hand("✋\u{FE0F}"));
        assert!(is_hand("✋🏽"));
        assert!(!is_hand("👍"));
        assert!(!is_hand("✋✋"));
    }

    #[test]
    fn status_names_nobody_with_a_ping() {
        let ana = Member::new("matrix:@ana:localhost", "Ana <b>");
        let ben = Member::new("matrix:@ben:localhost", "Ben");
        let view = StatusView {
            name: None,
            opened_at: Timestamp(0),
            speaker: Some(ana.clone()),
            ends_at: Some(Timestamp(120_000)),
            paused: false,
            round_running: true,
            upcoming: Some(ben.clone()),
            queue: (0..30).map(|_| (ben.clone(), Timestamp(0))).collect(),
            queue_closed: false,
            checked_in: 2,
        };
        let m = status_message(&view);
        assert!(m.mentions().is_empty());
        let r = render(&m, "!", Timestamp(0));
        assert!(
            r.body.contains("Speaking: Ana <b> · until 00:02:00 UTC"),
            "{}",
            r.body
        );
        assert!(r.html.contains("Ana &lt;b&gt;"));
        assert!(r.body.contains("… and 5 more: `!queue`"));
    }
}
