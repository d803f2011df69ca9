//! The SQLite store (the embedded default): WAL journal, `synchronous=NORMAL`, migrations at open,
//! and the WAL checkpointed in the background, off the commit path.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

use super::batch::SqliteWriter;
use super::StoreError;

pub struct SqliteStore {
    pool: SqlitePool,
    /// Commits and acknowledgements go through one writer that batches them.
    writer: SqliteWriter,
    /// Checkpoints the WAL into the database file (stops with the store).
    checkpointer: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        if let Some(task) = &self.checkpointer {
            task.abort();
        }
    }
}

/// How often the WAL is copied into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// Copies what the WAL holds into the database file, as often as [`CHECKPOINT_EVERY`], on a
/// connection of its own. SQLite would otherwise do it inside whichever commit let the WAL pass
/// 1,000 pages, and that commit (with every command waiting on its batch) would wait for the
/// file's flush to disk: on a busy disk, a stall of up to a second. A passive checkpoint never
/// blocks the writer. A journal (`wal`) not written since the last checkpoint is left alone:
/// an idle store takes no connection from the pool.
async fn checkpoint_forever(pool: SqlitePool, wal: std::path::PathBuf) {
    let mut every = tokio::time::interval(CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut checkpointed = None;
    loop {
        every.tick().await;
        // Every commit writes the journal file and so moves its modification time. The kernel
        // stamps it from a coarse clock: a commit in the same few milliseconds as the last
        // look leaves it unchanged, and its pages wait (durable in the journal) for the next.
        let written = std::fs::metadata(&wal).and_then(|m| m.modified()).ok();
        if written.is_some() && written == checkpointed {
            continue;
        }
        match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            Ok(_) => checkpointed = written,
            Err(e) => {
                tracing::warn!(error = %e, "the database's journal could not be checkpointed; trying again")
            }
        }
    }
}

/// Whether `url` names a private in-memory database rather than a file.
fn is_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

impl SqliteStore {
    /// The settings every connection of the store opens with (durability, journal, timeouts),
    /// for `url`. Public so that a measurement beside the store (`sharecircle bench`'s floor)
    /// runs on connections set up exactly as the store's.
    pub fn connect_options(url: &str) -> Result<SqliteConnectOptions, StoreError> {
        let memory = is_memory(url);
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
        // A file's journal is checkpointed in the background ([`checkpoint_forever`]), not by
        // the commit that fills it.
        Ok(if memory {
            opts
        } else {
            opts.pragma("wal_autocheckpoint", "0")
        })
    }

    /// Opens (creating if missing) the database at `url` and applies migrations.
    /// `sqlite::memory:` gives a private in-memory database that lives as long as the store.
    pub async fn open(url: &str, max_connections: u32) -> Result<SqliteStore, StoreError> {
        let memory = is_memory(url);
        let opts = SqliteStore::connect_options(url)?;
        // The write-ahead journal sits beside the file, with `-wal` added to its name.
        let mut wal = opts.get_filename().as_os_str().to_owned();
        wal.push("-wal");
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
            writer: SqliteWriter::sqlite(pool.clone(), !memory),
            checkpointer: (!memory)
                .then(|| tokio::spawn(checkpoint_forever(pool.clone(), wal.into()))),
            pool,
        })
    }

    /// The pool, for tests that inspect rows directly.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

super::sql::sql_store!(SqliteStore, shared = false);
