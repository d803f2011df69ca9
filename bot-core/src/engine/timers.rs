//! The engine's timers: one index of every place's next deadline, the lead the timer task
//! starts ahead of it (learnt from the bursts it fires), and the ticks it fires.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex, RwLock};

use futures_util::stream::{FuturesUnordered, StreamExt};

use super::{Clock, Delivery, Engine, EngineError, LiveStatus, ManualClock, MAX_ATTEMPTS};
use crate::domain::{Input, Millis, PlaceId, StatusView, Timestamp};
use crate::store::StoreError;

/// Most places the timer task ticks at once.
const MAX_TICKING: usize = 512;

/// How far ahead of a deadline (in the engine clock's time) the timer task handles and commits
/// the tick, so that its posts are ready and go out at the deadline itself rather than a commit
/// later. The place's time is the deadline's from then on: a command arriving in between is
/// handled at that time too.
pub const TICK_LEAD: Millis = Millis(25);

/// What preparing one place's tick in a burst is assumed to cost (µs of the engine's clock) until a burst has
/// been measured: the engine learns the real figure from every burst it fires
/// ([`Firing`]), which depends on the store and on how busy the machine is.
const INITIAL_TICK_COST_MICROS: i64 = 50;

/// A firing with fewer places than this teaches nothing about the cost per place (its time is
/// the store's latency, which [`TICK_LEAD`] covers).
const LEARN_FROM: usize = 16;

/// Deadlines this close to the earliest count as one burst.
const BURST: Millis = Millis(100);

/// The most the timer task starts ahead of a deadline. Only a burst that takes long to prepare
/// reaches it (thousands of meetings due at one second on a busy machine: 100,000 rounds put
/// 12,000–14,000 deadlines on one second here, and at 500 ms the last of them went out 250 ms
/// late); a command arriving within the lead is handled at the deadline's time, as always.
const MAX_LEAD: Millis = Millis(1500);

/// Called with each fired deadline whose tick changed something, as its posts are about to go out.
pub type LatenessProbe = Arc<dyn Fn(Timestamp) + Send + Sync>;

#[derive(Default)]
struct Deadlines {
    by_time: BTreeSet<(Timestamp, PlaceId)>,
    by_place: HashMap<PlaceId, Timestamp>,
}

impl Deadlines {
    /// Indexes a deadline for a place that has none in the index. Returns whether the timer
    /// task must plan its wake again: the deadline is the earliest or falls in the earliest
    /// burst (whose size sets the lead). A later one changes nothing the task waits for, so
    /// thousands of ticks setting their next deadlines do not wake it thousands of times.
    fn insert(&mut self, place: &PlaceId, at: Timestamp) -> bool {
        let first = self.by_time.first().map(|(t, _)| *t);
        self.by_place.insert(place.clone(), at);
        self.by_time.insert((at, place.clone()));
        first.is_none_or(|first| at.0 <= first.0 + BURST.0)
    }
}

/// A tick's committed status change and posts, waiting for their deadline.
struct Outgoing {
    place: PlaceId,
    view: Option<Option<StatusView>>,
    deliveries: Vec<Delivery>,
}

/// The timers' state: the deadline index, what wakes the timer task when it changes, the bound
/// on ticks under way, the learnt cost of a tick in a burst, and the ticks' posts waiting for
/// their instant.
pub(super) struct Timers {
    deadlines: Mutex<Deadlines>,
    /// Posts of ticks handled ahead of their deadline, by deadline: one task per instant hands
    /// them all to the sinks when it comes.
    outgoing: Mutex<HashMap<Timestamp, Vec<Outgoing>>>,
    wake: tokio::sync::Notify,
    /// Bounds the ticks the timer task runs at once.
    ticking: Arc<tokio::sync::Semaphore>,
    /// What preparing one place's tick costs in a burst (µs of the engine's clock), learnt from
    /// the bursts fired.
    tick_cost_micros: AtomicI64,
    /// Told each deadline whose tick changed something, just before its posts go out
    /// (benchmarks of timer accuracy).
    lateness_probe: RwLock<Option<LatenessProbe>>,
}

impl Timers {
    pub(super) fn new() -> Timers {
        Timers {
            deadlines: Mutex::new(Deadlines::default()),
            outgoing: Mutex::new(HashMap::new()),
            wake: tokio::sync::Notify::new(),
            ticking: Arc::new(tokio::sync::Semaphore::new(MAX_TICKING)),
            tick_cost_micros: AtomicI64::new(INITIAL_TICK_COST_MICROS),
            lateness_probe: RwLock::new(None),
        }
    }

