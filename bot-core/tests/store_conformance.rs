//! The store conformance suite against every store, one test per check and store (SQLite on a
//! file (WAL) and in memory, the in-memory twin, PostgreSQL), and what each store adds: SQLite's
//! durability settings, reopening, URLs refused.

mod common;
mod conformance;

use bot_core::domain::PlaceId;
use bot_core::store::{MemoryStore, PostgresStore, SqliteStore, Store};
use common::ThrowawayPostgres;
use conformance::{conformance_tests, StoreUnderTest};

impl StoreUnderTest for MemoryStore {
    async fn open() -> Self {
        MemoryStore::new()
    }
    fn store(&self) -> &dyn Store {
        self
    }
}

/// SQLite on a file of its own (WAL), in a directory removed with it.
struct SqliteFile {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl StoreUnderTest for SqliteFile {
    async fn open() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("conf.db").display());
        let store = SqliteStore::open(&url, 4).await.unwrap();
        SqliteFile { store, _dir: dir }
    }
    fn store(&self) -> &dyn Store {
        &self.store
    }
}

struct SqliteInMemory(SqliteStore);

impl StoreUnderTest for SqliteInMemory {
    async fn open() -> Self {
        SqliteInMemory(SqliteStore::open("sqlite::memory:", 4).await.unwrap())
    }
    fn store(&self) -> &dyn Store {
        &self.0
    }
}

/// PostgreSQL in a throwaway database of its own (the server is shared by every test).
struct Postgres {
    store: PostgresStore,
    db: ThrowawayPostgres,
}

impl StoreUnderTest for Postgres {
    async fn open() -> Self {
        let db = ThrowawayPostgres::create().await;
        let store = PostgresStore::open(&db.url, 4).await.unwrap();
        Postgres { store, db }
    }
    fn store(&self) -> &dyn Store {
        &self.store
    }
    async fn close(self) {
        self.store.pool().close().await;
        self.db.drop_database().await;
    }
}

mod memory {
    super::conformance_tests!(bot_core::store::MemoryStore);
}

mod sqlite_file {
    super::conformance_tests!(super::SqliteFile);
}

mod sqlite_memory {
    super::conformance_tests!(super::SqliteInMemory);
}

mod postgres {
    super::conformance_tests!(super::Postgres);
}

/// Two stores on one SQLite file, as a process and its restart (or a second reader) see it.
async fn two_sqlite_stores() -> (SqliteStore, SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("two.db").display());
    let one = SqliteStore::open(&url, 2).await.unwrap();
    let two = SqliteStore::open(&url, 2).await.unwrap();
    (one, two, dir)
}

#[tokio::test]
async fn sqlite_acknowledgements_land_for_every_reader() {
    let (one, two, _dir) = two_sqlite_stores().await;
    conformance::acknowledgements_land_for_every_reader(&one, &two).await;
}

#[tokio::test]
async fn sqlite_a_lone_acknowledgement_lands_by_itself() {
    let (one, two, _dir) = two_sqlite_stores().await;
    conformance::a_lone_acknowledgement_lands_by_itself(&one, &two).await;
}

#[tokio::test]
async fn postgres_acknowledgements_land_for_every_reader() {
    let db = ThrowawayPostgres::create().await;
    let (one, two) = (
        PostgresStore::open(&db.url, 2).await.unwrap(),
        PostgresStore::open(&db.url, 2).await.unwrap(),
    );
    conformance::acknowledgements_land_for_every_reader(&one, &two).await;
    conformance::a_lone_acknowledgement_lands_by_itself(&one, &two).await;
    one.pool().close().await;
    two.pool().close().await;
    db.drop_database().await;
}

#[tokio::test]
async fn sqlite_file_connections_are_wal_with_synchronous_normal() {
    // The durability settings the engine's throughput and crash-safety rely on, on every
    // connection of the pool.
    let under_test = SqliteFile::open().await;
    let pool = under_test.store.pool();
    let mut connections = Vec::new();
    for _ in 0..4 {
        connections.push(pool.acquire().await.unwrap());
    }
    for connection in &mut connections {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **connection)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut **connection)
            .await
            .unwrap();
        assert_eq!(sync, 1, "synchronous=NORMAL");
    }
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
    let place = PlaceId::new("conf:roundtrip");
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
async fn reopening_postgres_keeps_everything_and_migrations_are_idempotent() {
    let db = ThrowawayPostgres::create().await;
    {
        let store = PostgresStore::open(&db.url, 4).await.unwrap();
        conformance::check_all(&store).await;
        // Migrations are idempotent: a second process opening the same database is fine.
        let again = bot_core::store::open(&db.url, 2).await.unwrap();
        assert_eq!(
            again
                .load_place(&PlaceId::new("conf:roundtrip"))
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
