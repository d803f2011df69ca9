//! The in-memory twin of the store: same contract, nothing on disk. For tests on tokio's paused
//! clock (where a database thread would let virtual time run away) and for embedding.

use async_trait::async_trait;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use super::{Commit, OutboxEntry, StatusMessage, Store, StoreError};
use crate::domain::{MemberId, Place, PlaceId, Timestamp};

#[derive(Default)]
struct Tables {
    places: BTreeMap<PlaceId, Row>,
    activity: BTreeMap<PlaceId, (bool, bool)>,
    members: BTreeMap<PlaceId, BTreeSet<MemberId>>,
    outbox: BTreeMap<i64, OutboxEntry>,
    next_id: i64,
    processes: BTreeMap<String, Timestamp>,
    singletons: BTreeMap<String, String>,
    status: BTreeMap<PlaceId, StatusMessage>,
}

struct Row {
    json: String,
    deadline: Option<Timestamp>,
    version: i64,
    holder: Option<String>,
}

impl Tables {
    fn alive(&self, process: &str, now: Timestamp) -> bool {
        self.processes.get(process).is_some_and(|t| *t >= now)
    }
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
    async fn load_versioned(&self, place: &PlaceId) -> Result<Option<(Place, i64)>, StoreError> {
        let t = self.tables.lock().expect("tables");
        // Stored as JSON, like the databases, so the twin catches what would not round-trip.
        t.places
            .get(place)
            .map(|r| Ok((super::sql::decode_place(&r.json)?, r.version)))
            .transpose()
    }

    async fn version_of(&self, place: &PlaceId) -> Result<i64, StoreError> {
        let t = self.tables.lock().expect("tables");
        Ok(t.places.get(place).map_or(0, |r| r.version))
    }

    async fn commit(&self, c: Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
        let mut json = serde_json::to_string(c.state).map_err(corrupt)?;
        // Kept for as long as the place lives: without the slack a growing buffer leaves (up to
        // half of it), which also made P4's subtraction of this copy fall short.
        json.shrink_to_fit();
        let mut t = self.tables.lock().expect("tables");
        if t.places.get(c.place).map_or(0, |r| r.version) != c.base_version {
            return Err(StoreError::Conflict);
        }
        t.places.insert(
            c.place.clone(),
            Row {
                json,
                deadline: c.next_deadline,
                version: c.base_version + 1,
                holder: c.holder.map(str::to_string),
            },
        );
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
            .filter_map(|(p, r)| r.deadline.map(|d| (p.clone(), d)))
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

    async fn pending_outbox_of(&self, place: &PlaceId) -> Result<Vec<OutboxEntry>, StoreError> {
        let t = self.tables.lock().expect("tables");
        Ok(t.outbox
            .values()
            .filter(|e| &e.place == place)
            .cloned()
            .collect())
    }

    async fn pending_outbox_held_by(&self, holder: &str) -> Result<Vec<OutboxEntry>, StoreError> {
        let t = self.tables.lock().expect("tables");
        Ok(t.outbox
            .values()
            .filter(|e| {
                t.places
                    .get(&e.place)
                    .is_some_and(|r| r.holder.as_deref() == Some(holder))
            })
            .cloned()
            .collect())
    }

    async fn heartbeat(&self, process: &str, alive_until: Timestamp) -> Result<(), StoreError> {
        let mut t = self.tables.lock().expect("tables");
        t.processes.insert(process.to_string(), alive_until);
        Ok(())
    }

    async fn retire(&self, process: &str) -> Result<(), StoreError> {
        self.tables
            .lock()
            .expect("tables")
            .processes
            .remove(process);
        Ok(())
    }

    async fn orphans(
        &self,
        me: &str,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<(PlaceId, Option<String>)>, StoreError> {
        let t = self.tables.lock().expect("tables");
        let mut v: Vec<(Option<Timestamp>, PlaceId, Option<String>)> = t
            .places
            .iter()
            .filter(|(p, r)| r.deadline.is_some() || t.outbox.values().any(|e| &e.place == *p))
            .filter(|(_, r)| match &r.holder {
                None => true,
                Some(h) => h != me && !t.alive(h, now),
            })
            .map(|(p, r)| (r.deadline, p.clone(), r.holder.clone()))
            .collect();
        v.sort();
        Ok(v.into_iter()
            .take(limit.max(0) as usize)
            .map(|(_, p, h)| (p, h))
            .collect())
    }

    async fn claim(
        &self,
        place: &PlaceId,
        me: &str,
        from: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut t = self.tables.lock().expect("tables");
        match t.places.get_mut(place) {
            Some(r) if r.holder.as_deref() == from => {
                r.holder = Some(me.to_string());
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn acquire_singleton(
        &self,
        name: &str,
        me: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut t = self.tables.lock().expect("tables");
        let free = match t.singletons.get(name) {
            None => true,
            Some(h) => h == me || !t.alive(h, now),
        };
        if free {
            t.singletons.insert(name.to_string(), me.to_string());
        }
        Ok(free)
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

    async fn status_message(&self, place: &PlaceId) -> Result<Option<StatusMessage>, StoreError> {
        Ok(self
            .tables
            .lock()
            .expect("tables")
            .status
            .get(place)
            .cloned())
    }

    async fn status_messages_of(
        &self,
        platform: &str,
    ) -> Result<Vec<(PlaceId, StatusMessage)>, StoreError> {
        let prefix = format!("{platform}:");
        let t = self.tables.lock().expect("tables");
        let mut found: Vec<(PlaceId, StatusMessage)> = t
            .status
            .iter()
            .filter(|(p, _)| p.as_str().starts_with(&prefix))
            .map(|(p, m)| (p.clone(), m.clone()))
            .collect();
        found.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        Ok(found)
    }

    async fn set_status_message(
        &self,
        place: &PlaceId,
        message: Option<&StatusMessage>,
    ) -> Result<(), StoreError> {
        let mut t = self.tables.lock().expect("tables");
        match message {
            Some(m) => t.status.insert(place.clone(), m.clone()),
            None => t.status.remove(place),
        };
        Ok(())
    }
}
