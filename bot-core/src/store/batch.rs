//! Group commit for the SQL stores: commits and delivery acknowledgements from concurrent tasks
//! queue up, and one writer lands everything waiting in one transaction with one statement per
//! table, so a busy process pays one transaction for many commands instead of one each.
//! Acknowledgements ride with the next commit (or land alone after [`ACK_WAIT`]), and a lone
//! commit lands in one trip to the database. This module owns the queue, the batching and the
//! acknowledgements; the SQL that lands a batch is in [`land`].

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

mod land;

pub(crate) use land::{PgLander, SqliteLander};
pub use land::{PG_ONE_GO, SQLITE_ONE_GO, UPSERT_ONE};

use super::{Commit, OutboxEntry, StoreError};
use crate::domain::{PlaceId, Post, Timestamp};

/// Most jobs landed in one transaction.
const MAX_BATCH: usize = 128;
/// Most rows in one multi-row statement (bind parameters stay far below both databases' limits).
const MAX_ROWS: usize = 400;
/// How long an acknowledgement waits for a commit to carry it before it lands by itself. Until
/// it lands, this store's reads of the outbox leave its posts out; a crash in that window
/// delivers them again with the same key, which the platform drops (as after any crash between
/// a delivery and its acknowledgement).
pub(crate) const ACK_WAIT: Duration = Duration::from_millis(5);

/// A commit made ready to write: the state and posts already encoded (on the caller's task, so
/// concurrent callers encode in parallel), nothing borrowed.
pub(crate) struct Prepared {
    place: PlaceId,
    state: String,
    next_deadline: Option<i64>,
    now: Timestamp,
    session_open: i64,
    round_active: i64,
    version: i64,
    holder: Option<String>,
    members: Option<Vec<String>>,
    posts: Vec<(Post, String)>,
}

fn encode<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Prepared {
    pub(crate) fn new(c: &Commit<'_>) -> Result<Prepared, StoreError> {
        Ok(Prepared {
            place: c.place.clone(),
            state: encode(c.state)?,
            next_deadline: c.next_deadline.map(|t| t.0),
            now: c.now,
            session_open: c.session_open as i64,
            round_active: c.round_active as i64,
            version: c.base_version + 1,
            holder: c.holder.map(str::to_string),
            members: c
                .members
                .map(|m| m.iter().map(|m| m.as_str().to_string()).collect()),
            posts: c
                .posts
                .iter()
                .map(|p| Ok((p.clone(), encode(p)?)))
                .collect::<Result<_, StoreError>>()?,
        })
    }

    /// Binds the place's row, the eight columns of [`UPSERT_HEAD`] in order.
    fn bind_row<'q, DB>(
        &'q self,
        q: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>,
    ) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>
    where
        DB: sqlx::Database,
        &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        Option<&'q str>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    {
        q.bind(self.place.as_str())
            .bind(self.state.as_str())
            .bind(self.next_deadline)
            .bind(self.now.0)
            .bind(self.session_open)
            .bind(self.round_active)
            .bind(self.version)
            .bind(self.holder.as_deref())
    }

    /// Nothing to write but the place's row (e.g. a raised hand): one statement.
    fn row_only(&self) -> bool {
        self.members.is_none() && self.posts.is_empty()
    }

    /// The posts' JSON texts, in the order said (bound as one array by a one-trip commit).
    fn post_texts(&self) -> Vec<&str> {
        self.posts.iter().map(|(_, json)| json.as_str()).collect()
    }

    /// The outbox entries of this commit's posts, taking their ids in order from `ids` (checked
    /// to hold one per stored post with [`ids_for`]).
    fn entries(&self, ids: &mut impl Iterator<Item = i64>) -> Vec<OutboxEntry> {
        self.posts
            .iter()
            .map(|(post, _)| OutboxEntry {
                id: ids.next().expect("one id per stored post"),
                place: self.place.clone(),
                created_at: self.now,
                post: post.clone(),
            })
            .collect()
    }
}

/// The outbox ids a landing got back, if there is one for each of the `posts` it stored.
fn ids_for(posts: usize, ids: Vec<i64>) -> Result<Vec<i64>, StoreError> {
    if ids.len() != posts {
        return Err(StoreError::Corrupt(format!(
            "{posts} posts stored but {} ids returned",
            ids.len()
        )));
    }
    Ok(ids)
}

