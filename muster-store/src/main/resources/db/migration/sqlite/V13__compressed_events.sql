-- A smaller log again, the same chain (see docs/store-size.md). The hash still covers exactly the text it
-- covered; two of its parts are stored in another form:
--   type_code  the event type's name as a small integer; event_types holds the names (never changed, never
--              removed), and the view events_readable shows the rows with their names
--   payload_z  the payload's JSON for rows written from V13 on: one byte 1 (the dictionary), then the raw
--              deflate (RFC 1951) of its UTF-8 with the preset dictionary
--              muster-store/src/main/resources/org/muster/store/internal/events-1.zdict; payload is NULL
--   payload    the plain JSON, as before, for rows written before V13 (kept as they are: converting them
--              would need deflate in SQL); payload_z is NULL
--   command_id a BLOB: byte FF and the 16 bytes of a UUID written as UUID.toString() does (lower case,
--              8-4-4-4-12); byte FE and the 20 bytes of 'api-' followed by 40 lower-case hex digits; any
--              other id as its UTF-8 text (which never holds FE or FF). Converted here, row by row.
-- SQLite cannot change a column's type, so the table is rebuilt, with its index and both append-only
-- triggers under their old names.
CREATE TABLE event_types (
    code INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
) STRICT;

INSERT INTO event_types (name) SELECT DISTINCT event_type FROM events ORDER BY event_type;

CREATE TABLE events_v13 (
    sequence          INTEGER PRIMARY KEY CHECK (sequence >= 1),
    recorded_at_nanos INTEGER NOT NULL,
    command_id        BLOB    NOT NULL,
    actor             TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    type_code         INTEGER NOT NULL,
    payload           TEXT,
    payload_z         BLOB,
    prev_hash         BLOB    NOT NULL,
    hash              BLOB    NOT NULL,
    CHECK ((payload IS NULL) <> (payload_z IS NULL))
) STRICT;

INSERT INTO events_v13 (sequence, recorded_at_nanos, command_id, actor, reason, type_code, payload, payload_z,
                        prev_hash, hash)
SELECT sequence, recorded_at_nanos,
       CASE WHEN command_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex('ff' || replace(command_id, '-', ''))
            WHEN command_id GLOB 'api-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex('fe' || substr(command_id, 5))
            ELSE CAST(command_id AS BLOB) END,
       actor, reason,
       (SELECT code FROM event_types WHERE event_types.name = events.event_type), payload, NULL, prev_hash, hash
FROM events
ORDER BY sequence;

DROP TABLE events;

ALTER TABLE events_v13 RENAME TO events;

-- Not unique: one command yields several events. Lets the engine answer "is command X in the log".
CREATE INDEX events_command_id ON events (command_id);

-- The log is append-only; the hash chain finds a change, these refuse the accidental one (as V1 and V7).
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM archives WHERE OLD.sequence <= archives.last_sequence)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused (only archived events may be removed)');
END;

-- The rows as a person reads them: the type's name beside its code. The payload of a row written from V13
-- on is compressed (payload_z) and needs zlib to read; see docs/store-size.md.
CREATE VIEW events_readable AS
SELECT events.sequence, events.recorded_at_nanos,
       CASE WHEN substr(events.command_id, 1, 1) = x'ff' AND length(events.command_id) = 17
                 THEN lower(substr(hex(events.command_id), 3, 8) || '-' || substr(hex(events.command_id), 11, 4) || '-'
                            || substr(hex(events.command_id), 15, 4) || '-' || substr(hex(events.command_id), 19, 4) || '-'
                            || substr(hex(events.command_id), 23, 12))
            WHEN substr(events.command_id, 1, 1) = x'fe' AND length(events.command_id) = 21
                 THEN 'api-' || lower(substr(hex(events.command_id), 3))
            ELSE CAST(events.command_id AS TEXT) END AS command_id,
       events.actor, events.reason,
       event_types.name AS event_type, events.payload, events.payload_z, events.prev_hash, events.hash
FROM events LEFT JOIN event_types ON event_types.code = events.type_code;
