package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

/**
 * The forward bounded search ({@link RoadNetwork#reach}) against GraphHopper's point-to-point routes and
 * against the reverse search: from random origins with random limits, every junction it lists must be as
 * far as GraphHopper's route says (within a second), a random destination well inside the limit must be
 * listed and one well beyond it must not, and the destinations it lists from an index must be exactly
 * those its single-destination lookup finds. Forward and reverse searches read the same edge times, so
 * they must agree to the millisecond. Each failure names the seed that reproduces it.
 */
class ReachDifferentialTest {
    private static final long TOLERANCE_MILLIS = 1000;
    private static final long[] GRID_SEEDS = {11, 22, 37, 44};

    @Test
    void matchesGraphHopperOnRandomGrids(@TempDir Path dir) {
        Comparison total = new Comparison();
        for (long seed : GRID_SEEDS) {
            RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                    .withContractionHierarchies(false)
                    // Half the grids keep their islands (one-way dead ends), so some origins reach almost nothing.
                    .withMinNetworkSize(seed % 2 == 0 ? 0 : 10)
                    .withShowProgress(false);
            try (RoadNetwork network = RoadNetwork.load(RandomStreetGrid.write(seed, dir), config)) {
                Random random = new Random(seed);
                List<SnappedLocation> origins = new ArrayList<>();
                for (GeoPoint trap : RandomStreetGrid.traps(seed))
                    network.findSnap(trap).ifPresent(origins::add);
                origins.addAll(randomSnaps(network, random, 8));
                compare(network, "grid seed " + seed, random, origins, 40, 5 * 60_000, Integer.MAX_VALUE, total);
            }
        }
        System.err.println(total.summary());
        assertThat(total.failures).as(total.summary()).isEmpty();
        assertThat(total.nodes).as("junctions compared").isGreaterThanOrEqualTo(1000);
        assertThat(total.skippedNodes).as("junctions skipped").isLessThan(total.nodes / 10);
        assertThat(total.inside).as("destinations within the limit").isGreaterThanOrEqualTo(300);
        assertThat(total.beyond).as("destinations beyond the limit").isGreaterThanOrEqualTo(100);
    }

    @Test
    void matchesGraphHopperOnRutland() {
        RoadNetwork network = SharedRutland.network();
        Comparison total = new Comparison();
        long seed = 2022;
        Random random = new Random(seed);
        compare(network, "rutland seed " + seed, random, randomSnaps(network, random, 12), 60, 20 * 60_000, 60, total);
        System.err.println(total.summary());
        assertThat(total.failures).as(total.summary()).isEmpty();
        assertThat(total.nodes).as("junctions compared").isGreaterThanOrEqualTo(500);
        assertThat(total.skippedNodes).as("junctions skipped").isLessThan(total.nodes / 10);
        assertThat(total.inside).as("destinations within the limit").isGreaterThanOrEqualTo(200);
        assertThat(total.beyond).as("destinations beyond the limit").isGreaterThanOrEqualTo(100);
    }

    @Test
    void aLimitOfNothingReachesOnlyTheOriginItself(@TempDir Path dir) {
        try (RoadNetwork network = grid(dir, 11)) {
            SnappedLocation origin = randomSnaps(network, new Random(5), 1).get(0);
            Reach reach = network.reach(origin, RoadProfile.CAR, Duration.ZERO);
            assertThat(reach.findTravelTimeMillis(origin)).hasValue(0);
            assertThat(reach.listNodes())
                    .allSatisfy(n -> assertThat(n.travelTimeMillis()).isZero());
        }
    }

