//! A meeting walked through its format in a real room: an admin puts in a reading of several
//! lines, the agenda opens the session, a timed part ends by itself, and the reading pings only
//! the day's reader.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_walks_its_format_with_a_multi_line_reading_and_a_timed_silence() {
    let s = shared().await;
    let bot = Bot::start(s).await;
    let host = member(s, "robin", "Robin").await;
    let ana = member(s, "ana", "Ana").await;
    let ben = member(s, "ben", "Ben").await;
    let room = meeting_room(s, &host, &bot, &[&ana, &ben], false).await;

    // The room's creator is its admin: the format, its reader, and the group's own preamble as
    // a message of several lines.
    ok(s, host.send_text(&room, "!format use twelve-step").await);
    let dm = join_direct_room(s, &host).await;
    said(s, &host, &bot, &dm, "format is now 12-step style meeting").await;
    ok(s, host.send_text(&room, "!roles add reader").await);
    said(s, &host, &bot, &dm, "Added the service role reader").await;
    ok(s, ana.send_text(&room, "!roles volunteer reader").await);
    let preamble =
        "!format text 3 We are a group of people who share.\n\nWe meet to listen, and to be heard.";
    ok(s, host.send_text(&room, preamble).await);
    let changed = said(s, &host, &bot, &dm, "Changed part 3: Preamble").await;
    assert!(
        body(&changed).contains("text of 70 characters"),
        "{changed}"
    );

    // Opening: the welcome, the agenda with its planned times, and part 1, in one message.
    ok(s, host.send_text(&room, "!open").await);
    let open = said(s, &ben, &bot, &room, "Agenda: 12-step style meeting").await;
    well_formed(&open);
    let text = body(&open);
    assert!(text.contains("• 2. "), "{text}");
    assert!(text.contains("Moment of silence"), "{text}");
    assert!(text.contains("Part 1 of 9: Welcome."), "{text}");
    assert!(html(&open).contains("<ul>"), "{open}");
    // Today's servants are named with a pill; the reader is the only one.
    assert_eq!(mentioned(&open), vec![ana.user_id().to_string()], "{open}");
    status_says(s, &ben, &bot, &room, "Part 1 of 9: Welcome").await;

    // The chair moves on; the silence is timed and ends by itself on the engine's clock.
    ok(s, host.send_text(&room, "!agenda next").await);
    let silence = said(
        s,
        &ben,
        &bot,
        &room,
        "Part 2 of 9: Moment of silence, until",
    )
    .await;
    assert!(mentioned(&silence).is_empty());
    bot.advance(secs(30)).await;
    let reading = said(s, &ben, &bot, &room, "Moment of silence has ended.").await;
    well_formed(&reading);
    let text = body(&reading);
    assert!(
        text.contains("Part 3 of 9: Preamble. Read by Ana."),
        "{text}"
    );
    assert!(
        text.contains("We are a group of people who share.\nWe meet to listen, and to be heard."),
        "{text}"
    );
    assert!(
        html(&reading).contains("We are a group of people who share.<br>We meet to listen"),
        "{reading}"
    );
    assert_eq!(mentioned(&reading), vec![ana.user_id().to_string()]);
    status_shows(s, &ben, &bot, &room, "Part 3 of 9: Preamble").await;

    // Nothing was said twice, and the agenda answers a member in their direct room.
    let posts = bot_posts(s, &ben, &bot, &room).await;
    let endings = posts
        .iter()
        .filter(|ev| body(ev).contains("Moment of silence has ended."));
    assert_eq!(endings.count(), 1);
    ok(s, ben.send_text(&room, "!agenda").await);
    let ben_dm = join_direct_room(s, &ben).await;
    let agenda = said(s, &ben, &bot, &ben_dm, "Agenda: 12-step style meeting").await;
    assert!(body(&agenda).contains("Preamble (now)"), "{agenda}");
    bot.shutdown().await;
}
