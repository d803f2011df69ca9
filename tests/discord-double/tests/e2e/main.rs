//! End-to-end tests: an unmodified serenity 0.12 client against the Discord double.
//! One test binary (linking serenity once) with a module per concern.

mod commands;
mod common;
mod connect;
mod deferred;
mod files;
mod interactions;
mod lost_answers;
mod messages;
mod nonce;
mod protocol;
mod rate_limit;
mod raw_ws;
mod reconnect;
mod rest_reads;
mod sharding;
mod voice;
