//! The SQLite store (the embedded default): WAL journal, `synchronous=NORMAL`, migrations at open.

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

use super::{Commit, OutboxEntry, Store, StoreError};
use crate::domain::{MemberId, Place, PlaceId, Post, Timestamp};

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` and applies migrations.
    /// `sqlite::memory:` gives a private in-memory database that lives as long as the store.
    pub async fn open(url: &str, max_connections: u32) -> Result<SqliteStore, StoreError> {
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let opts = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(if memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let mut pool = SqlitePoolOptions::new();
        if memory {
            // Every connection to `:memory:` is its own database: keep exactly one, forever.
            pool = pool
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
        } else {
            pool = pool.max_connections(max_connections.max(1));
        }
        let pool = pool.connect_with(opts).await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// The pool, for tests that inspect rows directly.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

fn decode_place(json: &str) -> Result<Place, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn decode_post(json: &str) -> Result<Post, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
}

#[async_trait]
impl Store for SqliteStore {
    async fn load_place(&self, place: &PlaceId) -> Result<Option<Place>, StoreError> {
        let row = sqlx::query("SELECT state FROM places WHERE place_id = ?1")
            .bind(place.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| decode_place(r.get::<&str, _>(0))).transpose()
    }

    async fn commit(&self, c: Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
        let state =
            serde_json::to_string(c.state).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let upsert = sqlx::query(
            "INSERT INTO places (place_id, state, next_deadline, updated_at, session_open, round_active)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (place_id) DO UPDATE SET state = excluded.state,
                 next_deadline = excluded.next_deadline, updated_at = excluded.updated_at,
                 session_open = excluded.session_open, round_active = excluded.round_active",
        )
        .bind(c.place.as_str())
        .bind(state)
        .bind(c.next_deadline.map(|t| t.0))
        .bind(c.now.0)
        .bind(c.session_open as i64)
        .bind(c.round_active as i64);
        if c.members.is_none() && c.posts.is_empty() {
            // Nothing else to write: one statement is atomic by itself (the common case, e.g. a
            // raised hand), and saves the round trips of an explicit transaction.
            upsert.execute(&self.pool).await?;
            return Ok(Vec::new());
        }
        let mut tx = self.pool.begin().await?;
        upsert.execute(&mut *tx).await?;
        if let Some(members) = c.members {
            let existing: Vec<String> =
                sqlx::query("SELECT member_id FROM place_members WHERE place_id = ?1")
                    .bind(c.place.as_str())
                    .fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .map(|r| r.get::<String, _>(0))
                    .collect();
            for gone in existing
                .iter()
                .filter(|m| !members.contains(&MemberId::new(m.as_str())))
            {
                sqlx::query("DELETE FROM place_members WHERE place_id = ?1 AND member_id = ?2")
                    .bind(c.place.as_str())
                    .bind(gone)
                    .execute(&mut *tx)
                    .await?;
            }
            for new in members
                .iter()
                .filter(|m| !existing.iter().any(|e| e == m.as_str()))
            {
                sqlx::query("INSERT INTO place_members (place_id, member_id) VALUES (?1, ?2)")
                    .bind(c.place.as_str())
                    .bind(new.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let mut entries = Vec::with_capacity(c.posts.len());
        for post in c.posts {
            let json =
                serde_json::to_string(post).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let id: i64 = sqlx::query(
                "INSERT INTO outbox (place_id, created_at, post) VALUES (?1, ?2, ?3) RETURNING id",
            )
            .bind(c.place.as_str())
            .bind(c.now.0)
            .bind(&json)
            .fetch_one(&mut *tx)
            .await?
            .get(0);
            entries.push(OutboxEntry {
                id,
                place: c.place.clone(),
                created_at: c.now,
                post: post.clone(),
            });
        }
        tx.commit().await?;
        Ok(entries)
    }

    async fn places_with_deadlines(&self) -> Result<Vec<(PlaceId, Timestamp)>, StoreError> {
        let rows = sqlx::query("SELECT place_id, next_deadline FROM places WHERE next_deadline IS NOT NULL ORDER BY next_deadline")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                (
                    PlaceId::new(r.get::<String, _>(0)),
                    Timestamp(r.get::<i64, _>(1)),
                )
            })
            .collect())
    }

    async fn places_mentioning(&self, member: &MemberId) -> Result<Vec<PlaceId>, StoreError> {
        let rows = sqlx::query(
            "SELECT place_id FROM place_members WHERE member_id = ?1 ORDER BY place_id",
        )
        .bind(member.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| PlaceId::new(r.get::<String, _>(0)))
            .collect())
    }

    async fn pending_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        let rows = sqlx::query("SELECT id, place_id, created_at, post FROM outbox ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(OutboxEntry {
                    id: r.get(0),
                    place: PlaceId::new(r.get::<String, _>(1)),
                    created_at: Timestamp(r.get(2)),
                    post: decode_post(r.get::<&str, _>(3))?,
                })
            })
            .collect()
    }

    async fn mark_delivered(&self, ids: &[i64]) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        for id in ids {
            sqlx::query("DELETE FROM outbox WHERE id = ?1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn activity(&self) -> Result<super::Activity, StoreError> {
        let row = sqlx::query(
            "SELECT COALESCE(SUM(session_open), 0), COALESCE(SUM(round_active), 0) FROM places",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(super::Activity {
            open_sessions: row.get(0),
            active_rounds: row.get(1),
        })
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
