//! The stored form of a place (`places.state`): a state written by an earlier version loads and
//! writes back byte for byte, and a meeting driven today is stored exactly as it always was.

use bot_core::domain::{parse, Actor, Input, Member, MemberId, Parsed, Place, Role, Timestamp};

const T0: Timestamp = Timestamp(1_772_478_000_000); // 2026-03-02T19:00:00Z

fn actor(name: &str, role: Role) -> Actor {
    Actor {
        member: Member::new(format!("test:{name}"), name),
        role,
        platform_roles: Vec::new(),
    }
}

fn say(p: &mut Place, at_secs: i64, who: &str, role: Role, line: &str) {
    let Parsed::Command(command) = parse("!", line) else {
        panic!("{line} does not parse");
    };
    let actor = actor(who, role);
    let now = Timestamp(T0.0 + at_secs * 1000);
    p.handle(now, Input::Command { actor, command })
        .unwrap_or_else(|e| panic!("{line} refused: {e:?}"));
}

fn tick(p: &mut Place, at_secs: i64) {
    p.handle(Timestamp(T0.0 + at_secs * 1000), Input::Tick)
        .expect("a tick is never refused");
}

/// A place with everything a place can hold: settings changed, a schedule, service roles with
/// volunteers, attendance, an open session with check-ins (a word, a listener), raised hands, and
/// a share round with a pass and a skip whose first turn went out late and moved.
fn meeting() -> Place {
    let (admin, host, member) = (Role::Admin, Role::Host, Role::Member);
    let mut p = Place::new(42);
    say(&mut p, 0, "Ada", admin, "!settings attendance on");
    say(&mut p, 0, "Ada", admin, "!settings grace 15s");
    say(&mut p, 0, "Ada", admin, "!settings warnings 1m");
    say(&mut p, 0, "Ada", admin, "!crisis set Call the warmline.");
    say(&mut p, 0, "Ada", admin, "!settings host-role Stewards");
    say(
        &mut p,
        0,
        "Ada",
        admin,
        "!schedule add tuesday weekly tue 19:00 1h",
    );
    say(&mut p, 0, "Ada", admin, "!roles add chair");
    say(&mut p, 0, "Ben", member, "!roles volunteer chair");
    say(&mut p, 0, "Ana", member, "!roles volunteer chair");
    say(&mut p, 1, "Robin", host, "!open Tuesday circle");
    say(&mut p, 2, "Ana", member, "!checkin hopeful");
    say(&mut p, 3, "Ben", member, "!checkin");
    say(&mut p, 4, "Cleo", member, "!checkin listen");
    say(&mut p, 5, "Dev", member, "!checkin tired");
    say(&mut p, 6, "Eve", member, "!checkin");
    say(&mut p, 7, "Cleo", member, "!hand");
    say(&mut p, 8, "Robin", host, "!round start 2m");
    p.handle(
        Timestamp(T0.0 + 11_500),
        Input::CallGoingOut {
            speaker: MemberId::new("test:Ana"),
        },
    )
    .expect("never refused");
    say(&mut p, 12, "Dev", member, "!pass");
    say(&mut p, 13, "Robin", host, "!skip Eve");
    p
}

#[test]
fn a_place_mid_round_is_stored_as_it_always_was() {
    let p = meeting();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, MID_ROUND, "the stored form of a place changed");
}

#[test]
fn a_place_after_time_is_stored_as_it_always_was() {
    let mut p = meeting();
    // Ana's turn ends at 2:12; "time" names the next speaker, who starts after the grace.
    tick(&mut p, 135);
    say(&mut p, 136, "Fay", Role::Member, "!hand");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, AFTER_TIME, "the stored form of a place changed");
}

#[test]
fn a_paused_place_is_stored_as_it_always_was() {
    let mut p = meeting();
    say(&mut p, 30, "Robin", Role::Host, "!pause");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, PAUSED, "the stored form of a place changed");
}

#[test]
fn stored_places_load_and_write_back_unchanged() {
    for stored in [MID_ROUND, AFTER_TIME, PAUSED] {
        let p: Place = serde_json::from_str(stored).expect("a stored place loads");
        assert_eq!(serde_json::to_string(&p).unwrap(), stored);
    }
}

