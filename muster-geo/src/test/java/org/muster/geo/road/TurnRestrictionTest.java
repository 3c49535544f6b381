package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;

/**
 * The one-to-many search honours OpenStreetMap's turn restrictions as GraphHopper imports them, and agrees
 * with GraphHopper's own turn-aware routing (edge-based: contraction hierarchies on the real extracts,
 * flexible bidirectional search on the grids): for seeded random sets of units around one incident, each
 * unit's time within a second of GraphHopper's route, and the same unit first. Each failure names its seed.
 */
class TurnRestrictionTest {
    private static final long TOLERANCE_MILLIS = 1000;

    /**
     * OpenStreetMap relation 12129618 in the Rutland extract (Oakham, July 2022): {@code no_left_turn} from
     * Cold Overton Road (way 890311772, one way, north-east) at node 8275227706 into Barleythorpe Road (way
     * 891686658, one way, north-west). Relations 12129619 and 12129621 restrict the same junction's other
     * arms.
     */
    private static final GeoPoint VIA_NODE_8275227706 = GeoPoint.of(52.6711147, -0.7345452);
    /** Half-way along way 890311772's first stretch, driving towards the junction. */
    private static final GeoPoint ON_COLD_OVERTON_ROAD = GeoPoint.of(52.6710167, -0.7347389);
    /** Half-way along way 891686658's second stretch, driving away from the junction. */
    private static final GeoPoint ON_BARLEYTHORPE_ROAD = GeoPoint.of(52.67116415, -0.734623);

    @Test
    void theKnownNoLeftTurnInOakhamIsNotTaken() {
        RoadNetwork network = SharedRutland.network();
        SnappedLocation unit = network.snap(ON_COLD_OVERTON_ROAD);
        SnappedLocation incident = network.snap(ON_BARLEYTHORPE_ROAD);
        assertThat(unit.offRoadMeters())
                .as("the unit stands on Cold Overton Road")
                .isLessThan(1);
        assertThat(incident.offRoadMeters())
                .as("the call is on Barleythorpe Road")
                .isLessThan(1);
        OriginIndex<String> units = network.indexOrigins(List.of(new Origin<>("U1", unit)));

        for (RoadProfile profile : RoadProfile.values()) {
            assertThat(network.countTurnRestrictions(profile).turns())
                    .as("the three restrictions at the two junctions, for " + profile)
                    .isEqualTo(3);
            long search = network.listFastestArrivals(incident, units, u -> true, ArrivalQuery.all(profile))
                    .getFirst()
                    .travelTimeMillis();
            long graphHopper = network.findRoute(profile, ON_COLD_OVERTON_ROAD, ON_BARLEYTHORPE_ROAD)
                    .orElseThrow()
                    .travelTimeMillis();
            // Through the junction as if the left turn were allowed: to the junction, then from it.
            long leftTurn = network.findRoute(profile, ON_COLD_OVERTON_ROAD, VIA_NODE_8275227706)
                            .orElseThrow()
                            .travelTimeMillis()
                    + network.findRoute(profile, VIA_NODE_8275227706, ON_BARLEYTHORPE_ROAD)
                            .orElseThrow()
                            .travelTimeMillis();
            assertThat(search)
                    .as(profile + ": the search's time is GraphHopper's turn-aware route's")
                    .isCloseTo(graphHopper, org.assertj.core.data.Offset.offset(TOLERANCE_MILLIS));
            assertThat(search)
                    .as(profile + ": the forbidden left turn (" + leftTurn + " ms) is not taken")
                    .isGreaterThan(leftTurn + 5_000);
        }
    }

