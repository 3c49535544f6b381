package org.muster.geo.road.internal;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;

/**
 * The road graph for one profile as incoming edges: for each node, the nodes from which it can be reached
 * directly. A search from a destination over incoming edges walks the roads against their direction of
 * travel, so the times it finds are times TO the destination and one-way streets are respected. The
 * arrays and how they are read are {@link DirectedGraph}'s, shared with {@link ForwardGraph}.
 */
public final class ReverseGraph extends DirectedGraph {
    private ReverseGraph(BaseGraph graph, Weighting weighting) {
        super(graph, weighting, true);
    }

    /** Reads every edge of {@code graph} under {@code weighting}. Not thread-safe with respect to the weighting. */
    public static ReverseGraph build(BaseGraph graph, Weighting weighting) {
        return new ReverseGraph(graph, weighting);
    }
}
