-- Several processes on one database. `version` grows by one with every commit of a place, and a
-- commit lands only on the version it was computed from (optimistic concurrency). `holder` is the
-- process that committed it last: the one that keeps its timers and delivers its posts.
ALTER TABLE places ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE places ADD COLUMN holder TEXT;

-- Processes alive, each by a lease it renews; a place whose holder's lease ran out is taken over.
CREATE TABLE processes (
    id          TEXT PRIMARY KEY NOT NULL,
    alive_until INTEGER NOT NULL
);

-- What only one process may do at a time (the Matrix session), held while its holder is alive.
CREATE TABLE singletons (
    name   TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL
);
