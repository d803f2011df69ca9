//! The stored form of a place (`places.state`): a state written by an earlier version loads and
//! writes back byte for byte, and a meeting driven today is stored exactly as it always was.

mod common;

use bot_core::domain::{parse, Actor, Input, MemberId, Parsed, Place, Settings, Timestamp};
use common::{admin, host, member};

const T0: Timestamp = Timestamp(1_772_478_000_000); // 2026-03-02T19:00:00Z

fn say(p: &mut Place, at_secs: i64, actor: Actor, line: &str) {
    let Parsed::Command(command) = parse("!", line) else {
        panic!("{line} does not parse");
    };
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
    let mut p = Place::new(42);
    say(&mut p, 0, admin("Ada"), "!settings attendance on");
    say(&mut p, 0, admin("Ada"), "!settings grace 15s");
    say(&mut p, 0, admin("Ada"), "!settings warnings 1m");
    say(&mut p, 0, admin("Ada"), "!crisis set Call the warmline.");
    say(&mut p, 0, admin("Ada"), "!settings host-role Stewards");
    say(
        &mut p,
        0,
        admin("Ada"),
        "!schedule add tuesday weekly tue 19:00 1h",
    );
    say(&mut p, 0, admin("Ada"), "!roles add chair");
    say(&mut p, 0, member("Ben"), "!roles volunteer chair");
    say(&mut p, 0, member("Ana"), "!roles volunteer chair");
    say(&mut p, 1, host("Robin"), "!open Tuesday circle");
    say(&mut p, 2, member("Ana"), "!checkin hopeful");
    say(&mut p, 3, member("Ben"), "!checkin");
    say(&mut p, 4, member("Cleo"), "!checkin listen");
    say(&mut p, 5, member("Dev"), "!checkin tired");
    say(&mut p, 6, member("Eve"), "!checkin");
    say(&mut p, 7, member("Cleo"), "!hand");
    say(&mut p, 8, host("Robin"), "!round start 2m");
    p.handle(
        Timestamp(T0.0 + 11_500),
        Input::CallGoingOut {
            speaker: MemberId::new("test:Ana"),
        },
    )
    .expect("never refused");
    say(&mut p, 12, member("Dev"), "!pass");
    say(&mut p, 13, host("Robin"), "!skip Eve");
    p
}

#[test]
fn a_place_mid_round_is_stored_as_it_always_was() {
    let p = meeting();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        driven_today(MID_ROUND),
        "the stored form of a place changed"
    );
}

#[test]
fn a_place_after_time_is_stored_as_it_always_was() {
    let mut p = meeting();
    // Ana's turn ends at 2:12; "time" names the next speaker, who starts after the grace.
    tick(&mut p, 135);
    say(&mut p, 136, member("Fay"), "!hand");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        driven_today(AFTER_TIME),
        "the stored form of a place changed"
    );
}

#[test]
fn a_paused_place_is_stored_as_it_always_was() {
    let mut p = meeting();
    say(&mut p, 30, host("Robin"), "!pause");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        driven_today(PAUSED),
        "the stored form of a place changed"
    );
}

/// A place driven today stores what the states above hold and, since the newcomer welcome, the
/// date of each member's last check-in (an addition: the states above still load and write
/// back unchanged).
fn driven_today(stored: &str) -> String {
    let welcomed = r#","welcomed":{"test:Ana":20514,"test:Ben":20514,"test:Cleo":20514,"test:Dev":20514,"test:Eve":20514}}"#;
    format!(
        "{}{welcomed}",
        stored.strip_suffix('}').expect("a JSON object")
    )
}

#[test]
fn stored_places_load_and_write_back_unchanged() {
    for stored in [MID_ROUND, AFTER_TIME, PAUSED] {
        let p: Place = serde_json::from_str(stored).expect("a stored place loads");
        assert_eq!(serde_json::to_string(&p).unwrap(), stored);
    }
}

