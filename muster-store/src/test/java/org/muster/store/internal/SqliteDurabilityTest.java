package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.store.StoreConfig;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/** The settings the crash-safety of the embedded log rests on (see docs/adr/0001-embedded-store.md). */
class SqliteDurabilityTest {

    @Test
    void theWriterUsesWalAndSyncsEveryCommit(@TempDir Path folder) throws SQLException {
        StoreConfig config = TestDatabases.sqlite(folder);
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            log.append(SampleEvents.recorded(1, 3));

            assertThat(log.sqliteWriterPragma("journal_mode")).contains("wal");
            assertThat(log.sqliteWriterPragma("synchronous")).as("2 is FULL").contains("2");
        }
    }

    @Test
    void createsTheFoldersOfANewFile(@TempDir Path folder) {
        Path file = folder.resolve("a/b/c/muster.db");
        try (JdbcEventStore log = JdbcEventStore.open(StoreConfig.sqlite(file))) {
            log.append(SampleEvents.recorded(1, 1));
        }
        assertThat(Files.isRegularFile(file)).isTrue();
    }
}
