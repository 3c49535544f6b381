-- Archives: closed months moved out of the live log into files (./muster archive, see docs/archive.md).
-- Each row records one file: the events first_sequence..last_sequence it holds, the chain's hash after its
-- last event (where the live log, or the next archive, goes on from), the file's name and SHA-256.
CREATE TABLE archives (
    first_sequence INTEGER PRIMARY KEY CHECK (first_sequence >= 1),
    last_sequence  INTEGER NOT NULL UNIQUE CHECK (last_sequence >= first_sequence),
    last_hash      TEXT    NOT NULL,
    file_name      TEXT    NOT NULL,
    file_sha256    TEXT    NOT NULL,
    archived_at    TEXT    NOT NULL
) STRICT;

-- The log stays append-only: only events an archive row already covers may be deleted, so a DELETE without
-- an archive recorded first is still refused (and UPDATE always is, by events_no_update).
DROP TRIGGER IF EXISTS events_no_delete;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM archives WHERE OLD.sequence <= archives.last_sequence)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused (only archived events may be removed)');
END;