    @Test
    void matchesGraphHoppersTurnAwareRoutesOnGridsWithManyRestrictions(@TempDir Path dir) {
        Tally tally = new Tally();
        int changedByRestrictions = 0;
        for (long seed : new long[] {8, 15, 21, 42}) {
            RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                    .withContractionHierarchies(false)
                    .withMinNetworkSize(10)
                    .withShowProgress(false);
            try (RoadNetwork restricted =
                            RoadNetwork.load(RandomStreetGrid.writeWithTurnRestrictions(seed, 40, dir), config);
                    RoadNetwork plain = RoadNetwork.load(RandomStreetGrid.write(seed, dir), config)) {
                assertThat(restricted.countTurnRestrictions(RoadProfile.CAR).turns())
                        .as("grid " + seed + " has restrictions")
                        .isGreaterThan(20);
                Random random = new Random(seed);
                for (int set = 0; set < 50; set++) {
                    String where = "grid seed " + seed + ", unit set " + set;
                    changedByRestrictions +=
                            compareUnitSet(restricted, plain, where, random, 12, restricted.bounds(), tally);
                }
            }
        }
        System.err.println(tally.summary("grids") + "; pairs changed by the restrictions: " + changedByRestrictions);
        tally.check();
        assertThat(changedByRestrictions)
                .as("the restrictions change some times, or this test proves nothing")
                .isGreaterThan(tally.pairs / 50);
    }

