//! What a share round costs in messages and what each turn's messages say, on a virtual clock:
//! "time" also calls the next speaker (with the start and end of their turn), the advance after
//! the grace is silent when it happens exactly as announced and speaks up when anything changed,
//! and the live status is never edited by the clock alone.

mod common;

use bot_core::domain::command::SettingChange;
use bot_core::domain::{
    Actor, Command, MemberId, Millis, PlaceId, PostKind, RoundView, Timestamp, TurnWhen,
};
use bot_core::engine::{Clock, Delivery, Engine, ManualClock};
use bot_core::store::MemoryStore;
use common::*;
use std::sync::Arc;

/// One place on a virtual clock. Answers to commands are kept apart from what the engine posts
/// and edits on its own (timers), which the sink records.
struct Meeting {
    engine: Engine,
    clock: Arc<ManualClock>,
    sink: Arc<CaptureSink>,
    place: PlaceId,
}

/// A post as seconds after T0, kind and plain text (relative times as seen at delivery).
type Said = (i64, PostKind, String);

fn said(at: Timestamp, d: &Delivery) -> Said {
    (
        (at.0 - T0.0) / 1000,
        d.post.kind,
        bot_core::render::plain_with(&d.post.message, "!", Some(at)),
    )
}

fn id(name: &str) -> MemberId {
    member(name).member.id
}

/// The last of `posts` is a "time" post at `secs` saying `text` and pinging exactly `next`.
fn assert_time_calls(posts: &[(Said, Vec<MemberId>)], secs: i64, text: &str, next: &str) {
    let ((t, kind, said), mentions) = posts.last().expect("a post");
    assert_eq!((*t, *kind), (secs, PostKind::Time));
    assert_eq!(said, text);
    assert_eq!(mentions, &vec![id(next)], "only the next speaker is pinged");
}

impl Meeting {
    /// A session with `names` checked in (in that order) and the admin's `settings`, at T0.
    async fn new(names: &[&str], settings: Vec<SettingChange>) -> Meeting {
        let clock = Arc::new(ManualClock::new(T0));
        let engine = Engine::new(Arc::new(MemoryStore::new()), clock.clone(), "!");
        let sink = CaptureSink::new(clock.clone());
        engine.add_sink("test", sink.clone());
        let m = Meeting {
            engine,
            clock,
            sink,
            place: PlaceId::new("test:turns"),
        };
        for s in settings {
            m.run(admin("Ada"), Command::Set(s)).await;
        }
        m.run(host("Robin"), Command::Open { name: None }).await;
        for n in names {
            m.run(member(n), Command::CheckIn { word: None }).await;
        }
        m
    }

    /// Runs a command now; returns its answers and whether it edits the status.
    async fn run(&self, who: Actor, c: Command) -> (Vec<Said>, bool) {
        let ex = self.engine.execute(&self.place, who, c).await.unwrap();
        assert!(ex.rejected.is_none(), "refused: {:?}", ex.deliveries);
        self.engine.acknowledge(&ex.deliveries).await.unwrap();
        let now = self.clock.now();
        (
            ex.deliveries.iter().map(|d| said(now, d)).collect(),
            ex.status.is_some(),
        )
    }

    async fn start_round(&self) -> (Vec<Said>, bool) {
        self.run(
            host("Robin"),
            Command::RoundStart {
                share_time: None,
                order: None,
            },
        )
        .await
    }

    /// Lets the clock run to `secs` after T0, firing every deadline on the way.
    async fn until(&self, secs: i64) {
        self.engine
            .advance_to(&self.clock, Timestamp(T0.0 + secs * 1000))
            .await
            .unwrap();
    }

    /// What the engine posted on its own since the last call.
    fn timer_posts(&self) -> Vec<(Said, Vec<MemberId>)> {
        self.sink
            .take()
            .iter()
            .map(|(at, d)| (said(*at, d), d.post.message.mentions()))
            .collect()
    }

