-- Whether a place has an open session / a running round, for the operator's gauges.
ALTER TABLE places ADD COLUMN session_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE places ADD COLUMN round_active INTEGER NOT NULL DEFAULT 0;
