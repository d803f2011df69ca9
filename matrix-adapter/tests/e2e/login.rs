//! Login with an access token (the device is the token's, kept across restarts), invites only
//! from allowed inviters, and rooms the bot is kicked from are forgotten.

use std::time::Instant;

use matrix_sdk::ruma::RoomId;
use sharecircle_config::{MatrixAuth, Secret};

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_token_login_keeps_the_token_device() {
    let synapse = shared().await;
    let s = synapse;
    let mut token_device = String::new();
    let mut bot = Bot::start_with(s, |config, reg| {
        config.auth = MatrixAuth::AccessToken(Secret::new(reg.access_token.clone()));
        token_device = reg.device_id.clone();
    })
    .await;
    assert_eq!(bot.handle().device_id(), token_device);
    assert!(bot.handle().first_start());
    let host = member(s, "host", "Rosa").await;
    let room = meeting_room(s, &host, &bot, &[], false).await;
    ok(s, host.send_text(&room, "!open").await);
    said(s, &host, &bot, &room, "The session is open").await;

    bot.restart(s).await;
    assert_eq!(bot.handle().device_id(), token_device);
    assert!(!bot.handle().first_start());
    ok(s, host.send_text(&room, "!close").await);
    said(s, &host, &bot, &room, "Session closed.").await;
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invites_from_strangers_are_declined_and_kicks_forget_the_room() {
    let synapse = shared().await;
    let s = synapse;
    let friend = member(s, "friend", "Fran").await;
    let stranger = member(s, "stranger", "Stan").await;
    let friend_id = friend.user_id().to_string();
    let bot = Bot::start_with(s, |config, _| {
        config.allowed_inviters = vec![friend_id];
    })
    .await;
    let bot_id = bot.user_id.clone();

    // a stranger's invite is declined
    let theirs = ok(
        s,
        stranger.create_room("Elsewhere", &[&bot_id], false).await,
    );
    ok(
        s,
        stranger
            .wait_for_membership(&theirs, &bot_id, "leave", WAIT)
            .await,
    );

    // a friend's invite is accepted; a kick makes the bot forget the room
    let room = meeting_room(s, &friend, &bot, &[], false).await;
    ok(s, friend.send_text(&room, "!open").await);
    status_message(s, &friend, &bot, &room).await;
    kick(s, &friend, &room, &bot_id).await;
    let room_id = RoomId::parse(&room).expect("a room id");
    let deadline = Instant::now() + WAIT;
    while bot.handle().client().get_room(&room_id).is_some() {
        assert!(Instant::now() < deadline, "the room was never forgotten");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    bot.shutdown().await;
}