    /// The timer posts since the last call, as (seconds, kind).
    fn timer_kinds(&self) -> Vec<(i64, PostKind)> {
        self.timer_posts()
            .iter()
            .map(|((t, k, _), _)| (*t, *k))
            .collect()
    }

    /// When the engine reported a status change on its own since the last call (seconds).
    fn timer_status_edits(&self) -> Vec<i64> {
        self.sink
            .take_statuses()
            .iter()
            .map(|(at, _)| (at.0 - T0.0) / 1000)
            .collect()
    }

    async fn round_view(&self) -> Option<RoundView> {
        self.engine
            .status_view(&self.place)
            .await
            .unwrap()
            .and_then(|v| v.round)
    }
}

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("M{i}")).collect()
}

#[tokio::test]
async fn a_default_round_of_ten_costs_three_messages_per_turn() {
    let members = names(10);
    let refs: Vec<&str> = members.iter().map(String::as_str).collect();
    let m = Meeting::new(&refs, vec![]).await;
    // The host's `round start` answer calls the first speaker (one post, one status edit).
    let (answer, edits_status) = m.start_round().await;
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0].1, PostKind::RoundStarted);
    assert!(
        answer[0].2.contains("@M0, you have the floor"),
        "{}",
        answer[0].2
    );
    assert!(edits_status);
    // Everyone takes their full time: 3 minutes, then 10 s of grace, per turn.
    m.until(10 * 190 + 60).await;
    let posts = m.timer_posts();
    let edits = m.timer_status_edits();

    // Per turn: the two warnings and "time" (which also calls the next speaker). No turn posts.
    let mut want = Vec::new();
    for turn in 0..10i64 {
        let start = turn * 190;
        want.push((start + 120, PostKind::Warning));
        want.push((start + 150, PostKind::Warning));
        want.push((start + 180, PostKind::Time));
    }
    // Once per round: the round ends after the last turn's grace.
    want.push((9 * 190 + 190, PostKind::RoundEnded));
    let got: Vec<(i64, PostKind)> = posts.iter().map(|((t, k, _), _)| (*t, *k)).collect();
    assert_eq!(got, want);
    // The clock alone never edits the status: only the end of the round does (once per round).
    assert_eq!(edits, vec![9 * 190 + 190]);

    let per_turn = posts
        .iter()
        .filter(|((_, k, _), _)| *k != PostKind::RoundEnded)
        .count() as f64
        / 10.0;
    let per_round = answer.len()
        + usize::from(edits_status)
        + posts
            .iter()
            .filter(|((_, k, _), _)| *k == PostKind::RoundEnded)
            .count()
        + edits.len();
    assert_eq!(per_turn, 3.0, "posts + edits per turn");
    assert_eq!(
        per_round, 4,
        "start answer + its edit, round end + its edit"
    );
    // What the P5 benchmark measures (every post and edit of the round over 10 turns).
    let p5 = (answer.len() + usize::from(edits_status) + posts.len() + edits.len()) as f64 / 10.0;
    assert_eq!(p5, 3.4);

    // Each "time" calls exactly the next speaker, pinging only them; the last says so.
    let times: Vec<&(Said, Vec<MemberId>)> = posts
        .iter()
        .filter(|((_, k, _), _)| *k == PostKind::Time)
        .collect();
    for (i, ((_, _, text), mentions)) in times.iter().enumerate() {
        assert!(
            text.starts_with(&format!("Time, M{i}. Thank you for sharing.")),
            "{text}"
        );
        if i < 9 {
            assert_eq!(mentions, &vec![id(&format!("M{}", i + 1))], "{text}");
            assert!(
                text.contains(&format!("@M{}, you're next", i + 1)),
                "{text}"
            );
        } else {
            assert!(mentions.is_empty(), "{text}");
            assert!(
                text.ends_with("That was the last share of this round."),
                "{text}"
            );
        }
    }
    // The warnings name the speaker without a ping.
    assert!(posts
        .iter()
        .filter(|((_, k, _), _)| *k == PostKind::Warning)
        .all(|(_, mentions)| mentions.is_empty()));
}

