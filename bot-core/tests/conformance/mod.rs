//! The store conformance suite: behaviour every `Store` implementation must show, one check a
//! function, and `conformance_tests!` that makes each check a test of its own for one store.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bot_core::domain::{
    Audience, Member, MemberId, Message, Millis, Place, PlaceId, Post, PostKind, Timestamp,
};
use bot_core::store::{Commit, StatusMessage, Store, StoreError};

/// A store opened for one check: fresh, so checks running in parallel never see each other's
/// rows, and closed afterwards (a throwaway database is dropped).
pub trait StoreUnderTest: Sized {
    fn open() -> impl Future<Output = Self>;
    fn store(&self) -> &dyn Store;
    fn close(self) -> impl Future<Output = ()> {
        async {}
    }
}

/// Runs one check on a fresh `F` and closes it even when the check fails (a failed check on
/// PostgreSQL leaves no database behind); the check's panic then fails the test.
pub async fn run_check<F, C>(check: C)
where
    F: StoreUnderTest + Send + Sync + 'static,
    C: for<'a> FnOnce(&'a dyn Store) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>
        + Send
        + 'static,
{
    let under_test = Arc::new(F::open().await);
    let running = tokio::spawn({
        let under_test = Arc::clone(&under_test);
        async move { check(under_test.store()).await }
    });
    let outcome = running.await;
    let under_test = Arc::into_inner(under_test).expect("the check's task is over");
    under_test.close().await;
    if let Err(failed) = outcome {
        std::panic::resume_unwind(failed.into_panic());
    }
}

/// `conformance_tests!(Fixture)` writes one `#[tokio::test]` per check, named after the check, each
/// on a fresh `Fixture` (a `StoreUnderTest`); put it in a module named after the store, so a
/// failure reads `postgres::a_stale_commit_conflicts_and_changes_nothing`. The `@checks` arm is
/// the one list of checks; `check_all` runs the same list in turn on one store.
macro_rules! conformance_tests {
    ($fixture:ty) => {
        $crate::conformance::conformance_tests!(@checks tests $fixture);
    };
    (@checks $then:ident $arg:tt) => {
        $crate::conformance::conformance_tests!(@$then $arg;
            round_trips_state,
            deadlines_are_listed_in_order_and_cleared,
            member_index_follows_commits,
            outbox_is_ordered_and_delivery_removes,
            commit_writes_state_index_and_outbox_together,
            activity_counts_follow_commits,
            a_stale_commit_conflicts_and_changes_nothing,
            dead_holders_work_is_claimed_once,
            a_singleton_has_one_live_holder,
            concurrent_commits_each_land_once,
            status_messages_are_kept_per_place,
            a_ping_is_answered
        );
    };
    (@tests $fixture:ty; $($check:ident),+) => {
        $(
            #[tokio::test]
            async fn $check() {
                $crate::conformance::run_check::<$fixture, _>(|store| {
                    Box::pin($crate::conformance::$check(store))
                })
                .await;
            }
        )+
    };
    (@in_turn $store:ident; $($check:ident),+) => {
        $( $crate::conformance::$check($store).await; )+
    };
}
pub(crate) use conformance_tests;

/// Runs every check in turn on one store (checks use place ids of their own, so they can share
/// it); for tests that fill a store and then reopen it.
pub async fn check_all(store: &dyn Store) {
    conformance_tests!(@checks in_turn store);
}

pub async fn a_ping_is_answered(store: &dyn Store) {
    store.ping().await.expect("ping");
}

fn post(text: &str) -> Post {
    Post {
        audience: Audience::Place,
        kind: PostKind::Notice,
        message: Message::text(text),
        lang: Default::default(),
    }
}

fn members(ids: &[&str]) -> BTreeSet<MemberId> {
    ids.iter().map(|i| MemberId::new(*i)).collect()
}

