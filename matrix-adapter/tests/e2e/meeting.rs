//! A whole meeting in an unencrypted room, driven only by members' messages and reactions, and
//! the same bot under tight rate limits.

use serde_json::Value;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_meeting_in_a_plain_room() {
    let synapse = shared().await;
    let bot = Bot::start(synapse).await;
    let host = member(synapse, "robin", "Robin").await;
    let ana = member(synapse, "ana", "Ana").await;
    let ben = member(synapse, "ben", "Ben").await;
    let chidi = member(synapse, "chidi", "Chidi").await;
    let room = meeting_room(synapse, &host, &bot, &[&ana, &ben, &chidi], false).await;
    let s = synapse;

    // open: a welcome and a status message
    ok(s, host.send_text(&room, "!open Tuesday circle").await);
    let welcome = said(s, &ana, &bot, &room, "The session is open: Tuesday circle.").await;
    well_formed(&welcome);
    assert!(mentioned(&welcome).is_empty());
    assert!(
        html(&welcome).contains("<code>!checkin</code>"),
        "{welcome}"
    );
    let status = status_message(s, &ana, &bot, &room).await;
    well_formed(&status);
    assert!(body(&status).contains("Tuesday circle"), "{status}");
    let status_id = event_id(&status);

    // check-ins
    // The feeling word is never in the bot's events: each stays in the room's history (an edit
    // keeps what it replaced), and the word must be gone when the session closes.
    ok(s, ana.send_text(&room, "!checkin hopeful").await);
    let w = said(s, &ben, &bot, &room, "Welcome, Ana.").await;
    assert!(mentioned(&w).is_empty());
    assert!(!w.to_string().contains("hopeful"), "{w}");
    ok(s, ben.send_text(&room, "!checkin").await);
    said(s, &ana, &bot, &room, "Welcome, Ben.").await;
    ok(s, chidi.send_text(&room, "!check-in").await);
    said(s, &ana, &bot, &room, "Welcome, Chidi.").await;
    status_shows(s, &ana, &bot, &room, "Checked in: 3").await;

    // hands: by command (a ✅ on the command: the status message shows the queue, no text in
    // the room), by ✋ reaction on the status message, lowered by redaction
    let posts_before = bot_posts(s, &ana, &bot, &room).await.len();
    let cmd = ok(s, ana.send_text(&room, "!hand").await);
    reacted(s, &ben, &bot, &room, &cmd, "✅").await;
    status_shows(s, &ana, &bot, &room, "1. Ana").await;
    let reaction = ok(s, ben.react(&room, &status_id, "✋\u{FE0F}").await);
    let q = status_shows(s, &ana, &bot, &room, "Queue (2)").await;
    assert_eq!(q["content"]["m.relates_to"]["event_id"], status_id.as_str());
    assert!(mentioned(&q).is_empty());
    ok(s, ben.redact(&room, &reaction).await);
    status_shows(s, &ana, &bot, &room, "Queue (1)").await;
    let cmd = ok(s, ana.send_text(&room, "!hand down").await);
    reacted(s, &ben, &bot, &room, &cmd, "✅").await;
    status_shows(s, &ana, &bot, &room, "no hands up").await;
    assert_eq!(
        bot_posts(s, &ana, &bot, &room).await.len(),
        posts_before,
        "hands add no message to the room"
    );

    // The meeting's zone: Matrix shows clock times in it, and says which.
    let cmd = ok(
        s,
        host.send_text(&room, "!settings timezone Asia/Kolkata")
            .await,
    );
    let host_dm = join_direct_room(s, &host).await;
    said(s, &host, &bot, &host_dm, "time zone is now Asia/Kolkata").await;
    reacted(s, &ana, &bot, &room, &cmd, "📬").await;

    // a timed round: only the called member is pinged, as a pill
    ok(s, host.send_text(&room, "!round start 2m").await);
    let start = said(s, &ana, &bot, &room, "Share round: 2 minutes each").await;
    assert!(
        body(&start).contains("Ana, you have the floor: 2 minutes"),
        "{start}"
    );
    let pill = format!("<a href=\"https://matrix.to/#/{}\">Ana</a>", ana.user_id());
    assert!(html(&start).contains(&pill), "{start}");
    assert_eq!(mentioned(&start), vec![ana.user_id().to_string()]);
    assert_eq!(start["content"]["msgtype"], "m.text");
    // The status shows the round's plan with clock times, never "speaking now".
    let plan = status_shows(s, &ana, &bot, &room, "if everyone takes their full time:").await;
    let plan_body = plan["content"]["m.new_content"]["body"].as_str().unwrap();
    let rows: Vec<&str> = plan_body
        .lines()
        .skip_while(|l| !l.contains("if everyone takes their full time:"))
        .skip(1)
        .take(3)
        .collect();
    for (row, name) in rows.iter().zip(["1. Ana · ", "2. Ben · ", "3. Chidi · "]) {
        assert!(
            row.starts_with(&format!("• {name}")) && row.ends_with(" IST") && row.contains('–'),
            "{plan_body}"
        );
    }
    assert_eq!(rows.len(), 3, "{plan_body}");
    assert!(!plan_body.contains("Speaking"), "{plan_body}");
    // During a share: a member's help goes to their direct room (📬 on the command), a hand is
    // a ✅; the meeting room gets no new line.
    let posts_before = bot_posts(s, &ana, &bot, &room).await.len();
    let help = ok(s, ben.send_text(&room, "!help").await);
    let dm = join_direct_room(s, &ben).await;
    let answer = said(s, &ben, &bot, &dm, "Commands (say").await;
    assert!(body(&answer).lines().count() > 10, "{answer}");
    reacted(s, &ana, &bot, &room, &help, "📬").await;
    let cmd = ok(s, ben.send_text(&room, "!hand").await);
    reacted(s, &ana, &bot, &room, &cmd, "✅").await;
    let cmd = ok(s, ben.send_text(&room, "!hand down").await);
    reacted(s, &ana, &bot, &room, &cmd, "✅").await;
    assert_eq!(
        bot_posts(s, &ana, &bot, &room).await.len(),
        posts_before,
        "nothing new in the meeting room"
    );
    bot.advance(secs(60)).await;
    let w1 = said(s, &ben, &bot, &room, "Ana, 1 minute left").await;
    assert!(mentioned(&w1).is_empty());
    bot.advance(secs(30)).await;
    said(s, &ben, &bot, &room, "Ana, 30 seconds left").await;
    bot.advance(secs(30)).await;
    // "Time" also calls the next speaker (a pill for him only) with his turn's start and end; his
    // turn starts after the grace without another message.
    let time = said(s, &ben, &bot, &room, "Time, Ana. Thank you for sharing.").await;
    assert!(
        body(&time).contains("Ben, you're next: your turn runs from ")
            && body(&time).ends_with(" IST."),
        "{time}"
    );
    let pill = format!("<a href=\"https://matrix.to/#/{}\">Ben</a>", ben.user_id());
    assert!(html(&time).contains(&pill), "{time}");
    assert_eq!(mentioned(&time), vec![ben.user_id().to_string()]);
    bot.advance(secs(10)).await;

    // done, extend, pass
    ok(s, ben.send_text(&room, "!done").await);
    let done = said(s, &ana, &bot, &room, "Thank you, Ben.").await;
    assert!(body(&done).contains("Chidi, you have the floor"), "{done}");
    assert_eq!(mentioned(&done), vec![chidi.user_id().to_string()]);
    ok(s, host.send_text(&room, "!extend 1m").await);
    said(s, &ana, &bot, &room, "Chidi has 1 minute more").await;
    ok(s, chidi.send_text(&room, "!pass").await);
    let passed = said(s, &ana, &bot, &room, "Chidi passed.").await;
    assert!(body(&passed).contains("The round has ended."), "{passed}");

    // close: the status message says so
    ok(s, host.send_text(&room, "!close").await);
    let closed = said(s, &ana, &bot, &room, "Session closed.").await;
    assert!(
        body(&closed).contains("Check-in words are erased"),
        "{closed}"
    );
    status_shows(s, &ana, &bot, &room, "Session closed.").await;
    // As a member looks at the room after the close: no event the bot sent (messages, status
    // edits with their replaced versions) shows the word.
    let all: Vec<Value> = ok(s, ana.messages_from(&room, &bot.user_id).await);
    assert!(all.len() > 10, "{}", all.len());
    for ev in &all {
        assert!(!ev.to_string().contains("hopeful"), "{ev}");
    }

    // everything the bot said: well formed, pinging at most the member it called, "time" once
    let all: Vec<Value> = ok(s, ana.messages_from(&room, &bot.user_id).await);
    let member_ids = [ana.user_id(), ben.user_id(), chidi.user_id()];
    for ev in &all {
        well_formed(ev);
        let pinged = mentioned(ev);
        assert!(pinged.len() <= 1, "{ev}");
        assert!(
            pinged.iter().all(|p| member_ids.contains(&p.as_str())),
            "{ev}"
        );
        assert!(!html(ev).contains("<script"), "{ev}");
    }
    let times = all
        .iter()
        .filter(|ev| body(ev).contains("Time, Ana."))
        .count();
    assert_eq!(times, 1);
    assert!(
        all.iter()
            .all(|ev| !body(ev).contains("Ben, you have the floor")),
        "Ben's turn was announced once, by \"time\""
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_bot_loses_nothing() {
    let synapse = shared().await;
    let s = synapse;
    let bot = Bot::start(synapse).await;
    let host = member(s, "host", "Hana").await;
    let names = ["Ada", "Bea", "Cy", "Dov", "Eli"];
    let mut members = Vec::new();
    for n in names {
        members.push(member(s, &n.to_lowercase(), n).await);
    }
    let refs: Vec<&synapse_harness::TestUser> = members.iter().collect();
    let room = meeting_room(s, &host, &bot, &refs, false).await;
    // About one message a second, bursts of two: every answer below must wait its turn.
    limit_rate(s, &bot.user_id, 1, 2).await;

    ok(s, host.send_text(&room, "!open").await);
    for m in &members {
        ok(s, m.send_text(&room, "!checkin").await);
    }
    said(s, &host, &bot, &room, "The session is open").await;
    for n in names {
        said(s, &host, &bot, &room, &format!("Welcome, {n}.")).await;
    }
    status_says(s, &host, &bot, &room, "Checked in: 5").await;
    let log = std::fs::read_to_string(synapse.log_path()).unwrap_or_default();
    let limited = log
        .lines()
        .any(|l| l.contains(&bot.user_id) && l.contains(" 429 "));
    assert!(
        limited,
        "the homeserver never rate-limited the bot; the test proves nothing"
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_take_effect_at_once_while_sends_wait_for_the_rate_limit() {
    let synapse = shared().await;
    let s = synapse;
    let bot = Bot::start(synapse).await;
    let host = member(s, "host", "Hana").await;
    let names = ["Ada", "Bea", "Cy", "Dov", "Eli", "Fay"];
    let mut members = Vec::new();
    for n in names {
        members.push(member(s, &n.to_lowercase(), n).await);
    }
    let refs: Vec<&synapse_harness::TestUser> = members.iter().collect();
    let room = meeting_room(s, &host, &bot, &refs, false).await;
    let place = bot_core::domain::PlaceId::new(format!("matrix:{room}"));
    ok(s, host.send_text(&room, "!open").await);
    for m in &members {
        ok(s, m.send_text(&room, "!checkin").await);
    }
    status_says(s, &host, &bot, &room, "Checked in: 6").await;

    // One message a second, bursts of two; every member raises and lowers a hand twice: two
    // dozen reactions and status edits wait for the homeserver.
    limit_rate(s, &bot.user_id, 1, 2).await;
    let mut hands = Vec::new();
    for _ in 0..2 {
        for m in &members {
            hands.push(ok(s, m.send_text(&room, "!hand").await));
            hands.push(ok(s, m.send_text(&room, "!hand down").await));
        }
    }
    // The host's command is applied as it arrives, not after the bot's sends.
    let sent = std::time::Instant::now();
    let start = ok(s, host.send_text(&room, "!round start 2m").await);
    loop {
        let view = bot.engine.status_view(&place).await.unwrap().expect("open");
        if view.round.is_some() {
            break;
        }
        assert!(
            sent.elapsed() < std::time::Duration::from_secs(2),
            "`!round start` took effect only after {:?}",
            sent.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The first speaker's call goes before the acknowledgements still waiting. A member's ✅
    // still waiting gives way to their next one, so each member's last gesture is acknowledged.
    let call = said(s, &host, &bot, &room, "you have the floor").await;
    assert!(!start.is_empty());
    let call_ts = call["origin_server_ts"].as_i64().unwrap();
    let mut later_acks = 0;
    // The second time round, each member's `!hand down`.
    let last_gestures = hands[hands.len() - 2 * names.len()..]
        .iter()
        .skip(1)
        .step_by(2);
    for h in last_gestures {
        let ack = reacted(s, &host, &bot, &room, h, "✅").await;
        if ack["origin_server_ts"].as_i64().unwrap() > call_ts {
            later_acks += 1;
        }
    }
    assert!(
        later_acks > 0,
        "the speaker's call waited behind every acknowledgement"
    );
    // Under the limit, the acknowledgements that waited behind a member's next gesture were
    // never sent: fewer ✅ than gestures.
    let reactions = host
        .events_from(&room, &bot.user_id, "m.reaction")
        .await
        .unwrap();
    let acked = (hands.iter())
        .filter(|h| {
            reactions.iter().any(|r| {
                r["content"]["m.relates_to"]["event_id"] == h.as_str()
                    && r["content"]["m.relates_to"]["key"] == "✅"
            })
        })
        .count();
    assert!(
        (names.len()..hands.len()).contains(&acked),
        "{acked} of {} gestures acknowledged",
        hands.len()
    );
    bot.shutdown().await;
}
