package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.log.SavedSnapshot;
import org.muster.domain.log.SnapshotPart;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.EventStore.AuditScope;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.SnapshotRows;
import org.muster.store.testing.TestDatabases;

/**
 * Projections' parts are saved with the snapshot, sealed by its digest, and read back as the type asked
 * for; snapshots are kept compressed; an edited part is refused like an edited state. On every backend.
 */
class SnapshotPartsTest {
    /** A projection's memento as a test stands one in: plain records of domain values. */
    record Counted(List<IncidentId> incidents, long calls) {}

    private static final Map<String, Class<?>> TYPES = Map.of("counted", Counted.class);

    private static void fill(EventStore log) {
        log.append(SampleEvents.recorded(1, 40));
        log.saveSnapshot(
                SampleEvents.snapshot(20, log.hashAt(20)),
                List.of(new SnapshotPart("counted", new Counted(List.of(SampleEvents.STABBING), 7))));
        log.saveSnapshot(
                SampleEvents.snapshot(30, log.hashAt(30)),
                List.of(new SnapshotPart("counted", new Counted(List.of(SampleEvents.STABBING), 9))));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void partsComeBackWithTheirSnapshotAsTheTypeAskedFor(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            fill(log);

            SavedSnapshot at25 = log.findSnapshotAtOrBefore(25, TYPES).orElseThrow();
            assertThat(at25.sequence()).isEqualTo(20);
            assertThat(at25.state()).isEqualTo(SampleEvents.snapshot(20, log.hashAt(20)));
            assertThat(at25.findPart("counted", Counted.class))
                    .contains(new Counted(List.of(SampleEvents.STABBING), 7));
            assertThat(log.findSnapshotAtOrBefore(40, TYPES).orElseThrow().findPart("counted", Counted.class))
                    .contains(new Counted(List.of(SampleEvents.STABBING), 9));
            assertThat(log.findSnapshotAtOrBefore(40, Map.of()).orElseThrow().parts())
                    .as("a part not asked for is left out")
                    .isEmpty();
            assertThat(log.findSnapshotAtOrBefore(19, TYPES)).isEmpty();
            assertThat(log.findLatestSnapshot().orElseThrow().sequence()).isEqualTo(30);

            // kept compressed: a fraction of the JSON it holds
            int stored = SnapshotRows.storedBytes(config, 20);
            int text = SnapshotRows.content(config, 20).length();
            assertThat(stored).isLessThan(text / 2);
            assertThat(log.audit(AuditScope.WHOLE_LOG)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedPartIsRefusedLikeAnEditedState(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            fill(log);
            assertThat(SnapshotRows.content(config, 30)).contains("\"projections\":{\"counted\":");
            SnapshotRows.replace(config, 30, "\"calls\":9", "\"calls\":2");

            assertThatThrownBy(() -> log.findSnapshotAtOrBefore(35, TYPES))
                    .isInstanceOf(TamperedLogException.class)
                    .hasMessageContaining("the snapshot at 30 was changed")
                    .hasMessageContaining("digest");
            assertThatThrownBy(log::findLatestSnapshot).isInstanceOf(TamperedLogException.class);
            assertThat(log.findSnapshotAtOrBefore(25, TYPES).orElseThrow().findPart("counted", Counted.class))
                    .as("the older snapshot is intact")
                    .contains(new Counted(List.of(SampleEvents.STABBING), 7));
            for (AuditScope scope : AuditScope.values()) {
                assertThat(log.audit(scope))
                        .extracting(AuditFinding::kind, AuditFinding::sequence)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SNAPSHOT_CHANGED, 30L));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCompressedRowThatIsNotGzipIsNamed(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            fill(log);
            try (var c = TestDatabases.connect(config);
                    var update = c.prepareStatement("UPDATE snapshots SET payload_gz = ? WHERE sequence = 30")) {
                update.setBytes(1, new byte[] {1, 2, 3});
                update.executeUpdate();
            }

            assertThatThrownBy(log::findLatestSnapshot)
                    .isInstanceOf(TamperedLogException.class)
                    .hasMessageContaining("the snapshot at 30 was changed");
            assertThat(log.audit(AuditScope.WHOLE_LOG))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SNAPSHOT_CHANGED, 30L));
        }
    }
}
