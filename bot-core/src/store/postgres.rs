//! The PostgreSQL store, for when one machine is not enough: the same contract as SQLite, with
//! migrations of its own applied at open.

use async_trait::async_trait;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::Row;
use std::time::Duration;

use super::batch::Writer;
use super::{Commit, OutboxEntry, Store, StoreError};
use crate::domain::{MemberId, Place, PlaceId, Post, Timestamp};

pub struct PostgresStore {
    pool: PgPool,
    /// Commits and acknowledgements go through one writer that batches them.
    writer: Writer,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and applies migrations.
    pub async fn open(url: &str, max_connections: u32) -> Result<PostgresStore, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(PostgresStore {
            writer: Writer::postgres(pool.clone()),
            pool,
        })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

fn corrupt(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// An outbox row selected as `id, place_id, created_at, post`.
fn decode_outbox(r: &sqlx::postgres::PgRow) -> Result<OutboxEntry, StoreError> {
    Ok(OutboxEntry {
        id: r.get(0),
        place: PlaceId::new(r.get::<String, _>(1)),
        created_at: Timestamp(r.get(2)),
        post: serde_json::from_str::<Post>(r.get::<&str, _>(3)).map_err(corrupt)?,
    })
}

#[async_trait]
impl Store for PostgresStore {
    async fn load_versioned(&self, place: &PlaceId) -> Result<Option<(Place, i64)>, StoreError> {
        let row = sqlx::query("SELECT state, version FROM places WHERE place_id = $1")
            .bind(place.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok((
                serde_json::from_str(r.get::<&str, _>(0)).map_err(corrupt)?,
                r.get(1),
            ))
        })
        .transpose()
    }

    async fn version_of(&self, place: &PlaceId) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT version FROM places WHERE place_id = $1")
            .bind(place.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get(0)).unwrap_or(0))
    }

    fn shared(&self) -> bool {
        true
    }

    async fn commit(&self, c: Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
        self.writer.commit(&c).await
    }

    async fn places_with_deadlines(&self) -> Result<Vec<(PlaceId, Timestamp)>, StoreError> {
        let rows = sqlx::query("SELECT place_id, next_deadline FROM places WHERE next_deadline IS NOT NULL ORDER BY next_deadline, place_id")
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
            "SELECT place_id FROM place_members WHERE member_id = $1 ORDER BY place_id",
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
        rows.into_iter().map(|r| decode_outbox(&r)).collect()
    }

    async fn pending_outbox_of(&self, place: &PlaceId) -> Result<Vec<OutboxEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, place_id, created_at, post FROM outbox WHERE place_id = $1 ORDER BY id",
        )
        .bind(place.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|r| decode_outbox(&r)).collect()
    }

    async fn pending_outbox_held_by(&self, holder: &str) -> Result<Vec<OutboxEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, o.place_id, o.created_at, o.post FROM outbox o
             JOIN places p ON p.place_id = o.place_id WHERE p.holder = $1 ORDER BY o.id",
        )
        .bind(holder)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|r| decode_outbox(&r)).collect()
    }

    async fn heartbeat(&self, process: &str, alive_until: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO processes (id, alive_until) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET alive_until = excluded.alive_until",
        )
        .bind(process)
        .bind(alive_until.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn retire(&self, process: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM processes WHERE id = $1")
            .bind(process)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn orphans(
        &self,
        me: &str,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<(PlaceId, Option<String>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.place_id, p.holder FROM places p
             WHERE (p.next_deadline IS NOT NULL
                    OR EXISTS (SELECT 1 FROM outbox o WHERE o.place_id = p.place_id))
               AND (p.holder IS NULL OR p.holder <> $1)
               AND NOT EXISTS (SELECT 1 FROM processes r
                               WHERE r.id = p.holder AND r.alive_until >= $2)
             ORDER BY p.next_deadline NULLS FIRST LIMIT $3",
        )
        .bind(me)
        .bind(now.0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (PlaceId::new(r.get::<String, _>(0)), r.get(1)))
            .collect())
    }

    async fn claim(
        &self,
        place: &PlaceId,
        me: &str,
        from: Option<&str>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE places SET holder = $2 WHERE place_id = $1 AND holder IS NOT DISTINCT FROM $3",
        )
        .bind(place.as_str())
        .bind(me)
        .bind(from)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn acquire_singleton(
        &self,
        name: &str,
        me: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO singletons (name, holder) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder
             WHERE singletons.holder = excluded.holder
                OR NOT EXISTS (SELECT 1 FROM processes r
                               WHERE r.id = singletons.holder AND r.alive_until >= $3)",
        )
        .bind(name)
        .bind(me)
        .bind(now.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn mark_delivered(&self, ids: &[i64]) -> Result<(), StoreError> {
        self.writer.delivered(ids).await
    }

    async fn activity(&self) -> Result<super::Activity, StoreError> {
        let row = sqlx::query("SELECT COALESCE(SUM(session_open), 0)::BIGINT, COALESCE(SUM(round_active), 0)::BIGINT FROM places")
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
