-- The live status message of each place with an open session: its platform message id and the
-- session it shows (that session's opened_at), so that a restarted process, or the one that takes
-- a place over, edits the message members already see instead of posting a second one.
CREATE TABLE status_messages (
    place_id   TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL,
    opened_at  INTEGER NOT NULL
);
