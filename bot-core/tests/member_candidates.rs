//! The members a command's member argument offers (Discord's autocomplete), on the domain
//! directly: a round list follows the order in which the round will really call people.

use bot_core::domain::command::RoundOrder;
use bot_core::domain::{
    Actor, Command, Input, Member, MemberList, MemberRef, Place, Role, Timestamp,
};

const T0: Timestamp = Timestamp(1_772_478_000_000); // 2026-03-02T19:00:00Z

fn actor(name: &str, role: Role) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role,
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

fn run(p: &mut Place, who: &str, role: Role, command: Command) {
    let actor = actor(who, role);
    p.handle(T0, Input::Command { actor, command })
        .expect("accepted");
}

fn names(p: &Place, list: MemberList, typed: &str) -> Vec<String> {
    let found = p.member_candidates(list, typed);
    found.iter().map(|m| m.name.as_str().to_string()).collect()
}

/// In a queue round, a member who was skipped and raised their hand again stands ahead of
/// others in the queue (fairness), but the round will not call them: the round list offers
/// the members it will call first, in the order it will call them.
#[test]
fn a_queue_round_offers_who_it_will_call_before_a_skipped_hand() {
    let mut p = Place::new(1);
    let (host, member) = (Role::Host, Role::Member);
    run(&mut p, "Robin", host, Command::Open { name: None });
    for n in ["Ana", "Ben", "Cleo"] {
        run(&mut p, n, member, Command::CheckIn { word: None });
    }
    // Cleo shares before the round (called from the queue), so fairness puts her behind Ben.
    run(&mut p, "Cleo", member, Command::Hand);
    run(&mut p, "Robin", host, Command::Next);
    run(&mut p, "Ana", member, Command::Hand);
    run(&mut p, "Ben", member, Command::Hand);
    let order = Some(RoundOrder::Queue);
    let start = Command::RoundStart {
        share_time: None,
        order,
    };
    run(&mut p, "Robin", host, start);
    let skip_ben = Command::Skip {
        member: Some(MemberRef("Ben".into())),
    };
    run(&mut p, "Robin", host, skip_ben);
    run(&mut p, "Cleo", member, Command::Hand);
    run(&mut p, "Ben", member, Command::Hand);

    // Ana speaks; Cleo is next; Ben's hand is up again (first in the queue) but he is skipped.
    assert_eq!(
        names(&p, MemberList::Round, ""),
        ["Ana", "Cleo", "Ben", "Robin"]
    );
    assert_eq!(names(&p, MemberList::Queue, ""), ["Ben", "Cleo"]);
    assert_eq!(names(&p, MemberList::Round, " cL "), ["Cleo"]);

    // The round agrees: Cleo is called after Ana.
    run(&mut p, "Robin", host, Command::Next);
    assert_eq!(names(&p, MemberList::Round, "")[0], "Cleo");
}
