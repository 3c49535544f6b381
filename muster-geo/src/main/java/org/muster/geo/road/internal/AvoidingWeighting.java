package org.muster.geo.road.internal;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.EdgeIteratorState;

/**
 * A profile's weighting with the closed roads taken out: a closed edge weighs infinity, which GraphHopper's
 * own routing algorithms skip, so a point-to-point route avoids the closures exactly as the one-to-many
 * searches do. Edges past the base graph's (a query graph's virtual halves around the two ends) are never
 * closed, so a route may start or end on a closed stretch, as the searches allow.
 */
public final class AvoidingWeighting implements Weighting {
    private final Weighting weighting;
    private final ClosedEdges closed;
    private final int realEdges;

    public AvoidingWeighting(Weighting weighting, ClosedEdges closed, int realEdges) {
        this.weighting = weighting;
        this.closed = closed;
        this.realEdges = realEdges;
    }

    @Override
    public double calcEdgeWeight(EdgeIteratorState edge, boolean reverse) {
        int id = edge.getEdge();
        if (id < realEdges && closed.contains(id)) return Double.POSITIVE_INFINITY;
        return weighting.calcEdgeWeight(edge, reverse);
    }

    @Override
    public double calcMinWeightPerDistance() {
        return weighting.calcMinWeightPerDistance();
    }

    @Override
    public long calcEdgeMillis(EdgeIteratorState edge, boolean reverse) {
        return weighting.calcEdgeMillis(edge, reverse);
    }

    @Override
    public double calcTurnWeight(int inEdge, int viaNode, int outEdge) {
        return weighting.calcTurnWeight(inEdge, viaNode, outEdge);
    }

    @Override
    public long calcTurnMillis(int inEdge, int viaNode, int outEdge) {
        return weighting.calcTurnMillis(inEdge, viaNode, outEdge);
    }

    @Override
    public boolean hasTurnCosts() {
        return weighting.hasTurnCosts();
    }

    @Override
    public String getName() {
        return weighting.getName() + "|avoiding_closures";
    }
}
