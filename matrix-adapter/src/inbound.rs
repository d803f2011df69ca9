//! Matrix events in: the sync event handlers (which only filter — history, repeats, the bot's own
//! events — and queue) and the one worker that turns queued events into core commands in order:
//! `!` text → `Engine::handle_text`, a ✋ reaction on the status message → `Hand`, its redaction →
//! `HandDown`, invites from allowed inviters → join, kicks and bans → forget the room. The text
//! of messages is read only to find commands; it is never logged or kept.

use std::sync::Arc;
use std::time::Duration;

use bot_core::domain::{Audience, Command, PlaceId, PostKind, RejectionCode};
use bot_core::engine::status::StatusBoard;
use bot_core::engine::{Delivery, Engine, Executed};
use bot_core::telemetry::DeliveryKind;
use matrix_sdk::event_handler::EventHandlerHandle;
use matrix_sdk::ruma::events::reaction::OriginalSyncReactionEvent;
use matrix_sdk::ruma::events::room::member::{
    MembershipState, StrippedRoomMemberEvent, SyncRoomMemberEvent,
};
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation,
};
use matrix_sdk::ruma::events::room::redaction::OriginalSyncRoomRedactionEvent;
use matrix_sdk::ruma::{
    EventId, MilliSecondsSinceUnixEpoch, OwnedEventId, OwnedUserId, TransactionId, UserId,
};
use matrix_sdk::{Client, Room, RoomState};
use tokio::sync::mpsc;

use crate::dedupe::Gate;
use crate::lanes::{Lanes, Priority};
use crate::outbound::{goes_to_direct_room, room_id_of, Outbound, IN_DIRECT_ROOM};
use crate::render::user_id_of;
use crate::roles::{actor, place_id};
use crate::state::AdapterState;
use crate::status::is_hand;

/// One event worth acting on.
pub enum Inbound {
    Text {
        room: Room,
        event_id: OwnedEventId,
        sender: OwnedUserId,
        body: String,
    },
    Reaction {
        room: Room,
        event_id: OwnedEventId,
        sender: OwnedUserId,
        target: OwnedEventId,
    },
    Redaction {
        room: Room,
        redacts: OwnedEventId,
        sender: OwnedUserId,
    },
    Invite {
        room: Room,
        inviter: OwnedUserId,
    },
    Removed {
        room: Room,
    },
}

fn ts(t: MilliSecondsSinceUnixEpoch) -> i64 {
    i64::try_from(u64::from(t.0)).unwrap_or(i64::MAX)
}

/// A reply's own text, without the quoted fallback (`> <@user> …` lines and the blank line after
/// them) that older clients put in front of it.
pub fn strip_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    let mut rest = body;
    while rest.starts_with('>') {
        match rest.find('\n') {
            Some(i) => rest = &rest[i + 1..],
            None => return "",
        }
    }
    rest.strip_prefix('\n').unwrap_or(rest)
}

