package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
 * The one-to-many search against GraphHopper's own point-to-point routes: for random (origin, destination)
 * pairs, the search's travel time must equal the route's within a second, and an origin the search does
 * not list must be one GraphHopper cannot route from. On seeded random street grids (routes by
 * GraphHopper's bidirectional Dijkstra) and on the real Rutland extract (routes by contraction
 * hierarchies). Each failure names the seed that reproduces it.
 */
class TravelTimeDifferentialTest {
    private static final long TOLERANCE_MILLIS = 1000;
    private static final long[] GRID_SEEDS = {11, 22, 37, 44};

    @Test
    void matchesGraphHopperOnRandomGrids(@TempDir Path dir) {
        Comparison total = new Comparison();
        for (long seed : GRID_SEEDS) {
            Path osm = RandomStreetGrid.write(seed, dir);
            RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                    .withContractionHierarchies(false)
                    // Half the grids keep their islands (one-way dead ends), so some pairs have no route.
                    .withMinNetworkSize(seed % 2 == 0 ? 0 : 10)
                    .withShowProgress(false);
            try (RoadNetwork network = RoadNetwork.load(osm, config)) {
                compare(network, "grid seed " + seed, new Random(seed), RandomStreetGrid.traps(seed), 25, 12, total);
            }
        }
        System.err.println(total.summary());
        assertThat(total.failures).as(total.summary()).isEmpty();
        assertThat(total.pairs).as("pairs compared").isGreaterThanOrEqualTo(1000);
        assertThat(total.unreachable).as("pairs without a route (traps)").isPositive();
    }

    @Test
    void matchesGraphHopperOnRutland() {
        RoadNetwork network = SharedRutland.network();
        Comparison total = new Comparison();
        long seed = 2022;
        compare(network, "rutland seed " + seed, new Random(seed), List.of(), 50, 20, total);
        System.err.println(total.summary());
        assertThat(total.failures).as(total.summary()).isEmpty();
        assertThat(total.pairs).as("pairs compared").isGreaterThanOrEqualTo(1000);
    }

    /** Failures and counts over every graph of one test. */
    private static final class Comparison {
        final List<String> failures = new ArrayList<>();
        int pairs;
        int unreachable;
        long maxMillisDifference;
        double maxMetersDifference;

        void record(Arrival<Integer> arrival, Route route) {
            maxMillisDifference =
                    Math.max(maxMillisDifference, Math.abs(arrival.travelTimeMillis() - route.travelTimeMillis()));
            maxMetersDifference =
                    Math.max(maxMetersDifference, Math.abs(arrival.distanceMeters() - route.distanceMeters()));
        }

        void fail(String message) {
            if (failures.size() < 25) failures.add(message);
            else if (failures.size() == 25) failures.add("... more");
        }

        String summary() {
            return String.format(
                            Locale.ROOT,
                            "%d pairs, %d without a route; largest difference %d ms, %.3f m; failures:%n",
                            pairs,
                            unreachable,
                            maxMillisDifference,
                            maxMetersDifference)
                    + String.join("\n", failures);
        }
    }

