//! Restart: a new engine on the same database resumes open rounds with the right remaining time,
//! says "time" exactly once for a turn that ended while it was down, and posts nothing twice.

mod common;

use bot_core::domain::{Command, Millis, PlaceId, PostKind, Timestamp};
use bot_core::engine::{Engine, ManualClock};

use common::*;
use std::sync::Arc;

fn place() -> PlaceId {
    PlaceId::new("test:restart")
}

async fn engine_on(url: &str, clock: Arc<ManualClock>) -> (Engine, Arc<CaptureSink>) {
    sqlite_engine(url, clock).await
}

async fn run(engine: &Engine, actor: common_actor::A, c: Command) {
    let ex = engine.execute(&place(), actor.0, c).await.unwrap();
    assert!(ex.rejected.is_none(), "refused: {:?}", ex.deliveries);
    engine.dispatch(ex).await.unwrap();
}

mod common_actor {
    pub struct A(pub bot_core::domain::Actor);
}
use common_actor::A;

async fn start_meeting(engine: &Engine) {
    run(engine, A(host("Robin")), Command::Open { name: None }).await;
    run(engine, A(member("Ana")), Command::CheckIn { word: None }).await;
    run(engine, A(member("Ben")), Command::CheckIn { word: None }).await;
    run(
        engine,
        A(host("Robin")),
        Command::RoundStart {
            share_time: Some(Millis::mins(1)),
            order: None,
        },
    )
    .await;
}

fn kinds(got: &[(Timestamp, bot_core::engine::Delivery)]) -> Vec<(i64, PostKind)> {
    got.iter()
        .map(|(t, d)| ((t.0 - T0.0) / 1000, d.post.kind))
        .collect()
}

#[tokio::test]
async fn a_turn_that_ended_while_down_gets_one_time_and_the_round_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let url_a = format!("sqlite://{}", dir.path().join("a.db").display());
    let url_b = format!("sqlite://{}", dir.path().join("b.db").display());

    // A: uninterrupted.
    let clock_a = Arc::new(ManualClock::new(T0));
    let (a, sink_a) = engine_on(&url_a, clock_a.clone()).await;
    a.reseed(1);
    start_meeting(&a).await;
    a.advance_to(&clock_a, Timestamp(T0.0 + 200_000))
        .await
        .unwrap();

    // B: stopped 20 s into Ana's turn, started again 65 s in (after the end at 60 s, inside the
    // 10 s grace).
    let clock_b = Arc::new(ManualClock::new(T0));
    let (b1, sink_b1) = engine_on(&url_b, clock_b.clone()).await;
    b1.reseed(1);
    start_meeting(&b1).await;
    b1.advance_to(&clock_b, Timestamp(T0.0 + 20_000))
        .await
        .unwrap();
    let before = sink_b1.take();
    drop(b1);
    clock_b.set(Timestamp(T0.0 + 65_000));
    let (b2, sink_b2) = engine_on(&url_b, clock_b.clone()).await;
    assert_eq!(
        sink_b2.take().len(),
        0,
        "nothing from before the restart is posted again"
    );
    b2.advance_to(&clock_b, Timestamp(T0.0 + 200_000))
        .await
        .unwrap();
    let after = sink_b2.take();

    assert_eq!(
        kinds(&before),
        vec![
            (0, PostKind::SessionOpened),
            (0, PostKind::CheckIn),
            (0, PostKind::Welcome),
            (0, PostKind::CheckIn),
            (0, PostKind::Welcome),
            (0, PostKind::RoundStarted)
        ]
    );
    // The 30-second warning was due while the bot was down and is stale: it is not posted late.
    // "Time" comes once, late, and still calls Ben for the end of the grace; his turn starts then
    // without another post, as in the uninterrupted run.
    assert_eq!(
        kinds(&after),
        vec![
            (65, PostKind::Time),
            (100, PostKind::Warning),
            (130, PostKind::Time),
            (140, PostKind::RoundEnded)
        ]
    );
    let texts: Vec<String> = after
        .iter()
        .map(|(t, d)| bot_core::render::plain_with(&d.post.message, "!", Some(*t)))
        .collect();
    assert_eq!(
        texts.iter().filter(|t| t.starts_with("Time, Ana")).count(),
        1
    );
    assert_eq!(
        texts[0],
        "Time, Ana. Thank you for sharing.\n\
         @Ben, you're next: your turn runs from 19:01:10 to 19:02:10."
    );
    assert_eq!(
        // After the opening, two check-ins with their welcomes, and the round's start.
        kinds(&sink_a.take())[6..],
        [
            (30, PostKind::Warning),
            (60, PostKind::Time),
            (100, PostKind::Warning),
            (130, PostKind::Time),
            (140, PostKind::RoundEnded)
        ]
    );
    assert_eq!(
        a.place_state(&place()).await.unwrap(),
        b2.place_state(&place()).await.unwrap(),
        "same state as an uninterrupted run"
    );
}