/// Registers the handlers; they feed `tx`. They hold no client (no reference cycle).
pub fn register(
    client: &Client,
    tx: mpsc::UnboundedSender<Inbound>,
    gate: Arc<Gate>,
    me: OwnedUserId,
) -> Vec<EventHandlerHandle> {
    let mut handles = Vec::new();

    let (t, g, m) = (tx.clone(), gate.clone(), me.clone());
    handles.push(
        client.add_event_handler(move |ev: OriginalSyncRoomMessageEvent, room: Room| {
            let (t, g, m) = (t.clone(), g.clone(), m.clone());
            async move {
                if ev.sender == m || !g.admit(ev.event_id.as_str(), ts(ev.origin_server_ts)) {
                    return;
                }
                if matches!(ev.content.relates_to, Some(Relation::Replacement(_))) {
                    return; // an edit is not a new command
                }
                let is_reply = matches!(
                    ev.content.relates_to,
                    Some(Relation::Reply(_) | Relation::Thread(_))
                );
                if let MessageType::Text(text) = ev.content.msgtype {
                    let body = if is_reply {
                        strip_reply_fallback(&text.body).to_string()
                    } else {
                        text.body
                    };
                    let _ = t.send(Inbound::Text {
                        room,
                        event_id: ev.event_id,
                        sender: ev.sender,
                        body,
                    });
                }
            }
        }),
    );

    let (t, g, m) = (tx.clone(), gate.clone(), me.clone());
    handles.push(
        client.add_event_handler(move |ev: OriginalSyncReactionEvent, room: Room| {
            let (t, g, m) = (t.clone(), g.clone(), m.clone());
            async move {
                if ev.sender == m || !g.admit(ev.event_id.as_str(), ts(ev.origin_server_ts)) {
                    return;
                }
                if is_hand(&ev.content.relates_to.key) {
                    let _ = t.send(Inbound::Reaction {
                        room,
                        event_id: ev.event_id,
                        sender: ev.sender,
                        target: ev.content.relates_to.event_id,
                    });
                }
            }
        }),
    );

    let (t, g, m) = (tx.clone(), gate.clone(), me.clone());
    handles.push(client.add_event_handler(
        move |ev: OriginalSyncRoomRedactionEvent, room: Room| {
            let (t, g, m) = (t.clone(), g.clone(), m.clone());
            async move {
                if ev.sender == m || !g.admit(ev.event_id.as_str(), ts(ev.origin_server_ts)) {
                    return;
                }
                let redacts = ev.redacts.clone().or(ev.content.redacts.clone());
                if let Some(redacts) = redacts {
                    let _ = t.send(Inbound::Redaction {
                        room,
                        redacts,
                        sender: ev.sender,
                    });
                }
            }
        },
    ));

    let (t, m) = (tx.clone(), me.clone());
    handles.push(
        client.add_event_handler(move |ev: StrippedRoomMemberEvent, room: Room| {
            let (t, m) = (t.clone(), m.clone());
            async move {
                if ev.state_key == m
                    && ev.content.membership == MembershipState::Invite
                    && room.state() == RoomState::Invited
                {
                    let _ = t.send(Inbound::Invite {
                        room,
                        inviter: ev.sender,
                    });
                }
            }
        }),
    );

    let (t, m) = (tx, me);
    handles.push(
        client.add_event_handler(move |ev: SyncRoomMemberEvent, room: Room| {
            let (t, m) = (t.clone(), m.clone());
            async move {
                let removed = matches!(
                    ev.membership(),
                    MembershipState::Leave | MembershipState::Ban
                );
                if ev.state_key() == &m && removed && ev.sender() != m {
                    let _ = t.send(Inbound::Removed { room });
                }
            }
        }),
    );

    handles
}

/// Sends what one command produced, in its room's lane.
#[derive(Clone)]
pub struct Deliverer {
    pub engine: Engine,
    pub out: Arc<Outbound>,
    pub status: Arc<StatusBoard>,
    pub state: Arc<AdapterState>,
}

impl Deliverer {
    /// Delivers an execution's posts in order, updates the status message, acknowledges what
    /// went out. Refusals with a code in `quiet` are not sent (nor kept).
    async fn deliver(
        self,
        place: PlaceId,
        executed: Executed,
        reply_to: Option<OwnedEventId>,
        quiet: Vec<RejectionCode>,
    ) {
        let (place, reply_to) = (&place, reply_to.as_deref());
        let silent = executed.rejected.is_some_and(|c| quiet.contains(&c));
        let mut delivered: Vec<Delivery> = Vec::new();
        let mut in_direct_room = false;
        for d in &executed.deliveries {
            if silent && d.post.kind == PostKind::Refusal {
                continue;
            }
            let to = if &d.place == place { reply_to } else { None };
            match self.out.deliver(d, to, DeliveryKind::Answer).await {
                Ok(sent) => {
                    in_direct_room |= sent.is_some() && goes_to_direct_room(d);
                    if d.post.kind == PostKind::Forgotten {
                        if let Audience::Private(member) = &d.post.audience {
                            if let Some(user) = user_id_of(member) {
                                self.state.forget_user(user);
                            }
                        }
                    }
                    delivered.push(d.clone());
                }
                Err(e) => {
                    tracing::warn!(place = %d.place, error = %e, "a post could not be delivered; kept for a retry")
                }
            }
        }
        if let (true, Some(command)) = (in_direct_room, reply_to) {
            // One pointer on the command: the answer is in the member's direct room.
            self.point_to_direct_room(place, command).await;
        }
        if let Some(status) = executed.status {
            self.status.show(&self.engine, place, status).await;
        }
        if let Err(e) = self.engine.acknowledge(&delivered).await {
            tracing::error!(error = %e, "could not acknowledge delivered posts");
        }
    }

