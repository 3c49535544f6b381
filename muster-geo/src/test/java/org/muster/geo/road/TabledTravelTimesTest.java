package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

/**
 * The simulator's tabled travel times against the road search they stand in for, on the Rutland extract:
 * close to the routed time (off by about a cell at each end), and the units ranked in the table's order.
 */
class TabledTravelTimesTest {
    private static final long SEED = 15;

    /** Random points on Rutland's roads. */
    private static List<GeoPoint> pointsOnRoads(RoadNetwork roads, int n) {
        GeoBounds b = roads.bounds();
        SplittableRandom random = new SplittableRandom(SEED);
        List<GeoPoint> out = new ArrayList<>();
        while (out.size() < n) {
            GeoPoint p = GeoPoint.of(
                    b.southWest().lat()
                            + random.nextDouble()
                                    * (b.northEast().lat() - b.southWest().lat()),
                    b.southWest().lon()
                            + random.nextDouble()
                                    * (b.northEast().lon() - b.southWest().lon()));
            roads.findSnap(p).ifPresent(s -> out.add(s.onRoad()));
        }
        return out;
    }

    @Test
    void aTabledTimeIsTheRoadTimeWithinAboutACellAtEachEnd() {
        RoadNetwork roads = SharedRutland.network();
        TabledTravelTimes table = TabledTravelTimes.over(roads);
        List<GeoPoint> points = pointsOnRoads(roads, 60);
        List<Double> relative = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i + 1 < points.size(); i += 2) {
            GeoPoint from = points.get(i);
            GeoPoint to = points.get(i + 1);
            Optional<Route> routed = roads.findRoute(RoadProfile.EMERGENCY, from, to);
            if (routed.isEmpty() || routed.get().distanceMeters() < 3_000) continue;
            Route tabled = table.findTabledRoute(RoadProfile.EMERGENCY, from, to);
            long diff = Math.abs(tabled.travelTimeMillis() - routed.get().travelTimeMillis());
            // a cell is 500 m: its centre is at most ~350 m off, a few hundred metres of road at each end
            assertThat(diff)
                    .as("%s to %s: tabled %s, routed %s", from, to, tabled, routed.get())
                    .isLessThanOrEqualTo(180_000);
            relative.add((double) diff / routed.get().travelTimeMillis());
            compared++;
        }
        assertThat(compared).as("pairs compared").isGreaterThan(15);
        double[] sorted =
                relative.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(sorted[sorted.length / 2]).as("median relative error").isLessThan(0.15);
        assertThat(table.rowsSearched())
                .as("one search per origin cell, not per question")
                .isLessThanOrEqualTo(30);
    }

    @Test
    void fastestArrivalsRankTheOriginsByTheirTabledTimeAndStopAtTheLimit() {
        RoadNetwork roads = SharedRutland.network();
        TabledTravelTimes table = TabledTravelTimes.over(roads);
        List<GeoPoint> points = pointsOnRoads(roads, 21);
        GeoPoint scene = points.getFirst();
        List<Origin<String>> origins = new ArrayList<>();
        for (int i = 1; i < points.size(); i++)
            origins.add(new Origin<>("U" + i, roads.findSnap(points.get(i)).orElseThrow()));
        SnappedLocation destination = roads.findSnap(scene).orElseThrow();

        List<Arrival<String>> arrivals = table.listFastestArrivals(
                destination,
                table.indexOrigins(origins),
                key -> !key.equals("U3"), // one unsuitable unit is skipped, not counted
                ArrivalQuery.fastest(RoadProfile.EMERGENCY, 5));

        assertThat(arrivals).hasSize(5).extracting(Arrival::key).doesNotContain("U3");
        assertThat(arrivals).extracting(Arrival::travelTimeMillis).isSorted();
        long[] all = origins.stream()
                .filter(o -> !o.key().equals("U3"))
                .mapToLong(o -> table.findTabledRoute(
                                RoadProfile.EMERGENCY, o.location().onRoad(), destination.onRoad())
                        .travelTimeMillis())
                .sorted()
                .toArray();
        assertThat(arrivals)
                .extracting(Arrival::travelTimeMillis)
                .containsExactly(Arrays.stream(all).limit(5).boxed().toArray(Long[]::new));
        // the nearest by the table is the nearest by road, or close behind it
        List<Arrival<String>> routed = roads.listFastestArrivals(
                destination,
                roads.indexOrigins(origins),
                key -> !key.equals("U3"),
                ArrivalQuery.fastest(RoadProfile.EMERGENCY, 5));
        assertThat(arrivals.getFirst().travelTimeMillis() - routed.getFirst().travelTimeMillis())
                .isLessThanOrEqualTo(180_000);
    }

    @Test
    void originsThatCannotCountAreNotTimedAndTheAnswerIsTheSame() {
        RoadNetwork roads = SharedRutland.network();
        List<GeoPoint> points = pointsOnRoads(roads, 21);
        SnappedLocation destination = roads.findSnap(points.getFirst()).orElseThrow();
        List<Origin<String>> origins = new ArrayList<>();
        for (int i = 1; i < points.size(); i++)
            origins.add(new Origin<>("U" + i, roads.findSnap(points.get(i)).orElseThrow()));
        // the even units are busy: accept refuses them, and mayAccept says so beforehand
        java.util.function.Predicate<String> mayAccept = key -> Integer.parseInt(key.substring(1)) % 2 == 1;
        ArrivalQuery query = ArrivalQuery.fastest(RoadProfile.EMERGENCY, 4);

        TabledTravelTimes asked = TabledTravelTimes.over(roads);
        List<String> askedAccept = new ArrayList<>();
        List<Arrival<String>> told = asked.listFastestArrivals(
                destination,
                asked.indexOrigins(origins),
                mayAccept,
                key -> askedAccept.add(key) && mayAccept.test(key),
                query);
        TabledTravelTimes plain = TabledTravelTimes.over(roads);
        List<Arrival<String>> untold =
                plain.listFastestArrivals(destination, plain.indexOrigins(origins), mayAccept, query);

        assertThat(told).isEqualTo(untold).hasSize(4);
        assertThat(askedAccept).allMatch(mayAccept);
        // a row per origin cell timed: the busy units' cells were never searched
        assertThat(asked.rowsSearched()).isLessThan(plain.rowsSearched());
        // through the interface's default (a search), both predicates give the answer accept alone gives
        List<Arrival<String>> searched =
                roads.listFastestArrivals(destination, roads.indexOrigins(origins), mayAccept, key -> true, query);
        assertThat(searched)
                .isEqualTo(roads.listFastestArrivals(destination, roads.indexOrigins(origins), mayAccept, query));
    }

    @Test
    void aPointPlacedAgainIsPlacedWhereTheRoadsPlaceItAndIsSearchedOnce() {
        RoadNetwork roads = SharedRutland.network();
        TabledTravelTimes table = TabledTravelTimes.over(roads);
        GeoBounds b = roads.bounds();
        List<GeoPoint> points = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 40; i++)
            points.add(GeoPoint.of(
                    b.southWest().lat()
                            + random.nextDouble()
                                    * (b.northEast().lat() - b.southWest().lat()),
                    b.southWest().lon()
                            + random.nextDouble()
                                    * (b.northEast().lon() - b.southWest().lon())));
        int[] kept = new int[2];
        for (int pass = 0; pass < 2; pass++) {
            for (GeoPoint p : points) {
                Optional<SnappedLocation> fromTable = table.findSnap(p);
                Optional<SnappedLocation> fromRoads = roads.findSnap(p);
                assertThat(fromTable.isPresent()).as("%s placed", p).isEqualTo(fromRoads.isPresent());
                fromTable.ifPresent(t -> {
                    assertThat(t.onRoad())
                            .as("%s on the road", p)
                            .isEqualTo(fromRoads.get().onRoad());
                    assertThat(t.offRoadMeters()).isEqualTo(fromRoads.get().offRoadMeters());
                    // searched from as the roads' own placing is: the same times to the same scene
                    assertThat(roads.findRoute(RoadProfile.EMERGENCY, t.onRoad(), points.getFirst()))
                            .isEqualTo(roads.findRoute(
                                    RoadProfile.EMERGENCY, fromRoads.get().onRoad(), points.getFirst()));
                });
            }
            kept[pass] = roads.placingsKept();
        }
        assertThat(kept[1])
                .as("each point placed once, not once a pass: the second pass placed none afresh")
                .isEqualTo(kept[0]);
        // a point with no road near it is refused as the roads refuse it, naming how far the road is
        GeoPoint sea = GeoPoint.of(b.southWest().lat() - 0.5, b.southWest().lon() - 0.5);
        String roadsSay = catchMessage(() -> roads.snap(sea));
        assertThatThrownBy(() -> table.snap(sea))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(roadsSay);
        assertThatThrownBy(() -> table.snap(sea)).hasMessage(roadsSay);
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void aCellOutsideTheRangeIsRefusedNamingIt() {
        RoadNetwork roads = SharedRutland.network();
        assertThatThrownBy(() -> TabledTravelTimes.over(roads, 50))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cellMeters")
                .hasMessageContaining("50")
                .hasMessageContaining("100 to 10,000 m");
    }
}
