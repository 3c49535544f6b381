package org.muster.geo.road;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.road.RoadClosureId;
import org.muster.geo.road.internal.ClosedEdges;

/**
 * Road closures placed on one network's roads: the stretches of road the searches must not use, made by
 * {@link TravelTimes#closeRoads} and handed to each query ({@link ArrivalQuery#withClosedRoads}). Placing
 * closures never changes the graph, so a closure is in force from the next query on. Immutable.
 */
public final class ClosedRoads {
    private static final ClosedRoads NONE = new ClosedRoads(null, ClosedEdges.NONE, List.of(), new TreeMap<>());

    private final TravelTimes network;
    private final ClosedEdges edges;
    /** The junctions at either end of a closed stretch. */
    private final List<GeoPoint> ends;

    private final SortedMap<RoadClosureId, Integer> stretches;

    ClosedRoads(
            TravelTimes network, ClosedEdges edges, List<GeoPoint> ends, SortedMap<RoadClosureId, Integer> stretches) {
        this.network = network;
        this.edges = edges;
        this.ends = List.copyOf(ends);
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

    /**
     * Whether a junction at an end of a closed stretch lies in {@code box} (edges included). A search whose
     * junctions all lie in a box holding no such end never came to a closed stretch, so closing or opening
     * these cannot change it ({@link Reach#bounds}): a cheap, safe test of which searches to make again.
     */
    public boolean hasEndWithin(GeoBounds box) {
        for (GeoPoint p : ends) {
            if (p.lat() >= box.southWest().lat()
                    && p.lat() <= box.northEast().lat()
                    && p.lon() >= box.southWest().lon()
                    && p.lon() <= box.northEast().lon()) return true;
        }
        return false;
    }

    boolean belongsTo(Object other) {
        return network == null || network == other;
    }

    @Override
    public String toString() {
        return "ClosedRoads" + stretches;
    }
}
