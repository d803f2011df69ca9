//! The engine's Discord sink: what the engine says on its own (time warnings, "time", the next
//! speaker, redeliveries after a restart) goes to the place's channel as a normal message, and a
//! changed status refreshes the live status message. Replies meant for one member are only ever
//! sent as ephemeral interaction answers, so the sink never posts them in the channel. Every
//! channel post carries its outbox key as nonce (`post_to_channel`, also used for the public
//! pieces of an interaction's answer after its response).

use std::sync::Arc;

use async_trait::async_trait;
use bot_core::domain::{Audience, PlaceId, StatusView};
use bot_core::engine::{Delivery, Sink, SinkError};
use bot_core::telemetry::{self, DeliveryKind};
use serenity::all::{ChannelId, CreateMessage, Http, MessageFlags, Nonce};

use crate::handler::Core;
use crate::render::{render, Piece};
use crate::retry::{with_backoff, Backoff};
use crate::status::channel_of;

/// Posts one rendered piece in `channel`. With a nonce (`sc-<outbox id>-<piece>`), Discord
/// drops a second message with the same nonce (`enforce_nonce`), so a retry after a lost answer
/// or a redelivery cannot post twice, and 5xx are retried; without one, only 429s are.
pub async fn post_to_channel(
    http: &Http,
    channel: ChannelId,
    piece: &Piece,
    nonce: Option<String>,
    kind: DeliveryKind,
) -> serenity::Result<()> {
    let backoff = if nonce.is_some() {
        Backoff::MESSAGES
    } else {
        Backoff::ONCE
    };
    let send = || {
        let mut b = CreateMessage::new()
            .content(piece.content.clone())
            .allowed_mentions(piece.allowed_mentions())
            .flags(MessageFlags::SUPPRESS_EMBEDS);
        if let Some(nonce) = &nonce {
            b = b.nonce(Nonce::String(nonce.clone())).enforce_nonce(true);
        }
        channel.send_message(http, b)
    };
    let sent = with_backoff("post to channel", backoff, send).await;
    telemetry::count_delivery("discord", kind, sent).map(|_| ())
}

/// Delivers engine posts to Discord channels.
pub struct DiscordSink {
    pub core: Arc<Core>,
}

#[async_trait]
impl Sink for DiscordSink {
    async fn deliver(&self, d: &Delivery) -> Result<(), SinkError> {
        if let Audience::Floor(change) = &d.post.audience {
            let Some(w) = self.core.wired() else {
                return Err(SinkError("Discord is not connected yet".into()));
            };
            let _busy = w.work.busy();
            return w.floor.make(&d.place, change).await.map_err(SinkError);
        }
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
        let _busy = w.work.busy();
        let http = &*w.http;
        let key = d.key();
        for (k, piece) in render(&d.post.message, d.post.lang).into_iter().enumerate() {
            let nonce = key.as_ref().map(|key| format!("{key}-{k}"));
            post_to_channel(http, channel, &piece, nonce, DeliveryKind::Timed)
                .await
                .map_err(|e| SinkError(e.to_string()))?;
        }
        Ok(())
    }

    async fn status_changed(&self, place: &PlaceId, _view: Option<StatusView>) {
        let core = self.core.clone();
        let place = place.clone();
        let Some(busy) = core.wired().map(|w| w.work.busy()) else {
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