    /// Sets (or, with `None`, clears) a place's deadline; wakes the timer task when it must plan
    /// again (a deadline removed only makes it wake for nothing, and it plans again then).
    fn set(&self, place: &PlaceId, at: Option<Timestamp>) {
        let mut d = self.deadlines.lock().expect("deadlines lock");
        if let Some(old) = d.by_place.remove(place) {
            d.by_time.remove(&(old, place.clone()));
        }
        let replan = at.is_some_and(|at| d.insert(place, at));
        drop(d);
        if replan {
            self.wake.notify_one();
        }
    }

    /// Sets a deadline for a place that has none (a newer commit may have set one meanwhile).
    fn arm_unless_armed(&self, place: &PlaceId, at: Timestamp) {
        let mut d = self.deadlines.lock().expect("deadlines lock");
        if d.by_place.contains_key(place) {
            return;
        }
        let replan = d.insert(place, at);
        drop(d);
        if replan {
            self.wake.notify_one();
        }
    }

    /// The earliest deadline of all places.
    fn next(&self) -> Option<Timestamp> {
        let d = self.deadlines.lock().expect("deadlines lock");
        d.by_time.first().map(|(t, _)| *t)
    }

    /// The earliest deadline and how far ahead of it the timer task starts ticking:
    /// [`TICK_LEAD`], plus twice the learnt cost of a tick for each place due within [`BURST`]
    /// of it (turns start and end on whole seconds, so many meetings' deadlines can fall on one
    /// instant and their ticks are prepared earlier to go out on time), at most [`MAX_LEAD`].
    fn next_lead(&self) -> Option<(Timestamp, Millis)> {
        let cost = self.tick_cost_micros.load(Relaxed).max(1);
        let per_place = 2 * cost; // µs of lead for each place due
        let d = self.deadlines.lock().expect("deadlines lock");
        let (first, _) = d.by_time.first()?;
        let cap = ((MAX_LEAD.0 - TICK_LEAD.0) * 1_000 / per_place).max(1);
        let burst = (d.by_time.iter())
            .take_while(|(t, _)| t.0 <= first.0 + BURST.0)
            .take(cap as usize)
            .count() as i64;
        let lead = (TICK_LEAD.0 + (burst * per_place + 999) / 1_000).min(MAX_LEAD.0);
        Some((*first, Millis(lead)))
    }

    /// The places whose deadline is at or before `now` (left in the index).
    fn due(&self, now: Timestamp) -> Vec<PlaceId> {
        let d = self.deadlines.lock().expect("deadlines lock");
        d.by_time
            .iter()
            .take_while(|(t, _)| *t <= now)
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// Takes the deadlines due by `horizon` out of the index.
    fn take_due(&self, horizon: Timestamp) -> Vec<(Timestamp, PlaceId)> {
        let mut d = self.deadlines.lock().expect("deadlines lock");
        let due: Vec<(Timestamp, PlaceId)> = d
            .by_time
            .iter()
            .take_while(|(t, _)| *t <= horizon)
            .cloned()
            .collect();
        for entry in &due {
            d.by_time.remove(entry);
            d.by_place.remove(&entry.1);
        }
        due
    }

    /// A whole burst of `places` ticks took `elapsed` ms: learn its cost per place. A slower
    /// burst sets the cost at once (the next burst is on time); a faster one lowers it by a
    /// quarter of the way.
    fn learn(&self, places: usize, elapsed: i64) {
        let sample = (elapsed * 1_000 / places as i64).max(1);
        let cost = &self.tick_cost_micros;
        let old = cost.load(Relaxed);
        let new = if sample > old {
            sample
        } else {
            (3 * old + sample + 3) / 4
        };
        cost.store(new, Relaxed);
    }
}

/// One firing of the timer task: when it started and how many of its ticks are still being
/// prepared. The last one ready tells the engine what a tick costs in a burst.
struct Firing {
    started: Timestamp,
    places: usize,
    left: AtomicUsize,
}

/// A tick's place among those the timer task runs at once; given back once the tick is
/// committed (or has failed), before its posts wait for their deadline.
struct TickSlot {
    _permit: tokio::sync::OwnedSemaphorePermit,
    firing: Arc<Firing>,
    engine: Engine,
}

impl Drop for TickSlot {
    fn drop(&mut self) {
        let f = &self.firing;
        if f.left.fetch_sub(1, Relaxed) != 1 || f.places < LEARN_FROM {
            return;
        }
        // The whole burst is ready: learn its cost per place.
        let elapsed = self.engine.now().0.saturating_sub(f.started.0).max(0);
        self.engine.inner.timers.learn(f.places, elapsed);
    }
}

impl Engine {
    /// Lets a benchmark see each deadline the timer task fired, the moment its posts go out.
    pub fn set_lateness_probe(&self, probe: LatenessProbe) {
        let mut p = self
            .inner
            .timers
            .lateness_probe
            .write()
            .expect("probe lock");
        *p = Some(probe);
    }

