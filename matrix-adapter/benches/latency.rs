//! The Matrix latency benchmark: command → reply as a member feels it, sharecircle against a
//! zero-work echo bot on the same Synapse in the same run (issue 20).
//!
//! A real Synapse (`synapse-harness`), one member on a plain Client-Server client (reqwest), the
//! real bot (engine on a SQLite file store, the system clock, `matrix_adapter::start`) in one room
//! and an echo bot (a bare `/sync` long-poll that answers each `!` message at once with one
//! `PUT /send`) in another. Round trips are interleaved in pairs — the same command to
//! sharecircle and to the echo bot, in alternating order — and each is measured from the start
//! of the member's send request to the moment the member's own `/sync` returns the bot's reply
//! (for sharecircle: the answer in the member's direct room, or the ✅ on the command). The
//! paired gap is sharecircle's round trip minus the echo bot's in the same pair.
//!
//! ```sh
//! cargo bench -p matrix-adapter --bench latency              # 200 pairs per command
//! cargo bench -p matrix-adapter --bench latency -- --pairs 50 --warmup 10 --settle-ms 100
//! ```
//!
//! Round trips start `--settle-ms` apart (100 ms by default): without a pause, whichever bot
//! went second in a pair met the homeserver still busy with the first one's events, and the
//! gap measured the order more than the bots.
//!
//! Also prints the bot's requests to the homeserver per command (from Synapse's access log), so
//! a request made per message (room state, members, keys) shows.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bot_core::engine::{Engine, SystemClock};
use bot_core::store::SqliteStore;
use serde_json::{json, Value};
use sharecircle_config::{MatrixAuth, MatrixConfig, Secret};
use synapse_harness::{unique_localpart, Synapse, TestUser};
use tokio::sync::mpsc;

/// Bound of every wait for an answer.
const WAIT: Duration = Duration::from_secs(30);
/// The member's and the echo bot's `/sync` filter: timelines only, no presence or account data.
const SYNC_FILTER: &str = r#"{"room":{"timeline":{"limit":50},"state":{"lazy_load_members":true}},"presence":{"not_types":["*"]},"account_data":{"not_types":["*"]}}"#;

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One figure, printed as `sharecircle bench` prints its own (`src/bench.rs`, `Figure::line`).
struct Figure {
    name: String,
    unit: &'static str,
    value: f64,
    baseline: f64,
    target: String,
}

impl Figure {
    fn line(&self) -> String {
        format!(
            "{:<38} {:>12.1} {:<10} baseline {:>12.1}  ratio {:>6.2}  (target: {})",
            self.name,
            self.value,
            self.unit,
            self.baseline,
            self.value / self.baseline,
            self.target
        )
    }
}

/// What the member's `/sync` returned, with the moment it returned.
enum Seen {
    Event { at: Instant, ev: Value },
    Invite { room: String },
}

/// A minimal Client-Server client: the access token and the homeserver.
#[derive(Clone)]
struct Cs {
    http: reqwest::Client,
    base: String,
    token: String,
    user_id: String,
}

impl Cs {
    fn of(user: &TestUser) -> Cs {
        Cs {
            http: reqwest::Client::new(),
            base: user.base_url(),
            token: user.access_token().to_string(),
            user_id: user.user_id().to_string(),
        }
    }

    /// `GET /sync` (timelines only); a `timeout_ms` long-poll.
    async fn sync(&self, since: Option<&str>, timeout_ms: u64) -> Res<Value> {
        let mut q = vec![
            ("timeout", timeout_ms.to_string()),
            ("filter", SYNC_FILTER.to_string()),
        ];
        if let Some(s) = since {
            q.push(("since", s.to_string()));
        }
        let answer = self
            .http
            .get(format!("{}/_matrix/client/v3/sync", self.base))
            .query(&q)
            .bearer_auth(&self.token)
            .send()
            .await?;
        Ok(answer.error_for_status()?.json().await?)
    }

