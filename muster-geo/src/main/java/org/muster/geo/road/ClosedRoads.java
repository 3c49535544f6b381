package org.muster.geo.road;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.road.RoadClosureId;
import org.muster.geo.road.internal.ClosedEdges;

/**
 * Road closures placed on one network's roads: the stretches of road the searches must not use, made by
 * {@link TravelTimes#closeRoads} and handed to each query ({@link ArrivalQuery#withClosedRoads}). Placing
 * closures never changes the graph, so a closure is in force from the next query on. Immutable.
 */
public final class ClosedRoads {
    private static final ClosedRoads NONE = new ClosedRoads(null, ClosedEdges.NONE, new TreeMap<>());

    private final TravelTimes network;
    private final ClosedEdges edges;
    private final SortedMap<RoadClosureId, Integer> stretches;

    ClosedRoads(TravelTimes network, ClosedEdges edges, SortedMap<RoadClosureId, Integer> stretches) {
        this.network = network;
        this.edges = edges;
        this.stretches = Collections.unmodifiableSortedMap(new TreeMap<>(stretches));
    }

    /** No road closed: valid on every network. */
    public static ClosedRoads none() {
        return NONE;
    }

    /** True when no closure is in force. */
    public boolean isEmpty() {
        return stretches.isEmpty();
    }

    /**
     * Each closure in force, with how many stretches of road (junction to junction) it closes; 0 for one
     * drawn away from every road.
     */
    public SortedMap<RoadClosureId, Integer> stretches() {
        return stretches;
    }

    /** How many stretches of road are closed in all. */
    public int closedStretchCount() {
        return edges.size();
    }

    ClosedEdges edges() {
        return edges;
    }

    boolean belongsTo(TravelTimes other) {
        return network == null || network == other;
    }

    @Override
    public String toString() {
        return "ClosedRoads" + stretches;
    }
}
