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
            [19:00:00] bot → Ada (private): I didn't understand “settings language klingon”: I don't speak “klingon” yet; I speak en (English), es (Español), pt-BR (Português (Brasil)), de (Deutsch), fr (Français). Try `!settings language es`.
            [19:00:00] bot → Ada (private): I didn't understand “language xx”: I don't speak “xx” yet; I speak en (English), es (Español), pt-BR (Português (Brasil)), de (Deutsch), fr (Français). Try `!language de`.
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
            [19:00:00] bot → Eva (private): Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
                         • En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
                         • Nunca tienes que compartir. `!pass` salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. `!checkin listen` significa que hoy prefieres solo escuchar.
                         • Para pedir la palabra, levanta la mano con `!hand`.
                         • Si ahora mismo las cosas están difíciles, `!crisis` te muestra, en privado, dónde encontrar ayuda.
                         • Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
                       Nunca guardo lo que alguien comparte. `!my-data` muestra todo lo que guardo sobre ti, y `!forget-me` lo borra.
            [19:00:00] bot → Ben: A partir de agora eu te respondo aqui em Português (Brasil). Para voltar ao idioma da reunião, use `!language reset`.
            [19:00:00] bot: Welcome, Ben.
            [19:00:00] bot → Ben (private): Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
                         • Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
                         • Você nunca precisa partilhar. `!pass` pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. `!checkin listen` quer dizer que hoje você prefere só ouvir.
                         • Para pedir a palavra, levante a mão com `!hand`.
                         • Se as coisas estão difíceis agora, `!crisis` mostra para você, em particular, onde encontrar ajuda.
                         • Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
                       Nunca guardo o que alguém partilha. `!my-data` mostra tudo o que guardo sobre você, e `!forget-me` apaga tudo.
            [19:00:00] bot: Welcome, Cem.
            [19:00:00] bot → Cem (private): Hallo, und danke, dass du gekommen bist. Du bist zum ersten Mal bei diesem Treffen, deshalb hier kurz, wie es läuft:
                         • In einer Teilrunde rufe ich alle nacheinander auf und achte auf die Zeit, damit alle gleich viel davon bekommen. Du siehst, wann dein Beitrag beginnt und endet.
                         • Du musst nie etwas teilen. Mit `!pass` setzt du aus, bevor du dran bist oder wenn du dran bist, und ich sage nur, dass du ausgesetzt hast. `!checkin listen` heißt, dass du heute lieber nur zuhörst.
                         • Wenn du etwas sagen möchtest, heb die Hand mit `!hand`.
                         • Wenn es dir gerade schwer geht, zeigt dir `!crisis` privat, wo du Hilfe findest.
                         • Ich speichere deinen Anzeigenamen, solange du teilnimmst, das Datum deines letzten Check-ins (damit ich dich nur einmal begrüße) und, falls dieses Treffen die Anwesenheit erfasst, die Tage, an denen du da warst. Check-in-Wörter werden gelöscht, wenn die Sitzung endet.
                       Was jemand teilt, speichere ich nie. `!my-data` zeigt alles, was ich über dich speichere, und `!forget-me` löscht es.
            [19:00:00] bot → Eva (private): Solo quien coordina o administra puede usar `!close`.
            [19:00:00] bot → Ben (private): Só quem coordena ou administra pode usar `!close`.
            [19:00:00] bot → Cem (private): Nur die Moderation oder die Verwaltung kann `!close` verwenden.
            [19:00:00] bot → Eva (private): Esto es todo lo que guardo sobre ti:
                       Aquí
                         • tu nombre visible: Eva
                         • te presentaste a las 19:00:00
                         • que ya te presentaste aquí, la última vez el 2026-03-02 (se guarda 30 días, para darte la bienvenida solo una vez)
                       Para borrarlo todo, usa `!forget-me`.
            [19:00:00] bot → Ben (private): Isto é tudo o que guardo sobre você:
                       Aqui
                         • o seu nome de exibição: Ben
                         • fez check-in às 19:00:00
                         • que você já fez check-in aqui, a última vez em 2026-03-02 (guardado por 30 dias, para dar as boas-vindas só uma vez)
                         • o idioma que você escolheu para as minhas respostas aqui: Português (Brasil)
                       Para apagar tudo, use `!forget-me`.
            [19:00:00] bot → Ben (private): Erledigt: Ich habe alles gelöscht, was ich über dich gespeichert hatte, an allen Orten. Pass gut auf dich auf.
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

#[test]
fn the_default_crisis_text_names_each_region_s_numbers_in_its_language() {
    // Each language's default names the EU's 112 and a helpline directory, and gives a country's
    // own numbers only as that country's.
    for (lang, wants) in [
        (Lang::En, &["112 in the EU", "911 in the US", "findahelpline.com"][..]),
        (Lang::Es, &["112 en España", "911 en México", "findahelpline.com"][..]),
        (Lang::PtBr, &["No Brasil: 188", "112", "findahelpline.com"][..]),
        (Lang::De, &["112 in der ganzen EU", "In Deutschland", "findahelpline.com"][..]),
        (Lang::Fr, &["112 dans toute l’Union européenne", "En France, le 3114", "findahelpline.com"][..]),
    ] {
        let script = format!(
            "#role Ada admin\nAda: !settings language {}\nBo: !crisis\n",
            lang.code()
        );
        let out = rt().block_on(sharecircle::console::run_script(&script, false));
        let crisis = out
            .lines()
            .find(|l| l.contains("bot → Bo (private)"))
            .unwrap_or_else(|| panic!("no crisis answer in {lang:?}:\n{out}"));
        for w in wants {
            assert!(crisis.contains(w), "{lang:?} lacks {w:?}: {crisis}");
        }
    }
}

/// The demo in `lang`, as a member would read it.
fn demo(lang: Lang) -> String {
    rt().block_on(sharecircle::demo::run(false, lang))
}

// The whole demo in each language, to read: update with `UPDATE_EXPECT=1` and read the diff as a
// member of a meeting in that language would.

#[test]
fn the_demo_in_spanish() {
    expect![[r#""#]].assert_eq(&demo(Lang::Es));
}

#[test]
fn the_demo_in_portuguese() {
    expect![[r#""#]].assert_eq(&demo(Lang::PtBr));
}

#[test]
fn the_demo_in_german() {
    expect![[r#""#]].assert_eq(&demo(Lang::De));
}

#[test]
fn the_demo_in_french() {
    expect![[r#""#]].assert_eq(&demo(Lang::Fr));
}
