package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

class SnappingTest {
    @TempDir
    static Path dir;

    static RoadNetwork network;

    @BeforeAll
    static void load() {
        network = RandomStreetGrid.load(7, dir);
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void placesANearbyPointOnTheRoad() {
        GeoPoint near = GeoPoint.of(52.6031, -0.6952);
        SnappedLocation snapped = network.snap(near);
        assertThat(snapped.requested()).isEqualTo(near);
        assertThat(snapped.offRoadMeters()).isBetween(0.0, 500.0);
        assertThat(snapped.onRoad().distanceMetersTo(near))
                .isCloseTo(snapped.offRoadMeters(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(network.findSnap(near)).isPresent();
    }

    @Test
    void refusesAPointFarFromAnyRoad() {
        GeoPoint far = GeoPoint.of(52.60, -0.70 - 0.02); // about 1.4 km west of the grid
        assertThat(network.findSnap(far)).isEmpty();
        assertThatThrownBy(() -> network.snap(far))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching(
                        "location='52\\.6,-0\\.72': is 1\\.\\d km from the nearest road; at most 500 m allowed");
    }

    @Test
    void aPointPlacedAgainIsPlacedAlikeWhicheverQuestionCameFirst() {
        // the placing is remembered (RoadNetwork.nearestRoad): the nearest road, then the limit applied to it
        GeoPoint far = GeoPoint.of(52.60, -0.70 - 0.021);
        SnappedLocation nearest = network.findNearestRoad(far).orElseThrow();
        assertThat(nearest.offRoadMeters()).isGreaterThan(500);
        assertThat(network.findSnap(far)).as("remembered, and still too far").isEmpty();
        GeoPoint near = GeoPoint.of(52.6032, -0.6951);
        SnappedLocation first = network.findSnap(near).orElseThrow();
        SnappedLocation again = network.findNearestRoad(near).orElseThrow();
        assertThat(again.onRoad()).isEqualTo(first.onRoad());
        assertThat(again.offRoadMeters()).isEqualTo(first.offRoadMeters());
        // a network that never placed the point places it at the same spot
        RoadNetwork fresh = RoadNetwork.load(network.info().osmFile(), network.config());
        try (fresh) {
            assertThat(fresh.findSnap(near).orElseThrow().onRoad()).isEqualTo(first.onRoad());
            assertThat(fresh.findNearestRoad(far).orElseThrow().onRoad()).isEqualTo(nearest.onRoad());
        }
    }

    @Test
    void refusesAPointWhereNoRoadIsNear() {
        GeoPoint elsewhere = GeoPoint.of(10, 10);
        assertThat(network.findSnap(elsewhere)).isEmpty();
        assertThatThrownBy(() -> network.snap(elsewhere))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("location='10.0,10.0'")
                .hasMessageContaining("at most 500 m allowed");
    }

    @Test
    void theSnappingDistanceIsConfigurable() {
        GeoPoint far = GeoPoint.of(52.60, -0.72);
        RoadNetwork lenient =
                RoadNetwork.load(network.info().osmFile(), network.config().withMaxSnapDistanceMeters(3000));
        try (lenient) {
            assertThat(lenient.info().importedNow())
                    .as("snapping distance does not change the graph")
                    .isFalse();
            assertThat(lenient.findSnap(far)).isPresent();
        }
    }

    @Test
    void aLocationFromAnotherNetworkIsRejected() {
        SnappedLocation here = network.snap(GeoPoint.of(52.6031, -0.6952));
        RoadNetwork other = RoadNetwork.load(network.info().osmFile(), network.config());
        try (other) {
            assertThatThrownBy(() -> other.indexOrigins(List.of(new Origin<>("x", here))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