    async fn point_to_direct_room(&self, place: &PlaceId, command: &EventId) {
        let Some(room) = room_id_of(place).and_then(|r| self.out.joined_room(&r)) else {
            return;
        };
        let txn = TransactionId::new();
        if let Err(e) = self.out.react(&room, command, IN_DIRECT_ROOM, &txn).await {
            tracing::warn!(place = %place, error = %e, "could not point to a direct room");
        }
    }
}

/// The worker's view of the adapter.
pub struct Worker {
    pub engine: Engine,
    pub deliverer: Deliverer,
    pub lanes: Arc<Lanes>,
    pub state: Arc<AdapterState>,
    pub may_invite: Box<dyn Fn(&str) -> bool + Send + Sync>,
    pub admin_level: i64,
    pub host_level: i64,
}

impl Worker {
    /// Handles queued events one at a time, in the order they were synced.
    pub async fn run(self, mut rx: mpsc::UnboundedReceiver<Inbound>) {
        while let Some(item) = rx.recv().await {
            match item {
                Inbound::Text {
                    room,
                    event_id,
                    sender,
                    body,
                } => self.on_text(&room, &event_id, &sender, &body).await,
                Inbound::Reaction {
                    room,
                    event_id,
                    sender,
                    target,
                } => self.on_reaction(&room, &event_id, &sender, &target).await,
                Inbound::Redaction {
                    room,
                    redacts,
                    sender,
                } => self.on_redaction(&room, &redacts, &sender).await,
                Inbound::Invite { room, inviter } => self.on_invite(room, &inviter).await,
                Inbound::Removed { room } => self.on_removed(room).await,
            }
        }
    }

    async fn on_text(&self, room: &Room, event_id: &EventId, sender: &UserId, body: &str) {
        if room.state() != RoomState::Joined {
            return;
        }
        let place = place_id(room.room_id());
        let who = actor(room, sender, self.admin_level, self.host_level).await;
        match self.engine.handle_text(&place, who, body).await {
            Ok(None) => {}
            Ok(Some(executed)) => self.finish(&place, executed, Some(event_id), &[]),
            Err(e) => {
                tracing::error!(place = %place, error = %e, "a command could not be executed")
            }
        }
    }

    async fn on_reaction(
        &self,
        room: &Room,
        event_id: &EventId,
        sender: &UserId,
        target: &EventId,
    ) {
        let place = place_id(room.room_id());
        let status = self.deliverer.status.message_of(&self.engine, &place).await;
        if status.as_deref() != Some(target.as_str()) {
            return; // ✋ on anything but the live status message means nothing
        }
        let who = actor(room, sender, self.admin_level, self.host_level).await;
        match self.engine.execute(&place, who, Command::Hand).await {
            Ok(executed) => {
                if matches!(executed.rejected, None | Some(RejectionCode::AlreadyQueued)) {
                    self.state
                        .add_reaction(place.as_str(), event_id.as_str(), sender.as_str());
                }
                // Repeating a gesture is not a mistake worth a private message.
                self.finish(&place, executed, None, &[RejectionCode::AlreadyQueued])
            }
            Err(e) => {
                tracing::error!(place = %place, error = %e, "a reaction could not be executed")
            }
        }
    }