pub async fn status_messages_are_kept_per_place(store: &dyn Store) {
    let (a, b) = (PlaceId::new("conf:status-a"), PlaceId::new("conf:status-b"));
    assert_eq!(store.status_message(&a).await.unwrap(), None);
    let first = StatusMessage {
        message_id: "1001".into(),
        opened_at: Timestamp(5_000),
    };
    store.set_status_message(&a, Some(&first)).await.unwrap();
    assert_eq!(store.status_message(&a).await.unwrap(), Some(first.clone()));
    assert_eq!(store.status_message(&b).await.unwrap(), None, "per place");
    // A new session's message replaces the old one's.
    let second = StatusMessage {
        message_id: "$event:example.org".into(),
        opened_at: Timestamp(9_000),
    };
    store.set_status_message(&a, Some(&second)).await.unwrap();
    assert_eq!(
        store.status_message(&a).await.unwrap(),
        Some(second.clone())
    );
    // Listed per platform (a restart closes those of sessions that are no longer open).
    let other = PlaceId::new("confx:status-c");
    store
        .set_status_message(&other, Some(&first))
        .await
        .unwrap();
    assert_eq!(
        store.status_messages_of("conf").await.unwrap(),
        vec![(a.clone(), second)]
    );
    store.set_status_message(&other, None).await.unwrap();
    store.set_status_message(&a, None).await.unwrap();
    assert_eq!(store.status_messages_of("conf").await.unwrap(), vec![]);
    assert_eq!(store.status_message(&a).await.unwrap(), None);
    store.set_status_message(&a, None).await.unwrap();
}

