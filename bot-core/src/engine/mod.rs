//! The engine: the shell around the pure domain. It feeds commands and deadlines to each place's
//! state machine (one input at a time per place, places in parallel), commits the new state and
//! its posts before anything is delivered, and wakes at the earliest deadline of all places.

pub mod clock;
pub mod status;

use async_trait::async_trait;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, RwLock};

use crate::domain::place::{forgotten_message, my_data_message};
use crate::domain::{
    parse, Actor, Audience, Command, CommandKind, Input, Member, MemberId, MemberList, Parsed,
    Place, PlaceId, Post, PostKind, RejectionCode, StatusView, Timestamp,
};
use crate::store::{Commit, OutboxEntry, StatusMessage, Store, StoreError};

/// How often a command or tick is retried when another process committed the same place
/// between this process's read and its commit.
const MAX_ATTEMPTS: usize = 16;

/// How long a process's lease lasts unless configured (`database.lease`).
pub const DEFAULT_LEASE: crate::domain::Millis = crate::domain::Millis(10_000);
pub use clock::{Clock, ManualClock, ScaledClock, SystemClock, TokioClock};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A post on its way out. `outbox_id` is set when the post was committed with the state (it is
/// redelivered after a crash until acknowledged); answers that changed nothing have none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub outbox_id: Option<i64>,
    pub place: PlaceId,
    pub post: Post,
}

impl Delivery {
    /// An idempotency key for platforms that accept one.
    pub fn key(&self) -> Option<String> {
        self.outbox_id.map(|id| format!("sc-{id}"))
    }
}

impl From<OutboxEntry> for Delivery {
    fn from(e: OutboxEntry) -> Self {
        Delivery {
            outbox_id: Some(e.id),
            place: e.place,
            post: e.post,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("delivery failed: {0}")]
pub struct SinkError(pub String);

/// Where an adapter receives what the engine says on its own (timers, redeliveries, other places
/// touched by a command). One sink per platform, chosen by the place id's platform prefix.
#[async_trait]
pub trait Sink: Send + Sync + 'static {
    async fn deliver(&self, delivery: &Delivery) -> Result<(), SinkError>;
    /// The live status of a place changed (`None`: no session any more).
    async fn status_changed(&self, _place: &PlaceId, _view: Option<StatusView>) {}
}

/// The result of one command.
#[derive(Clone, Debug, Default)]
pub struct Executed {
    /// In order; the caller delivers them (e.g. as the answer to a Discord interaction) and then
    /// calls [`Engine::acknowledge`].
    pub deliveries: Vec<Delivery>,
    pub rejected: Option<RejectionCode>,
    /// Set when the live status changed: the new view (no view when the session closed).
    pub status: Option<LiveStatus>,
}

/// A place's live status as of one version of its stored state. Of two, the one with the higher
/// version is the newer, however late it arrives: an adapter shows the newest it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveStatus {
    /// The place's stored version the view was taken at.
    pub version: i64,
    /// `None`: no session is open.
    pub view: Option<StatusView>,
}

impl LiveStatus {
    fn of(slot: &Slot) -> LiveStatus {
        LiveStatus {
            version: slot.version,
            view: slot.place.as_ref().and_then(Place::status_view),
        }
    }
}

#[derive(Default)]
struct Slot {
    loaded: bool,
    place: Option<Place>,
    /// The members the store's index holds for this place, when known (saves rewriting it).
    indexed: Option<BTreeSet<MemberId>>,
    /// The stored version `place` was read at (0: no row yet).
    version: i64,
    /// Read from a shared database after another process (or an earlier run of this one) had
    /// committed it: posts it left undelivered go out before this process's own.
    inherited: bool,
    /// The time of the last input handled: a place's time never runs backwards, also when a
    /// tick was handled a little ahead of the clock (see [`TICK_LEAD`]).
    not_before: i64,
}

impl Slot {
    /// The time an input is handled at: `now`, or the time of the last input if that was later
    /// (a place's time never runs backwards).
    fn time(&mut self, now: Timestamp) -> Timestamp {
        self.not_before = self.not_before.max(now.0);
        Timestamp(self.not_before)
    }
}

#[derive(Default)]
struct Deadlines {
    by_time: BTreeSet<(Timestamp, PlaceId)>,
    by_place: HashMap<PlaceId, Timestamp>,
}

impl Deadlines {
    /// Indexes a deadline for a place that has none in the index.
    fn insert(&mut self, place: &PlaceId, at: Timestamp) {
        self.by_place.insert(place.clone(), at);
        self.by_time.insert((at, place.clone()));
    }
}

