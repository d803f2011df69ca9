//! Clocks for the engine: the system clock, one that follows tokio's (pausable) time, and a
//! manual one for virtual-time consoles and tests.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::domain::Timestamp;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
    /// How long to wait in real (tokio) time for `ms` of this clock's time to pass.
    fn real_duration(&self, ms: i64) -> std::time::Duration {
        std::time::Duration::from_millis(ms.max(0) as u64)
    }
    /// How long to wait in real time until this clock shows `at` (zero if it already does).
    /// Clocks that read the wall clock answer to the microsecond, so a timer does not wake up
    /// to a millisecond late just because timestamps are whole milliseconds.
    fn real_until(&self, at: Timestamp) -> std::time::Duration {
        self.real_duration(at.0.saturating_sub(self.now().0))
    }
}

/// Microseconds since the Unix epoch, from the system clock.
fn wall_micros() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
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
    fn real_until(&self, at: Timestamp) -> std::time::Duration {
        std::time::Duration::from_micros(
            at.0.saturating_mul(1000)
                .saturating_sub(wall_micros())
                .max(0) as u64,
        )
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

/// Wall-clock time running `speed` times faster from a fixed origin: `origin_time` at the wall
/// instant `origin_wall` (unix ms). Processes given the same three numbers share one timeline,
/// so a rehearsal or a crash test can run ten-second shares in one second and still restart.
pub struct ScaledClock {
    origin_time: Timestamp,
    origin_wall: i64,
    speed: u32,
}

impl ScaledClock {
    pub fn new(origin_time: Timestamp, origin_wall: i64, speed: u32) -> Self {
        ScaledClock {
            origin_time,
            origin_wall,
            speed: speed.max(1),
        }
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> Timestamp {
        let wall = SystemClock.now().0;
        Timestamp(self.origin_time.0 + (wall - self.origin_wall) * self.speed as i64)
    }
    fn real_duration(&self, ms: i64) -> std::time::Duration {
        // Round up, so a timer never wakes before its deadline.
        let s = self.speed as u64;
        std::time::Duration::from_millis((ms.max(0) as u64).div_ceil(s))
    }
    fn real_until(&self, at: Timestamp) -> std::time::Duration {
        // Virtual microseconds still to go, in real microseconds (rounded up).
        let now = self.origin_time.0 * 1000
            + (wall_micros() - self.origin_wall * 1000) * self.speed as i64;
        let left = (at.0.saturating_mul(1000) - now).max(0) as u64;
        std::time::Duration::from_micros(left.div_ceil(self.speed as u64))
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
