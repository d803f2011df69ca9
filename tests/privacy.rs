//! Privacy: a whole scripted meeting with every log captured at TRACE level must not leak any
//! member-typed text or name, and after `forget-me` no database row mentions the member.

use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const SECRETS: &[&str] = &[
    "Quillonious",     // a member's display name
    "wistfulzebra",    // a check-in word
    "Marigoldcircle",  // a session name
    "mybrothertoldme", // plain conversation in the channel (never a command)
    "helplinexyz",     // crisis text set by an admin
    "Zephyrinaname",   // a name used in a host command argument
];

#[test]
fn no_member_text_in_trace_logs_and_nothing_left_after_forget_me() {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();
    tracing::info!("capture works");

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("privacy.db");
    let url = format!("sqlite://{}", db.display());
    let script = "
#role Robin host
#role Ada admin
Ada: !crisis set Call the helplinexyz any time
Robin: !open Marigoldcircle
Quillonious: !checkin wistfulzebra
Ben: !checkin listen
Quillonious: mybrothertoldme something hard this week
Quillonious: !hand
Robin: !queue move Zephyrinaname 1
Robin: !round start 1m
+30s
Quillonious: !done
Quillonious: !crisis
Quillonious: !my-data
Robin: !status
Quillonious: !checkin wistfulzebra
Quillonious: !forget-me
";
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let transcript = rt.block_on(async {
        let store = bot_core::store::open(&url, 2).await.unwrap();
        let start =
            bot_core::domain::Timestamp::parse_rfc3339(sharecircle::console::DEFAULT_VIRTUAL_START)
                .unwrap();
        sharecircle::console::run_script_on(store, start, script, false)
            .await
            .0
    });
    // The meeting really happened with that text in it...
    assert!(transcript.contains("Welcome, Quillonious."), "{transcript}");
    // The word was kept while the session ran (my-data says so) but no post carries it: posts
    // stay on the platform after the session closes, the word must not.
    assert!(
        transcript.contains("with a feeling word (erased when the session closes)"),
        "{transcript}"
    );
    assert!(!transcript.contains("wistfulzebra"), "{transcript}");
    assert!(
        transcript.contains("This is everything I store about you"),
        "{transcript}"
    );
    assert!(
        transcript.contains("Done: I have erased everything"),
        "{transcript}"
    );

    let logs = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(logs.contains("capture works"), "the log capture works");
    assert!(
        logs.contains("session opened"),
        "the engine logs session events:\n{logs}"
    );
    assert!(
        logs.to_lowercase().contains("insert into places"),
        "TRACE includes database statements:\n{}",
        &logs[..logs.len().min(3000)]
    );
    // ...and none of it reached the logs.
    for s in SECRETS {
        assert!(!logs.contains(s), "`{s}` leaked into the logs");
    }

    // After forget-me, no row anywhere mentions the member (by id or by name). What hosts and
    // admins typed for the place (its crisis text, the open session's name) stays, as does Ben.
    let rows = rt.block_on(async {
        use sqlx::{Connection, Row};
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let tables: Vec<String> =
            sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.get::<String, _>(0))
                .collect();
        let mut dump = String::new();
        for t in tables {
            let cols: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT name FROM pragma_table_info('{t}')"
            )))
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
            for c in cols {
                let values = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT CAST(\"{c}\" AS TEXT) FROM \"{t}\""
                )))
                .fetch_all(&mut conn)
                .await
                .unwrap();
                for v in values {
                    if let Ok(Some(s)) = v.try_get::<Option<String>, _>(0) {
                        dump.push_str(&s);
                        dump.push('\n');
                    }
                }
            }
        }
        dump
    });
    assert!(rows.contains("helplinexyz"), "the dump reads the rows");
    assert!(
        rows.contains("Marigoldcircle") && rows.contains("console:ben"),
        "the dump reads the session state"
    );
    for s in SECRETS
        .iter()
        .filter(|s| !["helplinexyz", "Marigoldcircle"].contains(*s))
    {
        assert!(
            !rows.to_lowercase().contains(&s.to_lowercase()),
            "`{s}` is still in the database"
        );
    }
    assert!(
        !rows.contains("console:quillonious"),
        "the member id is still in the database"
    );
}
