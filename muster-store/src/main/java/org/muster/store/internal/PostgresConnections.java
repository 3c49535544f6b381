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
        Migrations.migrate(direct, Dialect.POSTGRESQL);

        HikariConfig settings = new HikariConfig();
        settings.setDataSource(direct);
        settings.setPoolName("muster-store-postgresql");
        settings.setMaximumPoolSize(config.maxPoolSize());
        settings.setMinimumIdle(1);
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