    /**
     * A unit's reach (what coverage and move-up count) obeys the restrictions too, the last turn onto the
     * destination's own street included, on grids where a quarter of the junctions have a forbidden turn.
     */
    @Test
    void reachObeysTheRestrictionsOnGrids(@TempDir Path dir) {
        int pairs = 0, agreeing = 0, changed = 0;
        List<String> disagreements = new ArrayList<>();
        for (long seed : new long[] {8, 42}) {
            RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                    .withContractionHierarchies(false)
                    .withMinNetworkSize(10)
                    .withShowProgress(false);
            try (RoadNetwork restricted =
                            RoadNetwork.load(RandomStreetGrid.writeWithTurnRestrictions(seed, 40, dir), config);
                    RoadNetwork plain = RoadNetwork.load(RandomStreetGrid.write(seed, dir), config)) {
                Random random = new Random(seed + 100);
                for (int o = 0; o < 25; o++) {
                    RoadProfile profile = random.nextBoolean() ? RoadProfile.CAR : RoadProfile.EMERGENCY;
                    GeoPoint from = snappable(restricted, restricted.bounds(), random);
                    Reach reach = restricted.reach(restricted.snap(from), profile, ArrivalQuery.UNLIMITED);
                    Reach plainReach = plain.reach(plain.snap(from), profile, ArrivalQuery.UNLIMITED);
                    for (int d = 0; d < 20; d++) {
                        GeoPoint to = snappable(restricted, restricted.bounds(), random);
                        Optional<Route> route = restricted.findRoute(profile, from, to);
                        if (route.isEmpty()) continue;
                        pairs++;
                        long ours =
                                reach.findTravelTimeMillis(restricted.snap(to)).orElse(-1);
                        long theirs = route.get().travelTimeMillis();
                        if (Math.abs(ours - theirs) <= TOLERANCE_MILLIS) agreeing++;
                        else if (disagreements.size() < 10)
                            disagreements.add("grid " + seed + " " + profile + " " + from + " to " + to + ": reach "
                                    + ours + " ms, GraphHopper " + theirs + " ms");
                        long before =
                                plainReach.findTravelTimeMillis(plain.snap(to)).orElse(-1);
                        if (Math.abs(ours - before) > TOLERANCE_MILLIS) changed++;
                    }
                }
            }
        }
        String summary = String.format(
                Locale.ROOT,
                "reach on grids: %d of %d pairs within %d ms of GraphHopper (%.2f%%), %d changed by the restrictions%s",
                agreeing,
                pairs,
                TOLERANCE_MILLIS,
                100.0 * agreeing / Math.max(1, pairs),
                changed,
                disagreements.isEmpty() ? "" : "; first disagreements:\n" + String.join("\n", disagreements));
        System.err.println(summary);
        assertThat(pairs).as("pairs compared").isGreaterThanOrEqualTo(800);
        assertThat(changed).as("the restrictions change some reach times").isGreaterThan(pairs / 50);
        assertThat(agreeing).as(summary).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * pairs));
    }

    @Test
    void matchesGraphHoppersTurnAwareRoutesOnRutland() {
        RoadNetwork network = SharedRutland.network();
        Tally tally = new Tally();
        // Around Oakham's restricted junctions, where the restrictions can matter, and across the county.
        GeoBounds oakham = new GeoBounds(GeoPoint.of(52.662, -0.750), GeoPoint.of(52.680, -0.718));
        Random random = new Random(2022);
        for (int set = 0; set < 200; set++) {
            GeoBounds area = set % 3 == 0 ? network.bounds() : oakham;
            compareUnitSet(network, null, "rutland seed 2022, unit set " + set, random, 8, area, tally);
        }
        System.err.println(tally.summary("Rutland"));
        tally.check();
    }

    @Test
    void matchesGraphHoppersTurnAwareRoutesOnLeedsStreets() {
        Path leeds = TestData.sharedDir().resolve("data/leeds-its-example.osm.pbf");
        assumeTrue(Files.isRegularFile(leeds), () -> "skipped: the Leeds extract is not at " + leeds);
        RoadNetworkConfig config = RoadNetworkConfig.defaults(TestData.buildCacheDir())
                .withContractionHierarchies(false) // GraphHopper's flexible edge-based routing is the oracle here
                .withMinNetworkSize(10)
                .withShowProgress(false);
        try (RoadNetwork network = RoadNetwork.load(leeds, config)) {
            assertThat(network.countTurnRestrictions(RoadProfile.CAR).turns())
                    .as("relation 2853118, no left turn")
                    .isPositive();
            Tally tally = new Tally();
            Random random = new Random(1904);
            for (int set = 0; set < 150; set++) {
                compareUnitSet(network, null, "leeds seed 1904, unit set " + set, random, 8, network.bounds(), tally);
            }
            System.err.println(tally.summary("Leeds"));
            tally.check();
        }
    }

    /**
     * One incident and {@code unitCount} units drawn in {@code area}: each unit's time against GraphHopper's
     * route, and the first unit against GraphHopper's fastest. With a {@code plain} network (the same roads
     * without restrictions), returns how many units' times the restrictions changed.
     */
    private static int compareUnitSet(
            RoadNetwork network,
            RoadNetwork plain,
            String where,
            Random random,
            int unitCount,
            GeoBounds area,
            Tally tally) {
        RoadProfile profile = random.nextBoolean() ? RoadProfile.CAR : RoadProfile.EMERGENCY;
        GeoPoint incidentPoint = snappable(network, area, random);
        List<GeoPoint> unitPoints = new ArrayList<>();
        while (unitPoints.size() < unitCount) unitPoints.add(snappable(network, area, random));
        Map<Integer, Long> search = searchTimes(network, profile, incidentPoint, unitPoints);
        Map<Integer, Long> unrestricted =
                plain == null ? Map.of() : searchTimes(plain, profile, incidentPoint, unitPoints);

        int changed = 0;
        Map<Integer, Long> graphHopper = new HashMap<>();
        for (int u = 0; u < unitCount; u++) {
            Optional<Route> route = network.findRoute(profile, unitPoints.get(u), incidentPoint);
            Long ours = search.get(u);
            String pair = where + " (" + profile + "), unit " + u + " at " + unitPoints.get(u) + " to " + incidentPoint;
            if (route.isEmpty()) {
                tally.pair(ours == null, pair + ": GraphHopper has no route, the search " + ours + " ms");
                continue;
            }
            long theirs = route.get().travelTimeMillis();
            graphHopper.put(u, theirs);
            tally.pair(
                    ours != null && Math.abs(ours - theirs) <= TOLERANCE_MILLIS,
                    pair + ": the search " + ours + " ms, GraphHopper " + theirs + " ms");
            Long before = unrestricted.get(u);
            if (ours != null && before != null && Math.abs(ours - before) > TOLERANCE_MILLIS) changed++;
        }
        if (!graphHopper.isEmpty()) {
            long best = graphHopper.values().stream()
                    .mapToLong(Long::longValue)
                    .min()
                    .orElseThrow();
            Optional<Integer> first = search.entrySet().stream()
                    .min(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey);
            // Units GraphHopper finds within a second of each other are equally first.
            boolean same = first.isPresent()
                    && graphHopper.containsKey(first.get())
                    && graphHopper.get(first.get()) - best <= TOLERANCE_MILLIS;
            tally.set(
                    same,
                    where + " (" + profile + "): the search puts unit " + first.orElse(-1) + " first, "
                            + "GraphHopper's fastest takes " + best + " ms: " + graphHopper);
        }
        return changed;
    }

    private static Map<Integer, Long> searchTimes(
            RoadNetwork network, RoadProfile profile, GeoPoint incident, List<GeoPoint> unitPoints) {
        List<Origin<Integer>> origins = new ArrayList<>();
        for (int u = 0; u < unitPoints.size(); u++) origins.add(new Origin<>(u, network.snap(unitPoints.get(u))));
        Map<Integer, Long> times = new HashMap<>();
        network.listFastestArrivals(
                        network.snap(incident), network.indexOrigins(origins), u -> true, ArrivalQuery.all(profile))
                .forEach(a -> times.put(a.key(), a.travelTimeMillis()));
        return times;
    }

    /**
     * A random point in {@code area} on a road (so GraphHopper and the search start from the same place),
     * inside the network's bounds (GraphHopper refuses a point outside them, even on a road).
     */
    private static GeoPoint snappable(RoadNetwork network, GeoBounds area, Random random) {
        GeoBounds bounds = network.bounds();
        while (true) {
            GeoPoint p = TravelTimeDifferentialTest.randomPoint(area, random);
            Optional<GeoPoint> onRoad = network.findSnap(p).map(SnappedLocation::onRoad);
            if (onRoad.isPresent() && inside(onRoad.get(), bounds)) return onRoad.get();
        }
    }

    private static boolean inside(GeoPoint p, GeoBounds b) {
        return p.lat() > b.southWest().lat()
                && p.lat() < b.northEast().lat()
                && p.lon() > b.southWest().lon()
                && p.lon() < b.northEast().lon();
    }

    /** Agreement over many pairs and unit sets, with the first few disagreements for the message. */
    private static final class Tally {
        final List<String> failures = new ArrayList<>();
        int pairs;
        int agreeing;
        int sets;
        int sameFirst;

        void pair(boolean agrees, String message) {
            pairs++;
            if (agrees) agreeing++;
            else note(message);
        }

        void set(boolean same, String message) {
            sets++;
            if (same) sameFirst++;
            else note(message);
        }

        private void note(String message) {
            if (failures.size() < 20) failures.add(message);
        }

        String summary(String what) {
            return String.format(
                            Locale.ROOT,
                            "%s: %d of %d pairs within %d ms of GraphHopper (%.2f%%), same first unit in %d of %d"
                                    + " sets",
                            what,
                            agreeing,
                            pairs,
                            TOLERANCE_MILLIS,
                            100.0 * agreeing / Math.max(1, pairs),
                            sameFirst,
                            sets)
                    + (failures.isEmpty() ? "" : "; first disagreements:\n" + String.join("\n", failures));
        }

        void check() {
            assertThat(pairs).as("pairs compared").isGreaterThanOrEqualTo(1000);
            assertThat(agreeing).as(summary("pairs")).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * pairs));
            assertThat(sameFirst).as(summary("first units")).isEqualTo(sets);
        }
    }
}
