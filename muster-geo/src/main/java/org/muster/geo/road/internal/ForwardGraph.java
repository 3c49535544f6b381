package org.muster.geo.road.internal;

import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import java.util.Arrays;

/**
 * The road graph for one profile as primitive arrays of outgoing edges: for each node, the nodes it
 * leads to directly, with the time and distance of that edge. The mirror of {@link ReverseGraph}: a
 * search from an origin over outgoing edges walks the roads in their direction of travel, so the times
 * it finds are times FROM the origin and one-way streets are respected.
 *
 * <p>Times are GraphHopper's own per edge ({@link Weighting#calcEdgeMillis}), read the same way as
 * {@link ReverseGraph} reads them, so a forward and a reverse search over one network agree. Edges the
 * profile may not use in a direction (infinite weight) are left out. Immutable.
 */
public final class ForwardGraph {
    private final int nodeCount;
    private final int[] firstOut;
    private final int[] toNode;
    private final int[] edgeMillis;
    private final float[] edgeMeters;

    private ForwardGraph(int nodeCount, int[] firstOut, int[] toNode, int[] edgeMillis, float[] edgeMeters) {
        this.nodeCount = nodeCount;
        this.firstOut = firstOut;
        this.toNode = toNode;
        this.edgeMillis = edgeMillis;
        this.edgeMeters = edgeMeters;
    }

    /** Reads every edge of {@code graph} under {@code weighting}. Not thread-safe with respect to the weighting. */
    public static ForwardGraph build(BaseGraph graph, Weighting weighting) {
        int nodes = graph.getNodes();
        int[] firstOut = new int[nodes + 1];
        AllEdgesIterator edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (base == adj) continue; // a loop never shortens a route
            if (usable(weighting, edge, false)) firstOut[base + 1]++;
            if (usable(weighting, edge, true)) firstOut[adj + 1]++;
        }
        for (int i = 0; i < nodes; i++) firstOut[i + 1] += firstOut[i];
        int total = firstOut[nodes];
        int[] toNode = new int[total];
        int[] edgeMillis = new int[total];
        float[] edgeMeters = new float[total];
        int[] next = Arrays.copyOf(firstOut, nodes);
        edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (base == adj) continue;
            float meters = (float) edge.getDistance();
            if (usable(weighting, edge, false)) {
                int i = next[base]++;
                toNode[i] = adj;
                edgeMillis[i] = ReverseGraph.toIntMillis(weighting.calcEdgeMillis(edge, false));
                edgeMeters[i] = meters;
            }
            if (usable(weighting, edge, true)) {
                int i = next[adj]++;
                toNode[i] = base;
                edgeMillis[i] = ReverseGraph.toIntMillis(weighting.calcEdgeMillis(edge, true));
                edgeMeters[i] = meters;
            }
        }
        return new ForwardGraph(nodes, firstOut, toNode, edgeMillis, edgeMeters);
    }

    private static boolean usable(Weighting weighting, AllEdgesIterator edge, boolean reverse) {
        return Double.isFinite(weighting.calcEdgeWeight(edge, reverse));
    }

    public int nodeCount() {
        return nodeCount;
    }

    int firstOut(int node) {
        return firstOut[node];
    }

    int endOut(int node) {
        return firstOut[node + 1];
    }

    int toNode(int index) {
        return toNode[index];
    }

    int edgeMillis(int index) {
        return edgeMillis[index];
    }

    float edgeMeters(int index) {
        return edgeMeters[index];
    }
}
