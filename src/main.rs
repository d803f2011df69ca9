//! The `sharecircle` command line: demo, console, check-config, migrate.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use sharecircle::console::{Console, ConsoleClock, Printer, DEFAULT_VIRTUAL_START};
use sharecircle_config::Config;
use tokio::io::AsyncBufReadExt;

use bot_core::domain::Timestamp;
use bot_core::engine::{Clock, Engine, ManualClock, ScaledClock, SystemClock};

#[derive(Parser)]
#[command(
    name = "sharecircle",
    version,
    about = "Runs peer-support meetings on Discord and Matrix"
)]
struct Cli {
    /// Log format on standard error (default: `human`, or the configuration's for `run`).
    #[arg(long, global = true, value_enum)]
    log_format: Option<LogFormatArg>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormatArg {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ClockArg {
    Real,
    Virtual,
}

#[derive(Subcommand)]
enum Cmd {
    /// Play a built-in scripted meeting on a virtual clock and print the transcript.
    Demo {
        /// One JSON object per message.
        #[arg(long)]
        json: bool,
        /// The meeting's language: en, es, pt-BR, de or fr.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Run a meeting in this terminal: lines are `NAME: TEXT`, `#role NAME host|admin`, `+90s`,
    /// and pretend voice channels (`#channel Lounge voice`, `#voice Bo join Lounge`).
    Console {
        /// `virtual`: time moves only on `+DURATION` lines (deadlines fire in order).
        #[arg(long, value_enum, default_value_t = ClockArg::Real)]
        clock: ClockArg,
        /// Read lines from this file instead of standard input.
        #[arg(long)]
        script: Option<PathBuf>,
        /// Keep state in this SQLite file (default: in memory, gone at exit).
        #[arg(long, conflicts_with = "database_url")]
        db: Option<PathBuf>,
        /// Keep state in this database instead (`sqlite://FILE` or `postgres://…`); several
        /// consoles may share a PostgreSQL database, like several `run` processes.
        #[arg(long)]
        database_url: Option<String>,
        /// With a real clock: let time run this many times faster (a rehearsal with ten-second
        /// shares in one second each). 1 is real time.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
        speed: u32,
        /// With `--speed`: the wall-clock instant (unix milliseconds) at which the console's time
        /// is `--start`. Consoles given the same `--start` and origin share one timeline, so one
        /// can be restarted (default: now).
        #[arg(long)]
        origin: Option<i64>,
        /// How long this process's lease lasts on a shared database (like `database.lease`).
        #[arg(long, default_value = "10s")]
        lease: String,
        /// One JSON object per message.
        #[arg(long)]
        json: bool,
        /// Command prefix.
        #[arg(long, default_value = "!")]
        prefix: String,
        /// Where a virtual clock starts (RFC 3339).
        #[arg(long, default_value = DEFAULT_VIRTUAL_START)]
        start: String,
    },
    /// Run the bot on the configured platforms (Discord, Matrix), with /metrics and /healthz.
    Run {
        /// The configuration file (default: environment and defaults only).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Validate a configuration file (and the environment) and report every problem.
    CheckConfig {
        /// The file (default: environment and defaults only).
        file: Option<PathBuf>,
    },
    /// Measure performance against baselines from the same run (build with --release).
    Bench {
        /// Small sizes, for a smoke test.
        #[arg(long)]
        quick: bool,
        /// Also measure P1 on this PostgreSQL database (`postgres://…`; its rows are removed after).
        #[arg(long)]
        postgres: Option<String>,
        /// Only these figures, like `p1,p3` (default: all).
        #[arg(long)]
        only: Option<String>,
        /// Measure P2, P3 and P4 at these numbers of places, like `10000,30000,100000`
        /// (default: 10000).
        #[arg(long, value_delimiter = ',')]
        places: Vec<usize>,
    },
    /// Create or upgrade the configured database's tables.
    Migrate {
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

fn init_logs(format: Option<LogFormatArg>, level: &str) {
    sharecircle::logging::init(
        match format.unwrap_or(LogFormatArg::Human) {
            LogFormatArg::Human => sharecircle::logging::Format::Human,
            LogFormatArg::Json => sharecircle::logging::Format::Json,
        },
        level,
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Cmd::Demo { json, language } => {
            init_logs(cli.log_format, "warn");
            let Some(lang) = bot_core::domain::Lang::parse(&language) else {
                anyhow::bail!(
                    "`{language}` is not a language the demo speaks; choose one of {}",
                    bot_core::domain::Lang::listing()
                );
            };
            print!("{}", sharecircle::demo::run(json, lang).await);
            Ok(())
        }
        Cmd::Console {
            clock,
            script,
            db,
            json,
            prefix,
            start,
            database_url,
            speed,
            origin,
            lease,
        } => {
            init_logs(cli.log_format, "warn");
            let url = match (&db, database_url) {
                (_, Some(url)) => url,
                (Some(p), None) => format!("sqlite://{}", p.display()),
                (None, None) => "sqlite::memory:".to_string(),
            };
            let timing = ConsoleTiming {
                clock,
                start,
                speed,
                origin,
                lease,
            };
            console(timing, script, &url, json, &prefix).await
        }
        Cmd::CheckConfig { file } => match Config::from_process_env(file.as_deref()) {
            Ok(cfg) => {
                println!("The configuration is valid.");
                println!(
                    "  database: {}",
                    sharecircle_config::redact_database_url(&cfg.database.url)
                );
                println!("  command prefix: {}", cfg.bot.prefix);
                println!(
                    "  Discord: {}",
                    if cfg.discord.is_some() {
                        "configured"
                    } else {
                        "off"
                    }
                );
                println!(
                    "  Matrix: {}",
                    if cfg.matrix.is_some() {
                        "configured"
                    } else {
                        "off"
                    }
                );
                Ok(())
            }
            Err(e) => {
                eprintln!("The configuration has {} problem(s):", e.problems.len());
                for p in &e.problems {
                    eprintln!("  {}: {}", p.field, p.message);
                }
                std::process::exit(1);
            }
        },
        Cmd::Run { config } => {
            let cfg = Config::from_process_env(config.as_deref()).map_err(|e| {
                anyhow::anyhow!(
                    "the configuration has problems (see `sharecircle check-config`):\n{e}"
                )
            })?;
            let format = cli.log_format.or(match cfg.log.format {
                sharecircle_config::LogFormat::Json => Some(LogFormatArg::Json),
                sharecircle_config::LogFormat::Human => Some(LogFormatArg::Human),
            });
            init_logs(format, &cfg.log.level);
            run(cfg).await
        }
        Cmd::Bench {
            quick,
            postgres,
            only,
            places,
        } => {
            init_logs(cli.log_format, "warn");
            let only = sharecircle::bench::Selection::parse(only.as_deref())?;
            if places.contains(&0) {
                anyhow::bail!("--places takes numbers of places above 0, like `10000,30000`");
            }
            sharecircle::bench::run(quick, postgres.as_deref(), &only, &places).await?;
            Ok(())
        }
        Cmd::Migrate { config } => {
            let cfg =
                Config::from_process_env(config.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))?;
            init_logs(cli.log_format, &cfg.log.level);
            bot_core::store::open(&cfg.database.url, cfg.database.max_connections)
                .await
                .context("opening the database")?;
            println!("The database is up to date.");
            Ok(())
        }
    }
}

/// `sharecircle run`: one engine, the configured platforms around it, until Ctrl-C or SIGTERM.
async fn run(cfg: Config) -> anyhow::Result<()> {
    if cfg.discord.is_none() && cfg.matrix.is_none() {
        bail!("nothing to run: configure [discord] and/or [matrix] (see sharecircle.example.toml), or try `sharecircle console`");
    }
    for (section, configured, built) in [
        ("discord", cfg.discord.is_some(), cfg!(feature = "discord")),
        ("matrix", cfg.matrix.is_some(), cfg!(feature = "matrix")),
    ] {
        if configured && !built {
            bail!("[{section}] is configured, but this sharecircle was built without it: build with `cargo build --release --features {section}` (it is on by default), or remove [{section}] from the configuration");
        }
    }
    sharecircle::ops::recorder();
    let store = bot_core::store::open(&cfg.database.url, cfg.database.max_connections)
        .await
        .with_context(|| {
            format!(
                "opening the database {}",
                sharecircle_config::redact_database_url(&cfg.database.url)
            )
        })?;
    let engine =
        Engine::with_process_id(store, Arc::new(SystemClock), &cfg.bot.prefix, process_id());
    engine.set_lease(bot_core::domain::Millis(
        cfg.database.lease.as_millis() as i64
    ));
    engine
        .resume()
        .await
        .context("resuming meetings from the database")?;
    let timers = engine.spawn_timers();
    #[cfg_attr(not(any(feature = "discord", feature = "matrix")), allow(unused_mut))]
    let mut checks: Vec<sharecircle::ops::Check> = Vec::new();
    #[cfg(feature = "discord")]
    let mut discord = None;
    #[cfg(feature = "discord")]
    if let Some(d) = cfg.discord.clone() {
        // Developers may point the adapter at a local Discord double (tests); never set in production.
        let options = discord_adapter::DiscordOptions {
            http_base: std::env::var("SHARECIRCLE_DISCORD_API_BASE").ok(),
        };
        let handle = Arc::new(
            discord_adapter::start(engine.clone(), d, options)
                .await
                .map_err(|e| anyhow::anyhow!("starting Discord: {e}"))?,
        );
        let h = handle.clone();
        checks.push(("discord".into(), Arc::new(move || h.is_running())));
        discord = Some(handle);
        tracing::info!("Discord adapter started");
    }
    #[cfg(feature = "matrix")]
    let mut matrix = None;
    #[cfg(feature = "matrix")]
    if let Some(m) = cfg.matrix.clone() {
        // One process holds the Matrix session (its device and crypto store) at a time; the
        // others stand by and take it when the holder's lease runs out.
        if engine.is_shared() && !stand_by_for(&engine, "matrix").await? {
            tracing::info!("stopped while standing by for the Matrix session");
            timers.abort();
            engine.retire().await.ok();
            return Ok(());
        }
        let handle = Arc::new(
            matrix_adapter::start(engine.clone(), m, cfg.bot.prefix.clone())
                .await
                .map_err(|e| anyhow::anyhow!("starting Matrix: {e}"))?,
        );
        let h = handle.clone();
        checks.push((
            "matrix".into(),
            Arc::new(move || h.is_running() && h.is_connected()),
        ));
        matrix = Some(handle);
        tracing::info!("Matrix adapter started");
    }
    let ops = match cfg.metrics.listen {
        Some(addr) => Some(
            sharecircle::ops::serve(addr, engine.clone(), checks)
                .await
                .with_context(|| format!("listening on {addr} for /metrics"))?,
        ),
        None => None,
    };
    shutdown_signal().await;
    tracing::info!("shutting down");
    #[cfg(feature = "discord")]
    if let Some(h) = discord {
        // Not `Arc::try_unwrap`: the /healthz check holds a clone, and a skipped shutdown drops
        // the gateway without a close frame (Discord sees a crash: 1006).
        h.shutdown().await;
    }
    #[cfg(feature = "matrix")]
    if let Some(h) = matrix {
        // The same for Matrix: the sync stops, then what was received is answered.
        h.shutdown().await;
    }
    if let Some((_, task)) = ops {
        task.abort();
    }
    timers.abort();
    if let Err(e) = engine.retire().await {
        tracing::warn!(error = %e, "could not end this process's lease; others take over when it runs out");
    }
    Ok(())
}

/// Waits until this process holds the named singleton (false: a shutdown signal came first),
/// then keeps renewing it in the background; losing it ends the process, so that two never
/// act for the same session.
#[cfg(feature = "matrix")]
async fn stand_by_for(engine: &Engine, name: &'static str) -> anyhow::Result<bool> {
    let every = std::time::Duration::from_millis(500);
    let mut announced = false;
    let stop = shutdown_signal();
    tokio::pin!(stop);
    loop {
        if engine.acquire_singleton(name).await? {
            break;
        }
        if !announced {
            tracing::info!(
                singleton = name,
                "another process holds the {name} session; standing by"
            );
            announced = true;
        }
        tokio::select! {
            _ = &mut stop => return Ok(false),
            _ = tokio::time::sleep(every) => {}
        }
    }
    tracing::info!(
        singleton = name,
        process = engine.process_id(),
        "holding the {name} session"
    );
    let engine = engine.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            match engine.acquire_singleton(name).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::error!(singleton = name, "another process took the {name} session (this one's lease ran out); exiting so that only one acts");
                    std::process::exit(75);
                }
                Err(e) => tracing::warn!(error = %e, "could not renew the {name} session"),
            }
        }
    });
    Ok(true)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// How a console keeps time: `--clock`, `--start`, `--speed`, `--origin`, `--lease`.
struct ConsoleTiming {
    clock: ClockArg,
    start: String,
    speed: u32,
    origin: Option<i64>,
    lease: String,
}

async fn console(
    timing: ConsoleTiming,
    script: Option<PathBuf>,
    url: &str,
    json: bool,
    prefix: &str,
) -> anyhow::Result<()> {
    if prefix.is_empty() || prefix.chars().any(char::is_whitespace) {
        bail!("--prefix must be one or more characters without spaces, like `!`");
    }
    let ConsoleTiming {
        clock,
        start,
        speed,
        origin,
        lease,
    } = timing;
    let lease = humantime::parse_duration(&lease)
        .ok()
        .filter(|d| d.as_millis() >= 100)
        .with_context(|| {
            format!("--lease `{lease}` is not a duration of at least 100ms, like `10s`")
        })?;
    let start_at = || {
        Timestamp::parse_rfc3339(&start).with_context(|| {
            format!("--start `{start}` is not an RFC 3339 time like {DEFAULT_VIRTUAL_START}")
        })
    };
    let store = bot_core::store::open(url, 4)
        .await
        .with_context(|| format!("opening {}", sharecircle_config::redact_database_url(url)))?;
    let (engine_clock, console_clock): (Arc<dyn Clock>, ConsoleClock) = match clock {
        ClockArg::Virtual => {
            let c = Arc::new(ManualClock::new(start_at()?));
            (c.clone(), ConsoleClock::Virtual(c))
        }
        ClockArg::Real if speed > 1 || origin.is_some() => {
            let origin = origin.unwrap_or_else(|| SystemClock.now().0);
            (
                Arc::new(ScaledClock::new(start_at()?, origin, speed)),
                ConsoleClock::Real,
            )
        }
        ClockArg::Real => (Arc::new(SystemClock), ConsoleClock::Real),
    };
    let engine = Engine::with_process_id(store, engine_clock.clone(), prefix, process_id());
    engine.set_lease(bot_core::domain::Millis(lease.as_millis() as i64));
    if let ConsoleClock::Virtual(c) = &console_clock {
        // A virtual clock makes a scripted meeting reproducible, shuffles included.
        engine.reseed(c.now().0 as u64);
    }
    let printer = Printer::new(Box::new(std::io::stdout()), json, prefix, engine_clock);
    let mut console = Console::new(engine.clone(), console_clock, printer);
    engine.resume().await?;
    let timers = (clock == ClockArg::Real).then(|| engine.spawn_timers());
    let input: Box<dyn tokio::io::AsyncRead + Unpin> = match &script {
        Some(p) => Box::new(
            tokio::fs::File::open(p)
                .await
                .with_context(|| format!("opening {}", p.display()))?,
        ),
        None => {
            if std::io::stdin().is_terminal() {
                eprintln!("sharecircle console — type lines like `Sam: !open`, `#role Sam host`, `Ana: !checkin hopeful`. Ctrl-D quits.");
            }
            Box::new(tokio::io::stdin())
        }
    };
    let mut lines = tokio::io::BufReader::new(input).lines();
    let mut n = 0;
    while let Some(line) = lines.next_line().await? {
        n += 1;
        if let Err(e) = console.line(&line).await {
            eprintln!("line {n}: {e}");
        }
    }
    if let Some(t) = timers {
        t.abort();
    }
    engine.retire().await?;
    Ok(())
}

/// This process's name in the `processes` table of a shared database: `{host}-{pid}-{xxxx}`,
/// the host as `/etc/hostname` names it (`host` when it cannot be read).
fn process_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".to_string());
    bot_core::engine::process_id_on(&host)
}
