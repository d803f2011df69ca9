//! The adapter's own small persisted state, one JSON file in the Matrix data directory: for each
//! place with an open session, the event id of its status message and the ✋ reactions on it
//! (reaction event id → member), so edits and hand-lowering redactions keep working across
//! restarts. Entries go when the session closes, the room is left or the member is forgotten.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// One place's status message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    /// The status message's event id.
    pub event_id: String,
    /// The session it belongs to (its `opened_at`, ms).
    pub opened_at: i64,
    /// ✋ reaction event id → Matrix user id of the member who reacted.
    #[serde(default)]
    pub reactions: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    status: BTreeMap<String, StatusEntry>,
}

/// Load once, change in memory, write through on every change.
pub struct AdapterState {
    path: PathBuf,
    data: Mutex<File>,
}

impl AdapterState {
    /// Reads `path` if it exists (an unreadable file is logged and treated as empty).
    pub fn load(path: PathBuf) -> AdapterState {
        let data = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the adapter state file is unreadable; starting empty");
                File::default()
            }),
            Err(_) => File::default(),
        };
        AdapterState {
            path,
            data: Mutex::new(data),
        }
    }

    pub fn status(&self, place: &str) -> Option<StatusEntry> {
        self.lock().status.get(place).cloned()
    }

    pub fn set_status(&self, place: &str, entry: Option<StatusEntry>) {
        let mut d = self.lock();
        match entry {
            Some(e) => d.status.insert(place.to_string(), e),
            None => d.status.remove(place),
        };
        self.save(&d);
    }

    /// The place whose status message is `event_id`.
    pub fn place_of_status(&self, event_id: &str) -> Option<String> {
        self.lock()
            .status
            .iter()
            .find(|(_, e)| e.event_id == event_id)
            .map(|(p, _)| p.clone())
    }

    pub fn add_reaction(&self, place: &str, reaction: &str, user: &str) {
        let mut d = self.lock();
        if let Some(e) = d.status.get_mut(place) {
            e.reactions.insert(reaction.to_string(), user.to_string());
            self.save(&d);
        }
    }

    /// Forgets a tracked reaction; returns its place and member.
    pub fn take_reaction(&self, reaction: &str) -> Option<(String, String)> {
        let mut d = self.lock();
        let found = d.status.iter_mut().find_map(|(place, e)| {
            e.reactions
                .remove(reaction)
                .map(|user| (place.clone(), user))
        });
        if found.is_some() {
            self.save(&d);
        }
        found
    }

    /// Forgets every reaction of `user` (the member asked to be forgotten).
    pub fn forget_user(&self, user: &str) {
        let mut d = self.lock();
        let mut changed = false;
        for e in d.status.values_mut() {
            let before = e.reactions.len();
            e.reactions.retain(|_, u| u != user);
            changed |= e.reactions.len() != before;
        }
        if changed {
            self.save(&d);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, File> {
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn save(&self, d: &File) {
        if let Err(e) = write_atomically(
            &self.path,
            &serde_json::to_vec_pretty(d).unwrap_or_default(),
        ) {
            tracing::warn!(error = %e, "could not save the adapter state");
        }
    }
}

/// Writes `bytes` to a temporary file next to `path` (mode 0600) and renames it over `path`.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let tmp = path.with_extension("tmp");
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_a_reload_and_forgets_on_request() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let s = AdapterState::load(path.clone());
        s.set_status(
            "matrix:!r",
            Some(StatusEntry {
                event_id: "$s".into(),
                opened_at: 5,
                reactions: BTreeMap::new(),
            }),
        );
        s.add_reaction("matrix:!r", "$x", "@ana:localhost");
        s.add_reaction("matrix:!r", "$y", "@ben:localhost");
        let s = AdapterState::load(path.clone());
        assert_eq!(s.place_of_status("$s").as_deref(), Some("matrix:!r"));
        assert_eq!(
            s.take_reaction("$x"),
            Some(("matrix:!r".into(), "@ana:localhost".into()))
        );
        assert_eq!(s.take_reaction("$x"), None);
        s.forget_user("@ben:localhost");
        assert!(s.status("matrix:!r").unwrap().reactions.is_empty());
        s.set_status("matrix:!r", None);
        assert_eq!(AdapterState::load(path).status("matrix:!r"), None);
    }
}
