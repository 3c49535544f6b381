package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.GeoPoint;

/**
 * Where emergency vehicles may drive that cars may not, and where they may not: one short street between
 * two junctions, tagged as each case says, and a long detour round it open to all. The emergency profile
 * takes the short street exactly when its tags let emergency vehicles through; the car profile goes round
 * whenever they shut cars out. Both GraphHopper's own routing and Muster's one-to-many search are asked.
 */
class EmergencyAccessTest {
    private static final GeoPoint WEST = Corridor.WEST;
    private static final GeoPoint EAST = Corridor.EAST;
    private static final double SHORT_METERS = Corridor.SHORT_METERS;
    private static final double DETOUR_METERS = Corridor.DETOUR_METERS;

    @TempDir
    Path dir;

    enum Case {
        BUS_TRAP(Map.of(), Map.of("barrier", "bus_trap"), true, false),
        BUS_TRAP_CLOSED_TO_EMERGENCY(Map.of(), Map.of("barrier", "bus_trap", "emergency", "no"), false, false),
        BUS_GATE_WAY(Map.of("access", "no", "bus", "yes", "emergency", "yes"), Map.of(), true, false),
        GATE_FOR_EMERGENCY_ONLY(Map.of(), Map.of("barrier", "gate", "access", "no", "emergency", "yes"), true, false),
        MOTOR_VEHICLE_NO_EMERGENCY_YES(Map.of("motor_vehicle", "no", "emergency", "yes"), Map.of(), true, false),
        ACCESS_EMERGENCY(Map.of("access", "emergency"), Map.of(), true, false),
        PEDESTRIAN_SIGNED_FOR_EMERGENCY(Map.of("highway", "pedestrian", "emergency", "yes"), Map.of(), true, false),
        PEDESTRIAN_UNSIGNED(Map.of("highway", "pedestrian"), Map.of(), false, false),
        EMERGENCY_NO(Map.of("emergency", "no"), Map.of(), false, true),
        BOLLARD(Map.of(), Map.of("barrier", "bollard"), false, false),
        OPEN_STREET(Map.of(), Map.of(), true, true);

        final Map<String, String> wayTags;
        final Map<String, String> middleNodeTags;
        final boolean emergencyThrough;
        final boolean carThrough;

        Case(Map<String, String> wayTags, Map<String, String> middleNodeTags, boolean emergency, boolean car) {
            this.wayTags = wayTags;
            this.middleNodeTags = middleNodeTags;
            this.emergencyThrough = emergency;
            this.carThrough = car;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void theShortStreetIsTakenExactlyWhenItsTagsAllowIt(Case tagged) throws IOException {
        try (RoadNetwork network =
                RoadNetwork.load(Corridor.write(dir, tagged.name(), tagged.wayTags, tagged.middleNodeTags), config())) {
            assertRoute(network, RoadProfile.EMERGENCY, tagged.emergencyThrough);
            assertRoute(network, RoadProfile.CAR, tagged.carThrough);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Case.class,
            names = {"BUS_TRAP", "BUS_GATE_WAY"})
    void throughABusGateTheEmergencyVehicleArrivesMuchSoonerThanACarGoingRound(Case tagged) throws IOException {
        try (RoadNetwork network =
                RoadNetwork.load(Corridor.write(dir, tagged.name(), tagged.wayTags, tagged.middleNodeTags), config())) {
            long emergency = arrivalMillis(network, RoadProfile.EMERGENCY);
            long car = arrivalMillis(network, RoadProfile.CAR);
            // 0.4 km at 1.2 times the car's speed against 3.8 km at the car's: about 11 times faster.
            assertThat(car).isGreaterThan(5 * emergency);
        }
    }

    private static void assertRoute(RoadNetwork network, RoadProfile profile, boolean through) {
        Route route = network.findRoute(profile, WEST, EAST).orElseThrow();
        double expected = through ? SHORT_METERS : DETOUR_METERS;
        assertThat(route.distanceMeters())
                .as("%s route, %s", profile, through ? "through the short street" : "round it")
                .isBetween(expected * 0.9, expected * 1.1);
        List<Arrival<String>> arrivals = arrivals(network, profile);
        assertThat(arrivals).hasSize(1);
        assertThat(arrivals.getFirst().travelTimeMillis())
                .as("%s one-to-many search agrees with GraphHopper's route", profile)
                .isCloseTo(route.travelTimeMillis(), org.assertj.core.data.Offset.offset(1000L));
    }

    private static long arrivalMillis(RoadNetwork network, RoadProfile profile) {
        return arrivals(network, profile).getFirst().travelTimeMillis();
    }

    private static List<Arrival<String>> arrivals(RoadNetwork network, RoadProfile profile) {
        OriginIndex<String> unit = network.indexOrigins(List.of(new Origin<>("unit", network.snap(WEST))));
        return network.listFastestArrivals(network.snap(EAST), unit, key -> true, ArrivalQuery.all(profile));
    }

    private RoadNetworkConfig config() {
        return RoadNetworkConfig.defaults(dir.resolve("cache"))
                .withContractionHierarchies(false)
                .withMinNetworkSize(0)
                .withShowProgress(false);
    }
}
