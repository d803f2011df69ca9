//! Languages on Matrix, as members see them: a room set to Portuguese gets the meeting in
//! Portuguese, and a member who chose German gets what is for them alone (in their direct room)
//! in German.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portuguese_room_and_a_member_who_reads_german() {
    let synapse = shared().await;
    let bot = Bot::start(synapse).await;
    let s = synapse;
    let host = member(s, "rui", "Rui").await;
    let ana = member(s, "anab", "Ana").await;
    let ben = member(s, "bento", "Bento").await;
    let room = meeting_room(s, &host, &bot, &[&ana, &ben], false).await;

    // The room's creator (an admin by power level) sets the meeting's language.
    ok(s, host.send_text(&room, "!settings language pt-BR").await);
    let host_dm = join_direct_room(s, &host).await;
    said(
        s,
        &host,
        &bot,
        &host_dm,
        "Tudo o que eu publico aqui agora está em português (Brasil).",
    )
    .await;

    // Ana chooses German for what she reads alone.
    ok(s, ana.send_text(&room, "!language de").await);
    let ana_dm = join_direct_room(s, &ana).await;
    said(
        s,
        &ana,
        &bot,
        &ana_dm,
        "Ab jetzt antworte ich dir hier auf Deutsch.",
    )
    .await;

    // The meeting itself is in Portuguese for everyone.
    ok(s, host.send_text(&room, "!open").await);
    ok(s, ana.send_text(&room, "!checkin").await);
    ok(s, ben.send_text(&room, "!checkin").await);
    ok(s, host.send_text(&room, "!round start 2m").await);
    let start = said(
        s,
        &ben,
        &bot,
        &room,
        "Rodada de partilha: 2 minutos para cada pessoa",
    )
    .await;
    assert!(
        body(&start).contains("Ana, a palavra é sua: 2 minutos"),
        "{start}"
    );

    // A refusal for Ana alone is German; the same refusal for Bento is Portuguese.
    ok(s, ana.send_text(&room, "!close").await);
    said(
        s,
        &ana,
        &bot,
        &ana_dm,
        "Nur die Moderation oder die Verwaltung",
    )
    .await;
    ok(s, ben.send_text(&room, "!close").await);
    let ben_dm = join_direct_room(s, &ben).await;
    said(s, &ben, &bot, &ben_dm, "Só quem coordena ou administra").await;
    bot.shutdown().await;
}
