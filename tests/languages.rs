//! The bot in every language it ships: the demo reads in each (transcripts to read), no word a
//! member sees bypasses the message files (structurally, and in the pseudo-language), members
//! read what is for them alone in their own language, and a bad language code is answered with
//! the list of languages.

mod support;

use bot_core::domain::{Block, Lang, Span};
use expect_test::expect;
use support::check_transcript as check;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Words the bot says that did not come from the message files: plain text spans with letters
/// (member text, names, commands and documents are not the bot's words).
fn raw_words(posts: &[bot_core::domain::Post]) -> Vec<String> {
    let mut found = Vec::new();
    for p in posts {
        let mut look = |s: &Span| match s {
            Span::Text(t) | Span::Strong(t) if t.chars().any(char::is_alphabetic) => {
                found.push(format!("{}: {t:?}", p.kind.as_str()))
            }
            _ => {}
        };
        for b in &p.message.blocks {
            match b {
                Block::Line(spans) => spans.iter().for_each(|s| s.each(&mut look)),
                Block::List(items) => items.iter().flatten().for_each(|s| s.each(&mut look)),
                Block::Code(_) => {}
            }
        }
    }
    found
}

#[test]
fn every_word_of_the_demo_comes_from_the_message_files() {
    let (out, posts) = rt().block_on(sharecircle::console::run_script_pseudo(
        &sharecircle::demo::script(Lang::En),
    ));
    assert!(posts.len() > 20, "the demo ran: {out}");
    let raw = raw_words(&posts);
    assert!(
        raw.is_empty(),
        "words outside the message files:\n{}\n\n{out}",
        raw.join("\n")
    );
}

#[test]
fn a_bad_language_code_lists_the_languages() {
    check(
        "
#role Ada admin
Ada: !settings language klingon
Ada: !language xx
",
        expect![[r#"
            [19:00:00] bot → Ada (private): I didn't understand “settings language klingon”: I don't speak “klingon” yet. I speak en (English), es (Español), pt-BR (Português (Brasil)), de (Deutsch), fr (Français).. Try `!settings language es`.
            [19:00:00] bot → Ada (private): I didn't understand “language xx”: I don't speak “xx” yet. I speak en (English), es (Español), pt-BR (Português (Brasil)), de (Deutsch), fr (Français).. Try `!language de`.
        "#]],
    );
}

#[test]
fn each_member_reads_what_is_for_them_alone_in_their_language() {
    // A German meeting; Eva's app is Spanish; Ben chooses Portuguese; Cem has no preference.
    check(
        "
#role Ada admin
#role Robin host
#locale Eva es-ES
Ada: !settings language de
Robin: !open
Eva: !checkin
Ben: !language pt-BR
Ben: !checkin
Cem: !checkin
Eva: !close
Ben: !close
Cem: !close
Eva: !my-data
Ben: !my-data
Ben: !forget-me
Ben: !language
",
        expect![[r#"
            [19:00:00] bot → Ada: Alles, was ich hier poste, ist jetzt auf Deutsch. Alle können weiterhin ihre eigene Sprache für meine Antworten an sie wählen.
            [19:00:00] bot: Welcome. The session is open.
                       Check in with `!checkin` (add one feeling word if you like), or `!checkin listen` to just listen. Raise your hand with `!hand`.
            [19:00:00] bot: Welcome, Eva.
            [19:00:00] bot → Eva (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Ben: A partir de agora eu te respondo aqui em Português (Brasil). Para voltar ao idioma da reunião, use `!language reset`.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot: Welcome, Cem.
            [19:00:00] bot → Cem (private): Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
                         • In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
                         • You never have to share. `!pass` skips your turn, before it comes or when it does, and I only ever say that you passed. `!checkin listen` means you'd rather just listen today.
                         • To ask to speak, raise your hand with `!hand`.
                         • If things are hard right now, `!crisis` shows you, privately, where to find help.
                         • I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
                       I never keep what anyone shares. `!my-data` shows everything I store about you, and `!forget-me` erases it.
            [19:00:00] bot → Eva (private): Solo quien coordina o administra puede usar `!close`.
            [19:00:00] bot → Ben (private): Só quem coordena ou administra pode usar `!close`.
            [19:00:00] bot → Cem (private): Nur die Moderation oder die Verwaltung kann `!close` verwenden.
            [19:00:00] bot → Eva (private): This is everything I store about you:
                       Here
                         • your display name: Eva
                         • checked in at 19:00:00
                         • that you checked in here before, last on 2026-03-02 (kept 30 days, so that I welcome you only once)
                       To erase all of it, use `!forget-me`.
            [19:00:00] bot → Ben (private): This is everything I store about you:
                       Here
                         • your display name: Ben
                         • checked in at 19:00:00
                         • that you checked in here before, last on 2026-03-02 (kept 30 days, so that I welcome you only once)
                         • o idioma que você escolheu para as minhas respostas aqui: Português (Brasil)
                       To erase all of it, use `!forget-me`.
            [19:00:00] bot → Ben (private): Done: I have erased everything I stored about you, in every place. Take care.
            [19:00:00] bot → Ben: Hier antworte ich dir auf Deutsch, in der Sprache dieses Treffens.
                       So wählst du eine andere Sprache für das, was ich nur dir sage:
                         • `!language en` — English
                         • `!language es` — Español
                         • `!language pt-BR` — Português (Brasil)
                         • `!language de` — Deutsch
                         • `!language fr` — Français
        "#]],
    );
}
