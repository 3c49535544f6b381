package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.TestCells;
import org.muster.geo.cell.CellIndex;

class HotspotDetectorTest {
    private static final CellIndex GRID = TestCells.grid();
    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final IncidentTypeCode OBSTRUCTED = IncidentTypeCode.of("OBSTRUCTED_ACCESS");
    private static final IncidentTypeCode DISORDER = IncidentTypeCode.of("PUBLIC_DISORDER");
    // About 17 km by 17 km of Birmingham: some 400 cells at resolution 8.
    private static final double SOUTH = 52.40, NORTH = 52.56, WEST = -2.00, EAST = -1.75;
    private static final GeoPoint TARGET = GeoPoint.of(52.4862, -1.8904);
    /** Hostile or obstructed incidents per hour over the whole area. */
    private static final double BACKGROUND_PER_HOUR = 2.0;

    private static final int STUDY_BINS = 168;
    private static final OrganisationId POLICE = OrganisationId.of("WMP");

    @Test
    void findsAnInjectedClusterInTheRightCells() {
        long targetCell = GRID.cellOf(TARGET, 8);
        var neighbourhood = GRID.listDisk(targetCell, 1);
        var allowed = GRID.listDisk(targetCell, 2).stream().map(GRID::address).toList();
        for (long seed = 1; seed <= 5; seed++) {
            var random = new SplittableRandom(seed);
            var detector = new HotspotDetector(
                    HotspotConfig.DEFAULTS, GRID, T0, seed, (p, org) -> Optional.of(ZoneId.of("BHAM-C")));
            var alerts = new ArrayList<HotspotAlert>();
            for (int bin = 0; bin < STUDY_BINS; bin++) {
                Instant start = T0.plus(HOUR.multipliedBy(bin));
                feedBackground(detector, random, start);
                if (bin >= STUDY_BINS - 2) {
                    // Four incidents an hour for two hours in the target's cell and its six neighbours.
                    for (int i = 0; i < 4; i++) {
                        long cell = neighbourhood.get(random.nextInt(neighbourhood.size()));
                        detector.observe(start.plusSeconds(900L * i + 1), GRID.centreOf(cell), DISORDER, POLICE);
                    }
                }
                var closed = detector.advanceTo(start.plus(HOUR));
                if (bin < STUDY_BINS - 2) {
                    assertThat(closed)
                            .as("alert before the cluster, seed %d", seed)
                            .isEmpty();
                }
                alerts.addAll(closed);
            }
            assertThat(alerts).as("the injected cluster, seed %d", seed).isNotEmpty();
            var found = alerts.getLast();
            System.out.printf("seed %d: %s%n", seed, found.summary());
            assertThat(found.cells()).as("seed %d", seed).contains(GRID.address(targetCell));
            assertThat(allowed).as("cells near the cluster, seed %d", seed).containsAll(found.cells());
            assertThat(found.count()).as("seed %d", seed).isGreaterThanOrEqualTo(4);
            assertThat(found.ratio()).isGreaterThan(2);
            assertThat(found.pValue()).isLessThanOrEqualTo(0.001);
            assertThat(found.replications()).isEqualTo(999);
            assertThat(found.raisedAt()).isEqualTo(T0.plus(HOUR.multipliedBy(STUDY_BINS)));
            assertThat(found.proposedAction()).hasValueSatisfying(action -> {
                assertThat(action.zone()).isEqualTo(ZoneId.of("BHAM-C"));
                assertThat(action.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
            });
        }
    }

    @Test
    void findsNothingInAUniformBackground() {
        int scannedBins = 24;
        int alerts = 0;
        for (long seed = 1; seed <= 5; seed++) {
            var random = new SplittableRandom(seed);
            var detector = new HotspotDetector(HotspotConfig.DEFAULTS, GRID, T0, seed);
            for (int bin = 0; bin < STUDY_BINS + scannedBins; bin++) {
                Instant start = T0.plus(HOUR.multipliedBy(bin));
                feedBackground(detector, random, start);
                var closed = detector.advanceTo(start.plus(HOUR));
                for (var a : closed) System.out.printf("seed %d false alarm: %s%n", seed, a.summary());
                alerts += closed.size();
            }
        }
        assertThat(alerts)
                .as("false alarms in 5 seeds × %d hourly scans", STUDY_BINS + scannedBins)
                .isZero();
    }

    @Test
    void ignoresTypesItDoesNotScanAndReplaysTheSameAlerts() {
        List<List<HotspotAlert>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            var random = new SplittableRandom(7);
            var detector = new HotspotDetector(HotspotConfig.DEFAULTS, GRID, T0, 99);
            var alerts = new ArrayList<HotspotAlert>();
            for (int bin = 0; bin < 48; bin++) {
                Instant start = T0.plus(HOUR.multipliedBy(bin));
                feedBackground(detector, random, start);
                // Falls at the target: not a hostile type, never a hotspot.
                for (int i = 0; i < 10; i++)
                    detector.observe(start.plusSeconds(i), TARGET, IncidentTypeCode.of("FALL"), POLICE);
                if (bin == 47) {
                    for (int i = 0; i < 6; i++) detector.observe(start.plusSeconds(i), TARGET, OBSTRUCTED, POLICE);
                }
                // The second run closes bins in bigger steps: the result must not change.
                if (run == 0 || bin % 3 == 2) alerts.addAll(detector.advanceTo(start.plus(HOUR)));
            }
            alerts.addAll(detector.advanceTo(T0.plus(HOUR.multipliedBy(48))));
            runs.add(alerts);
        }
        assertThat(runs.get(0)).hasSize(1).isEqualTo(runs.get(1));
        var alert = runs.get(0).getFirst();
        assertThat(alert.cells()).contains(GRID.address(GRID.cellOf(TARGET, 8)));
        assertThat(alert.count()).isEqualTo(6);
        assertThat(alert.windowBins()).isEqualTo(1);
        assertThat(alert.proposedAction()).isEmpty();
        assertThat(alert.key()).startsWith("hotspot:");
    }

    @Test
    void refusesABadConfigurationNamingEveryFieldValueAndRule() {
        assertThatThrownBy(() -> new HotspotConfig(16, 1, HOUR, 10, 6, 99, 0.001, 0, 2, 3, java.util.Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("h3Resolution='16': must be from 0 to 15")
                .hasMessageContaining("studyBins='10': must be from twice maxWindowBins (12) to 10000")
                .hasMessageContaining("alpha='0.001': must be at least 1 / (replications + 1) = 0.01")
                .hasMessageContaining("minCases='0'");
    }

    private static void feedBackground(HotspotDetector detector, RandomGenerator random, Instant binStart) {
        int n = Streams.poisson(random, BACKGROUND_PER_HOUR);
        for (int i = 0; i < n; i++) {
            var where = GeoPoint.of(
                    SOUTH + random.nextDouble() * (NORTH - SOUTH), WEST + random.nextDouble() * (EAST - WEST));
            detector.observe(
                    binStart.plusSeconds(random.nextLong(3_600)), where, i % 2 == 0 ? OBSTRUCTED : DISORDER, POLICE);
        }
    }
}