#[tokio::test]
async fn a_call_held_back_by_the_platform_moves_its_turn_and_states_the_moved_times() {
    let m = Meeting::new(&["Ann", "Ben"], vec![]).await;
    let start = Command::RoundStart {
        share_time: None,
        order: None,
    };
    let ex = m
        .engine
        .execute(&m.place, host("Robin"), start)
        .await
        .unwrap();
    let call = ex.deliveries[0].clone();
    assert_eq!(call.post.kind, PostKind::RoundStarted);
    // Going out within a second: nothing moves.
    m.clock.set(Timestamp(T0.0 + 900));
    assert_eq!(m.engine.call_going_out(&call).await.unwrap(), call);
    // Held back 5.3 s (a rate limit): the turn starts when the call can be read, on a whole
    // second, and the call says so.
    m.clock.set(Timestamp(T0.0 + 5_300));
    let moved = m.engine.call_going_out(&call).await.unwrap();
    let text = bot_core::render::plain_with(&moved.post.message, "!", Some(m.clock.now()));
    assert!(text.contains("until 19:03:06 "), "{text}");
    assert_eq!(
        moved.outbox_id, call.outbox_id,
        "the same post, with its times moved"
    );
    // A retry of the same send a moment later moves nothing more.
    m.clock.set(Timestamp(T0.0 + 5_600));
    let again = m.engine.call_going_out(&call).await.unwrap();
    assert_eq!(again, moved);
    // The warnings and "time" follow the moved end; the status plan shows it.
    let plan = m.engine.status_view(&m.place).await.unwrap().unwrap();
    let round = plan.round.expect("a round");
    assert_eq!(
        round.turns[0].when,
        TurnWhen::Planned {
            starts_at: Timestamp(T0.0 + 6_000),
            ends_at: Timestamp(T0.0 + 186_000),
        }
    );
    m.until(190).await;
    assert_eq!(
        m.timer_kinds(),
        vec![
            (126, PostKind::Warning),
            (156, PostKind::Warning),
            (186, PostKind::Time)
        ]
    );
}

#[tokio::test]
async fn a_turn_started_between_seconds_ends_on_the_second_it_states() {
    let m = Meeting::new(&["Ann", "Ben"], vec![]).await;
    m.clock.set(Timestamp(T0.0 + 700));
    let (answer, _) = m.start_round().await;
    // Clocks show whole seconds: the turn ends on the one it states, not 0.7 s later.
    assert!(answer[0].2.contains("until 19:03:01 "), "{}", answer[0].2);
    m.engine
        .advance_to(&m.clock, Timestamp(T0.0 + 185_000))
        .await
        .unwrap();
    let posts = m.sink.take();
    let at = |kind: PostKind| -> Vec<i64> {
        (posts.iter())
            .filter(|(_, d)| d.post.kind == kind)
            .map(|(at, _)| at.0 - T0.0)
            .collect()
    };
    assert_eq!(at(PostKind::Warning), vec![121_000, 151_000]);
    assert_eq!(at(PostKind::Time), vec![181_000]);
}

#[tokio::test]
async fn time_calls_the_next_speaker_with_the_start_and_end_of_their_turn() {
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(180).await;
    assert_time_calls(
        &m.timer_posts(),
        180,
        "Time, Ana. Thank you for sharing.\n\
         @Ben, you're next: your turn runs from 19:03:10 to 19:06:10.",
        "Ben",
    );
    // The grace ends: Ben has the floor as announced, and nothing is said or edited.
    m.until(189).await;
    let state = m.engine.place_state(&m.place).await.unwrap().unwrap();
    let turn = state.session.unwrap().round.unwrap().turn.unwrap();
    assert_eq!(turn.speaker, id("Ana"), "still the grace");
    m.until(190).await;
    assert!(m.timer_posts().is_empty());
    assert!(m.timer_status_edits().is_empty());
    let state = m.engine.place_state(&m.place).await.unwrap().unwrap();
    let turn = state.session.unwrap().round.unwrap().turn.unwrap();
    assert_eq!(turn.speaker, id("Ben"));
    assert_eq!(turn.started_at, Timestamp(T0.0 + 190_000));
    // Ben's warnings and "time" come at the announced end.
    m.until(370).await;
    let got = m.timer_kinds();
    assert_eq!(
        got,
        vec![
            (310, PostKind::Warning),
            (340, PostKind::Warning),
            (370, PostKind::Time)
        ]
    );
}

