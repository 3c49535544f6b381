package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;

/**
 * Closures placed on the roads without changing them: the short street of {@link Corridor} closed by a
 * point on it, a line along it or an area over it sends the search round the detour; the same network
 * asked without the closure goes through again at once.
 */
class ClosedRoadsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    static Path dir;

    static RoadNetwork network;

    @BeforeAll
    static void load() throws Exception {
        network = RoadNetwork.load(
                Corridor.write(dir, "open", Map.of(), Map.of()),
                RoadNetworkConfig.defaults(dir.resolve("cache"))
                        .withContractionHierarchies(false)
                        .withMinNetworkSize(0)
                        .withShowProgress(false));
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void withNothingClosedTheShortStreetIsTaken() {
        assertThat(distance(Corridor.WEST, ClosedRoads.none())).isBetween(360.0, 440.0);
    }

    @Test
    void aPointOnTheStreetClosesItAndTheSearchGoesRound() {
        ClosedRoads closed = network.closeRoads(List.of(closure("p", ClosureKind.ROAD, List.of(Corridor.MIDDLE))));
        assertThat(closed.stretches()).containsEntry(RoadClosureId.of("p"), 1);
        assertThat(distance(Corridor.WEST, closed)).isBetween(3400.0, 4200.0);
        assertThat(timeMillis(Corridor.WEST, closed)).isGreaterThan(5 * timeMillis(Corridor.WEST, ClosedRoads.none()));
        // the graph itself is untouched: the next query without the closure goes through
        assertThat(distance(Corridor.WEST, ClosedRoads.none())).isBetween(360.0, 440.0);
    }

    @Test
    void aLineAlongTheStreetClosesItButNotTheRoadsMeetingItsEnds() {
        ClosedRoads closed =
                network.closeRoads(List.of(closure("l", ClosureKind.ROAD, List.of(Corridor.WEST, Corridor.EAST))));
        assertThat(closed.stretches()).containsEntry(RoadClosureId.of("l"), 1);
        assertThat(distance(Corridor.WEST, closed)).isBetween(3400.0, 4200.0);
    }

    @Test
    void anAreaOverTheStreetClosesEveryRoadInIt() {
        ClosedRoads closed =
                network.closeRoads(List.of(closure("a", ClosureKind.AREA, Corridor.MIDDLE.squareAround(100))));
        assertThat(closed.stretches()).containsEntry(RoadClosureId.of("a"), 1);
        assertThat(distance(Corridor.WEST, closed)).isBetween(3400.0, 4200.0);
    }

    @Test
    void anAreaOverEveryWayRoundLeavesNoRoute() {
        ClosedRoads closed = network.closeRoads(List.of(
                closure("a", ClosureKind.AREA, Corridor.MIDDLE.squareAround(100)),
                closure("b", ClosureKind.ROAD, List.of(GeoPoint.of(52.6153, -0.697)))));
        assertThat(closed.closedStretchCount()).isEqualTo(2);
        assertThat(arrivals(Corridor.WEST, closed)).isEmpty();
    }

    @Test
    void aUnitStandingOnAClosedStreetCanStillDriveOff() {
        ClosedRoads closed =
                network.closeRoads(List.of(closure("a", ClosureKind.AREA, Corridor.MIDDLE.squareAround(100))));
        GeoPoint onIt = GeoPoint.of(52.60, -0.6985);
        assertThat(arrivals(onIt, closed)).hasSize(1);
    }

    @Test
    void aClosureAwayFromEveryRoadClosesNothing() {
        ClosedRoads closed =
                network.closeRoads(List.of(closure("far", ClosureKind.ROAD, List.of(GeoPoint.of(52.70, -0.70)))));
        assertThat(closed.stretches()).containsEntry(RoadClosureId.of("far"), 0);
        assertThat(distance(Corridor.WEST, closed)).isBetween(360.0, 440.0);
    }

    @Test
    void closuresPlacedOnAnotherNetworkAreRefused() throws Exception {
        try (RoadNetwork other = RoadNetwork.load(
                Corridor.write(dir, "other", Map.of("highway", "tertiary"), Map.of()),
                RoadNetworkConfig.defaults(dir.resolve("cache"))
                        .withContractionHierarchies(false)
                        .withMinNetworkSize(0)
                        .withShowProgress(false))) {
            ClosedRoads foreign = other.closeRoads(List.of(closure("p", ClosureKind.ROAD, List.of(Corridor.MIDDLE))));
            assertThatThrownBy(() -> arrivals(Corridor.WEST, foreign)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aUnitsReachGoesRoundAClosure() {
        ClosedRoads closed =
                network.closeRoads(List.of(closure("a", ClosureKind.AREA, Corridor.MIDDLE.squareAround(100))));
        SnappedLocation west = network.snap(Corridor.WEST);
        SnappedLocation east = network.snap(Corridor.EAST);
        long open = network.reach(west, RoadProfile.EMERGENCY, Duration.ofMinutes(30))
                .findTravelTimeMillis(east)
                .orElseThrow();
        long round = network.reach(west, RoadProfile.EMERGENCY, Duration.ofMinutes(30), closed)
                .findTravelTimeMillis(east)
                .orElseThrow();
        assertThat(round).isEqualTo(timeMillis(Corridor.WEST, closed)).isGreaterThan(5 * open);
        // within the open street's time, the far end is out of reach while the street is closed
        assertThat(network.reach(west, RoadProfile.EMERGENCY, Duration.ofMillis(open + 1000), closed)
                        .findTravelTimeMillis(east))
                .isEmpty();
    }

    @Test
    void aReachTouchesAClosureOnlyWhenItCameToAJunctionAtItsEnds() {
        ClosedRoads closed = network.closeRoads(List.of(closure("p", ClosureKind.ROAD, List.of(Corridor.MIDDLE))));
        // on the detour, 1.7 km north of the street, between two of its bends
        SnappedLocation north = network.snap(GeoPoint.of(52.60 + 1700 / 111_200.0, -0.697));
        assertThat(closed.hasEndWithin(network.reach(north, RoadProfile.EMERGENCY, Duration.ofSeconds(1))
                        .bounds()))
                .isFalse();
        assertThat(closed.hasEndWithin(network.reach(north, RoadProfile.EMERGENCY, Duration.ofMinutes(30))
                        .bounds()))
                .isTrue();
        assertThat(ClosedRoads.none()
                        .hasEndWithin(network.reach(north, RoadProfile.EMERGENCY, Duration.ofMinutes(30))
                                .bounds()))
                .isFalse();
    }

    @Test
    void aPointToPointRouteGoesRoundAClosureAndAgreesWithTheSearch() {
        ClosedRoads closed = network.closeRoads(List.of(closure("p", ClosureKind.ROAD, List.of(Corridor.MIDDLE))));
        Route round = network.findRoute(RoadProfile.EMERGENCY, Corridor.WEST, Corridor.EAST, closed)
                .orElseThrow();
        assertThat(round.distanceMeters()).isBetween(3400.0, 4200.0);
        assertThat(round.travelTimeMillis()).isCloseTo(timeMillis(Corridor.WEST, closed), within(1000L));
        RouteShape shape = network.findRouteShape(RoadProfile.EMERGENCY, Corridor.WEST, Corridor.EAST, closed)
                .orElseThrow();
        assertThat(shape.route()).isEqualTo(round);
        // the shape leaves the street's line: the detour runs away from it
        assertThat(shape.points().stream()
                        .mapToDouble(p -> p.distanceMetersTo(Corridor.MIDDLE))
                        .max()
                        .orElse(0))
                .isGreaterThan(500);
        Route open = network.findRoute(RoadProfile.EMERGENCY, Corridor.WEST, Corridor.EAST, ClosedRoads.none())
                .orElseThrow();
        assertThat(open.distanceMeters()).isBetween(360.0, 440.0);
    }

    @Test
    void aRouteCutOffByClosuresIsEmpty() {
        ClosedRoads closed = network.closeRoads(List.of(
                closure("a", ClosureKind.AREA, Corridor.MIDDLE.squareAround(100)),
                closure("b", ClosureKind.ROAD, List.of(GeoPoint.of(52.6153, -0.697)))));
        assertThat(network.findRoute(RoadProfile.EMERGENCY, Corridor.WEST, Corridor.EAST, closed))
                .isEmpty();
    }

    private static RoadClosure closure(String id, ClosureKind kind, List<GeoPoint> points) {
        return new RoadClosure(
                RoadClosureId.of(id), OrganisationId.of("WSP"), kind, points, "flood", NOW, NOW.plusSeconds(3600));
    }

    private static List<Arrival<String>> arrivals(GeoPoint from, ClosedRoads closed) {
        OriginIndex<String> unit = network.indexOrigins(List.of(new Origin<>("unit", network.snap(from))));
        return network.listFastestArrivals(
                network.snap(Corridor.EAST),
                unit,
                key -> true,
                ArrivalQuery.all(RoadProfile.EMERGENCY).withClosedRoads(closed));
    }

    private static double distance(GeoPoint from, ClosedRoads closed) {
        return arrivals(from, closed).getFirst().distanceMeters();
    }

    private static long timeMillis(GeoPoint from, ClosedRoads closed) {
        return arrivals(from, closed).getFirst().travelTimeMillis();
    }
}
