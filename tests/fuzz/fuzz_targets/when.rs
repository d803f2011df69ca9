//! Fuzz target `when`: the schedule WHEN parser (simple forms and 5-field cron) and the time zone
//! parser, then the next start of what they accept. Input: `WHEN`, a line break, `ZONE`, a line
//! break, seconds after 2023-11-14 (missing parts are empty / zero). Nothing panics, a next start
//! is after the instant asked about, a zone name reads back as itself, and refusals are safe to
//! show, also through `schedule add`.

#![no_main]

use bot_core::domain::calendar::{format_zoned, local_date, next_start, parse_when, parse_zone};
use bot_core::domain::{parse, Lang, Parsed};
use libfuzzer_sys::fuzz_target;
use sharecircle_fuzz::check::{check_error_span, check_refusal, cron_empty_field};
use sharecircle_fuzz::input::at;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let when = parts.next().unwrap_or("");
    let raw_zone = parts.next().unwrap_or("");
    let secs = parts.next().and_then(|s| s.trim().parse::<u32>().ok());
    let after = at(secs.unwrap_or(0));
    let zone = match parse_zone(raw_zone) {
        Ok(name) => {
            assert_eq!(
                parse_zone(&name).as_ref(),
                Ok(&name),
                "zone does not read back"
            );
            name
        }
        Err(e) => {
            check_error_span(&e);
            // Unknown zones fall back to UTC where they are used.
            raw_zone.to_string()
        }
    };
    let _ = (local_date(after, &zone), format_zoned(after, &zone, Lang::En));
    if cron_empty_field(when) || cron_empty_field(raw_zone) {
        return;
    }
    match parse_when(when) {
        Ok(w) => {
            assert_eq!(w.cron.split(' ').count(), 5, "cron {:?}", w.cron);
            if let Some(next) = next_start(&w.cron, &zone, after) {
                assert!(next > after, "next start {next:?} not after {after:?}");
            }
        }
        Err(e) => check_error_span(&e),
    }
    if let Parsed::Error(e) = parse("!", &format!("!schedule add x {when} {raw_zone}")) {
        check_refusal(&e.message);
    }
});
