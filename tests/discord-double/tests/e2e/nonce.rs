//! `enforce_nonce` on channel messages: a second create with the same nonce in the same channel
//! within the nonce window answers the first message and posts nothing, as Discord does. The
//! adapter's sink relies on it to redeliver idempotently.

use std::time::Duration;

use discord_double::{DiscordDouble, Failure, NonceHit};
use serde_json::json;
use serenity::all::{ChannelId, CreateMessage, Nonce};
use serenity::http::HttpError;

use crate::common::{http_for, world};

fn with_nonce(content: &str, nonce: Nonce, enforce: bool) -> CreateMessage {
    CreateMessage::new()
        .content(content)
        .nonce(nonce)
        .enforce_nonce(enforce)
}

fn nonce(s: &str) -> Nonce {
    Nonce::String(s.to_owned())
}

#[tokio::test]
async fn a_repeated_enforced_nonce_returns_the_first_message() {
    let (mut config, ids) = world();
    let other = config.guilds[0].add_text_channel("other");
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let general = ChannelId::new(ids.general);

    let first = general
        .send_message(&http, with_nonce("Time, Ann.", nonce("sc-41-0"), true))
        .await
        .unwrap();
    assert!(
        matches!(&first.nonce, Some(Nonce::String(n)) if n == "sc-41-0"),
        "{:?}",
        first.nonce
    );
    // The same create again (a retry after a lost answer): the first message, nothing new.
    let again = general
        .send_message(&http, with_nonce("Time, Ann.", nonce("sc-41-0"), true))
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(double.messages_in(ids.general).len(), 1);
    assert_eq!(
        double.nonce_hits(),
        [NonceHit {
            channel_id: ids.general,
            nonce: "sc-41-0".into(),
            message_id: first.id.get(),
        }]
    );
    assert_eq!(
        double.message(first.id.get()).unwrap().nonce.as_deref(),
        Some("sc-41-0")
    );

    // Integer nonces work the same way.
    let n1 = general
        .send_message(&http, with_nonce("one", Nonce::Number(42), true))
        .await
        .unwrap();
    let n2 = general
        .send_message(&http, with_nonce("one", Nonce::Number(42), true))
        .await
        .unwrap();
    assert_eq!(n1.id, n2.id);

    // Without enforce_nonce Discord does not look: a second message.
    let loose = general
        .send_message(&http, with_nonce("Time, Ann.", nonce("sc-41-0"), false))
        .await
        .unwrap();
    assert_ne!(loose.id, first.id);
    // Another channel is another scope.
    let elsewhere = ChannelId::new(other)
        .send_message(&http, with_nonce("Time, Ann.", nonce("sc-41-0"), true))
        .await
        .unwrap();
    assert_ne!(elsewhere.id, first.id);
    assert_eq!(elsewhere.channel_id.get(), other);
    assert_eq!(double.messages_in(ids.general).len(), 3);
    assert_eq!(double.nonce_hits().len(), 2);
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // A deleted first message is not returned: the create posts again.
    general.delete_message(&http, first.id).await.unwrap();
    let reposted = general
        .send_message(&http, with_nonce("Time, Ann.", nonce("sc-41-0"), true))
        .await
        .unwrap();
    assert_ne!(reposted.id, first.id);

    // Nonces longer than 25 characters are refused like Discord refuses them.
    let err = http
        .send_message(
            general,
            vec![],
            &json!({ "content": "x", "nonce": "n".repeat(26), "enforce_nonce": true }),
        )
        .await
        .unwrap_err();
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            assert_eq!((r.status_code.as_u16(), r.error.code), (400, 50035));
            assert_eq!(r.error.errors[0].path, "nonce");
            assert_eq!(r.error.errors[0].code, "BASE_TYPE_MAX_LENGTH");
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
    assert_eq!(double.take_violations().len(), 1);
}

#[tokio::test]
async fn a_lost_answer_then_a_retry_with_the_same_nonce_posts_once() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let general = ChannelId::new(ids.general);

    double.fail_next("POST", "/channels/*/messages", Failure::answer_lost());
    let err = general
        .send_message(&http, with_nonce("Next: Bo", nonce("sc-7-0"), true))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 502),
        "{err:?}"
    );
    // The message landed although the client was told otherwise.
    let landed = double.messages_in(ids.general);
    assert_eq!(landed.len(), 1);
    let retried = general
        .send_message(&http, with_nonce("Next: Bo", nonce("sc-7-0"), true))
        .await
        .unwrap();
    assert_eq!(retried.id.get(), landed[0].id);
    assert_eq!(double.messages_in(ids.general).len(), 1);
    assert_eq!(double.nonce_hits().len(), 1);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
}

#[tokio::test]
async fn after_the_nonce_window_the_same_nonce_posts_again() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config.nonce_window(Duration::ZERO)).await;
    let http = http_for(&double);
    let general = ChannelId::new(ids.general);
    let a = general
        .send_message(&http, with_nonce("a", nonce("sc-1-0"), true))
        .await
        .unwrap();
    let b = general
        .send_message(&http, with_nonce("a", nonce("sc-1-0"), true))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    assert!(double.nonce_hits().is_empty());
}
