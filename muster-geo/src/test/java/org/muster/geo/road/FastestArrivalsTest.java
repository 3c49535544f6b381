package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

/** Edge cases of the k-fastest search that random pairs rarely hit. */
class FastestArrivalsTest {
    @TempDir
    static Path dir;

    static RoadNetwork network;
    static SnappedLocation incident;

    @BeforeAll
    static void load() {
        network = RoadNetwork.load(
                RandomStreetGrid.write(8, dir),
                RoadNetworkConfig.defaults(dir.resolve("cache"))
                        .withContractionHierarchies(false)
                        .withMinNetworkSize(10)
                        .withShowProgress(false));
        incident = network.snap(GeoPoint.of(52.6052, -0.6861));
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void noOriginsMeansNoArrivals() {
        OriginIndex<String> none = network.indexOrigins(List.of());
        assertThat(network.listFastestArrivals(incident, none, key -> true, ArrivalQuery.all(RoadProfile.CAR)))
                .isEmpty();
    }

    @Test
    void anOriginAtTheDestinationArrivesAtOnce() {
        SnappedLocation same = network.snap(incident.requested());
        OriginIndex<String> index = network.indexOrigins(List.of(new Origin<>("here", same)));
        List<Arrival<String>> arrivals =
                network.listFastestArrivals(incident, index, key -> true, ArrivalQuery.fastest(RoadProfile.CAR, 1));
        assertThat(arrivals).containsExactly(new Arrival<>("here", 0, 0));
    }

    @Test
    void originsAtOnePlaceTieAndBothCount() {
        SnappedLocation station = network.snap(GeoPoint.of(52.6003, -0.6990));
        OriginIndex<String> index =
                network.indexOrigins(List.of(new Origin<>("first", station), new Origin<>("second", station)));
        List<Arrival<String>> arrivals = network.listFastestArrivals(
                incident, index, key -> true, ArrivalQuery.fastest(RoadProfile.EMERGENCY, 5));
        assertThat(arrivals).extracting(Arrival::key).containsExactlyInAnyOrder("first", "second");
        assertThat(arrivals.get(0).travelTimeMillis())
                .isEqualTo(arrivals.get(1).travelTimeMillis())
                .isPositive();
        assertThat(arrivals.get(0).travelTime())
                .isEqualTo(Duration.ofMillis(arrivals.get(0).travelTimeMillis()));
    }

    @Test
    void emergencyVehiclesAreFasterThanCars() {
        SnappedLocation station = network.snap(GeoPoint.of(52.6003, -0.6990));
        OriginIndex<String> index = network.indexOrigins(List.of(new Origin<>("unit", station)));
        long car = network.listFastestArrivals(incident, index, key -> true, ArrivalQuery.all(RoadProfile.CAR))
                .getFirst()
                .travelTimeMillis();
        long emergency = network.listFastestArrivals(
                        incident, index, key -> true, ArrivalQuery.all(RoadProfile.EMERGENCY))
                .getFirst()
                .travelTimeMillis();
        assertThat(emergency).isLessThan(car);
    }

    @Test
    void theFilterIsAskedOnlyAboutOriginsTheSearchReaches() {
        SnappedLocation near = network.snap(GeoPoint.of(52.6050, -0.6870));
        SnappedLocation far = network.snap(network.bounds().northEast()); // kilometres away
        OriginIndex<String> index = network.indexOrigins(List.of(new Origin<>("near", near), new Origin<>("far", far)));
        java.util.Set<String> asked = new java.util.HashSet<>();
        List<Arrival<String>> arrivals = network.listFastestArrivals(
                incident,
                index,
                key -> asked.add(key) || true,
                ArrivalQuery.all(RoadProfile.CAR).withMaxTravelTime(Duration.ofSeconds(60)));
        assertThat(arrivals).extracting(Arrival::key).containsExactly("near");
        assertThat(asked).doesNotContain("far");
    }

    @Test
    void queriesAreChecked() {
        assertThatThrownBy(() -> ArrivalQuery.fastest(RoadProfile.CAR, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> ArrivalQuery.all(RoadProfile.CAR).withMaxTravelTime(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maxTravelTime");
        assertThatThrownBy(() -> EmergencySpeeds.defaults().withFactor(RoadClass.PRIMARY, 7))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("emergencySpeeds.factorByRoadClass.primary");
    }
}
