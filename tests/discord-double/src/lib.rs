//! A wire-level Discord double for tests (HTTP API v10 + gateway), so unmodified serenity connects to it.