    private static void compare(
            RoadNetwork network,
            String source,
            Random random,
            List<GeoPoint> fixedOrigins,
            int originCount,
            int destinationCount,
            Comparison out) {
        List<Origin<Integer>> origins = new ArrayList<>();
        for (GeoPoint point : fixedOrigins) {
            network.findSnap(point).ifPresent(s -> origins.add(new Origin<>(origins.size(), s)));
        }
        while (origins.size() < originCount) {
            Optional<SnappedLocation> snapped = network.findSnap(randomPoint(network.bounds(), random));
            snapped.ifPresent(s -> origins.add(new Origin<>(origins.size(), s)));
        }
        OriginIndex<Integer> index = network.indexOrigins(origins);

        for (int d = 0; d < destinationCount; d++) {
            Optional<SnappedLocation> found = network.findSnap(randomPoint(network.bounds(), random));
            if (found.isEmpty()) {
                d--;
                continue;
            }
            SnappedLocation destination = found.get();
            RoadProfile profile = random.nextBoolean() ? RoadProfile.CAR : RoadProfile.EMERGENCY;
            String where = source + ", destination " + d + " " + destination.requested() + ", " + profile;

            List<Arrival<Integer>> all =
                    network.listFastestArrivals(destination, index, key -> true, ArrivalQuery.all(profile));
            Map<Integer, Arrival<Integer>> byKey = new HashMap<>();
            all.forEach(a -> byKey.put(a.key(), a));

            for (Origin<Integer> origin : origins) {
                out.pairs++;
                Optional<Route> route =
                        network.findRoute(profile, origin.location().requested(), destination.requested());
                Arrival<Integer> arrival = byKey.get(origin.key());
                String pair = where + ", origin " + origin.key() + " "
                        + origin.location().requested();
                if (route.isEmpty()) {
                    out.unreachable++;
                    if (arrival != null) out.fail(pair + ": GraphHopper has no route but the search found " + arrival);
                } else if (arrival == null) {
                    out.fail(pair + ": GraphHopper routes " + route.get() + " but the search did not reach it");
                } else if (Math.abs(arrival.travelTimeMillis() - route.get().travelTimeMillis()) > TOLERANCE_MILLIS) {
                    out.fail(pair + ": search " + arrival.travelTimeMillis() + " ms, GraphHopper "
                            + route.get().travelTimeMillis() + " ms");
                } else {
                    out.record(arrival, route.get());
                    // Equally fast routes of different lengths could differ here; on these graphs they do not.
                    double meters = route.get().distanceMeters();
                    if (Math.abs(arrival.distanceMeters() - meters) > 2 + 0.005 * meters) {
                        out.fail(pair + ": search " + arrival.distanceMeters() + " m, GraphHopper " + meters + " m");
                    }
                }
            }
            checkLimits(network, destination, index, all, profile, random, where, out);
        }
    }

    /** The k-limit, the filter and the time limit each cut the full ranking as they promise. */
    private static void checkLimits(
            RoadNetwork network,
            SnappedLocation destination,
            OriginIndex<Integer> index,
            List<Arrival<Integer>> all,
            RoadProfile profile,
            Random random,
            String where,
            Comparison out) {
        int k = 1 + random.nextInt(5);
        List<Long> fastestK =
                times(network.listFastestArrivals(destination, index, key -> true, ArrivalQuery.fastest(profile, k)));
        List<Long> expectedK = times(all.subList(0, Math.min(k, all.size())));
        if (!fastestK.equals(expectedK)) out.fail(where + ": k=" + k + " gave " + fastestK + ", expected " + expectedK);

        List<Long> even =
                times(network.listFastestArrivals(destination, index, key -> key % 2 == 0, ArrivalQuery.all(profile)));
        List<Long> expectedEven =
                times(all.stream().filter(a -> a.key() % 2 == 0).toList());
        if (!even.equals(expectedEven)) out.fail(where + ": filter gave " + even + ", expected " + expectedEven);

        if (all.isEmpty()) return;
        long limitMillis = all.get(all.size() / 2).travelTimeMillis();
        List<Long> limited = times(network.listFastestArrivals(
                destination,
                index,
                key -> true,
                ArrivalQuery.all(profile).withMaxTravelTime(Duration.ofMillis(limitMillis))));
        List<Long> expectedLimited = times(
                all.stream().filter(a -> a.travelTimeMillis() <= limitMillis).toList());
        if (!limited.equals(expectedLimited)) {
            out.fail(where + ": limit " + limitMillis + " ms gave " + limited + ", expected " + expectedLimited);
        }
    }

    private static List<Long> times(List<Arrival<Integer>> arrivals) {
        return arrivals.stream().map(Arrival::travelTimeMillis).toList();
    }

    static GeoPoint randomPoint(GeoBounds bounds, Random random) {
        return GeoPoint.of(
                bounds.southWest().lat()
                        + random.nextDouble()
                                * (bounds.northEast().lat() - bounds.southWest().lat()),
                bounds.southWest().lon()
                        + random.nextDouble()
                                * (bounds.northEast().lon() - bounds.southWest().lon()));
    }
}
