//! sharecircle core.
