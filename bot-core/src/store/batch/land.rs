//! The landers: the SQL that lands a batch on SQLite and on PostgreSQL (the same statements
//! for both, with `$N` parameters), and each database's one-trip commit.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{encode, ids_for, Landed, Lander, Prepared, MAX_ROWS};
use crate::domain::Post;
use crate::store::StoreError;

/// Splits `items` into runs whose lengths are powers of two (at most `max`), so that statements
/// come in few shapes and stay in the connection's prepared-statement cache.
fn runs<T>(mut items: &[T], max: usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    while !items.is_empty() {
        let n = items.len().min(max.max(1));
        let n = 1usize << (usize::BITS - 1 - n.leading_zeros());
        let (run, rest) = items.split_at(n);
        out.push(run);
        items = rest;
    }
    out
}

/// `($1,$2,…),($n,…)`: `rows` groups of `width` numbered parameters, from `$first`.
fn placeholders(rows: usize, width: usize) -> String {
    let mut s = String::with_capacity(rows * width * 5);
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ",(" });
        for c in 0..width {
            if c > 0 {
                s.push(',');
            }
            let _ = write!(s, "${}", r * width + c + 1);
        }
        s.push(')');
    }
    s
}

/// The upsert of places' rows, in pieces: `macro_rules!` so that `concat!` can join them.
macro_rules! upsert_head {
    () => {
        "INSERT INTO places (place_id, state, next_deadline, updated_at, session_open, round_active, version, holder) VALUES "
    };
}
macro_rules! upsert_on_conflict {
    () => {
        " ON CONFLICT (place_id) DO UPDATE SET state = excluded.state,
     next_deadline = excluded.next_deadline, updated_at = excluded.updated_at,
     session_open = excluded.session_open, round_active = excluded.round_active,
     version = excluded.version, holder = excluded.holder
 WHERE places.version = excluded.version - 1"
    };
}
const UPSERT_HEAD: &str = upsert_head!();
/// After the rows: each lands only on its own version, and the rows that landed come back.
const UPSERT_TAIL: &str = concat!(upsert_on_conflict!(), "\n RETURNING place_id");
/// One row, as one fixed statement (it stays prepared), without `RETURNING`: whether it landed
/// is the count of rows changed.
pub const UPSERT_ONE: &str = concat!(
    upsert_head!(),
    "($1,$2,$3,$4,$5,$6,$7,$8)",
    upsert_on_conflict!()
);
/// SQLite's one-trip commit of a place's row with its posts and the acknowledgements it carries
/// (see [`SqliteLander::in_one_go`]): the row's eight columns, then the posts' texts (`$9`) and
/// the delivered ids (`$10`), each as a JSON array.
pub const SQLITE_ONE_GO: &str = concat!(
    "BEGIN;\n",
    upsert_head!(),
    "($1,$2,$3,$4,$5,$6,$7,$8)",
    upsert_on_conflict!(),
    " RETURNING 0;
INSERT INTO outbox (place_id, created_at, post)
 SELECT $1, $4, value FROM json_each($9) WHERE changes() = 1 ORDER BY key RETURNING id;
DELETE FROM outbox WHERE id IN (SELECT value FROM json_each($10));
COMMIT"
);
/// PostgreSQL's one-trip commit (see [`PgLander::in_one_go`]): the row's eight columns, then the
/// posts' texts (`$9`, `TEXT[]`) and the delivered ids (`$10`, `BIGINT[]`).
pub const PG_ONE_GO: &str = concat!(
    "WITH up AS (",
    upsert_head!(),
    "($1,$2,$3,$4,$5,$6,$7,$8)",
    upsert_on_conflict!(),
    " RETURNING 0::BIGINT AS id),
 posted AS (INSERT INTO outbox (place_id, created_at, post)
   SELECT $1, $4, p.post FROM up, unnest($9::TEXT[]) WITH ORDINALITY AS p(post, n)
   ORDER BY p.n RETURNING id),
 gone AS (DELETE FROM outbox WHERE id = ANY($10::BIGINT[]))
SELECT id FROM up UNION ALL SELECT id FROM posted"
);

