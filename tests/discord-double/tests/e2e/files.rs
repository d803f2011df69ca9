//! Files: a member's attachment on a slash command (resolved in the interaction, served at its
//! URL) and messages with files (multipart/form-data: `payload_json` plus `files[n]`, each
//! matched by an `attachments` entry), accepted and refused as Discord does.

use serde_json::{json, Value};
use serenity::all::{
    CommandDataOptionValue, CommandOptionType, CreateAttachment, CreateCommand,
    CreateCommandOption, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, EditInteractionResponse, GuildId,
};

use crate::common::{connected, world, WAIT};

const BOUNDARY: &str = "sc-boundary-1234";

/// A multipart body: `(name, filename, bytes)` parts.
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match filename {
            Some(f) => format!("form-data; name=\"{name}\"; filename=\"{f}\""),
            None => format!("form-data; name=\"{name}\""),
        };
        body.extend_from_slice(format!("Content-Disposition: {disposition}\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_multipart(url: &str, body: Vec<u8>) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(url)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("the double answers");
    let status = r.status().as_u16();
    let bytes = r.bytes().await.unwrap_or_default();
    let v = serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null);
    (status, v)
}

async fn register_import(http: &serenity::http::Http, guild: u64) {
    let import = CreateCommand::new("import")
        .description("Import a document")
        .add_option(
            CreateCommandOption::new(CommandOptionType::Attachment, "document", "The file")
                .required(true),
        );
    GuildId::new(guild)
        .set_commands(http, vec![import])
        .await
        .unwrap();
}

#[tokio::test]
async fn an_attached_file_is_resolved_and_served_and_files_go_out_with_answers() {
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    register_import(&bot.http, ids.guild).await;

    let (sent, file) = double.send_command_with_attachment(
        ids.guild,
        ids.general,
        ids.alice,
        "import",
        |id| json!([{ "name": "document", "value": id.to_string() }]),
        "format.toml",
        "name = \"Circle\"\n".as_bytes(),
    );
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();
    let CommandDataOptionValue::Attachment(id) = cmd.data.options[0].value else {
        panic!("an attachment option: {:?}", cmd.data.options);
    };
    assert_eq!(id.get(), file.id);
    let attachment = &cmd.data.resolved.attachments[&id];
    assert_eq!(attachment.filename, "format.toml");
    assert_eq!(attachment.size as usize, file.bytes.len());
    assert_eq!(attachment.url, file.url);
    assert_eq!(attachment.download().await.unwrap(), file.bytes);
    assert_eq!(double.downloads_of(&file.url), 1);

    // A response with a file, a follow-up with one, and an edit adding one.
    cmd.create_response(
        &ctx.http,
        CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content("Here it is:")
                .ephemeral(true)
                .add_file(CreateAttachment::bytes(b"a = 1\n".to_vec(), "format.toml")),
        ),
    )
    .await
    .unwrap();
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert!(cb.accepted(), "{cb:?}");
    cmd.create_followup(
        &ctx.http,
        CreateInteractionResponseFollowup::new()
            .content("And again")
            .add_file(CreateAttachment::bytes(b"b = 2\n".to_vec(), "second.toml")),
    )
    .await
    .unwrap();
    let edited = cmd
        .edit_response(
            &ctx.http,
            EditInteractionResponse::new()
                .new_attachment(CreateAttachment::bytes(b"c = 3\n".to_vec(), "third.toml")),
        )
        .await
        .unwrap();
    // An edit's `attachments` lists what the message keeps: the first file is gone, as on
    // Discord.
    assert_eq!(edited.attachments.len(), 1, "{edited:?}");
    assert_eq!(edited.attachments[0].filename, "third.toml");
    let names: Vec<String> = double
        .files_of(&sent)
        .into_iter()
        .map(|f| format!("{}={}", f.filename, f.text().unwrap().trim()))
        .collect();
    assert_eq!(names, ["third.toml=c = 3", "second.toml=b = 2"]);
    let served = reqwest::get(&edited.attachments[0].url)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&served[..], b"c = 3\n");
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn multipart_answers_are_checked_like_discord() {
    let (config, ids) = world();
    let (double, bot) = connected(config).await;
    register_import(&bot.http, ids.guild).await;
    let id = double.attach(ids.general, "x.toml", "x = 1");
    let sent = double.send_slash_command(
        ids.guild,
        ids.general,
        ids.alice,
        "import",
        json!([{ "name": "document", "value": id.to_string() }]),
    );
    let url = format!(
        "{}/api/v10/interactions/{}/{}/callback",
        double.http_url(),
        sent.id,
        sent.token
    );
    let payload = |attachments: Value| {
        json!({ "type": 4, "data": { "content": "x", "flags": 64, "attachments": attachments } })
            .to_string()
    };

    // No payload_json.
    let (status, v) = post_multipart(&url, multipart(&[("files[0]", Some("a.toml"), b"a")])).await;
    assert_eq!((status, v["code"].clone()), (400, json!(50109)), "{v}");
    // A file without its `attachments` entry.
    let p = payload(json!([]));
    let (status, v) = post_multipart(
        &url,
        multipart(&[
            ("payload_json", None, p.as_bytes()),
            ("files[0]", Some("a.toml"), b"a"),
        ]),
    )
    .await;
    assert_eq!(status, 400, "{v}");
    assert!(v["errors"]["files[0]"].is_object(), "{v}");
    // An entry naming no file.
    let p = payload(json!([{ "id": 3, "filename": "c.toml" }]));
    let (status, v) =
        post_multipart(&url, multipart(&[("payload_json", None, p.as_bytes())])).await;
    assert_eq!(status, 400, "{v}");
    // A file without a name.
    let p = payload(json!([{ "id": 0 }]));
    let (status, v) = post_multipart(
        &url,
        multipart(&[
            ("payload_json", None, p.as_bytes()),
            ("files[0]", None, b"a"),
        ]),
    )
    .await;
    assert_eq!(status, 400, "{v}");
    // Eleven files.
    let entries: Vec<Value> = (0..11)
        .map(|n| json!({ "id": n, "filename": format!("f{n}.toml") }))
        .collect();
    let p = payload(json!(entries));
    let names: Vec<String> = (0..11).map(|n| format!("files[{n}]")).collect();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("payload_json", None, p.as_bytes())];
    parts.extend(
        names
            .iter()
            .map(|n| (n.as_str(), Some("f.toml"), &b"f"[..])),
    );
    let (status, v) = post_multipart(&url, multipart(&parts)).await;
    assert_eq!(status, 400, "{v}");
    assert!(v["errors"]["files"].is_object(), "{v}");
    assert_eq!(double.take_violations().len(), 5);
    assert!(double.files_of(&sent).is_empty());

    // Right: accepted, and the file kept with its entry's name and description.
    let p = payload(json!([{ "id": 0, "filename": "format.toml", "description": "The format" }]));
    let (status, v) = post_multipart(
        &url,
        multipart(&[
            ("payload_json", None, p.as_bytes()),
            ("files[0]", Some("upload.bin"), b"name = \"x\""),
        ]),
    )
    .await;
    assert_eq!(status, 204, "{v}");
    let files = double.files_of(&sent);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].filename, "format.toml");
    assert_eq!(files[0].description.as_deref(), Some("The format"));
    assert_eq!(files[0].text(), Some("name = \"x\""));
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}
