package org.muster.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.RoadNetwork;

/** What the road benchmarks share: random places on the roads, percentiles, rounding for the JSON. */
final class BenchSupport {
    private BenchSupport() {}

    /** {@code n} random points inside the network's bounds, each within snapping distance of a road. */
    static List<GeoPoint> randomRoadPoints(RoadNetwork network, SplittableRandom random, int n) {
        GeoBounds b = network.bounds();
        List<GeoPoint> points = new ArrayList<>(n);
        for (int tries = 0; points.size() < n; tries++) {
            if (tries > 1000L * n)
                throw InvalidInputException.of("--osm", network.info(), "has too few roads to place " + n + " points");
            GeoPoint p = GeoPoint.of(
                    b.southWest().lat()
                            + random.nextDouble()
                                    * (b.northEast().lat() - b.southWest().lat()),
                    b.southWest().lon()
                            + random.nextDouble()
                                    * (b.northEast().lon() - b.southWest().lon()));
            if (network.findSnap(p).isPresent()) points.add(p);
        }
        return points;
    }

    /** The nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) return 0;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    /** A TCP port free on this machine now, for a server the bench starts. */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong COMMANDS = new java.util.concurrent.atomic.AtomicLong();

    /** A bench's own command, under an id of its own in this process and the actor {@code bench}. */
    static org.muster.domain.command.CommandEnvelope benchCommand(org.muster.domain.command.Command c) {
        return new org.muster.domain.command.CommandEnvelope(
                org.muster.domain.command.CommandId.of("bench-" + COMMANDS.incrementAndGet()),
                org.muster.domain.command.Actor.of("bench"),
                "bench",
                c);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