struct Inner {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    prefix: String,
    slots: Mutex<HashMap<PlaceId, Arc<tokio::sync::Mutex<Slot>>>>,
    deadlines: Mutex<Deadlines>,
    wake: tokio::sync::Notify,
    sinks: RwLock<HashMap<String, Arc<dyn Sink>>>,
    /// The configured admin role of each platform whose roles have names (Discord).
    admin_roles: RwLock<HashMap<String, String>>,
    seed: Mutex<u64>,
    /// This process's name among those sharing the database.
    process: String,
    /// Whether other processes may commit the same places (cached states are checked first).
    shared: bool,
    lease: std::sync::atomic::AtomicI64,
    /// Until when this process's lease was last renewed.
    alive_until: std::sync::atomic::AtomicI64,
    /// Told each deadline whose tick changed something, just before its posts go out
    /// (benchmarks of timer accuracy).
    lateness_probe: RwLock<Option<LatenessProbe>>,
    /// Bounds the ticks the timer task runs at once.
    ticking: Arc<tokio::sync::Semaphore>,
    /// What preparing one place's tick costs in a burst (µs of the engine's clock), learnt from
    /// the bursts fired.
    tick_cost_micros: std::sync::atomic::AtomicI64,
    /// Outbox ids of timer posts committed and waiting for their deadline to go out: the
    /// periodic redelivery leaves them to the tick that is about to send them.
    in_flight: Mutex<std::collections::HashSet<i64>>,
    /// Time zones of the places an adapter asked about ([`Engine::timezone_of`]), kept current
    /// by every load and commit; read without the place's lock, so a sink may ask while the
    /// engine holds it.
    zones: RwLock<HashMap<PlaceId, String>>,
}

/// The zone of a place that has none set.
const UTC: &str = "UTC";

/// Most places the timer task ticks at once.
const MAX_TICKING: usize = 512;

/// How far ahead of a deadline (in the engine clock's time) the timer task handles and commits
/// the tick, so that its posts are ready and go out at the deadline itself rather than a commit
/// later. The place's time is the deadline's from then on: a command arriving in between is
/// handled at that time too.
pub const TICK_LEAD: crate::domain::Millis = crate::domain::Millis(25);

/// What preparing one place's tick in a burst is assumed to cost (µs of the engine's clock) until a burst has
/// been measured: the engine learns the real figure from every burst it fires
/// ([`Firing`]), which depends on the store and on how busy the machine is.
const INITIAL_TICK_COST_MICROS: i64 = 50;

/// A firing with fewer places than this teaches nothing about the cost per place (its time is
/// the store's latency, which [`TICK_LEAD`] covers).
const LEARN_FROM: usize = 16;

/// Deadlines this close to the earliest count as one burst.
const BURST: crate::domain::Millis = crate::domain::Millis(100);

/// The most the timer task starts ahead of a deadline.
const MAX_LEAD: crate::domain::Millis = crate::domain::Millis(500);

/// One firing of the timer task: when it started and how many of its ticks are still being
/// prepared. The last one ready tells the engine what a tick costs in a burst.
struct Firing {
    started: Timestamp,
    places: usize,
    left: std::sync::atomic::AtomicUsize,
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
        use std::sync::atomic::Ordering::Relaxed;
        let f = &self.firing;
        if f.left.fetch_sub(1, Relaxed) != 1 || f.places < LEARN_FROM {
            return;
        }
        // The whole burst is ready: learn its cost per place. A slower burst sets the cost at
        // once (the next burst is on time); a faster one lowers it by a quarter of the way.
        let elapsed = self.engine.now().0.saturating_sub(f.started.0).max(0);
        let sample = (elapsed * 1_000 / f.places as i64).max(1);
        let cost = &self.engine.inner.tick_cost_micros;
        let old = cost.load(Relaxed);
        let new = if sample > old {
            sample
        } else {
            (3 * old + sample + 3) / 4
        };
        cost.store(new, Relaxed);
    }
}

/// Called with each fired deadline whose tick changed something, as its posts are about to go out.
pub type LatenessProbe = Arc<dyn Fn(Timestamp) + Send + Sync>;

