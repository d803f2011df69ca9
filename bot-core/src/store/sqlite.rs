//! The SQLite store (the embedded default): WAL journal, `synchronous=NORMAL`, migrations at open.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

use super::batch::Writer;
use super::StoreError;

pub struct SqliteStore {
    pool: SqlitePool,
    /// Commits and acknowledgements go through one writer that batches them.
    writer: Writer,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` and applies migrations.
    /// `sqlite::memory:` gives a private in-memory database that lives as long as the store.
    pub async fn open(url: &str, max_connections: u32) -> Result<SqliteStore, StoreError> {
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let opts = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(if memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let mut pool = SqlitePoolOptions::new();
        if memory {
            // Every connection to `:memory:` is its own database: keep exactly one, forever.
            pool = pool
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
        } else {
            // A local file's connections cannot go stale: no ping before each use (it would
            // double the round trips of every command).
            pool = pool
                .max_connections(max_connections.max(1))
                .test_before_acquire(false);
        }
        let pool = pool.connect_with(opts).await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore {
            writer: Writer::sqlite(pool.clone(), !memory),
            pool,
        })
    }

    /// The pool, for tests that inspect rows directly.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

super::sql::sql_store!(SqliteStore, shared = false);
