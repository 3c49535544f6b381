package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.InvalidInputException;
import org.muster.store.AuditFinding;
import org.muster.store.AuditProgress;
import org.muster.store.AuditRange;
import org.muster.store.StoreConfig;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/**
 * The parallel audit against the plain one: one walk of the chain from the start ({@link
 * LogAudit#checkChain}) must name the same first broken link, whatever is changed where, and a range checks
 * only its own events.
 */
class RangeAuditTest {
    /** Several chunks: the parallel path, not the single walk a short log takes. */
    private static final int EVENTS = 4 * RangeAudit.MIN_CHUNK + 1_234;

    private static StoreConfig filled(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            for (int first = 1; first <= EVENTS; first += 5_000)
                log.append(SampleEvents.recorded(first, Math.min(5_000, EVENTS - first + 1)));
        }
        return config;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void namesTheSameFirstBrokenLinkAsOneWalkFromTheStart(Backend backend) throws SQLException {
        StoreConfig config = filled(backend);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            AtomicLong lastTold = new AtomicLong();
            AtomicLong totalTold = new AtomicLong();
            AuditProgress progress = (checked, total) -> {
                lastTold.accumulateAndGet(checked, Math::max);
                totalTold.set(total);
            };
            assertThat(log.audit(AuditRange.all(), progress)).isEmpty();
            assertThat(totalTold.get()).isEqualTo(EVENTS);
            assertThat(lastTold.get()).as("every event checked").isEqualTo(EVENTS);

            unguard(config, backend);
            // changes, later ones further up the log than earlier ones and the other way round
            for (int round = 0; round < 6; round++) {
                long at = 2 + random.nextInt(EVENTS - 2);
                String change = switch (round % 3) {
                    case 0 -> "UPDATE events SET reason = reason || ' (edited)' WHERE sequence = ?";
                    case 1 -> "DELETE FROM events WHERE sequence = ?";
                    // a real hash, of the row before it
                    default ->
                        "UPDATE events SET hash = (SELECT p.hash FROM events p WHERE p.sequence < events.sequence"
                                + " ORDER BY p.sequence DESC LIMIT 1) WHERE sequence = ?";
                };
                execute(config, change, at);

                Optional<AuditFinding> reference = reference(config);
                List<AuditFinding> found = log.audit(AuditRange.all(), AuditProgress.NONE);
                assertThat(reference)
                        .as("seed %d, round %d: a change at %d", seed, round, at)
                        .isPresent();
                assertThat(found)
                        .as("seed %d, round %d: a change at %d", seed, round, at)
                        .first()
                        .isEqualTo(reference.get());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRangeChecksItsOwnEventsFromTheHashStoredBeforeIt(Backend backend) throws SQLException {
        StoreConfig config = filled(backend);
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            unguard(config, backend);
            execute(config, "UPDATE events SET reason = reason || ' (edited)' WHERE sequence = ?", 30_000);
            execute(config, "UPDATE events SET reason = reason || ' (edited)' WHERE sequence = ?", 70_000);

            assertThat(log.audit(new AuditRange(40_000, 60_000), AuditProgress.NONE))
                    .isEmpty();
            assertThat(log.audit(new AuditRange(30_001, 69_999), AuditProgress.NONE))
                    .as("the edited event before it is not in the range; its stored hash still chains on")
                    .isEmpty();
            assertThat(log.audit(AuditRange.from(40_000), AuditProgress.NONE))
                    .extracting(AuditFinding::sequence)
                    .containsExactly(70_000L);
            assertThat(log.audit(AuditRange.all(), AuditProgress.NONE))
                    .extracting(AuditFinding::sequence)
                    .first()
                    .isEqualTo(30_000L);

            execute(config, "DELETE FROM events WHERE sequence = ?", 49_999);
            assertThat(log.audit(new AuditRange(50_000, 60_000), AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditFinding.Kind.EVENTS_MISSING, 49_999L));

            assertThatThrownBy(() -> log.audit(new AuditRange(1, EVENTS + 1), AuditProgress.NONE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("to")
                    .hasMessageContaining(Long.toString(EVENTS + 1));
            assertThatThrownBy(() -> new AuditRange(10, 9))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("to");
            assertThatThrownBy(() -> new AuditRange(0, 9)).isInstanceOf(InvalidInputException.class);
        }
    }

    /** The plain reference: one walk from the first event. */
    private static Optional<AuditFinding> reference(StoreConfig config) throws SQLException {
        try (Connection c = TestDatabases.connect(config)) {
            return LogAudit.checkChain(c, 0, "");
        }
    }

    private static void unguard(StoreConfig config, Backend backend) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                Statement statement = c.createStatement()) {
            switch (backend) {
                case SQLITE -> {
                    statement.execute("DROP TRIGGER events_no_update");
                    statement.execute("DROP TRIGGER events_no_delete");
                }
                case POSTGRESQL -> statement.execute("DROP TRIGGER events_no_change ON events");
            }
        }
    }

    private static void execute(StoreConfig config, String sql, long sequence) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setLong(1, sequence);
            statement.executeUpdate();
        }
    }
}