pub async fn activity_counts_follow_commits(store: &dyn Store) {
    let before = store.activity().await.unwrap();
    let p = Place::new(1);
    let m = members(&[]);
    let (a, b) = (PlaceId::new("conf:act-a"), PlaceId::new("conf:act-b"));
    store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(1),
            session_open: true,
            round_active: true,
            posts: &[],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    store
        .commit(Commit {
            place: &b,
            state: &p,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(1),
            session_open: true,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&b).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    let during = store.activity().await.unwrap();
    assert_eq!(
        (
            during.open_sessions - before.open_sessions,
            during.active_rounds - before.active_rounds
        ),
        (2, 1)
    );
    store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(2),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    let after = store.activity().await.unwrap();
    assert_eq!(
        (
            after.open_sessions - before.open_sessions,
            after.active_rounds - before.active_rounds
        ),
        (1, 0)
    );
}

pub async fn round_trips_state(store: &dyn Store) {
    let id = PlaceId::new("conf:roundtrip");
    assert!(
        store.load_place(&id).await.unwrap().is_none(),
        "unknown place loads as None"
    );
    let mut place = Place::new(42);
    place.settings_mut().share_time = Millis(123_000);
    let m = members(&[]);
    store
        .commit(Commit {
            place: &id,
            state: &place,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(1),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&id).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(
        store.load_place(&id).await.unwrap(),
        Some(place.clone()),
        "state round-trips"
    );
    place.rounds_started = 7;
    store
        .commit(Commit {
            place: &id,
            state: &place,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(2),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&id).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(
        store.load_place(&id).await.unwrap(),
        Some(place),
        "a second commit replaces the first"
    );
}

pub async fn deadlines_are_listed_in_order_and_cleared(store: &dyn Store) {
    let (a, b) = (PlaceId::new("conf:dl-a"), PlaceId::new("conf:dl-b"));
    let p = Place::new(1);
    let m = members(&[]);
    store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: Some(Timestamp(500)),
            members: Some(&m),
            now: Timestamp(1),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    store
        .commit(Commit {
            place: &b,
            state: &p,
            next_deadline: Some(Timestamp(300)),
            members: Some(&m),
            now: Timestamp(1),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&b).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    let listed: Vec<_> = store
        .places_with_deadlines()
        .await
        .unwrap()
        .into_iter()
        .filter(|(p, _)| p.as_str().starts_with("conf:dl-"))
        .collect();
    assert_eq!(
        listed,
        vec![(b.clone(), Timestamp(300)), (a.clone(), Timestamp(500))],
        "deadlines in time order"
    );
    store
        .commit(Commit {
            place: &b,
            state: &p,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(2),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&b).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    let listed: Vec<_> = store
        .places_with_deadlines()
        .await
        .unwrap()
        .into_iter()
        .filter(|(p, _)| p.as_str().starts_with("conf:dl-"))
        .collect();
    assert_eq!(
        listed,
        vec![(a, Timestamp(500))],
        "a cleared deadline is not listed"
    );
}

pub async fn member_index_follows_commits(store: &dyn Store) {
    let (a, b) = (PlaceId::new("conf:mem-a"), PlaceId::new("conf:mem-b"));
    let p = Place::new(1);
    let ann = Member::new("conf-ann", "Ann");
    store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: Some(&members(&["conf-ann", "conf-bo"])),
            now: Timestamp(1),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    store
        .commit(Commit {
            place: &b,
            state: &p,
            next_deadline: None,
            members: Some(&members(&["conf-ann"])),
            now: Timestamp(1),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&b).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(
        store.places_mentioning(&ann.id).await.unwrap(),
        vec![a.clone(), b.clone()]
    );
    store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: Some(&members(&["conf-bo"])),
            now: Timestamp(2),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(
        store.places_mentioning(&ann.id).await.unwrap(),
        vec![b],
        "index rows leave with the member"
    );
    assert_eq!(
        store
            .places_mentioning(&MemberId::new("conf-bo"))
            .await
            .unwrap(),
        vec![a.clone()]
    );
    // A commit that says the members did not change leaves the index alone.
    store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: None,
            now: Timestamp(3),
            session_open: false,
            round_active: false,
            posts: &[],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(
        store
            .places_mentioning(&MemberId::new("conf-bo"))
            .await
            .unwrap(),
        vec![a]
    );
}

pub async fn outbox_is_ordered_and_delivery_removes(store: &dyn Store) {
    let a = PlaceId::new("conf:outbox");
    let p = Place::new(1);
    let m = members(&[]);
    let first = store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(10),
            session_open: false,
            round_active: false,
            posts: &[post("one"), post("two")],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    let second = store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: None,
            members: Some(&m),
            now: Timestamp(11),
            session_open: false,
            round_active: false,
            posts: &[post("three")],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(first.len(), 2);
    assert!(
        first[0].id < first[1].id && first[1].id < second[0].id,
        "outbox ids grow"
    );
    assert_ne!(first[0].key(), first[1].key());
    let pending: Vec<_> = store
        .pending_outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.place == a)
        .collect();
    assert_eq!(
        pending.iter().map(|e| e.post.clone()).collect::<Vec<_>>(),
        vec![post("one"), post("two"), post("three")]
    );
    store
        .mark_delivered(&[first[0].id, first[1].id])
        .await
        .unwrap();
    let pending: Vec<_> = store
        .pending_outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.place == a)
        .collect();
    assert_eq!(pending, second, "delivered posts leave the outbox");
    store.mark_delivered(&[second[0].id]).await.unwrap();
    store.mark_delivered(&[second[0].id]).await.unwrap();
    assert!(
        store
            .pending_outbox()
            .await
            .unwrap()
            .iter()
            .all(|e| e.place != a),
        "marking twice is harmless"
    );
}

pub async fn commit_writes_state_index_and_outbox_together(store: &dyn Store) {
    // One commit makes the state, its deadline, its member index and its posts visible together.
    let a = PlaceId::new("conf:atomic");
    let p = Place::new(1);
    let m = members(&["conf-x"]);
    let made = store
        .commit(Commit {
            place: &a,
            state: &p,
            next_deadline: Some(Timestamp(9)),
            members: Some(&m),
            now: Timestamp(1),
            session_open: false,
            round_active: false,
            posts: &[post("x")],
            base_version: store.version_of(&a).await.unwrap(),
            holder: None,
        })
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    assert!(store.load_place(&a).await.unwrap().is_some());
    assert_eq!(
        store
            .places_mentioning(&MemberId::new("conf-x"))
            .await
            .unwrap(),
        vec![a]
    );
    store.mark_delivered(&[made[0].id]).await.unwrap();
}

fn commit_of<'a>(
    place: &'a PlaceId,
    state: &'a Place,
    posts: &'a [Post],
    base_version: i64,
    holder: Option<&'a str>,
) -> Commit<'a> {
    Commit {
        place,
        state,
        next_deadline: Some(Timestamp(50)),
        members: None,
        now: Timestamp(5),
        session_open: true,
        round_active: false,
        posts,
        base_version,
        holder,
    }
}

pub async fn a_stale_commit_conflicts_and_changes_nothing(store: &dyn Store) {
    let a = PlaceId::new("conf:versions");
    let mut p = Place::new(3);
    assert_eq!(store.version_of(&a).await.unwrap(), 0, "no row: version 0");
    store.commit(commit_of(&a, &p, &[], 0, None)).await.unwrap();
    assert_eq!(store.version_of(&a).await.unwrap(), 1);
    // A second writer that also read version 0 (two processes creating the place at once).
    p.rounds_started = 99;
    let again = store
        .commit(commit_of(&a, &p, &[post("lost")], 0, None))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict)),
        "stale create conflicts"
    );
    // One that read version 1 lands; one still holding version 1 afterwards conflicts, on the
    // one-statement path and on the transaction path (posts) alike.
    store.commit(commit_of(&a, &p, &[], 1, None)).await.unwrap();
    let stale = store
        .commit(commit_of(&a, &Place::new(4), &[], 1, None))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict)));
    let stale = store
        .commit(commit_of(&a, &Place::new(4), &[post("lost")], 1, None))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict)));
    let (state, version) = store.load_versioned(&a).await.unwrap().unwrap();
    assert_eq!(
        (state.rounds_started, version),
        (99, 2),
        "the loser changed nothing"
    );
    assert!(
        store.pending_outbox_of(&a).await.unwrap().is_empty(),
        "a conflicting commit leaves no post behind"
    );
}

