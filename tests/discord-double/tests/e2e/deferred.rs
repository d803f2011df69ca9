//! Test 5: deferred responses then edits, and the interaction window.

use std::time::Duration;

use serde_json::json;
use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, EditInteractionResponse,
    GuildId,
};
use serenity::http::HttpError;

use crate::common::{connected, world, WAIT};

fn code(err: &serenity::Error) -> (u16, isize) {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            (r.status_code.as_u16(), r.error.code)
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn defer_then_edit_response_then_followup_and_late_callbacks_expire() {
    let (config, ids) = world();
    let config = config.interaction_window(Duration::from_millis(300));
    let (double, mut bot) = connected(config).await;
    let report = CreateCommand::new("report")
        .description("Attendance report")
        .add_option(CreateCommandOption::new(
            CommandOptionType::String,
            "circle",
            "Which circle",
        ));
    GuildId::new(ids.guild)
        .set_commands(&bot.http, vec![report])
        .await
        .unwrap();

    let sent = double.send_slash_command(ids.guild, ids.general, ids.alice, "report", json!([]));
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();
    // Following up before acknowledging is refused.
    let early = cmd
        .create_followup(
            &ctx.http,
            CreateInteractionResponseFollowup::new().content("too early"),
        )
        .await
        .unwrap_err();
    assert_eq!(code(&early), (404, 10015));
    double.take_violations();

    cmd.defer_ephemeral(&ctx.http).await.unwrap();
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert_eq!((cb.status, cb.response_type, cb.flags), (204, 5, 64));
    let loading = double.messages_in(ids.general);
    assert!(loading[0].is_loading() && loading[0].is_ephemeral());

    let edited = cmd
        .edit_response(
            &ctx.http,
            EditInteractionResponse::new().content("3 people came tonight"),
        )
        .await
        .unwrap();
    assert_eq!(edited.content, "3 people came tonight");
    let original = double.message(edited.id.get()).unwrap();
    assert!(!original.is_loading() && original.is_ephemeral());
    assert_eq!(original.content, "3 people came tonight");

    let follow = cmd
        .create_followup(
            &ctx.http,
            CreateInteractionResponseFollowup::new()
                .content("Details sent")
                .ephemeral(true),
        )
        .await
        .unwrap();
    assert_ne!(follow.id, edited.id);
    assert_eq!(double.messages_in(ids.general).len(), 2);
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // A callback after the (shortened) 3-second window: 404 Unknown interaction, like Discord.
    let late = double.send_slash_command(ids.guild, ids.general, ids.alice, "report", json!([]));
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let err = cmd
        .create_response(
            &ctx.http,
            CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new().content("late"),
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 10062));
    let cb = double.wait_callback(&late, WAIT).await.unwrap();
    assert!(cb.elapsed >= Duration::from_millis(300));
    let violations = double.take_violations();
    assert!(
        violations.iter().any(|v| v.contains("answered after")),
        "{violations:?}"
    );
    bot.stop().await;
}
