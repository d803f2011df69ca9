//! End-to-end tests of the Discord adapter against the wire-level Discord double: unmodified
//! serenity, real HTTP and websocket, the engine on a manual clock.

mod circles;
mod format_files;
mod formats;
mod harness;
mod languages;
mod load;
mod lost_answers;
mod shards;
mod voice;

use std::collections::BTreeSet;
use std::time::Duration;

use bot_core::domain::{
    parse_arg, ArgKind, ArgSpec, CommandKind, CommandSpec, Millis, Role, CATALOGUE,
};
use discord_double::Failure;
use harness::*;
use serde_json::{json, Value};

// ------------------------------------------------------------------ registration

/// The slash path the rule gives a catalogue entry, restated here from the catalogue alone:
/// `a b` → `/a b`; a one-word entry whose word starts other entries → its two-word alias.
fn expected_path(spec: &CommandSpec) -> (String, Option<String>) {
    let words: Vec<&str> = spec.words.split(' ').collect();
    if words.len() == 2 {
        return (words[0].into(), Some(words[1].into()));
    }
    assert_eq!(
        words.len(),
        1,
        "{}: deeper entries are not expected",
        spec.words
    );
    let grouped = CATALOGUE
        .iter()
        .any(|s| s.words.starts_with(&format!("{} ", spec.words)));
    if !grouped {
        return (spec.words.into(), None);
    }
    let alias = spec
        .aliases
        .iter()
        .find_map(|a| {
            a.strip_prefix(&format!("{} ", spec.words))
                .filter(|r| !r.contains(' '))
        })
        .unwrap_or_else(|| panic!("{} has no two-word alias", spec.words));
    (spec.words.into(), Some(alias.into()))
}

fn clip100(s: &str) -> String {
    if s.chars().count() <= 100 {
        s.to_string()
    } else {
        s.chars().take(99).collect::<String>() + "…"
    }
}

/// The core's words (a summary, an argument's help) in English, as the registration's base.
fn english(span: &bot_core::domain::Span) -> String {
    bot_core::render::plain(&bot_core::domain::Message::say(span.clone()))
}

fn check_option(spec: &CommandSpec, arg: &ArgSpec, opt: &Value) {
    let what = format!("{} {}", spec.words, arg.name);
    assert_eq!(opt["name"], json!(arg.name), "{what}");
    assert_eq!(
        opt["description"],
        json!(clip100(&english(&spec.arg_help(arg)))),
        "{what}"
    );
    assert_eq!(
        opt["required"].as_bool().unwrap_or(false),
        arg.required,
        "{what}"
    );
    let listed = matches!(
        spec.kind,
        CommandKind::Skip | CommandKind::QueueRemove | CommandKind::QueueMove
    );
    let autocomplete = opt["autocomplete"].as_bool().unwrap_or(false);
    #[allow(unreachable_patterns)]
    match arg.kind {
        ArgKind::Member if listed => {
            assert_eq!(opt["type"], json!(3), "{what}");
            assert!(autocomplete, "{what} autocompletes from the session");
        }
        ArgKind::Member => assert_eq!(opt["type"], json!(6), "{what}: a user option"),
        ArgKind::Position => {
            assert_eq!(opt["type"], json!(4), "{what}");
            assert_eq!(opt["min_value"], json!(1), "{what}");
        }
        ArgKind::Choice(words) => {
            assert_eq!(opt["type"], json!(3), "{what}");
            let values: Vec<&str> = opt["choices"]
                .as_array()
                .expect("choices")
                .iter()
                .map(|c| c["value"].as_str().unwrap())
                .collect();
            assert_eq!(values, words.to_vec(), "{what}");
        }
        ArgKind::Topic => {
            assert_eq!(opt["type"], json!(3), "{what}");
            assert!(autocomplete, "{what}");
        }
        ArgKind::Text { max } => {
            assert_eq!(opt["type"], json!(3), "{what}");
            assert_eq!(opt["max_length"], json!(max.min(6000)), "{what}");
        }
        ArgKind::LongText { .. } => panic!("{what}: a long text is asked for in a modal"),
        ArgKind::Document { .. } => {
            assert_eq!(opt["type"], json!(11), "{what}: an attached file");
        }
        ArgKind::VoiceChannel => {
            assert_eq!(opt["type"], json!(7), "{what}: a channel option");
            assert_eq!(
                opt["channel_types"],
                json!([2, 13]),
                "{what}: voice and Stage only"
            );
        }
        ArgKind::TimeBox | ArgKind::ClockTime => {
            assert_eq!(opt["type"], json!(3), "{what}: a string the core parses");
            assert!(!autocomplete, "{what}");
        }
        _ => assert_eq!(opt["type"], json!(3), "{what}: a string the core parses"),
    }
}

