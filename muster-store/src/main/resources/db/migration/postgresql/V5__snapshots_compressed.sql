-- Snapshots are kept, not replaced (a look at the past starts from the nearest one), so they are stored
-- compressed: payload_gz is the gzip of the sealed content, the state with the projections' parts as one
-- JSON text, which the digest covers. payload keeps the bare snapshots of an older Muster; new rows leave
-- it empty.
ALTER TABLE snapshots ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE snapshots ADD COLUMN payload_gz BYTEA;
ALTER TABLE snapshots ADD CONSTRAINT snapshots_has_payload CHECK (payload IS NOT NULL OR payload_gz IS NOT NULL);
