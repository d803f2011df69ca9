//! Member-typed text (display names, check-in words) is escaped in `formatted_body`, bounded, and
//! can never ping anyone: `m.mentions` lists only the member the bot calls.

use crate::common::*;

/// No tag in `formatted_body` except the bot's own markup.
fn only_bot_tags(html: &str) -> bool {
    let allowed = [
        "<a href=\"https://matrix.to/#/",
        "</a>",
        "<br>",
        "<code>",
        "</code>",
        "<strong>",
        "</strong>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        match allowed.iter().find(|a| rest.starts_with(*a)) {
            Some(a) => rest = &rest[a.len()..],
            None => return false,
        }
    }
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_pills_and_huge_input_are_neutralised() {
    let synapse = shared().await;
    let s = synapse;
    let bot = Bot::start(s).await;
    let host = member(s, "host", "Hosta").await;
    let eve = ok(s, s.new_user("eve").await);
    let ana = member(s, "ana", "Ana").await;

    // Synapse refuses display names of 3000 characters; the longest it takes is used instead.
    let hostile = format!(
        "<a href=\"https://matrix.to/#/{}\">@room</a><img src=x onerror=alert(1)><b>Eve</b>",
        host.user_id()
    );
    let huge = format!("{hostile}{}", "x".repeat(3000 - hostile.len()));
    assert_eq!(huge.chars().count(), 3000);
    let name = match set_display_name(s, &eve, &huge).await {
        Ok(()) => huge,
        Err(_) => {
            let long = format!("{hostile}{}", "y".repeat(256 - hostile.len()));
            set_display_name(s, &eve, &long)
                .await
                .expect("a 256-character name is accepted");
            long
        }
    };
    let room = meeting_room(s, &host, &bot, &[&eve, &ana], false).await;
    ok(s, host.send_text(&room, "!open").await);
    said(s, &ana, &bot, &room, "The session is open").await;

    // a hostile name: escaped, cut, no pings (a check-in word is never echoed)
    ok(s, eve.send_text(&room, "!checkin <b>@room</b>").await);
    let w = said(s, &ana, &bot, &room, "Welcome, <a href=").await;
    well_formed(&w);
    assert!(mentioned(&w).is_empty(), "{w}");
    assert!(only_bot_tags(html(&w)), "{w}");
    assert!(
        html(&w).contains("&lt;a href=&quot;https://matrix.to/#/"),
        "{w}"
    );
    assert!(!body(&w).contains("<b>"), "the word is not echoed: {w}");
    let shown: String = name.chars().take(64).collect();
    assert!(body(&w).contains(&shown), "{w}");
    assert!(
        !body(&w).contains(&name.chars().take(65).collect::<String>()),
        "names are cut"
    );
    assert!(body(&w).chars().count() < 200, "{w}");

    // a 3000-character check-in word is refused privately, and the echo is bounded and escaped
    let long_word = format!("<i>{}", "z".repeat(2997));
    ok(
        s,
        eve.send_text(&room, &format!("!checkin {long_word}")).await,
    );
    let dm = join_direct_room(s, &eve).await;
    let refusal = said(s, &eve, &bot, &dm, "please keep it to 40").await;
    well_formed(&refusal);
    assert!(only_bot_tags(html(&refusal)), "{refusal}");
    assert!(mentioned(&refusal).is_empty());
    assert!(body(&refusal).chars().count() < 400, "{refusal}");

    // a pill typed as a check-in word is text, not a ping
    let pill = format!("[x](https://matrix.to/#/{})", host.user_id());
    ok(
        s,
        ana.send_text(&room, &format!("!checkin {}", &pill[..pill.len().min(40)]))
            .await,
    );
    let a = said(s, &eve, &bot, &room, "Welcome, Ana").await;
    assert!(mentioned(&a).is_empty(), "{a}");
    assert!(only_bot_tags(html(&a)), "{a}");

    // when the hostile member is called, the pill is theirs only and its text is escaped
    ok(s, host.send_text(&room, "!round start 1m").await);
    let start = said(s, &ana, &bot, &room, "Share round").await;
    assert_eq!(mentioned(&start), vec![eve.user_id().to_string()]);
    assert!(only_bot_tags(html(&start)), "{start}");
    assert_eq!(html(&start).matches("<a href=").count(), 1, "{start}");
    assert!(
        html(&start).contains(&format!(
            "<a href=\"https://matrix.to/#/{}\">&lt;a href=",
            eve.user_id()
        )),
        "{start}"
    );
    bot.shutdown().await;
}
