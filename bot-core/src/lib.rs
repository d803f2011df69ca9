//! sharecircle's shared core: the pure meeting domain, the engine that runs it over time and
//! persistence, the store, and a plain-text renderer.

pub mod domain;
pub mod engine;
pub mod render;
pub mod store;