pub async fn dead_holders_work_is_claimed_once(store: &dyn Store) {
    let (a, b) = (PlaceId::new("conf:held-a"), PlaceId::new("conf:held-b"));
    let (pa, pb) = ("conf-proc-a", "conf-proc-b");
    store.heartbeat(pa, Timestamp(1_000)).await.unwrap();
    store.heartbeat(pb, Timestamp(1_000)).await.unwrap();
    let p = Place::new(1);
    store
        .commit(commit_of(&a, &p, &[post("a1")], 0, Some(pa)))
        .await
        .unwrap();
    let theirs = |v: Vec<(PlaceId, Option<String>)>| -> Vec<(PlaceId, Option<String>)> {
        v.into_iter()
            .filter(|(p, _)| p.as_str().starts_with("conf:held"))
            .collect()
    };
    assert!(
        theirs(store.orphans(pb, Timestamp(900), 100).await.unwrap()).is_empty(),
        "a live holder's places are nobody else's work"
    );
    assert_eq!(
        store.pending_outbox_held_by(pa).await.unwrap().len(),
        1,
        "the holder sees its undelivered post"
    );
    assert!(store.pending_outbox_held_by(pb).await.unwrap().is_empty());
    // A's lease runs out: its place is B's to take, exactly once.
    let orphans = theirs(store.orphans(pb, Timestamp(1_001), 100).await.unwrap());
    assert_eq!(orphans, vec![(a.clone(), Some(pa.to_string()))]);
    assert!(
        theirs(store.orphans(pa, Timestamp(1_001), 100).await.unwrap()).is_empty(),
        "nobody is offered its own places"
    );
    assert!(store.claim(&a, pb, Some(pa)).await.unwrap());
    assert!(
        !store.claim(&a, "conf-proc-c", Some(pa)).await.unwrap(),
        "a second claim on the same dead holder fails"
    );
    assert_eq!(store.pending_outbox_held_by(pb).await.unwrap().len(), 1);
    // Retiring ends a lease at once; a place with no deadline and nothing to deliver is no work.
    store
        .commit(commit_of(&b, &p, &[], 0, Some(pb)))
        .await
        .unwrap();
    store.retire(pb).await.unwrap();
    let orphans = theirs(store.orphans(pa, Timestamp(2), 100).await.unwrap());
    assert_eq!(
        orphans.len(),
        2,
        "a retired holder's places are taken at once"
    );
    let ids: Vec<i64> = store
        .pending_outbox_of(&a)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    store.mark_delivered(&ids).await.unwrap();
    let idle = Commit {
        next_deadline: None,
        ..commit_of(&b, &p, &[], 1, Some(pb))
    };
    store.commit(idle).await.unwrap();
    let orphans = theirs(store.orphans(pa, Timestamp(2), 100).await.unwrap());
    assert_eq!(orphans, vec![(a, Some(pb.to_string()))]);
}

