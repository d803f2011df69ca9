//! Several processes on one PostgreSQL database (two engines in one test, each with its own
//! pool, as two `sharecircle run` processes would have): either may take any command, every
//! deadline fires once across them, and a process that stops is taken over when its lease ends.

mod common;

use async_trait::async_trait;
use bot_core::domain::{Actor, Command, Millis, PlaceId, PostKind, Timestamp};
use bot_core::engine::{Clock, Delivery, Engine, ManualClock, Sink, SinkError};
use common::*;
use std::sync::Arc;

fn place() -> PlaceId {
    PlaceId::new("test:shared")
}

async fn engine_on(url: &str, clock: Arc<ManualClock>, sink: Arc<dyn Sink>) -> Engine {
    let store = bot_core::store::open(url, 4).await.unwrap();
    let engine = Engine::new(store, clock, "!");
    assert!(engine.is_shared(), "PostgreSQL is shared between processes");
    engine.set_lease(Millis::secs(10));
    engine.add_sink("test", sink);
    engine.resume().await.unwrap();
    engine
}

/// Two processes on `db`, each delivering to a sink that records what it is given, on one clock
/// at [`T0`].
async fn two_processes(
    db: &ThrowawayPostgres,
) -> (
    Arc<ManualClock>,
    Engine,
    Arc<CaptureSink>,
    Engine,
    Arc<CaptureSink>,
) {
    let clock = Arc::new(ManualClock::new(T0));
    let (sink_a, sink_b) = (
        CaptureSink::new(clock.clone()),
        CaptureSink::new(clock.clone()),
    );
    let a = engine_on(&db.url, clock.clone(), sink_a.clone()).await;
    let b = engine_on(&db.url, clock.clone(), sink_b.clone()).await;
    (clock, a, sink_a, b, sink_b)
}

async fn run(engine: &Engine, actor: Actor, c: Command) {
    let ex = engine.execute(&place(), actor, c).await.unwrap();
    assert!(ex.rejected.is_none(), "refused: {:?}", ex.deliveries);
    engine.dispatch(ex).await.unwrap();
}

fn kinds(got: &[(Timestamp, Delivery)]) -> Vec<(i64, PostKind)> {
    got.iter()
        .map(|(t, d)| ((t.0 - T0.0) / 1000, d.post.kind))
        .collect()
}

/// Moves the shared clock a second at a time, letting both processes fire what is due.
async fn both_until(clock: &ManualClock, engines: &[&Engine], until: i64) {
    let mut t = clock.now().0;
    while t < T0.0 + until * 1000 {
        t += 1000;
        clock.set(Timestamp(t));
        for e in engines {
            e.fire_due(Timestamp(t)).await.unwrap();
        }
    }
}

#[tokio::test]
async fn commands_at_either_process_share_one_meeting_and_each_deadline_fires_once() {
    let db = ThrowawayPostgres::create().await;
    let (clock, a, sink_a, b, sink_b) = two_processes(&db).await;
    assert_ne!(a.process_id(), b.process_id());

    run(&a, host("Robin"), Command::Open { name: None }).await;
    // B has never seen this place; A has it cached and must notice B's check-in.
    run(&b, member("Ana"), Command::CheckIn { word: None }).await;
    run(&a, member("Ben"), Command::CheckIn { word: None }).await;
    run(
        &b,
        host("Robin"),
        Command::RoundStart {
            share_time: Some(Millis::mins(1)),
            order: None,
        },
    )
    .await;
    let state = a.place_state(&place()).await.unwrap().unwrap();
    let session = state.session.as_ref().expect("A sees the session");
    assert_eq!(session.checkins.len(), 2, "A sees both check-ins");

    // Both processes now know the turn's deadlines; each warning and "time" is posted once.
    both_until(&clock, &[&a, &b], 200).await;
    let mut all = sink_a.take();
    all.extend(sink_b.take());
    all.sort_by_key(|(t, d)| (*t, d.outbox_id));
    let timed: Vec<(i64, PostKind)> = kinds(&all).into_iter().filter(|(t, _)| *t > 0).collect();
    assert_eq!(
        timed,
        vec![
            (30, PostKind::Warning),
            // "Time" also called Ben: his turn starts at 70 s without a post of its own.
            (60, PostKind::Time),
            (100, PostKind::Warning),
            (130, PostKind::Time),
            (140, PostKind::RoundEnded)
        ]
    );
    db.drop_database().await;
}

/// A sink whose platform is down: nothing is delivered, so posts stay in the outbox.
struct Down;

