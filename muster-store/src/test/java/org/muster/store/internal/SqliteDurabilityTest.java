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
            assertThat(log.sqliteWriterPragma("wal_autocheckpoint"))
                    .as("no commit copies the WAL back itself")
                    .contains("0");
        }
    }

    @Test
    void theWalIsFoldedBackIntoTheDatabaseBesideTheWriter(@TempDir Path folder) throws Exception {
        StoreConfig config = TestDatabases.sqlite(folder);
        Path file = config.findSqliteFile().orElseThrow();
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            long emptySize = Files.size(file);
            int commits = 2 * WalCheckpointer.COMMITS_PER_CHECKPOINT;
            for (int i = 0; i < commits; i++) log.append(SampleEvents.recorded(i + 1, 1));

            // Only a checkpoint writes to the database file itself; the writer's commits go to the WAL.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (Files.size(file) <= emptySize && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(Files.size(file)).isGreaterThan(emptySize);
            assertThat(log.lastSequence()).isEqualTo(commits);
        }
        try (JdbcEventStore reopened = JdbcEventStore.open(config)) {
            assertThat(reopened.verify()).isEmpty();
            assertThat(reopened.lastSequence()).isEqualTo(2L * WalCheckpointer.COMMITS_PER_CHECKPOINT);
        }
    }

    /**
     * A writer that never pauses still gets its WAL started over: caught up between two commits, the next one
     * writes from the WAL's beginning. A checkpoint beside the writer never caught up, and the WAL grew by every
     * commit (140 MB in 19 seconds of {@code bench store}).
     */
    @Test
    void theWalStartsOverUnderSteadyWriting(@TempDir Path folder) throws Exception {
        StoreConfig config = TestDatabases.sqlite(folder);
        Path wal = Path.of(config.findSqliteFile().orElseThrow() + "-wal");
        int commits = 12 * WalCheckpointer.COMMITS_PER_CHECKPOINT;
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            // readers come and go throughout, as the decider's lookups and the API's reads do (a reader that
            // never let go would hold the WAL's start where it began reading, with or without this)
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread reader = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    log.lastSequence();
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            });
            long largest = 0;
            try {
                for (int i = 0; i < commits; i++) {
                    log.append(SampleEvents.recorded(i + 1, 1));
                    if (i % 50 == 0) largest = Math.max(largest, Files.size(wal));
                }
            } finally {
                writing.set(false);
                reader.join();
            }
            // every commit writes at least one page: without starting over, the WAL would hold them all
            long everyCommit = (long) commits * 4096;
            assertThat(largest)
                    .as("the WAL's largest size over %d commits", commits)
                    .isLessThan(everyCommit / 3);
            assertThat(log.lastSequence()).isEqualTo(commits);
        }
        try (JdbcEventStore reopened = JdbcEventStore.open(config)) {
            assertThat(reopened.verify()).isEmpty();
        }
    }

    /**
     * A reader that holds one transaction while the writer goes on (an audit of a long log through the API) keeps
     * the WAL from starting over, and it grows. Once the reader has gone the WAL starts over, and its file is cut
     * back to the limit instead of keeping the size it reached for the life of the store.
     */
    @Test
    void aWalGrownBehindALongReaderIsCutBackOnceTheReaderHasGone(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("muster.db");
        Path wal = Path.of(file + "-wal");
        long limit = 256 * 1024;
        int round = WalCheckpointer.COMMITS_PER_CHECKPOINT;
        try (SqliteConnections db = SqliteConnections.open(file, 2, limit)) {
            db.write(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE filler (page BLOB)");
                }
                return null;
            });
            long grown;
            try (java.sql.Connection reader = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
                reader.setAutoCommit(false);
                try (java.sql.Statement s = reader.createStatement();
                        java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM filler")) {
                    r.next(); // the reader's snapshot is taken: the WAL cannot start over before it ends
                }
                for (int i = 0; i < 3 * round; i++) insertPage(db);
                grown = Files.size(wal);
                reader.commit();
            }
            assertThat(grown).as("the WAL behind the long reader").isGreaterThan(8 * limit);
            long smallest = Long.MAX_VALUE;
            for (int i = 0; i < 2 * round + 1; i++) {
                insertPage(db);
                smallest = Math.min(smallest, Files.size(wal));
            }
            assertThat(smallest)
                    .as("the WAL file once it started over (it had grown to %d bytes)", grown)
                    .isLessThanOrEqualTo(limit);
        }
    }

    private static void insertPage(SqliteConnections db) throws SQLException {
        db.write(c -> {
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO filler (page) VALUES (?)")) {
                insert.setBytes(1, new byte[4096]);
                insert.executeUpdate();
            }
            return null;
        });
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
