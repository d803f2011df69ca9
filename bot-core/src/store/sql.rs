//! The `Store` implementation both SQL databases share: every query is written once (SQLite and
//! PostgreSQL both take `$N` parameters and the SQL used here means the same in both), expanded
//! for each store type by `sql_store!`. Opening, pools and migrations stay in `sqlite.rs` and
//! `postgres.rs`; commits and acknowledgements go through the group-commit writer (`batch.rs`).

use super::{OutboxEntry, StoreError};
use crate::domain::{Place, PlaceId, Post, Timestamp};

pub(crate) fn corrupt(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

pub(crate) fn decode_place(json: &str) -> Result<Place, StoreError> {
    crate::domain::MemberId::shared_while(|| serde_json::from_str(json)).map_err(corrupt)
}

/// An outbox row selected as `id, place_id, created_at, post`.
pub(crate) fn decode_outbox<R>(r: &R) -> Result<OutboxEntry, StoreError>
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(OutboxEntry {
        id: r.get(0),
        place: PlaceId::new(r.get::<String, _>(1)),
        created_at: Timestamp(r.get(2)),
        post: serde_json::from_str::<Post>(&r.get::<String, _>(3)).map_err(corrupt)?,
    })
}

/// Outbox rows (see [`decode_outbox`]) but those acknowledged whose removal has not landed yet.
pub(crate) fn decode_pending<R>(
    rows: &[R],
    acknowledged: &std::collections::HashSet<i64>,
) -> Result<Vec<OutboxEntry>, StoreError>
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    rows.iter()
        .filter(|r| !acknowledged.contains(&r.get::<i64, _>(0)))
        .map(decode_outbox)
        .collect()
}

