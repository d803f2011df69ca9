//! Fuzz target `discord_render`: core messages with arbitrary member text, names and member ids
//! through the Discord renderer. It never panics, every piece fits Discord's limit, only called
//! members are pinged, and nothing a member typed becomes a mention, a link or formatting.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sharecircle_fuzz::check::check_discord;
use sharecircle_fuzz::input::FuzzMessage;

fuzz_target!(|input: FuzzMessage| {
    let (message, _) = input.message();
    check_discord(&message);
});