#[async_trait]
impl Sink for Down {
    async fn deliver(&self, _: &Delivery) -> Result<(), SinkError> {
        Err(SinkError("platform unreachable".into()))
    }
}

#[tokio::test]
async fn a_stopped_process_is_taken_over_when_its_lease_ends_and_loses_nothing() {
    let db = ThrowawayPostgres::create().await;
    let clock = Arc::new(ManualClock::new(T0));
    let a = engine_on(&db.url, clock.clone(), Arc::new(Down)).await;
    let sink_b = CaptureSink::new(clock.clone());
    let b = engine_on(&db.url, clock.clone(), sink_b.clone()).await;

    // Everything happens at A, whose deliveries all fail, and then A stops (killed: no retire).
    for (who, c) in a_round_of_two(Millis::mins(1)) {
        let ex = a.execute(&place(), who, c).await.unwrap();
        a.dispatch(ex).await.unwrap();
    }
    drop(a);

    // B renews its own lease but leaves A's place alone while A's lease runs.
    clock.set(Timestamp(T0.0 + 5_000));
    assert_eq!(b.maintain().await.unwrap(), 0, "A is still alive to B");
    assert!(sink_b.take().is_empty());

    // After the lease: B takes the place, posts what A never delivered, in order, then its timers.
    clock.set(Timestamp(T0.0 + 10_001));
    assert_eq!(b.maintain().await.unwrap(), 1);
    assert_eq!(
        kinds(&sink_b.take()),
        vec![
            (10, PostKind::SessionOpened),
            (10, PostKind::CheckIn),
            (10, PostKind::CheckIn),
            (10, PostKind::RoundStarted)
        ]
    );
    assert_eq!(b.maintain().await.unwrap(), 0, "taken once");
    both_until(&clock, &[&b], 200).await;
    assert_eq!(
        kinds(&sink_b.take()),
        vec![
            (30, PostKind::Warning),
            // "Time" also called Ben: his turn starts at 70 s without a post of its own.
            (60, PostKind::Time),
            (100, PostKind::Warning),
            (130, PostKind::Time),
            (140, PostKind::RoundEnded)
        ]
    );
    db.drop_database().await;
}

#[tokio::test]
async fn a_command_at_another_process_sends_what_a_dead_one_left_first() {
    let db = ThrowawayPostgres::create().await;
    let clock = Arc::new(ManualClock::new(T0));
    let a = engine_on(&db.url, clock.clone(), Arc::new(Down)).await;
    let sink_b = CaptureSink::new(clock.clone());
    let b = engine_on(&db.url, clock.clone(), sink_b.clone()).await;
    for (who, c) in [
        (host("Robin"), Command::Open { name: None }),
        (member("Ana"), Command::CheckIn { word: None }),
    ] {
        let ex = a.execute(&place(), who, c).await.unwrap();
        a.dispatch(ex).await.unwrap();
    }
    drop(a);
    // Before A's lease ends, a command reaches B: what A said comes out before B's answer.
    clock.set(Timestamp(T0.0 + 1_000));
    let ex = b
        .execute(&place(), member("Ben"), Command::CheckIn { word: None })
        .await
        .unwrap();
    assert_eq!(
        kinds(&sink_b.take()),
        vec![(1, PostKind::SessionOpened), (1, PostKind::CheckIn)],
        "A's undelivered posts, in order, before B's own"
    );
    assert_eq!(
        ex.deliveries
            .iter()
            .map(|d| d.post.kind)
            .collect::<Vec<_>>(),
        vec![PostKind::CheckIn, PostKind::Welcome]
    );
    b.acknowledge(&ex.deliveries).await.unwrap();
    clock.set(Timestamp(T0.0 + 20_000));
    assert_eq!(b.maintain().await.unwrap(), 0, "nothing left to take over");
    assert!(sink_b.take().is_empty(), "and nothing said twice");
    db.drop_database().await;
}

#[tokio::test]
async fn one_process_holds_the_matrix_session_until_its_lease_ends() {
    let db = ThrowawayPostgres::create().await;
    let clock = Arc::new(ManualClock::new(T0));
    let a = engine_on(&db.url, clock.clone(), CaptureSink::new(clock.clone())).await;
    let b = engine_on(&db.url, clock.clone(), CaptureSink::new(clock.clone())).await;
    assert!(a.acquire_singleton("matrix").await.unwrap());
    assert!(!b.acquire_singleton("matrix").await.unwrap(), "B stands by");
    // A keeps renewing: B keeps standing by.
    clock.set(Timestamp(T0.0 + 8_000));
    a.maintain().await.unwrap();
    b.maintain().await.unwrap();
    clock.set(Timestamp(T0.0 + 15_000));
    assert!(!b.acquire_singleton("matrix").await.unwrap());
    assert!(a.acquire_singleton("matrix").await.unwrap());
    // A stops cleanly: B takes the session at once.
    a.retire().await.unwrap();
    assert!(b.acquire_singleton("matrix").await.unwrap());
    assert!(
        !a.acquire_singleton("matrix").await.unwrap(),
        "A, a zombie now, cannot take it back"
    );
    db.drop_database().await;
}