enum Job {
    Commit(
        Prepared,
        oneshot::Sender<Result<Vec<OutboxEntry>, StoreError>>,
    ),
    /// Delivered posts to remove; `None`: nobody waits for the answer (a failure is logged and
    /// the posts stay in the outbox, delivered again with their keys).
    Delivered(Vec<i64>, Option<oneshot::Sender<Result<(), StoreError>>>),
    /// Acknowledgements are waiting: the writer task lands them after [`ACK_WAIT`] unless a
    /// commit has carried them by then.
    AckTimer,
}

/// Acknowledged posts whose removal has not committed yet.
#[derive(Default)]
struct Acks {
    /// Not yet taken by a landing.
    waiting: Vec<i64>,
    /// When the oldest of `waiting` was acknowledged.
    since: Option<Instant>,
    /// Waiting or in a landing not yet committed: this store's reads of the outbox leave them
    /// out, so a post acknowledged is never read back as undelivered.
    unlanded: HashSet<i64>,
    /// The writer task has been told ([`Job::AckTimer`]) and keeps a deadline for them.
    armed: bool,
}

/// What the writer task's acknowledgement deadline finds.
enum AcksDue {
    Nothing,
    Later(Instant),
    Now,
}

/// For each commit of a batch, in order: its outbox entries if it landed, `None` if the stored
/// version had moved on (a conflict: nothing of it was written).
pub(crate) type Landed = Vec<Option<Vec<OutboxEntry>>>;

/// Writes one batch in one transaction (or as one statement when that is all it is).
#[async_trait::async_trait]
pub(crate) trait Lander: Send + Sync + 'static {
    /// What the lander keeps from one landing to the next (a connection), held under the
    /// writer's landing lock.
    type Kept: Default + Send + 'static;
    async fn land(
        &self,
        kept: &mut Self::Kept,
        commits: &[&Prepared],
        delivered: &[i64],
    ) -> Result<Landed, StoreError>;
}

/// A lander and what it keeps, behind the one lock whoever lands a batch holds.
struct Landing<L: Lander> {
    lander: L,
    /// Held while a batch is being landed. A commit that finds it free lands itself at once on
    /// its own task (a lone command: no hop to the writer task and back); one that finds it
    /// taken queues up, and the writer task lands everything queued as the next batch.
    kept: tokio::sync::Mutex<L::Kept>,
    acks: Mutex<Acks>,
}

impl<L: Lander> Landing<L> {
    fn acks(&self) -> std::sync::MutexGuard<'_, Acks> {
        self.acks.lock().expect("acknowledgements lock")
    }

    /// The waiting acknowledgements, for the landing about to start to carry.
    fn take_acks(&self) -> Option<Job> {
        let mut a = self.acks();
        if a.waiting.is_empty() {
            return None;
        }
        a.since = None;
        Some(Job::Delivered(std::mem::take(&mut a.waiting), None))
    }

    /// When the waiting acknowledgements must land by themselves.
    fn ack_deadline(&self) -> Instant {
        self.acks().since.unwrap_or_else(Instant::now) + ACK_WAIT
    }

    /// At the writer task's deadline: the waiting acknowledgements land now if they waited long
    /// enough (no commit came to carry them), else at the newer ones' deadline. (Taken only
    /// under the landing lock, like every landing's: see [`Writer::flush`].)
    fn acks_due(&self, now: Instant) -> AcksDue {
        let mut a = self.acks();
        match a.since {
            None => {
                a.armed = false;
                AcksDue::Nothing
            }
            Some(since) if since + ACK_WAIT > now => AcksDue::Later(since + ACK_WAIT),
            Some(_) => {
                a.armed = false;
                AcksDue::Now
            }
        }
    }

    /// These acknowledgements' landing is over (committed, or failed and left to redelivery).
    fn landed_acks(&self, ids: &[i64]) {
        let mut a = self.acks();
        for id in ids {
            a.unlanded.remove(id);
        }
    }
}

/// The queue in front of a store's writer task, and the landing it shares with that task.
pub(crate) struct Writer<L: Lander> {
    jobs: mpsc::UnboundedSender<Job>,
    landing: Arc<Landing<L>>,
}

/// The writer of each SQL store.
pub(crate) type SqliteWriter = Writer<SqliteLander>;
pub(crate) type PgWriter = Writer<PgLander>;

fn stopped() -> StoreError {
    StoreError::Stopped
}