    /// The earliest deadline of all places.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.inner.timers.next()
    }

    /// Fires every place deadline at or before `now`; returns how many places were ticked.
    pub async fn fire_due(&self, now: Timestamp) -> Result<usize, EngineError> {
        let due = self.inner.timers.due(now);
        for place in &due {
            self.tick_place(place, now, None, None).await?;
        }
        Ok(due.len())
    }

    /// Virtual time: moves `clock` forward to `target`, firing every deadline on the way in order,
    /// each at its own instant.
    pub async fn advance_to(
        &self,
        clock: &ManualClock,
        target: Timestamp,
    ) -> Result<(), EngineError> {
        for _ in 0..1_000_000 {
            match self.next_deadline() {
                Some(d) if d <= target => {
                    let at = d.max(clock.now());
                    clock.set(at);
                    self.fire_due(at).await?;
                }
                _ => break,
            }
        }
        clock.set(target.max(clock.now()));
        Ok(())
    }

    /// Runs deadlines on the engine's clock until the task is dropped: sleeps until the earliest
    /// deadline (tokio time, so `tokio::time::pause` works in tests) and retries undelivered posts
    /// every minute.
    pub fn spawn_timers(&self) -> tokio::task::JoinHandle<()> {
        let engine = self.clone();
        tokio::spawn(async move {
            let clock = engine.inner.clock.clone();
            let mut retry = tokio::time::interval(clock.real_duration(60_000));
            retry.tick().await;
            // With a shared database: renew the lease and look for orphaned places four times
            // per lease, so a dead process's work is taken within about one lease.
            let mut poll = tokio::time::interval(
                clock
                    .real_duration(engine.lease() / 4)
                    .max(std::time::Duration::from_millis(10)),
            );
            poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            poll.tick().await;
            loop {
                let next = engine.inner.timers.next_lead();
                let wait =
                    next.map(|(d, lead)| clock.real_until(Timestamp(d.0.saturating_sub(lead.0))));
                let sleep = async {
                    match wait {
                        Some(w) => tokio::time::sleep(w).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    _ = sleep => {
                        let lead = next.map_or(TICK_LEAD, |(_, lead)| lead);
                        engine
                            .fire_due_concurrently(Timestamp(engine.now().0 + lead.0))
                            .await;
                    }
                    _ = engine.inner.timers.wake.notified() => {}
                    _ = retry.tick() => {
                        if let Err(e) = engine.redeliver_pending().await {
                            tracing::warn!(error = %e, "redelivery failed");
                        }
                    }
                    _ = poll.tick(), if engine.inner.shared => {
                        if let Err(e) = engine.maintain().await {
                            tracing::warn!(error = %e, "renewing the lease failed; retrying");
                        }
                    }
                }
            }
        })
    }

    /// Sets (or, with `None`, clears) a place's deadline in the index.
    pub(super) fn set_deadline(&self, place: &PlaceId, at: Option<Timestamp>) {
        self.inner.timers.set(&self.shared_id(place), at);
    }

    /// The timer task's firing: takes the deadlines due by `horizon` (now plus [`TICK_LEAD`]) out
    /// of the schedule and ticks their places concurrently (at most [`MAX_TICKING`] at once), so their commits land together and
    /// one slow place does not hold up the others. A tick that fails is tried again a second
    /// later. Returns how many places were due.
    async fn fire_due_concurrently(&self, horizon: Timestamp) -> usize {
        let due = self.inner.timers.take_due(horizon);
        let n = due.len();
        let firing = Arc::new(Firing {
            started: self.now(),
            places: n,
            left: AtomicUsize::new(n),
        });
        for (at, place) in due {
            let Ok(permit) = self.inner.timers.ticking.clone().acquire_owned().await else {
                break;
            };
            let engine = self.clone();
            let slot = TickSlot {
                _permit: permit,
                firing: firing.clone(),
                engine: self.clone(),
            };
            tokio::spawn(async move {
                let now = engine.now().max(at);
                if let Err(e) = engine.tick_place(&place, now, Some(at), Some(slot)).await {
                    tracing::error!(error = %e, "firing a deadline failed; retrying shortly");
                    let retry = Timestamp(engine.now().0 + 1_000);
                    engine.inner.timers.arm_unless_armed(&place, retry);
                }
            });
        }
        n
    }

    /// Ticks one place. `due`: the deadline the timer task fired this for; how late its posts
    /// go out is measured against it. `permit` bounds the ticks under way: it is given back
    /// once the tick is committed, before its posts wait for their deadline, so that many
    /// places due at one instant (turns end on whole seconds) are all ready in time.
    async fn tick_place(
        &self,
        place: &PlaceId,
        now: Timestamp,
        due: Option<Timestamp>,
        permit: Option<TickSlot>,
    ) -> Result<(), EngineError> {
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let checked = self.refresh_unless_trusted(place, &mut g, attempt).await?;
            let now = g.time(now);
            let Some(state) = g.place.as_mut() else {
                if !self.may_answer(checked, place, &mut g).await? {
                    continue;
                }
                self.set_deadline(place, None);
                return Ok(());
            };
            let outcome = state.handle(now, Input::Tick).unwrap_or_default();
            if !outcome.state_changed {
                let next = state.next_deadline();
                if !self.may_answer(checked, place, &mut g).await? {
                    continue;
                }
                self.set_deadline(place, next);
                return Ok(());
            }
            let deliveries = match self.commit(place, &mut g, now, &outcome.posts).await {
                Err(EngineError::Store(StoreError::Conflict)) if attempt < MAX_ATTEMPTS => continue,
                r => r?,
            };
            super::execute::log_session_events(place, &outcome.posts);
            let out = Outgoing {
                place: place.clone(),
                view: outcome.status_changed.then(|| LiveStatus::of(&g).view),
                deliveries,
            };
            drop(g);
            drop(permit);
            return match due {
                // Handled ahead of the deadline: the posts go out at the deadline.
                Some(at) if !self.inner.clock.real_until(at).is_zero() => {
                    self.send_at(at, out);
                    Ok(())
                }
                Some(at) => {
                    self.measure_lateness(at);
                    self.send_now(out).await
                }
                None => self.send_now(out).await,
            };
        }
    }

