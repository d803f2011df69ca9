//! The engine's own timer task on tokio's paused clock: deadlines fire at their instants, in order,
//! across places, without any real sleeping.

mod common;

use bot_core::domain::{Millis, PlaceId, PostKind, Timestamp};
use bot_core::engine::{Clock, Engine, TokioClock};
use bot_core::store::MemoryStore;
use common::*;
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(start_paused = true)]
async fn warnings_time_and_advance_fire_on_time_in_many_places() {
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::starting_at(T0));
    // The in-memory twin: a database thread would let paused time run away.
    let store = Arc::new(MemoryStore::new());
    let engine = Engine::new(store, clock.clone(), "!");
    let sink = CaptureSink::new(clock.clone());
    engine.add_sink("test", sink.clone());
    let timers = engine.spawn_timers();
    for p in 0..5 {
        let place = PlaceId::new(format!("test:place-{p}"));
        for (who, c) in a_round_of_two(Millis::secs(40 + p * 10)) {
            let ex = engine.execute(&place, who, c).await.unwrap();
            engine.acknowledge(&ex.deliveries).await.unwrap();
        }
    }
    tokio::time::sleep(Duration::from_secs(300)).await;
    timers.abort();
    let got = sink.take();
    for p in 0..5i64 {
        let share = 40 + p * 10;
        let place = format!("test:place-{p}");
        let mine: Vec<(i64, PostKind)> = got
            .iter()
            .filter(|(_, d)| d.place.as_str() == place)
            .map(|(t, d)| (t.0 - T0.0, d.post.kind))
            .collect();
        let s = share * 1000;
        // Default warnings 1 min and 30 s before the end, each only when the turn is longer.
        let turn = |start: i64| {
            let mut v: Vec<(i64, PostKind)> = [60_000, 30_000]
                .iter()
                .filter(|w| **w < s)
                .map(|w| (start + s - w, PostKind::Warning))
                .collect();
            v.push((start + s, PostKind::Time));
            v
        };
        // "Time" also calls the next speaker, whose turn starts after the grace without a post.
        let mut want = turn(0);
        want.extend(turn(s + 10_000));
        want.push((2 * s + 20_000, PostKind::RoundEnded));
        assert_eq!(mine, want, "place {p}");
    }
    assert_eq!(
        engine.next_deadline(),
        Some(Timestamp(T0.0 + 3 * 3600 * 1000)),
        "only the idle close is left"
    );
}

#[tokio::test(start_paused = true)]
async fn places_due_at_the_same_instant_each_fire_once_on_time() {
    // The timer task ticks places that are due together concurrently: every place still gets
    // each warning and "time" exactly once, at its instant.
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::starting_at(T0));
    let engine = Engine::new(Arc::new(MemoryStore::new()), clock.clone(), "!");
    let sink = CaptureSink::new(clock.clone());
    engine.add_sink("test", sink.clone());
    let timers = engine.spawn_timers();
    const PLACES: usize = 300;
    for p in 0..PLACES {
        let place = PlaceId::new(format!("test:same-{p}"));
        for (who, c) in a_round_of_two(Millis::secs(40)) {
            let ex = engine.execute(&place, who, c).await.unwrap();
            engine.acknowledge(&ex.deliveries).await.unwrap();
        }
    }
    tokio::time::sleep(Duration::from_secs(300)).await;
    timers.abort();
    let got = sink.take();
    // 40 s turns, 10 s grace: the 30 s warning (the 1 min one does not fit), then "time".
    let want = vec![
        (10_000, PostKind::Warning),
        (40_000, PostKind::Time),
        (60_000, PostKind::Warning),
        (90_000, PostKind::Time),
    ];
    for p in 0..PLACES {
        let place = format!("test:same-{p}");
        let mine: Vec<(i64, PostKind)> = got
            .iter()
            .filter(|(_, d)| d.place.as_str() == place)
            .filter(|(_, d)| matches!(d.post.kind, PostKind::Warning | PostKind::Time))
            .map(|(t, d)| (t.0 - T0.0, d.post.kind))
            .collect();
        assert_eq!(mine, want, "place {p}");
        let ended = got
            .iter()
            .filter(|(_, d)| d.place.as_str() == place && d.post.kind == PostKind::RoundEnded)
            .count();
        assert_eq!(ended, 1, "place {p}: the round ends once");
    }
}

