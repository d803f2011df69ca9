//! The engine's Discord sink: what the engine says on its own (time warnings, "time", the next
//! speaker, redeliveries after a restart) goes to the place's channel as a normal message, and a
//! changed status refreshes the live status message. Replies meant for one member are only ever
//! sent as ephemeral interaction answers, so the sink never posts them in the channel.

use std::sync::Arc;

use async_trait::async_trait;
use bot_core::domain::{Audience, PlaceId, StatusView};
use bot_core::engine::{Delivery, Sink, SinkError};
use bot_core::telemetry::{self, DeliveryKind};
use serenity::all::{CreateMessage, MessageFlags, Nonce};

use crate::handler::Core;
use crate::render::render;
use crate::retry::{with_backoff, Backoff};
use crate::status::channel_of;

/// Delivers engine posts to Discord channels.
pub struct DiscordSink {
    pub core: Arc<Core>,
}

#[async_trait]
impl Sink for DiscordSink {
    async fn deliver(&self, d: &Delivery) -> Result<(), SinkError> {
        if d.post.audience != Audience::Place {
            // A reply whose interaction is gone (e.g. redelivered after a restart): showing it
            // in the channel would make it public, so it is dropped.
            tracing::debug!(
                kind = d.post.kind.as_str(),
                "a personal post without an interaction is not posted"
            );
            return Ok(());
        }
        let Some(channel) = channel_of(&d.place) else {
            tracing::warn!(place = %d.place, "not a Discord channel place; post dropped");
            return Ok(());
        };
        let Some(w) = self.core.wired() else {
            return Err(SinkError("Discord is not connected yet".into()));
        };
        let http = &*w.http;
        for (k, piece) in render(&d.post.message).into_iter().enumerate() {
            let send = || {
                let mut b = CreateMessage::new()
                    .content(piece.content.clone())
                    .allowed_mentions(piece.allowed_mentions())
                    .flags(MessageFlags::SUPPRESS_EMBEDS);
                if let Some(key) = d.key() {
                    // Discord drops a second message with the same nonce: a retry after a lost
                    // answer cannot post twice.
                    b = b
                        .nonce(Nonce::String(format!("{key}-{k}")))
                        .enforce_nonce(true);
                }
                channel.send_message(http, b)
            };
            let sent = with_backoff("post to channel", Backoff::MESSAGES, send).await;
            telemetry::count_delivery("discord", DeliveryKind::Timed, sent)
                .map_err(|e| SinkError(e.to_string()))?;
        }
        Ok(())
    }

    async fn status_changed(&self, place: &PlaceId, _view: Option<StatusView>) {
        let core = self.core.clone();
        let place = place.clone();
        let Some(busy) = core.wired().map(|w| w.status.busy()) else {
            return;
        };
        // Not awaited: a slow edit (rate limits) must not hold up the engine's timers.
        tokio::spawn(async move {
            let _busy = busy;
            if let Some(w) = core.wired() {
                w.status.update(&core.engine, &place).await;
            }
        });
    }
}