    @Test
    void limitsAndLocationsAreChecked(@TempDir Path dir) {
        try (RoadNetwork network = grid(dir, 22);
                RoadNetwork other = grid(dir.resolve("other"), 37)) {
            SnappedLocation origin = randomSnaps(network, new Random(1), 1).get(0);
            SnappedLocation foreign = randomSnaps(other, new Random(1), 1).get(0);
            assertThatThrownBy(() -> network.reach(origin, RoadProfile.CAR, Duration.ofSeconds(-1)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("maxTravelTime")
                    .hasMessageContaining("PT-1S");
            assertThatThrownBy(() -> network.reach(origin, RoadProfile.CAR, Duration.ofDays(3)))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> network.reach(foreign, RoadProfile.CAR, Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            Reach reach = network.reach(origin, RoadProfile.CAR, Duration.ofMinutes(1));
            assertThatThrownBy(() -> reach.findTravelTimeMillis(foreign)).isInstanceOf(IllegalArgumentException.class);
            DestinationIndex<Integer> foreignIndex = other.indexDestinations(List.of(new Destination<>(1, foreign)));
            assertThatThrownBy(() -> reach.listReached(foreignIndex)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static RoadNetwork grid(Path dir, long seed) {
        return RoadNetwork.load(
                RandomStreetGrid.write(seed, dir.toFile().mkdirs() ? dir : dir),
                RoadNetworkConfig.defaults(dir.resolve("cache"))
                        .withContractionHierarchies(false)
                        .withMinNetworkSize(10)
                        .withShowProgress(false));
    }

    /** Failures and counts over every graph of one test. */
    private static final class Comparison {
        final List<String> failures = new ArrayList<>();
        int nodes;
        int skippedNodes;
        int inside;
        int beyond;
        long maxMillisDifference;

        void record(long ours, long theirs) {
            maxMillisDifference = Math.max(maxMillisDifference, Math.abs(ours - theirs));
        }

        void fail(String message) {
            if (failures.size() < 25) failures.add(message);
            else if (failures.size() == 25) failures.add("... more");
        }

        String summary() {
            return String.format(
                            Locale.ROOT,
                            "%d junctions (%d not snappable), %d destinations within and %d beyond the limit; largest difference %d ms;"
                                    + " failures:%n",
                            nodes,
                            skippedNodes,
                            inside,
                            beyond,
                            maxMillisDifference)
                    + String.join("\n", failures);
        }
    }

    /**
     * For each origin, a random profile and limit: its junctions (at most {@code nodesPerOrigin}, spread
     * over the list) against GraphHopper, then random destinations against GraphHopper and against the
     * reverse search, then the indexed listing against the single lookups.
     */
    private static void compare(
            RoadNetwork network,
            String source,
            Random random,
            List<SnappedLocation> origins,
            int destinationCount,
            int maxLimitMillis,
            int nodesPerOrigin,
            Comparison out) {
        List<SnappedLocation> destinations = randomSnaps(network, random, destinationCount);
        List<Destination<Integer>> keyed = new ArrayList<>();
        for (SnappedLocation d : destinations) keyed.add(new Destination<>(keyed.size(), d));
        DestinationIndex<Integer> index = network.indexDestinations(keyed);
        List<Origin<Integer>> originList = new ArrayList<>();
        for (SnappedLocation o : origins) originList.add(new Origin<>(originList.size(), o));
        OriginIndex<Integer> originIndex = network.indexOrigins(originList);

        for (int o = 0; o < origins.size(); o++) {
            SnappedLocation origin = origins.get(o);
            RoadProfile profile = random.nextBoolean() ? RoadProfile.CAR : RoadProfile.EMERGENCY;
            long limitMillis = 20_000 + random.nextInt(maxLimitMillis - 20_000);
            Reach reach = network.reach(origin, profile, Duration.ofMillis(limitMillis));
            String where = source + ", origin " + o + " " + origin.requested() + ", " + profile + ", limit "
                    + limitMillis + " ms";

            List<ReachedNode> nodes = reach.listNodes();
            int step = Math.max(1, nodes.size() / nodesPerOrigin);
            for (int i = 0; i < nodes.size(); i += step) {
                ReachedNode node = nodes.get(i);
                if (node.travelTimeMillis() > limitMillis) out.fail(where + ": junction beyond the limit " + node);
                // GraphHopper can only route to a junction its snapping lands on: not one inside an island
                // (reached by driving into it, but never snapped to), nor one of two junctions at one spot.
                Optional<SnappedLocation> atNode = network.findSnap(node.point());
                if (atNode.isEmpty()
                        || reach.findTravelTimeMillis(atNode.get()).orElse(-1) != node.travelTimeMillis()) {
                    out.skippedNodes++;
                    continue;
                }
                out.nodes++;
                Optional<Route> route = network.findRoute(profile, origin.requested(), node.point());
                if (route.isEmpty()) {
                    out.fail(where + ": junction " + node + " listed but GraphHopper has no route");
                } else if (Math.abs(route.get().travelTimeMillis() - node.travelTimeMillis()) > TOLERANCE_MILLIS) {
                    out.fail(where + ": junction " + node + ", GraphHopper " + route.get());
                } else {
                    out.record(node.travelTimeMillis(), route.get().travelTimeMillis());
                }
            }

            Map<Integer, Long> listed = new HashMap<>();
            reach.listReached(index).forEach(r -> listed.put(r.key(), r.travelTimeMillis()));
            for (int d = 0; d < destinations.size(); d++) {
                SnappedLocation destination = destinations.get(d);
                String pair = where + ", destination " + d + " " + destination.requested();
                OptionalLong ours = reach.findTravelTimeMillis(destination);
                Long inList = listed.get(d);
                if (ours.isPresent() != (inList != null) || (inList != null && inList != ours.getAsLong())) {
                    out.fail(pair + ": single lookup " + ours + " but the indexed listing " + inList);
                }
                checkAgainstGraphHopper(network, profile, origin, destination, limitMillis, ours, pair, out);
                checkAgainstReverseSearch(network, profile, originIndex, o, destination, limitMillis, ours, pair, out);
            }
            List<Long> times = reach.listReached(index).stream()
                    .map(Reached::travelTimeMillis)
                    .toList();
            if (!times.equals(times.stream().sorted().toList())) out.fail(where + ": listing not fastest first");
        }
    }

    private static void checkAgainstGraphHopper(
            RoadNetwork network,
            RoadProfile profile,
            SnappedLocation origin,
            SnappedLocation destination,
            long limitMillis,
            OptionalLong ours,
            String pair,
            Comparison out) {
        Optional<Route> route = network.findRoute(profile, origin.requested(), destination.requested());
        long theirs = route.map(Route::travelTimeMillis).orElse(Long.MAX_VALUE);
        if (theirs <= limitMillis - TOLERANCE_MILLIS) {
            out.inside++;
            if (ours.isEmpty()) out.fail(pair + ": GraphHopper routes " + route.get() + " but the reach misses it");
            else if (Math.abs(ours.getAsLong() - theirs) > TOLERANCE_MILLIS)
                out.fail(pair + ": reach " + ours.getAsLong() + " ms, GraphHopper " + theirs + " ms");
            else out.record(ours.getAsLong(), theirs);
        } else if (theirs > limitMillis + TOLERANCE_MILLIS) {
            out.beyond++;
            if (ours.isPresent())
                out.fail(pair + ": GraphHopper " + route.map(Route::toString).orElse("has no route")
                        + " but the reach lists " + ours.getAsLong() + " ms");
        } else if (ours.isPresent() && Math.abs(ours.getAsLong() - theirs) > TOLERANCE_MILLIS) {
            out.fail(pair + ": reach " + ours.getAsLong() + " ms, GraphHopper " + theirs + " ms");
        }
    }

    /** The reverse search from the destination must find this origin at exactly the same time. */
    private static void checkAgainstReverseSearch(
            RoadNetwork network,
            RoadProfile profile,
            OriginIndex<Integer> origins,
            int origin,
            SnappedLocation destination,
            long limitMillis,
            OptionalLong ours,
            String pair,
            Comparison out) {
        List<Arrival<Integer>> arrivals = network.listFastestArrivals(
                destination,
                origins,
                key -> key == origin,
                ArrivalQuery.all(profile).withMaxTravelTime(Duration.ofMillis(limitMillis)));
        OptionalLong reverse = arrivals.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(arrivals.get(0).travelTimeMillis());
        if (!reverse.equals(ours)) out.fail(pair + ": forward " + ours + " but reverse " + reverse);
    }

    private static List<SnappedLocation> randomSnaps(RoadNetwork network, Random random, int n) {
        List<SnappedLocation> out = new ArrayList<>();
        while (out.size() < n) {
            network.findSnap(TravelTimeDifferentialTest.randomPoint(network.bounds(), random))
                    .ifPresent(out::add);
        }
        return out;
    }
}