    /// Sends a tick's status change and posts now; the posts delivered leave the outbox.
    async fn send_now(&self, out: Outgoing) -> Result<(), EngineError> {
        if let Some(view) = out.view {
            self.status_to_sink(&out.place, view).await;
        }
        self.deliver_via_sinks(out.deliveries).await
    }

    /// Keeps a tick's posts for their deadline `at` (the periodic redelivery leaves them alone
    /// meanwhile). The first tick of an instant starts the one task that sends that instant's.
    fn send_at(&self, at: Timestamp, out: Outgoing) {
        let ids: Vec<i64> = out.deliveries.iter().filter_map(|d| d.outbox_id).collect();
        self.inner.outbox.hold(&ids);
        let mut waiting = self.inner.timers.outgoing.lock().expect("outgoing lock");
        let queue = waiting.entry(at).or_default();
        queue.push(out);
        if queue.len() == 1 {
            drop(waiting);
            let engine = self.clone();
            tokio::spawn(async move { engine.send_due(at).await });
        }
    }

    /// At `at`, hands every post kept for it to the sinks in one pass (many meetings' turns end
    /// on the same second: one task wakes, not one per place). Each place's status change and
    /// posts are handed over in turn, and their deliveries go on together (a sink may wait on
    /// its platform); once all are done, one acknowledgement removes them from the outbox.
    async fn send_due(&self, at: Timestamp) {
        let early = self.inner.clock.real_until(at);
        if !early.is_zero() {
            tokio::time::sleep(early).await;
        }
        let due = (self.inner.timers.outgoing.lock())
            .expect("outgoing lock")
            .remove(&at)
            .unwrap_or_default();
        let mut held = Vec::new();
        let mut sends: FuturesUnordered<_> = due
            .into_iter()
            .map(|mut out| {
                held.extend(out.deliveries.iter().filter_map(|d| d.outbox_id));
                async move {
                    self.measure_lateness(at);
                    if let Some(view) = out.view.take() {
                        self.status_to_sink(&out.place, view).await;
                    }
                    (self.hand_to_sinks(&out.deliveries).await, out)
                }
            })
            .collect();
        let mut delivered = Vec::new();
        // What was sent is freed once everything is out, not between one place and the next.
        let mut sent = Vec::with_capacity(sends.len());
        while let Some((ids, out)) = sends.next().await {
            delivered.extend(ids);
            sent.push(out);
        }
        drop(sent);
        if let Err(e) = self.inner.store.mark_delivered(&delivered).await {
            tracing::warn!(error = %e, "delivered posts could not be acknowledged; they will be sent again");
        }
        self.inner.outbox.release(&held);
    }

    /// A timer-driven change is about to go out: how late it is against its deadline, for the
    /// operator's histogram and a benchmark's probe.
    fn measure_lateness(&self, at: Timestamp) {
        let late = self.now().0.saturating_sub(at.0).max(0);
        metrics::histogram!("sharecircle_timer_lateness_seconds").record(late as f64 / 1000.0);
        let probe = (self.inner.timers.lateness_probe.read())
            .expect("probe lock")
            .clone();
        if let Some(p) = probe {
            p(at);
        }
    }
}
