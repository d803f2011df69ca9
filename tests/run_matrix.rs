//! `sharecircle run` on Matrix with a standby: two processes on one PostgreSQL database and one
//! Matrix data directory, against a real Synapse. The first holds the Matrix session and serves the
//! room while the second stands by without syncing; the first killed with SIGKILL, the second
//! takes the session over once the lease runs out, with the same device, and the meeting goes on
//! where it was.
#![cfg(feature = "matrix")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use synapse_harness::{unique_localpart, Synapse, TestUser};
use tokio::io::{AsyncBufReadExt, BufReader};

mod support;
use support::{counter_sum, free_port, get, log_problems, poll, stop, ThrowawayPostgres};

const WAIT: Duration = Duration::from_secs(45);
const PASSWORD: &str = "bot-password-4711";
const LEASE: &str = "2s";

/// One `sharecircle run` process; its log (standard error) is collected as it comes.
struct Process {
    child: tokio::process::Child,
    log: Arc<Mutex<String>>,
    ops: String,
}

impl Process {
    fn start(synapse: &Synapse, bot: &str, database: &str, dir: &tempfile::TempDir) -> Process {
        let ops = free_port();
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_sharecircle"))
            .arg("run")
            .current_dir(dir.path())
            .env_clear()
            .env("SHARECIRCLE_MATRIX_HOMESERVER", synapse.base_url())
            .env("SHARECIRCLE_MATRIX_USER", bot)
            .env("SHARECIRCLE_MATRIX_PASSWORD", PASSWORD)
            .env("SHARECIRCLE_MATRIX_DATA_DIR", dir.path().join("matrix"))
            .env("SHARECIRCLE_DATABASE_URL", database)
            .env("SHARECIRCLE_DATABASE_LEASE", LEASE)
            .env("SHARECIRCLE_METRICS_LISTEN", &ops)
            // The default log level and format, and no RUST_LOG (env_clear): what an operator gets.
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let sink = log.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Process { child, log, ops }
    }

