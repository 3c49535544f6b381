-- A smaller log, the same chain (see docs/benchmarks-size.md). The hash still covers exactly the text it
-- covered before: recorded_at is that text, Instant.toString() of recorded_at_nanos, and the hashes are the
-- lower-case hex of the 32 stored bytes. Stored instead as:
--   recorded_at_nanos  the instant in nanoseconds since the epoch (what an Instant holds, no rounding)
--   prev_hash, hash    the 32 bytes of the SHA-256 (empty for the first event's prev_hash)
-- A row written by an older Muster converts exactly when it holds what Muster wrote. A row edited by hand
-- stays evident: a hash that is not lower-case hex is kept as its text's bytes (it matches nothing), and
-- a recorded_at that is not an instant as Muster writes it stops the migration rather than be guessed.
-- SQLite cannot change a column's type, so the table is rebuilt, with the index and both append-only
-- triggers under their old names.
CREATE TABLE events_v6 (
    sequence          INTEGER PRIMARY KEY CHECK (sequence >= 1),
    recorded_at_nanos INTEGER NOT NULL,
    command_id        TEXT    NOT NULL,
    actor             TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    event_type        TEXT    NOT NULL,
    payload           TEXT    NOT NULL,
    prev_hash         BLOB    NOT NULL,
    hash              BLOB    NOT NULL
) STRICT;

INSERT INTO events_v6 (sequence, recorded_at_nanos, command_id, actor, reason, event_type, payload, prev_hash, hash)
SELECT sequence,
       CASE WHEN recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'
                 OR recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
                 OR recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'
                 OR recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z'
            THEN CAST(strftime('%s', substr(recorded_at, 1, 19)) AS INTEGER) * 1000000000
                 + CASE WHEN length(recorded_at) = 20 THEN 0
                        ELSE CAST(substr(substr(recorded_at, 21, length(recorded_at) - 21) || '000000000', 1, 9) AS INTEGER)
                   END
       END,
       command_id, actor, reason, event_type, payload,
       CASE WHEN length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(prev_hash)
            ELSE CAST(prev_hash AS BLOB) END,
       CASE WHEN length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*' THEN unhex(hash)
            ELSE CAST(hash AS BLOB) END
FROM events
ORDER BY sequence;

DROP TABLE events;

ALTER TABLE events_v6 RENAME TO events;

-- Not unique: one command yields several events. Lets the engine answer "is command X in the log".
CREATE INDEX events_command_id ON events (command_id);

-- The log is append-only; the hash chain finds a change, these refuse the accidental one.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;

-- Closed incidents are stored compressed: payload_z is the zlib (RFC 1950) deflate of the JSON text that
-- payload held, with the preset dictionary org/muster/store/internal/closed-incidents-1.zdict. Rows saved by an older Muster keep their plain payload and are read as they are; new rows
-- leave it empty. STRICT and the relaxed NOT NULL need a rebuild here too.
CREATE TABLE closed_incidents_v6 (
    id           TEXT    PRIMARY KEY,
    organisation TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    finished_ms  INTEGER NOT NULL,
    payload      TEXT,
    payload_z    BLOB,
    CHECK (payload IS NOT NULL OR payload_z IS NOT NULL)
) STRICT;

INSERT INTO closed_incidents_v6 (id, organisation, status, finished_ms, payload)
    SELECT id, organisation, status, finished_ms, payload FROM closed_incidents;

DROP TABLE closed_incidents;

ALTER TABLE closed_incidents_v6 RENAME TO closed_incidents;

-- Listing an organisation's incidents finished in a window, newest first.
CREATE INDEX closed_incidents_by_organisation ON closed_incidents (organisation, finished_ms);
