//! Schedules over simulated weeks: reminder, opening, end warning and closing at the right
//! instants across DST in Europe/Berlin and America/New_York, a spring-gap time, and exactly once
//! across restarts (before the reminder, mid-meeting, missed inside and outside the grace).

mod common;

use bot_core::domain::{Actor, Member, PlaceId, PostKind, Role, Timestamp};
use bot_core::engine::{Engine, ManualClock};

use common::{sqlite_engine, CaptureSink};
use std::sync::Arc;

fn at(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

fn place() -> PlaceId {
    PlaceId::new("test:schedules")
}

fn admin() -> Actor {
    Actor {
        member: Member::new("test:ada", "Ada"),
        role: Role::Admin,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

async fn engine(url: &str, clock: Arc<ManualClock>) -> (Engine, Arc<CaptureSink>) {
    sqlite_engine(url, clock).await
}

async fn say(engine: &Engine, text: &str) {
    let ex = engine
        .handle_text(&place(), admin(), text)
        .await
        .unwrap()
        .expect("a command");
    assert!(
        ex.rejected.is_none(),
        "{text} refused: {:?}",
        ex.deliveries
            .iter()
            .map(|d| bot_core::render::plain(&d.post.message))
            .collect::<Vec<_>>()
    );
    engine.acknowledge(&ex.deliveries).await.unwrap();
}

fn events(sink: &CaptureSink) -> Vec<(String, PostKind)> {
    sink.take()
        .into_iter()
        .map(|(t, d)| (t.to_rfc3339(), d.post.kind))
        .collect()
}

fn ev(t: &str, k: PostKind) -> (String, PostKind) {
    (at(t).to_rfc3339(), k)
}

fn url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("s.db").display())
}

#[tokio::test]
async fn weekly_berlin_meeting_stays_at_19_local_across_both_transitions() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at("2026-03-20T12:00:00Z")));
    let (e, sink) = engine(&url(&dir), clock.clone()).await;
    say(
        &e,
        "!schedule add tuesday weekly tue 19:00 Europe/Berlin 90m 30m",
    )
    .await;
    e.advance_to(&clock, at("2026-04-01T00:00:00Z"))
        .await
        .unwrap();
    use PostKind::*;
    assert_eq!(
        events(&sink),
        vec![
            // CET (UTC+1)
            ev("2026-03-24T17:30:00Z", Reminder),
            ev("2026-03-24T18:00:00Z", SessionOpened),
            ev("2026-03-24T19:25:00Z", Warning),
            ev("2026-03-24T19:30:00Z", SessionClosed),
            // CEST (UTC+2) from Sunday 29 March
            ev("2026-03-31T16:30:00Z", Reminder),
            ev("2026-03-31T17:00:00Z", SessionOpened),
            ev("2026-03-31T18:25:00Z", Warning),
            ev("2026-03-31T18:30:00Z", SessionClosed),
        ]
    );
    clock.set(at("2026-10-19T00:00:00Z"));
    let (e2, sink2) = engine(&url(&dir), clock.clone()).await;
    // Months passed with nothing running: the missed occurrences are skipped silently.
    e2.advance_to(&clock, at("2026-10-28T00:00:00Z"))
        .await
        .unwrap();
    let got: Vec<_> = events(&sink2)
        .into_iter()
        .filter(|(_, k)| *k == SessionOpened)
        .collect();
    assert_eq!(
        got,
        vec![
            ev("2026-10-20T17:00:00Z", SessionOpened),
            ev("2026-10-27T18:00:00Z", SessionOpened)
        ]
    );
}

#[tokio::test]
async fn new_york_meeting_follows_its_own_dst_dates() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at("2026-03-01T00:00:00Z")));
    let (e, sink) = engine(&url(&dir), clock.clone()).await;
    say(&e, "!settings timezone America/New_York").await;
    say(&e, "!schedule add monday weekly mon 18:30 1h 0s").await;
    e.advance_to(&clock, at("2026-03-10T00:00:00Z"))
        .await
        .unwrap();
    let opened: Vec<_> = events(&sink)
        .into_iter()
        .filter(|(_, k)| *k == PostKind::SessionOpened)
        .collect();
    // EST (UTC-5) on 2 March, EDT (UTC-4) from Sunday 8 March.
    assert_eq!(
        opened,
        vec![
            ev("2026-03-02T23:30:00Z", PostKind::SessionOpened),
            ev("2026-03-09T22:30:00Z", PostKind::SessionOpened)
        ]
    );
    clock.set(at("2026-10-28T00:00:00Z"));
    let (e2, sink2) = engine(&url(&dir), clock.clone()).await;
    e2.advance_to(&clock, at("2026-11-03T00:00:00Z"))
        .await
        .unwrap();
    let opened: Vec<_> = events(&sink2)
        .into_iter()
        .filter(|(_, k)| *k == PostKind::SessionOpened)
        .collect();
    // EDT on 26 Oct is past; EST again from Sunday 1 November.
    assert_eq!(
        opened,
        vec![ev("2026-11-02T23:30:00Z", PostKind::SessionOpened)]
    );
}