impl SqliteWriter {
    /// `keep_connection`: the writer keeps one of the pool's connections for itself (not for a
    /// pool of one, like `sqlite::memory:`, whose only connection the readers need too).
    pub(crate) fn sqlite(pool: sqlx::SqlitePool, keep_connection: bool) -> SqliteWriter {
        Writer::spawn(SqliteLander::new(pool, keep_connection, None))
    }
}

impl PgWriter {
    /// A kept connection that sat idle this long is pinged before use (the server may have
    /// closed it); a busy one is not.
    pub(crate) fn postgres(pool: sqlx::PgPool) -> PgWriter {
        Writer::spawn(PgLander::new(
            pool,
            true,
            Some(std::time::Duration::from_secs(5)),
        ))
    }
}

impl<L: Lander> Writer<L> {
    fn spawn(lander: L) -> Writer<L> {
        let (jobs, queue) = mpsc::unbounded_channel();
        let landing = Arc::new(Landing {
            lander,
            kept: tokio::sync::Mutex::new(L::Kept::default()),
            acks: Mutex::new(Acks::default()),
        });
        tokio::spawn(run(landing.clone(), queue));
        Writer { jobs, landing }
    }

    /// Lands a commit with whatever else is waiting; returns its outbox entries.
    pub(crate) async fn commit(&self, c: &Commit<'_>) -> Result<Vec<OutboxEntry>, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Commit(Prepared::new(c)?, reply)).await?;
        answer.await.map_err(|_| stopped())?
    }

    /// Removes delivered posts from the outbox: they ride with the next commit, or land by
    /// themselves after [`ACK_WAIT`]; this store's reads leave them out from now on. Returns at
    /// once (nothing a member sees waits for it; a failure is logged).
    pub(crate) fn delivered(&self, ids: &[i64]) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let tell = {
            let mut a = self.landing.acks();
            a.unlanded.extend(ids.iter().copied());
            a.waiting.extend_from_slice(ids);
            a.since.get_or_insert_with(Instant::now);
            !std::mem::replace(&mut a.armed, true)
        };
        if tell {
            self.jobs.send(Job::AckTimer).map_err(|_| stopped())?;
        }
        Ok(())
    }

    /// Lands the acknowledgements still waiting and returns when every acknowledgement made so
    /// far has committed (a clean shutdown). Under the landing lock no landing is under way, so
    /// those an earlier landing took have committed (or failed, logged) by then.
    pub(crate) async fn flush(&self) -> Result<(), StoreError> {
        let mut kept = self.landing.kept.lock().await;
        let Some(Job::Delivered(ids, None)) = self.landing.take_acks() else {
            return Ok(());
        };
        let (reply, answer) = oneshot::channel();
        land_group(
            &self.landing,
            &mut kept,
            vec![Job::Delivered(ids, Some(reply))],
        )
        .await;
        answer.await.map_err(|_| stopped())?
    }

    /// Posts acknowledged whose removal has not committed yet, for reads of the outbox to leave
    /// out. Taken before the read: one that commits meanwhile is gone from the read already.
    pub(crate) fn unlanded(&self) -> HashSet<i64> {
        self.landing.acks().unlanded.clone()
    }

    /// Lands the job here when no batch is under way (with the acknowledgements waiting), else
    /// queues it for the writer task.
    async fn submit(&self, job: Job) -> Result<(), StoreError> {
        match self.landing.kept.try_lock() {
            Ok(mut kept) => {
                let mut jobs = vec![job];
                jobs.extend(self.landing.take_acks());
                land_group(&self.landing, &mut kept, jobs).await
            }
            Err(_) => self.jobs.send(job).map_err(|_| stopped())?,
        }
        Ok(())
    }
}

