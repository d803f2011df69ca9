//! How much memory the engine holds for each active meeting, counted by the allocator itself so
//! the figure is the same on every run and machine (P4 in `sharecircle bench` reads the
//! process's resident memory, which moves with the machine's allocator and page accounting).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;

use bot_core::domain::{Actor, Command, Member, PlaceId, Role, Timestamp};
use bot_core::engine::{Engine, ManualClock};
use bot_core::store::{SqliteStore, Store};

/// Counts the bytes the allocator hands out as it lays them out (glibc's malloc: an 8-byte
/// header, 16-byte steps, 32 bytes at least), so the count follows resident memory.
struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

fn chunk(size: usize) -> isize {
    ((size + 8).div_ceil(16) * 16).max(32) as isize
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(chunk(layout.size()), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(chunk(layout.size()), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(chunk(new_size) - chunk(layout.size()), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// A Discord-like member: an 18-digit snowflake.
fn actor(i: u64, role: Role) -> Actor {
    Actor {
        member: Member::new(
            format!("discord:{}", 912_345_678_901_234_000 + i),
            &format!("Member {i}"),
        ),
        role,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

async fn active_meeting(engine: &Engine, place: &PlaceId) {
    let run = |who: Actor, c: Command| async move {
        let ex = engine.execute(place, who, c).await.unwrap();
        assert!(ex.rejected.is_none());
        engine.acknowledge(&ex.deliveries).await.unwrap();
    };
    run(actor(0, Role::Host), Command::Open { name: None }).await;
    for m in 1..=10 {
        run(actor(m, Role::Member), Command::CheckIn { word: None }).await;
    }
    run(
        actor(0, Role::Host),
        Command::RoundStart {
            share_time: None,
            order: None,
        },
    )
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_active_meeting_of_ten_holds_at_most_three_kib_in_the_engine() {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open("sqlite::memory:", 1).await.unwrap());
    let engine = Engine::new(
        store,
        Arc::new(ManualClock::new(Timestamp(1_772_478_000_000))),
        "!",
    );
    let place = |p: u64| {
        PlaceId::new(format!(
            "discord:1123456789012345678:{}",
            1_234_567_890_123_456_789 + p
        ))
    };
    // Warm up: the engine's maps and the store's statements exist before counting.
    for p in 0..200 {
        active_meeting(&engine, &place(p)).await;
    }
    const MEETINGS: u64 = 1000;
    let before = HELD.load(Ordering::Relaxed);
    for p in 200..200 + MEETINGS {
        active_meeting(&engine, &place(p)).await;
    }
    let per = (HELD.load(Ordering::Relaxed) - before) as f64 / MEETINGS as f64;
    println!(
        "held per active meeting: {:.0} bytes ({:.2} KiB)",
        per,
        per / 1024.0
    );
    // 5.6 KiB before member and place ids were shared and names boxed (session 11), 3.6 KiB
    // before short names were held inline, default settings shared and ids counted without a
    // weak count (session 13); the target is 3 KiB (issue 20, see BENCHMARKS.md).
    assert!(per <= 3.0 * 1024.0, "{per:.0} bytes per active meeting");
}