#[tokio::test]
async fn the_status_plan_made_at_the_start_holds_for_full_turns() {
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    let plan = m.round_view().await.unwrap();
    assert!(plan.auto_advance && !plan.paused);
    let at = |s: i64| Timestamp(T0.0 + s * 1000);
    let want: Vec<(MemberId, TurnWhen)> = [("Ana", 0), ("Ben", 190), ("Cleo", 380)]
        .iter()
        .map(|(n, s)| {
            (
                id(n),
                TurnWhen::Planned {
                    starts_at: at(*s),
                    ends_at: at(s + 180),
                },
            )
        })
        .collect();
    let got: Vec<(MemberId, TurnWhen)> = plan
        .turns
        .iter()
        .map(|t| (t.member.id.clone(), t.when))
        .collect();
    assert_eq!(got, want);
    // Each turn really starts and ends when the plan said.
    for (name, s) in [("Ben", 190), ("Cleo", 380)] {
        m.until(s).await;
        let state = m.engine.place_state(&m.place).await.unwrap().unwrap();
        let turn = state.session.unwrap().round.unwrap().turn.unwrap();
        assert_eq!((turn.speaker, turn.started_at), (id(name), at(s)));
    }
    // None of it needed an edit.
    assert!(m.timer_status_edits().is_empty());
    // During a grace, an action shows the plan from the next turn on.
    m.until(380 + 185).await;
    m.run(member("Ana"), Command::Hand).await;
    let plan = m.round_view().await.unwrap();
    assert!(
        plan.turns.is_empty(),
        "Cleo's time is up and nobody is left"
    );
}

#[tokio::test]
async fn a_pass_during_the_grace_is_said_when_the_grace_ends() {
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(185).await;
    m.timer_posts();
    // Ben, just announced, passes: only he hears the answer; the status plan changes.
    let (answer, edits) = m.run(member("Ben"), Command::Pass).await;
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0].1, PostKind::Reply);
    assert!(edits);
    let plan = m.round_view().await.unwrap();
    assert_eq!(plan.turns.len(), 1);
    assert_eq!(plan.turns[0].member.id, id("Cleo"));
    assert_eq!(
        plan.turns[0].when,
        TurnWhen::Planned {
            starts_at: Timestamp(T0.0 + 190_000),
            ends_at: Timestamp(T0.0 + 370_000)
        }
    );
    m.until(190).await;
    let posts = m.timer_posts();
    assert_eq!(posts.len(), 1);
    let ((t, kind, text), mentions) = &posts[0];
    assert_eq!((*t, *kind), (190, PostKind::Turn));
    assert_eq!(
        text,
        "Ben passed.\n@Cleo, you have the floor: 3 minutes, until 19:06:10 (in 3 minutes)."
    );
    assert_eq!(mentions, &vec![id("Cleo")]);
    // That turn change was not the plan "time" announced: the status is brought up to date.
    assert_eq!(m.timer_status_edits(), vec![190]);
}

