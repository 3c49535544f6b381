-- Unused on SQLite, which one node holds alone (a second node on the file is refused); kept so that the two
-- schemas stay alike. See the PostgreSQL migration and docs/standby.md.
CREATE TABLE writer_lease (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    epoch      INTEGER NOT NULL,
    holder     TEXT    NOT NULL,
    url        TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
) STRICT;