    /// SIGTERM, a clean exit, and the whole standard error of the process.
    async fn finish(self) -> String {
        stop(self.child, WAIT).await;
        // The reader ends at the end of the stream: give it a moment to take the last lines.
        let log = self.log.clone();
        poll(Duration::from_secs(5), || async {
            (Arc::strong_count(&log) == 1).then_some(())
        })
        .await;
        let log = log.lock().unwrap().clone();
        log
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the process has logged `text`.
    async fn logged(&self, text: &str) {
        poll(WAIT, || async { self.log().contains(text).then_some(()) })
            .await
            .unwrap_or_else(|| panic!("never logged {text:?}; the log:\n{}", self.log()));
    }

    /// Waits until `/healthz` says ready with Matrix connected.
    async fn ready(&self) {
        let healthy = || async {
            match get(&self.ops, "/healthz").await {
                Some((200, body)) => Some(body),
                _ => None,
            }
        };
        let Some(body) = poll(WAIT, healthy).await else {
            let last = get(&self.ops, "/healthz").await;
            panic!("not ready: {last:?}; the log:\n{}", self.log());
        };
        assert!(body.contains("\"matrix\":\"connected\""), "{body}");
    }
}

fn body(ev: &Value) -> &str {
    ev["content"]["body"].as_str().unwrap_or("")
}

fn is_edit(ev: &Value) -> bool {
    ev["content"]["m.relates_to"]["rel_type"] == "m.replace"
}

/// The next message (not an edit) from `bot` in `room` that says `text`, as `user` sees it.
async fn said(user: &TestUser, bot: &str, room: &str, text: &str) -> Value {
    user.wait_for_message(
        room,
        |ev| ev["sender"] == bot && !is_edit(ev) && body(ev).contains(text),
        WAIT,
    )
    .await
    .unwrap_or_else(|e| panic!("the bot never said {text:?}: {e}"))
}

/// The next edit from `bot` in `room` whose new text says `text`, as `user` sees it.
async fn status_shows(user: &TestUser, bot: &str, room: &str, text: &str) -> Value {
    user.wait_for_message(
        room,
        |ev| {
            ev["sender"] == bot
                && is_edit(ev)
                && ev["content"]["m.new_content"]["body"]
                    .as_str()
                    .is_some_and(|b| b.contains(text))
        },
        WAIT,
    )
    .await
    .unwrap_or_else(|e| panic!("the status message never said {text:?}: {e}"))
}

/// A room `host` creates with the bot and `members` invited; the members join, and the bot joins
/// on the invite.
async fn meeting_room(host: &TestUser, bot: &str, members: &[&TestUser], name: &str) -> String {
    let mut invited: Vec<&str> = members.iter().map(|m| m.user_id()).collect();
    invited.push(bot);
    let room = host.create_room(name, &invited, false).await.unwrap();
    for m in members {
        m.join(&room).await.unwrap();
    }
    host.wait_for_membership(&room, bot, "join", WAIT)
        .await
        .expect("the bot joined on the invite");
    room
}

/// The shared test homeserver and a new bot account on it.
async fn synapse_and_bot() -> (&'static Synapse, String) {
    let synapse = Synapse::shared()
        .await
        .unwrap_or_else(|e| panic!("starting Synapse failed: {e}"));
    let bot = register_bot(synapse).await;
    (synapse, bot)
}

/// A new bot account on `synapse`: its user id.
async fn register_bot(synapse: &Synapse) -> String {
    synapse
        .register(&unique_localpart("bot"), PASSWORD, false)
        .await
        .unwrap()
        .user_id
}

/// The end a speaker's call states ("…, until 16:05:07 UTC …"), as a UTC timestamp in ms on the
/// day the call was sent.
fn stated_end(call: &Value) -> i64 {
    let text = body(call);
    let clock = text
        .split("until ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("no stated end: {text}"));
    let sent = call["origin_server_ts"].as_i64().unwrap();
    let day = chrono::DateTime::from_timestamp_millis(sent)
        .unwrap()
        .date_naive();
    let time = chrono::NaiveTime::parse_from_str(clock, "%H:%M:%S").unwrap();
    let mut end = day.and_time(time).and_utc().timestamp_millis();
    if end < sent - 12 * 3_600_000 {
        end += 24 * 3_600_000; // the turn ends after midnight
    }
    end
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_leaves_no_member_in_the_log_and_every_message_is_counted() {
    let (synapse, bot) = synapse_and_bot().await;
    // Names and a word that appear nowhere else, so that finding them in the log is a leak.
    let host = synapse.new_user("quillhost").await.unwrap();
    let ana = synapse.new_user("zephmember").await.unwrap();
    host.set_display_name("Quillon Marrowby").await.unwrap();
    ana.set_display_name("Zephyrine Oakhollow").await.unwrap();
    let word = "tangerinequokka";
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("run.db").display());

    let bot_process = Process::start(synapse, &bot, &database, &dir);
    bot_process.ready().await;
    // Invites (the host's, with their name on it), joins, and a meeting with a check-in word,
    // hands, a timed round with "time", a private answer in a direct room, and the close.
    let room = meeting_room(&host, &bot, &[&ana], "Thursday circle").await;
    host.send_text(&room, "!open").await.unwrap();
    let status = said(&host, &bot, &room, "Session open").await;
    ana.send_text(&room, &format!("!checkin {word}"))
        .await
        .unwrap();
    said(&host, &bot, &room, "Welcome, Zephyrine Oakhollow").await;
    host.send_text(&room, "!checkin listen").await.unwrap();
    said(&host, &bot, &room, "Quillon Marrowby").await;
    host.send_text(&room, "!hand").await.unwrap();
    ana.react(&room, status["event_id"].as_str().unwrap(), "✋")
        .await
        .unwrap();
    ana.send_text(&room, "!my-data").await.unwrap();
    let direct = ana
        .wait_for_invite(WAIT)
        .await
        .expect("a direct room for the answer");
    ana.join(&direct).await.unwrap();
    ana.wait_for_message(&direct, |ev| ev["sender"] == bot.as_str(), WAIT)
        .await
        .expect("the private answer");
    host.send_text(&room, "!round start 10s checkin")
        .await
        .unwrap();
    let call = said(&host, &bot, &room, "you have the floor").await;
    let time = said(&host, &bot, &room, "Time").await;
    // "Time" reaches the room at the end the call stated (a whole second, in the meeting's zone:
    // UTC here), as a member's clock shows it.
    let stated = stated_end(&call);
    let arrived = time["origin_server_ts"].as_i64().unwrap();
    assert!(
        (arrived - stated).abs() <= 150,
        "\"time\" arrived {} ms after the stated end: {call}",
        arrived - stated
    );
    host.send_text(&room, "!close").await.unwrap();
    let closed = status_shows(&host, &bot, &room, "Session closed").await;
    assert_eq!(
        closed["content"]["m.relates_to"]["event_id"],
        status["event_id"]
    );

    // Every message the bot sent, as the members see them, is counted once: in the meeting room
    // (posts, replies, the status message and its edits) and in the direct rooms (Ana's welcome
    // and `!my-data` answer; the host's welcome).
    let in_room = host.messages_from(&room, &bot).await.unwrap();
    let in_direct = ana.messages_from(&direct, &bot).await.unwrap();
    let host_direct = host
        .wait_for_invite(WAIT)
        .await
        .expect("a direct room for the host's welcome");
    host.join(&host_direct).await.unwrap();
    host.wait_for_message(&host_direct, |ev| ev["sender"] == bot.as_str(), WAIT)
        .await
        .expect("the host's welcome");
    let in_host_direct = host.messages_from(&host_direct, &bot).await.unwrap();
    // ✅ on the host's `!hand`; 📬 on both check-ins (their welcomes) and on Ana's `!my-data`
    // (each answered in a direct room).
    let reactions = host.events_from(&room, &bot, "m.reaction").await.unwrap();
    let mut keys: Vec<&str> = (reactions.iter())
        .filter_map(|ev| ev["content"]["m.relates_to"]["key"].as_str())
        .collect();
    keys.sort();
    assert_eq!(keys, vec!["✅", "📬", "📬", "📬"]);
    let seen = (in_room.len() + in_direct.len() + in_host_direct.len() + reactions.len()) as u64;
    let status_seen = in_room
        .iter()
        .filter(|ev| is_edit(ev) || body(ev).contains("Session open"))
        .count() as u64;
    let ok = |kind: Option<&'static str>| {
        let ops = bot_process.ops.clone();
        async move {
            let metrics = get(&ops, "/metrics").await.expect("/metrics answers").1;
            let mut labels = vec![("platform", "matrix"), ("outcome", "ok")];
            labels.extend(kind.map(|k| ("kind", k)));
            counter_sum(&metrics, "sharecircle_deliveries_total", &labels)
        }
    };
    // The counter moves just after the homeserver answers: give the last one a moment.
    poll(Duration::from_secs(5), || async {
        (ok(None).await == seen).then_some(())
    })
    .await;
    let (total, status, timed, answers, reacted) = (
        ok(None).await,
        ok(Some("status")).await,
        ok(Some("timed")).await,
        ok(Some("answer")).await,
        ok(Some("reaction")).await,
    );
    let metrics = get(&bot_process.ops, "/metrics").await.unwrap().1;
    let failed = counter_sum(
        &metrics,
        "sharecircle_deliveries_total",
        &[("platform", "matrix"), ("outcome", "failed")],
    );

    // The whole standard error at the default level: quiet, plain, and without any member.
    let log = bot_process.finish().await;
    let localpart = |u: &TestUser| {
        u.user_id()
            .trim_start_matches('@')
            .split(':')
            .next()
            .unwrap()
            .to_string()
    };
    let (host_local, ana_local) = (localpart(&host), localpart(&ana));
    let secrets = [
        "Quillon",
        "Marrowby",
        "Zephyrine",
        "Oakhollow",
        host.user_id(),
        ana.user_id(),
        &host_local,
        &ana_local,
        word,
    ];
    let problems = log_problems(&log, &secrets);
    assert!(problems.is_empty(), "{problems:#?}\nthe log:\n{log}");
    assert!(
        log.lines().count() <= 20,
        "a short log for a short meeting, not a line per sync:\n{log}"
    );
    assert_eq!(
        total, seen,
        "deliveries counted vs messages in the rooms\n{metrics}"
    );
    assert_eq!(status, status_seen, "status posts and edits\n{metrics}");
    assert!(timed >= 1, "\"time\" is a timed post\n{metrics}");
    assert_eq!(total, status + timed + answers + reacted, "{metrics}");
    assert_eq!(reacted, 4, "{metrics}");
    assert!(answers >= 3, "answers to commands\n{metrics}");
    assert_eq!(failed, 0, "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_synapses_default_message_limit_commands_take_effect_at_once_and_calls_state_true_times()
{
    // A homeserver whose admin never exempted the bot: Synapse's own message limit (0.2 a
    // second, bursts of 10) for the bot; the members are exempted, as people typing are not
    // what is measured. Six members, a dozen commands within seconds: the bot's sends queue for
    // minutes behind the limit, but what members type takes effect as it arrives.
    let mut synapse =
        Synapse::start_with_message_limit(Some(synapse_harness::SYNAPSE_DEFAULT_MESSAGE_LIMIT))
            .await
            .unwrap_or_else(|e| panic!("starting Synapse failed: {e}"));
    let bot = register_bot(&synapse).await;
    let host = synapse.new_user("host").await.unwrap();
    let mut members = Vec::new();
    for n in ["ada", "bea", "cy", "dov", "eli"] {
        members.push(synapse.new_user(n).await.unwrap());
    }
    for m in std::iter::once(&host).chain(&members) {
        synapse.override_ratelimit(m.user_id(), 0, 0).await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("run.db").display());
    let bot_process = Process::start(&synapse, &bot, &database, &dir);
    bot_process.ready().await;
    let refs: Vec<&TestUser> = members.iter().collect();
    let room = meeting_room(&host, &bot, &refs, "Friday circle").await;

    let began = std::time::Instant::now();
    host.send_text(&room, "!open").await.unwrap();
    for m in &members {
        m.send_text(&room, "!checkin").await.unwrap();
    }
    for m in &members {
        m.send_text(&room, "!hand").await.unwrap();
        m.send_text(&room, "!hand down").await.unwrap();
    }
    let accepted = |metrics: &str| {
        counter_sum(
            metrics,
            "sharecircle_commands_total",
            &[("command", "round_start"), ("outcome", "accepted")],
        )
    };
    let sent = std::time::Instant::now();
    host.send_text(&room, "!round start 2m checkin")
        .await
        .unwrap();
    let took_effect = poll(WAIT, || async {
        let metrics = get(&bot_process.ops, "/metrics").await?.1;
        (accepted(&metrics) == 1).then(|| sent.elapsed())
    })
    .await
    .expect("the round never started");
    assert!(
        took_effect <= Duration::from_secs(2),
        "`!round start` took effect {took_effect:?} after it was sent"
    );
    // The call waits its turn behind the limit (it goes before answers and status edits); a
    // call held back moves the turn, so it reaches the room no later than a second after the
    // start it states.
    let call = host
        .wait_for_message(
            &room,
            |ev| {
                ev["sender"] == bot.as_str()
                    && !is_edit(ev)
                    && body(ev).contains("you have the floor")
            },
            Duration::from_secs(120),
        )
        .await
        .unwrap_or_else(|e| panic!("the bot never called a speaker: {e}"));
    let stated_start = stated_end(&call) - 120_000;
    let arrived = call["origin_server_ts"].as_i64().unwrap();
    assert!(
        arrived - stated_start <= 1_000,
        "the call arrived {} ms after the start it states: {call}",
        arrived - stated_start
    );

    let synapse_log = std::fs::read_to_string(synapse.log_path()).unwrap_or_default();
    let imposed = (synapse_log.lines())
        .filter(|l| l.contains(bot.as_str()) && l.contains(" 429 "))
        .count() as u64;
    assert!(
        imposed >= 1,
        "the homeserver never limited the bot: the test proves nothing"
    );
    let metrics = get(&bot_process.ops, "/metrics").await.unwrap().1;
    let waits = counter_sum(
        &metrics,
        "sharecircle_rate_limit_waits_total",
        &[("platform", "matrix")],
    );
    assert_eq!(
        waits, imposed,
        "every limit Synapse imposed is counted\n{metrics}"
    );
    let log = bot_process.finish().await;
    let minutes = began.elapsed().as_secs() as usize / 60;
    let lines = (log.lines())
        .filter(|l| l.contains("rate limited by the homeserver"))
        .count();
    assert!(
        (1..=1 + minutes).contains(&lines),
        "{imposed} waits in {minutes} whole minutes: one line a minute at most, {lines} logged:\n{log}"
    );
    assert_eq!(log_problems(&log, &[]), Vec::<String>::new(), "{log}");
    synapse.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standby_takes_over_the_matrix_session_when_its_holder_dies() {
    let (synapse, bot) = synapse_and_bot().await;
    let host = synapse.new_user("host").await.unwrap();
    let ana = synapse.new_user("ana").await.unwrap();
    let db = ThrowawayPostgres::create().await;
    let database = db.url.clone();
    let dir = tempfile::tempdir().unwrap();

    let first = Process::start(synapse, &bot, &database, &dir);
    first.ready().await;
    first.logged("holding the matrix session").await;
    let device = matrix_adapter::stored_device_id(&dir.path().join("matrix"))
        .expect("the first process logged in and kept its session");

    let room = meeting_room(&host, &bot, &[&ana], "Tuesday circle").await;
    host.send_text(&room, "!open").await.unwrap();
    let status = said(&host, &bot, &room, "Session open").await;

    // The second process stands by: it neither syncs nor serves /healthz while the first holds
    // the session.
    let second = Process::start(synapse, &bot, &database, &dir);
    second
        .logged("another process holds the matrix session; standing by")
        .await;
    assert!(get(&second.ops, "/healthz").await.is_none());

    let mut first = first;
    first.child.start_kill().unwrap();
    first.child.wait().await.unwrap();
    second.logged("holding the matrix session").await;
    second.ready().await;
    assert_eq!(
        matrix_adapter::stored_device_id(&dir.path().join("matrix")).as_deref(),
        Some(device.as_str()),
        "the same device after the takeover"
    );

    // The meeting goes on: the session opened before is still open, and the status message of
    // before is the one edited.
    let ana_name = ana
        .user_id()
        .trim_start_matches('@')
        .split(':')
        .next()
        .unwrap();
    ana.send_text(&room, "!checkin").await.unwrap();
    said(&host, &bot, &room, &format!("Welcome, {ana_name}.")).await;
    let counted = status_shows(&host, &bot, &room, "Checked in: 1").await;
    assert_eq!(
        counted["content"]["m.relates_to"]["event_id"], status["event_id"],
        "the status message of before counts Ana in"
    );
    let sent = host.messages_from(&room, &bot).await.unwrap();
    let opened = sent
        .iter()
        .filter(|ev| !is_edit(ev) && body(ev).contains("Session open"))
        .count();
    assert_eq!(opened, 1, "one status message for the session");

    stop(second.child, WAIT).await;
    db.drop_database().await;
}