#[tokio::test]
async fn a_time_in_the_spring_gap_fires_once_just_after_it_and_the_autumn_overlap_once() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at("2026-03-28T00:00:00Z")));
    let (e, sink) = engine(&url(&dir), clock.clone()).await;
    say(&e, "!schedule add night daily 02:30 Europe/Berlin 30m 0s").await;
    e.advance_to(&clock, at("2026-03-31T00:00:00Z"))
        .await
        .unwrap();
    let opened: Vec<_> = events(&sink)
        .into_iter()
        .filter(|(_, k)| *k == PostKind::SessionOpened)
        .collect();
    assert_eq!(
        opened,
        vec![
            ev("2026-03-28T01:30:00Z", PostKind::SessionOpened),
            // 02:30 does not exist on 29 March: once, at 03:00 CEST.
            ev("2026-03-29T01:00:00Z", PostKind::SessionOpened),
            ev("2026-03-30T00:30:00Z", PostKind::SessionOpened),
        ]
    );
    clock.set(at("2026-10-24T12:00:00Z"));
    let (e2, sink2) = engine(&url(&dir), clock.clone()).await;
    e2.advance_to(&clock, at("2026-10-26T12:00:00Z"))
        .await
        .unwrap();
    let opened: Vec<_> = events(&sink2)
        .into_iter()
        .filter(|(_, k)| *k == PostKind::SessionOpened)
        .collect();
    // 02:30 happens twice on 25 October; the meeting happens once.
    assert_eq!(opened.len(), 2, "{opened:?}");
    assert_eq!(
        opened[1],
        ev("2026-10-26T01:30:00Z", PostKind::SessionOpened)
    );
}

/// Runs a weekly Tuesday 19:00 UTC meeting (60 min, reminder 15 min before), stopping the first
/// engine at `stop` and starting a second one at `restart`; returns everything both posted.
async fn with_restart(stop: &str, restart: &str) -> Vec<(String, PostKind)> {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at("2026-03-02T12:00:00Z")));
    let (e1, s1) = engine(&url(&dir), clock.clone()).await;
    say(&e1, "!schedule add tuesday weekly tue 19:00").await;
    e1.advance_to(&clock, at(stop)).await.unwrap();
    let mut all = events(&s1);
    drop(e1);
    clock.set(at(restart));
    // Two starts in a row on the same database: the first one's work must not be repeated.
    let (e2, s2) = engine(&url(&dir), clock.clone()).await;
    e2.advance_to(&clock, at(restart)).await.unwrap();
    all.extend(events(&s2));
    drop(e2);
    let (e3, s3) = engine(&url(&dir), clock.clone()).await;
    e3.advance_to(&clock, at("2026-03-11T00:00:00Z"))
        .await
        .unwrap();
    all.extend(events(&s3));
    all
}

fn week(day: &str) -> Vec<(String, PostKind)> {
    use PostKind::*;
    vec![
        ev(&format!("{day}T18:45:00Z"), Reminder),
        ev(&format!("{day}T19:00:00Z"), SessionOpened),
        ev(&format!("{day}T19:55:00Z"), Warning),
        ev(&format!("{day}T20:00:00Z"), SessionClosed),
    ]
}

#[tokio::test]
async fn restart_before_the_reminder_misses_nothing() {
    let got = with_restart("2026-03-03T12:00:00Z", "2026-03-03T18:00:00Z").await;
    assert_eq!(got, [week("2026-03-03"), week("2026-03-10")].concat());
}

#[tokio::test]
async fn restart_between_open_and_close_neither_reopens_nor_misses_the_close() {
    let got = with_restart("2026-03-03T19:20:00Z", "2026-03-03T19:40:00Z").await;
    assert_eq!(got, [week("2026-03-03"), week("2026-03-10")].concat());
}

#[tokio::test]
async fn an_opening_missed_by_less_than_the_grace_happens_late_once() {
    let got = with_restart("2026-03-03T18:30:00Z", "2026-03-03T19:05:00Z").await;
    use PostKind::*;
    let mut want = vec![
        // The reminder was 20 minutes late: older than the 10-minute grace, so skipped.
        ev("2026-03-03T19:05:00Z", SessionOpened),
        ev("2026-03-03T19:55:00Z", Warning),
        ev("2026-03-03T20:00:00Z", SessionClosed),
    ];
    want.extend(week("2026-03-10"));
    assert_eq!(got, want);
}

#[tokio::test]
async fn an_opening_missed_by_more_than_the_grace_is_skipped_and_next_week_is_normal() {
    let got = with_restart("2026-03-03T18:30:00Z", "2026-03-03T19:20:00Z").await;
    assert_eq!(got, week("2026-03-10"));
}

#[tokio::test]
async fn adapters_read_the_meetings_zone_as_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(at("2026-03-02T12:00:00Z")));
    let (e, _sink) = engine(&url(&dir), clock.clone()).await;
    assert_eq!(e.timezone_of(&place()).await, "UTC", "a place never used");
    say(&e, "!settings timezone Europe/Berlin").await;
    assert_eq!(e.timezone_of(&place()).await, "Europe/Berlin");
    say(&e, "!settings timezone America/New_York").await;
    assert_eq!(
        e.timezone_of(&place()).await,
        "America/New_York",
        "kept current once read"
    );
    // A restarted process reads it from the database.
    drop(e);
    let (e2, _sink2) = engine(&url(&dir), clock).await;
    assert_eq!(e2.timezone_of(&place()).await, "America/New_York");
}
