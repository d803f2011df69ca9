//! Discord under load (issue 20): the Discord double drives interactions at a steady rate across
//! many guilds through its gateway, exactly as Discord dispatches INTERACTION_CREATE, to the real
//! adapter on an engine with a SQLite file store and the system clock; every answer is timed from
//! dispatch to its callback reaching the double, and at the end every guild's status message is
//! compared with what the engine's status view says. Baseline in the same run: a zero-work
//! serenity client on its own double, answering every interaction with a fixed callback.
//!
//! `cargo bench -p discord-adapter --bench load [-- --seconds 60 --rate 50 --guilds 100
//! --members 10 --baseline-seconds N --database URL]`

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bot_core::engine::{Engine, SystemClock};
use discord_double::{DiscordDouble, InteractionRef, RecordedCallback};
use serde_json::{json, Value};
use serenity::all::{
    ApplicationId, ClientBuilder, Command, Context, CreateInteractionResponse,
    CreateInteractionResponseMessage, EventHandler, GatewayIntents, HttpBuilder, Interaction,
    Ready,
};
use tokio::sync::watch;

#[path = "../tests/e2e/circles.rs"]
mod circles;

use circles::{circles, connect, double_of, Circle};

const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GdoubLe.sharecircle-load-bench-token-00";
/// Discord's interaction window.
const WINDOW: Duration = Duration::from_secs(3);
const READY: Duration = Duration::from_secs(60);

struct Args {
    seconds: f64,
    rate: f64,
    guilds: usize,
    members: usize,
    baseline_seconds: f64,
    /// The engine's database (default: a SQLite file in a temporary directory).
    database: Option<String>,
}

impl Args {
    fn parse() -> Args {
        let mut a = Args {
            seconds: 60.0,
            rate: 50.0,
            guilds: 100,
            members: 10,
            baseline_seconds: f64::NAN,
            database: None,
        };
        let argv: Vec<String> = std::env::args().skip(1).collect();
        let mut it = argv.iter();
        while let Some(flag) = it.next() {
            let mut value = |name: &str| -> f64 {
                it.next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{name} takes a number"))
            };
            match flag.as_str() {
                "--seconds" => a.seconds = value("--seconds"),
                "--rate" => a.rate = value("--rate"),
                "--guilds" => a.guilds = value("--guilds") as usize,
                "--members" => a.members = (value("--members") as usize).max(2),
                "--baseline-seconds" => a.baseline_seconds = value("--baseline-seconds"),
                "--database" => a.database = it.next().cloned(),
                // cargo bench passes `--bench`; anything else is not ours either.
                _ => {}
            }
        }
        if a.baseline_seconds.is_nan() {
            a.baseline_seconds = a.seconds;
        }
        a
    }
}

/// A tiny deterministic generator (xorshift64*), so every run sends the same mix.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % n
    }
}

/// What an interaction of the mix asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    HandUp,
    HandDown,
    CheckIn,
    Status,
    Next,
}

impl Kind {
    /// A member's or (one in ten) the host's interaction: who, the slash command and its options.
    fn pick(rng: &mut Rng, g: &Circle) -> (Kind, u64, &'static str, Value) {
        let member = g.members[rng.below(g.members.len() as u64) as usize];
        let sub =
            |name: &str, options: Value| json!([{ "name": name, "type": 1, "options": options }]);
        match rng.below(100) {
            0..10 => (Kind::Next, g.host, "next", json!([])),
            10..40 => (Kind::HandUp, member, "hand", sub("up", json!([]))),
            40..60 => (Kind::HandDown, member, "hand", sub("down", json!([]))),
            60..80 => {
                let word = ["hopeful", "tired", "grateful", "calm"][rng.below(4) as usize];
                let options = json!([{ "name": "word", "value": word }]);
                (Kind::CheckIn, member, "checkin", sub("here", options))
            }
            _ => (Kind::Status, member, "status", json!([])),
        }
    }
}

struct Sent {
    r: InteractionRef,
    kind: Kind,
    /// When it was dispatched, from the driver's start.
    at: Duration,
}

