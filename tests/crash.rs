//! Crash safety: a scripted meeting walking a format (a timed go-around, a timed closing that
//! closes the session) through the console on a real clock sped up twenty times (forty-second
//! shares take two seconds), its process killed with SIGKILL at seeded random
//! moments and restarted on the same database. The transcript must hold every message an
//! uninterrupted run posts, in order, and none twice: "late" is fine, "twice" or "never" is not.
//! A redelivered post carries the key a platform dedupes by (Discord nonce, Matrix transaction
//! id), so the same key seen twice counts once, as it would on Discord or Matrix.
//!
//! Replay a failure with `SHARECIRCLE_CRASH_SEED=<seed printed> cargo test --test crash`.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;

mod support;

const SPEED: i64 = 20;
const START: &str = "2026-03-02T19:00:00Z";
const LEASE: &str = "6s";
/// With two processes, kills are this far apart (real time), so that a turn's warning is never
/// stale by the time a second takeover lets it out (two leases of 300 ms real, plus polling).
const MULTI_KILL_GAP: Duration = Duration::from_millis(800);

/// What the harness types, and the post that shows it took effect (kind, how many so far).
/// Every command is safe to type again after a crash: a repeat is refused privately.
/// The meeting walks a format (see [`FORMAT`]): its check-in go-around is started by the host
/// once everyone is there, and its timed closing closes the session by itself.
const STEPS: &[(Option<&str>, &str, usize)] = &[
    (Some("Robin: !open"), "session_opened", 1),
    (Some("Ana: !checkin"), "check_in", 1),
    (Some("Ben: !checkin"), "check_in", 2),
    (Some("Cai: !checkin"), "check_in", 3),
    (Some("Robin: !round start"), "round_started", 1),
    // The go-around's end and the closing's beginning, in one post.
    (None, "part", 1),
    (None, "session_closed", 1),
];

/// The place's format, set by an admin before the meeting: a go-around of 40 s each, then a
/// closing of 20 s.
const FORMAT: &str = "Robin: !format import part = [{ kind = \"checkin\", time = \"40s\" }, { kind = \"closing\", time = \"20s\" }]";

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn seed() -> u64 {
    std::env::var("SHARECIRCLE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        })
}

/// A post to the meeting, as a console printed it.
#[derive(Clone, Debug)]
struct Post {
    key: String,
    kind: String,
    text: String,
}

impl Post {
    /// What must match an uninterrupted run: the kind and the text with numbers blanked (clock
    /// times shift when a restart makes a turn start late).
    fn shape(&self) -> String {
        let text: String = self
            .text
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        format!("{}: {text}", self.kind)
    }
}

enum Event {
    Out(String),
    TookOver,
}

struct Proc {
    child: Child,
    stdin: ChildStdin,
}

struct Meeting {
    url: String,
    origin: i64,
    tx: mpsc::UnboundedSender<Event>,
    /// Generation of each process slot; output of a killed generation is still read (it was
    /// delivered before the kill).
    next_id: usize,
}

impl Meeting {
    async fn spawn(&mut self) -> (usize, Proc) {
        let id = self.next_id;
        self.next_id += 1;
        let mut child = Command::new(env!("CARGO_BIN_EXE_sharecircle"))
            .args(["console", "--clock", "real", "--json", "--start", START])
            .args(["--speed", &SPEED.to_string()])
            .args(["--origin", &self.origin.to_string()])
            .args(["--database-url", &self.url, "--lease", LEASE])
            .env("RUST_LOG", "bot_core=info")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the sharecircle binary starts");
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(out).lines();
            while let Ok(Some(l)) = lines.next_line().await {
                let _ = tx.send(Event::Out(l));
            }
        });
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(err).lines();
            while let Ok(Some(l)) = lines.next_line().await {
                if l.contains("took over a place") {
                    let _ = tx.send(Event::TookOver);
                }
            }
        });
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"#role Robin host\n").await.unwrap();
        (id, Proc { child, stdin })
    }
}

