//! Matrix adapter: translates Matrix room events to core commands and core effects to Matrix events (filled by its own issue).
