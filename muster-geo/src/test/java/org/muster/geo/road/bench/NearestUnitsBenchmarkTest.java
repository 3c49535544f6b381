package org.muster.geo.road.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.muster.geo.road.RandomStreetGrid;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.SharedRutland;

class NearestUnitsBenchmarkTest {
    @Test
    void measuresBothMethodsOnTheSameIncidents(@TempDir Path dir) {
        Path osm = RandomStreetGrid.write(3, dir);
        RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                .withMinNetworkSize(10)
                .withShowProgress(false);
        try (RoadNetwork network = RoadNetwork.load(osm, config)) {
            var settings = new NearestUnitsBenchmark.Settings(20, 30, 3, 5, RoadProfile.CAR, 9);
            NearestUnitsBenchmark.Result result = NearestUnitsBenchmark.run(network, settings);

            assertThat(result.settings()).isEqualTo(settings);
            assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
            assertThat(result.baselineP50Millis()).isPositive().isLessThanOrEqualTo(result.baselineP99Millis());
            assertThat(result.speedup()).isEqualTo(result.baselineP50Millis() / result.p50Millis());
            assertThat(result.sameFirstShare())
                    .as("both rank the same unit first")
                    .isEqualTo(1.0);
        }
    }

    @Test
    void percentilesTakeTheNearestRank() {
        long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000};
        assertThat(NearestUnitsBenchmark.percentileMillis(nanos, 50)).isEqualTo(3.0);
        assertThat(NearestUnitsBenchmark.percentileMillis(nanos, 99)).isEqualTo(5.0);
        assertThat(NearestUnitsBenchmark.percentileMillis(nanos, 1)).isEqualTo(1.0);
    }

    /** The target setting, run on demand: {@code -Dmuster.bench=true}. */
    @Test
    @EnabledIfSystemProperty(named = "muster.bench", matches = "true")
    void rutlandWithTwoHundredUnits() {
        RoadNetwork network = SharedRutland.network();
        int queries = Integer.getInteger("muster.bench.queries", 500);
        NearestUnitsBenchmark.Result result =
                NearestUnitsBenchmark.run(network, NearestUnitsBenchmark.Settings.of(200, queries, 42));
        System.err.println("Rutland: " + result);
        assertThat(result.sameFirstShare()).isGreaterThan(0.95);
    }
}
