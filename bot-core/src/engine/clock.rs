//! Clocks for the engine: the system clock, one that follows tokio's (pausable) time, and a
//! manual one for virtual-time consoles and tests.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::domain::Timestamp;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

/// Wall-clock UTC.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(d.as_millis() as i64)
    }
}

/// UTC as seen through tokio's clock: with `tokio::time::pause()` it advances only when the
/// runtime auto-advances or a test calls `advance`, so timers can be tested without sleeping.
pub struct TokioClock {
    base_utc: Timestamp,
    base: tokio::time::Instant,
}

impl TokioClock {
    pub fn starting_at(base_utc: Timestamp) -> Self {
        TokioClock {
            base_utc,
            base: tokio::time::Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    fn now(&self) -> Timestamp {
        let elapsed = tokio::time::Instant::now().duration_since(self.base);
        Timestamp(self.base_utc.0 + elapsed.as_millis() as i64)
    }
}

/// A clock that moves only when told to.
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        ManualClock(AtomicI64::new(start.0))
    }
    pub fn set(&self, t: Timestamp) {
        self.0.store(t.0, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}
