-- Units' positions, kept beside the event log rather than in it (see docs/positions.md): no hash chain,
-- no triggers, pruned by age. Times are nanoseconds since the epoch (exact and ordered).

-- Each unit's latest fix, upserted with every report.
CREATE TABLE unit_positions (
    unit     TEXT             PRIMARY KEY,
    lat      DOUBLE PRECISION NOT NULL,
    lon      DOUBLE PRECISION NOT NULL,
    at_nanos BIGINT           NOT NULL
);

-- The sampled trail: at most one fix per unit per interval, the first of it; slot_nanos is the interval's
-- start. The key serves a unit's trail in a time window.
CREATE TABLE unit_trail (
    unit       TEXT             NOT NULL,
    slot_nanos BIGINT           NOT NULL,
    lat        DOUBLE PRECISION NOT NULL,
    lon        DOUBLE PRECISION NOT NULL,
    at_nanos   BIGINT           NOT NULL,
    PRIMARY KEY (unit, slot_nanos)
);

-- Pruning removes the oldest fixes of every unit.
CREATE INDEX unit_trail_at ON unit_trail (at_nanos);
