-- One row per place: the domain state as JSON, and when it next needs a tick.
CREATE TABLE places (
    place_id      TEXT PRIMARY KEY NOT NULL,
    state         TEXT NOT NULL,
    next_deadline BIGINT,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX places_next_deadline ON places (next_deadline) WHERE next_deadline IS NOT NULL;

-- Which members a place's state mentions, so that forget-me and my-data find them without a scan.
CREATE TABLE place_members (
    place_id  TEXT NOT NULL,
    member_id TEXT NOT NULL,
    PRIMARY KEY (place_id, member_id)
);
CREATE INDEX place_members_member ON place_members (member_id);

-- Posts committed with the state that produced them and removed once delivered.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    place_id   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    post       TEXT NOT NULL
);
CREATE INDEX outbox_place ON outbox (place_id, id);
