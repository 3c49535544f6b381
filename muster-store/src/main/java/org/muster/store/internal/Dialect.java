package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** What differs between the SQL of the two backends. Everything else is plain, shared SQL. */
enum Dialect {
    SQLITE("sqlite", "?"),
    POSTGRESQL("postgresql", "CAST(? AS json)");

    /**
     * Serialises appends across every process writing to one PostgreSQL database (an active node and a
     * standby), so the sequence check and the insert happen as one step. The value spells "MUST".
     */
    private static final long APPEND_LOCK_KEY = 0x4D555354L;

    private final String migrationFolder;
    private final String jsonParameter;

    Dialect(String migrationFolder, String jsonParameter) {
        this.migrationFolder = migrationFolder;
        this.jsonParameter = jsonParameter;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    String insertEvent() {
        return "INSERT INTO events (sequence, recorded_at_nanos, command_id, actor_code, reason, type_code, payload_z,"
                + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    String upsertSnapshot() {
        return "INSERT INTO snapshots (sequence, last_hash, payload, digest) VALUES (?, ?, " + jsonParameter + ", ?)"
                + " ON CONFLICT (sequence) DO UPDATE SET last_hash = excluded.last_hash, payload = excluded.payload,"
                + " digest = excluded.digest";
    }

    /**
     * Takes the append lock for the rest of the transaction. SQLite needs none here: its writer begins
     * every transaction with {@code BEGIN IMMEDIATE}, which already holds the database's write lock.
     */
    void lockForAppend(Connection connection) throws SQLException {
        if (this != POSTGRESQL) return;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK_KEY);
            lock.executeQuery().close();
        }
    }
}