#[tokio::test]
async fn a_pass_before_time_is_said_by_time_and_not_again() {
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.run(member("Ben"), Command::Pass).await;
    m.until(180).await;
    assert_time_calls(
        &m.timer_posts(),
        180,
        "Time, Ana. Thank you for sharing.\nBen passed.\n\
         @Cleo, you're next: your turn runs from 19:03:10 to 19:06:10.",
        "Cleo",
    );
    m.until(190).await;
    assert!(m.timer_posts().is_empty(), "silent: it happened as said");
    // Cleo is the last: her "time" says so, and the round ends after the grace without repeating
    // anything.
    m.until(370).await;
    let posts = m.timer_posts();
    assert_eq!(
        posts.last().unwrap().0 .2,
        "Time, Cleo. Thank you for sharing.\nThat was the last share of this round."
    );
    m.until(380).await;
    let posts = m.timer_posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].0 .1, PostKind::RoundEnded);
    assert_eq!(
        posts[0].0 .2,
        "The round has ended. 2 members shared. Thank you, everyone."
    );
    assert_eq!(m.timer_status_edits(), vec![380]);
}

#[tokio::test]
async fn host_actions_during_the_grace_are_never_hidden() {
    // `skip` the announced speaker: the next one is called at the grace's end.
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(182).await;
    m.timer_posts();
    let (answer, edits) = m
        .run(
            host("Robin"),
            Command::Skip {
                member: Some(bot_core::domain::MemberRef("Ben".into())),
            },
        )
        .await;
    assert!(answer[0].2.contains("Ben will be skipped"), "{answer:?}");
    assert!(edits);
    m.until(190).await;
    let posts = m.timer_posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].0 .1, PostKind::Turn);
    assert!(
        posts[0].0 .2.starts_with("@Cleo, you have the floor"),
        "{posts:?}"
    );
    assert!(
        !posts[0].0 .2.contains("Ben"),
        "a skip is not announced: {posts:?}"
    );

    // `next` during the grace calls at once (its own answer), and nothing comes at the grace end.
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(183).await;
    m.timer_posts();
    let (answer, edits) = m.run(host("Robin"), Command::Next).await;
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0].1, PostKind::Turn);
    assert!(answer[0]
        .2
        .starts_with("@Ben, you have the floor: 3 minutes, until 19:06:03"));
    assert!(edits);
    m.until(200).await;
    assert!(m.timer_posts().is_empty());

    // `extend` during the grace gives the speaker more time: no advance, and a new "time".
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(184).await;
    m.timer_posts();
    let (answer, edits) = m
        .run(
            host("Robin"),
            Command::Extend {
                by: Some(Millis::mins(1)),
            },
        )
        .await;
    assert!(answer[0].2.contains("Ana has 1 minute more"), "{answer:?}");
    assert!(edits);
    m.until(244).await;
    let posts = m.timer_posts();
    let kinds: Vec<(i64, PostKind)> = posts.iter().map(|((t, k, _), _)| (*t, *k)).collect();
    assert_eq!(
        kinds,
        vec![(214, PostKind::Warning), (244, PostKind::Time)],
        "{posts:?}"
    );
    assert!(posts[1]
        .0
         .2
        .contains("@Ben, you're next: your turn runs from 19:04:14"));
    m.until(254).await;
    assert!(m.timer_posts().is_empty());

    // `pause` and `resume` during the grace: the resume answer calls the next speaker.
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(185).await;
    m.timer_posts();
    m.run(host("Robin"), Command::Pause).await;
    let plan = m.round_view().await.unwrap();
    assert!(plan.paused);
    assert_eq!(plan.turns[0].when, TurnWhen::Paused);
    assert!(plan.turns[1..]
        .iter()
        .all(|t| t.when == TurnWhen::Unplanned));
    m.until(300).await;
    assert!(m.timer_posts().is_empty(), "paused: nothing is due");
    let (answer, _) = m.run(host("Robin"), Command::Resume).await;
    assert!(
        answer[0]
            .2
            .starts_with("Resuming.\n@Ben, you have the floor"),
        "{answer:?}"
    );
}

