//! `sharecircle run` on Matrix with a standby: two processes on one PostgreSQL database and one
//! Matrix data directory, against a real Synapse. The first holds the Matrix session and serves the
//! room while the second stands by without syncing; the first killed with SIGKILL, the second
//! takes the session over once the lease runs out, with the same device, and the meeting goes on
//! where it was.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use synapse_harness::{unique_localpart, Synapse, TestUser};
use tokio::io::{AsyncBufReadExt, BufReader};

mod support;
use support::{free_port, get, poll, stop, ThrowawayPostgres};

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
            .env("SHARECIRCLE_LOG_LEVEL", "info")
            .env("NO_COLOR", "1")
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standby_takes_over_the_matrix_session_when_its_holder_dies() {
    let synapse = Synapse::shared()
        .await
        .unwrap_or_else(|e| panic!("starting Synapse failed: {e}"));
    let bot = synapse
        .register(&unique_localpart("bot"), PASSWORD, false)
        .await
        .unwrap()
        .user_id;
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

    let room = host
        .create_room("Tuesday circle", &[&bot, ana.user_id()], false)
        .await
        .unwrap();
    ana.join(&room).await.unwrap();
    host.wait_for_membership(&room, &bot, "join", WAIT)
        .await
        .expect("the bot joined on the invite");
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
    host.wait_for_message(
        &room,
        |ev| {
            ev["sender"] == bot.as_str()
                && is_edit(ev)
                && ev["content"]["m.relates_to"]["event_id"] == status["event_id"]
                && ev["content"]["m.new_content"]["body"]
                    .as_str()
                    .is_some_and(|b| b.contains("Checked in: 1"))
        },
        WAIT,
    )
    .await
    .expect("the status message of before counts Ana in");
    let sent = host.messages_from(&room, &bot).await.unwrap();
    let opened = sent
        .iter()
        .filter(|ev| !is_edit(ev) && body(ev).contains("Session open"))
        .count();
    assert_eq!(opened, 1, "one status message for the session");

    stop(second.child, WAIT).await;
    db.drop_database().await;
}