/// Reads the status a guild's message should show now (the driver samples it before each
/// interaction it sends to the guild, so a guild's history is the sequence of its statuses).
type Sampler = Box<dyn Fn(usize) -> String + Send>;

/// Sends interactions at `rate` per second for `seconds`, round-robin over the guilds (each
/// guild one every `guilds / rate` seconds, spread evenly), paced on real time on a thread of
/// its own, so a busy runtime cannot slow the driver.
fn drive(
    double: Arc<DiscordDouble>,
    guilds: Arc<Vec<Circle>>,
    rate: f64,
    seconds: f64,
    sample: Option<Sampler>,
) -> std::thread::JoinHandle<(Vec<Sent>, Vec<Vec<String>>, Duration)> {
    std::thread::spawn(move || {
        let n = (rate * seconds).round() as usize;
        let interval = Duration::from_secs_f64(1.0 / rate);
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        let mut history: Vec<Vec<String>> = vec![Vec::new(); guilds.len()];
        let mut sent = Vec::with_capacity(n);
        let start = Instant::now();
        for k in 0..n {
            let due = start + interval * k as u32;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            let gi = k % guilds.len();
            let g = &guilds[gi];
            if let Some(sample) = &sample {
                let now = sample(gi);
                if history[gi].last() != Some(&now) {
                    history[gi].push(now);
                }
            }
            let (kind, user, name, options) = Kind::pick(&mut rng, g);
            let r = double.send_slash_command(g.guild, g.channel, user, name, options);
            sent.push(Sent {
                r,
                kind,
                at: start.elapsed(),
            });
        }
        (sent, history, start.elapsed())
    })
}

/// What the callbacks of a phase say.
struct Answers {
    sent: usize,
    achieved_rate: f64,
    /// Dispatch → first callback, of every interaction answered in the window.
    times_us: Vec<i64>,
    answered: usize,
    twice: usize,
    late: usize,
    unanswered: usize,
    refused: usize,
    deferred: usize,
    by_kind: Vec<(Kind, Vec<i64>)>,
    /// The slowest answers: (dispatched at, kind, answer time in µs).
    slowest: Vec<(Duration, Kind, i64)>,
}

async fn answers(double: &DiscordDouble, sent: &[Sent], took: Duration) -> Answers {
    // Every interaction's window closes within 3 s of its dispatch: wait for the last one's.
    if let Some(last) = sent.last() {
        let _ = double
            .wait_callback(&last.r, WINDOW + Duration::from_secs(2))
            .await;
    }
    tokio::time::sleep(WINDOW).await;
    let mut by_id: HashMap<u64, Vec<RecordedCallback>> = HashMap::new();
    for c in double.callbacks() {
        by_id.entry(c.interaction_id).or_default().push(c);
    }
    let mut a = Answers {
        sent: sent.len(),
        achieved_rate: sent.len() as f64 / took.as_secs_f64(),
        times_us: Vec::new(),
        answered: 0,
        twice: 0,
        late: 0,
        unanswered: 0,
        refused: 0,
        deferred: 0,
        by_kind: Vec::new(),
        slowest: Vec::new(),
    };
    let mut kinds: HashMap<Kind, Vec<i64>> = HashMap::new();
    for s in sent {
        let cbs = by_id.get(&s.r.id).map(Vec::as_slice).unwrap_or_default();
        let Some(first) = cbs.first() else {
            a.unanswered += 1;
            continue;
        };
        if cbs.len() > 1 {
            a.twice += 1;
        }
        if first.elapsed > WINDOW || first.error_code() == Some(10062) {
            a.late += 1;
            continue;
        }
        if !first.accepted() {
            a.refused += 1;
            continue;
        }
        if first.response_type == 5 || first.response_type == 6 {
            a.deferred += 1;
        }
        a.answered += 1;
        let us = first.elapsed.as_micros() as i64;
        a.times_us.push(us);
        kinds.entry(s.kind).or_default().push(us);
        a.slowest.push((s.at, s.kind, us));
    }
    a.slowest.sort_by_key(|(_, _, us)| -us);
    a.slowest.truncate(12);
    a.slowest.sort_by_key(|(at, _, _)| *at);
    let mut by_kind: Vec<_> = kinds.into_iter().collect();
    by_kind.sort_by_key(|(k, _)| *k);
    a.by_kind = by_kind;
    a
}

