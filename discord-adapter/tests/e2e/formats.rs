//! A meeting format on Discord, as members see it: an admin puts in a reading of several
//! paragraphs through the modal `/format text` answers with, a host walks the agenda (a timed
//! part moves on by itself on the engine's clock), the reading pings only the day's reader, and
//! a member who is not an admin gets a private refusal instead of the modal.

use bot_core::domain::Millis;
use serde_json::json;

use crate::harness::*;

const PARAGRAPH_1: &str =
    "We come together to share our experience, strength and hope with each other.";
const PARAGRAPH_2: &str = "Nobody has to speak, and what is said here stays here.";
/// The template's placeholder for part 3, the preamble.
const PREAMBLE_PLACEHOLDER: &str =
    "This is where the group's preamble goes. An admin replaces this text with the group's own.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_puts_in_a_reading_through_a_modal_and_the_meeting_walks_it() {
    let w = World::start().await;
    let p = w.who.clone();
    let t0 = T0.0 / 1000;

    // The admin gives the place the 12-step template, privately.
    let (_, cb) = w
        .sub(
            p.owner,
            "format",
            "use",
            json!([{ "name": "template", "value": "twelve-step" }]),
        )
        .await;
    assert_eq!(cb.response_type, 4);
    assert!(cb.is_ephemeral(), "{cb:?}");
    let c = cb.content().unwrap();
    assert!(c.contains("step style meeting (9 parts)"), "{c}");
    assert!(
        c.contains("`/format text`"),
        "the command in slash form: {c}"
    );

    // `/format text part:3` answers with a modal, in time, prefilled with the template's text.
    let (_, cb) = w
        .sub(
            p.owner,
            "format",
            "text",
            json!([{ "name": "part", "value": 3 }]),
        )
        .await;
    assert_eq!(cb.response_type, 9, "a modal: {cb:?}");
    let modal = &cb.data;
    assert_eq!(modal["title"], json!("Text of part 3"));
    let custom_id = modal["custom_id"].as_str().unwrap().to_string();
    assert_eq!(custom_id, "lt:format text:3");
    let rows = modal["components"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{modal}");
    let inputs = rows[0]["components"].as_array().unwrap();
    assert_eq!(inputs.len(), 1, "{modal}");
    let input = &inputs[0];
    assert_eq!(input["type"], json!(4), "a text input");
    assert_eq!(input["style"], json!(2), "a paragraph");
    assert_eq!(input["required"], json!(true));
    assert_eq!(input["max_length"], json!(3000));
    assert_eq!(input["value"], json!(PREAMBLE_PLACEHOLDER));
    let label = input["label"].as_str().unwrap();
    assert!(!label.is_empty() && label.chars().count() <= 45, "{label}");
    let input_id = input["custom_id"].as_str().unwrap().to_string();

    // The admin submits two paragraphs: a private answer, nothing in the channel.
    let reading = format!("{PARAGRAPH_1}\n\n{PARAGRAPH_2}");
    let i = w.double.send_modal_submit(
        w.guild,
        w.channel,
        p.owner,
        &custom_id,
        &[(&input_id, &reading)],
    );
    let cb = w.double.wait_callback(&i, WAIT).await.expect("a callback");
    assert!(cb.accepted(), "{cb:?}");
    assert!(cb.elapsed < std::time::Duration::from_secs(3), "{cb:?}");
    assert_eq!(cb.response_type, 4);
    assert!(cb.is_ephemeral(), "{cb:?}");
    let length = PARAGRAPH_1.chars().count() + PARAGRAPH_2.chars().count();
    let c = cb.content().unwrap();
    assert!(
        c.contains("Changed part 3: Preamble")
            && c.contains(&format!("text of {length} characters")),
        "{c}"
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "format text");
    assert!(w.channel_posts().is_empty());

    // `/format` shows the part with its new length.
    let (_, cb) = w.sub(p.ann, "format", "show", json!([])).await;
    let c = cb.content().unwrap();
    assert!(
        c.contains(&format!(
            "3. Preamble — reading, read by the reader, text of {length} characters"
        )),
        "{c}"
    );

    // The modal shows the new text the next time, with its two paragraphs.
    let (_, cb) = w
        .sub(
            p.steward,
            "format",
            "text",
            json!([{ "name": "part", "value": 3 }]),
        )
        .await;
    assert_eq!(cb.response_type, 9, "an admin by role: {cb:?}");
    assert_eq!(
        cb.data["components"][0]["components"][0]["value"],
        json!(format!("{PARAGRAPH_1}\n{PARAGRAPH_2}"))
    );

    // Bo reads today.
    w.sub(
        p.owner,
        "roles",
        "add",
        json!([{ "name": "role", "value": "reader" }]),
    )
    .await;
    w.sub(
        p.bo,
        "roles",
        "volunteer",
        json!([{ "name": "role", "value": "reader" }]),
    )
    .await;
    w.name_host_role().await;

    // The host opens: the channel shows the agenda with each part's planned times in each
    // reader's clock, and part 1's text.
    let (i, cb) = w.slash(p.host, "open", json!([])).await;
    assert!(!cb.is_ephemeral());
    let opened: String = {
        let mut all = vec![cb.content().unwrap().to_string()];
        // A long answer continues in the channel.
        for m in w.double.messages_in(w.channel) {
            if m.interaction_id == Some(i.id) && m.content != all[0] {
                all.push(m.content.clone());
            }
        }
        for m in w.channel_posts() {
            all.push(m.content.clone());
        }
        all.join("\n")
    };
    assert!(opened.contains("step style meeting"), "{opened}");
    let t = |s: i64| format!("<t:{}:t>", t0 + s);
    for line in [
        format!("- 1. {}–about {} Welcome **\\(now\\)**", t(0), t(30)),
        format!("- 2. {}–{} Moment of silence", t(30), t(60)),
        format!("- 3. {}–about {} Preamble", t(60), t(90)),
        "- 9. Closing".to_string(),
    ] {
        assert!(
            opened.lines().any(|l| l == line),
            "the agenda with planned times in each reader's clock: {line}\n{opened}"
        );
    }
    assert!(
        opened
            .contains("**Part 1 of 9:** Welcome.\nWelcome, everyone. This meeting is now open.\n"),
        "part 1's text: {opened}"
    );
    assert!(
        opened.contains(&format!("Serving today: reader: <@{}>", p.bo)),
        "{opened}"
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[p.bo], "open");
    assert_inert(&opened, "open");

    // The host moves on to the silence: it runs for 30 seconds.
    let (_, cb) = w.sub(p.host, "agenda", "next", json!([])).await;
    assert!(!cb.is_ephemeral());
    assert_eq!(
        cb.content().unwrap(),
        format!(
            "**Part 2 of 9:** Moment of silence, until {} (<t:{}:R>).\nLet us open with a moment of silence.",
            t(30),
            t0 + 30
        )
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "agenda next");

    // Nothing moves before its time; at 30 seconds the silence ends by itself and the reading
    // begins: both paragraphs, pinging the day's reader and nobody else.
    w.advance(Millis::secs(29)).await;
    assert!(
        !w.channel_posts()
            .iter()
            .any(|m| m.content.contains("Preamble")),
        "{:?}",
        w.channel_posts()
    );
    w.advance(Millis::secs(1)).await;
    let reading_post = w
        .double
        .wait_for_message(
            w.channel,
            |m| m.interaction_id.is_none() && m.content.starts_with("Moment of silence has ended"),
            WAIT,
        )
        .await
        .expect("the reading is posted");
    let c = &reading_post.content;
    assert_eq!(
        c,
        &format!(
            "Moment of silence has ended.\n**Part 3 of 9:** Preamble. Read by <@{}>.\n{PARAGRAPH_1}\n{PARAGRAPH_2}",
            p.bo
        ),
        "both paragraphs, one per line"
    );
    assert_safe_mentions(
        reading_post.allowed_mentions.as_ref(),
        &[p.bo],
        "the reading",
    );
    assert_inert(c, "the reading");
    // The reading is one post, and the only one the clock made.
    assert_eq!(w.channel_posts().len(), 1, "{:?}", w.channel_posts());
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_is_not_an_admin_gets_a_refusal_and_no_modal() {
    let w = World::start().await;
    let p = w.who.clone();
    w.sub(
        p.owner,
        "format",
        "use",
        json!([{ "name": "template", "value": "twelve-step" }]),
    )
    .await;

    // A host is no admin either.
    w.name_host_role().await;
    for who in [p.plain, p.host] {
        let (_, cb) = w
            .sub(
                who,
                "format",
                "text",
                json!([{ "name": "part", "value": 3 }]),
            )
            .await;
        assert_eq!(cb.response_type, 4, "a refusal, not a modal: {cb:?}");
        assert!(cb.is_ephemeral(), "{cb:?}");
        let c = cb.content().unwrap();
        assert!(c.contains("Only an admin can use `/format text"), "{c}");
        assert!(!c.contains(PREAMBLE_PLACEHOLDER), "{c}");
        assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "refusal");
    }
    assert!(
        !w.double.callbacks().iter().any(|c| c.response_type == 9),
        "no modal was shown"
    );

    // A modal submitted anyway (a form kept open from before they lost the role) is refused by
    // the core too, and changes nothing.
    let i = w.double.send_modal_submit(
        w.guild,
        w.channel,
        p.plain,
        "lt:format text:3",
        &[("text", "Not my text to change.")],
    );
    let cb = w.double.wait_callback(&i, WAIT).await.expect("a callback");
    assert!(cb.accepted() && cb.is_ephemeral(), "{cb:?}");
    assert!(
        cb.content().unwrap().contains("Only an admin can use"),
        "{cb:?}"
    );
    let state = w.engine.place_state(&w.place()).await.unwrap().unwrap();
    assert_eq!(
        state.format.unwrap().part_text(3).as_deref(),
        Some(PREAMBLE_PLACEHOLDER)
    );

    // An empty text is refused with the core's words, privately.
    let i = w.double.send_modal_submit(
        w.guild,
        w.channel,
        p.owner,
        "lt:format text:3",
        &[("text", " \n ")],
    );
    let cb = w.double.wait_callback(&i, WAIT).await.expect("a callback");
    assert!(cb.accepted() && cb.is_ephemeral(), "{cb:?}");
    assert!(
        cb.content().unwrap().contains("the text is empty"),
        "{cb:?}"
    );
    assert!(w.channel_posts().is_empty());
    w.finish().await;
}