/// The writer task: takes everything waiting (up to [`MAX_BATCH`]) and lands it together, with
/// the acknowledgements waiting. No waiting for more: the batch grows by itself while a
/// transaction is in progress (a lone command does not come here at all: it lands itself, see
/// [`Writer::submit`]). Acknowledgements no commit carried land by themselves at their deadline,
/// and those still waiting when the store is dropped land before the task ends.
async fn run<L: Lander>(landing: Arc<Landing<L>>, mut queue: mpsc::UnboundedReceiver<Job>) {
    let mut ack_deadline: Option<Instant> = None;
    loop {
        let first = tokio::select! {
            job = queue.recv() => match job {
                Some(Job::AckTimer) => {
                    ack_deadline = Some(landing.ack_deadline());
                    continue;
                }
                Some(job) => job,
                None => break,
            },
            () = tokio::time::sleep_until(ack_deadline.unwrap_or_else(Instant::now)),
                if ack_deadline.is_some() =>
            {
                match landing.acks_due(Instant::now()) {
                    AcksDue::Nothing => ack_deadline = None,
                    AcksDue::Later(at) => ack_deadline = Some(at),
                    AcksDue::Now => {
                        ack_deadline = None;
                        let mut kept = landing.kept.lock().await;
                        if let Some(job) = landing.take_acks() {
                            land_group(&landing, &mut kept, vec![job]).await;
                        }
                    }
                }
                continue;
            }
        };
        // Jobs queued while a commit landed itself: they wait for it, then go together.
        let mut kept = landing.kept.lock().await;
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(Job::AckTimer) => {
                    ack_deadline.get_or_insert_with(|| landing.ack_deadline());
                }
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        jobs.extend(landing.take_acks());
        // A place appears at most once per transaction (its commits build on each other).
        while !jobs.is_empty() {
            let mut seen = HashSet::new();
            let repeat = jobs
                .iter()
                .position(|j| matches!(j, Job::Commit(p, _) if !seen.insert(p.place.clone())))
                .unwrap_or(jobs.len());
            let rest = jobs.split_off(repeat);
            land_group(&landing, &mut kept, jobs).await;
            jobs = rest;
        }
    }
    if let Some(job) = landing.take_acks() {
        let mut kept = landing.kept.lock().await;
        land_group(&landing, &mut kept, vec![job]).await;
    }
}

/// Lands a group of jobs in one transaction, or each alone if that fails.
async fn land_group<L: Lander>(landing: &Landing<L>, kept: &mut L::Kept, jobs: Vec<Job>) {
    let acked: Vec<i64> = jobs
        .iter()
        .filter_map(|j| match j {
            Job::Delivered(ids, _) => Some(ids.iter().copied()),
            _ => None,
        })
        .flatten()
        .collect();
    let lander = &landing.lander;
    match try_land(lander, kept, &jobs).await {
        Ok(landed) => answer(jobs, landed),
        Err(e) if jobs.len() == 1 => fail(jobs, e),
        Err(_) => {
            // One bad job must not fail the others: each is landed alone.
            for job in jobs {
                match try_land(lander, kept, std::slice::from_ref(&job)).await {
                    Ok(landed) => answer(vec![job], landed),
                    Err(e) => fail(vec![job], e),
                }
            }
        }
    }
    if !acked.is_empty() {
        landing.landed_acks(&acked);
    }
}

async fn try_land<L: Lander>(
    lander: &L,
    kept: &mut L::Kept,
    jobs: &[Job],
) -> Result<Landed, StoreError> {
    let mut commits = Vec::new();
    let mut delivered = Vec::new();
    for job in jobs {
        match job {
            Job::Commit(p, _) => commits.push(p),
            Job::Delivered(ids, _) => delivered.extend_from_slice(ids),
            Job::AckTimer => {}
        }
    }
    lander.land(kept, &commits, &delivered).await
}

fn answer(jobs: Vec<Job>, landed: Landed) {
    let mut landed = landed.into_iter();
    for job in jobs {
        match job {
            Job::Commit(_, reply) => {
                let r = landed.next().flatten().ok_or(StoreError::Conflict);
                let _ = reply.send(r);
            }
            Job::Delivered(_, Some(reply)) => {
                let _ = reply.send(Ok(()));
            }
            Job::Delivered(_, None) | Job::AckTimer => {}
        }
    }
}

/// Only ever called with one job (a batch's error is not shared out).
fn fail(jobs: Vec<Job>, e: StoreError) {
    let mut e = Some(e);
    for job in jobs {
        let e = e.take().unwrap_or(StoreError::Stopped);
        match job {
            Job::Commit(_, reply) => {
                let _ = reply.send(Err(e));
            }
            Job::Delivered(_, Some(reply)) => {
                let _ = reply.send(Err(e));
            }
            Job::Delivered(ids, None) => tracing::warn!(
                posts = ids.len(),
                error = %e,
                "delivered posts could not be removed from the outbox; they go out again with their keys"
            ),
            Job::AckTimer => {}
        }
    }
}
