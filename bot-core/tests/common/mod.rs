//! Helpers shared by the engine's integration tests: a capturing sink, actors and a throwaway
//! PostgreSQL database.

#![allow(dead_code)]

use async_trait::async_trait;
use bot_core::domain::{Actor, Command, Member, Millis, PlaceId, Role, StatusView, Timestamp};
use bot_core::engine::{Clock, Delivery, Engine, ManualClock, Sink, SinkError};
use bot_core::store::{SqliteStore, Store};
use std::sync::{Arc, Mutex};

mod postgres;
#[allow(unused_imports)] // not every test file uses it
pub use postgres::ThrowawayPostgres;

/// Records every delivery with the clock's time at delivery, and every live-status change the
/// engine reports on its own (timers), with its time and the view.
pub struct CaptureSink {
    pub clock: Arc<dyn Clock>,
    pub got: Mutex<Vec<(Timestamp, Delivery)>>,
    pub statuses: Mutex<Vec<(Timestamp, Option<StatusView>)>>,
}

impl CaptureSink {
    pub fn new(clock: Arc<dyn Clock>) -> Arc<Self> {
        Arc::new(CaptureSink {
            clock,
            got: Mutex::new(vec![]),
            statuses: Mutex::new(vec![]),
        })
    }
    pub fn take(&self) -> Vec<(Timestamp, Delivery)> {
        std::mem::take(&mut *self.got.lock().unwrap())
    }
    pub fn take_statuses(&self) -> Vec<(Timestamp, Option<StatusView>)> {
        std::mem::take(&mut *self.statuses.lock().unwrap())
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
    async fn status_changed(&self, _place: &PlaceId, view: Option<StatusView>) {
        self.statuses.lock().unwrap().push((self.clock.now(), view));
    }
}

pub fn member(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Member,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

pub fn admin(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Admin,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

pub fn host(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Host,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

/// Robin opens a session, Ana and Ben check in, Robin starts a round of `share` turns.
pub fn a_round_of_two(share: Millis) -> [(Actor, Command); 4] {
    [
        (host("Robin"), Command::Open { name: None }),
        (member("Ana"), Command::CheckIn { word: None }),
        (member("Ben"), Command::CheckIn { word: None }),
        (
            host("Robin"),
            Command::RoundStart {
                share_time: Some(share),
                order: None,
            },
        ),
    ]
}

pub const T0: Timestamp = Timestamp(1_772_478_000_000); // 2026-03-02T19:00:00Z

/// An engine on the SQLite database at `url` (a process's start: resumed), with a capturing
/// sink for the `test` platform.
pub async fn sqlite_engine(url: &str, clock: Arc<ManualClock>) -> (Engine, Arc<CaptureSink>) {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(url, 2).await.unwrap());
    let engine = Engine::new(store, clock.clone(), "!");
    let sink = CaptureSink::new(clock);
    engine.add_sink("test", sink.clone());
    engine.resume().await.unwrap();
    (engine, sink)
}
