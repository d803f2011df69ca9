//! Test 6: a 429 on a message edit, what serenity (rate limiter disabled) returns, and the retry.

use std::time::{Duration, Instant};

use discord_double::{DiscordDouble, Failure};
use serenity::all::{ChannelId, CreateMessage, EditMessage};
use serenity::http::HttpError;

use crate::common::{http_for, world};

#[tokio::test]
async fn a_429_surfaces_as_unsuccessful_request_and_a_retry_after_retry_after_succeeds() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let general = ChannelId::new(ids.general);
    let msg = general
        .send_message(&http, CreateMessage::new().content("v1"))
        .await
        .unwrap();

    double.fail_next(
        "PATCH",
        "/channels/*/messages/*",
        Failure::RateLimited {
            retry_after: 0.3,
            global: false,
        },
    );
    let err = general
        .edit_message(&http, msg.id, EditMessage::new().content("v2"))
        .await
        .unwrap_err();
    let failed_at = Instant::now();

    // What the adapter gets: Error::Http(HttpError::UnsuccessfulRequest(ErrorResponse)) with status
    // 429. Discord's 429 body has no `code`, so serenity cannot decode it into DiscordJsonError and
    // reports code -1 with its own message; the response headers (Retry-After, X-RateLimit-*) are
    // not kept. The adapter therefore cannot read `retry_after` through serenity's error type and
    // must back off on its own when it sees status 429.
    let serenity::Error::Http(HttpError::UnsuccessfulRequest(resp)) = &err else {
        panic!("unexpected error {err:?}");
    };
    assert_eq!(resp.status_code.as_u16(), 429);
    assert_eq!(resp.method.as_str(), "PATCH");
    assert!(
        resp.url.ends_with(&format!(
            "/api/v10/channels/{}/messages/{}",
            ids.general, msg.id
        )),
        "{}",
        resp.url
    );
    assert_eq!(resp.error.code, -1);
    assert!(
        resp.error
            .message
            .starts_with("[Serenity] Could not decode json"),
        "{}",
        resp.error.message
    );
    assert!(resp.error.errors.is_empty());

    // The wire answer itself carried Discord's body and headers.
    let limited = double
        .requests()
        .into_iter()
        .find(|r| r.status == 429)
        .unwrap();
    assert!(limited.injected);
    assert_eq!(limited.response.as_ref().unwrap()["retry_after"], 0.3);
    assert_eq!(limited.response.as_ref().unwrap()["global"], false);

    // Retrying too early is still limited (and a violation).
    let early = general
        .edit_message(&http, msg.id, EditMessage::new().content("v2"))
        .await
        .unwrap_err();
    assert!(
        matches!(early, serenity::Error::Http(HttpError::UnsuccessfulRequest(ref r)) if r.status_code.as_u16() == 429)
    );
    assert_eq!(double.take_violations().len(), 1);

    // After retry_after the same edit goes through.
    tokio::time::sleep(
        Duration::from_millis(300).saturating_sub(failed_at.elapsed()) + Duration::from_millis(20),
    )
    .await;
    general
        .edit_message(&http, msg.id, EditMessage::new().content("v2"))
        .await
        .unwrap();
    assert_eq!(double.messages_in(ids.general)[0].content, "v2");
    assert!(double.violations().is_empty(), "{:?}", double.violations());
}

#[tokio::test]
async fn rate_limit_headers_match_discord() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    double.fail_next(
        "POST",
        "/api/v10/channels/*/messages",
        Failure::RateLimited {
            retry_after: 1.5,
            global: true,
        },
    );
    // A plain HTTP client, to see the headers serenity drops.
    let stream = tokio::net::TcpStream::connect(double.addr()).await.unwrap();
    let (mut rd, mut wr) = stream.into_split();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = r#"{"content":"hi"}"#;
    let req = format!(
        "POST /api/v10/channels/{}/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bot test-token-123\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        ids.general,
        body.len()
    );
    wr.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    rd.read_to_string(&mut out).await.unwrap();
    let lower = out.to_lowercase();
    assert!(out.starts_with("HTTP/1.1 429"), "{out}");
    for h in [
        "retry-after: 2",
        "x-ratelimit-global: true",
        "x-ratelimit-scope: global",
        "x-ratelimit-remaining: 0",
        "x-ratelimit-reset-after: 1.500",
        "x-ratelimit-bucket:",
        "x-ratelimit-limit:",
        "x-ratelimit-reset:",
    ] {
        assert!(lower.contains(h), "missing {h} in {out}");
    }
    assert!(out.contains(r#""retry_after":1.5"#), "{out}");
}