#[tokio::test(start_paused = true)]
async fn a_tick_is_committed_ahead_and_its_posts_go_out_at_the_deadline() {
    use bot_core::store::Store;
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::starting_at(T0));
    let store = Arc::new(MemoryStore::new());
    let engine = Engine::new(store.clone(), clock.clone(), "!");
    let sink = CaptureSink::new(clock.clone());
    engine.add_sink("test", sink.clone());
    let timers = engine.spawn_timers();
    let place = PlaceId::new("test:lead");
    for (who, c) in a_round_of_two(Millis::secs(40)) {
        let ex = engine.execute(&place, who, c).await.unwrap();
        engine.acknowledge(&ex.deliveries).await.unwrap();
    }
    // Just before "time": already committed (in the outbox), not yet said.
    tokio::time::sleep(Duration::from_millis(40_000 - 10)).await;
    let pending = store.pending_outbox_of(&place).await.unwrap();
    assert!(
        pending.iter().any(|e| e.post.kind == PostKind::Time),
        "the tick is committed {} ms ahead",
        bot_core::engine::TICK_LEAD.0
    );
    assert!(sink
        .take()
        .iter()
        .all(|(_, d)| d.post.kind != PostKind::Time));
    // At the deadline it goes out, once, and leaves the outbox.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let got = sink.take();
    let times: Vec<i64> = got
        .iter()
        .filter(|(_, d)| d.post.kind == PostKind::Time)
        .map(|(t, _)| t.0 - T0.0)
        .collect();
    assert_eq!(times, vec![40_000]);
    assert!(store.pending_outbox_of(&place).await.unwrap().is_empty());
    timers.abort();
}

/// A store whose commits queue one after another and take `per_commit` µs each (tokio's
/// clock), like a database that is busy: a burst of ticks takes longer to prepare than assumed.
struct QueuedStore {
    inner: MemoryStore,
    queue: tokio::sync::Mutex<()>,
    per_commit: std::sync::atomic::AtomicU64,
}

impl QueuedStore {
    fn new(per_commit: Duration) -> QueuedStore {
        QueuedStore {
            inner: MemoryStore::new(),
            queue: tokio::sync::Mutex::new(()),
            per_commit: (per_commit.as_micros() as u64).into(),
        }
    }
}

#[async_trait::async_trait]
impl bot_core::store::Store for QueuedStore {
    async fn load_versioned(
        &self,
        place: &PlaceId,
    ) -> Result<Option<(bot_core::domain::Place, i64)>, bot_core::store::StoreError> {
        self.inner.load_versioned(place).await
    }
    async fn version_of(&self, place: &PlaceId) -> Result<i64, bot_core::store::StoreError> {
        self.inner.version_of(place).await
    }
    async fn commit(
        &self,
        commit: bot_core::store::Commit<'_>,
    ) -> Result<Vec<bot_core::store::OutboxEntry>, bot_core::store::StoreError> {
        let _turn = self.queue.lock().await;
        let per_commit = self.per_commit.load(std::sync::atomic::Ordering::Relaxed);
        tokio::time::sleep(Duration::from_micros(per_commit)).await;
        self.inner.commit(commit).await
    }
    async fn heartbeat(
        &self,
        process: &str,
        alive_until: Timestamp,
    ) -> Result<(), bot_core::store::StoreError> {
        self.inner.heartbeat(process, alive_until).await
    }
    async fn retire(&self, process: &str) -> Result<(), bot_core::store::StoreError> {
        self.inner.retire(process).await
    }
    async fn orphans(
        &self,
        me: &str,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<(PlaceId, Option<String>)>, bot_core::store::StoreError> {
        self.inner.orphans(me, now, limit).await
    }
    async fn claim(
        &self,
        place: &PlaceId,
        me: &str,
        from: Option<&str>,
    ) -> Result<bool, bot_core::store::StoreError> {
        self.inner.claim(place, me, from).await
    }
    async fn acquire_singleton(
        &self,
        name: &str,
        me: &str,
        now: Timestamp,
    ) -> Result<bool, bot_core::store::StoreError> {
        self.inner.acquire_singleton(name, me, now).await
    }
    async fn places_with_deadlines(
        &self,
    ) -> Result<Vec<(PlaceId, Timestamp)>, bot_core::store::StoreError> {
        self.inner.places_with_deadlines().await
    }
    async fn places_mentioning(
        &self,
        member: &bot_core::domain::MemberId,
    ) -> Result<Vec<PlaceId>, bot_core::store::StoreError> {
        self.inner.places_mentioning(member).await
    }
    async fn pending_outbox(
        &self,
    ) -> Result<Vec<bot_core::store::OutboxEntry>, bot_core::store::StoreError> {
        self.inner.pending_outbox().await
    }
    async fn pending_outbox_of(
        &self,
        place: &PlaceId,
    ) -> Result<Vec<bot_core::store::OutboxEntry>, bot_core::store::StoreError> {
        self.inner.pending_outbox_of(place).await
    }
    async fn pending_outbox_held_by(
        &self,
        holder: &str,
    ) -> Result<Vec<bot_core::store::OutboxEntry>, bot_core::store::StoreError> {
        self.inner.pending_outbox_held_by(holder).await
    }
    async fn mark_delivered(&self, ids: &[i64]) -> Result<(), bot_core::store::StoreError> {
        self.inner.mark_delivered(ids).await
    }
    async fn activity(&self) -> Result<bot_core::store::Activity, bot_core::store::StoreError> {
        self.inner.activity().await
    }
    async fn ping(&self) -> Result<(), bot_core::store::StoreError> {
        self.inner.ping().await
    }
    async fn status_message(
        &self,
        place: &PlaceId,
    ) -> Result<Option<bot_core::store::StatusMessage>, bot_core::store::StoreError> {
        self.inner.status_message(place).await
    }
    async fn status_messages_of(
        &self,
        platform: &str,
    ) -> Result<Vec<(PlaceId, bot_core::store::StatusMessage)>, bot_core::store::StoreError> {
        self.inner.status_messages_of(platform).await
    }
    async fn set_status_message(
        &self,
        place: &PlaceId,
        message: Option<&bot_core::store::StatusMessage>,
    ) -> Result<(), bot_core::store::StoreError> {
        self.inner.set_status_message(place, message).await
    }
}

/// 200 meetings run a round of two 40 s turns on `store`, started one after another so that
/// their turns end at the same whole seconds; from the first turn on, each commit takes
/// `per_commit`. Gives, for a kind of post and its `nth` in each meeting, how much later the
/// last meeting got it than the first (0: every meeting at the same second).
async fn bursts_on(
    store: Arc<QueuedStore>,
    per_commit: Duration,
) -> impl Fn(PostKind, usize) -> i64 {
    const PLACES: usize = 200;
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::starting_at(T0));
    let engine = Engine::new(store.clone(), clock.clone(), "!");
    let sink = CaptureSink::new(clock.clone());
    engine.add_sink("test", sink.clone());
    for p in 0..PLACES {
        let place = PlaceId::new(format!("test:burst-{p}"));
        for (who, c) in a_round_of_two(Millis::secs(40)) {
            let ex = engine.execute(&place, who, c).await.unwrap();
            engine.acknowledge(&ex.deliveries).await.unwrap();
        }
    }
    store.per_commit.store(
        per_commit.as_micros() as u64,
        std::sync::atomic::Ordering::Relaxed,
    );
    let timers = engine.spawn_timers();
    tokio::time::sleep(Duration::from_secs(300)).await;
    timers.abort();
    let got = sink.take();
    move |kind: PostKind, nth: usize| -> i64 {
        let at: Vec<i64> = (0..PLACES)
            .map(|p| {
                let place = format!("test:burst-{p}");
                got.iter()
                    .filter(|(_, d)| d.place.as_str() == place && d.post.kind == kind)
                    .nth(nth)
                    .map(|(t, _)| t.0)
                    .unwrap_or_else(|| panic!("place {p} got no {kind:?} #{nth}"))
            })
            .collect();
        at.iter().max().unwrap() - at.iter().min().unwrap()
    }
}

