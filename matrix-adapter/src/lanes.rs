//! Delivery lanes, one per room: what a command or a timer produced goes out in order behind the
//! commands, which the worker applies to the core as they arrive (so a member's command never
//! waits for the bot's earlier sends, however slowly the homeserver lets them through). Within a
//! room, what the meeting depends on — a speaker's call, warnings, "time" — goes before answers
//! still waiting; rooms do not wait for each other. An acknowledgement still waiting is dropped
//! when the same member's next one is queued behind it (under a rate limit, the newer ✅ and
//! status say all the older one would have).

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bot_core::domain::PlaceId;

/// Work for one room: sends (and what follows them, such as acknowledging them to the engine).
pub type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

/// How urgent a job is within its room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// What the meeting's timing depends on (turn calls, warnings, "time"): before any answer.
    Meeting,
    /// Answers, acknowledgements, status edits: in the order they came.
    Answer,
}

#[derive(Default)]
struct Queue {
    meeting: VecDeque<Job>,
    /// With the key that a newer job may supersede them by.
    answers: VecDeque<(Option<String>, Job)>,
    /// A task is draining this room's queue.
    draining: bool,
}

impl Queue {
    fn pop(&mut self) -> Option<Job> {
        self.meeting
            .pop_front()
            .or_else(|| self.answers.pop_front().map(|(_, job)| job))
    }
}

/// Every room's lane. A lane's task runs only while it has work.
#[derive(Default)]
pub struct Lanes {
    rooms: Mutex<HashMap<PlaceId, Arc<Mutex<Queue>>>>,
    /// Jobs queued or running, for a shutdown that lets them finish.
    pending: Arc<tokio::sync::watch::Sender<usize>>,
}

impl Lanes {
    pub fn new() -> Lanes {
        Lanes::default()
    }

    /// Queues `job` in the room of `place`; returns at once.
    pub fn push(&self, place: &PlaceId, priority: Priority, job: Job) {
        self.queue(place, priority, None, job);
    }

    /// Queues an answer that a later one with the same `key` supersedes: a job with this key
    /// still waiting in the room is dropped (it has not started; the new one says all it would).
    pub fn push_superseding(&self, place: &PlaceId, key: String, job: Job) {
        self.queue(place, Priority::Answer, Some(key), job);
    }

    fn queue(&self, place: &PlaceId, priority: Priority, key: Option<String>, job: Job) {
        let queue = self
            .rooms
            .lock()
            .expect("lanes lock")
            .entry(place.clone())
            .or_default()
            .clone();
        let start = {
            let mut q = queue.lock().expect("lane lock");
            let before = q.answers.len();
            if key.is_some() {
                q.answers.retain(|(k, _)| k != &key);
            }
            let dropped = before - q.answers.len();
            match priority {
                Priority::Meeting => q.meeting.push_back(job),
                Priority::Answer => q.answers.push_back((key, job)),
            }
            self.pending.send_modify(|n| *n = *n + 1 - dropped);
            !std::mem::replace(&mut q.draining, true)
        };
        if start {
            let pending = self.pending.clone();
            tokio::spawn(async move {
                loop {
                    let next = {
                        let mut q = queue.lock().expect("lane lock");
                        let next = q.pop();
                        if next.is_none() {
                            q.draining = false;
                        }
                        next
                    };
                    let Some(job) = next else { return };
                    job.await;
                    pending.send_modify(|n| *n -= 1);
                }
            });
        }
    }

    /// Queues `job` and waits until it has run.
    pub async fn run<T: Send + 'static>(
        &self,
        place: &PlaceId,
        priority: Priority,
        job: impl Future<Output = T> + Send + 'static,
    ) -> Option<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.push(
            place,
            priority,
            Box::pin(async move {
                let _ = tx.send(job.await);
            }),
        );
        rx.await.ok()
    }

    /// Waits, at most `limit`, until every queued job has run; says whether they all did.
    pub async fn settle(&self, limit: Duration) -> bool {
        let mut rx = self.pending.subscribe();
        let drained = tokio::time::timeout(limit, rx.wait_for(|n| *n == 0)).await;
        drained.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn log_job(log: &Arc<Mutex<Vec<String>>>, what: &str, wait: Duration) -> Job {
        let (log, what) = (log.clone(), what.to_string());
        Box::pin(async move {
            tokio::time::sleep(wait).await;
            log.lock().unwrap().push(what);
        })
    }

    #[tokio::test(start_paused = true)]
    async fn a_room_runs_its_jobs_in_order_with_the_meeting_first_and_rooms_apart() {
        let lanes = Lanes::new();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (a, b) = (PlaceId::new("matrix:!a:x"), PlaceId::new("matrix:!b:x"));
        let slow = Duration::from_secs(5);
        lanes.push(&a, Priority::Answer, log_job(&log, "a1", slow));
        tokio::task::yield_now().await; // a1 starts
        lanes.push(&a, Priority::Answer, log_job(&log, "a2", slow));
        lanes.push(&a, Priority::Answer, log_job(&log, "a3", slow));
        lanes.push(&a, Priority::Meeting, log_job(&log, "a-time", slow));
        lanes.push(
            &b,
            Priority::Answer,
            log_job(&log, "b1", Duration::from_secs(1)),
        );
        assert!(lanes.settle(Duration::from_secs(60)).await);
        // a1 was already running; "time" goes before the answers still waiting; room b does
        // not wait for room a.
        assert_eq!(*log.lock().unwrap(), vec!["b1", "a1", "a-time", "a2", "a3"]);
    }

    #[tokio::test(start_paused = true)]
    async fn an_acknowledgement_still_waiting_is_dropped_for_the_same_members_next() {
        let lanes = Lanes::new();
        let log = Arc::new(Mutex::new(Vec::new()));
        let a = PlaceId::new("matrix:!a:x");
        let slow = Duration::from_secs(5);
        let key = |who: &str| who.to_string();
        lanes.push_superseding(&a, key("ana"), log_job(&log, "ana hand", slow));
        tokio::task::yield_now().await; // running: it stays
        lanes.push_superseding(&a, key("ana"), log_job(&log, "ana hand down", slow));
        lanes.push_superseding(&a, key("bo"), log_job(&log, "bo hand", slow));
        lanes.push(&a, Priority::Answer, log_job(&log, "help", slow));
        lanes.push_superseding(&a, key("ana"), log_job(&log, "ana hand again", slow));
        assert!(lanes.settle(Duration::from_secs(60)).await);
        assert_eq!(
            *log.lock().unwrap(),
            vec!["ana hand", "bo hand", "help", "ana hand again"],
            "ana's waiting acknowledgement gave way to her next; others kept their order"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn run_waits_for_its_job_and_settle_gives_up_after_the_limit() {
        let lanes = Lanes::new();
        let p = PlaceId::new("matrix:!a:x");
        let done = Arc::new(AtomicBool::new(false));
        let d = done.clone();
        let got = lanes
            .run(&p, Priority::Meeting, async move {
                d.store(true, Ordering::SeqCst);
                7
            })
            .await;
        assert_eq!(got, Some(7));
        assert!(done.load(Ordering::SeqCst));
        lanes.push(
            &p,
            Priority::Answer,
            Box::pin(tokio::time::sleep(Duration::from_secs(30))),
        );
        assert!(!lanes.settle(Duration::from_secs(5)).await);
        assert!(lanes.settle(Duration::from_secs(60)).await);
    }
}