/// Checks a bulk-overwrite payload against the catalogue: every entry exactly once, at its path,
/// with its options; admin-only commands need Manage Server; nothing else is registered.
fn check_registration(body: &Value) {
    let list = body.as_array().expect("a list of commands");
    let mut leaves = 0;
    let mut names = BTreeSet::new();
    for cmd in list {
        let name = cmd["name"].as_str().unwrap();
        assert!(names.insert(name.to_string()), "{name} twice");
        assert_eq!(cmd["type"].as_u64().unwrap_or(1), 1);
        let desc = cmd["description"].as_str().unwrap();
        assert!(!desc.is_empty() && desc.chars().count() <= 100);
        let specs: Vec<&CommandSpec> = CATALOGUE
            .iter()
            .filter(|s| expected_path(s).0 == name)
            .collect();
        assert!(!specs.is_empty(), "/{name} is not in the catalogue");
        let admin_only = specs.iter().all(|s| s.role == Role::Admin);
        let perms = cmd["default_member_permissions"].as_str();
        if admin_only {
            assert_eq!(perms, Some("32"), "/{name} is for admins: Manage Server");
        } else {
            assert_eq!(perms, None, "/{name} is open to members");
        }
        assert_eq!(cmd["contexts"], json!([0]), "/{name} works in servers only");
        let options = cmd["options"].as_array().cloned().unwrap_or_default();
        for spec in specs {
            let (_, sub) = expected_path(spec);
            let args: Vec<Value> = match &sub {
                None => options.clone(),
                Some(sub) => {
                    let o = options
                        .iter()
                        .find(|o| o["name"] == json!(sub))
                        .unwrap_or_else(|| panic!("/{name} {sub} missing"));
                    assert_eq!(o["type"], json!(1), "/{name} {sub} is a subcommand");
                    assert_eq!(o["description"], json!(clip100(&english(&spec.summary()))));
                    o["options"].as_array().cloned().unwrap_or_default()
                }
            };
            if sub.is_none() {
                assert_eq!(
                    cmd["description"],
                    json!(clip100(&english(&spec.summary())))
                );
            }
            // A last long-text argument is no option: the command answers with a modal.
            let typed = match spec.args.last() {
                Some(a) if matches!(a.kind, ArgKind::LongText { .. }) => {
                    &spec.args[..spec.args.len() - 1]
                }
                _ => spec.args,
            };
            assert_eq!(args.len(), typed.len(), "{} options", spec.words);
            for (a, o) in typed.iter().zip(&args) {
                check_option(spec, a, o);
            }
            leaves += 1;
        }
        let subs = options.iter().filter(|o| o["type"] == json!(1)).count();
        let specs_here = CATALOGUE
            .iter()
            .filter(|s| expected_path(s).0 == name)
            .count();
        if subs > 0 {
            assert_eq!(subs, options.len(), "/{name}: subcommands only");
            assert_eq!(subs, specs_here, "/{name}: one subcommand per entry");
        }
    }
    assert_eq!(
        leaves,
        CATALOGUE.len(),
        "every catalogue entry is registered once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registered_commands_are_the_catalogue() {
    let w = World::start().await;
    let puts: Vec<_> = w
        .double
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT" && r.route().ends_with("/commands"))
        .collect();
    assert_eq!(puts.len(), 1, "one bulk overwrite per READY");
    assert_eq!(
        puts[0].route(),
        format!(
            "/applications/{}/guilds/{}/commands",
            w.double.config().application_id,
            w.guild
        )
    );
    check_registration(puts[0].body.as_ref().expect("a JSON body"));
    assert_eq!(
        w.double.commands(Some(w.guild)).len(),
        puts[0].body.as_ref().unwrap().as_array().unwrap().len()
    );
    // Minimal intents: GUILDS and GUILD_VOICE_STATES, nothing privileged.
    let ids = w.double.identifies();
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0]["intents"], json!(1 | 1 << 7));
    w.finish().await;

    // Without guild ids the commands are global.
    let w = World::start_with(Setup {
        guild_scoped: false,
        ..Setup::default()
    })
    .await;
    let puts: Vec<_> = w
        .double
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT" && r.route().ends_with("/commands"))
        .collect();
    assert_eq!(puts.len(), 1);
    assert_eq!(
        puts[0].route(),
        format!(
            "/applications/{}/commands",
            w.double.config().application_id
        )
    );
    check_registration(puts[0].body.as_ref().unwrap());
    w.finish().await;
}