#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl Engine {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, prefix: &str) -> Engine {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_i64(clock.now().0);
        let seed = h.finish();
        let host = std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "host".to_string());
        let process = format!("{host}-{}-{:04x}", std::process::id(), seed & 0xffff);
        Engine {
            inner: Arc::new(Inner {
                shared: store.shared(),
                process,
                lease: std::sync::atomic::AtomicI64::new(DEFAULT_LEASE.0),
                alive_until: std::sync::atomic::AtomicI64::new(0),
                lateness_probe: RwLock::new(None),
                ticking: Arc::new(tokio::sync::Semaphore::new(MAX_TICKING)),
                tick_cost_micros: std::sync::atomic::AtomicI64::new(INITIAL_TICK_COST_MICROS),
                in_flight: Mutex::new(Default::default()),
                zones: RwLock::new(HashMap::new()),
                store,
                clock,
                prefix: prefix.to_string(),
                slots: Mutex::new(HashMap::new()),
                deadlines: Mutex::new(Deadlines::default()),
                wake: tokio::sync::Notify::new(),
                sinks: RwLock::new(HashMap::new()),
                admin_roles: RwLock::new(HashMap::new()),
                seed: Mutex::new(seed),
            }),
        }
    }

    /// Makes the seeds given to new places reproducible (scripted consoles and tests); by default
    /// they are random.
    pub fn reseed(&self, seed: u64) {
        *self.inner.seed.lock().expect("seed lock") = seed;
    }

    /// Sets how long this process's lease lasts (`database.lease`): when it stops renewing it,
    /// other processes take its places' timers and posts after this long.
    pub fn set_lease(&self, lease: crate::domain::Millis) {
        self.inner
            .lease
            .store(lease.0.max(1), std::sync::atomic::Ordering::Relaxed);
    }

    fn lease(&self) -> i64 {
        self.inner.lease.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Lets a benchmark see each deadline the timer task fired, the moment its posts go out.
    pub fn set_lateness_probe(&self, probe: LatenessProbe) {
        *self.inner.lateness_probe.write().expect("probe lock") = Some(probe);
    }

    /// This process's name in the shared database (host, pid and a random suffix).
    pub fn process_id(&self) -> &str {
        &self.inner.process
    }

    /// Whether this engine shares its database with other processes.
    pub fn is_shared(&self) -> bool {
        self.inner.shared
    }

    pub fn prefix(&self) -> &str {
        &self.inner.prefix
    }

    pub fn now(&self) -> Timestamp {
        self.inner.clock.now()
    }

    /// Routes deliveries for places whose id starts with `platform:` to `sink`.
    pub fn add_sink(&self, platform: &str, sink: Arc<dyn Sink>) {
        self.inner
            .sinks
            .write()
            .expect("sinks lock")
            .insert(platform.to_string(), sink);
    }

    /// Names the configured admin role of a platform (`discord.admin_role`): members of its
    /// places with a platform role of that name act as admins (`None`: no such role).
    pub fn set_admin_role(&self, platform: &str, role: Option<&str>) {
        let mut roles = self.inner.admin_roles.write().expect("admin roles lock");
        match role.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => roles.insert(platform.to_string(), r.to_string()),
            None => roles.remove(platform),
        };
    }

    fn admin_role_of(&self, place: &PlaceId) -> Option<String> {
        let roles = self.inner.admin_roles.read().expect("admin roles lock");
        roles.get(place.platform()).cloned()
    }

    /// After a start: re-arms every stored deadline and delivers posts a crash left undelivered.
    /// With a shared database, only what no live process holds: that work is taken over.
    pub async fn resume(&self) -> Result<(), EngineError> {
        if self.inner.shared {
            let taken = self.maintain().await?;
            tracing::info!(places = taken, process = %self.inner.process, "joined the shared database");
            return Ok(());
        }
        let due = self.inner.store.places_with_deadlines().await?;
        tracing::info!(places = due.len(), "re-arming stored deadlines");
        for (place, at) in due {
            self.set_deadline(&place, Some(at));
        }
        self.redeliver_pending().await?;
        Ok(())
    }

    /// Delivers every post still in the outbox (oldest first) through the sinks.
    pub async fn redeliver_pending(&self) -> Result<usize, EngineError> {
        let pending = self.pending().await?;
        let n = pending.len();
        if n > 0 {
            tracing::info!(posts = n, "delivering posts left in the outbox");
        }
        self.deliver_via_sinks(pending.into_iter().map(Delivery::from).collect())
            .await?;
        Ok(n)
    }

    /// Delivers the posts still in the outbox for one platform's places (an adapter calls this
    /// once it is connected).
    pub async fn redeliver_pending_for(&self, platform: &str) -> Result<usize, EngineError> {
        let pending: Vec<Delivery> = self
            .pending()
            .await?
            .into_iter()
            .filter(|e| e.place.platform() == platform)
            .map(Delivery::from)
            .collect();
        let n = pending.len();
        self.deliver_via_sinks(pending).await?;
        Ok(n)
    }

    /// Leaves out posts a tick is about to send.
    fn not_in_flight(&self, pending: Vec<OutboxEntry>) -> Vec<OutboxEntry> {
        let f = self.inner.in_flight.lock().expect("in-flight lock");
        if f.is_empty() {
            return pending;
        }
        pending.into_iter().filter(|e| !f.contains(&e.id)).collect()
    }

    /// The undelivered posts this process answers for: all of them, or with a shared database
    /// those of the places it holds; never those a tick is about to send.
    async fn pending(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        let pending = if self.inner.shared {
            self.inner
                .store
                .pending_outbox_held_by(&self.inner.process)
                .await?
        } else {
            self.inner.store.pending_outbox().await?
        };
        Ok(self.not_in_flight(pending))
    }

    /// With a shared database: renews this process's lease and takes over the places of
    /// processes whose lease ran out (their undelivered posts first, in order, then their
    /// timers). Returns how many places were taken.
    pub async fn maintain(&self) -> Result<usize, EngineError> {
        use std::sync::atomic::Ordering;
        let store = &self.inner.store;
        let me = self.inner.process.as_str();
        let now = self.now();
        let before = self.inner.alive_until.load(Ordering::Relaxed);
        if before > 0 && now.0 > before {
            tracing::warn!(
                late_ms = now.0 - before,
                "this process's lease ran out before it was renewed; others may have taken its places"
            );
        }
        let until = now.0 + self.lease();
        store.heartbeat(me, Timestamp(until)).await?;
        self.inner.alive_until.store(until, Ordering::Relaxed);
        let mut taken = 0;
        for (place, holder) in store.orphans(me, now, 500).await? {
            // Only places of platforms this process serves (a Matrix room needs the Matrix session).
            if self.sink_for(&place).is_none()
                || !store.claim(&place, me, holder.as_deref()).await?
            {
                continue;
            }
            taken += 1;
            metrics::counter!("sharecircle_takeovers_total").increment(1);
            tracing::info!(place = %place, "took over a place whose process stopped");
            let slot = self.slot(&place);
            let mut g = slot.lock().await;
            g.loaded = false;
            self.refresh(&place, &mut g).await?;
            let next = g.place.as_ref().and_then(|p| p.next_deadline());
            let pending = store.pending_outbox_of(&place).await?;
            drop(g);
            self.deliver_via_sinks(pending.into_iter().map(Delivery::from).collect())
                .await?;
            self.set_deadline(&place, next);
        }
        Ok(taken)
    }

    /// Ends this process's lease (a clean shutdown), so others take its places at once.
    pub async fn retire(&self) -> Result<(), EngineError> {
        if self.inner.shared {
            self.inner.store.retire(&self.inner.process).await?;
        }
        Ok(())
    }

    /// Takes the named singleton (e.g. `matrix`) for this process if no live process holds it.
    pub async fn acquire_singleton(&self, name: &str) -> Result<bool, EngineError> {
        Ok(self
            .inner
            .store
            .acquire_singleton(name, &self.inner.process, self.now())
            .await?)
    }

    /// Parses a line of text with the configured prefix and executes it. `None`: not a command
    /// (the text is not looked at further, stored or logged).
    pub async fn handle_text(
        &self,
        place: &PlaceId,
        actor: Actor,
        text: &str,
    ) -> Result<Option<Executed>, EngineError> {
        match parse(&self.inner.prefix, text) {
            Parsed::NotACommand => Ok(None),
            Parsed::Error(e) => {
                metrics_log_rejection(RejectionCode::Parse);
                Ok(Some(Executed {
                    deliveries: vec![Delivery {
                        outbox_id: None,
                        place: place.clone(),
                        post: Post {
                            audience: Audience::Private(actor.member.id.clone()),
                            kind: PostKind::Refusal,
                            message: e.message,
                        },
                    }],
                    rejected: Some(RejectionCode::Parse),
                    status: None,
                }))
            }
            Parsed::Command(c) => self.execute(place, actor, c).await.map(Some),
        }
    }

    /// Executes one command for one place: the domain decides, the store commits, and the posts
    /// come back for the caller to deliver.
    pub async fn execute(
        &self,
        place: &PlaceId,
        actor: Actor,
        command: Command,
    ) -> Result<Executed, EngineError> {
        let kind = command.kind();
        match command {
            Command::MyData => return self.my_data(place, &actor).await,
            Command::ForgetMe => return self.forget_me(place, &actor).await,
            _ => {}
        }
        let admin_role = self.admin_role_of(place);
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        let actor_id = actor.member.id.clone();
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.refresh(place, &mut g).await?;
            let now = g.time(self.now());
            let state = g.place.get_or_insert_with(|| Place::new(self.next_seed()));
            // The actor's role here, from the place's host role as it is now.
            let mut actor = actor.clone();
            actor.role = state.role_of(&actor, admin_role.as_deref());
            let input = Input::Command {
                actor,
                command: command.clone(),
            };
            return match state.handle(now, input) {
                Err(rejection) => {
                    count_command(kind, "refused");
                    metrics_log_rejection(rejection.code);
                    tracing::debug!(command = ?kind, code = rejection.code.as_str(), "command refused");
                    Ok(Executed {
                        deliveries: vec![Delivery {
                            outbox_id: None,
                            place: place.clone(),
                            post: Post {
                                audience: Audience::Private(actor_id),
                                kind: PostKind::Refusal,
                                message: rejection.message,
                            },
                        }],
                        rejected: Some(rejection.code),
                        status: None,
                    })
                }
                Ok(outcome) => {
                    let deliveries = if outcome.state_changed {
                        match self.commit(place, &mut g, now, &outcome.posts).await {
                            Err(EngineError::Store(StoreError::Conflict))
                                if attempt < MAX_ATTEMPTS =>
                            {
                                continue
                            }
                            r => r?,
                        }
                    } else {
                        outcome
                            .posts
                            .iter()
                            .cloned()
                            .map(|post| Delivery {
                                outbox_id: None,
                                place: place.clone(),
                                post,
                            })
                            .collect()
                    };
                    count_command(kind, "accepted");
                    tracing::debug!(command = ?kind, "command accepted");
                    log_session_events(place, &outcome.posts);
                    let status = outcome.status_changed.then(|| LiveStatus::of(&g));
                    Ok(Executed {
                        deliveries,
                        rejected: None,
                        status,
                    })
                }
            };
        }
    }

    /// Called just before a speaker's call (a `RoundStarted` or `Turn` post naming who has the
    /// floor) is sent, maybe late because the platform held it back: a turn does not start
    /// before its call can be read, so when the call is late the turn moves to start now (the
    /// domain decides, [`crate::domain::Input::CallGoingOut`]) and the call comes back with its
    /// times moved the same way. Anything else comes back as it is.
    pub async fn call_going_out(&self, d: &Delivery) -> Result<Delivery, EngineError> {
        if !matches!(d.post.kind, PostKind::RoundStarted | PostKind::Turn) {
            return Ok(d.clone());
        }
        let Some(speaker) = d.post.message.mentions().into_iter().next() else {
            return Ok(d.clone());
        };
        let slot = self.slot(&d.place);
        let mut g = slot.lock().await;
        self.refresh(&d.place, &mut g).await?;
        // Inherited posts would be delivered by the commit, through the very sink that asks.
        if g.inherited {
            return Ok(d.clone());
        }
        let now = g.time(self.now());
        let Some(state) = g.place.as_mut() else {
            return Ok(d.clone());
        };
        let input = Input::CallGoingOut {
            speaker: speaker.clone(),
        };
        let mut moved_now = None;
        if let Some(outcome) = state.handle(now, input).ok().filter(|o| o.state_changed) {
            if let Err(e) = self.commit(&d.place, &mut g, now, &outcome.posts).await {
                // The cached state moved on without its commit: read it again next time.
                g.loaded = false;
                tracing::warn!(place = %d.place, error = %e, "a late call could not move its turn");
                return Ok(d.clone());
            }
            tracing::info!(place = %d.place, "a speaker's call went out late: the turn moved with it");
            moved_now = Some(g.place.as_ref().and_then(|p| p.status_view()));
        }
        // The call as committed, with the times of the turn as it is now (also on a retry after
        // the turn moved).
        let mut call = d.clone();
        if let Some((start, end, moved)) = g.place.as_ref().and_then(|p| p.current_call(&speaker)) {
            let (start0, end0) = (start.minus(moved), end.minus(moved));
            call.post.message = call.post.message.map_times(|t| match t {
                t if t == end0 => end,
                t if t == start0 => start,
                t => t,
            });
        }
        drop(g);
        if let Some(view) = moved_now {
            self.status_to_sink(&d.place, view).await;
        }
        Ok(call)
    }

    /// The caller delivered these posts: they leave the outbox.
    pub async fn acknowledge(&self, deliveries: &[Delivery]) -> Result<(), EngineError> {
        let ids: Vec<i64> = deliveries.iter().filter_map(|d| d.outbox_id).collect();
        self.inner.store.mark_delivered(&ids).await?;
        Ok(())
    }

    /// Delivers an execution's posts through the sinks (for adapters with no reply channel of
    /// their own, like the console) and acknowledges them.
    pub async fn dispatch(&self, executed: Executed) -> Result<(), EngineError> {
        if let Some(status) = &executed.status {
            if let Some(place) = executed.deliveries.first().map(|d| d.place.clone()) {
                self.status_to_sink(&place, status.view.clone()).await;
            }
        }
        self.deliver_via_sinks(executed.deliveries).await
    }

    /// The earliest deadline of all places.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.inner
            .deadlines
            .lock()
            .expect("deadlines lock")
            .by_time
            .first()
            .map(|(t, _)| *t)
    }

    /// The earliest deadline and how far ahead of it the timer task starts ticking:
    /// [`TICK_LEAD`], plus twice the learnt cost of a tick for each place due within [`BURST`]
    /// of it (turns start and end on whole seconds, so many meetings' deadlines can fall on one
    /// instant and their ticks are prepared earlier to go out on time), at most [`MAX_LEAD`].
    fn next_lead(&self) -> Option<(Timestamp, crate::domain::Millis)> {
        let cost = (self.inner.tick_cost_micros)
            .load(std::sync::atomic::Ordering::Relaxed)
            .max(1);
        let per_place = 2 * cost; // µs of lead for each place due
        let d = self.inner.deadlines.lock().expect("deadlines lock");
        let (first, _) = d.by_time.first()?;
        let cap = ((MAX_LEAD.0 - TICK_LEAD.0) * 1_000 / per_place).max(1);
        let burst = (d.by_time.iter())
            .take_while(|(t, _)| t.0 <= first.0 + BURST.0)
            .take(cap as usize)
            .count() as i64;
        let lead = (TICK_LEAD.0 + (burst * per_place + 999) / 1_000).min(MAX_LEAD.0);
        Some((*first, crate::domain::Millis(lead)))
    }

    /// Fires every place deadline at or before `now`; returns how many places were ticked.
    pub async fn fire_due(&self, now: Timestamp) -> Result<usize, EngineError> {
        let due: Vec<PlaceId> = {
            let d = self.inner.deadlines.lock().expect("deadlines lock");
            d.by_time
                .iter()
                .take_while(|(t, _)| *t <= now)
                .map(|(_, p)| p.clone())
                .collect()
        };
        for place in &due {
            self.tick_place(place, now, None, None).await?;
        }
        Ok(due.len())
    }

    /// The timer task's firing: takes the deadlines due by `horizon` (now plus [`TICK_LEAD`]) out
    /// of the schedule and ticks their places concurrently (at most [`MAX_TICKING`] at once), so their commits land together and
    /// one slow place does not hold up the others. A tick that fails is tried again a second
    /// later. Returns how many places were due.
    async fn fire_due_concurrently(&self, horizon: Timestamp) -> usize {
        let due: Vec<(Timestamp, PlaceId)> = {
            let mut d = self.inner.deadlines.lock().expect("deadlines lock");
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
        };
        let n = due.len();
        let firing = Arc::new(Firing {
            started: self.now(),
            places: n,
            left: std::sync::atomic::AtomicUsize::new(n),
        });
        for (at, place) in due {
            let Ok(permit) = self.inner.ticking.clone().acquire_owned().await else {
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
                    engine.arm_unless_armed(&place, Timestamp(engine.now().0 + 1_000));
                }
            });
        }
        n
    }

    /// Sets a deadline for a place that has none (a newer commit may have set one meanwhile).
    fn arm_unless_armed(&self, place: &PlaceId, at: Timestamp) {
        let mut d = self.inner.deadlines.lock().expect("deadlines lock");
        if d.by_place.contains_key(place) {
            return;
        }
        d.insert(place, at);
        drop(d);
        self.inner.wake.notify_one();
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
            self.refresh(place, &mut g).await?;
            let now = g.time(now);
            let Some(state) = g.place.as_mut() else {
                self.set_deadline(place, None);
                return Ok(());
            };
            let outcome = state.handle(now, Input::Tick).unwrap_or_default();
            if !outcome.state_changed {
                let next = state.next_deadline();
                self.set_deadline(place, next);
                return Ok(());
            }
            let deliveries = match self.commit(place, &mut g, now, &outcome.posts).await {
                Err(EngineError::Store(StoreError::Conflict)) if attempt < MAX_ATTEMPTS => continue,
                r => r?,
            };
            log_session_events(place, &outcome.posts);
            let view = outcome.status_changed.then(|| LiveStatus::of(&g).view);
            let ids: Vec<i64> = deliveries.iter().filter_map(|d| d.outbox_id).collect();
            if due.is_some() {
                self.inner
                    .in_flight
                    .lock()
                    .expect("in-flight lock")
                    .extend(ids.iter().copied());
            }
            drop(g);
            drop(permit);
            if let Some(at) = due {
                // Handled ahead of the deadline: the posts go out at the deadline.
                let early = self.inner.clock.real_until(at);
                if !early.is_zero() {
                    tokio::time::sleep(early).await;
                }
                self.measure_lateness(at);
            }
            if let Some(view) = view {
                self.status_to_sink(place, view).await;
            }
            let delivered = self.deliver_via_sinks(deliveries).await;
            if due.is_some() {
                let mut f = self.inner.in_flight.lock().expect("in-flight lock");
                for id in &ids {
                    f.remove(id);
                }
            }
            delivered?;
            return Ok(());
        }
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
                let next = engine.next_lead();
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
                    _ = engine.inner.wake.notified() => {}
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

    /// Refreshes the gauges of open sessions and active rounds from the store (called when
    /// metrics are scraped) and says whether the database answers.
    pub async fn refresh_gauges(&self) -> Result<crate::store::Activity, EngineError> {
        let a = self.inner.store.activity().await?;
        metrics::gauge!("sharecircle_open_sessions").set(a.open_sessions as f64);
        metrics::gauge!("sharecircle_active_rounds").set(a.active_rounds as f64);
        Ok(a)
    }

    /// Whether the database answers.
    pub async fn database_ok(&self) -> bool {
        self.inner.store.ping().await.is_ok()
    }

    /// The live status of a place, if a session is open.
    pub async fn status_view(&self, place: &PlaceId) -> Result<Option<StatusView>, EngineError> {
        Ok(self.live_status(place).await?.view)
    }

    /// The live status of a place now, with the version of the state it shows.
    pub async fn live_status(&self, place: &PlaceId) -> Result<LiveStatus, EngineError> {
        self.read_slot(place, LiveStatus::of).await
    }

    /// A place's time zone (its `timezone` setting; `UTC` until one is set), for adapters that
    /// must write clock times out themselves (Matrix). Never waits for the place's lock.
    pub async fn timezone_of(&self, place: &PlaceId) -> String {
        if let Some(z) = self.inner.zones.read().expect("zones lock").get(place) {
            return z.clone();
        }
        let zone = match self.inner.store.load_place(place).await {
            Ok(p) => p.map_or_else(|| UTC.to_string(), |p| p.settings.timezone),
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read a place's time zone");
                return UTC.to_string();
            }
        };
        self.inner
            .zones
            .write()
            .expect("zones lock")
            .entry(place.clone())
            .or_insert(zone)
            .clone()
    }

    /// Keeps a place's cached time zone (if an adapter asked for it) in step with its state.
    fn note_zone(&self, place: &PlaceId, state: Option<&Place>) {
        let zone = state.map_or(UTC, |p| p.settings.timezone.as_str());
        let stale = self
            .inner
            .zones
            .read()
            .expect("zones lock")
            .get(place)
            .is_some_and(|z| z != zone);
        if stale {
            self.inner
                .zones
                .write()
                .expect("zones lock")
                .insert(place.clone(), zone.to_string());
        }
    }

    /// Where an adapter last posted a place's live status message (kept in the database, so a
    /// restarted process or the one taking a place over edits that message).
    pub async fn status_message(
        &self,
        place: &PlaceId,
    ) -> Result<Option<StatusMessage>, StoreError> {
        self.inner.store.status_message(place).await
    }

    /// Records (or, with `None`, forgets) a place's live status message.
    pub async fn set_status_message(
        &self,
        place: &PlaceId,
        message: Option<&StatusMessage>,
    ) -> Result<(), StoreError> {
        self.inner.store.set_status_message(place, message).await
    }

    /// The places of a platform whose recorded status message shows a session that is no longer
    /// open (the process stopped between the close and the message's last edit): the adapter
    /// closes them at start, so that no feeling word stays on show after its session closed.
    pub async fn stale_status_messages(&self, platform: &str) -> Result<Vec<PlaceId>, EngineError> {
        let mut stale = Vec::new();
        for (place, shown) in self.inner.store.status_messages_of(platform).await? {
            let open = self.status_view(&place).await?.map(|v| v.opened_at);
            if open != Some(shown.opened_at) {
                stale.push(place);
            }
        }
        Ok(stale)
    }

    /// A copy of a place's state (tests and diagnostics).
    pub async fn place_state(&self, place: &PlaceId) -> Result<Option<Place>, EngineError> {
        self.read_place(place, Place::clone).await
    }

    /// The members a command's member argument offers in a place, in the order to offer them,
    /// whose display name contains `typed` (see [`Place::member_candidates`]). Adapters turn
    /// them into their platform's choices; the choice itself stays the core's.
    pub async fn member_candidates(
        &self,
        place: &PlaceId,
        kind: CommandKind,
        typed: &str,
    ) -> Result<Vec<Member>, EngineError> {
        let list = kind.member_list().unwrap_or(MemberList::Round);
        let found = self.read_place(place, |p| p.member_candidates(list, typed));
        Ok(found.await?.unwrap_or_default())
    }

    /// Reads a place's current state under its lock (`None`: the place has no state yet).
    async fn read_place<T>(
        &self,
        place: &PlaceId,
        read: impl FnOnce(&Place) -> T,
    ) -> Result<Option<T>, EngineError> {
        self.read_slot(place, |g| g.place.as_ref().map(read)).await
    }

    /// Reads a place's slot (state and version) under its lock, current with the store.
    async fn read_slot<T>(
        &self,
        place: &PlaceId,
        read: impl FnOnce(&Slot) -> T,
    ) -> Result<T, EngineError> {
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        self.refresh(place, &mut g).await?;
        Ok(read(&g))
    }

    // ----- cross-place privacy commands

    async fn places_of(
        &self,
        here: &PlaceId,
        member: &MemberId,
    ) -> Result<Vec<PlaceId>, EngineError> {
        let mut places = self.inner.store.places_mentioning(member).await?;
        // Places changed in memory but never committed cannot mention anyone; the store's index
        // is complete. The asking place always counts.
        if !places.contains(here) {
            places.insert(0, here.clone());
        }
        Ok(places)
    }

    async fn my_data(&self, here: &PlaceId, actor: &Actor) -> Result<Executed, EngineError> {
        let mut found = Vec::new();
        for place in self.places_of(here, &actor.member.id).await? {
            let slot = self.slot(&place);
            let mut g = slot.lock().await;
            self.refresh(&place, &mut g).await?;
            if let Some(facts) = g
                .place
                .as_ref()
                .and_then(|p| p.member_facts(&actor.member.id))
            {
                let label = if &place == here {
                    "Here".to_string()
                } else {
                    format!("Elsewhere ({place})")
                };
                found.push((label, facts));
            }
        }
        Ok(Executed {
            deliveries: vec![Delivery {
                outbox_id: None,
                place: here.clone(),
                post: Post {
                    audience: Audience::Private(actor.member.id.clone()),
                    kind: PostKind::MyData,
                    message: my_data_message(found),
                },
            }],
            rejected: None,
            status: None,
        })
    }

    async fn forget_me(&self, here: &PlaceId, actor: &Actor) -> Result<Executed, EngineError> {
        let id = &actor.member.id;
        let mut here_deliveries = Vec::new();
        let mut status = None;
        for place in self.places_of(here, id).await? {
            let slot = self.slot(&place);
            let mut g = slot.lock().await;
            let mut attempt = 0;
            let (outcome, deliveries) = loop {
                attempt += 1;
                self.refresh(&place, &mut g).await?;
                let now = g.time(self.now());
                let Some(state) = g.place.as_mut() else {
                    break (None, Vec::new());
                };
                let outcome = state.forget_member(now, id);
                // Commit even when nothing changed in the state, so the member index forgets them.
                match self.commit(&place, &mut g, now, &outcome.posts).await {
                    Err(EngineError::Store(StoreError::Conflict)) if attempt < MAX_ATTEMPTS => {}
                    r => break (Some(outcome), r?),
                }
            };
            let Some(outcome) = outcome else {
                continue;
            };
            let changed = outcome.status_changed.then(|| LiveStatus::of(&g));
            drop(g);
            if &place == here {
                here_deliveries = deliveries;
                status = changed;
            } else {
                if let Some(c) = changed {
                    self.status_to_sink(&place, c.view).await;
                }
                self.deliver_via_sinks(deliveries).await?;
            }
        }
        tracing::info!("a member's data was erased on request");
        here_deliveries.push(Delivery {
            outbox_id: None,
            place: here.clone(),
            post: Post {
                audience: Audience::Private(id.clone()),
                kind: PostKind::Forgotten,
                message: forgotten_message(),
            },
        });
        Ok(Executed {
            deliveries: here_deliveries,
            rejected: None,
            status,
        })
    }

    // ----- internals

    fn slot(&self, place: &PlaceId) -> Arc<tokio::sync::Mutex<Slot>> {
        self.inner
            .slots
            .lock()
            .expect("slots lock")
            .entry(place.clone())
            .or_default()
            .clone()
    }

    /// Loads the place on first use and, when other processes share the database, again
    /// whenever the stored version moved on since it was cached.
    async fn refresh(&self, place: &PlaceId, slot: &mut Slot) -> Result<(), EngineError> {
        // Another process may have committed this place since it was cached.
        if slot.loaded
            && self.inner.shared
            && self.inner.store.version_of(place).await? != slot.version
        {
            slot.loaded = false;
        }
        if !slot.loaded {
            let (state, version) = match self.inner.store.load_versioned(place).await? {
                Some((p, v)) => (Some(p), v),
                None => (None, 0),
            };
            slot.inherited = self.inner.shared && version > 0;
            self.note_zone(place, state.as_ref());
            slot.place = state;
            slot.version = version;
            slot.indexed = None;
            slot.loaded = true;
        }
        Ok(())
    }

    fn next_seed(&self) -> u64 {
        let mut s = self.inner.seed.lock().expect("seed lock");
        *s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *s
    }

    /// Commits the slot's place with its posts; on failure the slot reloads from the store next
    /// time, so memory never runs ahead of the database.
    async fn commit(
        &self,
        place: &PlaceId,
        slot: &mut Slot,
        now: Timestamp,
        posts: &[Post],
    ) -> Result<Vec<Delivery>, EngineError> {
        let state = slot.place.as_ref().expect("commit needs a state");
        let next = state.next_deadline();
        let members = state.members_mentioned();
        let members_changed = slot.indexed.as_ref() != Some(&members);
        // Only what the meeting sees is kept for redelivery after a crash: an answer to one
        // member belongs to a request that is gone by then.
        let public: Vec<Post> = posts
            .iter()
            .filter(|p| p.audience == Audience::Place)
            .cloned()
            .collect();
        let result = self
            .inner
            .store
            .commit(Commit {
                place,
                state,
                next_deadline: next,
                members: members_changed.then_some(&members),
                now,
                session_open: state.session.is_some(),
                round_active: state.session.as_ref().is_some_and(|s| s.round.is_some()),
                posts: &public,
                base_version: slot.version,
                holder: self.inner.shared.then_some(self.inner.process.as_str()),
            })
            .await;
        match result {
            Ok(entries) => {
                slot.version += 1;
                self.note_zone(place, Some(state));
                if std::mem::take(&mut slot.inherited) {
                    // A process that died may have left posts of this place undelivered: they
                    // were said first, so they go first (a live one delivering them too is
                    // harmless: the platform drops the repeat by its key).
                    let first_new = entries.first().map_or(i64::MAX, |e| e.id);
                    let older: Vec<Delivery> = self
                        .inner
                        .store
                        .pending_outbox_of(place)
                        .await?
                        .into_iter()
                        .filter(|e| e.id < first_new)
                        .map(Delivery::from)
                        .collect();
                    self.deliver_via_sinks(older).await?;
                }
                self.set_deadline(place, next);
                slot.indexed = Some(members);
                let mut entries = entries.into_iter();
                Ok(posts
                    .iter()
                    .map(|post| match post.audience {
                        Audience::Place => entries
                            .next()
                            .map(Delivery::from)
                            .expect("one entry per public post"),
                        _ => Delivery {
                            outbox_id: None,
                            place: place.clone(),
                            post: post.clone(),
                        },
                    })
                    .collect())
            }
            Err(e) => {
                slot.loaded = false;
                slot.place = None;
                slot.indexed = None;
                Err(e.into())
            }
        }
    }

    /// A timer-driven change is about to go out: how late it is against its deadline, for the
    /// operator's histogram and a benchmark's probe.
    fn measure_lateness(&self, at: Timestamp) {
        let late = self.now().0.saturating_sub(at.0).max(0);
        metrics::histogram!("sharecircle_timer_lateness_seconds").record(late as f64 / 1000.0);
        let probe = self
            .inner
            .lateness_probe
            .read()
            .expect("probe lock")
            .clone();
        if let Some(p) = probe {
            p(at);
        }
    }

    fn set_deadline(&self, place: &PlaceId, at: Option<Timestamp>) {
        let mut d = self.inner.deadlines.lock().expect("deadlines lock");
        if let Some(old) = d.by_place.remove(place) {
            d.by_time.remove(&(old, place.clone()));
        }
        if let Some(at) = at {
            d.insert(place, at);
        }
        drop(d);
        self.inner.wake.notify_one();
    }

    fn sink_for(&self, place: &PlaceId) -> Option<Arc<dyn Sink>> {
        self.inner
            .sinks
            .read()
            .expect("sinks lock")
            .get(place.platform())
            .cloned()
    }

    async fn status_to_sink(&self, place: &PlaceId, view: Option<StatusView>) {
        if let Some(sink) = self.sink_for(place) {
            sink.status_changed(place, view).await;
        }
    }

    async fn deliver_via_sinks(&self, deliveries: Vec<Delivery>) -> Result<(), EngineError> {
        let mut delivered = Vec::new();
        for d in deliveries {
            let Some(sink) = self.sink_for(&d.place) else {
                tracing::warn!(
                    platform = d.place.platform(),
                    "no adapter for this platform; post kept for later"
                );
                continue;
            };
            // Sinks count what they send (`telemetry::delivery`): a post may be several messages.
            match sink.deliver(&d).await {
                Ok(()) => delivered.extend(d.outbox_id),
                Err(e) => tracing::warn!(error = %e, "delivery failed; post kept for a retry"),
            }
        }
        self.inner.store.mark_delivered(&delivered).await?;
        Ok(())
    }
}

fn metrics_log_rejection(code: RejectionCode) {
    metrics::counter!("sharecircle_rejections_total", "code" => code.as_str()).increment(1);
}

/// Commands by kind (the catalogue's words, `round_start`) and outcome; never who or what text.
fn count_command(kind: crate::domain::CommandKind, outcome: &'static str) {
    let label = crate::domain::catalogue::spec(kind)
        .words
        .replace([' ', '-'], "_");
    metrics::counter!("sharecircle_commands_total", "command" => label, "outcome" => outcome)
        .increment(1);
}

/// One INFO line per session event; never any member text or id.
fn log_session_events(place: &PlaceId, posts: &[Post]) {
    for p in posts {
        let event = match p.kind {
            PostKind::SessionOpened => "session opened",
            PostKind::SessionClosed => "session closed",
            PostKind::RoundStarted => "round started",
            PostKind::RoundEnded => "round ended",
            _ => continue,
        };
        tracing::info!(place = %place, "{event}");
    }
}
