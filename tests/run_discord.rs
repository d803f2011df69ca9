//! `sharecircle run` as an operator starts it, against the wire-level Discord double: it connects,
//! registers the commands, answers a slash command, and serves /healthz and /metrics; SIGTERM stops
//! it cleanly: deliveries under way finish, then every shard closes with a close frame (1000).
#![cfg(feature = "discord")]

use bot_core::store::Store as _;
use discord_double::{DiscordDouble, DoubleConfig, GuildSpec, MemberSpec};
use serde_json::json;
use std::time::Duration;

mod support;
use support::{commands_registered, counter_sum, free_port, get, log_problems, poll, stop};

const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GdoubLe.sharecircle-run-test-token-00000";
const WAIT: Duration = Duration::from_secs(15);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_serves_a_discord_meeting_with_health_and_metrics() {
    let mut g = GuildSpec::new("Circle");
    let channel = g.add_text_channel("meeting");
    let owner = g.owner();
    let guild = g.id;
    let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g)).await;
    let ops = free_port();
    let dir = tempfile::tempdir().unwrap();
    let child = run(&double, guild, &dir, &ops);

    double
        .wait_ready(WAIT)
        .await
        .expect("the bot identified and got READY");
    double
        .wait_for_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await
        .expect("the slash commands were registered");
    // The live status message meets a rate limit once: waited out, retried, and counted.
    double.fail_next(
        "POST",
        "/channels/*/messages",
        discord_double::Failure::rate_limited(0.3),
    );
    let i = double.send_slash_command(guild, channel, owner, "open", json!([]));
    let cb = double
        .wait_callback(&i, WAIT)
        .await
        .expect("the interaction was answered");
    assert_eq!(cb.status, 204, "accepted by the double: {cb:?}");

    // /healthz: the database answers and Discord is connected.
    let (code, body) = poll(Duration::from_secs(5), || get(&ops, "/healthz"))
        .await
        .expect("/healthz answers");
    assert_eq!(code, 200, "{body}");
    assert!(
        body.contains("\"discord\":\"connected\"") && body.contains("\"database\":\"ok\""),
        "{body}"
    );
    let (code, metrics) = get(&ops, "/metrics").await.expect("/metrics answers");
    assert_eq!(code, 200);
    assert!(
        metrics.contains(r#"sharecircle_commands_total{command="open",outcome="accepted"} 1"#),
        "{metrics}"
    );
    assert!(metrics.contains("sharecircle_open_sessions 1"), "{metrics}");
    // Rate-limit waits and API errors by platform: the status message is posted after a wait.
    let posts = || {
        double
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/messages"))
            .count()
    };
    poll(Duration::from_secs(5), || async {
        (posts() >= 2).then_some(())
    })
    .await;
    assert_eq!(posts(), 2, "the rate-limited post was retried once");
    let metrics = get(&ops, "/metrics").await.expect("/metrics answers").1;
    assert!(
        metrics.contains(r#"sharecircle_rate_limit_waits_total{platform="discord"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("sharecircle_platform_errors_total{")
                && l.contains(r#"platform="discord""#)
                && l.contains(r#"kind="rate_limited""#)
                && l.ends_with(" 1")),
        "{metrics}"
    );

    stop(child, WAIT).await;
    assert_eq!(double.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_every_shard_with_a_close_frame_after_deliveries_finish() {
    let mut g = GuildSpec::new("Circle");
    let channel = g.add_text_channel("meeting");
    let owner = g.owner();
    let guild = g.id;
    let config = DoubleConfig::new(TOKEN).guild(g).recommended_shards(2);
    let double = DiscordDouble::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let child = run(&double, guild, &dir, &free_port());
    // serenity starts the second shard 5 s after the first, as Discord asks.
    for shard in 0..2 {
        double
            .wait_shard_ready(shard, 2, Duration::from_secs(20))
            .await
            .expect("every shard Discord recommends is connected");
    }
    double
        .wait_for_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await
        .expect("the slash commands were registered");

    // SIGTERM while an answer and the status post are under way: each first attempt loses its
    // answer, so both are still retrying (1 s later) when the signal comes.
    double.lose_first_answers(true);
    let i = double.send_slash_command(guild, channel, owner, "open", json!([]));
    double.wait_callback(&i, WAIT).await.expect("answered");
    stop(child, WAIT).await;

    let closed = double
        .wait_gateway_closed(WAIT)
        .await
        .expect("every connection ended");
    assert_eq!(closed.len(), 2, "{closed:?}");
    for c in &closed {
        assert_eq!(
            c.close_code,
            Some(1000),
            "a close frame on every shard: {c:?}"
        );
    }
    // The deliveries under way finished first: the answer's retry was refused as already
    // acknowledged (the first landed), the status post's retry got its message back, and the
    // gateway closed after the last request.
    let statuses: Vec<_> = double
        .messages_in(channel)
        .into_iter()
        .filter(|m| m.content.starts_with(OPEN_STATUS))
        .collect();
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    assert_eq!(double.callbacks().len(), 2, "{:?}", double.callbacks());
    assert_eq!(double.nonce_hits().len(), 1, "{:?}", double.nonce_hits());
    let last = double.requests().last().expect("requests").at;
    assert!(
        closed
            .iter()
            .all(|c| c.closed_at.is_some_and(|at| at >= last)),
        "closed before the last delivery: {closed:?}"
    );
    assert_eq!(double.violations(), Vec::<String>::new());
}

/// `sharecircle run` on the double, with its database in `dir` and /metrics on `ops`.
fn run(
    double: &DiscordDouble,
    guild: u64,
    dir: &tempfile::TempDir,
    ops: &str,
) -> tokio::process::Child {
    command(double, guild, dir, ops)
        .env("SHARECIRCLE_LOG_LEVEL", "warn")
        .spawn()
        .unwrap()
}

/// The command line of [`run`], at the default log level and format (no `RUST_LOG`).
fn command(
    double: &DiscordDouble,
    guild: u64,
    dir: &tempfile::TempDir,
    ops: &str,
) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_sharecircle"));
    command
        .arg("run")
        .env_clear()
        .env("SHARECIRCLE_DISCORD_TOKEN", TOKEN)
        .env(
            "SHARECIRCLE_DISCORD_APPLICATION_ID",
            double.config().application_id.to_string(),
        )
        .env("SHARECIRCLE_DISCORD_GUILD_IDS", guild.to_string())
        .env(
            "SHARECIRCLE_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("run.db").display()),
        )
        .env("SHARECIRCLE_METRICS_LISTEN", ops)
        .env("SHARECIRCLE_DISCORD_API_BASE", double.http_url())
        .kill_on_drop(true);
    command
}

/// The double's guild and channel, as the bot's slash commands reach it.
struct Channel<'a> {
    double: &'a DiscordDouble,
    guild: u64,
    channel: u64,
    owner: u64,
}

impl Channel<'_> {
    /// The owner runs a slash command (with its options) and the bot answers it.
    async fn command(&self, name: &str, options: serde_json::Value) {
        let i = self
            .double
            .send_slash_command(self.guild, self.channel, self.owner, name, options);
        self.double
            .wait_callback(&i, WAIT)
            .await
            .unwrap_or_else(|e| panic!("/{name} not answered: {e}"));
    }

    /// The message in the channel that `pred` picks, once there is one.
    async fn message(
        &self,
        what: &str,
        pred: impl Fn(&discord_double::StoredMessage) -> bool,
    ) -> discord_double::StoredMessage {
        self.double
            .wait_for_message(self.channel, pred, WAIT)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// The status messages that say a session is open.
    fn open_statuses(&self) -> Vec<discord_double::StoredMessage> {
        self.double
            .messages_in(self.channel)
            .into_iter()
            .filter(|m| m.content.starts_with(OPEN_STATUS))
            .collect()
    }

    /// The status message the database records for the channel, once it is `message_id`: the
    /// bot records it just after Discord answers the post, so a test waits for it before it
    /// stops the bot.
    async fn recorded(
        &self,
        store: &bot_core::store::SqliteStore,
        message_id: u64,
    ) -> bot_core::store::StatusMessage {
        let place = self.place();
        let recorded = || async {
            (store.status_message(&place).await.unwrap())
                .filter(|r| r.message_id == message_id.to_string())
        };
        poll(WAIT, recorded)
            .await
            .unwrap_or_else(|| panic!("status message {message_id} never recorded"))
    }

    fn place(&self) -> bot_core::domain::PlaceId {
        bot_core::domain::PlaceId::new(format!("discord:{}:{}", self.guild, self.channel))
    }

    /// `sharecircle run` for the `n`th time on the same database, once it has connected and
    /// registered its commands.
    async fn start(&self, n: usize, dir: &tempfile::TempDir) -> tokio::process::Child {
        let child = run(self.double, self.guild, dir, &free_port());
        self.double
            .wait_identifies(n, WAIT)
            .await
            .expect("connected");
        commands_registered(self.double, n, WAIT).await;
        child
    }
}

const OPEN_STATUS: &str = "🟢 **Session open**";
const CLOSED_STATUS: &str = "⚪ **Session closed.**";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_the_status_message_members_see_is_edited_not_posted_again() {
    let mut g = GuildSpec::new("Circle");
    let channel = g.add_text_channel("meeting");
    let owner = g.owner();
    let guild = g.id;
    let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g)).await;
    let dir = tempfile::tempdir().unwrap();
    let c = Channel {
        double: &double,
        guild,
        channel,
        owner,
    };
    let hand_up = || c.command("hand", json!([{ "name": "up", "type": 1, "options": [] }]));
    let queue_of_one = |m: &discord_double::StoredMessage| m.content.contains("✋ **Queue** (1)");

    let first = c.start(1, &dir).await;
    let url = format!("sqlite://{}", dir.path().join("run.db").display());
    let store = bot_core::store::SqliteStore::open(&url, 1).await.unwrap();
    c.command("open", json!([])).await;
    let shown = c
        .message("the status message is posted", |m| {
            m.content.starts_with(OPEN_STATUS)
        })
        .await;
    // Stopped at once: a status update still under way finishes (and is recorded) first.
    stop(first, WAIT).await;
    let first_record = c.recorded(&store, shown.id).await;

    let second = c.start(2, &dir).await;
    hand_up().await;
    let edited = c
        .message("the status shows the raised hand", queue_of_one)
        .await;
    assert_eq!(edited.id, shown.id, "the same message, edited");
    assert_eq!(c.open_statuses().len(), 1, "{:?}", c.open_statuses());

    c.command("close", json!([])).await;
    let closed = c
        .message("the status says the session closed", |m| {
            m.content.starts_with(CLOSED_STATUS)
        })
        .await;
    assert_eq!(closed.id, shown.id);
    assert!(c.open_statuses().is_empty());

    // A new session gets a new message. If the process stops and the record still names an
    // earlier session's message (its record was not written), the next start closes that
    // message and shows the session that is open now — in the session's own message, which
    // its post finds again by the session's nonce instead of posting a second one.
    c.command("open", json!([])).await;
    let second_session = c
        .message("a status message for the new session", |m| {
            m.content.starts_with(OPEN_STATUS)
        })
        .await;
    assert_ne!(second_session.id, shown.id);
    c.recorded(&store, second_session.id).await;
    stop(second, WAIT).await;
    store
        .set_status_message(&c.place(), Some(&first_record))
        .await
        .unwrap();

    let third = c.start(3, &dir).await;
    hand_up().await;
    let fresh = c
        .message("a status message with the raised hand", queue_of_one)
        .await;
    assert_eq!(fresh.id, second_session.id);
    let old = double.message(shown.id).expect("still there");
    assert!(old.content.starts_with(CLOSED_STATUS), "{old:?}");
    assert_eq!(c.open_statuses().len(), 1, "{:?}", c.open_statuses());
    c.recorded(&store, second_session.id).await;
    stop(third, WAIT).await;
    assert_eq!(double.violations(), Vec::<String>::new());
}

