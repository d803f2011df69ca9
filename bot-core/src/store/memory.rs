//! The in-memory twin of the store: same contract, nothing on disk. For tests on tokio's paused
//! clock (where a database thread would let virtual time run away) and for embedding.

use async_trait::async_trait;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use super::{Commit, OutboxEntry, Store, StoreError};
use crate::domain::{MemberId, Place, PlaceId, Timestamp};

#[derive(Default)]
struct Tables {
    places: BTreeMap<PlaceId, (String, Option<Timestamp>)>,
    activity: BTreeMap<PlaceId, (bool, bool)>,
    members: BTreeMap<PlaceId, BTreeSet<MemberId>>,
    outbox: BTreeMap<i64, OutboxEntry>,
    next_id: i64,
}

#[derive(Default)]
pub struct MemoryStore {
    tables: Mutex<Tables>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

fn corrupt(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

#[async_trait]
impl Store for MemoryStore {
    async fn load_place(&self, place: &PlaceId) -> Result<Option<Place>, StoreError> {
        let t = self.tables.lock().expect("tables");
        // Stored as JSON, like the databases, so the twin catches what would not round-trip.
        t.places
            .get(place)
            .map(|(json, _)| serde_json::from_str(json).map_err(corrupt))
            .transpose()
    }

    async fn commit(&self, c: Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
        let json = serde_json::to_string(c.state).map_err(corrupt)?;
        let mut t = self.tables.lock().expect("tables");
        t.places.insert(c.place.clone(), (json, c.next_deadline));
        t.activity
            .insert(c.place.clone(), (c.session_open, c.round_active));
        match c.members {
            None => {}
            Some(m) if m.is_empty() => {
                t.members.remove(c.place);
            }
            Some(m) => {
                t.members.insert(c.place.clone(), m.clone());
            }
        }
        let mut made = Vec::with_capacity(c.posts.len());
        for post in c.posts {
            t.next_id += 1;
            let e = OutboxEntry {
                id: t.next_id,
                place: c.place.clone(),
                created_at: c.now,
                post: post.clone(),
            };
            t.outbox.insert(e.id, e.clone());
            made.push(e);
        }
        Ok(made)
    }

    async fn places_with_deadlines(&self) -> Result<Vec<(PlaceId, Timestamp)>, StoreError> {
        let t = self.tables.lock().expect("tables");
        let mut v: Vec<_> = t
            .places
            .iter()
            .filter_map(|(p, (_, d))| d.map(|d| (p.clone(), d)))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        Ok(v)
    }

    async fn places_mentioning(&self, member: &MemberId) -> Result<Vec<PlaceId>, StoreError> {
        let t = self.tables.lock().expect("tables");
        Ok(t.members
            .iter()
            .filter(|(_, m)| m.contains(member))
            .map(|(p, _)| p.clone())
            .collect())
    }

    async fn pending_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        Ok(self
            .tables
            .lock()
            .expect("tables")
            .outbox
            .values()
            .cloned()
            .collect())
    }

    async fn mark_delivered(&self, ids: &[i64]) -> Result<(), StoreError> {
        let mut t = self.tables.lock().expect("tables");
        for id in ids {
            t.outbox.remove(id);
        }
        Ok(())
    }

    async fn activity(&self) -> Result<super::Activity, StoreError> {
        let t = self.tables.lock().expect("tables");
        Ok(super::Activity {
            open_sessions: t.activity.values().filter(|a| a.0).count() as i64,
            active_rounds: t.activity.values().filter(|a| a.1).count() as i64,
        })
    }

    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
