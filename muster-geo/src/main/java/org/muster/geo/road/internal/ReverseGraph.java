package org.muster.geo.road.internal;

import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import java.util.Arrays;

/**
 * The road graph for one profile as primitive arrays of incoming edges: for each node, the nodes from
 * which it can be reached directly, with the time and distance of that edge. A search from a destination
 * over incoming edges walks the roads against their direction of travel, so the times it finds are times
 * TO the destination and one-way streets are respected.
 *
 * <p>Times are GraphHopper's own per edge ({@link Weighting#calcEdgeMillis}); edges the profile may not
 * use in a direction (infinite weight) are left out. Immutable, so any number of searches may share it.
 */
public final class ReverseGraph {
    private final int nodeCount;
    private final int[] firstIn;
    private final int[] fromNode;
    private final int[] edgeMillis;
    private final float[] edgeMeters;

    private ReverseGraph(int nodeCount, int[] firstIn, int[] fromNode, int[] edgeMillis, float[] edgeMeters) {
        this.nodeCount = nodeCount;
        this.firstIn = firstIn;
        this.fromNode = fromNode;
        this.edgeMillis = edgeMillis;
        this.edgeMeters = edgeMeters;
    }

    /** Reads every edge of {@code graph} under {@code weighting}. Not thread-safe with respect to the weighting. */
    public static ReverseGraph build(BaseGraph graph, Weighting weighting) {
        int nodes = graph.getNodes();
        int[] firstIn = new int[nodes + 1];
        AllEdgesIterator edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (base == adj) continue; // a loop never shortens a route
            if (usable(weighting, edge, false)) firstIn[adj + 1]++;
            if (usable(weighting, edge, true)) firstIn[base + 1]++;
        }
        for (int i = 0; i < nodes; i++) firstIn[i + 1] += firstIn[i];
        int total = firstIn[nodes];
        int[] fromNode = new int[total];
        int[] edgeMillis = new int[total];
        float[] edgeMeters = new float[total];
        int[] next = Arrays.copyOf(firstIn, nodes);
        edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (base == adj) continue;
            float meters = (float) edge.getDistance();
            if (usable(weighting, edge, false)) {
                int i = next[adj]++;
                fromNode[i] = base;
                edgeMillis[i] = toIntMillis(weighting.calcEdgeMillis(edge, false));
                edgeMeters[i] = meters;
            }
            if (usable(weighting, edge, true)) {
                int i = next[base]++;
                fromNode[i] = adj;
                edgeMillis[i] = toIntMillis(weighting.calcEdgeMillis(edge, true));
                edgeMeters[i] = meters;
            }
        }
        return new ReverseGraph(nodes, firstIn, fromNode, edgeMillis, edgeMeters);
    }

    private static boolean usable(Weighting weighting, AllEdgesIterator edge, boolean reverse) {
        return Double.isFinite(weighting.calcEdgeWeight(edge, reverse));
    }

    static int toIntMillis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE / 4, millis);
    }

    public int nodeCount() {
        return nodeCount;
    }

    int firstIn(int node) {
        return firstIn[node];
    }

    int endIn(int node) {
        return firstIn[node + 1];
    }

    int fromNode(int index) {
        return fromNode[index];
    }

    int edgeMillis(int index) {
        return edgeMillis[index];
    }

    float edgeMeters(int index) {
        return edgeMeters[index];
    }
}
