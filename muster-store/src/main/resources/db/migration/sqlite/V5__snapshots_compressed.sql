-- Snapshots are kept, not replaced (a look at the past starts from the nearest one), so they are stored
-- compressed: payload_gz is the gzip of the sealed content, the state with the projections' parts as one
-- JSON text, which the digest covers. payload keeps the bare snapshots of an older Muster; new rows leave
-- it empty. SQLite cannot drop a NOT NULL in place, so the table is rebuilt.
CREATE TABLE snapshots_v5 (
    sequence   INTEGER PRIMARY KEY CHECK (sequence >= 0),
    last_hash  TEXT    NOT NULL,
    payload    TEXT,
    digest     TEXT,
    payload_gz BLOB,
    CHECK (payload IS NOT NULL OR payload_gz IS NOT NULL)
) STRICT;

INSERT INTO snapshots_v5 (sequence, last_hash, payload, digest)
    SELECT sequence, last_hash, payload, digest FROM snapshots;

DROP TABLE snapshots;

ALTER TABLE snapshots_v5 RENAME TO snapshots;
