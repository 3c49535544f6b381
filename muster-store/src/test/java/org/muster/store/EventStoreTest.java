package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog.BrokenLink;
import org.muster.domain.log.Snapshot;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/** The log's contract, on every backend, each test on a database of its own. */
class EventStoreTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void appendsAndReadsBackEqualEvents(Backend backend) {
        List<RecordedEvent> events = SampleEvents.recorded(1, 40);
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            assertThat(log.lastSequence()).isZero();

            log.append(events.subList(0, 25));
            log.append(events.subList(25, 40));

            assertThat(log.lastSequence()).isEqualTo(40);
            assertThat(readAll(log, 0)).isEqualTo(events);
            assertThat(log.listRange(0, 40)).isEqualTo(events);
            assertThat(log.listRange(10, 12)).isEqualTo(events.subList(10, 12));
            assertThat(log.listRange(40, 40)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyEventTypeRoundTripsThroughTheLog(Backend backend) {
        List<RecordedEvent> events =
                SampleEvents.recorded(1, SampleEvents.oneOfEach().size());
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            log.append(events);

            assertThat(readAll(log, 0)).isEqualTo(events);
            assertThat(readAll(log, 0).stream().map(e -> e.event().getClass()).distinct())
                    .hasSize(EventCodec.listTypeNames().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesAGapOrAnOverlapAndWritesNothing(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            assertThatThrownBy(() -> log.append(SampleEvents.recorded(2, 3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must start at 1");
            log.append(SampleEvents.recorded(1, 10));

            assertThatThrownBy(() -> log.append(SampleEvents.recorded(12, 5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("last sequence is 10");
            assertThatThrownBy(() -> log.append(SampleEvents.recorded(10, 5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must start at 11");
            List<RecordedEvent> holed = new ArrayList<>(SampleEvents.recorded(11, 2));
            holed.add(SampleEvents.recorded(14, 1).getFirst());
            assertThatThrownBy(() -> log.append(holed)).isInstanceOf(IllegalArgumentException.class);

            assertThat(log.lastSequence()).isEqualTo(10);
            assertThat(countRows(config)).isEqualTo(10);
            log.append(SampleEvents.recorded(11, 2));
            assertThat(log.lastSequence()).isEqualTo(12);
            assertThat(log.verify()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theLogOutlivesTheStoreThatWroteIt(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        List<RecordedEvent> events = SampleEvents.recorded(1, 30);
        String hash;
        try (EventStore log = EventLogs.open(config)) {
            log.append(events.subList(0, 20));
            hash = log.hashAt(20);
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.lastSequence()).isEqualTo(20);
            assertThat(log.hashAt(20)).isEqualTo(hash);

            log.append(events.subList(20, 30));

            assertThat(readAll(log, 0)).isEqualTo(events);
            assertThat(log.verify()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theHashChainIsTheDocumentedOneWhateverTheBatches(Backend backend) {
        List<RecordedEvent> events = SampleEvents.recorded(1, 50);
        try (EventStore oneBatch = EventLogs.open(TestDatabases.fresh(backend));
                EventStore smallBatches = EventLogs.open(TestDatabases.sqlite())) {
            oneBatch.append(events);
            for (int from = 0; from < events.size(); from += 7) {
                smallBatches.append(events.subList(from, Math.min(from + 7, events.size())));
            }

            String expected = "";
            for (RecordedEvent e : events) expected = documentedHash(expected, e);
            assertThat(oneBatch.hashAt(0)).isEmpty();
            assertThat(oneBatch.hashAt(1)).isEqualTo(documentedHash("", events.getFirst()));
            assertThat(oneBatch.hashAt(50)).isEqualTo(expected).isEqualTo(smallBatches.hashAt(50));
            assertThatThrownBy(() -> oneBatch.hashAt(51)).isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsAndFindsSnapshots(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            assertThat(log.findLatestSnapshot()).isEmpty();
            log.append(SampleEvents.recorded(1, 30));
            Snapshot at10 = SampleEvents.snapshot(10, log.hashAt(10));
            Snapshot at20 = SampleEvents.snapshot(20, log.hashAt(20));

            log.saveSnapshot(SampleEvents.snapshot(0, ""));
            log.saveSnapshot(at20);
            log.saveSnapshot(at10);
            log.saveSnapshot(at10);

            assertThat(log.findLatestSnapshot()).contains(at20);
            assertThat(log.findSnapshotAtOrBefore(25)).contains(at20);
            assertThat(log.findSnapshotAtOrBefore(20)).contains(at20);
            assertThat(log.findSnapshotAtOrBefore(19)).contains(at10);
            assertThat(log.findSnapshotAtOrBefore(9).map(Snapshot::sequence)).contains(0L);
            assertThat(log.listSnapshotSequences()).containsExactly(0L, 10L, 20L);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesASnapshotTheLogDoesNotBackUp(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            log.append(SampleEvents.recorded(1, 10));

            assertThatThrownBy(() -> log.saveSnapshot(SampleEvents.snapshot(5, log.hashAt(4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("last hash");
            assertThatThrownBy(() -> log.saveSnapshot(SampleEvents.snapshot(11, "")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("past the end");
            assertThat(log.findLatestSnapshot()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyFindsAnEditedPayload(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            log.append(SampleEvents.recorded(1, 40));
            assertThat(log.verify()).isEmpty();
            String storedHash = log.hashAt(17);
            assertThat(log.listRange(16, 17).getFirst().event().toString()).contains("AUTHORISED_FIREARMS_OFFICER");

            assertThatThrownBy(() -> execute(config, editPayload(backend)))
                    .as("the table refuses changes")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            execute(config, dropUpdateGuard(backend));
            execute(config, editPayload(backend));

            assertThat(log.listRange(16, 17).getFirst().event().toString()).contains("PUBLIC_ORDER");
            Optional<BrokenLink> broken = log.verify();
            assertThat(broken).isPresent();
            assertThat(broken.get().sequence()).isEqualTo(17);
            assertThat(broken.get().storedHash()).isEqualTo(storedHash);
            assertThat(broken.get().expectedHash()).isNotEqualTo(storedHash).hasSize(64);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyFindsADeletedRow(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            log.append(SampleEvents.recorded(1, 20));
            String storedHash = log.hashAt(10);

            execute(config, dropDeleteGuard(backend));
            execute(config, "DELETE FROM events WHERE sequence = 9");

            Optional<BrokenLink> broken = log.verify();
            assertThat(broken).isPresent();
            assertThat(broken.get().sequence()).isEqualTo(10);
            assertThat(broken.get().storedHash()).isEqualTo(storedHash);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theFirstSequenceIsTheFirstEventStillHeld(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.firstSequence()).as("an empty log").isEqualTo(1);
            log.append(SampleEvents.recorded(1, 20));
            assertThat(log.firstSequence()).isEqualTo(1);

            // the oldest events moved out, as an archive moves them
            execute(config, dropDeleteGuard(backend));
            execute(config, "DELETE FROM events WHERE sequence <= 7");
            assertThat(log.firstSequence()).isEqualTo(8);
            assertThat(log.lastSequence()).isEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verifyFindsSwappedRows(Backend backend) throws SQLException {
        // the table keeps no previous hash (V14): each row's hash covers its sequence and the row before it,
        // so rows put in another order no longer chain, wherever they sit
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            log.append(SampleEvents.recorded(1, 12));
            String fifth = log.hashAt(5);
            ChainHead head = log.head();

            execute(config, dropUpdateGuard(backend));
            execute(config, "UPDATE events SET sequence = 1000 WHERE sequence = 5");
            execute(config, "UPDATE events SET sequence = 5 WHERE sequence = 6");
            execute(config, "UPDATE events SET sequence = 6 WHERE sequence = 1000");

            Optional<BrokenLink> broken = log.verify();
            assertThat(broken).isPresent();
            assertThat(broken.get().sequence()).isEqualTo(5);
            assertThat(broken.get().storedHash()).as("event 6's hash, now at 5").isNotEqualTo(fifth);
            assertThat(log.audit(EventStore.AuditScope.WHOLE_LOG, head))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditFinding.Kind.EVENT_CHANGED, 5L));
            assertThat(log.audit(AuditRange.all(), AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditFinding.Kind.EVENT_CHANGED, 5L));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readAfterStreamsFromTheMiddle(Backend backend) {
        List<RecordedEvent> events = SampleEvents.recorded(1, 2_500);
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            for (int from = 0; from < events.size(); from += 500) log.append(events.subList(from, from + 500));

            List<RecordedEvent> seen = readAll(log, 1_234);

            assertThat(seen).isEqualTo(events.subList(1_234, 2_500));
            assertThat(readAll(log, 2_500)).isEmpty();
            assertThat(log.verify()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSinkThatStopsTheReadLeavesTheLogUsable(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend).withMaxPoolSize(1))) {
            log.append(SampleEvents.recorded(1, 30));

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> log.readAfter(0, e -> {
                            if (e.sequence() == 5) throw new IllegalStateException("enough");
                        }))
                        .hasMessage("enough");
            }

            log.append(SampleEvents.recorded(31, 1));
            assertThat(log.lastSequence()).isEqualTo(31);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLongReadDoesNotHoldUpTheWriter(Backend backend) throws Exception {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            log.append(SampleEvents.recorded(1, 10));
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<RecordedEvent> seen = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform()
                    .start(() -> log.readAfter(0, e -> {
                        seen.add(e);
                        reading.countDown();
                        await(release);
                    }));
            try {
                assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

                log.append(SampleEvents.recorded(11, 5));

                assertThat(log.lastSequence()).isEqualTo(15);
            } finally {
                release.countDown();
                reader.join(10_000);
            }
            assertThat(seen).as("the read saw the log as it was when it began").hasSize(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void findsCommandsInTheLog(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            List<RecordedEvent> events = SampleEvents.recorded(1, 7);
            log.append(events);

            assertThat(log.containsCommand(CommandId.of("cmd-2"))).isTrue();
            assertThat(log.containsCommand(CommandId.of("cmd-9"))).isFalse();
            assertThat(log.listCommandEvents(CommandId.of("cmd-2"))).isEqualTo(events.subList(2, 4));
            assertThat(log.listCommandEvents(CommandId.of("cmd-9"))).isEmpty();
            assertThat(log.listCommandIds())
                    .extracting(CommandId::value)
                    .containsExactly("cmd-1", "cmd-2", "cmd-3", "cmd-4");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aClosedLogSaysSo(Backend backend) {
        EventStore log = EventLogs.open(TestDatabases.fresh(backend));
        log.close();
        log.close();

        assertThatThrownBy(log::lastSequence).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.append(SampleEvents.recorded(1, 1))).isInstanceOf(IllegalStateException.class);
    }

    // --- helpers

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<RecordedEvent> readAll(EventStore log, long after) {
        List<RecordedEvent> events = new ArrayList<>();
        log.readAfter(after, events::add);
        return events;
    }

    /** The hash as the store's documentation defines it, computed here independently of the store. */
    private static String documentedHash(String previous, RecordedEvent e) {
        String text = String.join(
                "\n",
                previous,
                Long.toString(e.sequence()),
                e.at().toString(),
                e.command().value(),
                e.actor().id(),
                e.reason(),
                EventCodec.typeOf(e.event()),
                EventCodec.encode(e.event()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new AssertionError(ex);
        }
    }

    /**
     * Replaces event 17's payload with an edited JSON text, as someone with SQL would: the stored one is
     * compressed (V13), so the edit is written plain, as a row from before V13 holds it.
     */
    private static String editPayload(Backend backend) {
        String edited = EventCodec.encode(
                        SampleEvents.recorded(17, 1).getFirst().event())
                .replace("AUTHORISED_FIREARMS_OFFICER", "PUBLIC_ORDER")
                .replace("'", "''");
        return switch (backend) {
            case SQLITE -> "UPDATE events SET payload = '" + edited + "', payload_z = NULL WHERE sequence = 17";
            case POSTGRESQL ->
                "UPDATE events SET payload = CAST('" + edited + "' AS json), payload_z = NULL WHERE sequence = 17";
        };
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

    private static void execute(StoreConfig config, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long countRows(StoreConfig config) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
