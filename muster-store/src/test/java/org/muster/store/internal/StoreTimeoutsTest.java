package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/** No wait on the database is unbounded: every connection the log uses carries its timeouts. */
class StoreTimeoutsTest {

    @Test
    void postgresqlConnectionsCarryAStatementTimeout() throws SQLException {
        try (PostgresConnections pool = PostgresConnections.open(TestDatabases.fresh(StoreConfig.Backend.POSTGRESQL))) {
            assertThat(pool.<String>read(c -> show(c, "statement_timeout"))).isEqualTo("30s");
            assertThat(pool.<String>write(c -> show(c, "statement_timeout"))).isEqualTo("30s");
        }
    }

    @Test
    void sqliteWaitsForALockedFileOnlySoLong(@TempDir Path folder) throws SQLException {
        try (JdbcEventStore log = JdbcEventStore.open(TestDatabases.sqlite(folder))) {
            assertThat(log.sqliteWriterPragma("busy_timeout")).contains("10000");
        }
    }

    private static String show(java.sql.Connection c, String setting) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SHOW " + setting);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