/// A place that never changed a setting (most) stores its settings as `{}`, 330 bytes less to
/// write at every commit; a row an earlier version wrote with every default spelled out loads
/// as the same place and is written back in the short form. Earlier versions read `{}` too:
/// every field of the settings has its default.
#[test]
fn default_settings_are_stored_as_nothing_and_load_either_way() {
    let mut p = Place::new(7);
    say(&mut p, 1, host("Robin"), "!open");
    say(&mut p, 2, member("Ana"), "!checkin");
    let short = serde_json::to_string(&p).unwrap();
    assert!(
        short.starts_with(r#"{"settings":{},"session":{"#),
        "{short}"
    );
    let defaults = serde_json::to_string(&Settings::default()).unwrap();
    let spelled = short.replacen(r#""settings":{}"#, &format!(r#""settings":{defaults}"#), 1);
    for stored in [&short, &spelled] {
        let back: Place = serde_json::from_str(stored).expect("a stored place loads");
        assert_eq!(back.settings.as_ref(), &Settings::default());
        assert_eq!(serde_json::to_string(&back).unwrap(), short);
    }
    // A setting set back to its default is a default again.
    say(&mut p, 3, admin("Ada"), "!settings grace 15s");
    assert!(!serde_json::to_string(&p)
        .unwrap()
        .contains(r#""settings":{}"#));
    say(&mut p, 4, admin("Ada"), "!settings grace 10s");
    assert!(serde_json::to_string(&p)
        .unwrap()
        .starts_with(r#"{"settings":{},"#));
}

/// Written by the version before the domain was split into parts.
const MID_ROUND: &str = r#"{"settings":{"share_time":180000,"warnings":[60000],"grace":15000,"auto_advance":true,"fairness":true,"crosstalk":"none","host_role":"Stewards","crisis_text":"Call the warmline.","idle_close":10800000,"timezone":"UTC","attendance":true,"retention_days":30,"schedule_grace":600000},"session":{"name":"Tuesday circle","opened_at":1772478001000,"last_activity":1772478013000,"members":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve","test:Robin":"Robin"},"checkins":[{"member":"test:Ana","word":"hopeful","listening":false,"at":1772478002000},{"member":"test:Ben","word":null,"listening":false,"at":1772478003000},{"member":"test:Cleo","word":null,"listening":true,"at":1772478004000},{"member":"test:Dev","word":"tired","listening":false,"at":1772478005000},{"member":"test:Eve","word":null,"listening":false,"at":1772478006000}],"queue":[{"member":"test:Cleo","raised_at":1772478007000}],"queue_closed":false,"shared":[],"round":{"order":"checkin","share_time":120000,"lineup":["test:Ana","test:Ben","test:Dev","test:Eve"],"position":1,"turn":{"speaker":"test:Ana","started_at":1772478012000,"phase":{"phase":"speaking","ends_at":1772478132000},"warnings_left":[60000],"moved":4000},"passes":["test:Dev"],"skips":["test:Eve"],"shared":0},"schedule":null,"servants":{"chair":"test:Ben"}},"rounds_started":1,"seed":42,"schedules":{"tuesday":{"name":"tuesday","when":{"text":"weekly tue 19:00","cron":"0 19 * * 2"},"zone":"UTC","duration":3600000,"remind_before":900000,"next":{"start":1772564400000,"reminded":false,"open_done":false,"opened":false,"warned":false,"closed":false}}},"service_roles":{"chair":{"name":"chair","volunteers":["test:Ana","test:Ben"],"next":0,"next_override":null}},"people":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve"},"attendance":{"test:Ana":["2026-03-02"],"test:Ben":["2026-03-02"],"test:Cleo":["2026-03-02"],"test:Dev":["2026-03-02"],"test:Eve":["2026-03-02"]},"last_purge":1772478002000}"#;
const AFTER_TIME: &str = r#"{"settings":{"share_time":180000,"warnings":[60000],"grace":15000,"auto_advance":true,"fairness":true,"crosstalk":"none","host_role":"Stewards","crisis_text":"Call the warmline.","idle_close":10800000,"timezone":"UTC","attendance":true,"retention_days":30,"schedule_grace":600000},"session":{"name":"Tuesday circle","opened_at":1772478001000,"last_activity":1772478136000,"members":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve","test:Fay":"Fay","test:Robin":"Robin"},"checkins":[{"member":"test:Ana","word":"hopeful","listening":false,"at":1772478002000},{"member":"test:Ben","word":null,"listening":false,"at":1772478003000},{"member":"test:Cleo","word":null,"listening":true,"at":1772478004000},{"member":"test:Dev","word":"tired","listening":false,"at":1772478005000},{"member":"test:Eve","word":null,"listening":false,"at":1772478006000}],"queue":[{"member":"test:Cleo","raised_at":1772478007000},{"member":"test:Fay","raised_at":1772478136000}],"queue_closed":false,"shared":["test:Ana"],"round":{"order":"checkin","share_time":120000,"lineup":["test:Ana","test:Ben","test:Dev","test:Eve"],"position":1,"turn":{"speaker":"test:Ana","started_at":1772478012000,"phase":{"phase":"time_up","advance_at":1772478147000,"announced":{"next":"test:Ben","passed":[],"starts_at":1772478147000}},"warnings_left":[],"moved":4000},"passes":["test:Dev"],"skips":["test:Eve"],"shared":1},"schedule":null,"servants":{"chair":"test:Ben"}},"rounds_started":1,"seed":42,"schedules":{"tuesday":{"name":"tuesday","when":{"text":"weekly tue 19:00","cron":"0 19 * * 2"},"zone":"UTC","duration":3600000,"remind_before":900000,"next":{"start":1772564400000,"reminded":false,"open_done":false,"opened":false,"warned":false,"closed":false}}},"service_roles":{"chair":{"name":"chair","volunteers":["test:Ana","test:Ben"],"next":0,"next_override":null}},"people":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve"},"attendance":{"test:Ana":["2026-03-02"],"test:Ben":["2026-03-02"],"test:Cleo":["2026-03-02"],"test:Dev":["2026-03-02"],"test:Eve":["2026-03-02"]},"last_purge":1772478002000}"#;
const PAUSED: &str = r#"{"settings":{"share_time":180000,"warnings":[60000],"grace":15000,"auto_advance":true,"fairness":true,"crosstalk":"none","host_role":"Stewards","crisis_text":"Call the warmline.","idle_close":10800000,"timezone":"UTC","attendance":true,"retention_days":30,"schedule_grace":600000},"session":{"name":"Tuesday circle","opened_at":1772478001000,"last_activity":1772478030000,"members":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve","test:Robin":"Robin"},"checkins":[{"member":"test:Ana","word":"hopeful","listening":false,"at":1772478002000},{"member":"test:Ben","word":null,"listening":false,"at":1772478003000},{"member":"test:Cleo","word":null,"listening":true,"at":1772478004000},{"member":"test:Dev","word":"tired","listening":false,"at":1772478005000},{"member":"test:Eve","word":null,"listening":false,"at":1772478006000}],"queue":[{"member":"test:Cleo","raised_at":1772478007000}],"queue_closed":false,"shared":[],"round":{"order":"checkin","share_time":120000,"lineup":["test:Ana","test:Ben","test:Dev","test:Eve"],"position":1,"turn":{"speaker":"test:Ana","started_at":1772478012000,"phase":{"phase":"paused","remaining":102000},"warnings_left":[60000],"moved":4000},"passes":["test:Dev"],"skips":["test:Eve"],"shared":0},"schedule":null,"servants":{"chair":"test:Ben"}},"rounds_started":1,"seed":42,"schedules":{"tuesday":{"name":"tuesday","when":{"text":"weekly tue 19:00","cron":"0 19 * * 2"},"zone":"UTC","duration":3600000,"remind_before":900000,"next":{"start":1772564400000,"reminded":false,"open_done":false,"opened":false,"warned":false,"closed":false}}},"service_roles":{"chair":{"name":"chair","volunteers":["test:Ana","test:Ben"],"next":0,"next_override":null}},"people":{"test:Ana":"Ana","test:Ben":"Ben","test:Cleo":"Cleo","test:Dev":"Dev","test:Eve":"Eve"},"attendance":{"test:Ana":["2026-03-02"],"test:Ben":["2026-03-02"],"test:Cleo":["2026-03-02"],"test:Dev":["2026-03-02"],"test:Eve":["2026-03-02"]},"last_purge":1772478002000}"#;
