-- A row's prev_hash is the previous row's hash: stored in every row, it repeated 32 bytes the table already
-- holds (see docs/store-size.md). The chain and every hash stay exactly as they were; the previous hash is
-- kept only where no row in the store implies it: for the first live event after an archive, in
-- archives.last_hash (V7), and for event 1 it is "".
DROP VIEW events_readable;

-- A previous hash that no row implies: one changed by hand before this upgrade, kept here so that the audit
-- still names it (it would otherwise go with the column). Empty in a store nobody edited; nothing writes
-- here after the upgrade.
CREATE TABLE event_links (
    sequence  BIGINT PRIMARY KEY,
    prev_hash BYTEA  NOT NULL
);

INSERT INTO event_links (sequence, prev_hash)
SELECT sequence, prev_hash
FROM (SELECT sequence, prev_hash,
             COALESCE(encode(lag(hash) OVER (ORDER BY sequence), 'hex'),
                      (SELECT last_hash FROM archives ORDER BY last_sequence DESC LIMIT 1), '') AS implied
      FROM events) AS linked
WHERE encode(prev_hash, 'hex') IS DISTINCT FROM implied;

ALTER TABLE events DROP COLUMN prev_hash;

-- DROP COLUMN only hides the column; its bytes stay in every existing row until the row is rewritten. A
-- type change with an expression rewrites the whole table, each row without the dropped column, inside this
-- migration's transaction (VACUUM FULL cannot run in one); the value is unchanged (hash || nothing), and a
-- rewrite fires no row trigger.
ALTER TABLE events ALTER COLUMN hash TYPE BYTEA USING (hash || '\x'::bytea);

-- The rows as a person reads them, as V13 showed them. prev_hash is no longer stored: the view gives the
-- previous row's hash (the last archive's last hash for the first live row, '' for event 1). It is computed
-- over the whole table, so a filter on the view reads every row; an outside check walks the rows instead
-- (docs/store-size.md).
CREATE VIEW events_readable AS
SELECT events.sequence, events.recorded_at_nanos,
       CASE WHEN substring(events.command_id FROM 1 FOR 1) = '\xff'::bytea AND length(events.command_id) = 17
                 THEN regexp_replace(encode(substring(events.command_id FROM 2), 'hex'),
                                     '^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\1-\2-\3-\4-\5')
            WHEN substring(events.command_id FROM 1 FOR 1) = '\xfe'::bytea AND length(events.command_id) = 21
                 THEN 'api-' || encode(substring(events.command_id FROM 2), 'hex')
            ELSE convert_from(events.command_id, 'UTF8') END AS command_id,
       events.actor, events.reason,
       event_types.name AS event_type, events.payload, events.payload_z,
       COALESCE(lag(events.hash) OVER (ORDER BY events.sequence),
                (SELECT decode(last_hash, 'hex') FROM archives ORDER BY last_sequence DESC LIMIT 1),
                '\x'::bytea) AS prev_hash,
       events.hash
FROM events LEFT JOIN event_types ON event_types.code = events.type_code;
