-- A snapshot's digest: SHA-256 (hex) of its payload text, so that an edited snapshot row is refused
-- instead of trusted by replay. Snapshots saved before this migration have none; the store does not load
-- them (they only shortened replay) and audit verify lists them as unsealed.
ALTER TABLE snapshots ADD COLUMN digest TEXT;