/// `impl Store` for a store type with fields `pool` (a sqlx pool) and `writer` (its group-commit
/// writer). `shared`: whether other processes may use the same database.
macro_rules! sql_store {
    ($store:ty, shared = $shared:expr) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn load_versioned(
                &self,
                place: &$crate::domain::PlaceId,
            ) -> Result<Option<($crate::domain::Place, i64)>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT state, version FROM places WHERE place_id = $1")
                    .bind(place.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| {
                    Ok((
                        $crate::store::sql::decode_place(r.get::<&str, _>(0))?,
                        r.get(1),
                    ))
                })
                .transpose()
            }

            async fn version_of(
                &self,
                place: &$crate::domain::PlaceId,
            ) -> Result<i64, $crate::store::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT version FROM places WHERE place_id = $1")
                    .bind(place.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| r.get(0)).unwrap_or(0))
            }

            async fn commit(
                &self,
                c: $crate::store::Commit<'_>,
            ) -> Result<Vec<$crate::store::OutboxEntry>, $crate::store::StoreError> {
                self.writer.commit(&c).await
            }

            fn shared(&self) -> bool {
                $shared
            }

            async fn heartbeat(
                &self,
                process: &str,
                alive_until: $crate::domain::Timestamp,
            ) -> Result<(), $crate::store::StoreError> {
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

            async fn retire(&self, process: &str) -> Result<(), $crate::store::StoreError> {
                sqlx::query("DELETE FROM processes WHERE id = $1")
                    .bind(process)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn orphans(
                &self,
                me: &str,
                now: $crate::domain::Timestamp,
                limit: i64,
            ) -> Result<Vec<($crate::domain::PlaceId, Option<String>)>, $crate::store::StoreError>
            {
                use sqlx::Row as _;
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
                    .map(|r| ($crate::domain::PlaceId::new(r.get::<String, _>(0)), r.get(1)))
                    .collect())
            }

            async fn claim(
                &self,
                place: &$crate::domain::PlaceId,
                me: &str,
                from: Option<&str>,
            ) -> Result<bool, $crate::store::StoreError> {
                let done = sqlx::query(
                    "UPDATE places SET holder = $2
                     WHERE place_id = $1 AND holder IS NOT DISTINCT FROM $3",
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
                now: $crate::domain::Timestamp,
            ) -> Result<bool, $crate::store::StoreError> {
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

            async fn places_with_deadlines(
                &self,
            ) -> Result<Vec<($crate::domain::PlaceId, $crate::domain::Timestamp)>, $crate::store::StoreError>
            {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT place_id, next_deadline FROM places
                     WHERE next_deadline IS NOT NULL ORDER BY next_deadline, place_id",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| {
                        (
                            $crate::domain::PlaceId::new(r.get::<String, _>(0)),
                            $crate::domain::Timestamp(r.get::<i64, _>(1)),
                        )
                    })
                    .collect())
            }

            async fn places_mentioning(
                &self,
                member: &$crate::domain::MemberId,
            ) -> Result<Vec<$crate::domain::PlaceId>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT place_id FROM place_members WHERE member_id = $1 ORDER BY place_id",
                )
                .bind(member.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| $crate::domain::PlaceId::new(r.get::<String, _>(0)))
                    .collect())
            }

            async fn pending_outbox(
                &self,
            ) -> Result<Vec<$crate::store::OutboxEntry>, $crate::store::StoreError> {
                let acknowledged = self.writer.unlanded();
                let rows =
                    sqlx::query("SELECT id, place_id, created_at, post FROM outbox ORDER BY id")
                        .fetch_all(&self.pool)
                        .await?;
                $crate::store::sql::decode_pending(&rows, &acknowledged)
            }

            async fn pending_outbox_of(
                &self,
                place: &$crate::domain::PlaceId,
            ) -> Result<Vec<$crate::store::OutboxEntry>, $crate::store::StoreError> {
                let acknowledged = self.writer.unlanded();
                let rows = sqlx::query(
                    "SELECT id, place_id, created_at, post FROM outbox
                     WHERE place_id = $1 ORDER BY id",
                )
                .bind(place.as_str())
                .fetch_all(&self.pool)
                .await?;
                $crate::store::sql::decode_pending(&rows, &acknowledged)
            }

            async fn pending_outbox_held_by(
                &self,
                holder: &str,
            ) -> Result<Vec<$crate::store::OutboxEntry>, $crate::store::StoreError> {
                let acknowledged = self.writer.unlanded();
                let rows = sqlx::query(
                    "SELECT o.id, o.place_id, o.created_at, o.post FROM outbox o
                     JOIN places p ON p.place_id = o.place_id WHERE p.holder = $1 ORDER BY o.id",
                )
                .bind(holder)
                .fetch_all(&self.pool)
                .await?;
                $crate::store::sql::decode_pending(&rows, &acknowledged)
            }

            async fn mark_delivered(&self, ids: &[i64]) -> Result<(), $crate::store::StoreError> {
                self.writer.delivered(ids)
            }

            async fn flush(&self) -> Result<(), $crate::store::StoreError> {
                self.writer.flush().await
            }

            async fn activity(
                &self,
            ) -> Result<$crate::store::Activity, $crate::store::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query(
                    "SELECT CAST(COALESCE(SUM(session_open), 0) AS BIGINT),
                            CAST(COALESCE(SUM(round_active), 0) AS BIGINT) FROM places",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::store::Activity {
                    open_sessions: row.get(0),
                    active_rounds: row.get(1),
                })
            }

            async fn ping(&self) -> Result<(), $crate::store::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn status_message(
                &self,
                place: &$crate::domain::PlaceId,
            ) -> Result<Option<$crate::store::StatusMessage>, $crate::store::StoreError> {
                let row: Option<(String, i64)> = sqlx::query_as(
                    "SELECT message_id, opened_at FROM status_messages WHERE place_id = $1",
                )
                .bind(place.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(message_id, opened_at)| $crate::store::StatusMessage {
                    message_id,
                    opened_at: $crate::domain::Timestamp(opened_at),
                }))
            }

            async fn status_messages_of(
                &self,
                platform: &str,
            ) -> Result<
                Vec<($crate::domain::PlaceId, $crate::store::StatusMessage)>,
                $crate::store::StoreError,
            > {
                // Place ids are `platform:...`; a range on the primary key, not a LIKE pattern.
                let rows: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT place_id, message_id, opened_at FROM status_messages
                     WHERE place_id >= $1 AND place_id < $2 ORDER BY place_id",
                )
                .bind(format!("{platform}:"))
                .bind(format!("{platform};"))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(place, message_id, opened_at)| {
                        (
                            $crate::domain::PlaceId::new(place),
                            $crate::store::StatusMessage {
                                message_id,
                                opened_at: $crate::domain::Timestamp(opened_at),
                            },
                        )
                    })
                    .collect())
            }

            async fn set_status_message(
                &self,
                place: &$crate::domain::PlaceId,
                message: Option<&$crate::store::StatusMessage>,
            ) -> Result<(), $crate::store::StoreError> {
                match message {
                    Some(m) => sqlx::query(
                        "INSERT INTO status_messages (place_id, message_id, opened_at)
                         VALUES ($1, $2, $3)
                         ON CONFLICT (place_id) DO UPDATE
                         SET message_id = excluded.message_id, opened_at = excluded.opened_at",
                    )
                    .bind(place.as_str())
                    .bind(&m.message_id)
                    .bind(m.opened_at.0),
                    None => sqlx::query("DELETE FROM status_messages WHERE place_id = $1")
                        .bind(place.as_str()),
                }
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use sql_store;