#[tokio::test]
async fn a_member_who_joins_after_the_last_share_was_announced_is_called() {
    let m = Meeting::new(&["Ana"], vec![]).await;
    m.start_round().await;
    m.until(180).await;
    let posts = m.timer_posts();
    assert!(posts
        .last()
        .unwrap()
        .0
         .2
        .ends_with("That was the last share of this round."));
    m.run(member("Ben"), Command::CheckIn { word: None }).await;
    m.until(190).await;
    let posts = m.timer_posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].0 .1, PostKind::Turn);
    assert!(posts[0].0 .2.starts_with("@Ben, you have the floor"));
    assert_eq!(posts[0].1, vec![id("Ben")]);
}

#[tokio::test]
async fn with_auto_advance_off_the_host_calls_the_next_speaker_as_before() {
    let m = Meeting::new(&["Ana", "Ben"], vec![SettingChange::AutoAdvance(false)]).await;
    m.start_round().await;
    let plan = m.round_view().await.unwrap();
    assert!(!plan.auto_advance);
    // The current turn has its times; the others wait for the host.
    assert!(matches!(plan.turns[0].when, TurnWhen::Planned { .. }));
    assert_eq!(plan.turns[1].when, TurnWhen::Unplanned);
    m.until(600).await;
    let posts = m.timer_posts();
    let got: Vec<(i64, PostKind, &str)> = posts
        .iter()
        .map(|((t, k, s), _)| (*t, *k, s.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                120,
                PostKind::Warning,
                "Ana, 1 minute left (until 19:03:00)."
            ),
            (
                150,
                PostKind::Warning,
                "Ana, 30 seconds left (until 19:03:00)."
            ),
            (
                180,
                PostKind::Time,
                "Time, Ana. Thank you for sharing. The host will call the next speaker."
            ),
        ]
    );
    assert!(posts.iter().all(|(_, mentions)| mentions.is_empty()));
    assert!(m.timer_status_edits().is_empty());
    let (answer, edits) = m.run(host("Robin"), Command::Next).await;
    assert_eq!(answer[0].1, PostKind::Turn);
    assert!(answer[0].2.starts_with("@Ben, you have the floor"));
    assert!(edits);
}

#[tokio::test]
async fn with_no_grace_time_is_the_announcement() {
    let m = Meeting::new(&["Ana", "Ben"], vec![SettingChange::Grace(Millis::ZERO)]).await;
    m.start_round().await;
    m.until(180).await;
    let posts = m.timer_posts();
    let ((t, kind, text), mentions) = posts.last().unwrap();
    assert_eq!((*t, *kind), (180, PostKind::Time));
    assert_eq!(
        text,
        "Time, Ana. Thank you for sharing.\n\
         @Ben, you're next: your turn runs from 19:03:00 to 19:06:00."
    );
    assert_eq!(mentions, &vec![id("Ben")]);
    assert_eq!(posts.len(), 3, "two warnings and time, no turn post");
    let state = m.engine.place_state(&m.place).await.unwrap().unwrap();
    let turn = state.session.unwrap().round.unwrap().turn.unwrap();
    assert_eq!(
        (turn.speaker, turn.started_at),
        (id("Ben"), Timestamp(T0.0 + 180_000))
    );
    m.until(360).await;
    let posts = m.timer_posts();
    let kinds: Vec<PostKind> = posts.iter().map(|((_, k, _), _)| *k).collect();
    assert_eq!(
        kinds,
        vec![
            PostKind::Warning,
            PostKind::Warning,
            PostKind::Time,
            PostKind::RoundEnded
        ]
    );
    assert!(posts[2]
        .0
         .2
        .ends_with("That was the last share of this round."));
    assert_eq!(m.timer_status_edits(), vec![360]);
}

