-- A smaller log, the same chain (see docs/benchmarks-size.md). The hash still covers exactly the text it
-- covered before: recorded_at is that text, Instant.toString() of recorded_at_nanos, and the hashes are the
-- lower-case hex of the 32 stored bytes. Stored instead as:
--   recorded_at_nanos  the instant in nanoseconds since the epoch (what an Instant holds, no rounding)
--   prev_hash, hash    the 32 bytes of the SHA-256 (empty for the first event's prev_hash)
-- A row written by an older Muster converts exactly when it holds what Muster wrote. A row edited by hand
-- stays evident: a hash that is not lower-case hex is kept as its text's bytes (it matches nothing), and
-- a recorded_at that is not an instant as Muster writes it stops the migration rather than be guessed.
-- Changing a column's type rewrites the table without firing the append-only triggers.
ALTER TABLE events RENAME COLUMN recorded_at TO recorded_at_nanos;

ALTER TABLE events
    ALTER COLUMN recorded_at_nanos TYPE BIGINT USING (
        CASE WHEN recorded_at_nanos ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3}|\.[0-9]{6}|\.[0-9]{9})?Z$'
             THEN extract(epoch FROM (substr(recorded_at_nanos, 1, 19) || 'Z')::timestamptz)::bigint * 1000000000
                  + CASE WHEN length(recorded_at_nanos) = 20 THEN 0
                         ELSE rpad(substr(recorded_at_nanos, 21, length(recorded_at_nanos) - 21), 9, '0')::bigint
                    END
        END),
    ALTER COLUMN prev_hash TYPE BYTEA USING (
        CASE WHEN prev_hash ~ '^[0-9a-f]{64}$' THEN decode(prev_hash, 'hex') ELSE convert_to(prev_hash, 'UTF8') END),
    ALTER COLUMN hash TYPE BYTEA USING (
        CASE WHEN hash ~ '^[0-9a-f]{64}$' THEN decode(hash, 'hex') ELSE convert_to(hash, 'UTF8') END);

-- Closed incidents are stored compressed: payload_z is the zlib (RFC 1950) deflate of the JSON text that
-- payload held, with the preset dictionary org/muster/store/internal/closed-incidents-1.zdict. Rows saved by an older Muster keep their plain payload and are read as they are; new rows
-- leave it empty.
ALTER TABLE closed_incidents ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE closed_incidents ADD COLUMN payload_z BYTEA;
ALTER TABLE closed_incidents ADD CONSTRAINT closed_incidents_has_payload
    CHECK (payload IS NOT NULL OR payload_z IS NOT NULL);
