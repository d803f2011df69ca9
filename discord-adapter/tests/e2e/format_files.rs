//! A meeting format as a file on Discord, as an admin sees it: `/format export` answers with
//! `format.toml` attached (not fenced text), the admin edits that file and gives it back to
//! `/format import` as an attachment; a file with mistakes is refused with every mistake listed
//! and the format unchanged; a file larger than a format can be is refused by its size, before
//! anything fetches it.

use discord_double::{InteractionRef, StoredFile, StoredMessage};
use serde_json::{json, Value};

use crate::harness::*;

/// The options of `/format import` with the attachment `id` as its document.
fn import_options(id: u64) -> Value {
    json!([{ "name": "import", "type": 1, "options": [
        { "name": "document", "type": 11, "value": id.to_string() }
    ] }])
}

/// `/format import` with `bytes` attached as `filename`: the interaction, the file the double
/// serves, and the answer once the deferred response was edited.
async fn import(
    w: &World,
    user: u64,
    filename: &str,
    bytes: Vec<u8>,
) -> (InteractionRef, StoredFile, StoredMessage) {
    let (i, file) = w.double.send_command_with_attachment(
        w.guild,
        w.channel,
        user,
        "format",
        import_options,
        filename,
        bytes,
    );
    let cb = w.double.wait_callback(&i, WAIT).await.expect("a callback");
    assert!(cb.accepted(), "{cb:?}");
    assert_eq!(cb.response_type, 5, "deferred before any download: {cb:?}");
    assert!(cb.is_ephemeral(), "{cb:?}");
    let id = i.id;
    let answer = w
        .double
        .wait_for_message(
            w.channel,
            |m| m.interaction_id == Some(id) && !m.is_loading(),
            WAIT,
        )
        .await
        .expect("the deferred answer");
    assert!(answer.is_ephemeral(), "{answer:?}");
    (i, file, answer)
}

async fn shown(w: &World, user: u64) -> String {
    let (_, cb) = w.sub(user, "format", "show", json!([])).await;
    cb.content().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_exports_the_format_as_a_file_edits_it_and_imports_it_back() {
    let w = World::start().await;
    let p = w.who.clone();

    // The document argument is a required attachment option.
    let commands = w.double.commands(Some(w.guild));
    let format = commands.iter().find(|c| c["name"] == "format").unwrap();
    let import_sub = format["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "import")
        .unwrap();
    assert_eq!(import_sub["options"][0]["name"], json!("document"));
    assert_eq!(import_sub["options"][0]["type"], json!(11), "{import_sub}");
    assert_eq!(import_sub["options"][0]["required"], json!(true));

    let (_, cb) = w
        .sub(
            p.owner,
            "format",
            "use",
            json!([{ "name": "template", "value": "smart" }]),
        )
        .await;
    assert!(cb.is_ephemeral(), "{cb:?}");

    // `/format export` answers privately with format.toml attached; the words come first.
    let (i, cb) = w.sub(p.owner, "format", "export", json!([])).await;
    assert_eq!(cb.response_type, 4, "{cb:?}");
    assert!(cb.is_ephemeral(), "{cb:?}");
    let c = cb.content().unwrap();
    assert!(c.contains("This place's format as a document"), "{c}");
    assert!(!c.contains("```"), "no fenced document: {c}");
    let files = w.double.files_of(&i);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].filename, "format.toml");
    let exported = files[0].text().expect("UTF-8").to_string();
    assert!(exported.contains("SMART-style meeting"), "{exported}");
    assert!(exported.contains("\"40m\""), "{exported}");
    let messages = w.interaction_messages(&i, 1).await;
    assert!(messages[0].is_ephemeral());
    assert!(w.channel_posts().is_empty());

    // When the answer is slow and the interaction deferred, the file comes with the edit.
    w.handle().set_defer_after(std::time::Duration::ZERO);
    let i = w.send(
        p.owner,
        "format",
        json!([{ "name": "export", "type": 1, "options": [] }]),
    );
    let cb = w.double.wait_callback(&i, WAIT).await.expect("a callback");
    assert_eq!(cb.response_type, 5, "{cb:?}");
    let id = i.id;
    let answer = w
        .double
        .wait_for_message(
            w.channel,
            |m| m.interaction_id == Some(id) && !m.is_loading(),
            WAIT,
        )
        .await
        .expect("the deferred answer");
    assert!(answer.is_ephemeral(), "{answer:?}");
    assert!(answer.content.contains("This place's format as a document"));
    let files = w.double.files_of(&i);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].filename, "format.toml");
    assert_eq!(files[0].text(), Some(exported.as_str()));
    w.handle()
        .set_defer_after(std::time::Duration::from_millis(1500));

    // The admin shortens the discussion and adds announcements before the closing.
    let closing = exported.rfind("[[part]]").expect("parts");
    let mut edited = exported.replace("\"40m\"", "\"35m\"");
    edited.insert_str(
        closing,
        "[[part]]\nkind = \"text\"\ntitle = \"Announcements\"\ntime = \"2m\"\ntext = \"News from the group.\"\n\n",
    );
    assert_ne!(edited, exported);
    let (_, file, answer) = import(&w, p.owner, "format.toml", edited.into_bytes()).await;
    assert!(
        answer
            .content
            .contains("Imported SMART\\-style meeting (6 parts)"),
        "{}",
        answer.content
    );
    assert_eq!(w.double.downloads_of(&file.url), 1);
    let c = shown(&w, p.ann).await;
    assert!(c.contains("Announcements"), "{c}");
    assert!(c.contains("35 minutes"), "{c}");
    assert!(!c.contains("40 minutes"), "{c}");

    // Three mistakes: all listed in one private refusal, the format unchanged.
    let bad = exported
        .replacen("kind = \"checkin\"", "kind = \"juggling\"", 1)
        .replace("\"40m\"", "\"3x\"")
        .replace("crosstalk = \"open\"", "crosstalk = \"sometimes\"");
    let (i, _, answer) = import(&w, p.owner, "mistakes.toml", bad.into_bytes()).await;
    let c = &answer.content;
    assert!(c.contains("3 problems"), "{c}");
    assert!(
        c.contains("juggling") && c.contains("3x") && c.contains("sometimes"),
        "{c}"
    );
    assert_eq!(w.interaction_messages(&i, 1).await.len(), 1, "one refusal");
    let c = shown(&w, p.ann).await;
    assert!(
        c.contains("Announcements") && c.contains("35 minutes"),
        "{c}"
    );

    // A file larger than a format can be: refused by its size, never fetched.
    let big = format!("name = \"x\"\n# {}\n", "y".repeat(150_000));
    let (_, file, answer) = import(&w, p.owner, "big.toml", big.into_bytes()).await;
    assert!(
        answer.content.contains("a format fits in 100000"),
        "{}",
        answer.content
    );
    assert_eq!(w.double.downloads_of(&file.url), 0, "not downloaded");

    // A file that is not text is refused in the core's words.
    let (_, _, answer) = import(&w, p.owner, "format.toml", vec![0xff, 0xfe, 0x00, 0x01]).await;
    assert!(answer.content.contains("not text"), "{}", answer.content);

    // Only an admin imports: a member is refused before anything is fetched.
    let (_, file, answer) = import(&w, p.ann, "format.toml", b"name = \"x\"".to_vec()).await;
    assert_eq!(w.double.downloads_of(&file.url), 0, "{}", answer.content);
    let c = shown(&w, p.ann).await;
    assert!(c.contains("Announcements"), "{c}");

    w.finish().await;
}
