package org.muster.geo.road.internal;

import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import java.util.Arrays;

/**
 * The road graph for one profile as primitive arrays of one direction's edges: for each node, the nodes
 * next to it along the edges of that direction, with the time and distance of each edge. Built once per
 * profile as {@link ReverseGraph} (incoming edges, for searches TO a destination) or {@link ForwardGraph}
 * (outgoing edges, for searches FROM an origin); one-way streets are respected either way.
 *
 * <p>Times are GraphHopper's own per edge ({@link Weighting#calcEdgeMillis}), read the same way in both
 * directions, so a forward and a reverse search over one network agree. Edges the profile may not use in a
 * direction (infinite weight) are left out. Immutable, so any number of searches may share it.
 */
abstract class DirectedGraph {
    private final int nodeCount;
    private final int[] first;
    private final int[] neighbour;
    private final int[] edgeMillis;
    private final float[] edgeMeters;
    private final int[] edgeId;
    private final boolean incoming;

    /**
     * Reads every edge of {@code graph} under {@code weighting}. Not thread-safe with respect to the
     * weighting.
     *
     * @param incoming true to list each node's incoming edges (neighbours are the nodes they come from),
     *     false for its outgoing edges (neighbours are the nodes they lead to)
     */
    DirectedGraph(BaseGraph graph, Weighting weighting, boolean incoming) {
        int nodes = graph.getNodes();
        int[] first = new int[nodes + 1];
        AllEdgesIterator edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (base == adj) continue; // a loop never shortens a route
            // Driving base -> adj lists the edge under the node it leaves (outgoing) or enters (incoming).
            int along = incoming ? adj : base;
            int against = incoming ? base : adj;
            if (usable(weighting, edge, false)) first[along + 1]++;
            if (usable(weighting, edge, true)) first[against + 1]++;
        }
        for (int i = 0; i < nodes; i++) first[i + 1] += first[i];
        int total = first[nodes];
        int[] neighbour = new int[total];
        int[] edgeMillis = new int[total];
        float[] edgeMeters = new float[total];
        int[] edgeId = new int[total];
        int[] next = Arrays.copyOf(first, nodes);
        edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (base == adj) continue;
            int along = incoming ? adj : base;
            int against = incoming ? base : adj;
            float meters = (float) edge.getDistance();
            if (usable(weighting, edge, false)) {
                int i = next[along]++;
                neighbour[i] = against;
                edgeMillis[i] = toIntMillis(weighting.calcEdgeMillis(edge, false));
                edgeMeters[i] = meters;
                edgeId[i] = edge.getEdge();
            }
            if (usable(weighting, edge, true)) {
                int i = next[against]++;
                neighbour[i] = along;
                edgeMillis[i] = toIntMillis(weighting.calcEdgeMillis(edge, true));
                edgeMeters[i] = meters;
                edgeId[i] = edge.getEdge();
            }
        }
        this.nodeCount = nodes;
        this.first = first;
        this.neighbour = neighbour;
        this.edgeMillis = edgeMillis;
        this.edgeMeters = edgeMeters;
        this.edgeId = edgeId;
        this.incoming = incoming;
    }

    private static boolean usable(Weighting weighting, AllEdgesIterator edge, boolean reverse) {
        return Double.isFinite(weighting.calcEdgeWeight(edge, reverse));
    }

    static int toIntMillis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE / 4, millis);
    }

    public final int nodeCount() {
        return nodeCount;
    }

    /** How many directed edges the graph holds: entries are numbered from 0 to this, node by node. */
    final int entryCount() {
        return first[nodeCount];
    }

    /**
     * True when each node lists its incoming edges (a search walks against the direction of travel), false
     * when it lists its outgoing ones.
     */
    final boolean incoming() {
        return incoming;
    }

    /** The first of {@code node}'s edges in this direction. */
    final int first(int node) {
        return first[node];
    }

    /** One past the last of {@code node}'s edges in this direction. */
    final int end(int node) {
        return first[node + 1];
    }

    /** The node at the other end of edge {@code index}: where it leads to, or where it comes from. */
    final int neighbour(int index) {
        return neighbour[index];
    }

    final int edgeMillis(int index) {
        return edgeMillis[index];
    }

    final float edgeMeters(int index) {
        return edgeMeters[index];
    }

    /** GraphHopper's id of the road edge {@code index} runs along, for closures. */
    final int edgeId(int index) {
        return edgeId[index];
    }
}