/// `sharecircle run` killed with SIGKILL while it has a member server-muted: the next process
/// knows from the store whom the first one muted, the round goes on (the floor moves with the
/// next speaker); a SIGTERM lifts every mute before the process exits and the next start puts
/// back what the round needs; every mute is lifted when the round ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_kill_or_a_stop_with_a_member_muted_the_next_process_carries_the_floor_on() {
    use discord_double::perms;
    let mut g = GuildSpec::new("Circle");
    let channel = g.add_text_channel("meeting");
    let lounge = g.add_voice_channel("Lounge");
    let owner = g.owner();
    let ann = g.add_member(MemberSpec::new("ann").nick("Ann"));
    let bo = g.add_member(MemberSpec::new("bo").nick("Bo"));
    let guild = g.id;
    let config = DoubleConfig::new(TOKEN)
        .guild(g)
        .bot_permissions(perms::BOT_DEFAULT | perms::STAGE_MODERATOR);
    let double = DiscordDouble::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let c = Channel {
        double: &double,
        guild,
        channel,
        owner,
    };
    let sub = |name: &str, options: serde_json::Value| json!([{ "name": name, "type": 1, "options": options }]);
    let muted = |user: u64| {
        double
            .voice_state(guild, user)
            .is_some_and(|s| s["mute"] == json!(true))
    };
    let until = |user: u64, want: bool, what: &'static str| {
        let double = &double;
        async move {
            double
                .wait_voice_state(
                    guild,
                    user,
                    |s| s.is_some_and(|s| s["mute"] == json!(want)),
                    WAIT,
                )
                .await
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    };

    let mut first = c.start(1, &dir).await;
    c.command(
        "voice",
        sub(
            "link",
            json!([{ "name": "channel", "value": lounge.to_string() }]),
        ),
    )
    .await;
    c.command(
        "voice",
        sub("mute", json!([{ "name": "on-off", "value": "on" }])),
    )
    .await;
    for m in [ann, bo] {
        double.voice_join(guild, m, lounge);
    }
    c.command("open", json!([])).await;
    for m in [ann, bo] {
        let i = double.send_slash_command(guild, channel, m, "checkin", sub("here", json!([])));
        double.wait_callback(&i, WAIT).await.expect("checked in");
    }
    c.command(
        "round",
        sub("start", json!([{ "name": "share-time", "value": "10m" }])),
    )
    .await;
    let listener = poll(WAIT, || async {
        match (muted(ann), muted(bo)) {
            (true, false) => Some(ann),
            (false, true) => Some(bo),
            _ => None,
        }
    })
    .await
    .expect("the one not speaking is muted");
    let speaker = if listener == ann { bo } else { ann };

    // Killed at once, the mute still on.
    first.start_kill().unwrap();
    first.wait().await.unwrap();
    let second = c.start(2, &dir).await;
    // The new process reconciles with the voice states Discord sends: the round still runs, so
    // the mute stays.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(muted(listener), "the round still runs: still muted");
    // The round goes on: the next speaker has the floor, the last one is muted.
    c.command("next", json!([])).await;
    until(listener, false, "the next speaker is unmuted").await;
    until(speaker, true, "the last speaker is muted").await;
    // Stopped with SIGTERM: nobody stays muted while no process runs; the next start mutes
    // again what the round still needs.
    stop(second, WAIT).await;
    assert!(!muted(speaker), "a stopping process lifts its mutes");
    let third = c.start(3, &dir).await;
    until(speaker, true, "muted again by the next process").await;
    // The round ends: nobody the bot muted stays muted.
    c.command("round", sub("end", json!([]))).await;
    until(speaker, false, "unmuted at the round's end").await;
    assert!(!muted(listener));
    stop(third, WAIT).await;
    assert_eq!(double.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_leaves_no_member_in_the_log_and_every_message_is_counted() {
    // Names, ids and a word that appear nowhere else, so that finding them in the log is a leak.
    let mut g = GuildSpec::new("Circle");
    let channel = g.add_text_channel("meeting");
    let owner = g.owner();
    let quin = g.add_member(
        MemberSpec::new("quintessav")
            .global_name("Quintessa Vellacourt")
            .nick("Quintessa V."),
    );
    let guild = g.id;
    let word = "tangerinequokka";
    let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g)).await;
    let ops = free_port();
    let dir = tempfile::tempdir().unwrap();
    let mut child = command(&double, guild, &dir, &ops)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let log = tokio::spawn(async move {
        let mut bytes = Vec::new();
        tokio::io::AsyncReadExt::read_to_end(&mut stderr, &mut bytes)
            .await
            .unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    });
    double.wait_ready(WAIT).await.expect("READY");
    double
        .wait_for_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await
        .expect("the slash commands were registered");

    // Check-ins with a word, hands (a button and a command), a private answer, a timed round
    // with "time", and the close.
    let command = |member: u64, name: &str, options: serde_json::Value| {
        let i = double.send_slash_command(guild, channel, member, name, options);
        let double = &double;
        let name = name.to_string();
        async move {
            let cb = double
                .wait_callback(&i, WAIT)
                .await
                .unwrap_or_else(|e| panic!("/{name} not answered: {e}"));
            assert!(cb.accepted(), "/{name}: {cb:?}");
        }
    };
    let sub = |sub: &str, options: serde_json::Value| json!([{ "name": sub, "type": 1, "options": options }]);
    command(owner, "open", json!([])).await;
    let status = double
        .wait_for_message(channel, |m| m.content.starts_with(OPEN_STATUS), WAIT)
        .await
        .expect("the status message");
    let here = sub("here", json!([{ "name": "word", "value": word }]));
    command(quin, "checkin", here).await;
    command(owner, "checkin", sub("listen", json!([]))).await;
    let i = double.send_button(guild, channel, quin, status.id, "sc:hand");
    double.wait_callback(&i, WAIT).await.expect("the button");
    command(owner, "hand", sub("up", json!([]))).await;
    command(quin, "my-data", json!([])).await;
    let start = sub(
        "start",
        json!([{ "name": "share-time", "value": "10s" }, { "name": "order", "value": "checkin" }]),
    );
    command(owner, "round", start).await;
    double
        .wait_for_message(channel, |m| m.content.contains("**Time**"), WAIT)
        .await
        .expect("\"time\" is called");
    command(owner, "close", json!([])).await;
    double
        .wait_for_message(channel, |m| m.content.starts_with(CLOSED_STATUS), WAIT)
        .await
        .expect("the status message says the session closed");

    // Every message the double was asked to show or change, by kind, against the counter. A
    // channel post without buttons is an answer's public piece or a timed post: the wire does not
    // tell them apart, so those two kinds are compared together.
    let seen = || {
        let (mut answers, mut status, mut timed) = (0u64, 0u64, 0u64);
        for r in double.requests() {
            if !(200..300).contains(&r.status) {
                continue;
            }
            let path = r.path.as_str();
            let body = r.body.clone().unwrap_or_default();
            match r.method.as_str() {
                "POST" if path.ends_with("/callback") && body["type"] == 4 => answers += 1,
                "POST" if path.contains("/webhooks/") => answers += 1,
                "PATCH" if path.ends_with("/messages/@original") => answers += 1,
                "POST" if path.ends_with("/messages") && path.contains("/channels/") => {
                    let buttons = body["components"].as_array().is_some_and(|c| !c.is_empty());
                    if buttons {
                        status += 1
                    } else {
                        timed += 1
                    }
                }
                "PATCH" if path.contains("/channels/") => status += 1,
                _ => {}
            }
        }
        (answers + timed, status)
    };
    let counted = || async {
        let metrics = get(&ops, "/metrics").await.expect("/metrics answers").1;
        let ok = |kind| {
            counter_sum(
                &metrics,
                "sharecircle_deliveries_total",
                &[("platform", "discord"), ("kind", kind), ("outcome", "ok")],
            )
        };
        let failed = counter_sum(
            &metrics,
            "sharecircle_deliveries_total",
            &[("platform", "discord"), ("outcome", "failed")],
        );
        ((ok("answer") + ok("timed"), ok("status")), failed, metrics)
    };
    // The counter moves just after the double answers: give the last one a moment.
    poll(Duration::from_secs(5), || async {
        (counted().await.0 == seen()).then_some(())
    })
    .await;
    let (counts, failed, metrics) = counted().await;
    let seen = seen();

    stop(child, WAIT).await;
    let log = log.await.unwrap();
    let (owner_id, quin_id) = (owner.to_string(), quin.to_string());
    let secrets = [
        "Quintessa",
        "Vellacourt",
        "quintessav",
        &owner_id,
        &quin_id,
        word,
    ];
    let problems = log_problems(&log, &secrets);
    assert!(problems.is_empty(), "{problems:#?}\nthe log:\n{log}");
    assert!(
        log.lines().count() <= 15,
        "a short log for a short meeting:\n{log}"
    );
    assert!(seen.0 >= 7 && seen.1 >= 4, "{seen:?}");
    assert_eq!(
        counts, seen,
        "(answers and timed, status) counted vs made\n{metrics}"
    );
    assert_eq!(failed, 0, "{metrics}");
    assert_eq!(double.violations(), Vec::<String>::new());
}

#[test]
fn run_without_a_platform_says_what_to_configure() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sharecircle"))
        .arg("run")
        .env_clear()
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("configure [discord] and/or [matrix]"), "{err}");
}
