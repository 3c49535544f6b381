-- The append-only, hash-chained event log and its snapshots (SQLite).
-- recorded_at is the exact ISO-8601 text the hash covers (Instant.toString()), not a native timestamp.

CREATE TABLE events (
    sequence    INTEGER PRIMARY KEY CHECK (sequence >= 1),
    recorded_at TEXT    NOT NULL,
    command_id  TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
) STRICT;

-- Not unique: one command yields several events. Lets the engine answer "is command X in the log".
CREATE INDEX events_command_id ON events (command_id);

CREATE TABLE snapshots (
    sequence  INTEGER PRIMARY KEY CHECK (sequence >= 0),
    last_hash TEXT    NOT NULL,
    payload   TEXT    NOT NULL
) STRICT;

-- The log is append-only; the hash chain finds a change, these refuse the accidental one.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;