pub async fn a_singleton_has_one_live_holder(store: &dyn Store) {
    let (pa, pb) = ("conf-single-a", "conf-single-b");
    store.heartbeat(pa, Timestamp(100)).await.unwrap();
    store.heartbeat(pb, Timestamp(500)).await.unwrap();
    assert!(store
        .acquire_singleton("conf-matrix", pa, Timestamp(10))
        .await
        .unwrap());
    assert!(
        store
            .acquire_singleton("conf-matrix", pa, Timestamp(20))
            .await
            .unwrap(),
        "renewable"
    );
    assert!(
        !store
            .acquire_singleton("conf-matrix", pb, Timestamp(30))
            .await
            .unwrap(),
        "taken while its holder lives"
    );
    assert!(
        store
            .acquire_singleton("conf-matrix", pb, Timestamp(101))
            .await
            .unwrap(),
        "free once the holder's lease ran out"
    );
    assert!(!store
        .acquire_singleton("conf-matrix", pa, Timestamp(102))
        .await
        .unwrap());
}

/// Polls every future until all are done (concurrent commits through one `&dyn Store`).
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    use std::task::Poll;
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, o) in futures.iter_mut().zip(out.iter_mut()) {
            if o.is_none() {
                match f.as_mut().poll(cx) {
                    Poll::Ready(v) => *o = Some(v),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    out.into_iter()
        .map(|o| o.expect("polled to the end"))
        .collect()
}

pub async fn concurrent_commits_each_land_once(store: &dyn Store) {
    // Many places committed at once (a store may land them in one transaction), a delivery
    // acknowledged meanwhile, and two writers of one place from the same version: each commit
    // lands whole or not at all, exactly one of the two writers wins, posts keep their order.
    let places: Vec<PlaceId> = (0..40)
        .map(|i| PlaceId::new(format!("conf:many-{i:02}")))
        .collect();
    let state = Place::new(9);
    let who = members(&["conf-many-member"]);
    let posts: Vec<[Post; 2]> = (0..40)
        .map(|i| [post(&format!("{i} first")), post(&format!("{i} second"))])
        .collect();
    let old = store
        .commit(commit_of(
            &places[0],
            &state,
            &[post("old")],
            store.version_of(&places[0]).await.unwrap(),
            None,
        ))
        .await
        .unwrap();
    let base = store.version_of(&places[0]).await.unwrap();
    let rival = Place::new(10);
    let rival_posts = [post("rival")];
    let mut commits = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let mut c = commit_of(
            place,
            &state,
            &posts[i],
            if i == 0 { base } else { 0 },
            None,
        );
        c.members = (i % 2 == 0).then_some(&who);
        commits.push(Box::pin(store.commit(c)));
    }
    commits.push(Box::pin(store.commit(commit_of(
        &places[0],
        &rival,
        &rival_posts,
        base,
        None,
    ))));
    let old_ids = [old[0].id];
    let (results, delivered) = tokio::join!(join_all(commits), store.mark_delivered(&old_ids));
    delivered.expect("acknowledged alongside commits");
    let (rival_result, results) = results.split_last().expect("41 results");
    let first_won = results[0].is_ok();
    assert_ne!(
        first_won,
        rival_result.is_ok(),
        "of two writers from one version exactly one lands"
    );
    for (i, r) in results.iter().enumerate().skip(1) {
        let entries = r.as_ref().expect("a fresh place's commit lands");
        assert_eq!(entries.len(), 2);
        assert!(entries[0].id < entries[1].id, "ids grow in the order said");
        assert_eq!(entries[0].post, posts[i][0]);
        let pending = store.pending_outbox_of(&places[i]).await.unwrap();
        assert_eq!(&pending, entries, "what was committed is what is pending");
        assert_eq!(store.version_of(&places[i]).await.unwrap(), 1);
    }
    let mentioning = store
        .places_mentioning(&MemberId::new("conf-many-member"))
        .await
        .unwrap();
    let expected: Vec<PlaceId> = places
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0 && (*i > 0 || first_won))
        .map(|(_, p)| p.clone())
        .collect();
    assert_eq!(
        mentioning, expected,
        "the member index of landed commits only"
    );
    let pending0: Vec<Post> = store
        .pending_outbox_of(&places[0])
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.post)
        .collect();
    let winner = if first_won {
        posts[0].to_vec()
    } else {
        vec![post("rival")]
    };
    assert_eq!(
        pending0, winner,
        "the loser wrote nothing; the old post was delivered"
    );
    assert_eq!(store.version_of(&places[0]).await.unwrap(), base + 1);
    let all: Vec<i64> = results
        .iter()
        .chain(std::iter::once(rival_result))
        .filter_map(|r| r.as_ref().ok())
        .flatten()
        .map(|e| e.id)
        .collect();
    let distinct: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(distinct.len(), all.len(), "every post has its own id");
    store.mark_delivered(&all).await.unwrap();
}

