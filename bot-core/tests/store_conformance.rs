//! The store conformance suite against every store: SQLite on a file (WAL) and in memory, and the in-memory twin.

mod common;

use bot_core::store::{conformance, SqliteStore};
use common::ThrowawayPostgres;

#[tokio::test]
async fn sqlite_file_store_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("conf.db").display());
    let store = SqliteStore::open(&url, 4).await.unwrap();
    conformance::check_all(&store).await;
    // The durability settings the engine's throughput and crash-safety rely on.
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(sync, 1, "synchronous=NORMAL");
}

#[tokio::test]
async fn the_in_memory_twin_conforms() {
    conformance::check_all(&bot_core::store::MemoryStore::new()).await;
}

#[tokio::test]
async fn sqlite_memory_store_conforms() {
    let store = SqliteStore::open("sqlite::memory:", 4).await.unwrap();
    conformance::check_all(&store).await;
}

#[tokio::test]
async fn reopening_a_file_keeps_everything_and_migrations_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("re.db").display());
    {
        let store = SqliteStore::open(&url, 2).await.unwrap();
        conformance::check_all(&store).await;
    }
    let store = SqliteStore::open(&url, 2).await.unwrap();
    use bot_core::store::Store;
    let place = bot_core::domain::PlaceId::new("conf:roundtrip");
    assert_eq!(
        store
            .load_place(&place)
            .await
            .unwrap()
            .unwrap()
            .rounds_started,
        7
    );
}

#[tokio::test]
async fn unsupported_urls_are_refused_clearly() {
    let err = bot_core::store::open("mysql://x", 1)
        .await
        .err()
        .expect("refused");
    assert!(
        err.to_string().contains("unsupported database URL"),
        "{err}"
    );
}

#[tokio::test]
async fn postgres_store_conforms() {
    let db = ThrowawayPostgres::create().await;
    {
        let store = bot_core::store::PostgresStore::open(&db.url, 4)
            .await
            .unwrap();
        conformance::check_all(&store).await;
        // Migrations are idempotent: a second process opening the same database is fine.
        let again = bot_core::store::open(&db.url, 2).await.unwrap();
        assert_eq!(
            again
                .load_place(&bot_core::domain::PlaceId::new("conf:roundtrip"))
                .await
                .unwrap()
                .unwrap()
                .rounds_started,
            7
        );
        store.pool().close().await;
    }
    db.drop_database().await;
}
