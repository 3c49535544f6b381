package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.GeoPoint;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.log.PositionTrack.Fix;
import org.muster.domain.unit.UnitId;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/** The position track beside the log, on every backend: latest, sampled trail, history, pruning. */
class PositionTrackStoreTest {
    private static final UnitId ARV = UnitId.of("ARV-1");
    private static final UnitId AMB = UnitId.of("AMB-1");
    private static final Instant T0 = Instant.parse("2026-11-22T16:00:00Z");

    private static Fix fix(UnitId unit, double lat, Instant at) {
        return new Fix(unit, GeoPoint.of(lat, -1.905_000_000_001), at);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsTheLatestFixOfEachUnitExactly(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        Fix first = fix(ARV, 52.480_123_456_789, T0.plusNanos(123_456_789));
        Fix later = fix(ARV, 52.49, T0.plusSeconds(5));
        Fix other = fix(AMB, 52.5, T0.plusSeconds(2));
        try (EventStore log = EventLogs.open(config)) {
            log.positions().record(List.of(first, other));
            log.positions().record(List.of(later));
            // an older fix arriving late does not replace a newer one
            log.positions().record(List.of(fix(ARV, 52.0, T0.plusSeconds(1))));
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.positions().findLatest(ARV)).contains(later);
            assertThat(log.positions().findLatest(UnitId.of("NONE"))).isEmpty();
            assertThat(log.positions().listLatest()).containsExactlyInAnyOrder(later, other);
            assertThat(log.lastSequence()).as("nothing in the log").isZero();
        }
        // exact to the nanosecond and the last bit of a coordinate
        try (EventStore log = EventLogs.open(config)) {
            log.positions().record(List.of(new Fix(ARV, first.point(), T0.plusSeconds(9))));
            assertThat(log.positions().findLatest(ARV)).contains(new Fix(ARV, first.point(), T0.plusSeconds(9)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theTrailKeepsTheFirstFixOfEachIntervalAndAlwaysTheLatest(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            PositionTrack track = log.positions();
            assertThat(track.interval()).isEqualTo(PositionTrack.DEFAULT_INTERVAL);
            List<Fix> fixes = List.of(
                    fix(ARV, 52.0, T0),
                    fix(ARV, 52.1, T0.plusSeconds(10)),
                    fix(ARV, 52.2, T0.plusSeconds(29)),
                    fix(ARV, 52.3, T0.plusSeconds(31)),
                    fix(ARV, 52.4, T0.plusSeconds(45)));
            track.record(fixes);
            track.record(List.of(fix(AMB, 53.0, T0.plusSeconds(12))));

            assertThat(track.listTrail(ARV, T0, T0.plusSeconds(60)))
                    .containsExactly(fixes.get(0), fixes.get(3), fixes.get(4));
            assertThat(track.listTrail(ARV, T0.plusSeconds(1), T0.plusSeconds(40)))
                    .containsExactly(fixes.get(3));
            assertThat(track.listTrail(ARV, T0.plusSeconds(46), T0.plusSeconds(100)))
                    .isEmpty();

            // a minute's sampling: one fix a minute, and the latest
            PositionTrack minutely = track.withInterval(Duration.ofMinutes(1));
            minutely.record(List.of(
                    fix(ARV, 52.5, T0.plusSeconds(130)),
                    fix(ARV, 52.6, T0.plusSeconds(150)),
                    fix(ARV, 52.7, T0.plusSeconds(170))));
            assertThat(minutely.listTrail(ARV, T0.plusSeconds(100), T0.plusSeconds(200)))
                    .extracting(f -> f.point().lat())
                    .containsExactly(52.5, 52.7);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void answersWhereEachUnitWasAtAnInstant(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            PositionTrack track = log.positions();
            Fix a0 = fix(ARV, 52.0, T0);
            Fix a1 = fix(ARV, 52.1, T0.plusSeconds(40));
            Fix a2 = fix(ARV, 52.2, T0.plusSeconds(50)); // only the latest: same interval as a1
            Fix b0 = fix(AMB, 53.0, T0.plusSeconds(20));
            track.record(List.of(a0, b0, a1, a2));

            assertThat(track.listAtOrBefore(List.of(ARV, AMB), T0.plusSeconds(10)))
                    .containsExactly(a0);
            assertThat(track.listAtOrBefore(List.of(ARV, AMB), T0.plusSeconds(45)))
                    .containsExactlyInAnyOrder(a1, b0);
            assertThat(track.listAtOrBefore(List.of(ARV), T0.plusSeconds(50))).containsExactly(a2);
            assertThat(track.listAtOrBefore(List.of(ARV, AMB), T0.minusSeconds(1)))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pruningRemovesOldTrailFixesButNeverALatestOneOrAnEvent(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            log.append(SampleEvents.recorded(1, 5));
            PositionTrack track = log.positions();
            // three hours of a fix a minute: more than one prune step
            for (int minute = 0; minute < 180; minute++)
                track.record(List.of(fix(ARV, 52.0 + minute / 1000.0, T0.plusSeconds(60L * minute))));
            track.record(List.of(fix(AMB, 53.0, T0)));

            long removed = track.prune(T0.plusSeconds(60L * 120));

            assertThat(removed).isEqualTo(121); // ARV's first 120 minutes and AMB's only trail fix
            assertThat(track.listTrail(ARV, T0, T0.plusSeconds(60L * 180))).hasSize(60);
            assertThat(track.listTrail(ARV, T0, T0.plusSeconds(60L * 180))
                            .getFirst()
                            .at())
                    .isEqualTo(T0.plusSeconds(60L * 120));
            assertThat(track.findLatest(AMB)).contains(fix(AMB, 53.0, T0));
            assertThat(track.listTrail(AMB, T0, T0))
                    .as("the latest is always in the trail")
                    .hasSize(1);
            assertThat(track.prune(T0.plusSeconds(60L * 120))).isZero();
            assertThat(log.lastSequence()).isEqualTo(5);
        }
    }
}
