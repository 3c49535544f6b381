package org.muster.geo.road.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.geo.road.Arrival;
import org.muster.geo.road.ArrivalQuery;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.Origin;
import org.muster.geo.road.OriginIndex;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;
import org.muster.geo.road.SnappedLocation;

/**
 * "Who can get there first?" answered two ways on the same network, units and incidents: by {@link
 * RoadNetwork#listFastestArrivals} (snap the incident, one reverse search, k fastest units), and by the
 * baseline a dispatch system built on a routing service uses: one GraphHopper route from every unit to
 * the incident, then a sort. Units and incidents are drawn at random (seeded) inside the network's
 * bounds, kept only where they lie within the snapping distance of a road; units are snapped and indexed
 * once, outside the timings, as a dispatch system keeps them.
 *
 * <p>Both are warmed up first on incidents of their own, then each is timed incident by incident over the
 * same incidents, in separate phases. Single-threaded; the latencies include whatever else the machine
 * is doing, so run it on a quiet one.
 */
public final class NearestUnitsBenchmark {
    /** Two units whose baseline times differ by no more than this are a tie for first place. */
    private static final long TIE_MILLIS = 1000;

    private static final int ATTEMPTS_PER_POINT = 1000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NearestUnitsBenchmark() {}

    /**
     * What to measure.
     *
     * @param units how many units stand on the network (all available)
     * @param queries how many incidents are timed
     * @param k how many fastest units each recommendation lists
     * @param warmupQueries incidents run by both methods before timing starts
     * @param profile whose speeds apply
     * @param seed for unit positions and incident locations
     */
    public record Settings(int units, int queries, int k, int warmupQueries, RoadProfile profile, long seed) {
        public Settings {
            Check.atLeast("units", units, 1);
            Check.atLeast("queries", queries, 1);
            Check.atLeast("k", k, 1);
            Check.atLeast("warmupQueries", warmupQueries, 0);
            Check.present("profile", profile);
        }

        /** k = 5, emergency profile, warm-up of 50 incidents (or as many as are timed, if fewer). */
        public static Settings of(int units, int queries, long seed) {
            return new Settings(units, queries, 5, Math.min(50, queries), RoadProfile.EMERGENCY, seed);
        }
    }