/// Answer times in milliseconds at the quantiles `qs` (nearest rank, as `sharecircle bench`
/// reads them; 0 when there are none).
fn quantiles<const N: usize>(us: &[i64], qs: [f64; N]) -> [f64; N] {
    let mut sorted = us.to_vec();
    sorted.sort_unstable();
    qs.map(|q| {
        let rank = (sorted.len().max(1) - 1) as f64 * q;
        sorted
            .get(rank.round() as usize)
            .map_or(0.0, |v| *v as f64 / 1000.0)
    })
}

/// A figure line in `sharecircle bench`'s layout (`src/bench.rs`, `Figure::line`).
fn line(name: &str, value: f64, unit: &str, baseline: f64, target: &str) -> String {
    format!(
        "{:<38} {:>12.1} {:<10} baseline {:>12.1}  ratio {:>6.2}  (target: {})",
        name,
        value,
        unit,
        baseline,
        value / baseline,
        target
    )
}

/// A zero-work bot: registers the same commands and answers every slash command with one fixed
/// ephemeral message; no engine, no store.
struct ZeroWork {
    ready: watch::Sender<bool>,
}

#[serenity::async_trait]
impl EventHandler for ZeroWork {
    async fn ready(&self, ctx: Context, _: Ready) {
        Command::set_global_commands(&ctx.http, discord_adapter::slash_commands())
            .await
            .expect("the zero-work bot registers the commands");
        self.ready.send_replace(true);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        if let Interaction::Command(i) = interaction {
            let answer = CreateInteractionResponseMessage::new()
                .content("ok")
                .ephemeral(true);
            let _ = i
                .create_response(&ctx.http, CreateInteractionResponse::Message(answer))
                .await;
        }
    }
}

async fn baseline(args: &Args) -> Answers {
    let (specs, gs) = circles(args.guilds, args.members - 1);
    let double = Arc::new(double_of(TOKEN, &specs).await);
    let http = HttpBuilder::new(TOKEN)
        .proxy(double.http_url())
        .ratelimiter_disabled(true)
        .application_id(ApplicationId::new(double.config().application_id))
        .build();
    let (ready, mut is_ready) = watch::channel(false);
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(ZeroWork { ready })
        .await
        .expect("the zero-work client");
    let shards = client.shard_manager.clone();
    tokio::spawn(async move { client.start().await });
    tokio::time::timeout(READY, is_ready.wait_for(|r| *r))
        .await
        .expect("the zero-work bot is ready")
        .expect("ready");
    let driver = drive(
        double.clone(),
        Arc::new(gs),
        args.rate,
        args.baseline_seconds,
        None,
    );
    let (sent, _, took) = tokio::task::spawn_blocking(move || driver.join().expect("driver"))
        .await
        .expect("driver");
    let a = answers(&double, &sent, took).await;
    shards.shutdown_all().await;
    a
}

/// How many edits behind each guild's status message is: 0 when it shows what the engine's view
/// says now; else how many later statuses of the guild's history it has not shown (`None`: it
/// shows none of them).
async fn behind(
    double: &DiscordDouble,
    engine: &Engine,
    gs: &[Circle],
    history: &mut [Vec<String>],
) -> (Vec<Option<usize>>, usize) {
    let mut out = Vec::new();
    let mut extra = 0;
    for (g, h) in gs.iter().zip(history.iter_mut()) {
        let now = g.expected_status(engine).await;
        if h.last() != Some(&now) {
            h.push(now);
        }
        let found = g.status_messages(double);
        extra += found.len().saturating_sub(1);
        let shown = found.last().cloned();
        let b = shown.and_then(|s| h.iter().rposition(|c| *c == s).map(|i| h.len() - 1 - i));
        out.push(b);
    }
    (out, extra)
}

