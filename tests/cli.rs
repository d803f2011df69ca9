//! The `sharecircle` binary as a user runs it: demo, console scripts with a database that outlives
//! the process, and check-config.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sharecircle"))
}

fn run_console(args: &[&str], input: &str) -> (String, String) {
    let mut child = bin()
        .arg("console")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "console failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn demo_prints_a_meeting() {
    let out = bin().arg("demo").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Time, Ana. Thank you for sharing."), "{text}");
    let json = bin().args(["demo", "--json"]).output().unwrap();
    let lines = String::from_utf8(json.stdout).unwrap();
    let kinds: Vec<String> = lines
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].to_string())
        .collect();
    assert!(
        kinds.contains(&"\"session_opened\"".to_string()),
        "{kinds:?}"
    );
    assert!(kinds.contains(&"\"part\"".to_string()), "{kinds:?}");
}

#[test]
fn a_console_meeting_survives_the_process_ending() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let db = db.to_str().unwrap();
    let start = ["--clock", "virtual", "--db", db];
    let (first, _) = run_console(&start, "#role Robin host\nRobin: !open\nAna: !checkin\nBen: !checkin\nRobin: !round start 1m\n+20s\n");
    assert!(first.contains("@Ana, you have the floor"), "{first}");
    // A new process on the same database, its virtual clock started later: Ana's turn ended while
    // nothing ran, so "time" comes once, calling Ben for the end of the grace, when his turn
    // starts without another post.
    let (second, _) = run_console(
        &[
            "--clock",
            "virtual",
            "--db",
            db,
            "--start",
            "2026-03-02T19:01:05Z",
        ],
        "+0s\n+10s\nBen: !done\n",
    );
    let lines: Vec<&str> = second.lines().collect();
    assert_eq!(
        lines[0], "[19:01:05] bot: Time, Ana. Thank you for sharing.",
        "{second}"
    );
    assert_eq!(
        lines[1].trim(),
        "@Ben, you're next: your turn runs from 19:01:10 to 19:02:10.",
        "{second}"
    );
    // Nothing at 19:01:10: the next line is Ben's own `done`, 5 seconds into his turn.
    assert_eq!(lines[2], "[19:01:15] bot: Thank you, Ben.", "{second}");
    assert!(!second.contains("you have the floor"), "{second}");
    assert_eq!(second.matches("Time, Ana").count(), 1);
    assert!(
        second.contains("The round has ended. 2 members shared."),
        "{second}"
    );
}

#[test]
fn console_reports_bad_lines_and_keeps_going() {
    let (out, err) = run_console(
        &["--clock", "virtual"],
        "nonsense\n#role Robin host\nRobin: !open\n",
    );
    assert!(err.contains("line 1: expected `NAME: TEXT`"), "{err}");
    assert!(out.contains("The session is open"), "{out}");
    let (_, err) = run_console(&[], "+5m\n");
    assert!(err.contains("--clock virtual"), "{err}");
}

#[test]
fn check_config_accepts_the_example_and_reports_every_problem() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/sharecircle.example.toml");
    let ok = bin()
        .args(["check-config", example])
        .env_clear()
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("The configuration is valid."));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[database]\nurl = \"mysql://x\"\nmax_connections = 0\n[discord]\ntoken = \"abc\"\n",
    )
    .unwrap();
    let out = bin()
        .args(["check-config", bad.to_str().unwrap()])
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("database.url"), "{err}");
    assert!(err.contains("database.max_connections"), "{err}");
    assert!(err.contains("SHARECIRCLE_DISCORD_TOKEN"), "{err}");
}

#[test]
fn bench_runs_one_figure_and_refuses_an_unknown_one() {
    let out = bin().args(["bench", "--only", "p9"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`p9` is not one"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // P5 is quick even in a debug build: the default settings' posts and edits per turn.
    let out = bin().args(["bench", "--only", "p5"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let figures: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(figures.len(), 1, "only the figure asked for: {text}");
    assert!(
        figures[0].starts_with("P5 messages + edits per share turn")
            && figures[0].contains(" 3.0 per turn"),
        "a turn costs two warnings and one \"time\" that calls the next speaker: {text}"
    );
    assert!(text.contains("per round 4.0"), "{text}");
}

#[test]
fn consoles_refuse_a_bad_lease_and_speed() {
    let out = bin()
        .args(["console", "--lease", "soon"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lease `soon` is not a duration"));
    let out = bin()
        .args(["console", "--speed", "0"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--speed"));
}