/// A member's first check-in: the channel sees the greeting; the welcome (how the meeting works,
/// passing, crisis help, what is kept) comes to them alone, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_gets_the_welcome_privately_once() {
    let w = World::start().await;
    let p = w.who.clone();
    w.name_host_role().await;
    w.slash(p.host, "open", json!([])).await;
    let (i, _) = w.sub(p.ann, "checkin", "here", json!([])).await;
    let messages = w.interaction_messages(&i, 2).await;
    let (private, public): (Vec<_>, Vec<_>) = messages.into_iter().partition(|m| m.is_ephemeral());
    assert_eq!(public.len(), 1, "{public:?}");
    assert!(public[0].content.contains("Welcome, Ann"), "{public:?}");
    assert_eq!(private.len(), 1, "{private:?}");
    let welcome = &private[0].content;
    for said in [
        "first time in this meeting",
        "`/pass`",
        "`/crisis show`",
        "`/forget-me`",
    ] {
        assert!(welcome.contains(said), "{said}: {welcome}");
    }
    // A second check-in: the greeting only.
    let (i, _) = w.sub(p.ann, "checkin", "here", json!([])).await;
    let again = w.interaction_messages(&i, 1).await;
    assert!(!again[0].content.contains("first time"), "{again:?}");
    w.finish().await;
}
