//! End-to-end tests of the Matrix adapter against a real Synapse (installed by the harness on
//! first use). One test binary, so one shared homeserver for every test that does not stop it.
//! Time inside meetings is virtual (the engine's manual clock): nothing sleeps for share times.

mod common;
mod encrypted;
mod formats;
mod injection;
mod languages;
mod login;
mod meeting;
mod permissions;
mod restarts;
