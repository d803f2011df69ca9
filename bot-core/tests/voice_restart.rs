//! The floor across restarts and shutdowns: every mute the bot holds is in the store, a new
//! engine on the same database lifts it when the round ended while it was down, and a shutdown
//! lifts every mute this process holds (they come back with the voice states at the next start).

mod common;

use bot_core::domain::{
    Actor, Audience, ChannelArg, ChannelKind, Command, DisplayName, FloorStep, Millis, PlaceId,
    Timestamp, VoiceChannel, VoiceInput, VoiceState,
};
use bot_core::engine::{Engine, ManualClock};
use bot_core::store::{SqliteStore, Store};
use common::*;
use std::sync::Arc;

fn place() -> PlaceId {
    PlaceId::new("test:guild:text")
}

async fn engine_on(url: &str, clock: Arc<ManualClock>) -> (Engine, Arc<CaptureSink>) {
    sqlite_engine(url, clock).await
}

async fn run(engine: &Engine, actor: Actor, c: Command) {
    let ex = engine.execute(&place(), actor, c).await.unwrap();
    assert!(ex.rejected.is_none(), "refused: {:?}", ex.deliveries);
    engine.dispatch(ex).await.unwrap();
}

fn in_lounge(actor: Actor, muted: bool) -> VoiceState {
    VoiceState {
        actor,
        channel: Some("lounge".into()),
        server_muted: muted,
        suppressed: false,
        requested_to_speak: false,
        moderator: false,
    }
}

/// The floor steps delivered, in order.
fn steps(sink: &CaptureSink) -> Vec<FloorStep> {
    sink.take()
        .into_iter()
        .filter_map(|(_, d)| match d.post.audience {
            Audience::Floor(change) => Some(change.steps),
            _ => None,
        })
        .flatten()
        .collect()
}

fn id(name: &str) -> bot_core::domain::MemberId {
    member(name).member.id
}

/// A linked voice channel with muting on, Ana and Ben checked in and in the channel, and a
/// round of one minute each: Ben is muted while Ana speaks.
async fn meeting_with_ben_muted(engine: &Engine, sink: &CaptureSink) {
    let lounge = VoiceChannel {
        id: "lounge".into(),
        name: DisplayName::new("Lounge"),
        kind: ChannelKind::Voice,
        missing: vec![],
    };
    run(
        engine,
        admin("Ada"),
        Command::VoiceLink {
            channel: ChannelArg::Found(lounge),
        },
    )
    .await;
    run(engine, admin("Ada"), Command::VoiceMute(true)).await;
    for who in ["Ana", "Ben"] {
        engine
            .voice_in(
                "test:guild",
                VoiceInput::State(in_lounge(member(who), false)),
            )
            .await
            .unwrap();
    }
    run(engine, host("Robin"), Command::Open { name: None }).await;
    run(engine, member("Ana"), Command::CheckIn { word: None }).await;
    run(engine, member("Ben"), Command::CheckIn { word: None }).await;
    let start = Command::RoundStart {
        share_time: Some(Millis::mins(1)),
        order: None,
    };
    run(engine, host("Robin"), start).await;
    assert_eq!(steps(sink), vec![FloorStep::Mute(id("Ben"))]);
    // Discord says it is done.
    engine
        .voice_in(
            "test:guild",
            VoiceInput::State(in_lounge(member("Ben"), true)),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn after_a_crash_the_next_process_moves_the_floor_on_and_lifts_every_mute_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("v.db").display());
    let clock = Arc::new(ManualClock::new(T0));
    let (first, sink) = engine_on(&url, clock.clone()).await;
    first.reseed(1);
    meeting_with_ben_muted(&first, &sink).await;
    // Killed 30 s into Ana's turn: nothing runs until a new process starts 5 minutes later.
    first
        .advance_to(&clock, Timestamp(T0.0 + 30_000))
        .await
        .unwrap();
    drop(first);
    clock.set(Timestamp(T0.0 + 300_000));
    let (second, sink2) = engine_on(&url, clock.clone()).await;
    // Discord's voice states at the start agree with the store: Ben is muted.
    let lounge = |ana: bool, ben: bool| {
        VoiceInput::Snapshot(vec![
            in_lounge(member("Ana"), ana),
            in_lounge(member("Ben"), ben),
        ])
    };
    second
        .voice_in("test:guild", lounge(false, true))
        .await
        .unwrap();
    assert_eq!(steps(&sink2), vec![]);
    // Ana's turn ended while nobody ran: "time", and Ben's turn starts now with the floor.
    second
        .advance_to(&clock, Timestamp(T0.0 + 301_000))
        .await
        .unwrap();
    assert_eq!(
        steps(&sink2),
        vec![FloorStep::Unmute(id("Ben")), FloorStep::Mute(id("Ana"))]
    );
    second
        .voice_in("test:guild", lounge(true, false))
        .await
        .unwrap();
    // Ben's turn and the round end: the last mute is lifted and nothing is kept.
    second
        .advance_to(&clock, Timestamp(T0.0 + 400_000))
        .await
        .unwrap();
    assert_eq!(steps(&sink2), vec![FloorStep::Unmute(id("Ana"))]);
    second
        .voice_in("test:guild", lounge(false, false))
        .await
        .unwrap();
    let store = SqliteStore::open(&url, 1).await.unwrap();
    let kept = store.load_place(&place()).await.unwrap().unwrap();
    let voice = kept.voice.unwrap();
    assert!(
        voice.muted.is_empty(),
        "no mute left on record: {:?}",
        voice.muted
    );
}

#[tokio::test]
async fn a_shutdown_lifts_every_mute_and_the_next_start_puts_them_back_while_the_round_runs() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("v.db").display());
    let clock = Arc::new(ManualClock::new(T0));
    let (first, sink) = engine_on(&url, clock.clone()).await;
    first.reseed(1);
    meeting_with_ben_muted(&first, &sink).await;
    first.release_voice().await;
    assert_eq!(steps(&sink), vec![FloorStep::Unmute(id("Ben"))]);
    drop(first);
    // Restarted 10 s later, still in Ana's turn: Discord's voice states come in and Ben is
    // muted again.
    clock.set(Timestamp(T0.0 + 10_000));
    let (second, sink2) = engine_on(&url, clock.clone()).await;
    second
        .voice_in(
            "test:guild",
            VoiceInput::Snapshot(vec![
                in_lounge(member("Ana"), false),
                in_lounge(member("Ben"), false),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(steps(&sink2), vec![FloorStep::Mute(id("Ben"))]);
}
