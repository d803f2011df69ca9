//! `sharecircle bench`: performance figures measured against a physical baseline in the same run
//! (this machine is shared and noisy, so only ratios mean something). Run it in release.

use anyhow::Context as _;
use std::sync::Arc;
use std::time::Instant;

use bot_core::domain::{Actor, Command, Member, Millis, PlaceId, Role, Timestamp};
use bot_core::engine::{Clock, Engine, ManualClock};
use bot_core::store::Store;
use sqlx::Connection;

/// One figure: what was measured, the engine's value, the baseline's, and whether higher is better.
pub struct Figure {
    pub name: &'static str,
    pub unit: &'static str,
    pub value: f64,
    pub baseline: f64,
    pub higher_is_better: bool,
    pub target: String,
}

impl Figure {
    pub fn ratio(&self) -> f64 {
        self.value / self.baseline
    }
    pub fn line(&self) -> String {
        format!(
            "{:<38} {:>12.1} {:<10} baseline {:>12.1}  ratio {:>6.2}  (target: {})",
            self.name,
            self.value,
            self.unit,
            self.baseline,
            self.ratio(),
            self.target
        )
    }
}

fn member(i: usize) -> Actor {
    Actor {
        member: Member::new(format!("bench:m{i}"), &format!("Member {i}")),
        role: Role::Member,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

fn host() -> Actor {
    Actor {
        member: Member::new("bench:host", "Host"),
        role: Role::Host,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

/// The physical baseline of P1: `commands` single-row upserts of a 1 KiB value over 100 keys, each
/// its own autocommit statement on one connection (the same SQL on both databases); evaluates to
/// upserts per second. Each value differs from the one it replaces (a key's value alternates
/// between two), as a command's state does: SQLite writes nothing when a row's new bytes equal the
/// old ones, so a loop of identical values measured a commit with no write (31k/s where writing
/// a changed row ran at 17k/s on one file in one run).
macro_rules! raw_upserts {
    ($conn:expr, $prefix:expr, $commands:expr) => {{
        let conn = $conn;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS sharecircle_bench_kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)",
        )
        .execute(&mut *conn)
        .await?;
        let values = ["x".repeat(1024), "y".repeat(1024)];
        let t = Instant::now();
        for i in 0..$commands {
            sqlx::query(
                "INSERT INTO sharecircle_bench_kv (k, v) VALUES ($1, $2)
                 ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            )
            .bind(format!("{}-{}", $prefix, i % 100))
            .bind(&values[(i / 100) % 2])
            .execute(&mut *conn)
            .await?;
        }
        let rate = $commands as f64 / t.elapsed().as_secs_f64();
        sqlx::query("DROP TABLE sharecircle_bench_kv")
            .execute(&mut *conn)
            .await?;
        rate
    }};
}

/// What the database alone does with a lone command's statements — the store's own text
/// (`bot_core::store::statements`) bound with a state and a post the engine stored, with no
/// engine and no encoding: the floor a command's figure cannot pass. In commits per second.
struct Floor {
    /// A hand: the place's row alone.
    row: f64,
    /// A public answer: the row, its post, and the removal of the post delivered before.
    public: f64,
}

/// What P1 keeps of the engine's run to measure the floor with: two places' stored states
/// (alternated, so each row written differs from the one it replaces) and a public answer's
/// post as stored.
struct P1Sample {
    states: [String; 2],
    post: String,
}

fn print_floor(db: &str, floor: &Floor) {
    println!(
        "   P1 detail ({db}): the same statements without the engine: a hand's row {:.0}/s, a public commit {:.0}/s",
        floor.row, floor.public
    );
}

/// The floor ([`Floor`]) on `$conn`: a first pass not measured, then `$commands` rows, then
/// `$commands` public commits, over 100 places (ids `$prefix:f0`…), each landing on its version.
/// `$db` is `sqlite` or `postgres`: how the public commit's posts and removals are bound.
macro_rules! floor_of {
    (@public sqlite, $q:expr, $post:expr, $gone:expr) => {
        $q.bind(serde_json::to_string(&[$post])?)
            .bind(serde_json::to_string(&$gone)?)
    };
    (@public postgres, $q:expr, $post:expr, $gone:expr) => {
        $q.bind(vec![$post]).bind($gone.clone())
    };
    (@one_go sqlite) => {
        bot_core::store::statements::SQLITE_ONE_GO
    };
    (@one_go postgres) => {
        bot_core::store::statements::PG_ONE_GO
    };
    ($db:ident, $conn:expr, $prefix:expr, $sample:expr, $commands:expr) => {{
        use bot_core::store::statements::UPSERT_ONE;
        use sqlx::Row as _;
        const PLACES: usize = 100;
        let conn = $conn;
        let sample: &P1Sample = &$sample;
        let one_go = floor_of!(@one_go $db);
        let ids: Vec<String> = (0..PLACES).map(|p| format!("{}:f{p}", $prefix)).collect();
        let mut versions = vec![0i64; PLACES];
        // Command `i`'s place row bound to `sql` (the row alone, or the public commit's head),
        // on the version after the place's last.
        let mut row = |sql: &'static str, i: usize| {
            let p = i % PLACES;
            versions[p] += 1;
            sqlx::query(sql)
                .bind(ids[p].as_str())
                .bind(sample.states[(i / PLACES) % 2].as_str())
                .bind(None::<i64>)
                .bind(1_772_478_000_000i64 + i as i64)
                .bind(1i64)
                .bind(0i64)
                .bind(versions[p])
                .bind(None::<&str>)
        };
        for i in 0..$commands / 2 {
            row(UPSERT_ONE, i).execute(&mut *conn).await?;
        }
        let t = Instant::now();
        for i in 0..$commands {
            let landed = row(UPSERT_ONE, i).execute(&mut *conn).await?.rows_affected();
            anyhow::ensure!(landed == 1, "a floor row did not land on its version");
        }
        let row_rate = $commands as f64 / t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut gone: Vec<i64> = Vec::new();
        for i in 0..$commands {
            let got: Vec<i64> = floor_of!(@public $db, row(one_go, i), sample.post.as_str(), gone)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| r.get::<i64, _>(0))
                .collect();
            let post = got.iter().copied().max().filter(|&id| id > 0 && got.contains(&0));
            let Some(post) = post else {
                anyhow::bail!("a floor commit did not land on its version");
            };
            gone = vec![post];
        }
        let public = $commands as f64 / t.elapsed().as_secs_f64();
        sqlx::query("DELETE FROM outbox WHERE place_id LIKE $1")
            .bind(format!("{}:f%", $prefix))
            .execute(&mut *conn)
            .await?;
        Floor {
            row: row_rate,
            public,
        }
    }};
}

