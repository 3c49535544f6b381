package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
    private static final GeoPoint WEST = GeoPoint.of(52.60, -0.70);
    private static final GeoPoint EAST = GeoPoint.of(52.60, -0.694); // about 400 m east
    private static final double SHORT_METERS = 400;
    private static final double DETOUR_METERS = 400 + 2 * 1700;

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
        try (RoadNetwork network = RoadNetwork.load(write(tagged), config())) {
            assertRoute(network, RoadProfile.EMERGENCY, tagged.emergencyThrough);
            assertRoute(network, RoadProfile.CAR, tagged.carThrough);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Case.class,
            names = {"BUS_TRAP", "BUS_GATE_WAY"})
    void throughABusGateTheEmergencyVehicleArrivesMuchSoonerThanACarGoingRound(Case tagged) throws IOException {
        try (RoadNetwork network = RoadNetwork.load(write(tagged), config())) {
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

    /**
     * West and east joined by the short street through a middle node, and by a residential detour 1.7 km
     * north and back.
     */
    private Path write(Case tagged) throws IOException {
        double north = 52.60 + 1700 / 111_200.0;
        StringBuilder osm = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n");
        osm.append(node(1, WEST, Map.of()));
        osm.append(node(2, GeoPoint.of(52.60, -0.697), tagged.middleNodeTags));
        osm.append(node(3, EAST, Map.of()));
        osm.append(node(4, GeoPoint.of(north, WEST.lon()), Map.of()));
        osm.append(node(5, GeoPoint.of(north, EAST.lon()), Map.of()));
        // Stubs west and east, so that the two ends are junctions of roads every profile may drive.
        osm.append(node(6, GeoPoint.of(52.60, -0.703), Map.of()));
        osm.append(node(7, GeoPoint.of(52.60, -0.691), Map.of()));
        Map<String, String> shortStreet = new java.util.TreeMap<>(Map.of("highway", "residential"));
        shortStreet.putAll(tagged.wayTags);
        osm.append(way(1, List.of(1, 2, 3), shortStreet));
        osm.append(way(2, List.of(1, 4, 5, 3), Map.of("highway", "residential")));
        osm.append(way(3, List.of(6, 1), Map.of("highway", "residential")));
        osm.append(way(4, List.of(3, 7), Map.of("highway", "residential")));
        osm.append("</osm>\n");
        Path file = dir.resolve(tagged.name().toLowerCase(Locale.ROOT) + ".osm");
        Files.writeString(file, osm, StandardCharsets.UTF_8);
        return file;
    }

    private static String node(long id, GeoPoint at, Map<String, String> tags) {
        return String.format(
                Locale.ROOT,
                "  <node id=\"%d\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\">%s</node>\n",
                id,
                at.lat(),
                at.lon(),
                tags(tags));
    }

    private static String way(long id, List<Integer> nodes, Map<String, String> tags) {
        String refs = nodes.stream().map(n -> "<nd ref=\"" + n + "\"/>").collect(Collectors.joining());
        return "  <way id=\"" + id + "\" version=\"1\">" + refs + tags(tags) + "</way>\n";
    }

    private static String tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> "<tag k=\"" + e.getKey() + "\" v=\"" + e.getValue() + "\"/>")
                .collect(Collectors.joining());
    }
}
