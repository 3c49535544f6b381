package org.muster.store;

import org.muster.store.internal.JdbcEventStore;

/** Opens event logs. */
public final class EventLogs {
    private EventLogs() {}

    /**
     * Opens the log named by {@code config}, creating the database (an SQLite file and its folder) when it
     * does not exist, and bringing its schema up to date. The caller closes it.
     *
     * @throws org.muster.domain.TransientException when the database cannot be reached
     * @throws IllegalStateException when its schema cannot be migrated (for example, it was written by a
     *     newer Muster)
     */
    public static EventStore open(StoreConfig config) {
        return JdbcEventStore.open(config);
    }

    /**
     * The database server's own version, as it reports it ({@code SHOW server_version} for PostgreSQL,
     * {@code sqlite_version()} for SQLite), or "unknown" when it cannot be asked: for a benchmark to say what
     * it ran on.
     */
    public static String serverVersion(StoreConfig config) {
        String query =
                config.backend() == StoreConfig.Backend.POSTGRESQL ? "SHOW server_version" : "SELECT sqlite_version()";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        config.jdbcUrl(),
                        config.user().orElse(null),
                        config.password().orElse(null));
                java.sql.ResultSet rs = c.createStatement().executeQuery(query)) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (java.sql.SQLException e) {
            return "unknown";
        }
    }

    /**
     * Promotes a PostgreSQL server in recovery (a streaming replica) to take writes, and waits until it does
     * (at most a minute): for a benchmark of a primary's loss. An operator uses {@code pg_ctl promote} or the
     * cluster's manager.
     *
     * @throws IllegalStateException when the server cannot be reached or does not leave recovery in time
     */
    public static void promote(StoreConfig replica) {
        if (replica.backend() != StoreConfig.Backend.POSTGRESQL)
            throw org.muster.domain.InvalidInputException.of(
                    "store", replica.url(), "must be a PostgreSQL server in recovery to promote");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        replica.jdbcUrl(),
                        replica.user().orElse(null),
                        replica.password().orElse(null));
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT pg_promote(true, 60)")) {
            if (!rs.next() || !rs.getBoolean(1))
                throw new IllegalStateException("the server at " + replica + " did not leave recovery within 60 s");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not promote the server at " + replica + ": " + e.getMessage(), e);
        }
    }

    /** Opens the log at a URL such as {@code sqlite:/var/lib/muster/muster.db}; see {@link StoreConfig}. */
    public static EventStore open(String url) {
        return open(StoreConfig.parse(url));
    }
}
