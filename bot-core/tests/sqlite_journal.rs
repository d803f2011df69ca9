//! The SQLite journal: what a command commits reaches the database file itself in the
//! background, within about a second, with no command waiting for that copy.

mod common;

use std::sync::Arc;
use std::time::Duration;

use bot_core::domain::{Command, PlaceId};
use bot_core::engine::ManualClock;
use common::*;
use sqlx::Connection;

/// Whether the database file alone (a copy of it without its journal) holds `place`'s row.
async fn in_the_file_itself(db: &std::path::Path, place: &PlaceId) -> bool {
    let copy = tempfile::tempdir().unwrap();
    let path = copy.path().join("copy.db");
    // A copy taken while a checkpoint writes may be torn: that counts as "not yet".
    if std::fs::copy(db, &path).is_err() {
        return false;
    }
    let url = format!("sqlite://{}?mode=ro", path.display());
    let Ok(mut c) = sqlx::SqliteConnection::connect(&url).await else {
        return false;
    };
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM places WHERE place_id = $1")
        .bind(place.as_str())
        .fetch_one(&mut c)
        .await
        .is_ok_and(|n| n == 1)
}

#[tokio::test]
async fn each_commit_reaches_the_database_file_without_a_command_checkpointing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let (engine, _sink) = sqlite_engine(
        &format!("sqlite://{}", db.display()),
        Arc::new(ManualClock::new(T0)),
    )
    .await;
    for (n, name) in ["Robin", "Sam"].into_iter().enumerate() {
        // Each command runs in real time: a pool may open a connection for it (real work on
        // another thread, which a paused clock would time out). The wait after it is simulated.
        if n > 0 {
            tokio::time::resume();
        }
        let place = PlaceId::new(format!("test:journal-{n}"));
        let ex = engine
            .execute(&place, host(name), Command::Open { name: None })
            .await
            .unwrap();
        assert!(ex.rejected.is_none());
        engine.dispatch(ex).await.unwrap();
        tokio::time::pause();
        let mut waited = 0;
        while !in_the_file_itself(&db, &place).await {
            waited += 1;
            assert!(
                waited <= 5,
                "commit {n} is still only in the journal after {waited} s"
            );
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
}