// ------------------------------------------------------------------ a whole meeting

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_meeting_through_interactions_and_buttons() {
    let w = World::start().await;
    let p = w.who.clone();

    // An admin (by the configured admin role) names the host role, privately.
    let (_, cb) = w
        .sub(
            p.steward,
            "settings",
            "host-role",
            json!([{ "name": "role", "value": "Facilitators" }]),
        )
        .await;
    assert_eq!(cb.response_type, 4);
    assert!(cb.is_ephemeral(), "{cb:?}");
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "settings host-role");

    // The host opens: a public welcome, and one status message with the buttons.
    let (_, cb) = w
        .slash(
            p.host,
            "open",
            json!([{ "name": "name", "value": "Tuesday *evening* circle" }]),
        )
        .await;
    assert_eq!(cb.response_type, 4);
    assert!(!cb.is_ephemeral(), "the welcome is for everyone: {cb:?}");
    let c = cb.content().unwrap();
    assert!(c.contains("The session is open"), "{c}");
    assert!(
        c.contains("Tuesday \\*evening\\* circle"),
        "member text is escaped: {c}"
    );
    assert!(
        c.contains("`/checkin here`") && c.contains("`/hand up`"),
        "commands in slash form: {c}"
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "open");
    let status = w.wait_status(|m| m.custom_ids().len() == 4).await;
    assert_eq!(
        status.custom_ids(),
        vec!["sc:hand", "sc:hand-down", "sc:done", "sc:pass"]
    );
    assert!(
        status.content.contains("No share round"),
        "{}",
        status.content
    );
    assert_safe_mentions(status.allowed_mentions.as_ref(), &[], "status");

    // Check-ins: public, names only, nobody pinged; the feeling word shows only on the status
    // message (rewritten at the close), never in a post that stays.
    let (_, cb) = w
        .sub(
            p.ann,
            "checkin",
            "here",
            json!([{ "name": "word", "value": "hopeful" }]),
        )
        .await;
    assert!(!cb.is_ephemeral());
    assert!(cb.content().unwrap().contains("Ann") && !cb.content().unwrap().contains("hopeful"));
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "checkin");
    w.sub(p.bo, "checkin", "here", json!([])).await;
    let (_, cb) = w.sub(p.cy, "checkin", "listen", json!([])).await;
    assert!(cb.content().unwrap().contains("just listening"));
    w.wait_status(|m| {
        m.content
            .contains("👥 **Checked in** (3): Ann — *hopeful* · Bo · Cy (listening)")
    })
    .await;

    // Hands by button: the answer is ephemeral, the status message shows the queue.
    let (_, cb) = w.click(p.ann, "sc:hand").await;
    assert_eq!(cb.response_type, 4);
    assert!(cb.is_ephemeral());
    assert!(cb.content().unwrap().contains("Your hand is up"), "{cb:?}");
    w.wait_status(|m| m.content.contains("1. Ann · hand up <t:"))
        .await;
    let (_, cb) = w.click(p.bo, "sc:hand").await;
    assert!(cb.is_ephemeral());
    w.wait_status(|m| m.content.contains("2. Bo · hand up"))
        .await;
    let (_, cb) = w.click(p.bo, "sc:hand-down").await;
    assert!(cb.is_ephemeral() && cb.content().unwrap().contains("Your hand is down"));
    w.wait_status(|m| m.content.contains("Queue** (1)") && !m.content.contains("2. Bo ·"))
        .await;
    let (_, cb) = w.click(p.bo, "sc:hand-down").await;
    assert!(
        cb.is_ephemeral() && cb.content().unwrap().contains("isn't up"),
        "a refusal is private: {cb:?}"
    );

    // Autocomplete for /queue remove offers the raised hands.
    let i = w.double.send_autocomplete(
        w.guild,
        w.channel,
        p.host,
        "queue",
        json!([{ "name": "remove", "type": 1, "options": [{ "name": "member", "type": 3, "value": "", "focused": true }] }]),
    );
    let cb = w.double.wait_callback(&i, WAIT).await.unwrap();
    assert!(cb.accepted());
    assert_eq!(cb.response_type, 8);
    assert_eq!(
        cb.data["choices"],
        json!([{ "name": "Ann", "value": format!("discord:{}", p.ann) }])
    );
    // … and /help topics come from the catalogue.
    let i = w.double.send_autocomplete(
        w.guild,
        w.channel,
        p.bo,
        "help",
        json!([{ "name": "command", "type": 3, "value": "round", "focused": true }]),
    );
    let cb = w.double.wait_callback(&i, WAIT).await.unwrap();
    assert_eq!(
        cb.data["choices"],
        json!([{ "name": "round start", "value": "round start" }, { "name": "round end", "value": "round end" }])
    );

    // A timed round: the first speaker is pinged, and only them.
    let (_, cb) = w
        .sub(
            p.host,
            "round",
            "start",
            json!([{ "name": "share-time", "value": "1m" }, { "name": "order", "value": "checkin" }]),
        )
        .await;
    assert!(!cb.is_ephemeral());
    let c = cb.content().unwrap().to_string();
    assert!(
        c.contains("Share round") && c.contains("1 minute each"),
        "{c}"
    );
    assert!(
        c.contains(&format!("<@{}>, you have the floor", p.ann)),
        "{c}"
    );
    let ends = (T0.0 / 1000) + 60;
    assert!(c.contains(&format!("<t:{ends}:R>")), "{c}");
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[p.ann], "round start");
    // The status shows the round's plan in each reader's clock, kept live by Discord.
    let t0 = T0.0 / 1000;
    let plan = format!(
        "1. Ann · <t:{t0}:t>–<t:{ends}:t> (<t:{t0}:R>)\n2. Bo · <t:{}:t>–<t:{}:t> (<t:{}:R>)",
        t0 + 70,
        t0 + 130,
        t0 + 70
    );
    let status = w.wait_status(|m| m.content.contains(&plan)).await;
    assert!(
        !status.content.contains("Speaking") && !status.content.contains("Up next"),
        "{}",
        status.content
    );

    // /skip offers the speaker first, then who is still to come.
    let i = w.double.send_autocomplete(
        w.guild,
        w.channel,
        p.host,
        "skip",
        json!([{ "name": "member", "type": 3, "value": "", "focused": true }]),
    );
    let cb = w.double.wait_callback(&i, WAIT).await.unwrap();
    let choices = cb.data["choices"].as_array().unwrap().clone();
    assert_eq!(
        choices[0],
        json!({ "name": "Ann", "value": format!("discord:{}", p.ann) })
    );
    assert_eq!(
        choices[1],
        json!({ "name": "Bo", "value": format!("discord:{}", p.bo) })
    );

    // Warnings and "time" come from the engine's timers through the sink, into the channel; the
    // status message is not edited by the clock.
    let edits_before = w.status_messages()[0].edits;
    w.advance(Millis::secs(30)).await;
    let posts = w.channel_posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert!(
        posts[0].content.contains("Ann, 30 seconds left"),
        "{}",
        posts[0].content
    );
    assert_safe_mentions(posts[0].allowed_mentions.as_ref(), &[], "warning");
    w.advance(Millis::secs(30)).await;
    let posts = w.channel_posts();
    assert_eq!(posts.len(), 2);
    // "Time" also calls the next speaker, pinging only him, with his turn's start and end.
    assert_eq!(
        posts[1].content,
        format!(
            "**Time**, Ann. Thank you for sharing.\n<@{}>, you're next: your turn runs from <t:{}:t> to <t:{}:t>.",
            p.bo,
            t0 + 70,
            t0 + 130
        )
    );
    assert_safe_mentions(posts[1].allowed_mentions.as_ref(), &[p.bo], "time and next");
    w.advance(Millis::secs(10)).await; // the grace: Bo's turn starts as announced, silently
    let posts = w.channel_posts();
    assert_eq!(posts.len(), 2, "{posts:?}");
    let state = w.engine.place_state(&w.place()).await.unwrap().unwrap();
    let turn = state.session.unwrap().round.unwrap().turn.unwrap();
    assert_eq!(turn.speaker.as_str(), format!("discord:{}", p.bo));
    assert_eq!(
        w.status_messages()[0].edits,
        edits_before,
        "warnings, time and the advance edit nothing"
    );

    // The host extends Bo's turn; Bo is done early (button).
    let (_, cb) = w
        .slash(
            p.host,
            "extend",
            json!([{ "name": "time", "value": "30s" }]),
        )
        .await;
    assert!(!cb.is_ephemeral());
    assert!(
        cb.content().unwrap().contains("Bo has 30 seconds more"),
        "{cb:?}"
    );
    let later = (T0.0 / 1000) + 70 + 60 + 30;
    w.wait_status(|m| {
        m.content.contains(&format!(
            "1. Bo · <t:{}:t>–<t:{later}:t> (<t:{}:R>)\n✋",
            t0 + 70,
            t0 + 70
        ))
    })
    .await;
    let (_, cb) = w.click(p.cy, "sc:done").await;
    assert!(
        cb.is_ephemeral() && cb.content().unwrap().contains("Bo's turn"),
        "{cb:?}"
    );
    let (_, cb) = w.click(p.bo, "sc:done").await;
    assert!(!cb.is_ephemeral());
    let c = cb.content().unwrap();
    assert!(
        c.contains("Thank you, Bo")
            && c.contains("The round has ended")
            && c.contains("2 members shared"),
        "{c}"
    );
    w.wait_status(|m| m.content.contains("No share round"))
        .await;

    // A second round: Ann passes before her turn (privately), Bo passes on his.
    let (_, cb) = w
        .sub(
            p.host,
            "round",
            "start",
            json!([{ "name": "share-time", "value": "1m" }]),
        )
        .await;
    let c = cb.content().unwrap();
    assert!(
        c.contains(&format!("<@{}>, you have the floor", p.bo)),
        "the start rotates: {c}"
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[p.bo], "round start 2");
    let (_, cb) = w.click(p.ann, "sc:pass").await;
    assert!(cb.is_ephemeral(), "a pass is private: {cb:?}");
    assert!(cb.content().unwrap().contains("you will be passed"));
    let (_, cb) = w.click(p.bo, "sc:pass").await;
    assert!(!cb.is_ephemeral());
    let c = cb.content().unwrap();
    assert!(
        c.contains("Bo passed.") && c.contains("Ann passed.") && c.contains("The round has ended"),
        "{c}"
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "passes");

    // Status and queue for a member: ephemeral replies.
    let (_, cb) = w.sub(p.cy, "queue", "show", json!([])).await;
    assert!(
        cb.is_ephemeral() && cb.content().unwrap().contains("Ann"),
        "{cb:?}"
    );

    // The host closes: public, and the status message says so, without buttons.
    let (_, cb) = w.slash(p.host, "close", json!([])).await;
    assert!(!cb.is_ephemeral());
    assert!(cb.content().unwrap().contains("Session closed"));
    let closed = w.wait_status(|m| m.content.starts_with("⚪")).await;
    assert!(closed.components.is_empty(), "{closed:?}");
    // As a member sees the channel now: the word is gone from every message.
    let showing: Vec<_> = (w.double.messages_in(w.channel).into_iter())
        .filter(|m| m.content.contains("hopeful"))
        .collect();
    assert!(showing.is_empty(), "{showing:?}");

    // One status message, edited all along (never a new post per change): by the 13 actions that
    // change it (check-ins, hands, rounds, extend, done, passes, close), never by the clock;
    // updates close together coalesce.
    let status = w.status_messages();
    assert_eq!(status.len(), 1, "{status:?}");
    assert!(
        (10..=13).contains(&status[0].edits),
        "edited {} times",
        status[0].edits
    );
    let creates = w
        .double
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.route() == format!("/channels/{}/messages", w.channel))
        .count();
    assert_eq!(
        creates,
        1 + 2,
        "the status message and the two timer posts (a warning, and time calling Bo)"
    );

    // Every message the bot made pings at most the called member.
    for m in w.double.messages_in(w.channel) {
        let called: Vec<u64> = [p.ann, p.bo]
            .into_iter()
            .filter(|u| m.content.contains(&format!("<@{u}>")))
            .collect();
        assert_safe_mentions(m.allowed_mentions.as_ref(), &sorted(called), &m.content);
        assert_inert(&m.content, "message");
    }
    w.finish().await;
}

