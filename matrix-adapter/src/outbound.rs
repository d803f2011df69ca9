//! Sending what the core says: a delivery becomes an `m.room.message` in the meeting room (posts
//! for everyone) or in a direct room with the member (answers only they need, and private posts),
//! or a ✅ reaction on the member's command (an acknowledgement of their own action), so the
//! meeting room carries only what the meeting needs to read. Each is sent with a transaction
//! id derived from the delivery's idempotency key so a redelivery after a crash is deduplicated by
//! the homeserver, and retried on rate limits and network failures. Direct rooms are created on
//! demand, marked in `m.direct`, remembered and reused; a direct room is end-to-end encrypted when
//! the answer comes from an encrypted room (an existing one is upgraded), so a private answer is
//! never less protected than the room it answers.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use bot_core::domain::{Audience, PlaceId, PostKind};
use bot_core::engine::{Delivery, Engine};
use bot_core::telemetry::{self, DeliveryKind};
use matrix_sdk::ruma::api::client::room::create_room::v3::{Request as CreateRoom, RoomPreset};
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::InitialStateEvent;
use matrix_sdk::ruma::{
    EventId, OwnedEventId, OwnedRoomId, OwnedTransactionId, OwnedUserId, RoomId, TransactionId,
    UserId,
};
use matrix_sdk::{Client, Room, RoomMemberships, RoomState};
use serde_json::{json, Value};
use tokio::sync::watch;

use crate::render::{render_in, user_id_of};
use crate::retry::{send_once, with_retry, Policy};

/// The reaction that acknowledges a member's own action on their command.
pub const ACK: &str = "✅";
/// The reaction on a member's command whose answer went to their direct room.
pub const IN_DIRECT_ROOM: &str = "📬";

/// Whether a delivery only acknowledges the member's own action (a reaction, not a message).
fn is_ack(d: &Delivery) -> bool {
    matches!(d.post.audience, Audience::Reply(_)) && d.post.kind == PostKind::Ack
}

/// Whether a delivery goes to the member's direct room rather than the meeting room.
pub fn goes_to_direct_room(d: &Delivery) -> bool {
    match d.post.audience {
        Audience::Place | Audience::Floor(_) => false,
        Audience::Reply(_) => !is_ack(d),
        Audience::Private(_) => true,
    }
}

/// Why a delivery did not go out (it stays in the core's outbox and is retried).
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("the Matrix adapter is not connected yet")]
    NotReady,
    #[error("the Matrix adapter has stopped")]
    Stopped,
    #[error("not a Matrix place or member id")]
    BadId,
    #[error(transparent)]
    Sdk(#[from] matrix_sdk::Error),
}

/// The Matrix room of a place id `matrix:!room…`.
pub fn room_id_of(place: &PlaceId) -> Option<OwnedRoomId> {
    let raw = place.as_str().strip_prefix("matrix:")?;
    RoomId::parse(raw).ok()
}

/// A transaction id for a delivery: the core's key (stable across redeliveries) plus a hash of
/// what is said and where, so a reused outbox id (a fresh database behind an old bot device) can
/// never make the homeserver swallow a different message as a duplicate.
pub fn transaction_id(d: &Delivery) -> OwnedTransactionId {
    match d.key() {
        Some(key) => {
            let post = serde_json::to_string(&d.post).unwrap_or_default();
            let h = fnv1a(&[d.place.as_str().as_bytes(), b"\0", post.as_bytes()]);
            format!("{key}-{h:016x}").into()
        }
        None => TransactionId::new(),
    }
}

/// The transaction id of a session's status message post: the same for every attempt to post
/// it (also across calls and restarts), so a post whose answer was lost is not made twice —
/// the homeserver answers a repeat with the first event.
pub fn status_transaction_id(place: &PlaceId, opened_at: i64) -> OwnedTransactionId {
    let h = fnv1a(&[place.as_str().as_bytes(), b"\0", &opened_at.to_le_bytes()]);
    format!("st-{h:016x}").into()
}

fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

pub struct Outbound {
    client: Client,
    engine: Engine,
    prefix: String,
    policy: Policy,
    ready: watch::Receiver<bool>,
    stopped: AtomicBool,
    /// Member → their direct room with the bot.
    direct: tokio::sync::Mutex<HashMap<OwnedUserId, OwnedRoomId>>,
}

