//! Fuzz target `command`: the command text parser on any text, with the `!` prefix (Matrix,
//! console) or `/` (the first byte chooses, and whether the line starts with the prefix). It never
//! panics, a line that starts with the prefix is never ignored, and a refusal quotes what the
//! member typed only as member text, which both renderers make inert.

#![no_main]

use bot_core::domain::{parse, Parsed};
use libfuzzer_sys::fuzz_target;
use sharecircle_fuzz::check::{check_refusal, cron_empty_field};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let prefix = if mode & 1 == 0 { "!" } else { "/" };
    let line = if mode & 2 == 0 {
        format!("{prefix}{text}")
    } else {
        text.into_owned()
    };
    if line.to_lowercase().contains("schedule") && cron_empty_field(&line) {
        return;
    }
    match parse(prefix, &line) {
        Parsed::NotACommand => assert!(
            !line.trim_start().starts_with(prefix),
            "a line with the prefix ignored"
        ),
        Parsed::Command(cmd) => {
            let _ = (format!("{cmd:?}"), cmd.kind(), cmd.spec().words);
        }
        Parsed::Error(e) => check_refusal(&e.message),
    }
});
