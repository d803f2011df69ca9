//! Handling each event once: a bounded memory of the event ids already handled, plus the rule
//! that events sent before this process started never run (they belong to the history).

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// How many event ids are remembered; the oldest are forgotten first.
pub const CAPACITY: usize = 8192;

/// Decides whether an incoming event is new.
pub struct Gate {
    started_ms: i64,
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    set: HashSet<String>,
    order: VecDeque<String>,
}

impl Gate {
    /// Events with an `origin_server_ts` before `started_ms` are history.
    pub fn new(started_ms: i64) -> Gate {
        Gate {
            started_ms,
            seen: Mutex::new(Seen::default()),
        }
    }

    /// True the first time a new (not historical) event id is offered; false for history and
    /// for every repeat.
    pub fn admit(&self, event_id: &str, origin_server_ts_ms: i64) -> bool {
        if origin_server_ts_ms < self.started_ms {
            return false;
        }
        let mut s = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if s.set.contains(event_id) {
            return false;
        }
        if s.order.len() >= CAPACITY {
            if let Some(old) = s.order.pop_front() {
                s.set.remove(&old);
            }
        }
        s.set.insert(event_id.to_string());
        s.order.push_back(event_id.to_string());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_and_repeats_are_refused() {
        let g = Gate::new(1000);
        assert!(!g.admit("$old", 999));
        assert!(g.admit("$a", 1000));
        assert!(!g.admit("$a", 1000));
        assert!(g.admit("$b", 2000));
    }

    #[test]
    fn memory_is_bounded() {
        let g = Gate::new(0);
        for i in 0..CAPACITY + 10 {
            assert!(g.admit(&format!("${i}"), 1));
        }
        let s = g.seen.lock().unwrap();
        assert_eq!(s.set.len(), CAPACITY);
        assert_eq!(s.order.len(), CAPACITY);
        drop(s);
        assert!(!g.admit(&format!("${}", CAPACITY + 9), 1));
        // the very first ids have been forgotten
        assert!(g.admit("$0", 1));
    }
}
