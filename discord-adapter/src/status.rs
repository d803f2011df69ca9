//! The live status message: one message per place, posted when a session opens and edited on
//! every change (speaker, `<t:UNIX:R>` countdown, who is next, the queue with hand age), with the
//! ✋ Raise hand / Lower hand / ✅ Done / ⏭ Pass buttons. Edits for a place are serialised and
//! coalesced: only the newest view is sent. Message ids live in memory only; after a restart a
//! fresh message is posted at the next change.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bot_core::domain::{Command, PlaceId, StatusView};
use bot_core::engine::Engine;
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateButton, CreateMessage, EditMessage, Http,
    MessageFlags, MessageId,
};

use crate::render::{allowed_mentions, escape_user, unix, CONTENT_MAX, NAME_MAX, USER_TEXT_MAX};
use crate::retry::{status_of, with_backoff, Backoff};

/// Button custom ids and the core commands they run.
pub const BUTTONS: &[(&str, &str, char, ButtonStyle)] = &[
    ("sc:hand", "Raise hand", '✋', ButtonStyle::Primary),
    ("sc:hand-down", "Lower hand", '👇', ButtonStyle::Secondary),
    ("sc:done", "Done", '✅', ButtonStyle::Success),
    ("sc:pass", "Pass", '⏭', ButtonStyle::Secondary),
];

/// The core command behind a button.
pub fn button_command(custom_id: &str) -> Option<Command> {
    match custom_id {
        "sc:hand" => Some(Command::Hand),
        "sc:hand-down" => Some(Command::HandDown),
        "sc:done" => Some(Command::Done),
        "sc:pass" => Some(Command::Pass),
        _ => None,
    }
}

/// The buttons under the status message.
pub fn buttons() -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(
        BUTTONS
            .iter()
            .map(|(id, label, emoji, style)| {
                CreateButton::new(*id)
                    .label(*label)
                    .emoji(*emoji)
                    .style(*style)
            })
            .collect(),
    )]
}

/// The channel of a place id `discord:GUILD:CHANNEL`.
pub fn channel_of(place: &PlaceId) -> Option<ChannelId> {
    let mut parts = place.as_str().split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("discord"), Some(_), Some(c)) => {
            c.parse::<u64>().ok().filter(|c| *c > 0).map(ChannelId::new)
        }
        _ => None,
    }
}

/// The status message's text for an open session (at most 2000 characters).
pub fn status_content(view: &StatusView) -> String {
    let name = |m: &bot_core::domain::Member| escape_user(m.name.as_str(), NAME_MAX);
    let mut head = String::from("🟢 **Session open**");
    if let Some(n) = &view.name {
        head.push_str(": ");
        head.push_str(&escape_user(n.as_str(), USER_TEXT_MAX.min(100)));
    }
    head.push_str(&format!(" · since <t:{}:t>", unix(view.opened_at)));
    let mut lines = vec![head];
    match (&view.speaker, view.ends_at) {
        (Some(s), _) if view.paused => {
            lines.push(format!("🎙️ **Speaking:** {} · ⏸️ paused", name(s)));
        }
        (Some(s), Some(end)) => {
            lines.push(format!(
                "🎙️ **Speaking:** {} · turn ends <t:{}:R>",
                name(s),
                unix(end)
            ));
        }
        (Some(s), None) => lines.push(format!("🎙️ **Speaking:** {} · time is up", name(s))),
        (None, _) if view.round_running => lines.push("🔁 A share round is running.".into()),
        (None, _) => lines.push("No share round is running.".into()),
    }
    if let Some(up) = &view.upcoming {
        lines.push(format!("⏭️ **Up next:** {}", name(up)));
    }
    let closed = if view.queue_closed { " · closed" } else { "" };
    let tail = format!("👥 Checked in: {}", view.checked_in);
    if view.queue.is_empty() {
        lines.push(format!("✋ **Queue:** no hands up{closed}"));
    } else {
        lines.push(format!("✋ **Queue** ({}){closed}:", view.queue.len()));
        let budget = CONTENT_MAX - 100;
        let mut used: usize =
            lines.iter().map(|l| l.chars().count() + 1).sum::<usize>() + tail.chars().count();
        for (i, (m, raised)) in view.queue.iter().enumerate() {
            let line = format!("{}. {} · hand up <t:{}:R>", i + 1, name(m), unix(*raised));
            let n = line.chars().count() + 1;
            if used + n > budget {
                lines.push(format!(
                    "… and {} more: `/queue show`",
                    view.queue.len() - i
                ));
                break;
            }
            used += n;
            lines.push(line);
        }
    }
    lines.push(tail);
    let text = lines.join("\n");
    if text.chars().count() > CONTENT_MAX {
        text.chars().take(CONTENT_MAX - 1).collect::<String>() + "…"
    } else {
        text
    }
}

/// The status message's text once the session has closed.
pub const CLOSED_CONTENT: &str = "⚪ **Session closed.** Thank you for being here.";

#[derive(Default)]
struct Applied {
    version: u64,
    message: Option<MessageId>,
}

#[derive(Default)]
struct PlaceStatus {
    /// How many updates were asked for.
    wanted: AtomicU64,
    /// What Discord shows; held while a request is in flight, so edits never overtake each other.
    applied: tokio::sync::Mutex<Applied>,
}