#[tokio::test]
async fn a_timed_part_ends_once_across_two_processes() {
    let db = ThrowawayPostgres::create().await;
    let (clock, a, sink_a, b, sink_b) = two_processes(&db).await;
    run(
        &a,
        admin("Ada"),
        Command::FormatUse {
            template: "smart".into(),
        },
    )
    .await;
    run(&b, host("Robin"), Command::Open { name: None }).await;
    run(&a, member("Ana"), Command::CheckIn { word: None }).await;
    // Part 2, the check-in go-around at 1 minute each, then the 40-minute discussion.
    run(&b, host("Robin"), Command::AgendaNext).await;
    both_until(&clock, &[&a, &b], 75).await;
    let mut all = sink_a.take();
    all.extend(sink_b.take());
    all.sort_by_key(|(t, d)| (*t, d.outbox_id));
    let timed: Vec<(i64, PostKind)> = kinds(&all).into_iter().filter(|(t, _)| *t > 0).collect();
    assert_eq!(
        timed,
        vec![
            (30, PostKind::Warning),
            (60, PostKind::Time),
            // The go-around ended with its last turn: its summary and the discussion's beginning
            // go out once, as one post.
            (70, PostKind::Part),
        ]
    );
    db.drop_database().await;
}

/// The newcomer welcome goes out once per member per place, whichever process takes the
/// check-in, in this session and the next.
#[tokio::test]
async fn a_newcomer_is_welcomed_once_across_two_processes() {
    let db = ThrowawayPostgres::create().await;
    let (_clock, a, sink_a, b, sink_b) = two_processes(&db).await;
    let welcomes = |a: &[(Timestamp, Delivery)], b: &[(Timestamp, Delivery)]| {
        (a.iter().chain(b))
            .filter(|(_, d)| d.post.kind == PostKind::Welcome)
            .count()
    };
    let mut seen = (Vec::new(), Vec::new());
    let mut take = |n: usize| {
        seen.0.extend(sink_a.take());
        seen.1.extend(sink_b.take());
        assert_eq!(welcomes(&seen.0, &seen.1), n, "welcomes so far");
    };
    run(&a, host("Robin"), Command::Open { name: None }).await;
    run(&a, member("Ana"), Command::CheckIn { word: None }).await;
    take(1);
    run(&b, member("Ana"), Command::CheckInListen).await;
    take(1);
    run(&b, host("Robin"), Command::Close).await;
    run(&b, host("Robin"), Command::Open { name: None }).await;
    run(&a, member("Ana"), Command::CheckIn { word: None }).await;
    run(&b, member("Ben"), Command::CheckIn { word: None }).await;
    take(2);
}

