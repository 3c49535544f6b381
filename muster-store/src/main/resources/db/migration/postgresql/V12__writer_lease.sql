-- The writer lease of nodes sharing one PostgreSQL: at most one row. The node holding an unexpired lease is
-- the writer; every append checks, under the append lock, that its node's epoch is still this one, so a
-- writer that lost the lease (paused, partitioned) cannot append after another took over. Times are the
-- server's (clock_timestamp()), so the nodes' clocks need not agree. See docs/standby.md.
CREATE TABLE writer_lease (
    id         INTEGER     PRIMARY KEY CHECK (id = 1),
    epoch      BIGINT      NOT NULL,
    holder     TEXT        NOT NULL,
    url        TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
