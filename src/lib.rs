//! The `sharecircle` binary's library half: the console adapter and the built-in demo, kept here so
//! that end-to-end tests drive exactly what the CLI runs.

pub mod bench;
pub mod console;
pub mod demo;
pub mod logging;
pub mod ops;
pub mod voice_world;
