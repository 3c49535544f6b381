-- Units' positions, kept beside the event log rather than in it (see docs/positions.md): no hash chain,
-- no triggers, pruned by age. Times are nanoseconds since the epoch (exact and ordered).

-- Each unit's latest fix, upserted with every report.
CREATE TABLE unit_positions (
    unit     TEXT    PRIMARY KEY,
    lat      REAL    NOT NULL,
    lon      REAL    NOT NULL,
    at_nanos INTEGER NOT NULL
) STRICT;

-- The sampled trail: at most one fix per unit per interval, the first of it; slot_nanos is the interval's
-- start. The key serves a unit's trail in a time window.
CREATE TABLE unit_trail (
    unit       TEXT    NOT NULL,
    slot_nanos INTEGER NOT NULL,
    lat        REAL    NOT NULL,
    lon        REAL    NOT NULL,
    at_nanos   INTEGER NOT NULL,
    PRIMARY KEY (unit, slot_nanos)
) STRICT, WITHOUT ROWID;

-- Pruning removes the oldest fixes of every unit.
CREATE INDEX unit_trail_at ON unit_trail (at_nanos);
