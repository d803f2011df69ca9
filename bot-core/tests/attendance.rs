//! Attendance retention on the domain directly: the daily purge removes exactly the dates older
//! than the setting, and forget-me removes a member's attendance.

use bot_core::domain::command::SettingChange;
use bot_core::domain::{Actor, Command, Input, Member, MemberId, Millis, Place, Role, Timestamp};

fn run(p: &mut Place, now: Timestamp, who: &Actor, c: Command) {
    p.handle(
        now,
        Input::Command {
            actor: who.clone(),
            command: c,
        },
    )
    .expect("accepted");
}

#[test]
fn the_purge_keeps_exactly_the_retention_window() {
    let day = Millis(24 * 3600 * 1000);
    let t0 = Timestamp::parse_rfc3339("2026-03-01T19:00:00Z").unwrap();
    let admin = Actor {
        member: Member::new("a", "Ada"),
        role: Role::Admin,
        platform_roles: Vec::new(),
        locale: Default::default(),
    };
    let ana = Actor {
        member: Member::new("ana", "Ana"),
        role: Role::Member,
        platform_roles: Vec::new(),
        locale: Default::default(),
    };
    let mut p = Place::new(1);
    run(
        &mut p,
        t0,
        &admin,
        Command::Set(SettingChange::Attendance(true)),
    );
    run(
        &mut p,
        t0,
        &admin,
        Command::Set(SettingChange::RetentionDays(3)),
    );
    // Ana checks in on ten consecutive days; time passes through Ticks like the engine does.
    let mut now = t0;
    for d in 0..10 {
        now = Timestamp(t0.0 + d * day.0);
        while let Some(due) = p.next_deadline() {
            if due > now {
                break;
            }
            p.handle(due, Input::Tick).unwrap();
        }
        run(&mut p, now, &admin, Command::Open { name: None });
        run(&mut p, now, &ana, Command::CheckIn { word: None });
        run(&mut p, now, &admin, Command::Close);
    }
    // The next daily purge (on 11 March): today 2026-03-11, 3 days kept -> 8, 9, 10 March.
    let purge_at = p.next_deadline().expect("a purge is due");
    assert!(purge_at > now && purge_at.0 <= now.0 + day.0, "daily");
    p.handle(Timestamp(t0.0 + 10 * day.0), Input::Tick).unwrap();
    let dates: Vec<&str> = p.attendance[&MemberId::new("ana")]
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(dates, ["2026-03-08", "2026-03-09", "2026-03-10"]);

    let out = p.forget_member(now, &MemberId::new("ana"));
    assert!(out.state_changed);
    assert!(
        p.attendance.is_empty() && p.people.is_empty(),
        "forget-me removes attendance and the name"
    );
    assert!(!p.mentions_member(&MemberId::new("ana")));
}