    /**
     * The measured latencies per incident, in milliseconds, and how the two rankings agree.
     *
     * @param settings what was measured
     * @param p50Millis median time of snap plus k-fastest search
     * @param p99Millis 99th percentile of the same
     * @param baselineP50Millis median time of routing every unit to the incident and sorting
     * @param baselineP99Millis 99th percentile of the same
     * @param speedup baseline median over our median
     * @param sameFirstShare share of incidents where both put the same unit first, or units the baseline
     *     finds equally fast (within a second)
     * @param cpuP50Millis median CPU time of our thread per incident: the latency without the time other
     *     processes took the core away, which on a busy machine decides the wall-clock tail
     * @param cpuP99Millis 99th percentile of the same (both NaN where the JVM cannot measure a thread's CPU
     *     time)
     */
    public record Result(
            Settings settings,
            double p50Millis,
            double p99Millis,
            double baselineP50Millis,
            double baselineP99Millis,
            double speedup,
            double sameFirstShare,
            double cpuP50Millis,
            double cpuP99Millis) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d units, %d incidents, k=%d, %s: ours p50 %.3f ms p99 %.3f ms (CPU p50 %.3f ms p99 %.3f ms);"
                            + " baseline p50 %.3f ms p99 %.3f ms; speedup %.1f; same first unit %.1f%%",
                    settings.units(),
                    settings.queries(),
                    settings.k(),
                    settings.profile(),
                    p50Millis,
                    p99Millis,
                    cpuP50Millis,
                    cpuP99Millis,
                    baselineP50Millis,
                    baselineP99Millis,
                    speedup,
                    100 * sameFirstShare);
        }
    }

    /**
     * Runs the benchmark on {@code network}.
     *
     * @throws InvalidInputException when too few random points fall near the network's roads to place the
     *     units and incidents
     */
    public static Result run(RoadNetwork network, Settings settings) {
        Check.present("network", network);
        Check.present("settings", settings);
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<Origin<Integer>> units = new ArrayList<>(settings.units());
        for (int i = 0; i < settings.units(); i++) units.add(new Origin<>(i, randomSnap(network, random)));
        OriginIndex<Integer> index = network.indexOrigins(units);
        List<GeoPoint> incidents = new ArrayList<>();
        for (int i = 0; i < settings.warmupQueries() + settings.queries(); i++) {
            incidents.add(randomSnap(network, random).requested());
        }

        return new Contest(network, settings, units, index)
                .run(
                        incidents.subList(0, settings.warmupQueries()),
                        incidents.subList(settings.warmupQueries(), incidents.size()));
    }

    private static SnappedLocation randomSnap(RoadNetwork network, SplittableRandom random) {
        GeoBounds bounds = network.bounds();
        for (int attempt = 0; attempt < ATTEMPTS_PER_POINT; attempt++) {
            GeoPoint point = GeoPoint.of(
                    random.nextDouble(
                            bounds.southWest().lat(),
                            Math.nextUp(bounds.northEast().lat())),
                    random.nextDouble(
                            bounds.southWest().lon(),
                            Math.nextUp(bounds.northEast().lon())));
            Optional<SnappedLocation> snapped = network.findSnap(point);
            if (snapped.isPresent()) return snapped.get();
        }
        throw InvalidInputException.of(
                "network",
                network.info().osmFile(),
                "has too few roads in its bounds: " + ATTEMPTS_PER_POINT + " random points found none near them");
    }

    /** Both methods answering the same incidents, with their timings. */
    private static final class Contest {
        private final RoadNetwork network;
        private final Settings settings;
        private final List<Origin<Integer>> units;
        private final OriginIndex<Integer> index;
        private final ArrivalQuery query;

        Contest(RoadNetwork network, Settings settings, List<Origin<Integer>> units, OriginIndex<Integer> index) {
            this.network = network;
            this.settings = settings;
            this.units = units;
            this.index = index;
            this.query = ArrivalQuery.fastest(settings.profile(), settings.k());
        }

        /**
         * Warms both methods up, then times each in its own phase. Separate phases keep the baseline's
         * garbage (GraphHopper allocates per route) from being collected inside our timings, which a
         * dispatch system running only our search would never see; each phase starts from a collected
         * heap.
         */
        Result run(List<GeoPoint> warmup, List<GeoPoint> incidents) {
            for (GeoPoint incident : warmup) {
                ours(incident);
                baseline(incident);
            }
            int n = incidents.size();
            long[] oursNanos = new long[n];
            long[] oursCpuNanos = new long[n];
            long[] baselineNanos = new long[n];
            List<List<Arrival<Integer>>> oursRanked = new ArrayList<>(n);
            List<List<Arrival<Integer>>> baselineRanked = new ArrayList<>(n);
            System.gc();
            for (int i = 0; i < n; i++) {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                oursRanked.add(ours(incidents.get(i)));
                oursNanos[i] = System.nanoTime() - start;
                oursCpuNanos[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
            }
            System.gc();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                baselineRanked.add(baseline(incidents.get(i)));
                baselineNanos[i] = System.nanoTime() - start;
            }
            int sameFirst = 0;
            for (int i = 0; i < n; i++) {
                if (sameFirst(oursRanked.get(i), baselineRanked.get(i))) sameFirst++;
            }
            double p50 = percentileMillis(oursNanos, 50);
            double baselineP50 = percentileMillis(baselineNanos, 50);
            return new Result(
                    settings,
                    p50,
                    percentileMillis(oursNanos, 99),
                    baselineP50,
                    percentileMillis(baselineNanos, 99),
                    baselineP50 / p50,
                    sameFirst / (double) n,
                    THREADS.isCurrentThreadCpuTimeSupported() ? percentileMillis(oursCpuNanos, 50) : Double.NaN,
                    THREADS.isCurrentThreadCpuTimeSupported() ? percentileMillis(oursCpuNanos, 99) : Double.NaN);
        }

        /** Snap the incident, then one search for the k fastest units. */
        private List<Arrival<Integer>> ours(GeoPoint incident) {
            SnappedLocation destination = network.snap(incident);
            return network.listFastestArrivals(destination, index, unit -> true, query);
        }

        /** The routing-service way: one route per available unit, then the k fastest. */
        private List<Arrival<Integer>> baseline(GeoPoint incident) {
            List<Arrival<Integer>> arrivals = new ArrayList<>(units.size());
            for (Origin<Integer> unit : units) {
                Optional<Route> route =
                        network.findRoute(settings.profile(), unit.location().requested(), incident);
                route.ifPresent(r -> arrivals.add(new Arrival<>(unit.key(), r.travelTimeMillis(), r.distanceMeters())));
            }
            arrivals.sort(Comparator.comparingLong(Arrival::travelTimeMillis));
            return arrivals.subList(0, Math.min(settings.k(), arrivals.size()));
        }

        /**
         * The same unit first, or a unit the baseline itself finds as fast as its first (within a second,
         * the tolerance of the differential test): two units at one junction are a tie either may win.
         */
        private static boolean sameFirst(List<Arrival<Integer>> ours, List<Arrival<Integer>> baseline) {
            if (ours.isEmpty() || baseline.isEmpty()) return ours.isEmpty() && baseline.isEmpty();
            if (ours.getFirst().key().equals(baseline.getFirst().key())) return true;
            long best = baseline.getFirst().travelTimeMillis();
            return baseline.stream()
                    .anyMatch(a -> a.key().equals(ours.getFirst().key()) && a.travelTimeMillis() - best <= TIE_MILLIS);
        }
    }

    /** Nearest-rank percentile. */
    static double percentileMillis(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
