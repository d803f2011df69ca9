//! Fuzz target `matrix_render`: core messages with arbitrary member text, names and member ids
//! through the Matrix renderer, clock times in any zone. It never panics, `formatted_body` holds
//! only the renderer's own tags and the pills of called members, and `m.mentions` names exactly
//! those members.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sharecircle_fuzz::check::check_matrix;
use sharecircle_fuzz::input::FuzzMessage;

fuzz_target!(|input: FuzzMessage| {
    let (message, now) = input.message();
    check_matrix(&message, now, &input.zone.name());
});