impl Outbound {
    pub fn new(
        client: Client,
        engine: Engine,
        prefix: String,
        ready: watch::Receiver<bool>,
    ) -> Outbound {
        Outbound {
            client,
            engine,
            prefix,
            policy: Policy::default(),
            ready,
            stopped: AtomicBool::new(false),
            direct: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
    }

    fn check_running(&self) -> Result<(), SendError> {
        if self.stopped.load(Ordering::SeqCst) {
            return Err(SendError::Stopped);
        }
        if !*self.ready.borrow() {
            return Err(SendError::NotReady);
        }
        Ok(())
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// A joined room of the bot.
    pub fn joined_room(&self, room_id: &RoomId) -> Option<Room> {
        self.client
            .get_room(room_id)
            .filter(|r| r.state() == RoomState::Joined)
    }

    /// Delivers one post. `reply_to`: the member's command event, for replies in the room.
    /// `Ok(None)`: nothing was sent and nothing ever will be (the bot left the room, or the
    /// homeserver refuses the message for good): the post counts as delivered, so it does not
    /// stay in the outbox forever. Network trouble and the like are errors: the post is kept.
    /// Counted in `/metrics` as `kind` (failed unless a message was sent).
    pub async fn deliver(
        &self,
        d: &Delivery,
        reply_to: Option<&EventId>,
        kind: DeliveryKind,
    ) -> Result<Option<OwnedEventId>, SendError> {
        let result = self.deliver_uncounted(d, reply_to).await;
        if !is_ack(d) {
            // An acknowledgement is a reaction, counted as one when it is sent.
            telemetry::delivery("matrix", kind, matches!(result, Ok(Some(_))));
        }
        result
    }

    async fn deliver_uncounted(
        &self,
        d: &Delivery,
        reply_to: Option<&EventId>,
    ) -> Result<Option<OwnedEventId>, SendError> {
        match self.try_deliver(d, reply_to).await {
            Err(SendError::BadId) => {
                tracing::warn!(place = %d.place, "not a Matrix place or member; post dropped");
                Ok(None)
            }
            Err(SendError::Sdk(e)) if refused_for_good(&e) => {
                tracing::warn!(place = %d.place, error = %e, "the homeserver refused a post; dropped");
                Ok(None)
            }
            other => other,
        }
    }

    async fn try_deliver(
        &self,
        d: &Delivery,
        reply_to: Option<&EventId>,
    ) -> Result<Option<OwnedEventId>, SendError> {
        self.check_running()?;
        let room_id = room_id_of(&d.place).ok_or(SendError::BadId)?;
        let meeting_room = self.joined_room(&room_id);
        let tz = self.engine.timezone_of(&d.place).await;
        let room = match &d.post.audience {
            // Matrix has no server-side floor control for calls: nothing links a channel here,
            // so no floor change is ever made for a Matrix place.
            Audience::Floor(_) => return Ok(None),
            Audience::Reply(_) if is_ack(d) => {
                // The member's own action, shown on the live status: a ✅ on their command says
                // it was done. Without a command to react to (a ✋ reaction did it) nothing is sent.
                let (Some(room), Some(event)) = (meeting_room, reply_to) else {
                    return Ok(None);
                };
                let id = self.react(&room, event, ACK, &transaction_id(d)).await?;
                return Ok(Some(id));
            }
            Audience::Place => {
                let Some(room) = meeting_room else {
                    tracing::warn!(place = %d.place, "not in this room any more; post dropped");
                    return Ok(None);
                };
                if matches!(d.post.kind, PostKind::RoundStarted | PostKind::Turn) {
                    return self.send_call(&room, d, &tz).await.map(Some);
                }
                room
            }
            Audience::Reply(member) | Audience::Private(member) => {
                let user = user_id_of(member)
                    .and_then(|u| UserId::parse(u).ok())
                    .ok_or(SendError::BadId)?;
                let encrypted = match &meeting_room {
                    Some(r) => r
                        .latest_encryption_state()
                        .await
                        .map(|s| s.is_encrypted())
                        .unwrap_or(true),
                    None => true,
                };
                self.direct_room(&user, encrypted).await?
            }
        };
        let content = render_in(
            &d.post.message,
            d.post.lang,
            &self.prefix,
            self.engine.now(),
            &tz,
        )
        .content();
        let txn = transaction_id(d);
        let id = self.send_uncounted(&room, content, &txn).await?;
        Ok(Some(id))
    }

    /// Sends with the adapter's retry; `attempt` makes one try (see [`attempt`]).
    async fn retried<F, Fut>(&self, what: &str, attempt: F) -> Result<OwnedEventId, SendError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = matrix_sdk::Result<OwnedEventId>>,
    {
        if self.stopped.load(Ordering::SeqCst) {
            return Err(SendError::Stopped);
        }
        Ok(with_retry(self.policy, what, attempt).await?)
    }

    /// Sends a speaker's call. Each attempt first lets the engine move the turn if the call is
    /// late by then (a rate limit held it back: [`Engine::call_going_out`]), so the times it
    /// states are true when it reaches the room; a moved call is a new message (new transaction
    /// id), an unmoved one keeps its id on every attempt.
    async fn send_call(
        &self,
        room: &Room,
        d: &Delivery,
        tz: &str,
    ) -> Result<OwnedEventId, SendError> {
        self.retried("send a speaker's call", || async {
            let d = match self.engine.call_going_out(d).await {
                Ok(moved) => moved,
                Err(e) => {
                    tracing::warn!(error = %e, "could not check whether a call is late");
                    d.clone()
                }
            };
            let content = render_in(
                &d.post.message,
                d.post.lang,
                &self.prefix,
                self.engine.now(),
                tz,
            )
            .content();
            attempt(room, "m.room.message", content, &transaction_id(&d)).await
        })
        .await
    }

    /// Reacts with `key` to `event` in `room`, with retries and one transaction id; counted in
    /// `/metrics` as a reaction.
    pub async fn react(
        &self,
        room: &Room,
        event: &EventId,
        key: &str,
        txn: &TransactionId,
    ) -> Result<OwnedEventId, SendError> {
        let content = json!({
            "m.relates_to": { "rel_type": "m.annotation", "event_id": event, "key": key }
        });
        let result = self
            .retried("react to a command", || {
                attempt(room, "m.reaction", content.clone(), txn)
            })
            .await;
        telemetry::count_delivery("matrix", DeliveryKind::Reaction, result)
    }

    /// Sends `m.room.message` content with retries (the same transaction id on every attempt),
    /// counted in `/metrics` as `kind`.
    pub async fn send(
        &self,
        room: &Room,
        content: Value,
        txn: &TransactionId,
        kind: DeliveryKind,
    ) -> Result<OwnedEventId, SendError> {
        telemetry::count_delivery(
            "matrix",
            kind,
            self.send_uncounted(room, content, txn).await,
        )
    }

    async fn send_uncounted(
        &self,
        room: &Room,
        content: Value,
        txn: &TransactionId,
    ) -> Result<OwnedEventId, SendError> {
        self.retried("send a message", || {
            attempt(room, "m.room.message", content.clone(), txn)
        })
        .await
    }

    /// The member's direct room: remembered, else found in `m.direct`, else created.
    async fn direct_room(&self, user: &UserId, encrypted: bool) -> Result<Room, SendError> {
        let mut direct = self.direct.lock().await;
        let remembered = direct.get(user).and_then(|id| self.joined_room(id));
        let mut room = None;
        if let Some(r) = remembered {
            if member_still_there(&r, user).await {
                room = Some(r);
            }
        }
        if room.is_none() {
            for r in self.client.get_dm_rooms(user) {
                if member_still_there(&r, user).await {
                    room = Some(r);
                    break;
                }
            }
        }
        let room = match room {
            Some(r) => {
                if encrypted && !r.latest_encryption_state().await?.is_encrypted() {
                    tracing::info!("encrypting a direct room for an answer from an encrypted room");
                    with_retry(self.policy, "enable encryption", || r.enable_encryption()).await?;
                }
                r
            }
            None => self.create_direct_room(user, encrypted).await?,
        };
        direct.insert(user.to_owned(), room.room_id().to_owned());
        Ok(room)
    }

    async fn create_direct_room(&self, user: &UserId, encrypted: bool) -> Result<Room, SendError> {
        let mut request = CreateRoom::new();
        request.invite = vec![user.to_owned()];
        request.is_direct = true;
        request.preset = Some(RoomPreset::TrustedPrivateChat);
        if encrypted {
            request.initial_state = vec![InitialStateEvent::with_empty_state_key(
                RoomEncryptionEventContent::with_recommended_defaults(),
            )
            .to_raw_any()];
        }
        let room = with_retry(self.policy, "create a direct room", || {
            self.client.create_room(request.clone())
        })
        .await?;
        tracing::info!(encrypted, "created a direct room for private answers");
        Ok(room)
    }
}

/// One try at sending an event, with its transaction id; matrix-sdk is told not to retry it on
/// its own ([`send_once`]), so every rate limit reaches the adapter's retry and is counted.
async fn attempt(
    room: &Room,
    event_type: &str,
    content: Value,
    txn: &TransactionId,
) -> matrix_sdk::Result<OwnedEventId> {
    let sent = room
        .send_raw(event_type, content)
        .with_transaction_id(txn)
        .with_request_config(send_once())
        .await?;
    Ok(sent.response.event_id)
}

/// A refusal that no retry will change (no permission, bad request, unknown room, too large).
/// Authentication failures are not among them: the operator can fix those, and the posts wait.
fn refused_for_good(e: &matrix_sdk::Error) -> bool {
    use crate::retry::{Classify, Hint};
    e.hint() == Hint::Permanent
        && e.as_client_api_error()
            .is_some_and(|api| matches!(api.status_code.as_u16(), 400 | 403 | 404 | 413))
}

/// Whether `user` is still joined to or invited into `room` (unknown counts as yes: the room was
/// just made and not synced yet).
async fn member_still_there(room: &Room, user: &UserId) -> bool {
    if room.state() != RoomState::Joined {
        return false;
    }
    match room.get_member_no_sync(user).await {
        Ok(Some(m)) => matches!(
            m.membership(),
            matrix_sdk::ruma::events::room::member::MembershipState::Join
                | matrix_sdk::ruma::events::room::member::MembershipState::Invite
        ),
        Ok(None) => {
            // Not in the local state at all: trust it only if the room is tiny and new.
            room.members_no_sync(RoomMemberships::ACTIVE)
                .await
                .map(|m| m.len() <= 1)
                .unwrap_or(false)
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::{Message, Post, PostKind};

    fn delivery(id: Option<i64>, text: &str) -> Delivery {
        Delivery {
            outbox_id: id,
            place: PlaceId::new("matrix:!abc:localhost"),
            post: Post {
                audience: Audience::Place,
                kind: PostKind::Notice,
                message: Message::text(text),
                lang: Default::default(),
            },
        }
    }

    #[test]
    fn transaction_ids_are_stable_per_post_and_differ_between_posts() {
        let a = transaction_id(&delivery(Some(7), "Time, Ana."));
        assert_eq!(a, transaction_id(&delivery(Some(7), "Time, Ana.")));
        assert!(a.as_str().starts_with("sc-7-"));
        assert_ne!(a, transaction_id(&delivery(Some(7), "Welcome.")));
        assert_ne!(
            transaction_id(&delivery(None, "x")),
            transaction_id(&delivery(None, "x"))
        );
    }

    #[test]
    fn a_status_post_has_one_transaction_id_per_session() {
        let p = PlaceId::new("matrix:!abc:localhost");
        let q = PlaceId::new("matrix:!other:localhost");
        assert_eq!(status_transaction_id(&p, 5), status_transaction_id(&p, 5));
        assert_ne!(status_transaction_id(&p, 5), status_transaction_id(&p, 6));
        assert_ne!(status_transaction_id(&p, 5), status_transaction_id(&q, 5));
    }

    #[test]
    fn places_map_to_rooms() {
        assert_eq!(
            room_id_of(&PlaceId::new("matrix:!abc:localhost")).unwrap(),
            "!abc:localhost"
        );
        assert_eq!(
            room_id_of(&PlaceId::new("matrix:!opaqueV12id")).unwrap(),
            "!opaqueV12id"
        );
        assert!(room_id_of(&PlaceId::new("discord:1:2")).is_none());
    }
}
