package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.InvalidInputException;
import org.muster.domain.log.Snapshot;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.EventStore.AuditScope;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/**
 * Someone with write access to the database changes the log behind Muster's back: each change is named by
 * the audit, and an edited snapshot is refused instead of loaded. Each test on a database of its own, on
 * every backend.
 */
class TamperTest {

    /** 40 events, a sealed snapshot at 20, and the head at 40 as a checkpoint would hold it. */
    private static ChainHead fill(EventStore log) {
        log.append(SampleEvents.recorded(1, 40));
        log.saveSnapshot(SampleEvents.snapshot(20, log.hashAt(20)));
        return log.head();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anIntactLogHasNoFindings(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            ChainHead head = fill(log);

            assertThat(head).isEqualTo(new ChainHead(40, log.hashAt(40)));
            assertThat(log.audit(AuditScope.WHOLE_LOG, head)).isEmpty();
            assertThat(log.audit(AuditScope.FROM_LATEST_SNAPSHOT, head)).isEmpty();
            assertThat(log.findLatestSnapshot().map(Snapshot::sequence)).contains(20L);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedEventIsNamed(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            ChainHead head = fill(log);
            execute(config, dropUpdateGuard(backend));
            execute(config, "UPDATE events SET reason = 'nothing happened' WHERE sequence = 30");

            List<AuditFinding> found = log.audit(AuditScope.WHOLE_LOG, head);

            assertThat(found)
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 30L));
            assertThat(found.getFirst().detail()).startsWith("event 30 was changed");
            assertThat(log.audit(AuditScope.FROM_LATEST_SNAPSHOT, head)).isEqualTo(found);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedSnapshotIsNamedAndNotLoaded(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            ChainHead head = fill(log);
            org.muster.store.testing.SnapshotRows.replace(config, 20, "Birmingham", "Solihull");

            assertThatThrownBy(log::findLatestSnapshot)
                    .isInstanceOf(TamperedLogException.class)
                    .hasMessageContaining("the snapshot at 20 was changed")
                    .hasMessageContaining("digest");
            assertThatThrownBy(() -> log.findSnapshotAtOrBefore(25)).isInstanceOf(TamperedLogException.class);
            for (AuditScope scope : AuditScope.values()) {
                assertThat(log.audit(scope, head))
                        .extracting(AuditFinding::kind, AuditFinding::sequence)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SNAPSHOT_CHANGED, 20L));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSnapshotResealedByHandIsStillTiedToTheChain(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            ChainHead head = fill(log);
            // one that knows the digest is a SHA-256 moves the snapshot to another event and reseals it
            String moved = EventCodec.encodeSnapshot(SampleEvents.snapshot(20, log.hashAt(19)));
            try (Connection c = TestDatabases.connect(config);
                    var update = c.prepareStatement("UPDATE snapshots SET last_hash = ?, payload = "
                            + (backend == Backend.POSTGRESQL ? "CAST(? AS json)" : "?")
                            + ", digest = ? WHERE sequence = 20")) {
                update.setString(1, log.hashAt(19));
                update.setString(2, moved);
                update.setString(3, sha256(moved));
                update.executeUpdate();
            }

            assertThatThrownBy(log::findLatestSnapshot)
                    .isInstanceOf(TamperedLogException.class)
                    .hasMessageContaining("the log's event 20 has hash '" + log.hashAt(20) + "'");
            assertThat(log.audit(AuditScope.WHOLE_LOG, head))
                    .extracting(AuditFinding::kind)
                    .containsExactly(Kind.SNAPSHOT_CHANGED);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletedLastEventsAreFoundAgainstTheCheckpoint(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            ChainHead head = fill(log);
            execute(config, dropDeleteGuard(backend));
            execute(config, "DELETE FROM events WHERE sequence > 37");

            assertThat(log.audit(AuditScope.WHOLE_LOG))
                    .as("the shorter chain is intact in itself")
                    .isEmpty();
            List<AuditFinding> found = log.audit(AuditScope.FROM_LATEST_SNAPSHOT, head);
            assertThat(found)
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.TRUNCATED, 38L));
            assertThat(found.getFirst().detail())
                    .contains("the log ends at event 37")
                    .contains("events 38..40 were removed from the end");
            assertThat(log.audit(AuditScope.WHOLE_LOG, head)).isEqualTo(found);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDeletedEventInTheMiddleIsNamed(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            ChainHead head = fill(log);
            execute(config, dropDeleteGuard(backend));
            execute(config, "DELETE FROM events WHERE sequence IN (31, 32)");

            List<AuditFinding> found = log.audit(AuditScope.WHOLE_LOG, head);

            assertThat(found)
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENTS_MISSING, 31L));
            assertThat(found.getFirst().detail())
                    .startsWith("events 31..32 are missing from the log")
                    .contains("breaks at event 33");
            assertThat(log.audit(AuditScope.FROM_LATEST_SNAPSHOT, head)).isEqualTo(found);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRewrittenLogDoesNotMatchTheCheckpoint(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            ChainHead head = fill(log);

            assertThat(log.audit(AuditScope.WHOLE_LOG, new ChainHead(40, log.hashAt(39))))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.CHECKPOINT_MISMATCH, 40L));
            assertThat(log.audit(AuditScope.WHOLE_LOG, new ChainHead(25, log.hashAt(25))))
                    .isEmpty();
            assertThat(head.sequence()).isEqualTo(40);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSnapshotWithoutADigestIsNotLoadedButOnlyWarnedOf(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            log.append(SampleEvents.recorded(1, 40));
            log.saveSnapshot(SampleEvents.snapshot(10, log.hashAt(10)));
            log.saveSnapshot(SampleEvents.snapshot(20, log.hashAt(20)));
            // as a snapshot saved before V2 stands
            execute(config, "UPDATE snapshots SET digest = NULL WHERE sequence = 20");

            assertThat(log.findLatestSnapshot().map(Snapshot::sequence)).contains(10L);
            List<AuditFinding> found = log.audit(AuditScope.WHOLE_LOG, log.head());
            assertThat(found)
                    .extracting(AuditFinding::kind, AuditFinding::tampering)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SNAPSHOT_UNSEALED, false));
            assertThat(log.audit(AuditScope.FROM_LATEST_SNAPSHOT)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreOfTheFirstSchemaStaysReadableAndItsSnapshotIsNotTrusted(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        if (config.findSqliteFile().isPresent())
            Files.createDirectories(config.findSqliteFile().get().getParent());
        // the schema as a Muster before sealed snapshots left it, with a snapshot of its own
        org.flywaydb.core.Flyway.configure()
                .dataSource(
                        config.jdbcUrl(),
                        config.user().orElse(null),
                        config.password().orElse(null))
                .locations("classpath:db/migration/" + (backend == Backend.SQLITE ? "sqlite" : "postgresql"))
                .target("1")
                .load()
                .migrate();
        try (Connection c = TestDatabases.connect(config);
                var insert = c.prepareStatement("INSERT INTO snapshots (sequence, last_hash, payload) VALUES (0, '', "
                        + (backend == Backend.POSTGRESQL ? "CAST(? AS json)" : "?") + ")")) {
            insert.setString(1, EventCodec.encodeSnapshot(SampleEvents.snapshot(0, "")));
            insert.executeUpdate();
        }

        try (EventStore log = EventLogs.open(config)) {
            log.append(SampleEvents.recorded(1, 40));
            assertThat(log.findLatestSnapshot())
                    .as("unsealed: replay reads the events")
                    .isEmpty();
            assertThat(log.audit(AuditScope.WHOLE_LOG, log.head()))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SNAPSHOT_UNSEALED, 0L));
            log.saveSnapshot(SampleEvents.snapshot(30, log.hashAt(30)));
            assertThat(log.findLatestSnapshot().map(Snapshot::sequence)).contains(30L);
        }
    }

    @Test
    void theCheckpointFileIsReplacedWholeAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/head.checkpoint");
        assertThat(Checkpoint.find(file)).isEmpty();
        assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(InvalidInputException.class);

        Checkpoint.write(file, new ChainHead(0, ""));
        assertThat(Checkpoint.read(file)).isEqualTo(new ChainHead(0, ""));
        ChainHead head = new ChainHead(40, "ab".repeat(32));
        Checkpoint.write(file, head);

        assertThat(Checkpoint.read(file)).isEqualTo(head);
        assertThat(Files.readString(file)).isEqualTo("40 " + "ab".repeat(32) + "\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
        Files.writeString(file, "forty abc\n");
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checkpoint");
    }

    private static String dropUpdateGuard(Backend backend) {
        return switch (backend) {
            case SQLITE -> "DROP TRIGGER events_no_update";
            case POSTGRESQL -> "DROP TRIGGER events_no_change ON events";
        };
    }

    private static String dropDeleteGuard(Backend backend) {
        return switch (backend) {
            case SQLITE -> "DROP TRIGGER events_no_delete";
            case POSTGRESQL -> "DROP TRIGGER events_no_change ON events";
        };
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void execute(StoreConfig config, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