/// The floor changes a sink received, with the second they went out.
fn floor_steps(got: &[(Timestamp, Delivery)]) -> Vec<(i64, bot_core::domain::FloorStep)> {
    got.iter()
        .filter_map(|(t, d)| match &d.post.audience {
            bot_core::domain::Audience::Floor(change) => Some(
                change
                    .steps
                    .iter()
                    .map(|s| ((t.0 - T0.0) / 1000, s.clone()))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect()
}

/// A process killed while it holds a member muted in a linked voice channel: the process that
/// takes its places over when its lease ends carries the floor on, so nobody stays muted longer
/// than the lease and a few seconds past what the meeting needs.
#[tokio::test]
async fn a_dead_process_s_floor_is_carried_on_by_the_one_that_takes_over() {
    use bot_core::domain::{
        ChannelArg, ChannelKind, DisplayName, FloorStep, VoiceChannel, VoiceInput, VoiceState,
    };
    let db = ThrowawayPostgres::create().await;
    let (clock, a, sink_a, b, sink_b) = two_processes(&db).await;
    let lounge = VoiceChannel {
        id: "lounge".into(),
        name: DisplayName::new("Lounge"),
        kind: ChannelKind::Voice,
        missing: vec![],
    };
    let link = Command::VoiceLink {
        channel: ChannelArg::Found(lounge),
    };
    run(&a, admin("Ada"), link).await;
    run(&a, admin("Ada"), Command::VoiceMute(true)).await;
    for who in ["Ana", "Ben"] {
        let state = VoiceState {
            actor: member(who),
            channel: Some("lounge".into()),
            server_muted: false,
            suppressed: false,
            requested_to_speak: false,
            moderator: false,
        };
        a.voice_in("test", VoiceInput::State(state)).await.unwrap();
    }
    for (who, c) in a_round_of_two(Millis::mins(1)) {
        run(&a, who, c).await;
    }
    let id = |name: &str| member(name).member.id;
    assert_eq!(
        floor_steps(&sink_a.take()),
        vec![(0, FloorStep::Mute(id("Ben")))]
    );

    // A runs Ana's turn, renewing its lease, and is killed at 65 s (Ben's turn starts at 70).
    let mut t = T0.0;
    while t < T0.0 + 65_000 {
        t += 1000;
        clock.set(Timestamp(t));
        a.maintain().await.unwrap();
        a.fire_due(Timestamp(t)).await.unwrap();
    }
    drop(a);
    // B renews its lease every second; it takes A's place once A's lease has run out.
    while t < T0.0 + 200_000 {
        t += 1000;
        clock.set(Timestamp(t));
        b.maintain().await.unwrap();
        b.fire_due(Timestamp(t)).await.unwrap();
    }
    let steps = floor_steps(&sink_b.take());
    assert_eq!(steps.len(), 3, "{steps:?}");
    let (at, first) = &steps[0];
    assert_eq!(first, &FloorStep::Unmute(id("Ben")), "{steps:?}");
    assert!(
        *at <= 65 + 10 + 3,
        "Ben is unmuted within the lease and a few seconds of A's death: at {at} s"
    );
    assert_eq!(steps[1].1, FloorStep::Mute(id("Ana")));
    assert_eq!(steps[2], (140, FloorStep::Unmute(id("Ana"))), "{steps:?}");
    db.drop_database().await;
}

/// The words of an execution's posts, as plain text.
fn said(ex: &bot_core::engine::Executed) -> String {
    ex.deliveries
        .iter()
        .map(|d| bot_core::render::plain(&d.post.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_process_acts_on_what_another_just_changed_and_never_answers_from_an_old_copy() {
    // Each process keeps the meetings it served and does not read them again before each
    // command: a command that changes the meeting lands only on the state it was computed from
    // (else it is computed again on a fresh read), and an answer that changes nothing is
    // checked against the database first.
    let db = ThrowawayPostgres::create().await;
    let (_clock, a, _sink_a, b, _sink_b) = two_processes(&db).await;
    run(&a, host("Robin"), Command::Open { name: None }).await;
    run(&b, member("Ana"), Command::CheckIn { word: None }).await;
    run(&b, member("Bo"), Command::CheckIn { word: None }).await;

    // A's copy has no check-ins: Ana's hand there still lands, first in the queue.
    let ex = a
        .execute(&place(), member("Ana"), Command::Hand)
        .await
        .unwrap();
    assert!(ex.rejected.is_none(), "refused: {}", said(&ex));
    assert!(said(&ex).contains("1st"), "Ana is first: {}", said(&ex));
    // B's copy has no raised hand: Bo is second, not first.
    let ex = b
        .execute(&place(), member("Bo"), Command::Hand)
        .await
        .unwrap();
    assert!(ex.rejected.is_none(), "refused: {}", said(&ex));
    assert!(said(&ex).contains("2nd"), "Bo is second: {}", said(&ex));
    // A's copy does not know Bo's hand; asking for the queue there shows it.
    let ex = a
        .execute(&place(), member("Cy"), Command::Queue)
        .await
        .unwrap();
    let queue = said(&ex);
    let (ana, bo) = (queue.find("Ana"), queue.find("Bo"));
    assert!(
        ana.is_some() && bo.is_some() && ana < bo,
        "A lists Ana then Bo: {queue}"
    );
    // A refusal is given from the current state too: B's copy thinks Ana's hand is down.
    let ex = b
        .execute(&place(), member("Ana"), Command::Hand)
        .await
        .unwrap();
    assert!(
        ex.rejected.is_some(),
        "Ana's hand is already up: {}",
        said(&ex)
    );
    let state = b.place_state(&place()).await.unwrap().unwrap();
    assert_eq!(state.session.unwrap().queue.len(), 2, "two hands, no more");
    db.drop_database().await;
}