/// P1 on SQLite: commands per second through engine + store (each committed before its effects),
/// against a raw single-row upsert loop with the same durability on the same file system. Three
/// figures (see [`p1_figures`]): 100 places at once, and one command at a time (what a single
/// quiet meeting feels), answered to its member or to the place.
/// The raw loop runs before and after the engine; its baseline is the mean of the two, so a
/// machine that got busier or quieter during the run moves both sides.
pub async fn p1_throughput(dir: &std::path::Path, commands: usize) -> anyhow::Result<[Figure; 5]> {
    // Baseline: sqlx, WAL + synchronous=NORMAL, one upsert per transaction, a ~1 KiB value.
    let raw_url = format!("sqlite://{}?mode=rwc", dir.join("raw.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&raw_url).await?;
    sqlx::query("PRAGMA journal_mode=WAL")
        .execute(&mut conn)
        .await?;
    sqlx::query("PRAGMA synchronous=NORMAL")
        .execute(&mut conn)
        .await?;
    // A first pass, not measured: it grows the file and its write-ahead log to their working
    // size, as the engine's set-up does for the engine's file before its figures are timed.
    let _ = raw_upserts!(&mut conn, "place", commands / 2);
    let raw_before = raw_upserts!(&mut conn, "place", commands);
    let url = format!("sqlite://{}", dir.join("engine.db").display());
    let rates = p1_engine(&url, "bench", commands).await?;
    let floor = {
        let floor_url = format!("sqlite://{}", dir.join("floor.db").display());
        // The store opened on the floor's file: its schema, and its journal checkpointed in the
        // background as the engine's is; the statements go through a connection of their own
        // with the store's settings.
        let store = bot_core::store::open(&floor_url, 1).await?;
        let options = bot_core::store::SqliteStore::connect_options(&floor_url)?;
        let mut c = sqlx::SqliteConnection::connect_with(&options).await?;
        let floor = floor_of!(sqlite, &mut c, "floor", rates.sample, commands);
        drop(store);
        floor
    };
    let raw_after = raw_upserts!(&mut conn, "place", commands);
    let raw_rate = (raw_before + raw_after) / 2.0;
    println!("   P1 detail (SQLite): raw upsert loop {raw_before:.0} ops/s before the engine, {raw_after:.0} after");
    print_floor("SQLite", &floor);
    Ok(p1_figures("SQLite", rates, raw_rate, floor))
}

/// P1's figures from one run: all places at once, one command at a time (a raised or lowered
/// hand, answered to its member only: the place's row alone), and one at a time with a public
/// answer (the queue closed and opened by the host: row, outbox post and, carried with it, the
/// acknowledgement of the one before).
///
/// Against the floor ([`Floor`]), the same two lone figures again: what the engine adds to the
/// database's own cost of its statements (target: at most a quarter, a ratio of 0.8).
fn p1_figures(db: &str, rates: P1Rates, raw: f64, floor: Floor) -> [Figure; 5] {
    let [many, one, public, one_floor, public_floor] = if db == "SQLite" {
        [
            "P1 throughput, 100 places (SQLite)",
            "P1 one at a time (SQLite)",
            "P1 one at a time, public (SQLite)",
            "P1 one at a time vs floor (SQLite)",
            "P1 public vs floor (SQLite)",
        ]
    } else {
        [
            "P1 throughput, 100 places (PostgreSQL)",
            "P1 one at a time (PostgreSQL)",
            "P1 one at a time, public (PostgreSQL)",
            "P1 one at a time vs floor (PostgreSQL)",
            "P1 public vs floor (PostgreSQL)",
        ]
    };
    let figure = |name: &'static str, value: f64, baseline: f64, target: &str| Figure {
        name,
        unit: "cmd/s",
        value,
        baseline,
        higher_is_better: true,
        target: target.into(),
    };
    [
        figure(many, rates.at_once, raw, "ratio >= 0.50"),
        figure(one, rates.one, raw, "ratio >= 0.80"),
        figure(public, rates.one_public, raw, "ratio >= 0.80"),
        figure(one_floor, rates.one, floor.row, "ratio >= 0.80"),
        figure(
            public_floor,
            rates.one_public,
            floor.public,
            "ratio >= 0.80",
        ),
    ]
}

/// P1 on PostgreSQL: the engine on `url` against a raw single-row upsert loop on the same server
/// (its default durability, `synchronous_commit=on`, for both), before and after the engine.
/// Rows are removed afterwards.
pub async fn p1_throughput_postgres(url: &str, commands: usize) -> anyhow::Result<[Figure; 5]> {
    let run = format!(
        "bench{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_millis()
    );
    let mut conn = sqlx::PgConnection::connect(url).await?;
    // The baseline's table is new in every run; the store's tables are not. Their dead rows (an
    // update leaves one, and earlier runs' rows were deleted) are vacuumed first, as autovacuum
    // does between a deployment's busy minutes: on a server with autovacuum off, each run on the
    // same database measured the engine slower than the one before (0.76 then 0.61 for a hand).
    drop(bot_core::store::open(url, 1).await?);
    const VACUUM: &str = "VACUUM places, place_members, outbox";
    sqlx::query(VACUUM).execute(&mut conn).await?;
    let _ = raw_upserts!(&mut conn, run, commands / 2);
    let raw_before = raw_upserts!(&mut conn, run, commands);
    // The engine, then the floor on the same tables; the rows are removed below either way.
    let measured = async {
        let rates = p1_engine(url, &run, commands).await?;
        // The engine's run left dead rows (an outbox row for each public answer): vacuumed
        // first, as before the engine (a floor measured on them ran at 0.7 of the engine).
        sqlx::query(VACUUM).execute(&mut conn).await?;
        let floor = floor_of!(postgres, &mut conn, run, rates.sample, commands);
        anyhow::Ok((rates, floor))
    }
    .await;
    let raw_after = raw_upserts!(&mut conn, run, commands);
    let like = format!("{run}:%");
    for table in ["places", "place_members", "outbox"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE place_id LIKE $1"
        )))
        .bind(&like)
        .execute(&mut conn)
        .await?;
    }
    let (rates, floor) = measured?;
    println!("   P1 detail (PostgreSQL): raw upsert loop {raw_before:.0} ops/s before the engine, {raw_after:.0} after");
    print_floor("PostgreSQL", &floor);
    Ok(p1_figures(
        "PostgreSQL",
        rates,
        (raw_before + raw_after) / 2.0,
        floor,
    ))
}