/// Acknowledged posts leave the outbox for every reader of the database, not only for the store
/// that was told: at once for `store`, with its next commit (carried in the same transaction,
/// even one that conflicts) or its `flush` for `other` (a second store on the same database, as
/// a restarted or second process sees it); and they never come back.
pub async fn acknowledgements_land_for_every_reader(store: &dyn Store, other: &dyn Store) {
    let (a, b) = (PlaceId::new("conf:acks-a"), PlaceId::new("conf:acks-b"));
    let ids_of = |entries: Vec<bot_core::store::OutboxEntry>| -> Vec<i64> {
        entries.iter().map(|e| e.id).collect()
    };
    let three = [post("one"), post("two"), post("three")];
    let made = store
        .commit(commit_of(&a, &Place::new(1), &three, 0, None))
        .await
        .unwrap();
    let ids: Vec<i64> = made.iter().map(|e| e.id).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "ids grow in the order said"
    );
    assert_eq!(
        made.iter().map(|e| e.post.clone()).collect::<Vec<_>>(),
        three.to_vec()
    );
    assert_eq!(ids_of(other.pending_outbox_of(&a).await.unwrap()), ids);

    store
        .commit(commit_of(&b, &Place::new(2), &[], 0, None))
        .await
        .unwrap();
    store.mark_delivered(&ids[..1]).await.unwrap();
    assert_eq!(
        ids_of(store.pending_outbox_of(&a).await.unwrap()),
        ids[1..],
        "the store told leaves an acknowledged post out at once"
    );
    // The next commit (of another place, and one that conflicts) carries it.
    let stale = store
        .commit(commit_of(&b, &Place::new(2), &[post("lost")], 0, None))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict)));
    assert_eq!(
        ids_of(other.pending_outbox_of(&a).await.unwrap()),
        ids[1..],
        "carried by the next commit, conflicting or not"
    );
    assert!(other.pending_outbox_of(&b).await.unwrap().is_empty());

    store.mark_delivered(&ids[1..2]).await.unwrap();
    store
        .commit(commit_of(&b, &Place::new(2), &[post("four")], 1, None))
        .await
        .unwrap();
    assert_eq!(
        ids_of(other.pending_outbox_of(&a).await.unwrap()),
        ids[2..],
        "carried by a commit that lands"
    );

    store.mark_delivered(&ids[2..]).await.unwrap();
    store.flush().await.unwrap();
    assert!(
        other.pending_outbox_of(&a).await.unwrap().is_empty(),
        "flushed: gone for every reader"
    );
    assert!(store.pending_outbox_of(&a).await.unwrap().is_empty());
    let four = store.pending_outbox_of(&b).await.unwrap();
    assert_eq!(four.len(), 1, "the landed commit's own post is kept");
    store.mark_delivered(&[four[0].id]).await.unwrap();
    store.flush().await.unwrap();
    assert!(other
        .pending_outbox()
        .await
        .unwrap()
        .iter()
        .all(|e| e.place != a && e.place != b));
}

/// An acknowledgement no commit carries lands by itself within moments (the store's writer
/// does not wait for one forever): `other`, on the same database, stops seeing the post.
pub async fn a_lone_acknowledgement_lands_by_itself(store: &dyn Store, other: &dyn Store) {
    let a = PlaceId::new("conf:lone-ack");
    let made = store
        .commit(commit_of(&a, &Place::new(1), &[post("x")], 0, None))
        .await
        .unwrap();
    store.mark_delivered(&[made[0].id]).await.unwrap();
    // Real time (the landing is real I/O on the store's own task): read until it is gone.
    let gone = async {
        while !other.pending_outbox_of(&a).await.unwrap().is_empty() {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), gone)
        .await
        .expect("an acknowledgement alone lands within moments, not never");
}