// ------------------------------------------------------------------ refusals

/// A value the core accepts for an argument, found by asking the core's own parser.
fn valid_value(arg: &ArgSpec, member: u64) -> Value {
    #[allow(unreachable_patterns)]
    match arg.kind {
        ArgKind::Member => json!(member.to_string()),
        ArgKind::Position => json!(1),
        ArgKind::Choice(words) => json!(words[0]),
        ArgKind::TimeBox => json!("2m"),
        ArgKind::ClockTime => json!("20:30"),
        ArgKind::LongText { .. } => json!("A reading.\nIts second line."),
        _ => {
            let candidates = [
                "3m",
                "1m,30s",
                "x",
                "on",
                "Europe/Berlin",
                "weekly tue 19:00",
                "20:30",
                "30d",
                "chair",
                "help",
                "de",
            ];
            let v = candidates
                .iter()
                .find(|c| parse_arg(arg, c).is_ok())
                .unwrap_or_else(|| panic!("no test value for {}", arg.name));
            json!(v)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_refused_every_host_and_admin_command() {
    let w = World::start().await;
    let p = w.who.clone();
    let mut checked = 0;
    for spec in CATALOGUE.iter().filter(|s| s.role > Role::Member) {
        let (name, sub) = expected_path(spec);
        let args: Vec<Value> = spec
            .args
            .iter()
            .filter(|a| a.required && !matches!(a.kind, ArgKind::LongText { .. }))
            .map(|a| match a.kind {
                // A document is a file the member attached.
                ArgKind::Document { .. } => {
                    let file = w.double.attach(w.channel, "format.toml", "name = \"x\"");
                    json!({ "name": a.name, "value": file.to_string() })
                }
                ArgKind::VoiceChannel => json!({ "name": a.name, "value": w.lounge.to_string() }),
                _ => json!({ "name": a.name, "value": valid_value(a, p.ann) }),
            })
            .collect();
        let options = match &sub {
            Some(s) => json!([{ "name": s, "type": 1, "options": args }]),
            None => json!(args),
        };
        let (i, cb) = w.slash(p.plain, &name, options).await;
        let deferred = spec
            .args
            .iter()
            .any(|a| matches!(a.kind, ArgKind::Document { .. }));
        let (c, mentions) = if deferred {
            // Fetching a file is slow work: deferred at once, the refusal edits the response.
            assert_eq!(cb.response_type, 5, "/{name} {sub:?}: deferred");
            let id = i.id;
            let m = w
                .double
                .wait_for_message(
                    w.channel,
                    |m| m.interaction_id == Some(id) && !m.is_loading(),
                    WAIT,
                )
                .await
                .expect("the deferred answer");
            (m.content, m.allowed_mentions)
        } else {
            assert_eq!(cb.response_type, 4, "/{name} {sub:?}: a refusal, no modal");
            let c = cb.content().unwrap_or_default().to_string();
            (c, cb.allowed_mentions.clone())
        };
        assert!(
            cb.is_ephemeral(),
            "/{name} {sub:?}: refusals are private: {cb:?}"
        );
        let path = match &sub {
            Some(s) => format!("/{name} {s}"),
            None => format!("/{name}"),
        };
        assert!(
            c.contains(&format!("Only {} can use `{path}", spec.role.who_can())),
            "{path}: says who can: {c}"
        );
        assert_safe_mentions(mentions.as_ref(), &[], &path);
        checked += 1;
    }
    assert!(checked >= 20, "checked {checked}");
    // Nothing happened: no session, nothing in the channel.
    assert!(w.engine.status_view(&w.place()).await.unwrap().is_none());
    assert!(w.channel_posts().is_empty() && w.status_messages().is_empty());
    w.finish().await;
}

// ------------------------------------------------------------------ hostile text

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_role_mentions_and_long_text_are_neutralised() {
    let w = World::start().await;
    let p = w.who.clone();
    let role = w.role_everyone_ping;
    w.slash(
        p.owner,
        "open",
        json!([{ "name": "name", "value": "@everyone meeting" }]),
    )
    .await;
    w.wait_status(|_| true).await;

    let (_, cb) = w
        .sub(
            p.ann,
            "checkin",
            "here",
            json!([{ "name": "word", "value": "@everyone" }]),
        )
        .await;
    assert!(!cb.is_ephemeral());
    assert_inert(cb.content().unwrap(), "checkin @everyone");
    assert!(
        !cb.content().unwrap().contains("everyone"),
        "the word is not echoed"
    );
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "checkin @everyone");
    // The roll on the status message shows it, inert.
    let status = w
        .wait_status(|m| m.content.contains("— *@\u{200B}everyone*"))
        .await;
    assert_inert(&status.content, "roll @everyone");

    let (_, cb) = w
        .sub(
            p.bo,
            "checkin",
            "here",
            json!([{ "name": "word", "value": format!("<@&{role}>") }]),
        )
        .await;
    assert_inert(cb.content().unwrap(), "checkin role mention");
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "checkin role");

    let (_, cb) = w
        .sub(
            p.cy,
            "checkin",
            "here",
            json!([{ "name": "word", "value": "w".repeat(3000) }]),
        )
        .await;
    assert!(cb.is_ephemeral(), "too long: refused privately");
    assert!(cb.content().unwrap().contains("3000 characters"), "{cb:?}");
    assert_inert(cb.content().unwrap(), "long word");

    // Hostile and huge display names.
    let (_, cb) = w
        .sub(
            p.loud,
            "checkin",
            "here",
            json!([{ "name": "word", "value": "@here" }]),
        )
        .await;
    assert_inert(cb.content().unwrap(), "loud name");
    assert!(cb.content().unwrap().contains("\\*\\*Loud\\*\\*"), "{cb:?}");
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[], "loud");
    let (_, cb) = w.sub(p.long, "checkin", "here", json!([])).await;
    assert_inert(cb.content().unwrap(), "long name");
    assert!(
        cb.content().unwrap().chars().count() < 200,
        "names are bounded: {cb:?}"
    );
    w.click(p.loud, "sc:hand").await;
    w.click(p.long, "sc:hand").await;
    w.wait_status(|m| m.content.contains("Queue** (2)")).await;

    // Called: pinged by id only; the name shows nowhere raw.
    let (_, cb) = w
        .sub(
            p.owner,
            "round",
            "start",
            json!([{ "name": "order", "value": "queue" }]),
        )
        .await;
    assert_inert(cb.content().unwrap(), "call");
    assert!(cb.content().unwrap().contains(&format!("<@{}>", p.loud)));
    assert_safe_mentions(cb.allowed_mentions.as_ref(), &[p.loud], "call loud");

    // A hostile crisis text (admin-set) is shown escaped, privately.
    w.sub(p.owner, "crisis", "set", json!([{ "name": "text", "value": format!("@everyone call <@&{role}> {}", "9".repeat(1400)) }])).await;
    let (_, cb) = w.sub(p.ann, "crisis", "show", json!([])).await;
    assert!(cb.is_ephemeral());
    assert_inert(cb.content().unwrap(), "crisis");

    for m in w.double.messages_in(w.channel) {
        assert_inert(&m.content, "message");
        let am = m
            .allowed_mentions
            .as_ref()
            .expect("allowed_mentions on every message");
        assert_eq!(am["parse"], json!([]));
    }
    for cb in w.double.callbacks() {
        if let Some(c) = cb.content() {
            assert_inert(c, "callback");
            assert_eq!(cb.allowed_mentions.as_ref().unwrap()["parse"], json!([]));
        }
    }
    w.finish().await;
}

