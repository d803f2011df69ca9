//! Helpers the tests of the `sharecircle` binary share: console transcripts compared whole, free
//! loopback ports, plain HTTP GETs of the ops endpoints, a clean SIGTERM stop, and throwaway
//! PostgreSQL databases (the engine tests' own, `bot-core/tests/common/postgres.rs`).

#![allow(dead_code)] // each test file uses some of these

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A loopback address with a port nobody listens on, `127.0.0.1:PORT`.
pub fn free_port() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("127.0.0.1:{port}")
}

/// `GET path` on `addr` (HTTP/1.1, one request per connection): the status and the body, or
/// `None` while nothing answers there.
pub async fn get(addr: impl tokio::net::ToSocketAddrs, path: &str) -> Option<(u16, String)> {
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await
    .ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).await.ok()?;
    let status = buf.split(' ').nth(1)?.parse().ok()?;
    Some((
        status,
        buf.split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default(),
    ))
}

/// Asks `check` every 100 ms, for at most `limit` (about `limit / 100 ms` times), until it gives
/// `Some`: what it gave, or `None` when it never did. The processes under test run on real time.
pub async fn poll<T, F>(limit: Duration, mut check: impl FnMut() -> F) -> Option<T>
where
    F: std::future::Future<Output = Option<T>>,
{
    let every = Duration::from_millis(100);
    for _ in 0..limit.as_millis().div_ceil(every.as_millis()) {
        if let Some(found) = check().await {
            return Some(found);
        }
        tokio::time::sleep(every).await;
    }
    None
}

/// SIGTERM, and a clean exit within `within`.
pub async fn stop(mut child: tokio::process::Child, within: Duration) {
    let pid = child.id().expect("running");
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    let status = tokio::time::timeout(within, child.wait())
        .await
        .expect("stops after SIGTERM")
        .unwrap();
    assert!(status.success(), "exit: {status:?}");
}

#[path = "../../bot-core/tests/common/postgres.rs"]
mod postgres;
#[allow(unused_imports)] // not every test file uses it
pub use postgres::ThrowawayPostgres;

/// The sum of a Prometheus counter's samples in `/metrics` text whose labels include every
/// `name="value"` pair of `labels` (0 when there is none).
pub fn counter_sum(metrics: &str, name: &str, labels: &[(&str, &str)]) -> u64 {
    metrics
        .lines()
        .filter(|l| l.starts_with(&format!("{name}{{")) || l.starts_with(&format!("{name} ")))
        .filter(|l| {
            labels
                .iter()
                .all(|(k, v)| l.contains(&format!("{k}=\"{v}\"")))
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .map(|v| v as u64)
        .sum()
}

/// What is wrong with a whole process's standard error for an operator on a healthy run: colour
/// codes though it is not a terminal, WARN or ERROR lines, and any of `secrets` (members' names,
/// ids and words). Empty when nothing is.
pub fn log_problems(log: &str, secrets: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    if log.contains("\x1b[") {
        problems.push("ANSI escape codes in a log that is not a terminal".to_string());
    }
    for line in log.lines() {
        // `TIME  LEVEL target: message` (human format)
        let level = line.split_whitespace().nth(1).unwrap_or("");
        if level == "WARN" || level == "ERROR" || level.contains("WARN") || level.contains("ERROR")
        {
            problems.push(format!("a {level} line: {line}"));
        }
    }
    for secret in secrets {
        for line in log.lines().filter(|l| l.contains(secret)) {
            problems.push(format!("member data {secret:?} logged: {line}"));
        }
    }
    problems
}

/// Waits until `sharecircle run` has registered its slash commands on the Discord double for the
/// `n`th time (once per start, so the `n`th start is up).
pub async fn commands_registered(
    double: &discord_double::DiscordDouble,
    n: usize,
    within: Duration,
) {
    let registered = || async {
        let puts = (double.requests().iter())
            .filter(|r| r.method == "PUT" && r.path.ends_with("/commands"))
            .count();
        (puts >= n).then_some(())
    };
    poll(within, registered)
        .await
        .unwrap_or_else(|| panic!("run {n} did not register its commands"));
}

/// Plays a console script on a fresh in-memory meeting with a virtual clock and compares the
/// whole transcript with `expected` (`UPDATE_EXPECT=1` rewrites it).
pub fn check_transcript(script: &str, expected: expect_test::Expect) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out = rt.block_on(sharecircle::console::run_script(script, false));
    expected.assert_eq(&out);
}
