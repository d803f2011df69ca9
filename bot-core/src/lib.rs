//! sharecircle's shared core: the pure meeting domain, the engine that runs it over time and
//! persistence, the store, a plain-text renderer, the live status message's words, and the
//! metrics adapters report.

pub mod domain;
pub mod engine;
pub mod i18n;
pub mod render;
pub mod status;
pub mod store;
pub mod telemetry;
