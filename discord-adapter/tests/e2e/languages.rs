//! Languages on Discord, as members see them: a server whose preferred locale is German gets a
//! German meeting; a member whose app is in Spanish reads what is addressed to them alone in
//! Spanish (refusals, `my-data`), while the channel's posts stay German.

use serde_json::json;

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_member_reads_their_answers_in_spanish_in_a_german_meeting() {
    let w = World::start_with(Setup {
        languages: true,
        ..Setup::default()
    })
    .await;
    let p = w.who.clone();

    // The first command makes the place, in the server's language; the owner's app is English.
    let (_, cb) = w.sub(p.owner, "language", "choose", json!([])).await;
    assert!(cb.is_ephemeral());
    let c = cb.content().unwrap();
    assert!(
        c.contains("I answer you in English here, your app's language."),
        "{c}"
    );

    // Eva's app is Spanish: she is told so, in Spanish.
    let (_, cb) = w.sub(p.eva, "language", "choose", json!([])).await;
    let c = cb.content().unwrap();
    assert!(
        c.contains("Aquí te respondo en español, el idioma de tu aplicación."),
        "{c}"
    );

    // The meeting's posts are German for everyone.
    let (_, cb) = w.slash(p.owner, "open", json!([])).await;
    assert!(!cb.is_ephemeral());
    let c = cb.content().unwrap();
    assert!(c.contains("Willkommen. Die Sitzung ist offen"), "{c}");
    let (_, cb) = w.sub(p.eva, "checkin", "here", json!([])).await;
    assert!(!cb.is_ephemeral());
    assert_eq!(cb.content().unwrap(), "Willkommen, Eva.", "{cb:?}");
    // `my-data`, for Eva alone, is Spanish.
    let (i, cb) = w.slash(p.eva, "my-data", json!([])).await;
    assert!(cb.is_ephemeral());
    let shown = match cb.content() {
        Some(c) => c.to_string(),
        None => w.interaction_messages(&i, 1).await[0].content.clone(),
    };
    assert!(
        shown.starts_with("Esto es todo lo que guardo sobre ti:"),
        "{shown}"
    );
    // A refusal for Eva alone is Spanish.
    let (_, cb) = w.slash(p.eva, "close", json!([])).await;
    assert!(cb.is_ephemeral());
    let c = cb.content().unwrap();
    assert_eq!(
        c, "Solo quien coordina o administra puede usar `/cerrar`.",
        "{cb:?}"
    );

    // Her choice wins over her app: German for her from now on, said in German.
    let (_, cb) = w
        .sub(
            p.eva,
            "language",
            "choose",
            json!([{ "name": "language", "value": "de" }]),
        )
        .await;
    let c = cb.content().unwrap();
    assert!(
        c.starts_with("Ab jetzt antworte ich dir hier auf Deutsch."),
        "{c}"
    );
    let (_, cb) = w.slash(p.eva, "close", json!([])).await;
    assert!(
        cb.content()
            .unwrap()
            .contains("Nur die Moderation oder die Verwaltung"),
        "{cb:?}"
    );
    // `my-data` shows the choice, and `forget-me` erases it: Spanish (her app) again.
    let (i, cb) = w.slash(p.eva, "my-data", json!([])).await;
    let shown = match cb.content() {
        Some(c) => c.to_string(),
        None => w.interaction_messages(&i, 1).await[0].content.clone(),
    };
    assert!(
        shown.contains("die Sprache, die du hier für meine Antworten gewählt hast: Deutsch"),
        "{shown}"
    );
    w.slash(p.eva, "forget-me", json!([])).await;
    let (_, cb) = w.sub(p.eva, "language", "choose", json!([])).await;
    assert!(
        cb.content().unwrap().contains("el idioma de tu aplicación"),
        "{cb:?}"
    );
    w.finish().await;
}
