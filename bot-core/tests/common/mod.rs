//! Helpers shared by the engine's integration tests: a capturing sink and actors.

#![allow(dead_code)]

use async_trait::async_trait;
use bot_core::domain::{Actor, Member, Role, Timestamp};
use bot_core::engine::{Clock, Delivery, Sink, SinkError};
use std::sync::{Arc, Mutex};

/// Records every delivery with the clock's time at delivery.
pub struct CaptureSink {
    pub clock: Arc<dyn Clock>,
    pub got: Mutex<Vec<(Timestamp, Delivery)>>,
}

impl CaptureSink {
    pub fn new(clock: Arc<dyn Clock>) -> Arc<Self> {
        Arc::new(CaptureSink {
            clock,
            got: Mutex::new(vec![]),
        })
    }
    pub fn take(&self) -> Vec<(Timestamp, Delivery)> {
        std::mem::take(&mut *self.got.lock().unwrap())
    }
    pub fn texts(&self) -> Vec<String> {
        self.got
            .lock()
            .unwrap()
            .iter()
            .map(|(_, d)| bot_core::render::plain(&d.post.message))
            .collect()
    }
}

#[async_trait]
impl Sink for CaptureSink {
    async fn deliver(&self, d: &Delivery) -> Result<(), SinkError> {
        self.got.lock().unwrap().push((self.clock.now(), d.clone()));
        Ok(())
    }
}

pub fn member(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Member,
    }
}

pub fn host(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Host,
    }
}

pub const T0: Timestamp = Timestamp(1_772_478_000_000); // 2026-03-02T19:00:00Z
