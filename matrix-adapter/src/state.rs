//! The adapter's own small persisted state, one JSON file in the Matrix data directory: the ✋
//! reactions on each place's live status message (reaction event id → member), so a
//! hand-lowering redaction keeps working across restarts. Entries go when the status message is
//! closed or replaced, the room is left or the member is forgotten. Where the status message is
//! lives in the store (`status_messages`); a file from before that still names it, and
//! [`AdapterState::legacy_status`] hands those entries over once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// A status message as files from before the store kept it recorded it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    /// The status message's event id.
    pub event_id: String,
    /// The session it belongs to (its `opened_at`, ms).
    pub opened_at: i64,
    /// ✋ reaction event id → Matrix user id of the member who reacted.
    #[serde(default, skip_serializing)]
    pub reactions: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct File {
    /// Place → ✋ reaction event id → Matrix user id.
    #[serde(default)]
    reactions: BTreeMap<String, BTreeMap<String, String>>,
    /// Status messages not handed over to the store yet (files from before it kept them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
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
        let mut data = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the adapter state file is unreadable; starting empty");
                File::default()
            }),
            Err(_) => File::default(),
        };
        for (place, entry) in &mut data.status {
            let reactions = std::mem::take(&mut entry.reactions);
            if !reactions.is_empty() {
                data.reactions
                    .entry(place.clone())
                    .or_default()
                    .extend(reactions);
            }
        }
        AdapterState {
            path,
            data: Mutex::new(data),
        }
    }

    /// The status messages a file from before the store kept them names, by place.
    pub fn legacy_status(&self) -> Vec<(String, StatusEntry)> {
        let d = self.lock();
        d.status
            .iter()
            .map(|(p, e)| (p.clone(), e.clone()))
            .collect()
    }

    /// The store holds `place`'s status message now: the file no longer names it.
    pub fn handed_over(&self, place: &str) {
        let mut d = self.lock();
        if d.status.remove(place).is_some() {
            self.save(&d);
        }
    }

    pub fn add_reaction(&self, place: &str, reaction: &str, user: &str) {
        let mut d = self.lock();
        let entry = d.reactions.entry(place.to_string()).or_default();
        entry.insert(reaction.to_string(), user.to_string());
        self.save(&d);
    }

    /// Forgets the reactions on a place's status message (closed, replaced, or the room left).
    pub fn clear_reactions(&self, place: &str) {
        let mut d = self.lock();
        if d.reactions.remove(place).is_some() {
            self.save(&d);
        }
    }

    /// Forgets a tracked reaction; returns its place and member.
    pub fn take_reaction(&self, reaction: &str) -> Option<(String, String)> {
        let mut d = self.lock();
        let found = d
            .reactions
            .iter_mut()
            .find_map(|(place, r)| r.remove(reaction).map(|user| (place.clone(), user)));
        if found.is_some() {
            d.reactions.retain(|_, r| !r.is_empty());
            self.save(&d);
        }
        found
    }

    /// Forgets every reaction of `user` (the member asked to be forgotten).
    pub fn forget_user(&self, user: &str) {
        let mut d = self.lock();
        let mut changed = false;
        for r in d.reactions.values_mut() {
            let before = r.len();
            r.retain(|_, u| u != user);
            changed |= r.len() != before;
        }
        if changed {
            d.reactions.retain(|_, r| !r.is_empty());
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
        s.add_reaction("matrix:!r", "$x", "@ana:localhost");
        s.add_reaction("matrix:!r", "$y", "@ben:localhost");
        s.add_reaction("matrix:!q", "$z", "@ben:localhost");
        let s = AdapterState::load(path.clone());
        assert_eq!(
            s.take_reaction("$x"),
            Some(("matrix:!r".into(), "@ana:localhost".into()))
        );
        assert_eq!(s.take_reaction("$x"), None);
        s.forget_user("@ben:localhost");
        assert_eq!(s.take_reaction("$y"), None);
        s.add_reaction("matrix:!r", "$w", "@cy:localhost");
        s.clear_reactions("matrix:!r");
        assert_eq!(AdapterState::load(path).take_reaction("$w"), None);
    }

    #[test]
    fn an_older_file_hands_its_status_messages_over_and_keeps_the_reactions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let old = r#"{"status":{"matrix:!r":{"event_id":"$s","opened_at":5,"reactions":{"$x":"@ana:localhost"}}}}"#;
        std::fs::write(&path, old).unwrap();
        let s = AdapterState::load(path.clone());
        let entry = StatusEntry {
            event_id: "$s".into(),
            opened_at: 5,
            reactions: BTreeMap::new(),
        };
        assert_eq!(s.legacy_status(), vec![("matrix:!r".to_string(), entry)]);
        s.handed_over("matrix:!r");
        let s = AdapterState::load(path);
        assert!(s.legacy_status().is_empty());
        assert_eq!(
            s.take_reaction("$x"),
            Some(("matrix:!r".into(), "@ana:localhost".into()))
        );
    }
}
