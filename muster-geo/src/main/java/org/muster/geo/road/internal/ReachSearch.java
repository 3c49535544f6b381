package org.muster.geo.road.internal;

import com.graphhopper.apache.commons.collections.IntFloatBinaryHeap;
import java.util.Arrays;

/**
 * Every node reachable from one origin within a travel-time limit, by one Dijkstra from the origin over
 * {@link ForwardGraph}'s outgoing edges, stopped once the heap's next time passes the limit.
 *
 * <p>The origin enters the graph the way a route leaves it: part-way along its edge, it reaches the
 * edge's two ends at the times of its half-edges (when the edge may be driven that way), so a node's
 * time equals a point-to-point route's from the same snapped position.
 *
 * <p>Thread-safe: each thread keeps its own search state (arrays the size of the graph, reused from one
 * query to the next and invalidated by a round number instead of being cleared).
 */
public final class ReachSearch {
    private final ForwardGraph graph;
    private final ThreadLocal<State> states;

    public ReachSearch(ForwardGraph graph) {
        this.graph = graph;
        this.states = ThreadLocal.withInitial(() -> new State(graph.nodeCount()));
    }

    /** The nodes within {@code maxMillis} of {@code origin}, in the order the search settled them. */
    public ReachedNodes search(Anchor origin, long maxMillis) {
        return search(origin, maxMillis, ClosedEdges.NONE);
    }

    /**
     * As above, never along a {@code closed} edge; the origin's own partial edge is not closed, so a unit
     * standing on a closed stretch can still drive off it.
     */
    public ReachedNodes search(Anchor origin, long maxMillis, ClosedEdges closed) {
        State s = states.get();
        s.begin();
        if (origin.millisToBase() != Anchor.UNREACHABLE) {
            s.reachNode(origin.baseNode(), origin.millisToBase(), (float) origin.metersFromBase());
        }
        if (origin.onEdge() && origin.millisToAdj() != Anchor.UNREACHABLE) {
            s.reachNode(origin.adjNode(), origin.millisToAdj(), (float) origin.metersToAdj());
        }
        // The heap's float keys hold whole milliseconds exactly up to 2^24 ms (4.6 hours), far beyond any
        // response target, so nodes settle in exact order of time; labels themselves are ints.
        IntFloatBinaryHeap heap = s.heap;
        while (!heap.isEmpty() && heap.peekKey() <= maxMillis) {
            int node = heap.poll();
            if (!s.settle(node)) continue;
            s.relax(graph, node, closed);
        }
        return s.result(origin, maxMillis);
    }

    /** One thread's reusable search state: the node labels, and the nodes settled in order. */
    private static final class State extends NodeLabels {
        private static final int MAX_ROUND = (Integer.MAX_VALUE / 2) - 1;

        int[] settled = new int[256];
        int settledCount;

        State(int nodeCount) {
            super(nodeCount, MAX_ROUND);
        }

        void begin() {
            nextRound();
            settledCount = 0;
        }

        /** True the first time {@code node} leaves the heap this query, when it joins the settled list. */
        boolean settle(int node) {
            if (!settleNode(node)) return false;
            if (settledCount == settled.length) settled = Arrays.copyOf(settled, settledCount * 2);
            settled[settledCount++] = node;
            return true;
        }

        ReachedNodes result(Anchor origin, long maxMillis) {
            int[] nodes = Arrays.copyOf(settled, settledCount);
            int[] times = new int[settledCount];
            float[] distances = new float[settledCount];
            for (int i = 0; i < settledCount; i++) {
                times[i] = millis[nodes[i]];
                distances[i] = meters[nodes[i]];
            }
            return new ReachedNodes(origin, maxMillis, nodes, times, distances);
        }
    }
}
