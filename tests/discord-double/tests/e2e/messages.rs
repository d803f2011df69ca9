//! Test 4: channel messages are created, edited and validated.

use discord_double::DiscordDouble;
use serde_json::json;
use serenity::all::{ChannelId, CreateEmbed, CreateMessage, EditMessage};
use serenity::http::HttpError;
use serenity::model::ModelError;

use crate::common::{http_for, world};

fn status_code_paths(err: &serenity::Error) -> (u16, isize, Vec<String>) {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => (
            r.status_code.as_u16(),
            r.error.code,
            r.error
                .errors
                .iter()
                .map(|e| format!("{} {}", e.path, e.code))
                .collect(),
        ),
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn create_then_edit_and_limits() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let general = ChannelId::new(ids.general);

    let msg = general
        .send_message(
            &http,
            CreateMessage::new().content("Circle starts in 10 minutes"),
        )
        .await
        .unwrap();
    assert_eq!(msg.author.id.get(), double.config().bot_user.id);
    assert_eq!(msg.channel_id, general);
    let edited = general
        .edit_message(
            &http,
            msg.id,
            EditMessage::new()
                .content("Circle starts in 5 minutes")
                .embed(CreateEmbed::new().title("Tonight")),
        )
        .await
        .unwrap();
    assert!(edited.edited_timestamp.is_some());
    let stored = double.messages_in(ids.general);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].content, "Circle starts in 5 minutes");
    assert_eq!(stored[0].embeds[0]["title"], "Tonight");
    assert_eq!(stored[0].edits, 1);
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // serenity's builder refuses 2001 characters itself: nothing reaches the wire.
    let requests_before = double.requests().len();
    let err = general
        .send_message(&http, CreateMessage::new().content("x".repeat(2001)))
        .await
        .unwrap_err();
    assert!(
        matches!(err, serenity::Error::Model(ModelError::MessageTooLong(1))),
        "{err:?}"
    );
    assert_eq!(double.requests().len(), requests_before);

    // On the wire (raw Http, as any other client could send it) the double rejects it like Discord.
    let err = http
        .send_message(general, vec![], &json!({ "content": "x".repeat(2001) }))
        .await
        .unwrap_err();
    assert_eq!(
        status_code_paths(&err),
        (400, 50035, vec!["content BASE_TYPE_MAX_LENGTH".to_owned()])
    );
    let err = http
        .edit_message(
            general,
            msg.id,
            &json!({ "content": "y".repeat(2001) }),
            vec![],
        )
        .await
        .unwrap_err();
    assert_eq!(status_code_paths(&err).1, 50035);
    assert_eq!(
        double.messages_in(ids.general)[0].content,
        "Circle starts in 5 minutes"
    );

    // Embed totals above 6000 characters.
    let embeds: Vec<_> = (0..2)
        .map(|_| json!({ "description": "d".repeat(3500) }))
        .collect();
    let err = http
        .send_message(general, vec![], &json!({ "embeds": embeds }))
        .await
        .unwrap_err();
    assert_eq!(
        status_code_paths(&err).2,
        vec!["embeds MAX_EMBED_SIZE_EXCEEDED".to_owned()]
    );

    // An empty message.
    let err = http
        .send_message(general, vec![], &json!({ "content": "" }))
        .await
        .unwrap_err();
    assert_eq!(status_code_paths(&err).1, 50006);

    // Unknown channel.
    let err = ChannelId::new(1).say(&http, "hi").await.unwrap_err();
    assert_eq!(status_code_paths(&err).1, 10003);

    let violations = double.take_violations();
    assert_eq!(violations.len(), 5, "{violations:?}");

    // A route the double does not implement: 404 with Discord's shape, and a violation.
    let err = http.get_channel_webhooks(general).await.unwrap_err();
    assert_eq!(status_code_paths(&err).0, 404);
    assert!(double.take_violations()[0].contains("/webhooks"));

    // A wrong token: 401.
    let stranger = serenity::http::HttpBuilder::new("nope")
        .proxy(double.http_url())
        .ratelimiter_disabled(true)
        .build();
    let err = general.say(&stranger, "hi").await.unwrap_err();
    assert_eq!(status_code_paths(&err).0, 401);
    assert_eq!(double.take_violations().len(), 1);
}
