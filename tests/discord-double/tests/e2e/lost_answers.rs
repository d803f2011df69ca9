//! `lose_first_answers`: the first attempt of every state-changing request is carried out and
//! answered 502, and a retry gets what Discord answers then — the first message for a create
//! with an enforced nonce, 400/40060 for a second callback, a second message for a follow-up
//! (which takes no nonce). A retry's refusal is not a violation.

use serde_json::json;
use serenity::all::{
    ChannelId, CreateCommand, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse, EditMessage, GuildId,
    MessageId, Nonce,
};
use serenity::http::HttpError;

use crate::common::{connected, http_for, world, WAIT};

/// The status and Discord error code of a failed request.
fn code(err: &serenity::Error) -> (u16, isize) {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            (r.status_code.as_u16(), r.error.code)
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn channel_messages_are_created_edited_and_deleted_but_the_first_answer_is_lost() {
    let (config, ids) = world();
    let double = discord_double::DiscordDouble::start(config).await;
    let http = http_for(&double);
    let general = ChannelId::new(ids.general);
    double.lose_first_answers(true);

    // A create with an enforced nonce: done, answered 502; the retry gets the same message.
    let create = || {
        CreateMessage::new()
            .content("Time, Ann.")
            .nonce(Nonce::String("sc-7-0".into()))
            .enforce_nonce(true)
    };
    let lost = general.send_message(&http, create()).await.unwrap_err();
    assert_eq!(code(&lost).0, 502);
    let [made] = double.messages_in(ids.general).try_into().expect("created");
    let again = general.send_message(&http, create()).await.unwrap();
    assert_eq!(again.id.get(), made.id);
    assert_eq!(double.messages_in(ids.general).len(), 1);

    // Without a nonce, the retry makes a second message, as on Discord.
    let plain = || CreateMessage::new().content("Welcome.");
    assert_eq!(
        code(&general.send_message(&http, plain()).await.unwrap_err()).0,
        502
    );
    general.send_message(&http, plain()).await.unwrap();
    let welcomes = double
        .messages_in(ids.general)
        .into_iter()
        .filter(|m| m.content == "Welcome.")
        .count();
    assert_eq!(welcomes, 2);

    // An edit is applied before its answer is lost; the retry applies it again.
    let id = MessageId::new(made.id);
    let edit = || EditMessage::new().content("Time, Ann. Thank you.");
    assert_eq!(
        code(&general.edit_message(&http, id, edit()).await.unwrap_err()).0,
        502
    );
    assert_eq!(
        double.message(made.id).unwrap().content,
        "Time, Ann. Thank you."
    );
    let edited = general.edit_message(&http, id, edit()).await.unwrap();
    assert_eq!(edited.content, "Time, Ann. Thank you.");

    // A delete is carried out; its retry finds nothing, which is not the client's fault.
    assert_eq!(
        code(&general.delete_message(&http, id).await.unwrap_err()).0,
        502
    );
    assert!(double.message(made.id).is_none());
    let gone = general.delete_message(&http, id).await.unwrap_err();
    assert_eq!(code(&gone), (404, 10008));

    // Every retry points at the attempt whose answer was lost; reads are never lost.
    let requests = double.requests();
    let lost: Vec<usize> = requests
        .iter()
        .filter(|r| r.status == 502)
        .map(|r| r.index)
        .collect();
    let retried: Vec<usize> = requests.iter().filter_map(|r| r.repeats).collect();
    assert_eq!(lost.len(), 4, "{requests:?}");
    assert_eq!(retried, lost);
    http.get_current_user().await.unwrap();
    assert_eq!(double.requests().last().unwrap().status, 200);
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // Off again: every request answered at once.
    double.lose_first_answers(false);
    general
        .send_message(&http, CreateMessage::new().content("Bye."))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_retried_callback_is_already_acknowledged_and_a_retried_follow_up_posts_twice() {
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    GuildId::new(ids.guild)
        .set_commands(
            &bot.http,
            vec![CreateCommand::new("open").description("Open a session")],
        )
        .await
        .unwrap();
    double.lose_first_answers(true);
    double.send_slash_command(ids.guild, ids.general, ids.alice, "open", json!([]));
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();

    // The response lands, its answer is lost; the retry is refused as already acknowledged.
    let response = || {
        CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new().content("The session is open."),
        )
    };
    let lost = cmd
        .create_response(&ctx.http, response())
        .await
        .unwrap_err();
    assert_eq!(code(&lost).0, 502);
    let again = cmd
        .create_response(&ctx.http, response())
        .await
        .unwrap_err();
    assert_eq!(code(&again), (400, 40060));
    let callbacks: Vec<u16> = double.callbacks().iter().map(|c| c.status).collect();
    assert_eq!(
        callbacks,
        [204, 400],
        "the first landed, the second was refused"
    );

    // A follow-up takes no nonce: its retry makes a second message.
    let follow = || CreateInteractionResponseFollowup::new().content("Check in with /checkin.");
    assert_eq!(
        code(&cmd.create_followup(&ctx.http, follow()).await.unwrap_err()).0,
        502
    );
    cmd.create_followup(&ctx.http, follow()).await.unwrap();
    let copies = double
        .messages_in(ids.general)
        .into_iter()
        .filter(|m| m.content == "Check in with /checkin.")
        .count();
    assert_eq!(copies, 2);

    // An edit of `@original` is applied, then answered as usual when retried.
    let edit = || EditInteractionResponse::new().content("The session is open (edited).");
    assert_eq!(
        code(&cmd.edit_response(&ctx.http, edit()).await.unwrap_err()).0,
        502
    );
    cmd.edit_response(&ctx.http, edit()).await.unwrap();
    assert!(double
        .messages_in(ids.general)
        .iter()
        .any(|m| m.content == "The session is open (edited)."));
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // A nonce on a follow-up is ignored by Discord (the spec's execute_webhook has none): the
    // double says so.
    double.lose_first_answers(false);
    ctx.http
        .create_followup_message(
            &cmd.token,
            &json!({ "content": "again?", "nonce": "sc-1-0", "enforce_nonce": true }),
            vec![],
        )
        .await
        .unwrap();
    let v = double
        .wait_for_violation(
            |v| v.contains("only taken by a channel message create"),
            WAIT,
        )
        .await
        .unwrap();
    assert!(v.contains("/webhooks/"), "{v}");
    bot.stop().await;
}
