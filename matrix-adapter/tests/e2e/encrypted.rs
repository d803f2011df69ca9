//! The meeting's core path in an end-to-end-encrypted room. The members use matrix-sdk clients
//! (their own crypto stores) so they can encrypt their commands and decrypt the bot's answers.

use std::time::{Duration, Instant};

use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::client::room::create_room::v3::{Request as CreateRoom, RoomPreset};
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::room::member::StrippedRoomMemberEvent;
use matrix_sdk::ruma::events::room::message::{
    OriginalSyncRoomMessageEvent, RoomMessageEventContent,
};
use matrix_sdk::ruma::events::InitialStateEvent;
use matrix_sdk::ruma::{OwnedDeviceId, OwnedEventId, OwnedRoomId, OwnedUserId, RoomId};
use matrix_sdk::{Client, Room, RoomMemberships};
use serde_json::Value;
use synapse_harness::{unique_localpart, Synapse};
use tokio::sync::mpsc;

use crate::common::*;

/// A member on matrix-sdk: sends encrypted, and records every decrypted message it receives.
struct SdkMember {
    client: Client,
    user_id: OwnedUserId,
    rx: mpsc::UnboundedReceiver<Value>,
    seen: Vec<Value>,
    sync: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl SdkMember {
    async fn new(synapse: &Synapse, prefix: &str, name: &str) -> SdkMember {
        let password = "member-password-1";
        let reg = ok(
            synapse,
            synapse
                .register(&unique_localpart(prefix), password, false)
                .await,
        );
        let dir = tempfile::tempdir().expect("a temp dir");
        let client = Client::builder()
            .homeserver_url(synapse.base_url())
            .sqlite_store(dir.path(), None)
            .build()
            .await
            .expect("a member client");
        client
            .matrix_auth()
            .login_username(&reg.user_id, password)
            .initial_device_display_name("member")
            .await
            .expect("the member logs in");
        client
            .account()
            .set_display_name(Some(name))
            .await
            .expect("a display name");
        let (tx, rx) = mpsc::unbounded_channel();
        client.add_event_handler(move |ev: OriginalSyncRoomMessageEvent, room: Room| {
            let tx = tx.clone();
            async move {
                let mut v = serde_json::json!({
                    "event_id": ev.event_id,
                    "sender": ev.sender,
                    "room_id": room.room_id(),
                    "content": serde_json::to_value(&ev.content).unwrap_or_default(),
                });
                // ruma folds the relation into `content.relates_to`; keep the wire name too
                if let Some(rel) = v["content"].get("m.relates_to").cloned() {
                    v["content"]["m.relates_to"] = rel;
                }
                let _ = tx.send(v);
            }
        });
        // join the bot's direct rooms
        client.add_event_handler(
            |ev: StrippedRoomMemberEvent, room: Room, client: Client| async move {
                if Some(ev.state_key.as_ref()) == client.user_id() {
                    let _ = room.join().await;
                }
            },
        );
        client
            .sync_once(SyncSettings::default().timeout(Duration::ZERO))
            .await
            .expect("the first sync");
        let c = client.clone();
        let sync = tokio::spawn(async move {
            loop {
                let _ = c
                    .sync_once(SyncSettings::default().timeout(Duration::from_secs(5)))
                    .await;
            }
        });
        SdkMember {
            user_id: reg.user_id.as_str().try_into().expect("a user id"),
            client,
            rx,
            seen: Vec::new(),
            sync,
            _dir: dir,
        }
    }

    fn room(&self, id: &RoomId) -> Room {
        self.client.get_room(id).expect("a known room")
    }

    async fn say(&self, room: &RoomId, text: &str) -> OwnedEventId {
        self.room(room)
            .send(RoomMessageEventContent::text_plain(text))
            .await
            .expect("the message is sent")
            .response
            .event_id
    }

    /// The next decrypted message from `sender` (not seen before) that matches.
    async fn next(&mut self, sender: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(i) = self
                .seen
                .iter()
                .position(|ev| ev["sender"] == sender && pred(ev))
            {
                return self.seen.remove(i);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.rx.recv()).await {
                Ok(Some(ev)) => self.seen.push(ev),
                _ => panic!(
                    "{} waited in vain; it decrypted:\n{}",
                    self.user_id,
                    self.seen
                        .iter()
                        .map(|e| format!("  {} {}", e["sender"], e["content"]["body"]))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            }
        }
    }

    async fn said(&mut self, bot: &Bot, room: &RoomId, text: &str) -> Value {
        let room = room.to_string();
        self.next(&bot.user_id, |ev| {
            ev["room_id"] == room.as_str() && !is_edit(ev) && body(ev).contains(text)
        })
        .await
    }

    fn stop(self) {
        self.sync.abort();
    }
}

async fn wait_joined(member: &SdkMember, room: &RoomId, user: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(r) = member.client.get_room(room) {
            if let Ok(ms) = r.members(RoomMemberships::JOIN).await {
                if ms.iter().any(|m| m.user_id().as_str() == user) {
                    return;
                }
            }
        }
        assert!(Instant::now() < deadline, "{user} never joined {room}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_in_an_encrypted_room() {
    let synapse = shared().await;
    let mut bot = Bot::start(synapse).await;
    let mut host = SdkMember::new(synapse, "host", "Rosa").await;
    let mut ana = SdkMember::new(synapse, "ana", "Ana").await;

    let mut request = CreateRoom::new();
    request.invite = vec![
        ana.user_id.clone(),
        bot.user_id.as_str().try_into().expect("a user id"),
    ];
    request.preset = Some(RoomPreset::PrivateChat);
    request.initial_state = vec![InitialStateEvent::with_empty_state_key(
        RoomEncryptionEventContent::with_recommended_defaults(),
    )
    .to_raw_any()];
    let room: OwnedRoomId = host
        .client
        .create_room(request)
        .await
        .expect("the room is created")
        .room_id()
        .to_owned();
    wait_joined(&ana, &room, ana.user_id.as_str()).await;
    wait_joined(&host, &room, &bot.user_id).await;
    wait_joined(&host, &room, ana.user_id.as_str()).await;
    assert!(host
        .room(&room)
        .latest_encryption_state()
        .await
        .expect("state")
        .is_encrypted());

    host.say(&room, "!open").await;
    let welcome = ana.said(&bot, &room, "The session is open.").await;
    well_formed(&welcome);
    assert!(mentioned(&welcome).is_empty());
    let status = ana.said(&bot, &room, "Session open").await;
    let status_id: OwnedEventId = status["event_id"]
        .as_str()
        .expect("an id")
        .try_into()
        .expect("an event id");

    ana.say(&room, "!checkin calm").await;
    host.said(&bot, &room, "Welcome, Ana.").await;
    host.say(&room, "!checkin").await;
    ana.said(&bot, &room, "Welcome, Rosa.").await;

    // ✋ on the status message (reactions travel in the clear, as Element sends them too)
    ana.room(&room)
        .send(ReactionEventContent::new(Annotation::new(
            status_id,
            "✋".into(),
        )))
        .await
        .expect("the reaction is sent");
    // No message for it: the status message shows the queue.
    let room_str = room.to_string();
    host.next(&bot.user_id, |ev| {
        ev["room_id"] == room_str.as_str()
            && is_edit(ev)
            && ev["content"]["m.new_content"]["body"]
                .as_str()
                .is_some_and(|b| b.contains("Queue (1)"))
    })
    .await;

    host.say(&room, "!round start 1m").await;
    let start = ana.said(&bot, &room, "Ana, you have the floor").await;
    assert_eq!(mentioned(&start), vec![ana.user_id.to_string()]);
    assert!(html(&start).contains(&format!("https://matrix.to/#/{}", ana.user_id)));
    bot.advance(secs(30)).await;
    host.said(&bot, &room, "Ana, 30 seconds left").await;
    bot.advance(secs(30)).await;
    // "time" also calls Rosa (a pill for her only); her turn starts after the grace, silently
    let time = host.said(&bot, &room, "Time, Ana.").await;
    assert!(body(&time).contains("Rosa, you're next"), "{time}");
    assert_eq!(mentioned(&time), vec![host.user_id.to_string()]);
    bot.advance(secs(10)).await;
    host.say(&room, "!done").await;
    ana.said(&bot, &room, "Thank you, Rosa.").await;

    // a private answer from an encrypted room goes to an encrypted direct room
    ana.say(&room, "!crisis").await;
    let crisis = ana
        .next(&bot.user_id, |ev| {
            ev["room_id"] != room.as_str() && body(ev).contains("findahelpline.com")
        })
        .await;
    well_formed(&crisis);
    let dm_id: OwnedRoomId = crisis["room_id"]
        .as_str()
        .expect("a room")
        .try_into()
        .expect("a room id");
    assert!(ana
        .room(&dm_id)
        .latest_encryption_state()
        .await
        .expect("state")
        .is_encrypted());

    // the bot's own device is cross-signed (clients that exclude insecure devices include it)
    let bot_user: OwnedUserId = bot.user_id.as_str().try_into().expect("a user id");
    let bot_device: OwnedDeviceId = bot.handle().device_id().into();
    let device = host
        .client
        .encryption()
        .get_device(&bot_user, &bot_device)
        .await
        .expect("the device store answers")
        .expect("the bot's device is known");
    assert!(
        device.is_cross_signed_by_owner(),
        "the bot's device is cross-signed"
    );

    // restarted, the bot still decrypts and encrypts with the same device and keys
    bot.restart(synapse).await;
    assert_eq!(bot.handle().device_id(), bot_device.as_str());
    host.say(&room, "!close").await;
    ana.said(&bot, &room, "Session closed.").await;
    host.stop();
    ana.stop();
    bot.shutdown().await;
}
