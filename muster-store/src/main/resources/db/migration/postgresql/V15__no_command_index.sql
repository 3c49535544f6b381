-- Issue #14: no index of command ids. The ids are random (a UUID, or a digest of the user's Idempotency-Key),
-- so the index made every commit write one page of it per command: on SQLite, whose commit writes whole
-- pages, that was most of a durable command's cost. A retry is now looked up in the store's window of the
-- log's recent commands (CommandWindow: each command's place, by a fingerprint of its id, read back by
-- sequence), and the index's 36 bytes an event are freed. An outside reader finds a command's events with
-- a scan: SELECT ... FROM events WHERE command_id = ?.
DROP INDEX events_command_id;
