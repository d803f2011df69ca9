//! Persistence port: the `Store` trait the engine commits through and its records (the
//! conformance suite every implementation must pass is test code: `bot-core/tests/conformance`).

mod batch;
mod memory;
mod postgres;
mod sql;
mod sqlite;

pub use memory::MemoryStore;

pub mod statements {
    //! The statements of a lone command's commit, exactly as the SQL stores send them: for
    //! measuring what the database alone costs for a command (`sharecircle bench`, P1's floor),
    //! with no engine and no encoding in between.
    pub use super::batch::{PG_ONE_GO, SQLITE_ONE_GO, UPSERT_ONE};
}
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
    #[error("the place changed in another process since it was read")]
    Conflict,
    #[error("the store's writer has stopped (the process is shutting down)")]
    Stopped,
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
    /// The version the new state was computed from (0: the place had no row yet). The commit
    /// lands only if the stored version is still this one, and stores `base_version + 1`;
    /// otherwise it fails with [`StoreError::Conflict`] and changes nothing.
    pub base_version: i64,
    /// The committing process, when several share the database: it becomes the place's holder.
    pub holder: Option<&'a str>,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// A place's state and version, if it was ever committed.
    async fn load_versioned(&self, place: &PlaceId) -> Result<Option<(Place, i64)>, StoreError>;
    async fn load_place(&self, place: &PlaceId) -> Result<Option<Place>, StoreError> {
        Ok(self.load_versioned(place).await?.map(|(p, _)| p))
    }
    /// A place's stored version (0: none), to tell whether a cached state is still current.
    async fn version_of(&self, place: &PlaceId) -> Result<i64, StoreError>;
    /// Commits the state, its index rows and its outbox posts in one transaction, if the stored
    /// version is still `base_version`; returns the outbox entries created, in order.
    async fn commit(&self, commit: Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError>;
    /// Whether other processes may write to this database at the same time (PostgreSQL), so
    /// that cached states must be checked against the stored version before each use.
    fn shared(&self) -> bool {
        false
    }
    /// Records that `process` is alive until `alive_until` (its lease).
    async fn heartbeat(&self, process: &str, alive_until: Timestamp) -> Result<(), StoreError>;
    /// Ends `process`'s lease at once (a clean shutdown): others take its work without waiting.
    async fn retire(&self, process: &str) -> Result<(), StoreError>;
    /// Up to `limit` places with a deadline or undelivered posts whose holder is neither `me`
    /// nor a process alive at `now`, with that holder: work a dead process left behind.
    async fn orphans(
        &self,
        me: &str,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<(PlaceId, Option<String>)>, StoreError>;
    /// Makes `me` the holder of `place` if its holder is still `from`; says whether it did.
    async fn claim(
        &self,
        place: &PlaceId,
        me: &str,
        from: Option<&str>,
    ) -> Result<bool, StoreError>;
    /// Takes the named singleton (e.g. the Matrix session) for `me` if it is free, already
    /// `me`'s, or held by a process whose lease ran out before `now`; says whether `me` holds it.
    async fn acquire_singleton(
        &self,
        name: &str,
        me: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Places that need a tick, with their deadlines (for a restart).
    async fn places_with_deadlines(&self) -> Result<Vec<(PlaceId, Timestamp)>, StoreError>;
    /// Places whose state mentions the member.
    async fn places_mentioning(&self, member: &MemberId) -> Result<Vec<PlaceId>, StoreError>;
    /// Undelivered posts, oldest first.
    async fn pending_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError>;
    /// Undelivered posts of one place, oldest first.
    async fn pending_outbox_of(&self, place: &PlaceId) -> Result<Vec<OutboxEntry>, StoreError>;
    /// Undelivered posts of the places `holder` holds, oldest first.
    async fn pending_outbox_held_by(&self, holder: &str) -> Result<Vec<OutboxEntry>, StoreError>;
    /// Delivered posts leave the outbox: the store's reads leave them out from now on. The SQL
    /// stores land the removal with the next commit or within a few milliseconds, without making
    /// the caller wait (a crash before it lands delivers them again, with the same keys).
    async fn mark_delivered(&self, ids: &[i64]) -> Result<(), StoreError>;
    /// Lands whatever [`Store::mark_delivered`] left waiting (a clean shutdown).
    async fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// How many places have an open session, and how many a running round.
    async fn activity(&self) -> Result<Activity, StoreError>;
    /// Whether the database answers (health checks).
    async fn ping(&self) -> Result<(), StoreError>;
    /// A place's live status message as an adapter recorded it: the platform's message id and
    /// the session it shows (its `opened_at`). No member data: ids of the bot's own messages.
    async fn status_message(&self, place: &PlaceId) -> Result<Option<StatusMessage>, StoreError>;
    /// Every recorded status message of one platform (place ids starting with `platform:`).
    async fn status_messages_of(
        &self,
        platform: &str,
    ) -> Result<Vec<(PlaceId, StatusMessage)>, StoreError>;
    /// Records a place's status message, or forgets it (`None`, the session closed).
    async fn set_status_message(
        &self,
        place: &PlaceId,
        message: Option<&StatusMessage>,
    ) -> Result<(), StoreError>;
}

/// Where a place's live status message is: kept so that it is edited, not posted again, after a
/// restart or a takeover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    /// The platform's id of the message (a Discord message id, a Matrix event id).
    pub message_id: String,
    /// The session it shows.
    pub opened_at: Timestamp,
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