/// When the next kill comes: right after the next post appears (mid-delivery of a commit's
/// posts), or after a random pause.
#[derive(Debug)]
enum KillPlan {
    AfterNextPost,
    At(Instant),
}

fn plan(rng: &mut Rng, processes: usize) -> KillPlan {
    let gap = if processes > 1 {
        MULTI_KILL_GAP
    } else {
        Duration::ZERO
    };
    if processes == 1 && rng.below(2) == 0 {
        KillPlan::AfterNextPost
    } else {
        KillPlan::At(Instant::now() + gap + Duration::from_millis(rng.below(700)))
    }
}

struct Outcome {
    posts: Vec<Post>,
    kills: usize,
    /// Real time from killing a process to another one taking its place over.
    takeovers: Vec<Duration>,
}

/// Runs the meeting with `processes` consoles on `url`, killing one `kills` times.
async fn meeting(url: &str, processes: usize, kills: usize, rng: &mut Rng, seed: u64) -> Outcome {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let origin = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let mut m = Meeting {
        url: url.to_string(),
        origin,
        tx,
        next_id: 0,
    };
    // The admin's format, set by a process of its own that ends before the meeting starts.
    let mut admin = Command::new(env!("CARGO_BIN_EXE_sharecircle"))
        .args(["console", "--clock", "real", "--json", "--start", START])
        .args(["--database-url", url, "--lease", LEASE])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the sharecircle binary starts");
    let mut stdin = admin.stdin.take().unwrap();
    let script = format!("#role Robin admin\n{FORMAT}\n");
    stdin.write_all(script.as_bytes()).await.unwrap();
    drop(stdin);
    let said = admin.wait_with_output().await.unwrap();
    let said = String::from_utf8_lossy(&said.stdout);
    assert!(said.contains("Imported"), "the format was not set: {said}");
    let mut procs = Vec::new();
    for _ in 0..processes {
        procs.push(m.spawn().await);
    }
    // Commands go to the first slot's process; when it is killed, to the next live one.
    let mut primary = 0usize;
    let mut sent_to: Option<usize> = None;
    let mut step = 0usize;
    let mut posts: Vec<Post> = Vec::new();
    let mut keys = HashSet::new();
    let mut killed = 0usize;
    let mut kill_plan = (kills > 0).then(|| plan(rng, processes));
    let mut last_kill: Option<Instant> = None;
    let mut takeovers = Vec::new();
    let give_up = Instant::now() + Duration::from_secs(120);
    let count = |posts: &[Post], kind: &str| posts.iter().filter(|p| p.kind == kind).count();

    while step < STEPS.len() {
        let (send, _, _) = STEPS[step];
        let primary_id = procs[primary].0;
        if let (Some(line), true) = (send, sent_to != Some(primary_id)) {
            let stdin = &mut procs[primary].1.stdin;
            stdin.write_all(line.as_bytes()).await.unwrap();
            stdin.write_all(b"\n").await.unwrap();
            sent_to = Some(primary_id);
        }
        let kill_at = match &kill_plan {
            Some(KillPlan::At(t)) => Some(*t),
            _ => None,
        };
        let mut kill_now = false;
        tokio::select! {
            ev = rx.recv() => match ev.expect("output channel") {
                Event::Out(line) => {
                    let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                        continue; // a line cut short by a kill: never delivered
                    };
                    if v["audience"] != "place" {
                        continue;
                    }
                    let key = v["key"].as_str().expect("place posts carry a key").to_string();
                    if keys.insert(key.clone()) {
                        posts.push(Post {
                            key,
                            kind: v["kind"].as_str().unwrap().to_string(),
                            text: v["text"].as_str().unwrap().to_string(),
                        });
                    }
                    let (_, kind, n) = STEPS[step];
                    if count(&posts, kind) >= n {
                        step += 1;
                        sent_to = None;
                    }
                    kill_now = matches!(kill_plan, Some(KillPlan::AfterNextPost));
                }
                Event::TookOver => {
                    if let Some(k) = last_kill.take() {
                        takeovers.push(k.elapsed());
                    }
                }
            },
            _ = async {
                match kill_at {
                    Some(t) => tokio::time::sleep_until(t.into()).await,
                    None => std::future::pending().await,
                }
            } => kill_now = true,
            _ = tokio::time::sleep_until(give_up.into()) => {
                panic!(
                    "seed {seed}: the meeting did not finish (step {step}, {killed} kills); posts so far:\n{}",
                    posts.iter().map(Post::shape).collect::<Vec<_>>().join("\n")
                );
            }
        }
        if kill_now && step < STEPS.len() {
            let victim = rng.below(procs.len() as u64) as usize;
            let (_, p) = &mut procs[victim];
            p.child.start_kill().unwrap();
            p.child.wait().await.unwrap();
            killed += 1;
            last_kill = Some(Instant::now());
            if victim == primary {
                primary = (primary + 1) % procs.len();
            }
            procs[victim] = m.spawn().await;
            kill_plan = (killed < kills).then(|| plan(rng, processes));
        }
    }
    for (_, mut p) in procs {
        drop(p.stdin);
        let _ = tokio::time::timeout(Duration::from_secs(10), p.child.wait()).await;
        let _ = p.child.start_kill();
    }
    Outcome {
        posts,
        kills: killed,
        takeovers,
    }
}