#[tokio::test]
async fn a_queue_round_calls_from_the_hands_and_says_when_none_are_left() {
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.run(member("Ana"), Command::Hand).await;
    m.run(member("Ben"), Command::Hand).await;
    m.run(
        host("Robin"),
        Command::RoundStart {
            share_time: None,
            order: Some(bot_core::domain::command::RoundOrder::Queue),
        },
    )
    .await;
    m.until(180).await;
    let posts = m.timer_posts();
    assert!(posts.last().unwrap().0 .2.contains("@Ben, you're next"));
    m.until(370).await;
    let posts = m.timer_posts();
    assert_eq!(
        posts.last().unwrap().0 .2,
        "Time, Ben. Thank you for sharing.\n\
         No hands are up: unless someone raises one with `!hand` before 19:06:20, that was the last share of this round."
    );
    // Cleo raises her hand during the grace: she is called when it ends.
    m.run(member("Cleo"), Command::Hand).await;
    m.until(380).await;
    let posts = m.timer_posts();
    assert_eq!(posts.len(), 1);
    assert!(
        posts[0].0 .2.starts_with("@Cleo, you have the floor"),
        "{posts:?}"
    );
}

#[tokio::test]
async fn time_after_downtime_past_the_grace_calls_the_next_speaker_for_now() {
    let m = Meeting::new(&["Ana", "Ben"], vec![]).await;
    m.start_round().await;
    m.until(100).await;
    m.timer_posts();
    // The bot was down from 100 s to 200 s: Ana's end (180 s) and the grace (190 s) passed
    // without anyone being told who is next, so Ben's turn starts now, called by "time".
    m.clock.set(Timestamp(T0.0 + 200_000));
    m.engine.fire_due(m.clock.now()).await.unwrap();
    let posts = m.timer_posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    let ((t, kind, text), mentions) = &posts[0];
    assert_eq!((*t, *kind), (200, PostKind::Time));
    assert_eq!(
        text,
        "Time, Ana. Thank you for sharing.\n\
         @Ben, you're next: your turn runs from 19:03:20 to 19:06:20."
    );
    assert_eq!(mentions, &vec![id("Ben")]);
    let state = m.engine.place_state(&m.place).await.unwrap().unwrap();
    let turn = state.session.unwrap().round.unwrap().turn.unwrap();
    assert_eq!(
        (turn.speaker, turn.started_at),
        (id("Ben"), Timestamp(T0.0 + 200_000))
    );
}

#[tokio::test]
async fn downtime_after_time_keeps_the_announced_turn() {
    let m = Meeting::new(&["Ana", "Ben", "Cleo"], vec![]).await;
    m.start_round().await;
    m.until(185).await;
    m.timer_posts();
    // "Time" told Ben his turn runs from 190 s to 370 s; the bot is down from 185 s to 300 s.
    // Ben's turn is his as announced: nothing is posted, its end stays, the stale warnings are
    // dropped.
    m.clock.set(Timestamp(T0.0 + 300_000));
    m.engine.fire_due(m.clock.now()).await.unwrap();
    assert!(m.timer_posts().is_empty());
    let state = m.engine.place_state(&m.place).await.unwrap().unwrap();
    let turn = state.session.unwrap().round.unwrap().turn.unwrap();
    assert_eq!(
        (turn.speaker, turn.started_at),
        (id("Ben"), Timestamp(T0.0 + 190_000))
    );
    m.until(370).await;
    let got = m.timer_kinds();
    assert_eq!(
        got,
        vec![
            (310, PostKind::Warning),
            (340, PostKind::Warning),
            (370, PostKind::Time)
        ]
    );
    // "Time" told Cleo her turn runs from 380 s to 560 s; the bot is down from 375 s to 700 s,
    // past her whole turn: she had it as announced, and gets one late "time"; the round ends.
    m.until(375).await;
    m.timer_posts();
    m.clock.set(Timestamp(T0.0 + 700_000));
    m.engine.fire_due(m.clock.now()).await.unwrap();
    let texts: Vec<String> = m
        .timer_posts()
        .into_iter()
        .map(|((_, _, t), _)| t)
        .collect();
    assert_eq!(
        texts,
        vec![
            "Time, Cleo. Thank you for sharing.\nThat was the last share of this round."
                .to_string(),
            "The round has ended. 3 members shared. Thank you, everyone.".to_string()
        ]
    );
}