/// The lander of one database type: the same statements, each database's connection type.
///
/// It keeps one connection (when allowed) instead of taking one from the pool for each batch:
/// a lone command then costs one round trip to the database, with no pool check-out and no
/// task to give the connection back. The connection is kept under the writer's landing lock,
/// detached from the pool (closing the pool does not wait for it; the pool may open one more
/// connection than its maximum), with the time it was last used. After an error it is dropped
/// and the next batch takes a fresh one.
macro_rules! sql_lander {
    ($name:ident, $pool:ty, $conn:ty) => {
        pub(crate) struct $name {
            pool: $pool,
            keep: bool,
            /// Ping a kept connection that was idle at least this long before using it.
            ping_after: Option<std::time::Duration>,
        }

        impl $name {
            pub(super) fn new(pool: $pool, keep: bool, ping_after: Option<std::time::Duration>) -> Self {
                $name {
                    pool,
                    keep,
                    ping_after,
                }
            }

            /// Lands on `c`: one statement alone is atomic by itself (no explicit transaction:
            /// the common case when commands come one at a time, e.g. a raised hand, or an
            /// acknowledgement); one commit whose members did not change, with the
            /// acknowledgements it carries, in one trip ([`Self::in_one_go`]); anything more in
            /// one transaction.
            async fn land_on(
                c: &mut $conn,
                commits: &[&Prepared],
                delivered: &[i64],
            ) -> Result<Landed, StoreError> {
                if let [only] = commits {
                    if only.members.is_none() && !(only.posts.is_empty() && delivered.is_empty()) {
                        return Self::in_one_go(c, only, delivered).await;
                    }
                }
                let one_statement = match (commits, delivered.len()) {
                    ([only], 0) => only.row_only(),
                    ([], n) => n <= MAX_ROWS,
                    _ => false,
                };
                if one_statement {
                    return Self::statements(c, commits, delivered).await;
                }
                let mut tx = sqlx::Connection::begin(&mut *c).await?;
                let landed = Self::statements(&mut tx, commits, delivered).await?;
                tx.commit().await?;
                Ok(landed)
            }

            async fn statements(
                c: &mut $conn,
                commits: &[&Prepared],
                delivered: &[i64],
            ) -> Result<Landed, StoreError> {
                use sqlx::Row as _;
                // The places' rows. Each lands only on the version it was computed from; the
                // rows that landed come back. Sorted so that concurrent processes lock rows in
                // the same order.
                let mut order: Vec<&Prepared> = commits.to_vec();
                order.sort_by(|a, b| a.place.as_str().cmp(b.place.as_str()));
                let mut landed: HashSet<&str> = HashSet::new();
                for chunk in runs(&order, MAX_ROWS / 8) {
                    if let [p] = chunk {
                        // One row: whether it landed is the count of rows changed, with no row
                        // to send back.
                        let n = p
                            .bind_row(sqlx::query(UPSERT_ONE))
                            .execute(&mut *c)
                            .await?
                            .rows_affected();
                        if n == 1 {
                            landed.insert(p.place.as_str());
                        }
                        continue;
                    }
                    let sql = format!(
                        "{UPSERT_HEAD}{}{UPSERT_TAIL}",
                        placeholders(chunk.len(), 8)
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for p in chunk {
                        q = p.bind_row(q);
                    }
                    for row in q.fetch_all(&mut *c).await? {
                        let id: String = row.get(0);
                        if let Some(p) = chunk.iter().find(|p| p.place.as_str() == id) {
                            landed.insert(p.place.as_str());
                        }
                    }
                }
                let took = |p: &&&Prepared| landed.contains(p.place.as_str());
                // The member index of places whose members changed.
                for p in commits.iter().filter(took) {
                    let Some(members) = &p.members else { continue };
                    sqlx::query("DELETE FROM place_members WHERE place_id = $1")
                        .bind(p.place.as_str())
                        .execute(&mut *c)
                        .await?;
                    for chunk in runs(members, MAX_ROWS / 2) {
                        let sql = format!(
                            "INSERT INTO place_members (place_id, member_id) VALUES {}",
                            placeholders(chunk.len(), 2)
                        );
                        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                        for m in chunk {
                            q = q.bind(p.place.as_str()).bind(m.as_str());
                        }
                        q.execute(&mut *c).await?;
                    }
                }
                // The posts, in the order they were said; ids grow in insertion order.
                let posts: Vec<(&Prepared, &(Post, String))> = commits
                    .iter()
                    .filter(took)
                    .flat_map(|p| p.posts.iter().map(move |post| (*p, post)))
                    .collect();
                let mut ids: Vec<i64> = Vec::with_capacity(posts.len());
                for chunk in runs(&posts, MAX_ROWS / 3) {
                    let sql = format!(
                        "INSERT INTO outbox (place_id, created_at, post) VALUES {} RETURNING id",
                        placeholders(chunk.len(), 3)
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (p, (_, json)) in chunk {
                        q = q.bind(p.place.as_str()).bind(p.now.0).bind(json.as_str());
                    }
                    let mut got: Vec<i64> = q
                        .fetch_all(&mut *c)
                        .await?
                        .iter()
                        .map(|r| r.get(0))
                        .collect();
                    got.sort_unstable();
                    ids.extend(got);
                }
                let ids = ids_for(posts.len(), ids)?;
                // Delivered posts leave the outbox.
                for chunk in runs(delivered, MAX_ROWS) {
                    let list = (1..=chunk.len())
                        .map(|i| format!("${i}"))
                        .collect::<Vec<_>>()
                        .join(",");
                    let sql = format!("DELETE FROM outbox WHERE id IN ({list})");
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    q.execute(&mut *c).await?;
                }
                let mut ids = ids.into_iter();
                Ok(commits
                    .iter()
                    .map(|p| {
                        landed
                            .contains(p.place.as_str())
                            .then(|| p.entries(&mut ids))
                    })
                    .collect())
            }
        }

        #[async_trait::async_trait]
        impl Lander for $name {
            type Kept = Option<($conn, std::time::Instant)>;

            async fn land(
                &self,
                kept: &mut Self::Kept,
                commits: &[&Prepared],
                delivered: &[i64],
            ) -> Result<Landed, StoreError> {
                if !self.keep {
                    let mut c = self.pool.acquire().await?;
                    return Self::land_on(&mut c, commits, delivered).await;
                }
                let (mut c, last) = match kept.take() {
                    Some(k) => k,
                    None => (self.pool.acquire().await?.detach(), std::time::Instant::now()),
                };
                if self.ping_after.is_some_and(|idle| last.elapsed() >= idle)
                    && sqlx::Connection::ping(&mut c).await.is_err()
                {
                    c = self.pool.acquire().await?.detach();
                }
                let landed = Self::land_on(&mut c, commits, delivered).await;
                if landed.is_ok() {
                    *kept = Some((c, std::time::Instant::now()));
                }
                // Else the connection may be broken: it is dropped, and the next batch takes a
                // fresh one.
                landed
            }
        }
    };
}

sql_lander!(SqliteLander, sqlx::SqlitePool, sqlx::SqliteConnection);
sql_lander!(PgLander, sqlx::PgPool, sqlx::PgConnection);

/// What a one-trip commit sends back: `0` first if the place's row landed, then the new outbox
/// ids (ids start at 1); nothing at all on a conflict.
fn landed_in_one_go(p: &Prepared, mut got: Vec<i64>) -> Result<Landed, StoreError> {
    got.sort_unstable();
    if got.first() != Some(&0) {
        return Ok(vec![None]);
    }
    got.remove(0);
    let ids = ids_for(p.posts.len(), got)?;
    Ok(vec![Some(p.entries(&mut ids.into_iter()))])
}

impl SqliteLander {
    /// One place's commit (members unchanged) with the acknowledgements it carries, as one
    /// multi-statement call: one command to the connection's worker thread, where statement by
    /// statement took five round trips (begin, row, posts, removals, commit), each a wake of
    /// that thread and of the task waiting for it, which is most of what a lone command costs.
    /// (The worker still sends each statement's result as it completes: 4.6 context switches
    /// per public command were measured, against 2.0 for a row alone; see BENCHMARKS.md.) The
    /// posts go in only if the row did (`changes()` is the row's upsert, the statement before);
    /// posts and removals travel as JSON arrays, so the call is one fixed, prepared text.
    async fn in_one_go(
        c: &mut sqlx::SqliteConnection,
        p: &Prepared,
        delivered: &[i64],
    ) -> Result<Landed, StoreError> {
        let got = p
            .bind_row(sqlx::query(SQLITE_ONE_GO))
            .bind(encode(&p.post_texts())?)
            .bind(encode(&delivered)?)
            .fetch_all(&mut *c)
            .await;
        match got {
            Ok(rows) => {
                use sqlx::Row as _;
                landed_in_one_go(p, rows.iter().map(|r| r.get::<i64, _>(0)).collect())
            }
            Err(e) => {
                // A statement failed inside the transaction the call opened: close it here (a
                // connection going back to the pool must not stay inside it).
                let _ = sqlx::query("ROLLBACK").execute(&mut *c).await;
                Err(e.into())
            }
        }
    }
}

impl PgLander {
    /// One place's commit (members unchanged) with the acknowledgements it carries, as one
    /// statement (its parts are data-modifying `WITH` queries, atomic together): one round trip
    /// and one commit, where statement by statement took five round trips. The posts go in
    /// only if the row did (they join its `RETURNING`).
    async fn in_one_go(
        c: &mut sqlx::PgConnection,
        p: &Prepared,
        delivered: &[i64],
    ) -> Result<Landed, StoreError> {
        let got: Vec<i64> = p
            .bind_row(sqlx::query(PG_ONE_GO))
            .bind(p.post_texts())
            .bind(delivered)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| {
                use sqlx::Row as _;
                r.get::<i64, _>(0)
            })
            .collect();
        landed_in_one_go(p, got)
    }
}

#[cfg(test)]
mod tests {
    use super::{placeholders, runs};

    #[test]
    fn runs_are_powers_of_two_and_keep_everything_in_order() {
        let items: Vec<u32> = (0..100).collect();
        let got = runs(&items, 50);
        assert_eq!(
            got.iter().map(|r| r.len()).collect::<Vec<_>>(),
            [32, 32, 32, 4]
        );
        assert_eq!(got.concat(), items);
        assert!(runs::<u32>(&[], 8).is_empty());
    }

    #[test]
    fn placeholders_number_rows_in_order() {
        assert_eq!(placeholders(1, 2), "($1,$2)");
        assert_eq!(placeholders(2, 3), "($1,$2,$3),($4,$5,$6)");
    }
}
