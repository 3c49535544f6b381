-- Archives: closed months moved out of the live log into files (./muster archive, see docs/archive.md).
-- Each row records one file: the events first_sequence..last_sequence it holds, the chain's hash after its
-- last event (where the live log, or the next archive, goes on from), the file's name and SHA-256.
CREATE TABLE archives (
    first_sequence BIGINT PRIMARY KEY CHECK (first_sequence >= 1),
    last_sequence  BIGINT NOT NULL UNIQUE CHECK (last_sequence >= first_sequence),
    last_hash      TEXT   NOT NULL,
    file_name      TEXT   NOT NULL,
    file_sha256    TEXT   NOT NULL,
    archived_at    TEXT   NOT NULL
);

-- The log stays append-only: the row trigger keeps its name and still refuses every UPDATE, but lets a
-- DELETE through for events an archive row already covers, so a DELETE without an archive recorded first
-- is still refused. TRUNCATE stays refused by events_no_truncate.
CREATE FUNCTION events_refuse_unarchived_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM archives WHERE OLD.sequence <= archives.last_sequence) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'events are append-only: DELETE refused (only archived events may be removed)';
    END IF;
    RAISE EXCEPTION 'events are append-only: % refused', TG_OP;
END
$$;

DROP TRIGGER IF EXISTS events_no_change ON events;

CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_refuse_unarchived_change();
