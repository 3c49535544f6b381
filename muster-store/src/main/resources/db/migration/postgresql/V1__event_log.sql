-- The append-only, hash-chained event log and its snapshots (PostgreSQL).
-- recorded_at is the exact ISO-8601 text the hash covers (Instant.toString()): timestamptz would drop
-- nanoseconds and change the text. payload is json, not jsonb: json keeps the exact text that was hashed.

CREATE TABLE events (
    sequence    BIGINT PRIMARY KEY CHECK (sequence >= 1),
    recorded_at TEXT   NOT NULL,
    command_id  TEXT   NOT NULL,
    actor       TEXT   NOT NULL,
    reason      TEXT   NOT NULL,
    event_type  TEXT   NOT NULL,
    payload     JSON   NOT NULL,
    prev_hash   TEXT   NOT NULL,
    hash        TEXT   NOT NULL
);

-- Not unique: one command yields several events. Lets the engine answer "is command X in the log".
CREATE INDEX events_command_id ON events (command_id);

CREATE TABLE snapshots (
    sequence  BIGINT PRIMARY KEY CHECK (sequence >= 0),
    last_hash TEXT   NOT NULL,
    payload   JSON   NOT NULL
);

-- The log is append-only; the hash chain finds a change, these refuse the accidental one.
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_refuse_change();

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();
