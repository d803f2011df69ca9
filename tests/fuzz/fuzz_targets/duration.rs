//! Fuzz target `duration`: the human duration parser (`90s`, `3m`, `1m30s`) on any text. It never
//! panics; what it accepts is between zero and 24 hours and reads back from its compact form; its
//! refusals are safe to show.

#![no_main]

use bot_core::domain::command::MAX_DURATION;
use bot_core::domain::{parse_duration, Millis};
use libfuzzer_sys::fuzz_target;
use sharecircle_fuzz::check::check_error_text;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_duration(&text) {
        Ok(d) => {
            assert!(d >= Millis(0) && d <= MAX_DURATION, "{d:?} out of range");
            let compact = d.compact();
            assert_eq!(
                parse_duration(&compact),
                Ok(Millis(d.0 / 1000 * 1000)),
                "{compact:?} does not read back"
            );
            let _ = d.spoken();
        }
        Err(e) => check_error_text(&e),
    }
});