/// What [`bursts_on`] measured: the first burst (the first turn's warning, prepared with the
/// cost assumed at first) went out at least `first_late` ms late across the meetings; every
/// burst after it at its second in every meeting.
fn assert_on_time_once_learnt(late: impl Fn(PostKind, usize) -> i64, first_late: i64) {
    assert!(
        late(PostKind::Warning, 0) >= first_late,
        "the first burst is prepared with the cost assumed at first, and goes out late"
    );
    assert_eq!(
        late(PostKind::Time, 0),
        0,
        "\"time\" goes out at its second in every meeting"
    );
    assert_eq!(
        late(PostKind::Warning, 1),
        0,
        "the second turn's warning too"
    );
    assert_eq!(late(PostKind::Time, 1), 0, "and its \"time\"");
}

#[tokio::test(start_paused = true)]
async fn a_burst_that_takes_longer_to_prepare_teaches_the_timer_to_start_earlier() {
    // The database lands one commit per millisecond (the rounds' set-up too, which still fits
    // in one second), so a burst takes 200 ms to prepare — far more than assumed at first. The
    // first burst (the 30 s warning) goes out late; from the next one on, the timer starts
    // early enough for every post to go out at its deadline.
    let one_ms = Duration::from_millis(1);
    let late = bursts_on(Arc::new(QueuedStore::new(one_ms)), one_ms).await;
    assert_on_time_once_learnt(late, 100);
}

#[tokio::test(start_paused = true)]
async fn a_burst_that_takes_over_half_a_second_to_prepare_still_goes_out_on_its_second() {
    // Each tick's commit takes 3 ms: a burst takes 600 ms to prepare (thousands of meetings on
    // a busy machine do this). After the first burst has taught the timer the cost, every post
    // goes out at its second: the lead is not held to half a second, which left the last of
    // such a burst 100 ms late.
    let store = Arc::new(QueuedStore::new(Duration::ZERO));
    let late = bursts_on(store, Duration::from_millis(3)).await;
    assert_on_time_once_learnt(late, 500);
}
