package org.muster.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the store reaches its database. Writes and reads go through different paths so that a long read,
 * such as a replay, never holds up the writer.
 */
interface Connections extends AutoCloseable {

    /**
     * Runs {@code work} in one transaction and commits it; rolls back and rethrows when the work throws.
     * Returns only after the commit is durable.
     */
    <T> T write(SqlWork<T> work) throws SQLException;

    /**
     * Runs read-only {@code work}; statements it prepares with a fetch size stream their rows rather than
     * loading them all.
     */
    <T> T read(SqlWork<T> work) throws SQLException;

    @Override
    void close();

    /** Commits {@code work} on {@code connection} or rolls it back, leaving the connection in auto-commit. */
    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            restoreAutoCommit(connection);
        }
    }

    static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // A broken connection: the failure that broke it is already on its way to the caller.
        }
    }
}
