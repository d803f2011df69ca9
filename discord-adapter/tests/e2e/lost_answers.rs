//! A meeting on a Discord that acts on every first attempt of a post or an edit but loses its
//! answer (a 502): the channel, as members see it, ends exactly as on a Discord that answers
//! everything — one status message per session, no message twice, none missing.

use std::time::Duration;

use bot_core::domain::Millis;
use discord_double::{RecordedRequest, StoredMessage};
use serde_json::json;

use crate::harness::*;

/// A message as a member sees it (ids and times aside).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    content: String,
    ephemeral: bool,
    loading: bool,
    buttons: Vec<String>,
}

/// The channel of `w` as members see it, sorted; a mention names the member, not their id (the
/// ids differ from one double to the next).
fn seen(w: &World) -> Vec<Seen> {
    let p = &w.who;
    let names = [(p.ann, "Ann"), (p.bo, "Bo"), (p.cy, "Cy")];
    let mut v: Vec<Seen> = w
        .double
        .messages_in(w.channel)
        .into_iter()
        .map(|m| Seen {
            ephemeral: m.is_ephemeral(),
            loading: m.is_loading(),
            buttons: m.custom_ids(),
            content: names.iter().fold(m.content, |c, (id, name)| {
                c.replace(&format!("<@{id}>"), &format!("<@{name}>"))
            }),
        })
        .collect();
    v.sort();
    v
}

const STATUS_OPEN: &str = "🟢 **Session open**";
const STATUS_CLOSED: &str = "⚪ **Session closed.**";

/// Two sessions: open, check-ins, hands, help, a deferred command and a deferred button, a timed
/// round with a warning, "time" calling the next speaker and a done, close; then a short second
/// session. Returns what the channel shows at the end.
async fn meeting(w: &World) -> Vec<Seen> {
    let p = w.who.clone();
    w.slash(p.owner, "open", json!([])).await;
    w.wait_status(|m| m.content.starts_with(STATUS_OPEN)).await;
    w.sub(
        p.ann,
        "checkin",
        "here",
        json!([{ "name": "word", "value": "hopeful" }]),
    )
    .await;
    w.sub(p.bo, "checkin", "here", json!([])).await;
    w.sub(p.cy, "checkin", "listen", json!([])).await;
    w.wait_status(|m| m.content.contains("Checked in** (3)"))
        .await;
    w.click(p.ann, "sc:hand").await;
    w.click(p.bo, "sc:hand").await;
    w.wait_status(|m| m.content.contains("2. Bo · hand up"))
        .await;
    w.click(p.bo, "sc:hand-down").await;
    w.wait_status(|m| m.content.contains("Queue** (1)")).await;
    // Help takes three ephemeral messages: the response and two follow-ups.
    let (help, _) = w.slash(p.cy, "help", json!([])).await;
    w.interaction_messages(&help, 4).await;

    // Deferred: the round's start (public) after an ephemeral "thinking…" edited in place, and
    // a button acknowledged first, its answer a follow-up.
    w.handle().set_defer_after(Duration::ZERO);
    let (start, _) = w
        .sub(
            p.owner,
            "round",
            "start",
            json!([{ "name": "share-time", "value": "1m" }, { "name": "order", "value": "checkin" }]),
        )
        .await;
    w.interaction_messages(&start, 1).await;
    w.wait_status(|m| m.content.contains("1. Ann · <t:")).await;
    let (pressed, _) = w.click(p.cy, "sc:hand").await;
    w.interaction_messages(&pressed, 1).await;
    w.wait_status(|m| m.content.contains("Cy · hand up")).await;
    w.handle().set_defer_after(Duration::from_millis(1500));

    // The clock: a warning, then "time" calling Bo, then his turn starts as announced.
    w.advance(Millis::secs(30)).await;
    w.advance(Millis::secs(30)).await;
    w.advance(Millis::secs(10)).await;
    w.click(p.bo, "sc:done").await;
    w.wait_status(|m| m.content.contains("No share round"))
        .await;
    w.slash(p.owner, "close", json!([])).await;
    w.wait_status(|m| m.content.starts_with(STATUS_CLOSED))
        .await;

    // A second session has its own status message.
    w.slash(p.owner, "open", json!([])).await;
    w.sub(p.ann, "checkin", "here", json!([])).await;
    let open = |m: &StoredMessage| m.content.starts_with(STATUS_OPEN);
    let second = w
        .double
        .wait_for_message(
            w.channel,
            |m| open(m) && m.content.contains("Checked in** (1)"),
            WAIT,
        )
        .await
        .expect("the second session's status");
    let (close, _) = w.slash(p.owner, "close", json!([])).await;
    w.double
        .wait_for_message(
            w.channel,
            |m| m.id == second.id && m.content.starts_with(STATUS_CLOSED),
            WAIT,
        )
        .await
        .expect("the second status closed");
    w.interaction_messages(&close, 1).await;
    seen(w)
}

/// The kind of a lost request, by route.
fn kind(r: &RecordedRequest) -> &'static str {
    let route = r.route();
    match r.method.as_str() {
        "POST" if route.starts_with("/channels/") => "channel message",
        "PATCH" if route.starts_with("/channels/") => "message edit",
        "POST" if route.ends_with("/callback") => "interaction callback",
        "POST" if route.starts_with("/webhooks/") => "follow-up",
        "PATCH" if route.ends_with("/messages/@original") => "@original edit",
        _ => "other",
    }
}

/// Waits until every request whose answer was lost, other than follow-ups, was sent again.
async fn every_retry_made(w: &World) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let requests = w.double.requests();
        let waiting: Vec<&RecordedRequest> = requests
            .iter()
            .filter(|r| r.injected && kind(r) != "follow-up")
            .filter(|r| !requests.iter().any(|again| again.repeats == Some(r.index)))
            .collect();
        if waiting.is_empty() {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never retried: {waiting:#?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_whose_every_first_answer_is_lost_shows_each_message_once() {
    // The same meeting on a Discord that answers everything, for comparison.
    let calm = World::start().await;
    let expected = meeting(&calm).await;
    calm.finish().await;
    let statuses = expected
        .iter()
        .filter(|m| m.content.starts_with(STATUS_CLOSED))
        .count();
    assert_eq!(statuses, 2, "one status message per session: {expected:#?}");

    let w = World::start().await;
    w.double.lose_first_answers(true);
    let got = meeting(&w).await;
    assert_eq!(got, expected, "the channel differs from the calm run");
    // Once the last retries are done (a follow-up is never retried after a 5xx), still so.
    every_retry_made(&w).await;
    let settled = seen(&w);
    assert_eq!(settled, expected, "a late retry changed the channel");

    // Every kind of post and edit lost its first answer at least once.
    let requests = w.double.requests();
    let lost: std::collections::BTreeSet<&str> = requests
        .iter()
        .filter(|r| r.injected && r.status == 502)
        .map(kind)
        .collect();
    for k in [
        "channel message",
        "message edit",
        "interaction callback",
        "follow-up",
        "@original edit",
    ] {
        assert!(lost.contains(k), "no {k} lost its answer: {lost:?}");
    }
    // Both status posts were retried and handed back the first message.
    let status_hits = w
        .double
        .nonce_hits()
        .iter()
        .filter(|h| h.nonce.starts_with("st-"))
        .count();
    assert_eq!(status_hits, 2, "{:?}", w.double.nonce_hits());
    w.finish().await;
}