// ------------------------------------------------------------------ resilience

async fn open_with_round(w: &World) {
    let p = &w.who;
    w.slash(p.owner, "open", json!([])).await;
    w.sub(p.ann, "checkin", "here", json!([])).await;
    w.sub(p.bo, "checkin", "here", json!([])).await;
    w.sub(
        p.owner,
        "round",
        "start",
        json!([{ "name": "share-time", "value": "2m" }]),
    )
    .await;
    w.wait_status(|m| m.content.contains("1. Ann · <t:") && m.content.contains("2. Bo · <t:"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_websocket_resumes_and_the_round_goes_on() {
    let w = World::start_with(Setup {
        heartbeat: Duration::from_millis(500),
        ..Setup::default()
    })
    .await;
    let p = w.who.clone();
    open_with_round(&w).await;

    assert!(w.double.drop_websocket(), "a connection to drop");
    w.double
        .wait_resumed(1, Duration::from_secs(10))
        .await
        .expect("serenity resumes");
    assert_eq!(
        w.double.identifies().len(),
        1,
        "resumed, not identified again"
    );

    // The round is intact: the timer still fires, and Ann's button works on the new connection.
    w.advance(Millis::secs(90)).await;
    let posts = w.channel_posts();
    assert_eq!(posts.len(), 2, "{posts:?}");
    assert!(
        posts[0].content.contains("Ann, 1 minute left"),
        "{}",
        posts[0].content
    );
    assert!(
        posts[1].content.contains("Ann, 30 seconds left"),
        "{}",
        posts[1].content
    );
    let (_, cb) = w.click(p.ann, "sc:done").await;
    assert!(
        cb.content()
            .unwrap()
            .contains(&format!("<@{}>, you have the floor", p.bo)),
        "{cb:?}"
    );
    w.wait_status(|m| m.content.contains("1. Bo · <t:") && !m.content.contains("Ann · <t:"))
        .await;

    // Nothing twice: one callback per interaction, one status message, one post per event.
    let mut per_interaction = std::collections::HashMap::new();
    for cb in w.double.callbacks() {
        *per_interaction.entry(cb.interaction_id).or_insert(0) += 1;
    }
    assert!(
        per_interaction.values().all(|n| *n == 1),
        "{per_interaction:?}"
    );
    assert_eq!(w.status_messages().len(), 1);
    let floor_ann = w
        .double
        .messages_in(w.channel)
        .iter()
        .filter(|m| {
            m.content
                .contains(&format!("<@{}>, you have the floor", p.ann))
        })
        .count();
    assert_eq!(floor_ann, 1);
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_edit_is_retried_and_lands() {
    let w = World::start().await;
    let p = w.who.clone();
    w.slash(p.owner, "open", json!([])).await;
    let status = w.wait_status(|_| true).await;

    w.double.fail_next(
        "PATCH",
        "/channels/*/messages/*",
        Failure::RateLimited {
            retry_after: 0.4,
            global: false,
        },
    );
    w.sub(p.ann, "checkin", "here", json!([])).await;
    let edited = w
        .wait_status(|m| m.content.contains("Checked in** (1)"))
        .await;
    assert_eq!(edited.id, status.id);
    let patches: Vec<_> = w
        .double
        .requests()
        .into_iter()
        .filter(|r| {
            r.method == "PATCH"
                && r.route() == format!("/channels/{}/messages/{}", w.channel, status.id)
        })
        .collect();
    assert_eq!(patches.len(), 2, "{patches:?}");
    assert_eq!(patches[0].status, 429);
    assert_eq!(patches[1].status, 200);
    assert!(patches[1].at.duration_since(patches[0].at) >= Duration::from_millis(400));

    // A rate-limited timer post is retried too, and posted once.
    w.sub(p.ann, "hand", "up", json!([])).await;
    w.sub(
        p.owner,
        "round",
        "start",
        json!([{ "name": "share-time", "value": "1m" }]),
    )
    .await;
    w.double.fail_next(
        "POST",
        "/channels/*/messages",
        Failure::RateLimited {
            retry_after: 0.3,
            global: false,
        },
    );
    w.advance(Millis::secs(30)).await;
    let posts = w.channel_posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert!(posts[0].content.contains("30 seconds left"));
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timer_post_whose_answer_was_lost_is_posted_once() {
    let w = World::start().await;
    open_with_round(&w).await;
    // Discord creates the message but the answer never arrives (a 502): the sink retries with
    // the same nonce and enforce_nonce, and Discord hands back the first message.
    w.double
        .fail_next("POST", "/channels/*/messages", Failure::answer_lost());
    w.advance(Millis::secs(60)).await;
    let posts = w.channel_posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert!(
        posts[0].content.contains("Ann, 1 minute left"),
        "{}",
        posts[0].content
    );
    let hits = w.double.nonce_hits();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].message_id, posts[0].id);
    assert_eq!(posts[0].nonce.as_deref(), Some(hits[0].nonce.as_str()));
    let creates: Vec<_> = w
        .double
        .requests()
        .into_iter()
        .filter(|r| {
            r.method == "POST"
                && r.body.as_ref().and_then(|b| b["nonce"].as_str()) == Some(&hits[0].nonce)
        })
        .collect();
    assert_eq!(creates.len(), 2, "{creates:?}");
    assert_eq!((creates[0].status, creates[1].status), (502, 200));
    assert!(creates
        .iter()
        .all(|r| r.body.as_ref().unwrap()["enforce_nonce"] == json!(true)));
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_work_is_deferred_then_answered() {
    let w = World::start().await;
    let p = w.who.clone();
    // Work slower than this is deferred; zero makes every answer take the deferred path.
    w.handle().set_defer_after(Duration::ZERO);
    let (i, cb) = w
        .slash(
            p.owner,
            "open",
            json!([{ "name": "name", "value": "slow" }]),
        )
        .await;
    assert_eq!(cb.response_type, 5, "deferred: {cb:?}");
    assert!(cb.is_ephemeral());
    // The deferred (private) response is resolved, and the welcome follows publicly, as a
    // channel message with its outbox key as nonce (a follow-up could not carry one).
    let resolved = w
        .double
        .wait_for_message(
            w.channel,
            |m| m.interaction_id == Some(i.id) && !m.is_loading(),
            WAIT,
        )
        .await
        .expect("the deferred response resolved");
    assert!(resolved.is_ephemeral(), "{resolved:?}");
    w.interaction_messages(&i, 1).await;
    let welcome = w
        .double
        .wait_for_message(
            w.channel,
            |m| m.content.contains("The session is open"),
            WAIT,
        )
        .await
        .expect("the welcome");
    assert!(!welcome.is_ephemeral() && welcome.interaction_id.is_none());
    assert!(
        welcome
            .nonce
            .as_deref()
            .is_some_and(|n| n.starts_with("sc-")),
        "{welcome:?}"
    );
    assert_safe_mentions(welcome.allowed_mentions.as_ref(), &[], "deferred welcome");
    w.wait_status(|_| true).await;

    let (i, cb) = w.click(p.ann, "sc:hand").await;
    assert_eq!(cb.response_type, 6, "a button is acknowledged: {cb:?}");
    let msgs = w.interaction_messages(&i, 1).await;
    assert!(
        msgs[0].is_ephemeral() && msgs[0].content.contains("Your hand is up"),
        "{msgs:?}"
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_bad_option_values() {
    let w = World::start().await;
    let p = w.who.clone();
    // Help lists every command in slash form; too long for one message, so it is split.
    let (i, cb) = w.slash(p.ann, "help", json!([])).await;
    assert!(cb.is_ephemeral());
    let msgs = w.interaction_messages(&i, 4).await;
    let all: String = msgs
        .iter()
        .map(|m| m.content.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(msgs
        .iter()
        .all(|m| m.is_ephemeral() && m.content.chars().count() <= 2000));
    assert!(all.contains("`/round start [share-time] [order]`"), "{all}");
    assert!(
        all.contains("`/hand up`") && all.contains("`/settings show`"),
        "{all}"
    );
    // A long text is typed into a modal: its usage names no option for it.
    assert!(all.contains("- `/format text PART` — "), "{all}");
    let (_, cb) = w
        .slash(
            p.ann,
            "help",
            json!([{ "name": "command", "value": "queue move" }]),
        )
        .await;
    assert!(
        cb.content()
            .unwrap()
            .contains("`/queue move MEMBER POSITION`"),
        "{cb:?}"
    );

    w.slash(p.owner, "open", json!([])).await;
    let (_, cb) = w
        .sub(
            p.owner,
            "round",
            "start",
            json!([{ "name": "share-time", "value": "3x" }]),
        )
        .await;
    assert!(cb.is_ephemeral());
    let c = cb.content().unwrap();
    assert!(
        c.contains("share-time") && c.contains("not a duration"),
        "{c}"
    );
    assert!(
        c.contains("`/round start share-time:3m order:checkin`"),
        "{c}"
    );
    // A user option names the member by id; the core resolves it.
    w.sub(p.ann, "hand", "up", json!([])).await;
    let (_, cb) = w
        .sub(
            p.owner,
            "queue",
            "remove",
            json!([{ "name": "member", "value": format!("discord:{}", p.ann) }]),
        )
        .await;
    assert!(
        cb.content().unwrap().contains("Lowered Ann's hand"),
        "{cb:?}"
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_token_is_reported_not_awaited_forever() {
    let double = discord_double::DiscordDouble::start(
        discord_double::DoubleConfig::new(TOKEN).guild(discord_double::GuildSpec::new("g")),
    )
    .await;
    let clock = std::sync::Arc::new(bot_core::engine::ManualClock::new(T0));
    let engine = bot_core::engine::Engine::new(
        std::sync::Arc::new(bot_core::store::MemoryStore::new()),
        clock,
        "!",
    );
    let handle = discord_adapter::start(
        engine,
        sharecircle_config::DiscordConfig {
            token: sharecircle_config::Secret::new("MTIz.wrong.token"),
            application_id: double.config().application_id,
            guild_ids: vec![],
            admin_role: None,
            shards: None,
        },
        discord_adapter::DiscordOptions {
            http_base: Some(double.http_url()),
        },
    )
    .await
    .expect("starting does not contact Discord yet");
    let r = handle.wait_ready(Duration::from_secs(10)).await;
    assert!(
        matches!(r, Err(discord_adapter::DiscordError::Stopped)),
        "{r:?}"
    );
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_the_next_change_edits_the_same_status_message() {
    let mut w = World::start().await;
    let p = w.who.clone();
    w.slash(p.owner, "open", json!([])).await;
    let first = w.wait_status(|_| true).await;
    w.restart_adapter().await;
    assert_eq!(w.double.identifies().len(), 2);
    let (_, cb) = w.sub(p.ann, "checkin", "here", json!([])).await;
    assert!(!cb.is_ephemeral());
    w.wait_status(|m| m.id == first.id && m.content.contains("Checked in** (1)"))
        .await;
    // Its buttons still work, and no second status message appeared.
    let i = w
        .double
        .send_button(w.guild, w.channel, p.bo, first.id, "sc:hand");
    let cb = w.double.wait_callback(&i, WAIT).await.unwrap();
    assert!(cb.accepted() && cb.is_ephemeral(), "{cb:?}");
    w.wait_status(|m| m.id == first.id && m.content.contains("1. Bo"))
        .await;
    let statuses = w
        .double
        .messages_in(w.channel)
        .into_iter()
        .filter(|m| m.content.starts_with("🟢 **Session open**"))
        .count();
    assert_eq!(statuses, 1);
    w.finish().await;
}
