//! How matrix-sdk's SQLite stores commit: as the bot's own SQLite database does (WAL journal,
//! `synchronous=NORMAL`), instead of SQLite's default for a WAL journal (`FULL`: an fsync of the
//! journal at every commit).
//!
//! matrix-sdk stores every sync response (room state, the sync token, the encryption state)
//! before any event handler runs, so each of its commits sits between a member's command and the
//! bot's answer; with `FULL` that is an fsync per commit. Measured (BENCHMARKS.md, M1): the sdk's
//! handling of a sync response takes a median 5.2 ms instead of 6.5, p90 7.9 instead of 11.6.
//! matrix-sdk 0.18 opens its stores on its own connection pool and
//! offers no setting for this, so the setting is made the one way SQLite offers for connections
//! someone else opens: an automatic extension, run by SQLite on every connection it opens in this
//! process. It sets `synchronous=NORMAL` unless the connection's owner sets it otherwise (the
//! engine's SQLite store sets `NORMAL` itself; nothing else in the process opens SQLite).
//!
//! What `NORMAL` gives up: in WAL mode every commit still survives the process being killed; a
//! power cut or kernel crash may lose the last commits, as it may for the engine's own database.
//! For matrix-sdk's stores that means an older sync token (the events again; those from before
//! the process started never run, see `dedupe`) or the last change to an encryption session (a
//! message that may fail to decrypt until its sender's client shares the key again). Browsers
//! give Matrix web clients' stores the same relaxed durability by default.

use std::ffi::{c_char, c_int};
use std::sync::Once;

use rusqlite::auto_extension::{init_auto_extension, register_auto_extension};
use rusqlite::{ffi, Connection};

/// Makes every SQLite connection this process opens from now on commit with
/// `synchronous=NORMAL` unless its owner says otherwise. Called before matrix-sdk opens its
/// stores; calling it again does nothing.
pub fn relax_store_commits() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: `normal_sync` opens no database, closes none and leaves the list of automatic
        // extensions alone: the three conditions of `register_auto_extension`.
        if let Err(e) = unsafe { register_auto_extension(normal_sync) } {
            tracing::warn!(error = %e, "matrix-sdk's stores keep SQLite's full sync per commit");
        }
    });
}

/// SQLite's entry point for each new connection.
unsafe extern "C" fn normal_sync(
    db: *mut ffi::sqlite3,
    err: *mut *mut c_char,
    _: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: SQLite passes the connection it is opening; `init_auto_extension` wraps it without
    // taking ownership (it is not closed when the wrapper drops).
    unsafe { init_auto_extension(db, err, set_normal) }
}

fn set_normal(connection: Connection) -> rusqlite::Result<()> {
    connection.pragma_update(None, "synchronous", "NORMAL")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synchronous(c: &Connection) -> i64 {
        c.pragma_query_value(None, "synchronous", |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_store_opened_as_matrix_sdk_opens_it_commits_without_a_full_sync() {
        relax_store_commits();
        relax_store_commits();
        let dir = tempfile::tempdir().unwrap();
        // As matrix-sdk-sqlite opens each store: a plain open, then the WAL journal.
        let c = Connection::open(dir.path().join("store.sqlite3")).unwrap();
        let mode: String = c
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(synchronous(&c), 1, "NORMAL (FULL is 2)");
        // An owner that sets its own durability keeps it.
        c.pragma_update(None, "synchronous", "FULL").unwrap();
        assert_eq!(synchronous(&c), 2);
    }
}
