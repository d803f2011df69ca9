//! Roles come from power levels: a plain member is refused every host and admin command of the
//! catalogue (privately), a member raised to 50 becomes a host and to 100 an admin.

use bot_core::domain::{Role, CATALOGUE};

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn power_levels_decide_who_may_do_what() {
    let synapse = shared().await;
    let s = synapse;
    let bot = Bot::start(s).await;
    let owner = member(s, "owner", "Olu").await;
    let mo = member(s, "mo", "Mo").await;
    let room = meeting_room(s, &owner, &bot, &[&mo], false).await;

    // every host and admin command, refused privately with who may use it
    let restricted: Vec<_> = CATALOGUE.iter().filter(|c| c.role > Role::Member).collect();
    assert!(
        restricted.len() > 20,
        "the catalogue lists host and admin commands"
    );
    let mut direct = None;
    for spec in &restricted {
        ok(s, mo.send_text(&room, &format!("!{}", spec.example)).await);
        let dm = match &direct {
            Some(d) => String::clone(d),
            None => {
                let d = join_direct_room(s, &mo).await;
                direct = Some(d.clone());
                d
            }
        };
        let expected = format!("Only {} can use `!{}`.", spec.role.who_can(), spec.words);
        let refusal = said(s, &mo, &bot, &dm, &expected).await;
        well_formed(&refusal);
        assert!(mentioned(&refusal).is_empty());
    }
    // none of them did anything in the room
    let in_room = ok(s, mo.messages_from(&room, &bot.user_id).await);
    assert!(in_room.is_empty(), "refusals are private: {in_room:?}");

    // the same direct room is reused
    ok(s, mo.send_text(&room, "!crisis").await);
    let dm = direct.expect("a direct room");
    said(s, &mo, &bot, &dm, "findahelpline.com").await;
    assert!(
        ok(s, mo.joined_rooms().await).len() == 2,
        "one meeting room and one direct room"
    );

    // raised to 50: a host — opens, but may not change settings
    ok(s, owner.set_power_level(&room, mo.user_id(), 50).await);
    ok(s, mo.send_text(&room, "!open").await);
    said(s, &owner, &bot, &room, "The session is open").await;
    ok(s, mo.send_text(&room, "!settings share-time 2m").await);
    said(
        s,
        &mo,
        &bot,
        &dm,
        "Only an admin can use `!settings share-time`.",
    )
    .await;

    // raised to 100: an admin
    ok(s, owner.set_power_level(&room, mo.user_id(), 100).await);
    // The answer only the admin needs goes to their direct room, with a 📬 on the command.
    let cmd = ok(s, mo.send_text(&room, "!settings share-time 2m").await);
    said(s, &mo, &bot, &dm, "Share time is now 2 minutes.").await;
    reacted(s, &owner, &bot, &room, &cmd, "📬").await;

    // lowered again: refused again
    ok(s, owner.set_power_level(&room, mo.user_id(), 0).await);
    ok(s, mo.send_text(&room, "!close").await);
    said(
        s,
        &mo,
        &bot,
        &dm,
        "Only a host or an admin can use `!close`.",
    )
    .await;
    bot.shutdown().await;
}
