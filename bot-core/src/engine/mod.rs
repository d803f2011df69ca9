//! The engine: the shell around the pure domain. It feeds commands and deadlines to each place's
//! state machine (one input at a time per place, places in parallel), commits the new state and
//! its posts before anything is delivered, and wakes at the earliest deadline of all places.
//! This module holds the thin [`Engine`] and its small look-ups; the parts are `execute`
//! (inputs and commits), `timers` (deadlines and ticks), `delivery` (sinks and the outbox),
//! `lease` (sharing a database) and `members` (a member's own data).

pub mod clock;
mod delivery;
mod execute;
mod lease;
mod members;
pub mod status;
mod timers;
mod voice;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use crate::domain::{
    Actor, CommandKind, Lang, Member, MemberList, Place, PlaceId, Rejection, RejectionCode,
    StatusView, Timestamp,
};
use crate::store::{StatusMessage, Store, StoreError};

pub use clock::{Clock, ManualClock, ScaledClock, SystemClock, TokioClock};
pub use delivery::{Delivery, Sink, SinkError};
pub use lease::{process_id_on, DEFAULT_LEASE};
pub use timers::{LatenessProbe, TICK_LEAD};
pub use voice::community_of;

/// How often a command or tick is retried when another process committed the same place
/// between this process's read and its commit.
const MAX_ATTEMPTS: usize = 16;

/// The zone of a place that has none set.
const UTC: &str = "UTC";

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
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

struct Inner {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    prefix: String,
    slots: Mutex<HashMap<PlaceId, Arc<tokio::sync::Mutex<execute::Slot>>>>,
    timers: timers::Timers,
    outbox: delivery::Outbox,
    lease: lease::Lease,
    /// The configured admin role of each platform whose roles have names (Discord).
    admin_roles: RwLock<HashMap<String, String>>,
    seed: Mutex<u64>,
    /// Whether other processes may commit the same places (cached states are checked first).
    shared: bool,
    /// Time zones and languages of the places an adapter asked about ([`Engine::timezone_of`],
    /// [`Engine::language_of`]), kept current by every load and commit; read without the
    /// place's lock, so a sink may ask while the engine holds it.
    zones: RwLock<HashMap<PlaceId, (String, Lang)>>,
}

#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl Engine {
    /// An engine whose process is named by its pid and a random suffix (tests, consoles); see
    /// [`Engine::with_process_id`].
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, prefix: &str) -> Engine {
        Engine::with_process_id(store, clock, prefix, lease::unnamed_host_process_id())
    }

    /// An engine whose process has this name among those sharing the database (e.g.
    /// [`process_id_on`] the host).
    pub fn with_process_id(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        prefix: &str,
        process: String,
    ) -> Engine {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_i64(clock.now().0);
        let seed = h.finish();
        Engine {
            inner: Arc::new(Inner {
                shared: store.shared(),
                lease: lease::Lease::new(process),
                timers: timers::Timers::new(),
                outbox: delivery::Outbox::default(),
                zones: RwLock::new(HashMap::new()),
                store,
                clock,
                prefix: prefix.to_string(),
                slots: Mutex::new(HashMap::new()),
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
            tracing::info!(places = taken, process = %self.process_id(), "joined the shared database");
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
        self.reading_of(place).await.0
    }

    /// The language a place posts in (its `language` setting), for a platform that shows what
    /// no post carries (the live status message). Never waits for the place's lock.
    pub async fn language_of(&self, place: &PlaceId) -> Lang {
        self.reading_of(place).await.1
    }

    /// A place's time zone and language, from the cache kept by loads and commits.
    async fn reading_of(&self, place: &PlaceId) -> (String, Lang) {
        if let Some(z) = self.inner.zones.read().expect("zones lock").get(place) {
            return z.clone();
        }
        let reading = match self.inner.store.load_place(place).await {
            Ok(p) => p.map_or_else(
                || (UTC.to_string(), Lang::En),
                |p| (p.settings.timezone.clone(), p.settings.language),
            ),
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read a place's time zone");
                return (UTC.to_string(), Lang::En);
            }
        };
        self.inner
            .zones
            .write()
            .expect("zones lock")
            .entry(place.clone())
            .or_insert(reading)
            .clone()
    }

    /// The copy of `place` the engine's slots hold, when it has one: the indexes that keep a
    /// place's id share that one allocation instead of each holding the caller's.
    fn shared_id(&self, place: &PlaceId) -> PlaceId {
        let slots = self.inner.slots.lock().expect("slots lock");
        slots
            .get_key_value(place)
            .map_or_else(|| place.clone(), |(k, _)| k.clone())
    }

    /// Keeps a place's cached zone and language (if an adapter asked for them) in step with its
    /// state.
    fn note_zone(&self, place: &PlaceId, state: Option<&Place>) {
        let zone = state.map_or(UTC, |p| p.settings.timezone.as_str());
        let lang = state.map_or(Lang::En, |p| p.settings.language);
        let stale = self
            .inner
            .zones
            .read()
            .expect("zones lock")
            .get(place)
            .is_some_and(|(z, l)| z != zone || *l != lang);
        if stale {
            self.inner
                .zones
                .write()
                .expect("zones lock")
                .insert(self.shared_id(place), (zone.to_string(), lang));
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

    /// Whether `actor` may use a command of `kind` in `place` now (their role resolved as
    /// [`Engine::execute`] resolves it): `Err` is the refusal `execute` would give. For an
    /// adapter that must show something before the command exists (a form for its long text);
    /// the command itself is still checked when it is executed.
    pub async fn may_use(
        &self,
        place: &PlaceId,
        actor: &Actor,
        kind: CommandKind,
    ) -> Result<Result<(), Rejection>, EngineError> {
        let admin_role = self.admin_role_of(place);
        self.read_slot(place, |g| {
            let fresh;
            let state = match &g.place {
                Some(p) => p,
                None => {
                    fresh = Place::new(0);
                    &fresh
                }
            };
            let mut actor = actor.clone();
            actor.role = state.role_of(&actor, admin_role.as_deref());
            state.may_use(&actor, kind)
        })
        .await
    }

    /// The text of a place's format part `part` (1-based), its lines joined with `\n`; `None`
    /// when the place has no format, no such part, or the part has no text. An editor offers it
    /// to be changed (Discord prefills its form with it).
    pub async fn part_text(
        &self,
        place: &PlaceId,
        part: u32,
    ) -> Result<Option<String>, EngineError> {
        let text = self.read_place(place, |p| p.format.as_ref()?.part_text(part));
        Ok(text.await?.flatten())
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
        read: impl FnOnce(&execute::Slot) -> T,
    ) -> Result<T, EngineError> {
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        self.refresh(place, &mut g).await?;
        Ok(read(&g))
    }
}
