//! Persistence port: the `Store` trait the engine commits through, its records, and the
//! conformance suite every implementation must pass.

pub mod conformance;
mod memory;
mod postgres;
mod sqlite;

pub use memory::MemoryStore;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use std::collections::BTreeSet;

use crate::domain::{MemberId, Place, PlaceId, Post, Timestamp};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored state for a place could not be read: {0}")]
    Corrupt(String),
    #[error("unsupported database URL `{0}`: use sqlite://FILE or postgres://USER@HOST/DATABASE")]
    UnsupportedUrl(String),
}

/// A post waiting to be delivered, with the key that makes its delivery idempotent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub place: PlaceId,
    pub created_at: Timestamp,
    pub post: Post,
}

impl OutboxEntry {
    /// A stable idempotency key for platform APIs that accept one (Matrix txn ids, Discord nonces).
    pub fn key(&self) -> String {
        format!("sc-{}", self.id)
    }
}

/// One place's state to commit, with what the store indexes about it.
pub struct Commit<'a> {
    pub place: &'a PlaceId,
    pub state: &'a Place,
    pub next_deadline: Option<Timestamp>,
    /// The members the state mentions, when they changed since the last commit of this place
    /// (`None`: unchanged, the index is left as it is).
    pub members: Option<&'a BTreeSet<MemberId>>,
    pub now: Timestamp,
    /// For the operator's gauges: a session is open / a round is running.
    pub session_open: bool,
    pub round_active: bool,
    /// Posts to deliver after the commit, stored in the same transaction.
    pub posts: &'a [Post],
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    async fn load_place(&self, place: &PlaceId) -> Result<Option<Place>, StoreError>;
    /// Commits the state, its index rows and its outbox posts in one transaction; returns the
    /// outbox entries created, in order.
    async fn commit(&self, commit: Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError>;
    /// Places that need a tick, with their deadlines (for a restart).
    async fn places_with_deadlines(&self) -> Result<Vec<(PlaceId, Timestamp)>, StoreError>;
    /// Places whose state mentions the member.
    async fn places_mentioning(&self, member: &MemberId) -> Result<Vec<PlaceId>, StoreError>;
    /// Undelivered posts, oldest first.
    async fn pending_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError>;
    async fn mark_delivered(&self, ids: &[i64]) -> Result<(), StoreError>;
    /// How many places have an open session, and how many a running round.
    async fn activity(&self) -> Result<Activity, StoreError>;
    /// Whether the database answers (health checks).
    async fn ping(&self) -> Result<(), StoreError>;
}

/// Counts for the operator's gauges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Activity {
    pub open_sessions: i64,
    pub active_rounds: i64,
}

/// Opens the store a database URL names (`sqlite://FILE`, `sqlite::memory:`, `postgres://…`).
pub async fn open(
    url: &str,
    max_connections: u32,
) -> Result<std::sync::Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(std::sync::Arc::new(
            SqliteStore::open(url, max_connections).await?,
        ))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(std::sync::Arc::new(
            PostgresStore::open(url, max_connections).await?,
        ))
    } else {
        Err(StoreError::UnsupportedUrl(url.chars().take(40).collect()))
    }
}