#[tokio::test]
async fn a_restart_mid_turn_keeps_the_remaining_time() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("m.db").display());
    let clock = Arc::new(ManualClock::new(T0));
    let (e1, _s1) = engine_on(&url, clock.clone()).await;
    start_meeting(&e1).await;
    e1.advance_to(&clock, Timestamp(T0.0 + 10_000))
        .await
        .unwrap();
    drop(e1);
    clock.set(Timestamp(T0.0 + 15_000));
    let (e2, s2) = engine_on(&url, clock.clone()).await;
    assert_eq!(
        e2.next_deadline(),
        Some(Timestamp(T0.0 + 30_000)),
        "the 30 s warning is re-armed"
    );
    e2.advance_to(&clock, Timestamp(T0.0 + 61_000))
        .await
        .unwrap();
    assert_eq!(
        kinds(&s2.take()),
        vec![(30, PostKind::Warning), (60, PostKind::Time)]
    );
}

#[tokio::test]
async fn posts_committed_but_not_delivered_are_delivered_once_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("o.db").display());
    let clock = Arc::new(ManualClock::new(T0));
    let (e1, _s1) = engine_on(&url, clock.clone()).await;
    // Executed and committed, but the process dies before delivering.
    let ex = e1
        .execute(
            &place(),
            host("Robin").clone(),
            Command::Open { name: None },
        )
        .await
        .unwrap();
    assert_eq!(ex.deliveries.len(), 1);
    assert!(ex.deliveries[0].outbox_id.is_some());
    drop(e1);
    let (e2, s2) = engine_on(&url, clock.clone()).await;
    let got = s2.take();
    assert_eq!(got.len(), 1, "delivered on restart");
    assert_eq!(got[0].1.post.kind, PostKind::SessionOpened);
    drop(e2);
    let (_e3, s3) = engine_on(&url, clock).await;
    assert!(s3.take().is_empty(), "and never again");
}

/// A meeting walking the 12-step template, at its 30-second silence (part 2).
async fn silence_under_way(engine: &Engine) {
    run(
        engine,
        A(admin("Ada")),
        Command::FormatUse {
            template: "twelve-step".into(),
        },
    )
    .await;
    run(engine, A(host("Robin")), Command::Open { name: None }).await;
    run(engine, A(host("Robin")), Command::AgendaNext).await;
}

#[tokio::test]
async fn a_part_that_ended_while_down_is_announced_once_and_the_meeting_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("formats.db").display());
    let clock = Arc::new(ManualClock::new(T0));
    let (first, sink) = engine_on(&url, clock.clone()).await;
    first.reseed(1);
    silence_under_way(&first).await;
    first
        .advance_to(&clock, Timestamp(T0.0 + 10_000))
        .await
        .unwrap();
    assert_eq!(
        kinds(&sink.take()),
        vec![
            (0, PostKind::Reply),
            // The agenda and part 1 go out with the opening.
            (0, PostKind::SessionOpened),
            (0, PostKind::Part),
        ]
    );
    drop(first);

    // Down past the silence's end at 30 s; back at 65 s.
    clock.set(Timestamp(T0.0 + 65_000));
    let (second, sink) = engine_on(&url, clock.clone()).await;
    second
        .advance_to(&clock, Timestamp(T0.0 + 120_000))
        .await
        .unwrap();
    let after = sink.take();
    assert_eq!(kinds(&after), vec![(65, PostKind::Part)], "announced once");
    let text = bot_core::render::plain_with(&after[0].1.post.message, "!", Some(after[0].0));
    assert!(
        text.starts_with("Moment of silence has ended.\nPart 3 of 9: Preamble."),
        "{text}"
    );
    // The meeting goes on from there.
    run(&second, A(host("Robin")), Command::AgendaNext).await;
    let next = sink.take();
    let text = bot_core::render::plain_with(&next[0].1.post.message, "!", Some(next[0].0));
    assert!(text.starts_with("Part 4 of 9: Reading."), "{text}");
    drop(second);

    // A third start, later still, has nothing left to say.
    clock.set(Timestamp(T0.0 + 600_000));
    let (third, sink) = engine_on(&url, clock.clone()).await;
    third
        .advance_to(&clock, Timestamp(T0.0 + 700_000))
        .await
        .unwrap();
    assert_eq!(kinds(&sink.take()), vec![], "nothing twice");
}

/// The newcomer welcome goes out once per member per place, also across a restart.
#[tokio::test]
async fn a_newcomer_is_welcomed_once_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let clock = Arc::new(ManualClock::new(T0));
    let welcomes = |sink: &CaptureSink| {
        (sink.take().iter())
            .filter(|(_, d)| d.post.kind == PostKind::Welcome)
            .count()
    };
    let (first, sink) = engine_on(&url, clock.clone()).await;
    run(&first, A(host("Robin")), Command::Open { name: None }).await;
    run(&first, A(member("Ana")), Command::CheckIn { word: None }).await;
    assert_eq!(welcomes(&sink), 1);
    drop(first);
    let (second, sink) = engine_on(&url, clock.clone()).await;
    run(&second, A(member("Ana")), Command::CheckIn { word: None }).await;
    run(&second, A(host("Robin")), Command::Close).await;
    run(&second, A(host("Robin")), Command::Open { name: None }).await;
    run(&second, A(member("Ana")), Command::CheckIn { word: None }).await;
    assert_eq!(welcomes(&sink), 0, "Ana was welcomed before the restart");
}
