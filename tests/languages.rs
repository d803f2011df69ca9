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
            [19:00:00] bot: Willkommen. Die Sitzung ist offen.
                       Komm mit `!checkin` an (gern mit einem Wort, wie es dir gerade geht), oder mit `!checkin listen`, um nur zuzuhören. Heb die Hand mit `!hand`.
            [19:00:00] bot: Willkommen, Eva.
            [19:00:00] bot → Eva (private): Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
                         • En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
                         • Nunca tienes que compartir. `!pass` salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. `!checkin listen` significa que hoy prefieres solo escuchar.
                         • Para pedir la palabra, levanta la mano con `!hand`.
                         • Si ahora mismo las cosas están difíciles, `!crisis` te muestra, en privado, dónde encontrar ayuda.
                         • Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
                       Nunca guardo lo que alguien comparte. `!my-data` muestra todo lo que guardo sobre ti, y `!forget-me` lo borra.
            [19:00:00] bot → Ben: A partir de agora eu te respondo aqui em português (Brasil). Para voltar ao idioma da reunião, use `!language reset`.
            [19:00:00] bot: Willkommen, Ben.
            [19:00:00] bot → Ben (private): Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
                         • Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
                         • Você nunca precisa partilhar. `!pass` pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. `!checkin listen` quer dizer que hoje você prefere só ouvir.
                         • Para pedir a palavra, levante a mão com `!hand`.
                         • Se as coisas estão difíceis agora, `!crisis` mostra para você, em particular, onde encontrar ajuda.
                         • Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
                       Nunca guardo o que alguém partilha. `!my-data` mostra tudo o que guardo sobre você, e `!forget-me` apaga tudo.
            [19:00:00] bot: Willkommen, Cem.
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
                         • o idioma que você escolheu para as minhas respostas aqui: português (Brasil)
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
        (
            Lang::En,
            &["112 in the EU", "911 in the US", "findahelpline.com"][..],
        ),
        (
            Lang::Es,
            &["112 en España", "911 en México", "findahelpline.com"][..],
        ),
        (
            Lang::PtBr,
            &["No Brasil: 188", "112", "findahelpline.com"][..],
        ),
        (
            Lang::De,
            &[
                "112 in der ganzen EU",
                "In Deutschland",
                "findahelpline.com",
            ][..],
        ),
        (
            Lang::Fr,
            &[
                "112 dans toute l’Union européenne",
                "En France, le 3114",
                "findahelpline.com",
            ][..],
        ),
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
    expect![[r#"
        [19:00:00] bot → Ada: Todo lo que publico aquí está ahora en español. Cada persona puede seguir eligiendo su propio idioma para mis respuestas.
        [19:00:00] bot → Ada: Ahora el formato de este lugar es Círculo abierto para compartir (4 partes). `!format` lo muestra; pon los textos propios de tu grupo con `!format text`.
        [19:00:00] bot: Te damos la bienvenida. La sesión está abierta: Círculo del martes por la tarde.
                   Preséntate con `!checkin` (si quieres, añade una palabra sobre cómo te sientes) o con `!checkin listen` para solo escuchar. Levanta la mano con `!hand`.
                   Orden del día: Círculo abierto para compartir
                     • 1. 19:00:00–aprox. 19:00:30 Bienvenida (ahora)
                     • 2. desde las 19:00:30 Ronda de presentación
                     • 3. Compartir
                     • 4. Cierre
                   Parte 1 de 4: Bienvenida.
                   Te damos la bienvenida a nuestro círculo para compartir. Nos alegra que estés aquí.
                   Lo que se dice aquí, aquí se queda. Escuchamos sin intentar arreglar nada, compartimos desde nuestra propia experiencia, y cualquier persona puede pasar en cualquier momento.
        [19:00:00] bot: Te damos la bienvenida, Ana.
        [19:00:00] bot → Ana (private): Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
                     • En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
                     • Nunca tienes que compartir. `!pass` salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. `!checkin listen` significa que hoy prefieres solo escuchar.
                     • Para pedir la palabra, levanta la mano con `!hand`.
                     • Si ahora mismo las cosas están difíciles, `!crisis` te muestra, en privado, dónde encontrar ayuda.
                     • Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
                   Nunca guardo lo que alguien comparte. `!my-data` muestra todo lo que guardo sobre ti, y `!forget-me` lo borra.
        [19:00:00] bot: Te damos la bienvenida, Ben.
        [19:00:00] bot → Ben (private): Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
                     • En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
                     • Nunca tienes que compartir. `!pass` salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. `!checkin listen` significa que hoy prefieres solo escuchar.
                     • Para pedir la palabra, levanta la mano con `!hand`.
                     • Si ahora mismo las cosas están difíciles, `!crisis` te muestra, en privado, dónde encontrar ayuda.
                     • Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
                   Nunca guardo lo que alguien comparte. `!my-data` muestra todo lo que guardo sobre ti, y `!forget-me` lo borra.
        [19:00:00] bot: Te damos la bienvenida, Chidi (solo escucha).
        [19:00:00] bot → Chidi (private): Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
                     • En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
                     • Nunca tienes que compartir. `!pass` salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. `!checkin listen` significa que hoy prefieres solo escuchar.
                     • Para pedir la palabra, levanta la mano con `!hand`.
                     • Si ahora mismo las cosas están difíciles, `!crisis` te muestra, en privado, dónde encontrar ayuda.
                     • Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
                   Nunca guardo lo que alguien comparte. `!my-data` muestra todo lo que guardo sobre ti, y `!forget-me` lo borra.
        [19:00:00] bot: Te damos la bienvenida, Dee.
        [19:00:00] bot → Dee (private): Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
                     • En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
                     • Nunca tienes que compartir. `!pass` salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. `!checkin listen` significa que hoy prefieres solo escuchar.
                     • Para pedir la palabra, levanta la mano con `!hand`.
                     • Si ahora mismo las cosas están difíciles, `!crisis` te muestra, en privado, dónde encontrar ayuda.
                     • Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
                   Nunca guardo lo que alguien comparte. `!my-data` muestra todo lo que guardo sobre ti, y `!forget-me` lo borra.
        [19:00:00] bot: La reunión termina a las 19:20:00: el tiempo para compartir hasta el cierre se ajusta a esa hora.
        [19:00:00] bot: Parte 2 de 4: Ronda de presentación.
                   Preséntate con `!checkin` (si quieres, con una palabra sobre cómo te sientes) o con `!checkin listen` para solo escuchar.
        [19:00:00] bot: Parte 3 de 4: Compartir.
                   Repartimos el tiempo hasta el cierre a las 19:18:00: 5 minutos 30 segundos para cada una de las 3 personas que faltan por compartir; si alguien pasa o termina antes, las demás tienen más tiempo.
                   Ronda de compartir: 5 minutos 30 segundos por persona, en el orden de presentación. Sin comentarios cruzados: por favor, escucha sin responder a lo que se comparte.
                   Orden: Ana, Ben, Dee. Di `!pass` cuando quieras si prefieres no compartir.
                   @Ana, tienes la palabra: 5 minutos 30 segundos, hasta las 19:05:30 (en 5 minutos 30 segundos). Después: Ben.
        [19:00:00] bot → Ben (private): Anotado: pasarás cuando llegue tu turno. Nadie oirá nada más que “pasa”.
        [19:04:30] bot: Ana, tiempo restante: 1 minuto (hasta las 19:05:30).
        [19:05:00] bot: Ana, tiempo restante: 30 segundos (hasta las 19:05:30).
        [19:05:10] bot: Ana tiene 1 minuto más, hasta las 19:06:30 (en 1 minuto 20 segundos).
        [19:05:30] bot: Ana, tiempo restante: 1 minuto (hasta las 19:06:30).
        [19:06:00] bot: Ana, tiempo restante: 30 segundos (hasta las 19:06:30).
        [19:06:30] bot: Tiempo, Ana. Gracias por compartir; puedes ir cerrando tu idea.
                   Ben pasa.
                   @Dee, vas después: tu turno va de 19:06:40 a 19:17:40.
        [19:08:10] bot: Gracias, Dee.
                   La ronda ha terminado. Compartieron 2 personas. Gracias a todo el grupo.
                   Parte 4 de 4: Cierre, hasta las 19:10:10 (en 2 minutos).
                   Gracias por compartir, y gracias por escuchar.
                   Cuídate mucho hasta la próxima.
        [19:08:10] bot → Ana (private): Si estás en peligro o piensas en quitarte la vida, llama ahora al número de emergencias de tu país (el 112 en España y en toda la Unión Europea; el 911 en México y en gran parte de América Latina). En findahelpline.com puedes encontrar una línea de ayuda gratuita y confidencial en tu país. No tienes que pasar por esto en soledad, y pedir ayuda es un acto de valentía.
        [19:09:10] bot: Cierre — tiempo restante: 1 minuto, hasta las 19:10:10.
        [19:10:10] bot: La reunión ha terminado. Gracias por estar aquí. Las palabras de presentación se borran de lo que guardo y de todos los mensajes que publiqué; una palabra que escribiste en un mensaje tuyo se queda ahí hasta que lo borres.
    "#]].assert_eq(&demo(Lang::Es));
}

#[test]
fn the_demo_in_portuguese() {
    expect![[r#"
        [19:00:00] bot → Ada: Tudo o que eu publico aqui agora está em português (Brasil). Cada pessoa ainda pode escolher o próprio idioma para as minhas respostas.
        [19:00:00] bot → Ada: Agora o formato deste lugar é Roda aberta de partilha (4 partes). `!format` mostra o formato; coloque os textos do seu grupo com `!format text`.
        [19:00:00] bot: Boas-vindas. A sessão está aberta: Roda de terça à noite.
                   Faça check-in com `!checkin` (se quiser, acrescente uma palavra sobre como você está) ou com `!checkin listen` para só ouvir. Levante a mão com `!hand`.
                   Pauta: Roda aberta de partilha
                     • 1. 19:00:00–cerca de 19:00:30 Boas-vindas (agora)
                     • 2. a partir de 19:00:30 Check-in
                     • 3. Partilha
                     • 4. Encerramento
                   Parte 1 de 4: Boas-vindas.
                   Boas-vindas à nossa roda de partilha. Que bom que você está aqui.
                   O que é dito aqui fica aqui. Escutamos sem tentar consertar nada, partilhamos a partir da nossa própria experiência, e qualquer pessoa pode passar a qualquer momento.
        [19:00:00] bot: Boas-vindas, Ana.
        [19:00:00] bot → Ana (private): Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
                     • Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
                     • Você nunca precisa partilhar. `!pass` pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. `!checkin listen` quer dizer que hoje você prefere só ouvir.
                     • Para pedir a palavra, levante a mão com `!hand`.
                     • Se as coisas estão difíceis agora, `!crisis` mostra para você, em particular, onde encontrar ajuda.
                     • Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
                   Nunca guardo o que alguém partilha. `!my-data` mostra tudo o que guardo sobre você, e `!forget-me` apaga tudo.
        [19:00:00] bot: Boas-vindas, Ben.
        [19:00:00] bot → Ben (private): Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
                     • Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
                     • Você nunca precisa partilhar. `!pass` pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. `!checkin listen` quer dizer que hoje você prefere só ouvir.
                     • Para pedir a palavra, levante a mão com `!hand`.
                     • Se as coisas estão difíceis agora, `!crisis` mostra para você, em particular, onde encontrar ajuda.
                     • Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
                   Nunca guardo o que alguém partilha. `!my-data` mostra tudo o que guardo sobre você, e `!forget-me` apaga tudo.
        [19:00:00] bot: Boas-vindas, Chidi (só ouvindo).
        [19:00:00] bot → Chidi (private): Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
                     • Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
                     • Você nunca precisa partilhar. `!pass` pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. `!checkin listen` quer dizer que hoje você prefere só ouvir.
                     • Para pedir a palavra, levante a mão com `!hand`.
                     • Se as coisas estão difíceis agora, `!crisis` mostra para você, em particular, onde encontrar ajuda.
                     • Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
                   Nunca guardo o que alguém partilha. `!my-data` mostra tudo o que guardo sobre você, e `!forget-me` apaga tudo.
        [19:00:00] bot: Boas-vindas, Dee.
        [19:00:00] bot → Dee (private): Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
                     • Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
                     • Você nunca precisa partilhar. `!pass` pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. `!checkin listen` quer dizer que hoje você prefere só ouvir.
                     • Para pedir a palavra, levante a mão com `!hand`.
                     • Se as coisas estão difíceis agora, `!crisis` mostra para você, em particular, onde encontrar ajuda.
                     • Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
                   Nunca guardo o que alguém partilha. `!my-data` mostra tudo o que guardo sobre você, e `!forget-me` apaga tudo.
        [19:00:00] bot: A reunião termina às 19:20:00: as partilhas até o encerramento cabem no tempo antes disso.
        [19:00:00] bot: Parte 2 de 4: Check-in.
                   Faça check-in com `!checkin` (se quiser, com uma palavra sobre como você está) ou com `!checkin listen` para só ouvir.
        [19:00:00] bot: Parte 3 de 4: Partilha.
                   Dividimos o tempo até o encerramento às 19:18:00: 5 minutos 30 segundos para cada uma das 3 pessoas que ainda vão partilhar; se alguém passar ou terminar antes, as outras ganham mais tempo.
                   Rodada de partilha: 5 minutos 30 segundos para cada pessoa, na ordem do check-in. Sem comentários cruzados: por favor, ouça sem responder às partilhas.
                   Ordem: Ana, Ben, Dee. Diga `!pass` a qualquer momento se preferir não partilhar.
                   @Ana, a palavra é sua: 5 minutos 30 segundos, até 19:05:30 (em 5 minutos 30 segundos). Em seguida: Ben.
        [19:00:00] bot → Ben (private): Anotado: você vai passar quando chegar sua vez. Ninguém vai ouvir nada além de “passou”.
        [19:04:30] bot: Ana, tempo restante: 1 minuto (até 19:05:30).
        [19:05:00] bot: Ana, tempo restante: 30 segundos (até 19:05:30).
        [19:05:10] bot: Ana tem 1 minuto a mais, até 19:06:30 (em 1 minuto 20 segundos).
        [19:05:30] bot: Ana, tempo restante: 1 minuto (até 19:06:30).
        [19:06:00] bot: Ana, tempo restante: 30 segundos (até 19:06:30).
        [19:06:30] bot: Tempo, Ana. Agradecemos sua partilha; pode ir concluindo seu pensamento.
                   Ben passou.
                   @Dee, você é a próxima pessoa: sua vez vai de 19:06:40 a 19:17:40.
        [19:08:10] bot: Agradecemos, Dee.
                   A rodada terminou. 2 pessoas partilharam. Agradecemos a todo mundo.
                   Parte 4 de 4: Encerramento, até 19:10:10 (em 2 minutos).
                   Agradecemos por partilharem e por escutarem.
                   Se cuide até a próxima.
        [19:08:10] bot → Ana (private): Se você está em perigo ou pensando em tirar a própria vida, ligue agora para o número de emergência do seu país. No Brasil: 188 (CVV, apoio emocional gratuito, 24 horas), 192 (SAMU) ou 190 (Polícia Militar). Em Portugal e no resto da União Europeia: 112. Em findahelpline.com você encontra uma linha de apoio gratuita e confidencial no seu país. Você não precisa passar por isso sem ninguém, e pedir ajuda é um ato de coragem.
        [19:09:10] bot: Encerramento — tempo restante: 1 minuto, até 19:10:10.
        [19:10:10] bot: A reunião terminou. Que bom ter vocês aqui. As palavras do check-in são apagadas dos meus registros e de todas as mensagens que publiquei; uma palavra que você digitou numa mensagem sua fica lá até você apagá-la.
    "#]].assert_eq(&demo(Lang::PtBr));
}

#[test]
fn the_demo_in_german() {
    expect![[r#"
        [19:00:00] bot → Ada: Alles, was ich hier poste, ist jetzt auf Deutsch. Alle können weiterhin ihre eigene Sprache für meine Antworten an sie wählen.
        [19:00:00] bot → Ada: Der Ablauf dieses Ortes ist jetzt Offener Gesprächskreis (4 Teile). `!format` zeigt ihn; die eigenen Texte eurer Gruppe fügst du mit `!format text` ein.
        [19:00:00] bot: Willkommen. Die Sitzung ist offen: Dienstagabendkreis.
                   Komm mit `!checkin` an (gern mit einem Wort, wie es dir gerade geht), oder mit `!checkin listen`, um nur zuzuhören. Heb die Hand mit `!hand`.
                   Ablauf: Offener Gesprächskreis
                     • 1. 19:00:00–etwa 19:00:30 Begrüßung (jetzt)
                     • 2. ab 19:00:30 Ankommen
                     • 3. Teilen
                     • 4. Abschluss
                   Teil 1 von 4: Begrüßung.
                   Willkommen in unserem Gesprächskreis. Schön, dass du da bist.
                   Was hier gesagt wird, bleibt hier. Wir hören zu, ohne etwas reparieren zu wollen, sprechen aus unserer eigenen Erfahrung, und alle können jederzeit aussetzen.
        [19:00:00] bot: Willkommen, Ana.
        [19:00:00] bot → Ana (private): Hallo, und danke, dass du gekommen bist. Du bist zum ersten Mal bei diesem Treffen, deshalb hier kurz, wie es läuft:
                     • In einer Teilrunde rufe ich alle nacheinander auf und achte auf die Zeit, damit alle gleich viel davon bekommen. Du siehst, wann dein Beitrag beginnt und endet.
                     • Du musst nie etwas teilen. Mit `!pass` setzt du aus, bevor du dran bist oder wenn du dran bist, und ich sage nur, dass du ausgesetzt hast. `!checkin listen` heißt, dass du heute lieber nur zuhörst.
                     • Wenn du etwas sagen möchtest, heb die Hand mit `!hand`.
                     • Wenn es dir gerade schwer geht, zeigt dir `!crisis` privat, wo du Hilfe findest.
                     • Ich speichere deinen Anzeigenamen, solange du teilnimmst, das Datum deines letzten Check-ins (damit ich dich nur einmal begrüße) und, falls dieses Treffen die Anwesenheit erfasst, die Tage, an denen du da warst. Check-in-Wörter werden gelöscht, wenn die Sitzung endet.
                   Was jemand teilt, speichere ich nie. `!my-data` zeigt alles, was ich über dich speichere, und `!forget-me` löscht es.
        [19:00:00] bot: Willkommen, Ben.
        [19:00:00] bot → Ben (private): Hallo, und danke, dass du gekommen bist. Du bist zum ersten Mal bei diesem Treffen, deshalb hier kurz, wie es läuft:
                     • In einer Teilrunde rufe ich alle nacheinander auf und achte auf die Zeit, damit alle gleich viel davon bekommen. Du siehst, wann dein Beitrag beginnt und endet.
                     • Du musst nie etwas teilen. Mit `!pass` setzt du aus, bevor du dran bist oder wenn du dran bist, und ich sage nur, dass du ausgesetzt hast. `!checkin listen` heißt, dass du heute lieber nur zuhörst.
                     • Wenn du etwas sagen möchtest, heb die Hand mit `!hand`.
                     • Wenn es dir gerade schwer geht, zeigt dir `!crisis` privat, wo du Hilfe findest.
                     • Ich speichere deinen Anzeigenamen, solange du teilnimmst, das Datum deines letzten Check-ins (damit ich dich nur einmal begrüße) und, falls dieses Treffen die Anwesenheit erfasst, die Tage, an denen du da warst. Check-in-Wörter werden gelöscht, wenn die Sitzung endet.
                   Was jemand teilt, speichere ich nie. `!my-data` zeigt alles, was ich über dich speichere, und `!forget-me` löscht es.
        [19:00:00] bot: Willkommen, Chidi (hört nur zu).
        [19:00:00] bot → Chidi (private): Hallo, und danke, dass du gekommen bist. Du bist zum ersten Mal bei diesem Treffen, deshalb hier kurz, wie es läuft:
                     • In einer Teilrunde rufe ich alle nacheinander auf und achte auf die Zeit, damit alle gleich viel davon bekommen. Du siehst, wann dein Beitrag beginnt und endet.
                     • Du musst nie etwas teilen. Mit `!pass` setzt du aus, bevor du dran bist oder wenn du dran bist, und ich sage nur, dass du ausgesetzt hast. `!checkin listen` heißt, dass du heute lieber nur zuhörst.
                     • Wenn du etwas sagen möchtest, heb die Hand mit `!hand`.
                     • Wenn es dir gerade schwer geht, zeigt dir `!crisis` privat, wo du Hilfe findest.
                     • Ich speichere deinen Anzeigenamen, solange du teilnimmst, das Datum deines letzten Check-ins (damit ich dich nur einmal begrüße) und, falls dieses Treffen die Anwesenheit erfasst, die Tage, an denen du da warst. Check-in-Wörter werden gelöscht, wenn die Sitzung endet.
                   Was jemand teilt, speichere ich nie. `!my-data` zeigt alles, was ich über dich speichere, und `!forget-me` löscht es.
        [19:00:00] bot: Willkommen, Dee.
        [19:00:00] bot → Dee (private): Hallo, und danke, dass du gekommen bist. Du bist zum ersten Mal bei diesem Treffen, deshalb hier kurz, wie es läuft:
                     • In einer Teilrunde rufe ich alle nacheinander auf und achte auf die Zeit, damit alle gleich viel davon bekommen. Du siehst, wann dein Beitrag beginnt und endet.
                     • Du musst nie etwas teilen. Mit `!pass` setzt du aus, bevor du dran bist oder wenn du dran bist, und ich sage nur, dass du ausgesetzt hast. `!checkin listen` heißt, dass du heute lieber nur zuhörst.
                     • Wenn du etwas sagen möchtest, heb die Hand mit `!hand`.
                     • Wenn es dir gerade schwer geht, zeigt dir `!crisis` privat, wo du Hilfe findest.
                     • Ich speichere deinen Anzeigenamen, solange du teilnimmst, das Datum deines letzten Check-ins (damit ich dich nur einmal begrüße) und, falls dieses Treffen die Anwesenheit erfasst, die Tage, an denen du da warst. Check-in-Wörter werden gelöscht, wenn die Sitzung endet.
                   Was jemand teilt, speichere ich nie. `!my-data` zeigt alles, was ich über dich speichere, und `!forget-me` löscht es.
        [19:00:00] bot: Das Treffen endet um 19:20:00: Die Beiträge bis zum Abschluss passen in die Zeit davor.
        [19:00:00] bot: Teil 2 von 4: Ankommen.
                   Komm mit `!checkin` an (gern mit einem Wort, wie es dir gerade geht), oder mit `!checkin listen`, um nur zuzuhören.
        [19:00:00] bot: Teil 3 von 4: Teilen.
                   Wir teilen die Zeit bis zum Abschluss um 19:18:00 auf: 5 Minuten 30 Sekunden für jede der 3 Personen, die noch teilen; wenn jemand aussetzt oder früher fertig ist, bekommen die anderen mehr Zeit.
                   Teilrunde: 5 Minuten 30 Sekunden pro Person, in der Reihenfolge des Ankommens. Kein Crosstalk: Bitte hör zu, ohne auf Beiträge zu antworten.
                   Reihenfolge: Ana, Ben, Dee. Sag jederzeit `!pass`, wenn du lieber nicht teilen möchtest.
                   @Ana, du hast das Wort: 5 Minuten 30 Sekunden, bis 19:05:30 (in 5 Minuten 30 Sekunden). Danach: Ben.
        [19:00:00] bot → Ben (private): Notiert: Du setzt aus, wenn du dran bist. Alle hören nur „setzt aus“.
        [19:04:30] bot: Ana, noch 1 Minute (bis 19:05:30).
        [19:05:00] bot: Ana, noch 30 Sekunden (bis 19:05:30).
        [19:05:10] bot: Ana hat 1 Minute mehr, bis 19:06:30 (in 1 Minute 20 Sekunden).
        [19:05:30] bot: Ana, noch 1 Minute (bis 19:06:30).
        [19:06:00] bot: Ana, noch 30 Sekunden (bis 19:06:30).
        [19:06:30] bot: Zeit, Ana. Danke fürs Teilen; komm gern langsam zum Ende.
                   Ben setzt aus.
                   @Dee, du bist als Nächstes dran: von 19:06:40 bis 19:17:40.
        [19:08:10] bot: Danke, Dee.
                   Die Runde ist zu Ende. 2 Personen haben geteilt. Danke euch allen.
                   Teil 4 von 4: Abschluss, bis 19:10:10 (in 2 Minuten).
                   Danke fürs Teilen und danke fürs Zuhören.
                   Passt gut auf euch auf bis zum nächsten Mal.
        [19:08:10] bot → Ana (private): Wenn du in Gefahr bist oder daran denkst, dir das Leben zu nehmen, ruf bitte jetzt den Notruf an: 112 in der ganzen EU. In Deutschland erreichst du die Telefonseelsorge rund um die Uhr, kostenlos und vertraulich, unter 0800 111 0 111 oder 0800 111 0 222; in Österreich die Telefonseelsorge unter 142; in der Schweiz Die Dargebotene Hand unter 143. Auf findahelpline.com findest du kostenlose, vertrauliche Hilfe in deinem Land. Du bist nicht allein, und es ist mutig, dir Hilfe zu holen.
        [19:09:10] bot: Abschluss: noch 1 Minute, bis 19:10:10.
        [19:10:10] bot: Das Treffen ist zu Ende. Danke, dass ihr da wart. Check-in-Wörter werden aus meinen Aufzeichnungen und aus allen Nachrichten gelöscht, die ich gepostet habe; ein Wort, das du in eine eigene Nachricht geschrieben hast, bleibt dort, bis du sie löschst.
    "#]].assert_eq(&demo(Lang::De));
}

#[test]
fn the_demo_in_french() {
    expect![[r#"
        [19:00:00] bot → Ada: Tout ce que je publie ici est maintenant en français. Chaque personne peut toujours choisir sa propre langue pour mes réponses.
        [19:00:00] bot → Ada: Le format de ce lieu est maintenant Cercle de partage ouvert (4 parties). `!format` l’affiche ; mets les textes propres à ton groupe avec `!format text`.
        [19:00:00] bot: Bienvenue. La séance est ouverte : Cercle du mardi soir.
                   Fais ton check-in avec `!checkin` (ajoute un mot sur ce que tu ressens si tu veux), ou `!checkin listen` pour simplement écouter. Lève la main avec `!hand`.
                   Déroulé : Cercle de partage ouvert
                     • 1. 19:00:00–vers 19:00:30 Accueil (en cours)
                     • 2. à partir de 19:00:30 Tour d’arrivée
                     • 3. Partage
                     • 4. Clôture
                   Partie 1 sur 4 : Accueil.
                   Bienvenue dans notre cercle de partage. Ça nous fait plaisir que tu sois là.
                   Ce qui se dit ici reste ici. Nous écoutons sans chercher à réparer, nous partageons à partir de notre propre expérience, et chaque personne peut passer à tout moment.
        [19:00:00] bot: Bienvenue, Ana.
        [19:00:00] bot → Ana (private): Bonjour, et merci d’être là. C’est ta première fois dans cette réunion, alors voici comment ça se passe :
                     • Pendant un tour de partage, j’appelle chaque personne à son tour et je garde le temps, pour que tout le monde ait le même. Tu verras quand ton tour commence et quand il se termine.
                     • Partager n’est jamais une obligation. `!pass` passe ton tour, avant qu’il arrive ou au moment où il arrive, et je dis seulement que tu as passé. `!checkin listen` veut dire que tu préfères simplement écouter aujourd’hui.
                     • Pour demander la parole, lève la main avec `!hand`.
                     • Si c’est difficile en ce moment, `!crisis` te montre, en privé, où trouver de l’aide.
                     • Je garde ton nom d’affichage pendant que tu participes, la date de ton dernier check-in (pour ne t’accueillir qu’une fois) et, si cette réunion enregistre les présences, les dates de tes venues. Les mots de check-in sont effacés à la fermeture de la séance.
                   Je ne garde jamais ce que quelqu’un partage. `!my-data` montre tout ce que je garde sur toi, et `!forget-me` l’efface.
        [19:00:00] bot: Bienvenue, Ben.
        [19:00:00] bot → Ben (private): Bonjour, et merci d’être là. C’est ta première fois dans cette réunion, alors voici comment ça se passe :
                     • Pendant un tour de partage, j’appelle chaque personne à son tour et je garde le temps, pour que tout le monde ait le même. Tu verras quand ton tour commence et quand il se termine.
                     • Partager n’est jamais une obligation. `!pass` passe ton tour, avant qu’il arrive ou au moment où il arrive, et je dis seulement que tu as passé. `!checkin listen` veut dire que tu préfères simplement écouter aujourd’hui.
                     • Pour demander la parole, lève la main avec `!hand`.
                     • Si c’est difficile en ce moment, `!crisis` te montre, en privé, où trouver de l’aide.
                     • Je garde ton nom d’affichage pendant que tu participes, la date de ton dernier check-in (pour ne t’accueillir qu’une fois) et, si cette réunion enregistre les présences, les dates de tes venues. Les mots de check-in sont effacés à la fermeture de la séance.
                   Je ne garde jamais ce que quelqu’un partage. `!my-data` montre tout ce que je garde sur toi, et `!forget-me` l’efface.
        [19:00:00] bot: Bienvenue, Chidi (écoute seulement).
        [19:00:00] bot → Chidi (private): Bonjour, et merci d’être là. C’est ta première fois dans cette réunion, alors voici comment ça se passe :
                     • Pendant un tour de partage, j’appelle chaque personne à son tour et je garde le temps, pour que tout le monde ait le même. Tu verras quand ton tour commence et quand il se termine.
                     • Partager n’est jamais une obligation. `!pass` passe ton tour, avant qu’il arrive ou au moment où il arrive, et je dis seulement que tu as passé. `!checkin listen` veut dire que tu préfères simplement écouter aujourd’hui.
                     • Pour demander la parole, lève la main avec `!hand`.
                     • Si c’est difficile en ce moment, `!crisis` te montre, en privé, où trouver de l’aide.
                     • Je garde ton nom d’affichage pendant que tu participes, la date de ton dernier check-in (pour ne t’accueillir qu’une fois) et, si cette réunion enregistre les présences, les dates de tes venues. Les mots de check-in sont effacés à la fermeture de la séance.
                   Je ne garde jamais ce que quelqu’un partage. `!my-data` montre tout ce que je garde sur toi, et `!forget-me` l’efface.
        [19:00:00] bot: Bienvenue, Dee.
        [19:00:00] bot → Dee (private): Bonjour, et merci d’être là. C’est ta première fois dans cette réunion, alors voici comment ça se passe :
                     • Pendant un tour de partage, j’appelle chaque personne à son tour et je garde le temps, pour que tout le monde ait le même. Tu verras quand ton tour commence et quand il se termine.
                     • Partager n’est jamais une obligation. `!pass` passe ton tour, avant qu’il arrive ou au moment où il arrive, et je dis seulement que tu as passé. `!checkin listen` veut dire que tu préfères simplement écouter aujourd’hui.
                     • Pour demander la parole, lève la main avec `!hand`.
                     • Si c’est difficile en ce moment, `!crisis` te montre, en privé, où trouver de l’aide.
                     • Je garde ton nom d’affichage pendant que tu participes, la date de ton dernier check-in (pour ne t’accueillir qu’une fois) et, si cette réunion enregistre les présences, les dates de tes venues. Les mots de check-in sont effacés à la fermeture de la séance.
                   Je ne garde jamais ce que quelqu’un partage. `!my-data` montre tout ce que je garde sur toi, et `!forget-me` l’efface.
        [19:00:00] bot: La réunion se termine à 19:20:00 : les partages jusqu’à la clôture tiennent dans le temps d’ici là.
        [19:00:00] bot: Partie 2 sur 4 : Tour d’arrivée.
                   Fais ton check-in avec `!checkin` (un mot sur ce que tu ressens si tu veux), ou `!checkin listen` pour simplement écouter.
        [19:00:00] bot: Partie 3 sur 4 : Partage.
                   Nous partageons le temps jusqu’à la clôture à 19:18:00 : 5 minutes 30 secondes pour chacune des 3 personnes qui doivent encore partager ; si quelqu’un passe ou finit plus tôt, les autres ont plus de temps.
                   Tour de partage : 5 minutes 30 secondes par personne, dans l’ordre des check-ins. Pas de réactions croisées : écoute sans répondre aux partages, s’il te plaît.
                   Ordre : Ana, Ben, Dee. Dis `!pass` à tout moment si tu préfères ne pas partager.
                   @Ana, tu as la parole : 5 minutes 30 secondes, jusqu’à 19:05:30 (dans 5 minutes 30 secondes). Ensuite : Ben.
        [19:00:00] bot → Ben (private): C’est noté : tu passeras quand ton tour viendra. Personne n’entendra autre chose que « passe ».
        [19:04:30] bot: Ana, encore 1 minute (jusqu’à 19:05:30).
        [19:05:00] bot: Ana, encore 30 secondes (jusqu’à 19:05:30).
        [19:05:10] bot: Ana a 1 minute de plus, jusqu’à 19:06:30 (dans 1 minute 20 secondes).
        [19:05:30] bot: Ana, encore 1 minute (jusqu’à 19:06:30).
        [19:06:00] bot: Ana, encore 30 secondes (jusqu’à 19:06:30).
        [19:06:30] bot: C’est l’heure, Ana. Merci pour ton partage ; tu peux terminer ta pensée en douceur.
                   Ben passe.
                   @Dee, c’est bientôt à toi : ton tour va de 19:06:40 à 19:17:40.
        [19:08:10] bot: Merci, Dee.
                   Le tour est terminé. 2 personnes ont partagé. Merci à toutes et à tous.
                   Partie 4 sur 4 : Clôture, jusqu’à 19:10:10 (dans 2 minutes).
                   Merci pour vos partages, et merci pour votre écoute.
                   Prenez bien soin de vous d’ici la prochaine fois.
        [19:08:10] bot → Ana (private): Si tu es en danger ou si tu penses à mettre fin à tes jours, appelle maintenant le numéro d’urgence de ton pays (le 112 dans toute l’Union européenne). En France, le 3114, numéro national de prévention du suicide, répond gratuitement 24 h/24 et 7 j/7. Sur findahelpline.com, tu trouveras une ligne d’écoute gratuite et confidentielle dans ton pays. Tu n’as pas à traverser ça sans personne, et demander de l’aide, c’est courageux.
        [19:09:10] bot: Clôture : encore 1 minute, jusqu’à 19:10:10.
        [19:10:10] bot: La réunion est terminée. Merci d’avoir été là. Les mots de check-in sont effacés de mes données et de tous les messages que j’ai publiés ; un mot que tu as écrit dans un message à toi y reste jusqu’à ce que tu le supprimes.
    "#]].assert_eq(&demo(Lang::Fr));
}