/// The engine's side of P1, in commands per second.
struct P1Rates {
    /// One command at a time, answered to its member only.
    one: f64,
    /// One command at a time, answered publicly.
    one_public: f64,
    /// Every place's members at once.
    at_once: f64,
    /// For the floor.
    sample: P1Sample,
}

/// The engine's side of P1: 100 places with an open session and 10 members each; members raise
/// and lower hands. First one command at a time (round-robin over places), then the host closing
/// and opening the queue one at a time (public answers: each a post in the outbox, delivered and
/// acknowledged), then the hands again with every place's members at once (each place still one
/// command after another, as in a busy deployment), which lets commits of different places share
/// a transaction.
async fn p1_engine(url: &str, platform: &str, commands: usize) -> anyhow::Result<P1Rates> {
    const PLACES: usize = 100;
    let store = bot_core::store::open(url, 4).await?;
    let clock = Arc::new(ManualClock::new(Timestamp(1_772_478_000_000)));
    let engine = Engine::new(store, clock, "!");
    let places: Vec<PlaceId> = (0..PLACES)
        .map(|p| PlaceId::new(format!("{platform}:p{p}")))
        .collect();
    for p in &places {
        let ex = engine
            .execute(p, host(), Command::Open { name: None })
            .await?;
        engine.acknowledge(&ex.deliveries).await?;
        for m in 0..10 {
            let ex = engine
                .execute(p, member(m), Command::CheckIn { word: None })
                .await?;
            engine.acknowledge(&ex.deliveries).await?;
        }
    }
    // Command `i` of the whole run: place i % 100, member (i / 100) % 10, hands up in one
    // thousand, down in the next.
    async fn step(engine: &Engine, place: &PlaceId, i: usize) -> anyhow::Result<()> {
        let who = member((i / PLACES) % 10);
        let c = if (i / (PLACES * 10)).is_multiple_of(2) {
            Command::Hand
        } else {
            Command::HandDown
        };
        let ex = engine.execute(place, who, c).await?;
        anyhow::ensure!(ex.rejected.is_none(), "bench command refused");
        engine.acknowledge(&ex.deliveries).await?;
        Ok(())
    }
    let per_place = commands.div_ceil(PLACES * 10) * 10;
    let commands = per_place * PLACES;
    let t = Instant::now();
    for i in 0..commands {
        step(&engine, &places[i % PLACES], i).await?;
    }
    let one = commands as f64 / t.elapsed().as_secs_f64();
    let mut states = Vec::new();
    for place in &places[..2] {
        let state = engine.place_state(place).await?;
        states.push(serde_json::to_string(
            &state.context("a bench place has a state")?,
        )?);
    }
    let mut post = None;
    // The host closes each place's queue, then opens it again: a notice to the place each time.
    let t = Instant::now();
    for i in 0..commands {
        let c = if (i / PLACES).is_multiple_of(2) {
            Command::QueueClose
        } else {
            Command::QueueOpen
        };
        let ex = engine.execute(&places[i % PLACES], host(), c).await?;
        anyhow::ensure!(ex.rejected.is_none(), "bench command refused");
        let Some(stored) = ex.deliveries.iter().find(|d| d.outbox_id.is_some()) else {
            anyhow::bail!("a public answer goes through the outbox");
        };
        if post.is_none() {
            post = Some(serde_json::to_string(&stored.post)?);
        }
        engine.acknowledge(&ex.deliveries).await?;
    }
    let one_public = commands as f64 / t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (p, place) in places.iter().enumerate() {
        let (engine, place) = (engine.clone(), place.clone());
        tasks.spawn(async move {
            for k in 0..per_place {
                step(&engine, &place, commands + k * PLACES + p).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    let at_once = commands as f64 / t.elapsed().as_secs_f64();
    Ok(P1Rates {
        one,
        one_public,
        at_once,
        sample: P1Sample {
            states: [states.remove(0), states.remove(0)],
            post: post.context("the public phase stored posts")?,
        },
    })
}

/// Runs `each(engine, i)` for every `i` in `0..n`, split over 32 tasks (each place's commands
/// still one after another): setting up 100,000 places one command at a time would take minutes.
async fn set_up_places<F, Fut>(engine: &Engine, n: usize, each: F) -> anyhow::Result<()>
where
    F: Fn(Engine, usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
{
    const TASKS: usize = 32;
    let mut tasks = tokio::task::JoinSet::new();
    for t in 0..TASKS.min(n.max(1)) {
        let (engine, each) = (engine.clone(), each.clone());
        tasks.spawn(async move {
            for i in (t..n).step_by(TASKS) {
                each(engine.clone(), i).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(())
}

fn wall_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

/// p50, p99 and max of samples (µs), in ms.
fn percentiles(mut us: Vec<i64>) -> (f64, f64, f64) {
    us.sort_unstable();
    if us.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let at = |q: f64| us[((us.len() - 1) as f64 * q).round() as usize] as f64 / 1000.0;
    (at(0.5), at(0.99), at(1.0))
}

/// P2: timer accuracy. `places` places each run a round of two 10-second turns (a warning 5 s
/// before the end, "time", 10 s grace) on a clock `speed` times faster than real time, with the
/// SQLite store; every warning, time-up and advance is measured, in real time, from its deadline
/// to the moment its committed posts are handed to the platform. Baseline: bare
/// `tokio::time::sleep_until` tasks replaying the same deadlines.
pub async fn p2_timers(dir: &std::path::Path, places: usize, speed: u32) -> anyhow::Result<Figure> {
    use bot_core::engine::ScaledClock;
    let speed_i = i64::from(speed.max(1));
    let url = format!(
        "sqlite://{}",
        dir.join(format!("timers-{places}-{speed}x.db")).display()
    );
    let store = bot_core::store::open(&url, 4).await?;
    let origin_time = Timestamp(1_772_478_000_000);
    let origin_wall_us = wall_us();
    let clock = Arc::new(ScaledClock::new(
        origin_time,
        origin_wall_us / 1000,
        speed.max(1),
    ));
    // A deadline's instant in real time (µs since the epoch).
    let real_us =
        move |t: Timestamp| (origin_wall_us / 1000) * 1000 + (t.0 - origin_time.0) * 1000 / speed_i;
    let engine = Engine::new(store, clock, "!");
    // Sized for every deadline up front: the probe's own cost stays a push.
    let fired: Arc<std::sync::Mutex<Vec<(Timestamp, i64)>>> =
        Arc::new(std::sync::Mutex::new(Vec::with_capacity(places * 8)));
    let record = fired.clone();
    engine.set_lateness_probe(Arc::new(move |at| {
        record.lock().expect("samples").push((at, wall_us()));
    }));
    engine.add_sink("bench", Arc::new(CountingSink::default()));
    let timers = engine.spawn_timers();
    let admin = Actor {
        member: Member::new("bench:admin", "Admin"),
        role: Role::Admin,
        platform_roles: Vec::new(),
        locale: Default::default(),
    };
    set_up_places(&engine, places, move |engine, p| {
        let admin = admin.clone();
        async move {
            let place = PlaceId::new(format!("bench:t{p}"));
            for (who, line) in [
                (&admin, "!open"),
                (&admin, "!settings warnings 5s"),
                (&member(1), "!checkin"),
                (&member(2), "!checkin"),
                (&admin, "!round start 10s checkin"),
            ] {
                let ex = engine
                    .handle_text(&place, who.clone(), line)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("not a command: {line}"))?;
                anyhow::ensure!(ex.rejected.is_none(), "bench setup refused: {line}");
                engine.acknowledge(&ex.deliveries).await?;
            }
            Ok(())
        }
    })
    .await?;
    let give_up = Instant::now() + std::time::Duration::from_secs(120);
    // Done when only far deadlines (idle close of the sessions) remain.
    let far = |engine: &Engine| {
        engine
            .next_deadline()
            .is_none_or(|d| d.0 > engine.now().0 + 600_000)
    };
    while !far(&engine) {
        anyhow::ensure!(Instant::now() < give_up, "rounds did not finish in time");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    timers.abort();
    let samples = std::mem::take(&mut *fired.lock().expect("samples"));
    anyhow::ensure!(
        samples.len() >= places * 5,
        "expected at least {} fired deadlines, saw {}",
        places * 5,
        samples.len()
    );
    let engine_late: Vec<i64> = samples
        .iter()
        .map(|(at, now)| (now - real_us(*at)).max(0))
        .collect();
    // Deadlines fall on whole seconds, so they come in bursts: the largest burst, and the burst
    // whose last post went out latest.
    let mut bursts: std::collections::BTreeMap<Timestamp, (usize, i64)> = Default::default();
    for ((at, _), late) in samples.iter().zip(&engine_late) {
        let b = bursts.entry(*at).or_default();
        b.0 += 1;
        b.1 = b.1.max(*late);
    }
    let largest = bursts.values().map(|b| b.0).max().unwrap_or(0);
    let worst = bursts
        .values()
        .max_by_key(|b| b.1)
        .copied()
        .unwrap_or_default();

    // Baseline: the same deadlines, shifted to start 200 ms from now, each a bare tokio task.
    let first = samples
        .iter()
        .map(|(at, _)| real_us(*at))
        .min()
        .unwrap_or(0);
    let base = tokio::time::Instant::now() + std::time::Duration::from_millis(200);
    let mut tasks = tokio::task::JoinSet::new();
    for (at, _) in &samples {
        let due = base + std::time::Duration::from_micros((real_us(*at) - first) as u64);
        tasks.spawn(async move {
            tokio::time::sleep_until(due).await;
            tokio::time::Instant::now().duration_since(due).as_micros() as i64
        });
    }
    let mut bare = Vec::with_capacity(samples.len());
    while let Some(late) = tasks.join_next().await {
        bare.push(late?);
    }
    let (e50, e99, emax) = percentiles(engine_late);
    let (b50, b99, bmax) = percentiles(bare);
    println!(
        "   P2 detail (clock {speed}x real): {} deadlines at {} instants (largest burst {largest}; latest burst: {} deadlines, last out after {:.2} ms); engine p50 {e50:.2} ms, p99 {e99:.2} ms, max {emax:.2} ms; bare sleep_until p50 {b50:.2} ms, p99 {b99:.2} ms, max {bmax:.2} ms",
        samples.len(),
        bursts.len(),
        worst.0,
        worst.1 as f64 / 1000.0,
    );
    Ok(Figure {
        name: if speed == 1 {
            "P2 timer lateness p99 (real time)"
        } else {
            "P2 timer lateness p99 (sped-up clock)"
        },
        unit: "ms",
        value: e99,
        baseline: b99,
        higher_is_better: false,
        target: "ratio <= 1.5 and <= 20 ms".into(),
    })
}

/// P3: time from start to "every active round re-armed", against a raw SELECT of the same rows.
pub async fn p3_restart(dir: &std::path::Path, places: usize) -> anyhow::Result<Figure> {
    let url = format!(
        "sqlite://{}",
        dir.join(format!("restart-{places}.db")).display()
    );
    {
        let store = bot_core::store::open(&url, 4).await?;
        let clock = Arc::new(ManualClock::new(Timestamp(1_772_478_000_000)));
        let engine = Engine::new(store, clock, "!");
        set_up_places(&engine, places, |engine, p| async move {
            let place = PlaceId::new(format!("bench:r{p}"));
            for (who, c) in [
                (host(), Command::Open { name: None }),
                (member(1), Command::CheckIn { word: None }),
                (member(2), Command::CheckIn { word: None }),
                (
                    host(),
                    Command::RoundStart {
                        share_time: Some(Millis::mins(3)),
                        order: None,
                    },
                ),
            ] {
                let ex = engine.execute(&place, who, c).await?;
                engine.acknowledge(&ex.deliveries).await?;
            }
            Ok(())
        })
        .await?;
    }
    // Baseline: read the same rows raw.
    let mut conn = sqlx::SqliteConnection::connect(&url).await?;
    let t = Instant::now();
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT place_id, next_deadline FROM places WHERE next_deadline IS NOT NULL",
    )
    .fetch_all(&mut conn)
    .await?;
    let raw = t.elapsed();
    anyhow::ensure!(
        rows.len() == places,
        "expected {places} rows, got {}",
        rows.len()
    );
    drop(conn);
    // The engine: open the store (migrations checked) and re-arm every deadline.
    let t = Instant::now();
    let store: Arc<dyn Store> = bot_core::store::open(&url, 4).await?;
    let clock = Arc::new(ManualClock::new(Timestamp(1_772_478_000_000)));
    let engine = Engine::new(store, clock, "!");
    engine.resume().await?;
    let armed = t.elapsed();
    anyhow::ensure!(engine.next_deadline().is_some(), "nothing re-armed");
    Ok(Figure {
        name: "P3 restart: re-arm all rounds",
        unit: "ms",
        value: armed.as_secs_f64() * 1000.0,
        baseline: raw.as_secs_f64() * 1000.0,
        higher_is_better: false,
        target: "ratio <= 3".into(),
    })
}

/// Resident memory of this process in KiB (Linux).
fn rss_kib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// P4: memory per active meeting (open session, 10 members checked in, a round running), as a
/// deployment holds it: the engine on the SQLite store, whose rows are on disk. Measured as the
/// growth of resident memory while `meetings` more meetings start, after a first tenth of them
/// (at least 1,000) has filled what does not grow with the number of meetings (SQLite's page
/// caches, the runtime's and the allocator's first arenas). Run each size in a process of its
/// own: memory freed by an earlier size is reused by the next and reads as no growth.
pub async fn p4_memory(dir: &std::path::Path, meetings: usize) -> anyhow::Result<Figure> {
    let url = format!(
        "sqlite://{}",
        dir.join(format!("memory-{meetings}.db")).display()
    );
    let store = bot_core::store::open(&url, 4).await?;
    let clock = Arc::new(ManualClock::new(Timestamp(1_772_478_000_000)));
    let engine = Engine::new(store, clock, "!");
    async fn meeting(engine: Engine, p: usize) -> anyhow::Result<()> {
        let place = PlaceId::new(format!("bench:m{p}"));
        let mut steps = vec![(host(), Command::Open { name: None })];
        steps.extend((0..10).map(|m| (member(m), Command::CheckIn { word: None })));
        steps.push((
            host(),
            Command::RoundStart {
                share_time: None,
                order: None,
            },
        ));
        for (who, c) in steps {
            let ex = engine.execute(&place, who, c).await?;
            anyhow::ensure!(ex.rejected.is_none(), "bench setup refused");
            engine.acknowledge(&ex.deliveries).await?;
        }
        Ok(())
    }
    let first = (meetings / 10).max(1000);
    set_up_places(&engine, first, meeting).await?;
    let before = rss_kib().unwrap_or(0.0);
    set_up_places(&engine, meetings, move |engine, p| {
        meeting(engine, first + p)
    })
    .await?;
    let after = rss_kib().unwrap_or(0.0);
    let per = (after - before).max(0.0) / meetings as f64;
    Ok(Figure {
        name: "P4 memory per active meeting",
        unit: "KiB",
        value: per,
        baseline: 3.0,
        higher_is_better: false,
        target: "<= 3 KiB (baseline column is the target)".into(),
    })
}

/// Counts what an adapter would send: posts, and status-message edits.
#[derive(Default)]
struct CountingSink {
    posts: std::sync::atomic::AtomicUsize,
    edits: std::sync::atomic::AtomicUsize,
    /// Keep every post delivered (for P6), in `kept`.
    keep: bool,
    kept: std::sync::Mutex<Vec<bot_core::domain::Post>>,
}

#[async_trait::async_trait]
impl bot_core::engine::Sink for CountingSink {
    async fn deliver(
        &self,
        d: &bot_core::engine::Delivery,
    ) -> Result<(), bot_core::engine::SinkError> {
        self.posts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if self.keep {
            self.kept.lock().expect("kept").push(d.post.clone());
        }
        Ok(())
    }
    async fn status_changed(&self, _place: &PlaceId, _view: Option<bot_core::domain::StatusView>) {
        self.edits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Everything sent for one share round of `members` members with the default settings (3 min
/// turns, warnings 1 min and 30 s before the end, 10 s grace), every turn taken in full: posts
/// the engine asks an adapter to send, including the host's `round start` answer, and changes of
/// the live status message.
async fn messages_for_a_round(members: usize) -> anyhow::Result<usize> {
    Ok(a_round(members).await?.0)
}

/// [`messages_for_a_round`]'s count, with the posts themselves (answers and timed posts).
async fn a_round(members: usize) -> anyhow::Result<(usize, Vec<bot_core::domain::Post>)> {
    let clock = Arc::new(ManualClock::new(Timestamp(1_772_478_000_000)));
    let engine = Engine::new(
        Arc::new(bot_core::store::MemoryStore::new()),
        clock.clone(),
        "!",
    );
    let sink = Arc::new(CountingSink {
        keep: true,
        ..CountingSink::default()
    });
    engine.add_sink("bench", sink.clone());
    let place = PlaceId::new("bench:p5");
    for (who, c) in std::iter::once((host(), Command::Open { name: None }))
        .chain((0..members).map(|m| (member(m), Command::CheckIn { word: None })))
    {
        let ex = engine.execute(&place, who, c).await?;
        engine.acknowledge(&ex.deliveries).await?;
    }
    let ex = engine
        .execute(
            &place,
            host(),
            Command::RoundStart {
                share_time: None,
                order: None,
            },
        )
        .await?;
    let mut sent = ex.deliveries.len() + usize::from(ex.status.is_some());
    let mut posts: Vec<bot_core::domain::Post> =
        ex.deliveries.iter().map(|d| d.post.clone()).collect();
    engine.acknowledge(&ex.deliveries).await?;
    let end = Timestamp(clock.now().0 + (members as i64 + 1) * 190_000);
    engine.advance_to(&clock, end).await?;
    anyhow::ensure!(
        engine
            .status_view(&place)
            .await?
            .is_some_and(|v| v.round.is_none()),
        "the round did not finish"
    );
    sent += sink.posts.load(std::sync::atomic::Ordering::SeqCst)
        + sink.edits.load(std::sync::atomic::Ordering::SeqCst);
    posts.extend(std::mem::take(&mut *sink.kept.lock().expect("kept")));
    Ok((sent, posts))
}

/// P6: what putting a post into a language costs. The posts of a 10-member round (calls,
/// warnings, "time", the summary) are rendered as plain text `reps` times: in German through
/// the message files (the figure), and, as the baseline, rendered from the same posts already
/// localized (rendering alone). Per post, in microseconds.
pub fn p6_localizing(posts: &[bot_core::domain::Post], reps: usize) -> Figure {
    use bot_core::domain::Lang;
    use bot_core::render::plain_in;
    let ready: Vec<bot_core::domain::Message> = posts
        .iter()
        .map(|p| bot_core::i18n::localize(&p.message, Lang::De))
        .collect();
    let n = (posts.len() * reps).max(1) as f64;
    let mut chars = 0usize;
    let t = Instant::now();
    for _ in 0..reps {
        for m in &ready {
            chars += plain_in(m, Lang::De, "!", None).len();
        }
    }
    let render_only = t.elapsed().as_secs_f64() * 1e6 / n;
    let t = Instant::now();
    for _ in 0..reps {
        for p in posts {
            chars += plain_in(&p.message, Lang::De, "!", None).len();
        }
    }
    let localized = t.elapsed().as_secs_f64() * 1e6 / n;
    println!(
        "   P6 detail: {} posts of a round, {reps} times; {localized:.2} µs per post through the message files, {render_only:.2} µs rendering alone ({chars} characters)",
        posts.len()
    );
    Figure {
        name: "P6 localize + render, per post",
        unit: "µs",
        value: localized,
        baseline: render_only,
        higher_is_better: false,
        target: "a small share of a command's cost (P1 detail: µs per command)".into(),
    }
}

/// P5: outbound platform messages and status edits per share turn. Rounds of 10 and 20 members
/// are counted whole; what the ten more turns add, divided by ten, is the cost of a turn, and
/// what is left of the 10-member round is the cost of the round itself (its start and end).
pub async fn p5_messages_per_turn() -> anyhow::Result<Figure> {
    p5_and_posts().await.map(|(f, _)| f)
}

async fn p5_and_posts() -> anyhow::Result<(Figure, Vec<bot_core::domain::Post>)> {
    let (ten, posts) = a_round(10).await?;
    let twenty = messages_for_a_round(20).await?;
    let per_turn = (twenty as f64 - ten as f64) / 10.0;
    let per_round = ten as f64 - 10.0 * per_turn;
    println!(
        "   P5 detail: a 10-member round sends {ten} in all ({:.1} per turn all-in), a 20-member round {twenty}; per turn {per_turn:.1}, per round {per_round:.1} (round start and end)",
        ten as f64 / 10.0
    );
    let figure = Figure {
        name: "P5 messages + edits per share turn",
        unit: "per turn",
        value: per_turn,
        baseline: 3.0,
        higher_is_better: false,
        target: "<= 3 (baseline column is the target)".into(),
    };
    Ok((figure, posts))
}

/// Runs every figure and prints one line each.
/// Which figures to measure (`--only p1,p3`); all by default.
pub struct Selection(Option<Vec<String>>);

impl Selection {
    pub fn parse(only: Option<&str>) -> anyhow::Result<Selection> {
        let Some(only) = only else {
            return Ok(Selection(None));
        };
        let names: Vec<String> = only.split(',').map(|s| s.trim().to_lowercase()).collect();
        if let Some(bad) = names
            .iter()
            .find(|n| !["p1", "p2", "p3", "p4", "p5", "p6"].contains(&n.as_str()))
        {
            anyhow::bail!("--only takes figures p1 to p6 separated by commas, like `p1,p3`; `{bad}` is not one");
        }
        Ok(Selection(Some(names)))
    }
    fn has(&self, name: &str) -> bool {
        self.0.as_ref().is_none_or(|v| v.iter().any(|n| n == name))
    }
}

/// Runs the selected figures and prints one line each.
/// `places`: the sizes P2, P3 and P4 are measured at (default 10,000; 200 with `quick`).
pub async fn run(
    quick: bool,
    postgres: Option<&str>,
    only: &Selection,
    places: &[usize],
) -> anyhow::Result<Vec<Figure>> {
    let dir = tempfile::tempdir()?;
    let n = if quick { 500 } else { 5000 };
    let default_size = [if quick { 200 } else { 10_000 }];
    let sizes = if places.is_empty() {
        &default_size[..]
    } else {
        places
    };
    let mut figures = Vec::new();
    let mut show = |f: Figure| {
        println!("{}", f.line());
        figures.push(f);
    };
    if only.has("p1") {
        for f in p1_throughput(dir.path(), n).await? {
            show(f);
        }
        if let Some(url) = postgres {
            for f in p1_throughput_postgres(url, n).await? {
                show(f);
            }
        }
    }
    for &many in sizes {
        if sizes.len() > 1 {
            println!("-- {many} places");
        }
        if only.has("p2") {
            show(p2_timers(dir.path(), many, 1).await?);
            show(p2_timers(dir.path(), many, 4).await?);
        }
        if only.has("p3") {
            show(p3_restart(dir.path(), many).await?);
        }
        if only.has("p4") {
            show(p4_memory(dir.path(), many).await?);
        }
    }
    if only.has("p5") || only.has("p6") {
        let (p5, posts) = p5_and_posts().await?;
        if only.has("p5") {
            show(p5);
        }
        if only.has("p6") {
            show(p6_localizing(&posts, if quick { 20 } else { 500 }));
        }
    }
    Ok(figures)
}