fn shapes(posts: &[Post]) -> Vec<String> {
    posts.iter().map(Post::shape).collect()
}

/// Runs uninterrupted once, then interrupted meetings until `kills` kill points have been run;
/// each must post exactly the uninterrupted run's messages, in order.
async fn crash_suite(
    label: &str,
    processes: usize,
    kills: usize,
    mut fresh_url: impl AsyncFnMut() -> String,
) -> Vec<Duration> {
    let seed = seed();
    eprintln!("{label}: seed {seed} (replay with SHARECIRCLE_CRASH_SEED={seed})");
    let mut rng = Rng(seed);
    let clean = meeting(&fresh_url().await, processes, 0, &mut rng, seed).await;
    let expected = shapes(&clean.posts);
    // Open (with the agenda), three check-ins, the go-around, per turn a warning and "time"
    // (which also calls the next speaker), the go-around's end with the closing, and the close.
    assert!(
        expected.len() >= 13,
        "the meeting posts enough to be worth crashing: {expected:#?}"
    );
    assert!(
        expected[0].contains("Agenda:")
            && expected.iter().any(|s| s.contains("Part # of #: Closing")),
        "the meeting walks its format: {expected:#?}"
    );
    let mut done = 0;
    let mut takeovers = Vec::new();
    while done < kills {
        let per_meeting = (kills - done).min(12);
        let got = meeting(&fresh_url().await, processes, per_meeting, &mut rng, seed).await;
        assert_eq!(
            shapes(&got.posts),
            expected,
            "{label}, seed {seed}: after {} kills the transcript differs from the uninterrupted one",
            got.kills
        );
        let unique: HashSet<&str> = got.posts.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(unique.len(), got.posts.len());
        done += got.kills;
        takeovers.extend(got.takeovers);
    }
    eprintln!("{label}: {done} kill points, every transcript complete, in order, nothing twice");
    takeovers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_kill_9_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    crash_suite("SQLite, one process", 1, 30, async || {
        n += 1;
        format!("sqlite://{}", dir.path().join(format!("m{n}.db")).display())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_postgres_survive_either_being_killed() {
    let mut made = Vec::new();
    let takeovers = crash_suite("PostgreSQL, two processes", 2, 24, async || {
        let db = support::ThrowawayPostgres::create().await;
        let url = db.url.clone();
        made.push(db);
        url
    })
    .await;
    for db in made {
        db.drop_database().await;
    }
    if !takeovers.is_empty() {
        let mut ms: Vec<u128> = takeovers.iter().map(|d| d.as_millis()).collect();
        ms.sort();
        eprintln!(
            "takeovers: {} (real ms from the kill: median {}, max {}; lease {LEASE} at speed {SPEED} = {} ms real)",
            ms.len(),
            ms[ms.len() / 2],
            ms[ms.len() - 1],
            6_000 / SPEED
        );
    }
}
