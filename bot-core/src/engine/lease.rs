//! Leases in a shared database: this process's name and lease, renewing it, taking over the
//! places of processes whose lease ran out, retiring, and singletons held by one process.

use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

use super::{Delivery, Engine, EngineError};
use crate::domain::{Millis, Timestamp};

/// How long a process's lease lasts unless configured (`database.lease`).
pub const DEFAULT_LEASE: Millis = Millis(10_000);

/// A name for this process among those sharing a database, `{host}-{pid}-{xxxx}` (`xxxx`: a
/// random suffix, so a restarted process with the same pid is another one). The caller names
/// the host; the engine reads no files.
pub fn process_id_on(host: &str) -> String {
    format!("{host}-{}", unnamed_host_process_id())
}

/// `{pid}-{xxxx}`: the name of a process whose host was not given.
pub(super) fn unnamed_host_process_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    format!("{}-{:04x}", std::process::id(), h.finish() & 0xffff)
}

/// This process's name and lease.
pub(super) struct Lease {
    /// This process's name among those sharing the database.
    process: String,
    /// How long the lease lasts (ms).
    length: AtomicI64,
    /// Until when this process's lease was last renewed.
    alive_until: AtomicI64,
}

impl Lease {
    pub(super) fn new(process: String) -> Lease {
        Lease {
            process,
            length: AtomicI64::new(DEFAULT_LEASE.0),
            alive_until: AtomicI64::new(0),
        }
    }
}

impl Engine {
    /// Sets how long this process's lease lasts (`database.lease`): when it stops renewing it,
    /// other processes take its places' timers and posts after this long.
    pub fn set_lease(&self, lease: Millis) {
        self.inner.lease.length.store(lease.0.max(1), Relaxed);
    }

    pub(super) fn lease(&self) -> i64 {
        self.inner.lease.length.load(Relaxed)
    }

    /// This process's name in the shared database (by default pid and a random suffix;
    /// [`Engine::with_process_id`] names it, e.g. with [`process_id_on`]).
    pub fn process_id(&self) -> &str {
        &self.inner.lease.process
    }

    /// With a shared database: renews this process's lease and takes over the places of
    /// processes whose lease ran out (their undelivered posts first, in order, then their
    /// timers). Returns how many places were taken.
    pub async fn maintain(&self) -> Result<usize, EngineError> {
        let store = &self.inner.store;
        let me = self.process_id();
        let now = self.now();
        let before = self.inner.lease.alive_until.load(Relaxed);
        if before > 0 && now.0 > before {
            tracing::warn!(
                late_ms = now.0 - before,
                "this process's lease ran out before it was renewed; others may have taken its places"
            );
        }
        let until = now.0 + self.lease();
        store.heartbeat(me, Timestamp(until)).await?;
        self.inner.lease.alive_until.store(until, Relaxed);
        let mut taken = 0;
        for (place, holder) in store.orphans(me, now, 500).await? {
            // Only places of platforms this process serves (a Matrix room needs the Matrix session).
            if self.sink_for(&place).is_none()
                || !store.claim(&place, me, holder.as_deref()).await?
            {
                continue;
            }
            taken += 1;
            metrics::counter!("sharecircle_takeovers_total").increment(1);
            tracing::info!(place = %place, "took over a place whose process stopped");
            let slot = self.slot(&place);
            let mut g = slot.lock().await;
            g.loaded = false;
            self.refresh(&place, &mut g).await?;
            let next = g.place.as_ref().and_then(|p| p.next_deadline());
            let pending = store.pending_outbox_of(&place).await?;
            drop(g);
            self.deliver_via_sinks(pending.into_iter().map(Delivery::from).collect())
                .await?;
            self.set_deadline(&place, next);
        }
        Ok(taken)
    }

    /// A clean shutdown: lands the acknowledgements still waiting and ends this process's lease,
    /// so others take its places at once.
    pub async fn retire(&self) -> Result<(), EngineError> {
        self.inner.store.flush().await?;
        if self.inner.shared {
            self.inner.store.retire(self.process_id()).await?;
        }
        Ok(())
    }

    /// Takes the named singleton (e.g. `matrix`) for this process if no live process holds it.
    pub async fn acquire_singleton(&self, name: &str) -> Result<bool, EngineError> {
        let me = self.process_id();
        Ok(self
            .inner
            .store
            .acquire_singleton(name, me, self.now())
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::process_id_on;
    use crate::domain::Timestamp;
    use crate::engine::{Engine, ManualClock};
    use crate::store::MemoryStore;

    /// `{pid}-{xxxx}` with a four-digit hex suffix.
    fn assert_pid_and_suffix(name: &str) {
        let (pid, suffix) = name.rsplit_once('-').expect("a suffix");
        assert_eq!(pid, std::process::id().to_string());
        assert_eq!(suffix.len(), 4, "{name}");
        assert!(suffix.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
    }

    fn engine(process: Option<&str>) -> Engine {
        let store = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::new(Timestamp(0)));
        match process {
            Some(p) => Engine::with_process_id(store, clock, "!", p.to_string()),
            None => Engine::new(store, clock, "!"),
        }
    }

    #[test]
    fn a_process_on_a_host_is_named_host_pid_and_suffix() {
        let name = process_id_on("box-1");
        let rest = name.strip_prefix("box-1-").expect("the host first");
        assert_pid_and_suffix(rest);
    }

    #[test]
    fn an_engine_keeps_the_process_id_it_is_given() {
        assert_eq!(engine(Some("box-1-42-beef")).process_id(), "box-1-42-beef");
    }

    #[test]
    fn an_engine_not_given_a_process_id_names_it_by_pid_and_suffix() {
        assert_pid_and_suffix(engine(None).process_id());
    }
}
