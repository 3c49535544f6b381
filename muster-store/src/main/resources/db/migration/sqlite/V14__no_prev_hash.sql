-- A smaller log again, the same chain. Two changes, each measured on the growth bench (docs/store-size.md):
--   prev_hash  dropped (below)
--   actor      stored as actor_code, a small integer; the names are in actors
-- A row's prev_hash is the previous row's hash: stored in every row, it repeated 32 bytes the table already
-- holds (see docs/store-size.md). The chain and every hash stay exactly as they were; the previous hash is
-- kept only where no row in the store implies it: for the first live event after an archive, in
-- archives.last_hash (V7), and for event 1 it is "". The table is rebuilt, as V13 did, with its index and both
-- append-only triggers under their old names: DROP COLUMN would rewrite each row in place and leave every
-- page a seventh empty, never filled again (new rows go at the end); a copy packs the pages, and the old
-- table's go to the file's free list, which new rows fill first.
DROP VIEW events_readable;

-- The actor as a small integer (as V13 did for the event type): a few names per node, repeated in every row.
-- actors holds the names (never changed, never removed); the view shows them.
CREATE TABLE actors (
    code INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
) STRICT;

INSERT INTO actors (name) SELECT DISTINCT actor FROM events ORDER BY actor;

-- A previous hash that no row implies: one changed by hand before this upgrade, kept here so that the audit
-- still names it (it would otherwise go with the column). Empty in a store nobody edited; nothing writes
-- here after the upgrade.
CREATE TABLE event_links (
    sequence  INTEGER PRIMARY KEY,
    prev_hash BLOB    NOT NULL
) STRICT;

INSERT INTO event_links (sequence, prev_hash)
SELECT sequence, prev_hash
FROM (SELECT sequence, prev_hash,
             CASE WHEN lag(hash) OVER (ORDER BY sequence) IS NULL  -- hex(NULL) is '', not NULL
                       THEN COALESCE((SELECT last_hash FROM archives ORDER BY last_sequence DESC LIMIT 1), '')
                  ELSE lower(hex(lag(hash) OVER (ORDER BY sequence))) END AS implied
      FROM events)
WHERE lower(hex(prev_hash)) IS NOT implied;

CREATE TABLE events_v14 (
    sequence          INTEGER PRIMARY KEY CHECK (sequence >= 1),
    recorded_at_nanos INTEGER NOT NULL,
    command_id        BLOB    NOT NULL,
    actor_code        INTEGER NOT NULL,
    reason            TEXT    NOT NULL,
    type_code         INTEGER NOT NULL,
    payload           TEXT,
    payload_z         BLOB,
    hash              BLOB    NOT NULL,
    CHECK ((payload IS NULL) <> (payload_z IS NULL))
) STRICT;

INSERT INTO events_v14 (sequence, recorded_at_nanos, command_id, actor_code, reason, type_code, payload, payload_z,
                        hash)
SELECT sequence, recorded_at_nanos, command_id, (SELECT code FROM actors WHERE actors.name = events.actor), reason,
       type_code, payload, payload_z, hash
FROM events
ORDER BY sequence;

DROP TABLE events;

ALTER TABLE events_v14 RENAME TO events;

-- Not unique: one command yields several events. Lets the engine answer "is command X in the log".
CREATE INDEX events_command_id ON events (command_id);

-- The log is append-only; the hash chain finds a change, these refuse the accidental one (as V1, V7, V13).
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM archives WHERE OLD.sequence <= archives.last_sequence)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused (only archived events may be removed)');
END;

-- The rows as a person reads them, as V13 showed them. prev_hash is no longer stored: the view gives the
-- previous row's hash ("" for event 1; NULL for the first live row after an archive, see below). It is computed
-- over the whole table, so a filter on the view reads every row; an outside check walks the rows instead
-- (docs/store-size.md).
CREATE VIEW events_readable AS
SELECT events.sequence, events.recorded_at_nanos,
       CASE WHEN substr(events.command_id, 1, 1) = x'ff' AND length(events.command_id) = 17
                 THEN lower(substr(hex(events.command_id), 3, 8) || '-' || substr(hex(events.command_id), 11, 4) || '-'
                            || substr(hex(events.command_id), 15, 4) || '-' || substr(hex(events.command_id), 19, 4) || '-'
                            || substr(hex(events.command_id), 23, 12))
            WHEN substr(events.command_id, 1, 1) = x'fe' AND length(events.command_id) = 21
                 THEN 'api-' || lower(substr(hex(events.command_id), 3))
            ELSE CAST(events.command_id AS TEXT) END AS command_id,
       actors.name AS actor, events.reason,
       event_types.name AS event_type, events.payload, events.payload_z,
       -- NULL for the first live row after an archive: its previous hash is archives.last_hash, hex text
       -- that SQLite before 3.41 (the sqlite3 tool of many systems) cannot turn into bytes (no unhex)
       CASE WHEN lag(events.hash) OVER (ORDER BY events.sequence) IS NOT NULL
                 THEN lag(events.hash) OVER (ORDER BY events.sequence)
            WHEN NOT EXISTS (SELECT 1 FROM archives) THEN x'' END AS prev_hash,
       events.hash
FROM events LEFT JOIN event_types ON event_types.code = events.type_code
            LEFT JOIN actors ON actors.code = events.actor_code;
