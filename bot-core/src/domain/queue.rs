//! The speaker queue (raised hands in the order they will be called) and its fairness rule:
//! with fairness on, members who have not shared yet stand ahead of those who have.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::ids::{MemberId, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub member: MemberId,
    pub raised_at: Timestamp,
}

/// The raised hands and who has shared in the session, borrowed from it: what fairness orders
/// the queue by.
pub(crate) struct Floor<'a> {
    pub(crate) queue: &'a mut Vec<QueueEntry>,
    pub(crate) shared: &'a mut BTreeSet<MemberId>,
    pub(crate) fairness: bool,
}

/// Where `id` stands in the queue.
pub(crate) fn position(queue: &[QueueEntry], id: &MemberId) -> Option<usize> {
    queue.iter().position(|e| &e.member == id)
}

/// Lowers `id`'s hand; says whether it was up.
pub(crate) fn lower(queue: &mut Vec<QueueEntry>, id: &MemberId) -> bool {
    let before = queue.len();
    queue.retain(|e| &e.member != id);
    queue.len() != before
}

impl Floor<'_> {
    /// Raises a hand: behind everyone, or with fairness on, a member who has not shared goes
    /// ahead of everyone who has. Returns where it went.
    pub(crate) fn raise(&mut self, entry: QueueEntry) -> usize {
        let idx = if self.fairness && !self.shared.contains(&entry.member) {
            self.first_shared()
        } else {
            self.queue.len()
        };
        self.queue.insert(idx, entry);
        idx
    }

    /// Records that a member shared; with fairness on, their raised hand moves behind everyone
    /// who has not shared yet. Says whether the queue's order changed.
    pub(crate) fn mark_shared(&mut self, id: &MemberId) -> bool {
        self.shared.insert(id.clone());
        if self.fairness {
            if let Some(i) = position(self.queue, id) {
                let entry = self.queue.remove(i);
                let to = self.first_shared();
                self.queue.insert(to, entry);
                return to != i;
            }
        }
        false
    }

    /// With fairness on, members who shared go behind the rest, keeping their order otherwise.
    pub(crate) fn reorder_for_fairness(&mut self) {
        let shared = &*self.shared;
        let (fresh, done): (Vec<QueueEntry>, Vec<QueueEntry>) = self
            .queue
            .drain(..)
            .partition(|e| !shared.contains(&e.member));
        *self.queue = fresh.into_iter().chain(done).collect();
    }

    fn first_shared(&self) -> usize {
        self.queue
            .iter()
            .position(|e| self.shared.contains(&e.member))
            .unwrap_or(self.queue.len())
    }
}
