package org.muster.geo.road.internal;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;

/**
 * The road graph for one profile as outgoing edges: for each node, the nodes it leads to directly. The
 * mirror of {@link ReverseGraph}: a search from an origin over outgoing edges walks the roads in their
 * direction of travel, so the times it finds are times FROM the origin. The arrays and how they are read
 * are {@link DirectedGraph}'s, shared with the reverse graph so that the two agree.
 */
public final class ForwardGraph extends DirectedGraph {
    private ForwardGraph(BaseGraph graph, Weighting weighting) {
        super(graph, weighting, false);
    }

    /** Reads every edge of {@code graph} under {@code weighting}. Not thread-safe with respect to the weighting. */
    public static ForwardGraph build(BaseGraph graph, Weighting weighting) {
        return new ForwardGraph(graph, weighting);
    }
}
