package org.muster.sim.demand;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where a simulation's calls come from: the region's {@link DemandModel}, calls at a constant rate at one
 * place ({@link PoissonCalls}), or calls recorded elsewhere and replayed.
 */
@FunctionalInterface
public interface CallSource {
    /**
     * The calls in {@code [from, to)}, in time order, drawn with {@code random}. The same window and a
     * generator in the same state give the same calls.
     */
    List<Arrival> arrivals(Instant from, Instant to, RandomGenerator random);

    /**
     * As {@link #arrivals(Instant, Instant, RandomGenerator)}, with what a scenario's surges change drawn with
     * {@code surged} alone, so that the calls they do not touch are the same calls as without them. A source
     * with no surges draws with {@code random} only.
     */
    default List<Arrival> arrivals(Instant from, Instant to, RandomGenerator random, RandomGenerator surged) {
        return arrivals(from, to, random);
    }
}