fn tally(b: &[Option<usize>]) -> (usize, usize, usize) {
    let current = b.iter().filter(|b| **b == Some(0)).count();
    let one = b.iter().filter(|b| **b == Some(1)).count();
    (current, one, b.len() - current - one)
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    println!(
        "Discord under load: {} interactions/s across {} guilds ({} members each) for {} s; baseline {} s",
        args.rate, args.guilds, args.members, args.seconds, args.baseline_seconds
    );

    // Baseline: the double and a zero-work client, the same driver.
    let base = baseline(&args).await;

    // sharecircle: the engine on a SQLite file (WAL, synchronous=NORMAL), the system clock, the
    // real adapter.
    let dir = tempfile::tempdir().expect("tempdir");
    let url = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("load.db").display()));
    let store = bot_core::store::open(&url, 4).await.expect("the store");
    let engine = Engine::new(store, Arc::new(SystemClock), "!");
    let timers = engine.spawn_timers();
    let (specs, gs) = circles(args.guilds, args.members - 1);
    let double = Arc::new(double_of(TOKEN, &specs).await);
    let handle = connect(&engine, &double, TOKEN, READY).await;

    // Each guild's host opens a session (at the same rate), and its status message is posted.
    let pace = Duration::from_secs_f64(1.0 / args.rate);
    let mut opens = Vec::new();
    for g in &gs {
        opens.push(double.send_slash_command(g.guild, g.channel, g.host, "open", json!([])));
        tokio::time::sleep(pace).await;
    }
    for (o, g) in opens.iter().zip(&gs) {
        let cb = double
            .wait_callback(o, Duration::from_secs(10))
            .await
            .expect("open answered");
        assert!(cb.accepted(), "open refused: {cb:?}");
        double
            .wait_for_message(
                g.channel,
                |m| m.interaction_id.is_none() && m.content.starts_with('🟢'),
                Duration::from_secs(10),
            )
            .await
            .expect("a status message");
    }

    let gs = Arc::new(gs);
    let rt = tokio::runtime::Handle::current();
    let (e, sample_gs) = (engine.clone(), gs.clone());
    let sampler: Sampler = Box::new(move |gi| rt.block_on(sample_gs[gi].expected_status(&e)));
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis()
        % 86_400_000;
    println!(
        "   sharecircle driving from {:02}:{:02}:{:02}.{:03} UTC",
        wall / 3_600_000,
        wall / 60_000 % 60,
        wall / 1000 % 60,
        wall % 1000
    );
    let driving = Instant::now();
    let driver = drive(
        double.clone(),
        gs.clone(),
        args.rate,
        args.seconds,
        Some(sampler),
    );
    let (sent, mut history, took) =
        tokio::task::spawn_blocking(move || driver.join().expect("driver"))
            .await
            .expect("driver");
    // At the end: as soon as the last interaction is answered, then after a short drain.
    if let Some(last) = sent.last() {
        let _ = double.wait_callback(&last.r, WINDOW).await;
    }
    let (at_end, _) = behind(&double, &engine, &gs, &mut history).await;
    let a = answers(&double, &sent, took).await;
    let (drained, extra) = behind(&double, &engine, &gs, &mut history).await;
    let changes: usize = history.iter().map(|h| h.len().saturating_sub(1)).sum();
    let requests = double.requests();
    let edits = requests
        .iter()
        .filter(|r| {
            r.method == "PATCH"
                && r.route().starts_with("/channels/")
                && r.route().contains("/messages/")
        })
        .count();
    // Discord's global limit (50 requests/s per bot) counts every route but the interaction
    // and webhook ones: the busiest second of the bot's other requests while driving.
    let mut per_second: HashMap<u64, usize> = HashMap::new();
    for r in &requests {
        let global =
            !r.route().starts_with("/interactions/") && !r.route().starts_with("/webhooks/");
        if let Some(t) = r.at.checked_duration_since(driving).filter(|_| global) {
            *per_second.entry(t.as_secs()).or_default() += 1;
        }
    }
    let busiest = per_second.values().max().copied().unwrap_or(0);
    let global_total: usize = per_second.values().sum();
    let violations = double.violations();

    // Report.
    let [b50, b99, bmax] = quantiles(&base.times_us, [0.5, 0.99, 1.0]);
    let [s50, s99, smax] = quantiles(&a.times_us, [0.5, 0.99, 1.0]);
    println!(
        "   driver: baseline {} interactions at {:.1}/s; sharecircle {} at {:.1}/s",
        base.sent, base.achieved_rate, a.sent, a.achieved_rate
    );
    for (name, x) in [("baseline (zero-work client)", &base), ("sharecircle", &a)] {
        println!(
            "   {name}: answered {} of {}, answered twice {}, late (> 3 s) {}, unanswered {}, refused {}, deferred {}",
            x.answered, x.sent, x.twice, x.late, x.unanswered, x.refused, x.deferred
        );
        let [p50, p90, p95, p99, max] = quantiles(&x.times_us, [0.5, 0.9, 0.95, 0.99, 1.0]);
        let over = |ms: i64| x.times_us.iter().filter(|v| **v > ms * 1000).count();
        println!(
            "   {name}: p50 {p50:.2} p90 {p90:.2} p95 {p95:.2} p99 {p99:.2} max {max:.2} ms; over 5 ms {}, over 10 ms {}, over 20 ms {}",
            over(5), over(10), over(20)
        );
    }
    for (kind, us) in &a.by_kind {
        let [p50, p99, max] = quantiles(us, [0.5, 0.99, 1.0]);
        println!(
            "   sharecircle {kind:?}: {} answers, p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms",
            us.len()
        );
    }
    for (name, x) in [("baseline", &base), ("sharecircle", &a)] {
        let slow: Vec<String> = x
            .slowest
            .iter()
            .map(|(at, kind, us)| {
                format!(
                    "{:.1}s {kind:?} {:.0}",
                    at.as_secs_f64(),
                    *us as f64 / 1000.0
                )
            })
            .collect();
        println!("   {name} slowest (dispatched at, ms): {}", slow.join(", "));
    }
    let (cur, one, more) = tally(&at_end);
    println!(
        "   status at the last answer: {cur} guilds current, {one} one edit behind, {more} more than one"
    );
    let (cur, one, more) = tally(&drained);
    println!(
        "   status after a {} s drain: {cur} guilds current, {one} one edit behind, {more} more than one; {changes} status changes sampled, {edits} message edits applied, {extra} extra status messages",
        WINDOW.as_secs()
    );
    println!(
        "   requests under Discord's global limit (50/s; not interactions, not webhooks): {global_total} from the start of driving, {busiest} in the busiest second"
    );
    if !violations.is_empty() {
        println!("   double violations: {}", violations.len());
        for v in violations.iter().take(5) {
            println!("     {v}");
        }
    }
    println!(
        "{}",
        line("Discord answer p50 (load)", s50, "ms", b50, "report")
    );
    println!(
        "{}",
        line("Discord answer p99 (load)", s99, "ms", b99, "<= 50 ms")
    );
    println!(
        "{}",
        line("Discord answer max (load)", smax, "ms", bmax, "< 3000 ms")
    );
    let missed = a.twice + a.late + a.unanswered + a.refused;
    let base_missed = base.twice + base.late + base.unanswered + base.refused;
    println!(
        "{:<38} {:>12} {:<10} baseline {:>12}  (target: 0)",
        "Discord answers not exactly once", missed, "", base_missed
    );
    println!(
        "{:<38} {:>12} {:<10} {:>21}  (target: 0)",
        "Discord status > 1 edit behind", more, "guilds", ""
    );
    let met = s99 <= 50.0 && missed == 0 && more == 0;
    println!("   target met: {}", if met { "yes" } else { "no" });

    handle.shutdown().await;
    timers.abort();
}