/// Every place's status message.
pub struct StatusBoard {
    http: Arc<Http>,
    places: Mutex<HashMap<PlaceId, Arc<PlaceStatus>>>,
}

impl StatusBoard {
    pub fn new(http: Arc<Http>) -> Self {
        StatusBoard {
            http,
            places: Mutex::new(HashMap::new()),
        }
    }

    fn place(&self, place: &PlaceId) -> Arc<PlaceStatus> {
        self.places
            .lock()
            .expect("status lock")
            .entry(place.clone())
            .or_default()
            .clone()
    }

    /// Brings the place's status message up to date with the engine's current view (no session:
    /// the message says the session closed and loses its buttons). Concurrent calls coalesce:
    /// each returns once Discord shows a view at least as new as the state at its call, or the
    /// update failed for good (logged; the next change tries again).
    pub async fn update(&self, engine: &Engine, place: &PlaceId) {
        let Some(channel) = channel_of(place) else {
            return;
        };
        let st = self.place(place);
        st.wanted.fetch_add(1, Ordering::SeqCst);
        let mut applied = st.applied.lock().await;
        let version = st.wanted.load(Ordering::SeqCst);
        if version <= applied.version {
            return; // a newer update went out while this one waited
        }
        let view = match engine.status_view(place).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read the status of a place");
                return;
            }
        };
        match self.apply(channel, applied.message, view.as_ref()).await {
            Ok(message) => {
                applied.message = message;
                applied.version = version;
            }
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "the status message could not be updated");
            }
        }
    }

    /// Sends one view; returns the message id to keep (none once closed).
    async fn apply(
        &self,
        channel: ChannelId,
        message: Option<MessageId>,
        view: Option<&StatusView>,
    ) -> serenity::Result<Option<MessageId>> {
        let http = &*self.http;
        match (view, message) {
            (Some(v), Some(id)) => {
                let content = status_content(v);
                let edit = || {
                    let b = EditMessage::new()
                        .content(content.clone())
                        .allowed_mentions(allowed_mentions(&[]))
                        .components(buttons());
                    channel.edit_message(http, id, b)
                };
                match with_backoff("edit status message", Backoff::MESSAGES, edit).await {
                    Ok(_) => Ok(Some(id)),
                    // Someone deleted it: post a fresh one.
                    Err(e) if status_of(&e) == Some(404) => self.post(channel, v).await.map(Some),
                    Err(e) => Err(e),
                }
            }
            (Some(v), None) => self.post(channel, v).await.map(Some),
            (None, Some(id)) => {
                let edit = || {
                    let b = EditMessage::new()
                        .content(CLOSED_CONTENT)
                        .allowed_mentions(allowed_mentions(&[]))
                        .components(vec![]);
                    channel.edit_message(http, id, b)
                };
                match with_backoff("close status message", Backoff::MESSAGES, edit).await {
                    Ok(_) => Ok(None),
                    Err(e) if status_of(&e) == Some(404) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            (None, None) => Ok(None),
        }
    }

    async fn post(&self, channel: ChannelId, view: &StatusView) -> serenity::Result<MessageId> {
        let http = &*self.http;
        let content = status_content(view);
        let send = || {
            let b = CreateMessage::new()
                .content(content.clone())
                .allowed_mentions(allowed_mentions(&[]))
                .flags(MessageFlags::SUPPRESS_EMBEDS)
                .components(buttons());
            channel.send_message(http, b)
        };
        with_backoff("post status message", Backoff::MESSAGES, send)
            .await
            .map(|m| m.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::{Member, Timestamp};

    fn view(queue: usize) -> StatusView {
        StatusView {
            name: None,
            opened_at: Timestamp(1_000_000),
            speaker: Some(Member::new("discord:1", "Ann **bold** @everyone")),
            ends_at: Some(Timestamp(1_180_000)),
            paused: false,
            round_running: true,
            upcoming: Some(Member::new("discord:2", "Bo")),
            queue: (0..queue)
                .map(|i| {
                    (
                        Member::new(format!("discord:{i}"), &"n".repeat(64)),
                        Timestamp(1_000_000),
                    )
                })
                .collect(),
            queue_closed: false,
            checked_in: 3,
        }
    }

    #[test]
    fn shows_speaker_countdown_next_and_queue() {
        let c = status_content(&view(2));
        assert!(c.contains("turn ends <t:1180:R>"), "{c}");
        assert!(c.contains("Up next:** Bo"));
        assert!(c.contains("1. nnnn"));
        assert!(c.contains("hand up <t:1000:R>"));
        assert!(!c.contains("@everyone") && c.contains("\\*\\*bold\\*\\*"));
    }

    #[test]
    fn a_long_queue_stays_within_the_limit() {
        let c = status_content(&view(200));
        assert!(c.chars().count() <= CONTENT_MAX);
        assert!(c.contains("more: `/queue show`"));
    }

    #[test]
    fn place_ids_name_their_channel() {
        assert_eq!(
            channel_of(&PlaceId::new("discord:1:22")),
            Some(ChannelId::new(22))
        );
        assert_eq!(channel_of(&PlaceId::new("matrix:!x:y")), None);
    }
}
