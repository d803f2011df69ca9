//! How durably matrix-sdk's own SQLite stores commit. matrix-sdk 0.18 opens them in WAL mode with
//! SQLite's default `synchronous=FULL`, so every sync response it stores costs an fsync before
//! the bot's event handlers run — on the path of every command. The room state store (and the
//! event cache and media stores) hold nothing that the homeserver cannot give back: after a power
//! loss they may lose their last commits (`synchronous=NORMAL`: never corruption, and nothing on a
//! mere process crash) and the bot syncs again from an older token, while the adapter's own gate
//! keeps old events from running as commands. The crypto store (the device's keys and Olm/Megolm
//! sessions) keeps `FULL`: rolling it back could reuse keys.

use std::ffi::{c_char, c_int, CStr};
use std::sync::Once;

use libsqlite3_sys as ffi;

/// The matrix-sdk stores that may commit without an fsync (file names in the store directory).
const RELAXED: &[&str] = &[
    "matrix-sdk-state.sqlite3",
    "matrix-sdk-event-cache.sqlite3",
    "matrix-sdk-media.sqlite3",
];

/// Makes every SQLite connection opened from now on in this process to one of [`RELAXED`] commit
/// with `synchronous=NORMAL` (an auto-extension: SQLite runs it for each new connection). Other
/// databases are not touched. Idempotent.
pub fn relax_rebuildable_stores() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: registers a function with the signature SQLite expects for an auto-extension;
        // it lives for the whole process.
        let rc = unsafe { ffi::sqlite3_auto_extension(Some(on_open)) };
        if rc != ffi::SQLITE_OK {
            tracing::warn!(
                rc,
                "could not register the SQLite hook for matrix-sdk's stores"
            );
        }
    });
}

/// Whether a database file is one of [`RELAXED`].
fn is_relaxed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    RELAXED.contains(&name)
}

unsafe extern "C" fn on_open(
    db: *mut ffi::sqlite3,
    _err: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection being opened; its main file name is a NUL-terminated string
    // owned by SQLite for the connection's lifetime (NULL or empty for a temporary database).
    let file = unsafe { ffi::sqlite3_db_filename(db, c"main".as_ptr()) };
    if file.is_null() {
        return ffi::SQLITE_OK;
    }
    // SAFETY: checked non-null above; valid while `db` is open.
    let path = unsafe { CStr::from_ptr(file) }.to_string_lossy();
    if is_relaxed(&path) {
        // SAFETY: a plain statement on the connection being opened, no callback.
        unsafe {
            ffi::sqlite3_exec(
                db,
                c"PRAGMA synchronous = NORMAL".as_ptr(),
                None,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
    }
    ffi::SQLITE_OK
}

#[cfg(test)]
mod tests {
    use super::is_relaxed;

    #[test]
    fn only_the_rebuildable_stores_are_relaxed() {
        assert!(is_relaxed("/data/matrix/store/matrix-sdk-state.sqlite3"));
        assert!(is_relaxed(
            "/data/matrix/store/matrix-sdk-event-cache.sqlite3"
        ));
        assert!(!is_relaxed("/data/matrix/store/matrix-sdk-crypto.sqlite3"));
        assert!(!is_relaxed("/data/sharecircle.db"));
        assert!(!is_relaxed(""));
    }
}