    /// `PUT /rooms/{room}/send/m.room.message/{txn}`; the event id.
    async fn send(&self, room: &str, txn: &str, content: &Value) -> Res<String> {
        let answer = self
            .http
            .put(format!(
                "{}/_matrix/client/v3/rooms/{}/send/m.room.message/{txn}",
                self.base,
                urlencode(room)
            ))
            .bearer_auth(&self.token)
            .json(content)
            .send()
            .await?;
        let v: Value = answer.error_for_status()?.json().await?;
        Ok(v["event_id"].as_str().unwrap_or_default().to_string())
    }

    async fn join(&self, room: &str) -> Res<()> {
        self.http
            .post(format!(
                "{}/_matrix/client/v3/join/{}",
                self.base,
                urlencode(room)
            ))
            .bearer_auth(&self.token)
            .json(&json!({}))
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The timeline events (each with its `room_id`) and the invites of a `/sync` answer.
fn events_of(sync: &Value) -> (Vec<Value>, Vec<String>) {
    let mut events = Vec::new();
    if let Some(rooms) = sync["rooms"]["join"].as_object() {
        for (room, r) in rooms {
            for ev in r["timeline"]["events"].as_array().into_iter().flatten() {
                let mut ev = ev.clone();
                ev["room_id"] = json!(room);
                events.push(ev);
            }
        }
    }
    let invites = sync["rooms"]["invite"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    (events, invites)
}

/// The member's `/sync` loop: every event and invite, stamped with when its answer arrived.
async fn member_sync(cs: Cs, mut since: String, tx: mpsc::UnboundedSender<Seen>) {
    loop {
        let answer = match cs.sync(Some(&since), 30_000).await {
            Ok(a) => a,
            Err(e) => {
                eprintln!("member /sync failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let at = Instant::now();
        let (events, invites) = events_of(&answer);
        for ev in events {
            if tx.send(Seen::Event { at, ev }).is_err() {
                return;
            }
        }
        for room in invites {
            let _ = tx.send(Seen::Invite { room });
        }
        if let Some(next) = answer["next_batch"].as_str() {
            since = next.to_string();
        }
    }
}

/// The echo bot: joins rooms it is invited to and answers every `!` message from anyone else
/// at once, in the same room, with one `PUT /send`. No store, no parsing beyond the prefix.
async fn echo_bot(cs: Cs) {
    let mut since = match cs.sync(None, 0).await {
        Ok(a) => a["next_batch"].as_str().unwrap_or_default().to_string(),
        Err(e) => panic!("the echo bot's first /sync failed: {e}"),
    };
    let mut n = 0u64;
    loop {
        let answer = match cs.sync(Some(&since), 30_000).await {
            Ok(a) => a,
            Err(e) => {
                eprintln!("echo /sync failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        if let Some(next) = answer["next_batch"].as_str() {
            since = next.to_string();
        }
        let (events, invites) = events_of(&answer);
        for ev in events {
            let body = ev["content"]["body"].as_str().unwrap_or("");
            let command = ev["type"] == "m.room.message"
                && ev["sender"] != cs.user_id.as_str()
                && body.starts_with('!');
            if command {
                n += 1;
                let (cs, room, txn) = (
                    cs.clone(),
                    ev["room_id"].as_str().unwrap_or("").to_string(),
                    format!("echo-{n}"),
                );
                tokio::spawn(async move {
                    let content = json!({ "msgtype": "m.notice", "body": "echo" });
                    if let Err(e) = cs.send(&room, &txn, &content).await {
                        eprintln!("echo send failed: {e}");
                    }
                });
            }
        }
        for room in invites {
            if let Err(e) = cs.join(&room).await {
                eprintln!("echo join failed: {e}");
            }
        }
    }
}

/// The member: sends commands and reads what its `/sync` returned.
struct Member {
    cs: Cs,
    rx: mpsc::UnboundedReceiver<Seen>,
    txn: u64,
    invites: Vec<String>,
}

impl Member {
    /// Sends `body` to `room`; the time the request started and the command's event id.
    async fn command(&mut self, room: &str, body: &str) -> Res<(Instant, String)> {
        self.txn += 1;
        let txn = format!("m-{}-{}", std::process::id(), self.txn);
        let t0 = Instant::now();
        let id = self
            .cs
            .send(room, &txn, &json!({ "msgtype": "m.text", "body": body }))
            .await?;
        Ok((t0, id))
    }

    /// The next event that `matches`, with the moment the member's `/sync` returned it.
    async fn next(&mut self, matches: impl Fn(&Value) -> bool) -> Res<(Instant, Value)> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
                Err(_) => return Err("timed out waiting for an answer".into()),
                Ok(None) => return Err("the member's /sync stopped".into()),
                Ok(Some(Seen::Invite { room })) => self.invites.push(room),
                Ok(Some(Seen::Event { at, ev })) if matches(&ev) => return Ok((at, ev)),
                Ok(Some(Seen::Event { .. })) => {}
            }
        }
    }

    /// The next invite.
    async fn invite(&mut self) -> Res<String> {
        loop {
            if let Some(room) = self.invites.pop() {
                return Ok(room);
            }
            let deadline = tokio::time::Instant::now() + WAIT;
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
                Err(_) => return Err("timed out waiting for an invite".into()),
                Ok(None) => return Err("the member's /sync stopped".into()),
                Ok(Some(Seen::Invite { room })) => self.invites.push(room),
                Ok(Some(Seen::Event { .. })) => {}
            }
        }
    }

    /// Drops whatever has arrived and not been read.
    fn drain(&mut self) {
        while let Ok(seen) = self.rx.try_recv() {
            if let Seen::Invite { room } = seen {
                self.invites.push(room);
            }
        }
    }
}

fn is_edit(ev: &Value) -> bool {
    ev["content"]["m.relates_to"]["rel_type"] == "m.replace"
}

/// A bot's answer to the command `cmd`: a message that is not an edit, or a reaction on `cmd`.
fn answers(ev: &Value, bot: &str, cmd: &str) -> bool {
    ev["sender"] == bot
        && ((ev["type"] == "m.room.message" && !is_edit(ev))
            || (ev["type"] == "m.reaction" && ev["content"]["m.relates_to"]["event_id"] == cmd))
}

/// Which bot a round trip goes to.
#[derive(Clone, Copy, PartialEq)]
enum Who {
    Sharecircle,
    Echo,
}

struct Setup {
    member: Member,
    bot_id: String,
    echo_id: String,
    bot_room: String,
    echo_room: String,
}

impl Setup {
    /// One round trip of `body` to `who`, in milliseconds. After a sharecircle command that
    /// changes the status message, waits for that edit too, so the next command does not queue
    /// behind it (a member does not send commands milliseconds apart).
    async fn round_trip(&mut self, who: Who, body: &str, edits_status: bool) -> Res<f64> {
        self.member.drain();
        let (room, bot) = match who {
            Who::Sharecircle => (self.bot_room.clone(), self.bot_id.clone()),
            Who::Echo => (self.echo_room.clone(), self.echo_id.clone()),
        };
        let (t0, cmd) = self.member.command(&room, body).await?;
        let (at, _) = self.member.next(|ev| answers(ev, &bot, &cmd)).await?;
        if who == Who::Sharecircle && edits_status {
            let _ = self
                .member
                .next(|ev| ev["sender"] == bot.as_str() && is_edit(ev))
                .await?;
        }
        Ok(at.duration_since(t0).as_secs_f64() * 1000.0)
    }
}

/// `q`-quantile (nearest rank) of `v`.
fn quantile(v: &[f64], q: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let i = ((q * s.len() as f64).ceil() as usize).clamp(1, s.len()) - 1;
    s[i]
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The bot's requests to the homeserver in Synapse's access log from byte `from` on, by method
/// and path shape (ids replaced by `_`).
fn requests_since(synapse: &Synapse, from: u64, user: &str) -> BTreeMap<String, usize> {
    let log = std::fs::read(synapse.log_path()).unwrap_or_default();
    let text = String::from_utf8_lossy(&log[(from as usize).min(log.len())..]).into_owned();
    let mut counts = BTreeMap::new();
    let who = format!("{{{user}}}");
    for line in text.lines() {
        if !line.contains(&who) || !line.contains("Processed request") {
            continue;
        }
        let Some(start) = line.find('"') else {
            continue;
        };
        let Some(request) = line[start + 1..].split('"').next() else {
            continue;
        };
        let mut parts = request.split_whitespace();
        let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
            continue;
        };
        let path = path.split('?').next().unwrap_or(path);
        let shape: Vec<&str> = path
            .split('/')
            .map(|seg| {
                let id_like = seg.len() > 24 || seg.contains('-') || seg.contains('%');
                if id_like || seg.starts_with(['!', '$', '@']) {
                    "_"
                } else {
                    seg
                }
            })
            .collect();
        *counts
            .entry(format!("{method} {}", shape.join("/")))
            .or_insert(0) += 1;
    }
    counts
}

fn log_len(synapse: &Synapse) -> u64 {
    std::fs::metadata(synapse.log_path())
        .map(|m| m.len())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> Res<()> {
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
    let pairs = arg("--pairs", 200);
    let warmup = arg("--warmup", 20);
    let settle = Duration::from_millis(arg("--settle-ms", 100) as u64);
    let synapse = Synapse::start().await?;
    println!(
        "Synapse at {} (log {})",
        synapse.base_url(),
        synapse.log_path().display()
    );

    // The real bot: engine on a SQLite file, the system clock, the adapter's own start.
    let password = "bot-password-4711";
    let reg = synapse
        .register(&unique_localpart("bot"), password, false)
        .await?;
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("sharecircle.db").display());
    let store = SqliteStore::open(&url, 2).await?;
    let engine = Engine::new(Arc::new(store), Arc::new(SystemClock), "!");
    let config = MatrixConfig {
        homeserver: synapse.base_url(),
        user: reg.user_id.clone(),
        auth: MatrixAuth::Password(Secret::new(password)),
        data_dir: dir.path().join("matrix"),
        allowed_inviters: vec![":localhost".to_string()],
        admin_power_level: 100,
        host_power_level: 50,
    };
    let handle = matrix_adapter::start(engine.clone(), config, "!".into()).await?;
    engine.resume().await?;
    let timers = engine.spawn_timers();
    tokio::time::timeout(WAIT, handle.ready()).await??;

    // The echo bot and the member.
    let echo = synapse.new_user("echo").await?;
    let echo_task = tokio::spawn(echo_bot(Cs::of(&echo)));
    let member_user = synapse.new_user("member").await?;
    let cs = Cs::of(&member_user);
    let first = cs.sync(None, 0).await?;
    let (tx, rx) = mpsc::unbounded_channel();
    let member_task = tokio::spawn(member_sync(
        cs.clone(),
        first["next_batch"].as_str().unwrap_or_default().to_string(),
        tx,
    ));
    let bot_room = member_user
        .create_room("Tuesday circle", &[reg.user_id.as_str()], false)
        .await?;
    let echo_room = member_user
        .create_room("Echo", &[echo.user_id()], false)
        .await?;
    let mut s = Setup {
        member: Member {
            cs,
            rx,
            txn: 0,
            invites: Vec::new(),
        },
        bot_id: reg.user_id.clone(),
        echo_id: echo.user_id().to_string(),
        bot_room,
        echo_room,
    };
    for (room, who) in [
        (s.bot_room.clone(), s.bot_id.clone()),
        (s.echo_room.clone(), s.echo_id.clone()),
    ] {
        s.member
            .next(|ev| {
                ev["room_id"] == room.as_str()
                    && ev["type"] == "m.room.member"
                    && ev["state_key"] == who.as_str()
                    && ev["content"]["membership"] == "join"
            })
            .await?;
    }

    // The member (the room's creator, so an admin) opens a session; the first `!status` makes
    // the member's direct room with the bot.
    let (_, open) = s.member.command(&s.bot_room.clone(), "!open").await?;
    let bot = s.bot_id.clone();
    s.member.next(|ev| answers(ev, &bot, &open)).await?;
    s.member.command(&s.bot_room.clone(), "!status").await?;
    let direct = s.member.invite().await?;
    s.member.cs.join(&direct).await?;
    s.member
        .next(|ev| ev["sender"] == bot.as_str() && ev["room_id"] == direct.as_str())
        .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let commands: [(&str, bool); 3] = [("!status", false), ("!hand", true), ("!hand down", true)];
    let mut rt: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    let mut log_from = 0;
    for i in 0..warmup + pairs {
        if i == warmup {
            log_from = log_len(&synapse);
        }
        for (body, edits) in commands {
            let sc_first = i % 2 == 0;
            let (mut sc, mut ec) = (0.0, 0.0);
            for turn in 0..2 {
                if (turn == 0) == sc_first {
                    sc = s.round_trip(Who::Sharecircle, body, edits).await?;
                } else {
                    ec = s.round_trip(Who::Echo, body, edits).await?;
                }
                // Each round trip starts from quiet, as a member's next command would: neither
                // bot is still busy with what the previous one set off (its own events coming
                // back in its /sync, an acknowledgement being written).
                tokio::time::sleep(settle).await;
            }
            if i >= warmup {
                let e = rt.entry(body).or_default();
                e.0.push(sc);
                e.1.push(ec);
            }
        }
    }
    let requests = requests_since(&synapse, log_from, &s.bot_id);

    println!(
        "\nMatrix command → reply, {pairs} interleaved pairs per command after {warmup} warm-up \
         pairs, {} ms apart; baseline: a zero-work echo bot on the same Synapse (ms, member-side)",
        settle.as_millis()
    );
    let target = "median gap <= 5 ms".to_string();
    for (body, _) in commands {
        let (sc, ec) = &rt[body];
        let gaps: Vec<f64> = sc.iter().zip(ec).map(|(a, b)| a - b).collect();
        let figures = [
            Figure {
                name: format!("M1 {body} round trip, median"),
                unit: "ms",
                value: quantile(sc, 0.5),
                baseline: quantile(ec, 0.5),
                target: target.clone(),
            },
            Figure {
                name: format!("M1 {body} round trip, p90"),
                unit: "ms",
                value: quantile(sc, 0.9),
                baseline: quantile(ec, 0.9),
                target: target.clone(),
            },
            Figure {
                name: format!("M1 {body} paired gap, median"),
                unit: "ms",
                value: quantile(&gaps, 0.5),
                baseline: quantile(ec, 0.5),
                target: target.clone(),
            },
            Figure {
                name: format!("M1 {body} paired gap, p90"),
                unit: "ms",
                value: quantile(&gaps, 0.9),
                baseline: quantile(ec, 0.9),
                target: target.clone(),
            },
        ];
        for f in &figures {
            println!("{}", f.line());
        }
        let met = quantile(&gaps, 0.5) <= 5.0;
        println!(
            "  {body}: median gap {:.1} ms — target {}",
            quantile(&gaps, 0.5),
            if met { "met" } else { "NOT met" }
        );
    }
    let commands_sent = (pairs * commands.len()) as f64;
    println!("\nThe bot's requests to Synapse per command in the measured part (access log):");
    for (shape, n) in &requests {
        println!("  {:>7.2}  {shape}", *n as f64 / commands_sent);
    }

    timers.abort();
    echo_task.abort();
    member_task.abort();
    handle.shutdown().await;
    Ok(())
}
