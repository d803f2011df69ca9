//! Work under way towards Discord (interaction answers, status updates, channel posts), counted so
//! that a stopping process lets it finish, for a bounded time, before it closes the gateway: an
//! answer is not cut off, and each status message's id is recorded for the next start.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How much work is under way.
#[derive(Default)]
pub struct InFlight {
    count: AtomicU64,
    idle: tokio::sync::Notify,
}

/// Held while a piece of work is under way (see [`InFlight::busy`]).
pub struct Busy(Arc<InFlight>);

impl Drop for Busy {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl InFlight {
    /// Counts work as under way until the guard drops: taken before work is spawned, so that a
    /// shutdown between the spawn and the work waits for it too.
    pub fn busy(self: &Arc<Self>) -> Busy {
        self.count.fetch_add(1, Ordering::SeqCst);
        Busy(self.clone())
    }

    /// Waits, at most `limit`, until no work is under way; says whether none is.
    pub async fn settle(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            // Created before the check: a `notify_waiters` after this point wakes it.
            let idle = self.idle.notified();
            if self.count.load(Ordering::SeqCst) == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return self.count.load(Ordering::SeqCst) == 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn settling_waits_for_work_under_way_up_to_the_limit() {
        let work = Arc::new(InFlight::default());
        assert!(
            work.settle(Duration::from_secs(5)).await,
            "nothing under way"
        );
        let busy = work.busy();
        let started = tokio::time::Instant::now();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(800)).await;
            drop(busy);
        });
        assert!(work.settle(Duration::from_secs(5)).await);
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(800),
            "until the work finished"
        );
        let _stuck = work.busy();
        assert!(
            !work.settle(Duration::from_secs(5)).await,
            "gives up after the limit"
        );
        assert_eq!(started.elapsed(), Duration::from_millis(5800));
    }
}