/// Written by the version before the domain was split into parts.
const MID_ROUND: &str = r#"{"settings":{"share_time":180000,"warnings":[60000],"grace":15000,"auto_advance":true,"fairness":true,"crosstalk":"none","host_role":"Stewards","crisis_text":"Call the warmline.","idle_close":10800000,"timezone":"UTC","attendance":true,"retention_days":30,"schedule_grace":600000},"session":{"name":"Tuesday circle","opened_at":1772478001000,"last_activity":1772478013000,"members":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve","test:Robin":"Robin"},"checkins":[{"member":"test:Ana","word":"hopeful","listening":false,"at":1772478002000},{"member":"test:Ben","word":null,"listening":false,"at":1772478003000},{"member":"test:Cleo","word":null,"listening":true,"at":1772478004000},{"member":"test:Dev","word":"tired","listening":false,"at":1772478005000},{"member":"test:Eve","word":null,"listening":false,"at":1772478006000}],"queue":[{"member":"test:Cleo","raised_at":1772478007000}],"queue_closed":false,"shared":[],"round":{"order":"checkin","share_time":120000,"lineup":["test:Ana","test:Ben","test:Dev","test:Eve"],"position":1,"turn":{"speaker":"test:Ana","started_at":1772478012000,"phase":{"phase":"speaking","ends_at":1772478132000},"warnings_left":[60000],"moved":4000},"passes":["test:Dev"],"skips":["test:Eve"],"shared":0},"schedule":null,"servants":{"chair":"test:Ben"}},"rounds_started":1,"seed":42,"schedules":{"tuesday":{"name":"tuesday","when":{"text":"weekly tue 19:00","cron":"0 19 * * 2"},"zone":"UTC","duration":3600000,"remind_before":900000,"next":{"start":1772564400000,"reminded":false,"open_done":false,"opened":false,"warned":false,"closed":false}}},"service_roles":{"chair":{"name":"chair","volunteers":["test:Ana","test:Ben"],"next":0,"next_override":null}},"people":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve"},"attendance":{"test:Ana":["2026-03-02"],"test:Ben":["2026-03-02"],"test:Cleo":["2026-03-02"],"test:Dev":["2026-03-02"],"test:Eve":["2026-03-02"]},"last_purge":1772478002000}"#;
const AFTER_TIME: &str = r#"{"settings":{"share_time":180000,"warnings":[60000],"grace":15000,"auto_advance":true,"fairness":true,"crosstalk":"none","host_role":"Stewards","crisis_text":"Call the warmline.","idle_close":10800000,"timezone":"UTC","attendance":true,"retention_days":30,"schedule_grace":600000},"session":{"name":"Tuesday circle","opened_at":1772478001000,"last_activity":1772478136000,"members":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve","test:Fay":"Fay","test:Robin":"Robin"},"checkins":[{"member":"test:Ana","word":"hopeful","listening":false,"at":1772478002000},{"member":"test:Ben","word":null,"listening":false,"at":1772478003000},{"member":"test:Cleo","word":null,"listening":true,"at":1772478004000},{"member":"test:Dev","word":"tired","listening":false,"at":1772478005000},{"member":"test:Eve","word":null,"listening":false,"at":1772478006000}],"queue":[{"member":"test:Cleo","raised_at":1772478007000},{"member":"test:Fay","raised_at":1772478136000}],"queue_closed":false,"shared":["test:Ana"],"round":{"order":"checkin","share_time":120000,"lineup":["test:Ana","test:Ben","test:Dev","test:Eve"],"position":1,"turn":{"speaker":"test:Ana","started_at":1772478012000,"phase":{"phase":"time_up","advance_at":1772478147000,"announced":{"next":"test:Ben","passed":[],"starts_at":1772478147000}},"warnings_left":[],"moved":4000},"passes":["test:Dev"],"skips":["test:Eve"],"shared":1},"schedule":null,"servants":{"chair":"test:Ben"}},"rounds_started":1,"seed":42,"schedules":{"tuesday":{"name":"tuesday","when":{"text":"weekly tue 19:00","cron":"0 19 * * 2"},"zone":"UTC","duration":3600000,"remind_before":900000,"next":{"start":1772564400000,"reminded":false,"open_done":false,"opened":false,"warned":false,"closed":false}}},"service_roles":{"chair":{"name":"chair","volunteers":["test:Ana","test:Ben"],"next":0,"next_override":null}},"people":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve"},"attendance":{"test:Ana":["2026-03-02"],"test:Ben":["2026-03-02"],"test:Cleo":["2026-03-02"],"test:Dev":["2026-03-02"],"test:Eve":["2026-03-02"]},"last_purge":1772478002000}"#;
const PAUSED: &str = r#"{"settings":{"share_time":180000,"warnings":[60000],"grace":15000,"auto_advance":true,"fairness":true,"crosstalk":"none","host_role":"Stewards","crisis_text":"Call the warmline.","idle_close":10800000,"timezone":"UTC","attendance":true,"retention_days":30,"schedule_grace":600000},"session":{"name":"Tuesday circle","opened_at":1772478001000,"last_activity":1772478030000,"members":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve","test:Robin":"Robin"},"checkins":[{"member":"test:Ana","word":"hopeful","listening":false,"at":1772478002000},{"member":"test:Ben","word":null,"listening":false,"at":1772478003000},{"member":"test:Cleo","word":null,"listening":true,"at":1772478004000},{"member":"test:Dev","word":"tired","listening":false,"at":1772478005000},{"member":"test:Eve","word":null,"listening":false,"at":1772478006000}],"queue":[{"member":"test:Cleo","raised_at":1772478007000}],"queue_closed":false,"shared":[],"round":{"order":"checkin","share_time":120000,"lineup":["test:Ana","test:Ben","test:Dev","test:Eve"],"position":1,"turn":{"speaker":"test:Ana","started_at":1772478012000,"phase":{"phase":"paused","remaining":102000},"warnings_left":[60000],"moved":4000},"passes":["test:Dev"],"skips":["test:Eve"],"shared":0},"schedule":null,"servants":{"chair":"test:Ben"}},"rounds_started":1,"seed":42,"schedules":{"tuesday":{"name":"tuesday","when":{"text":"weekly tue 19:00","cron":"0 19 * * 2"},"zone":"UTC","duration":3600000,"remind_before":900000,"next":{"start":1772564400000,"reminded":false,"open_done":false,"opened":false,"warned":false,"closed":false}}},"service_roles":{"chair":{"name":"chair","volunteers":["test:Ana","test:Ben"],"next":0,"next_override":null}},"people":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve"},"attendance":{"test:Ana":["2026-03-02"],"test:Ben":["2026-03-02"],"test:Cleo":["2026-03-02"],"test:Dev":["2026-03-02"],"test:Eve":["2026-03-02"]},"last_purge":1772478002000}"#;
