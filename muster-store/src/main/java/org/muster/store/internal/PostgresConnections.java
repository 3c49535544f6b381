package org.muster.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import org.muster.domain.TransientException;
import org.muster.store.StoreConfig;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A pool of connections to one PostgreSQL database. A commit returns once the server reports it durable
 * under the server's own {@code synchronous_commit} setting, which this class leaves to the operator (a
 * standby set-up may ask for more than the default {@code on}).
 */
final class PostgresConnections implements Connections {
    /**
     * No wait on the database is unbounded: a stalled server, a lost network or a lock held elsewhere
     * turns into a {@link TransientException} (503, try again) instead of a writer, and every request behind
     * it, hanging for ever. A statement is one append, one page of a streamed read or one snapshot: far
     * under this when the database is well.
     */
    static final int STATEMENT_TIMEOUT_SECONDS = 30;
    /** Opening a connection, or waiting for one from the pool. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** A socket silent this long is dead (the server gone without a reset): past the statement timeout. */
    static final int SOCKET_TIMEOUT_SECONDS = 2 * STATEMENT_TIMEOUT_SECONDS;

    private final HikariDataSource pool;

    private PostgresConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    static PostgresConnections open(StoreConfig config) {
        // Migrate over plain connections first: Flyway holds two at once, more than a small pool may have.
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(config.jdbcUrl());
        config.user().ifPresent(direct::setUser);
        config.password().ifPresent(direct::setPassword);
        direct.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        Migrations.migrate(direct, Dialect.POSTGRESQL);
        // After migrating: a migration may rightly take longer than any statement of the running log.
        direct.setOptions("-c statement_timeout=" + STATEMENT_TIMEOUT_SECONDS + "s");
        direct.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);

        HikariConfig settings = new HikariConfig();
        settings.setDataSource(direct);
        settings.setPoolName("muster-store-postgresql");
        settings.setMaximumPoolSize(config.maxPoolSize());
        settings.setMinimumIdle(1);
        settings.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1_000L);
        // One multi-row INSERT per JDBC batch instead of a round trip per event.
        direct.setReWriteBatchedInserts(true);
        try {
            return new PostgresConnections(new HikariDataSource(settings));
        } catch (HikariPool.PoolInitializationException e) {
            throw new TransientException("cannot connect to " + config.redactedUrl() + ": " + rootMessage(e), e);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return Connections.inTransaction(connection, work);
        }
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            // The driver streams a result set with a fetch size only inside a transaction (a cursor).
            connection.setReadOnly(true);
            return Connections.inTransaction(connection, work);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root.getMessage();
    }
}
