//! Matrix's side of the live status message: how the core's status words fit a room (a count
//! for the roll, no relative times, a ✋ reaction raises a hand) and the post, edit (`m.replace`)
//! and close behind the engine's `StatusBoard` (`MatrixStatus`). A status post carries a
//! transaction id derived from the place and the session, so a post whose answer was lost is
//! not made twice.

use std::sync::Arc;

use async_trait::async_trait;
use bot_core::domain::{Lang, Message, PlaceId, Span, Timestamp};
use bot_core::engine::status::{StatusSurface, SurfaceError};
use bot_core::status::StatusForm;
use bot_core::telemetry::DeliveryKind;
use matrix_sdk::ruma::TransactionId;
use matrix_sdk::Room;

use crate::outbound::{room_id_of, status_transaction_id, Outbound};
use crate::render::{render_in, Rendered, MAX_TEXT_CHARS};
use crate::state::AdapterState;

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

/// What a Matrix status message can do: an edit (`m.replace`) keeps what it replaced readable,
/// so the roll is a count; no live relative times; a ✋ reaction raises a hand; 25 entries
/// per list keep the bot's message short.
pub const FORM: StatusForm = StatusForm {
    edits_keep_history: true,
    live_times: false,
    hand_by_reaction: true,
    max_listed: 25,
    max_chars: MAX_TEXT_CHARS,
    measure: body_chars,
};

/// How many characters spans take in a `body`.
fn body_chars(spans: &[Span]) -> usize {
    bot_core::render::plain(&Message::line(spans.to_vec()))
        .chars()
        .count()
}

/// Matrix's side of the status message (the engine's `StatusBoard` decides what and when).
pub struct MatrixStatus {
    out: Arc<Outbound>,
    state: Arc<AdapterState>,
}

impl MatrixStatus {
    pub fn new(out: Arc<Outbound>, state: Arc<AdapterState>) -> MatrixStatus {
        MatrixStatus { out, state }
    }

    fn room(&self, place: &PlaceId) -> Result<Room, SurfaceError> {
        room_id_of(place)
            .and_then(|r| self.out.joined_room(&r))
            .ok_or(SurfaceError::Absent)
    }

    /// `message` with clock times in the meeting's zone.
    async fn render(&self, place: &PlaceId, message: &Message, lang: Lang) -> Rendered {
        let engine = self.out.engine();
        let tz = engine.timezone_of(place).await;
        render_in(message, lang, self.out.prefix(), engine.now(), &tz)
    }

    /// An `m.replace` edit of the status message `id`.
    async fn replace(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError> {
        let room = self.room(place)?;
        let edit = self.render(place, message, lang).await.edit_of(id);
        let txn = TransactionId::new();
        let sent = self.out.send(&room, edit, &txn, DeliveryKind::Status);
        sent.await.map(|_| ()).map_err(SurfaceError::failed)
    }
}

#[async_trait]
impl StatusSurface for MatrixStatus {
    fn form(&self) -> StatusForm {
        FORM
    }

    /// Sent with the session's transaction id: the homeserver answers a repeat with the first
    /// event. The ✋ reactions of an earlier message mean nothing any more.
    async fn post(
        &self,
        place: &PlaceId,
        opened_at: Timestamp,
        message: &Message,
        lang: Lang,
    ) -> Result<String, SurfaceError> {
        let room = self.room(place)?;
        let content = self.render(place, message, lang).await.content();
        let txn = status_transaction_id(place, opened_at.0);
        let sent = self.out.send(&room, content, &txn, DeliveryKind::Status);
        let id = sent.await.map_err(SurfaceError::failed)?;
        self.state.clear_reactions(place.as_str());
        Ok(id.to_string())
    }

    async fn edit(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError> {
        self.replace(place, id, message, lang).await
    }

    async fn close(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError> {
        self.replace(place, id, message, lang).await?;
        self.state.clear_reactions(place.as_str());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render;
    use bot_core::domain::{Member, Millis, PlannedTurn, RoundView, StatusView, TurnWhen};
    use bot_core::status::status_message;

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
            agenda: None,
            voice: None,
        };
        let r = render(&status_message(&view, &FORM, Lang::En), "!", Timestamp(0));
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
            agenda: None,
            voice: None,
        };
        let m = status_message(&view, &FORM, Lang::En);
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
            &status_message(&view, &FORM, Lang::En),
            Lang::En,
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
            agenda: None,
            voice: None,
        };
        // Rendered at different moments, the text is the same: no edit is needed as time passes.
        let early = render(&status_message(&view, &FORM, Lang::En), "!", Timestamp(0)).body;
        let late = render(
            &status_message(&view, &FORM, Lang::En),
            "!",
            Timestamp(3_600_000),
        )
        .body;
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
        let body = render(&status_message(&view, &FORM, Lang::En), "!", Timestamp(0)).body;
        assert!(
            body.contains("the host calls each speaker, in this order:\n• 1. Ana · 00:00:00–00:03:00 UTC\n• 2. M1\n"),
            "{body}"
        );
        r.paused = true;
        r.turns[0].when = TurnWhen::Paused;
        view.round = Some(r);
        let body = render(&status_message(&view, &FORM, Lang::En), "!", Timestamp(0)).body;
        assert!(
            body.contains("⏸️ Share round paused · 3 minutes each, in this order:\n• 1. Ana · ⏸️ paused\n• 2. M1\n"),
            "{body}"
        );
    }
}
