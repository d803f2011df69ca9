//! Helpers shared by the engine's integration tests: a capturing sink, actors and a throwaway
//! PostgreSQL database.

#![allow(dead_code)]

use async_trait::async_trait;
use bot_core::domain::{Actor, Command, Member, Millis, PlaceId, Role, StatusView, Timestamp};
use bot_core::engine::{Clock, Delivery, Sink, SinkError};
use std::sync::{Arc, Mutex};

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
    }
}

pub fn admin(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Admin,
    }
}

pub fn host(name: &str) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role: Role::Host,
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

/// A throwaway PostgreSQL database for one test, dropped at the end. The server comes from
/// `SHARECIRCLE_TEST_POSTGRES` (default: the local one on 127.0.0.1:5432 as `postgres`);
/// `scripts/test` makes sure one is running.
pub struct ThrowawayPostgres {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl ThrowawayPostgres {
    pub async fn create() -> ThrowawayPostgres {
        use sqlx::Connection;
        let admin_url = std::env::var("SHARECIRCLE_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!(
            "sc_test_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        );
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL is needed for this test (run scripts/test, or set SHARECIRCLE_TEST_POSTGRES): {e}"));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap();
        ThrowawayPostgres {
            url: format!("{base}/{name}"),
            admin_url,
            name,
        }
    }

    pub async fn drop_database(self) {
        use sqlx::Connection;
        let mut admin = sqlx::PgConnection::connect(&self.admin_url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut admin)
        .await
        .unwrap();
    }
}