    async fn on_redaction(&self, room: &Room, redacts: &EventId, sender: &UserId) {
        let place = place_id(room.room_id());
        let Some((reaction_place, user)) = self.state.take_reaction(redacts.as_str()) else {
            return;
        };
        if reaction_place != place.as_str() || user != sender.as_str() {
            return; // only the member's own removal of their own ✋ lowers their hand
        }
        let who = actor(room, sender, self.admin_level, self.host_level).await;
        match self.engine.execute(&place, who, Command::HandDown).await {
            Ok(executed) => self.finish(&place, executed, None, &[RejectionCode::NotQueued]),
            Err(e) => {
                tracing::error!(place = %place, error = %e, "a redaction could not be executed")
            }
        }
    }

    /// Queues the delivery of an execution's posts in the room's lane and returns at once: the
    /// next command is applied while these go out. Refusals with a code in `quiet` are not sent.
    fn finish(
        &self,
        place: &PlaceId,
        executed: Executed,
        reply_to: Option<&EventId>,
        quiet: &[RejectionCode],
    ) {
        let priority = if executed.deliveries.iter().any(|d| d.post.kind.is_timing()) {
            Priority::Meeting
        } else {
            Priority::Answer
        };
        // A member's own gesture that only needs a ✅ (and changes the status) is superseded by
        // their next one while it waits: its status is older than the next one's.
        let supersedable = priority == Priority::Answer
            && executed.rejected.is_none()
            && executed.status.is_some()
            && !executed.deliveries.is_empty()
            && (executed.deliveries.iter()).all(|d| d.post.kind == PostKind::Ack);
        let key = supersedable.then(|| executed.deliveries[0].post.audience.clone());
        let job = self.deliverer.clone().deliver(
            place.clone(),
            executed,
            reply_to.map(ToOwned::to_owned),
            quiet.to_vec(),
        );
        match key {
            Some(Audience::Reply(member)) => {
                (self.lanes).push_superseding(place, member.as_str().to_string(), Box::pin(job))
            }
            _ => self.lanes.push(place, priority, Box::pin(job)),
        }
    }

    async fn on_invite(&self, room: Room, inviter: &UserId) {
        if room.state() != RoomState::Invited {
            return;
        }
        if !(self.may_invite)(inviter.as_str()) {
            tracing::info!(room = %room.room_id(), "declining an invite from someone not allowed to invite the bot");
            if let Err(e) = room.leave().await {
                tracing::warn!(error = %e, "could not decline an invite");
            }
            return;
        }
        // Synapse may refuse a join that follows the invite too closely: retry a few times.
        let mut delay = Duration::from_millis(200);
        for attempt in 1..=6 {
            match room.join().await {
                Ok(()) => {
                    tracing::info!(room = %room.room_id(), "joined a room on invite");
                    return;
                }
                Err(e) if attempt < 6 => {
                    tracing::info!(error = %e, attempt, "joining failed; retrying");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(5));
                }
                Err(e) => {
                    tracing::warn!(room = %room.room_id(), error = %e, "could not join a room")
                }
            }
        }
    }

    async fn on_removed(&self, room: Room) {
        let place = place_id(room.room_id());
        self.state.clear_reactions(place.as_str());
        self.deliverer.status.forget(&self.engine, &place).await;
        if room.state() == RoomState::Left || room.state() == RoomState::Banned {
            tracing::info!(room = %room.room_id(), "removed from a room; forgetting it");
            if let Err(e) = room.forget().await {
                tracing::warn!(error = %e, "could not forget a room");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_reply_fallback;

    #[test]
    fn reply_fallbacks_are_stripped() {
        assert_eq!(strip_reply_fallback("!done"), "!done");
        assert_eq!(
            strip_reply_fallback("> <@bot:x> Ana, you have the floor\n> more\n\n!done"),
            "!done"
        );
        assert_eq!(strip_reply_fallback("> only a quote"), "");
        assert_eq!(strip_reply_fallback(">no space"), ">no space");
    }
}
