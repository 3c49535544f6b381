package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;

/** Searches and snaps from several threads at once answer exactly as one thread does. */
class ConcurrentSearchTest {
    private static final int THREADS = 4;

    @Test
    void concurrentQueriesAgreeWithSequentialOnes(@TempDir Path dir) throws Exception {
        long seed = 17;
        RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                .withContractionHierarchies(false)
                .withMinNetworkSize(10)
                .withShowProgress(false);
        try (RoadNetwork network = RoadNetwork.load(RandomStreetGrid.write(seed, dir), config)) {
            Random random = new Random(seed);
            List<Origin<Integer>> origins = new ArrayList<>();
            while (origins.size() < 40) {
                network.findSnap(TravelTimeDifferentialTest.randomPoint(network.bounds(), random))
                        .ifPresent(s -> origins.add(new Origin<>(origins.size(), s)));
            }
            OriginIndex<Integer> index = network.indexOrigins(origins);
            List<GeoPoint> destinations = new ArrayList<>();
            while (destinations.size() < 40) {
                GeoPoint p = TravelTimeDifferentialTest.randomPoint(network.bounds(), random);
                if (network.findSnap(p).isPresent()) destinations.add(p);
            }
            List<String> expected = new ArrayList<>();
            for (GeoPoint d : destinations) expected.add(answer(network, index, d));

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long threadSeed = seed + t;
                    futures.add(pool.submit(() -> {
                        // Each thread asks in its own order, several rounds, so searches interleave.
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < destinations.size(); i++) order.add(i);
                        List<String> answers = new ArrayList<>(Collections.nCopies(destinations.size(), ""));
                        for (int round = 0; round < 5; round++) {
                            Collections.shuffle(order, new Random(threadSeed * 31 + round));
                            for (int i : order) answers.set(i, answer(network, index, destinations.get(i)));
                        }
                        return answers;
                    }));
                }
                for (Future<List<String>> future : futures)
                    assertThat(future.get()).isEqualTo(expected);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String answer(RoadNetwork network, OriginIndex<Integer> index, GeoPoint destination) {
        SnappedLocation snapped = network.snap(destination);
        return network.listFastestArrivals(
                                snapped, index, key -> key % 3 != 0, ArrivalQuery.fastest(RoadProfile.EMERGENCY, 7))
                        .toString()
                + network.listFastestArrivals(snapped, index, key -> true, ArrivalQuery.all(RoadProfile.CAR));
    }
}
