//! Test 7: dropped connections and RECONNECT: serenity resumes, missed dispatches are replayed.

use discord_double::DropMode;
use serde_json::json;
use serenity::all::{
    CreateCommand, CreateInteractionResponse, CreateInteractionResponseMessage, GuildId,
};

use crate::common::{connected, world, Bot, Seen, WAIT};
use discord_double::DiscordDouble;

async fn answer_one(
    double: &DiscordDouble,
    bot: &mut Bot,
    guild: u64,
    channel: u64,
    user: u64,
    text: &str,
) {
    let sent = double.send_slash_command(guild, channel, user, "ping", json!([]));
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();
    assert_eq!(cmd.id.get(), sent.id);
    let msg = CreateInteractionResponseMessage::new().content(text);
    cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
        .await
        .unwrap();
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert!(cb.accepted(), "{cb:?}");
}

#[tokio::test]
async fn serenity_resumes_after_drops_and_reconnect_requests() {
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    GuildId::new(ids.guild)
        .set_commands(
            &bot.http,
            vec![CreateCommand::new("ping").description("Ping")],
        )
        .await
        .unwrap();
    answer_one(&double, &mut bot, ids.guild, ids.general, ids.bob, "before").await;
    let ready = double.identifies()[0].clone();

    // 1. Abrupt TCP close; an interaction dispatched while the bot is away is replayed on RESUME.
    assert!(double.drop_websocket());
    let sent = double.send_slash_command(ids.guild, ids.general, ids.bob, "ping", json!([]));
    double.wait_resumed(1, WAIT).await.unwrap();
    // Replayed dispatches come before RESUMED, as on Discord.
    let (ctx, interaction) = bot.interaction().await;
    bot.next("RESUMED", |e| matches!(e, Seen::Resumed).then_some(()))
        .await;
    let cmd = interaction.command().unwrap();
    assert_eq!(cmd.id.get(), sent.id, "the missed interaction is replayed");
    let msg = CreateInteractionResponseMessage::new().content("replayed");
    cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
        .await
        .unwrap();
    let resume = &double.resumes()[0];
    assert_eq!(resume["token"], ready["token"]);
    assert!(resume["seq"].as_u64().unwrap() >= 2);
    answer_one(
        &double,
        &mut bot,
        ids.guild,
        ids.general,
        ids.bob,
        "after drop",
    )
    .await;

    // 2. A close frame with 4000 (unknown error, resumable).
    assert!(double.drop_websocket_with(DropMode::CloseCode(4000)));
    double.wait_resumed(2, WAIT).await.unwrap();
    answer_one(
        &double,
        &mut bot,
        ids.guild,
        ids.general,
        ids.bob,
        "after 4000",
    )
    .await;

    // 3. op 7 RECONNECT.
    assert!(double.send_reconnect());
    double.wait_resumed(3, WAIT).await.unwrap();
    answer_one(
        &double,
        &mut bot,
        ids.guild,
        ids.general,
        ids.bob,
        "after reconnect",
    )
    .await;

    // 4. op 9 INVALID_SESSION, resumable.
    assert!(double.invalidate_session(true));
    double.wait_resumed(4, WAIT).await.unwrap();
    answer_one(
        &double,
        &mut bot,
        ids.guild,
        ids.general,
        ids.bob,
        "after op 9",
    )
    .await;

    assert_eq!(
        double.identifies().len(),
        1,
        "every reconnection was a RESUME"
    );
    assert_eq!(double.resumes().len(), 4);
    // One connection per session start: IDENTIFY, then one RESUME each.
    let ops: Vec<_> = double
        .gateway_connections()
        .into_iter()
        .map(|c| c.ops)
        .collect();
    assert_eq!(ops, vec![vec![2], vec![6], vec![6], vec![6], vec![6]]);
    assert_eq!(double.messages_in(ids.general).len(), 6);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn each_connection_records_the_close_code_it_ended_with() {
    let (config, _) = world();
    let (double, mut bot) = connected(config).await;
    // Dropped without a close frame: 1006, as Discord would see it. serenity resumes.
    assert!(double.drop_websocket());
    double.wait_resumed(1, WAIT).await.unwrap();
    bot.next("RESUMED", |ev| matches!(ev, Seen::Resumed).then_some(()))
        .await;
    // Closed by the double with a code: that code. serenity resumes again.
    assert!(double.drop_websocket_with(DropMode::CloseCode(4000)));
    double.wait_resumed(2, WAIT).await.unwrap();
    // A client that shuts down sends close 1000 ("normal closure") and gets the reply.
    bot.shard_manager.shutdown_all().await;
    let closed = double.wait_gateway_closed(WAIT).await.unwrap();
    let codes: Vec<Option<u16>> = closed.iter().map(|c| c.close_code).collect();
    assert_eq!(codes, [Some(1006), Some(4000), Some(1000)], "{closed:?}");
    assert_eq!(closed[2].client_close_code, Some(1000));
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.task.abort();
}
