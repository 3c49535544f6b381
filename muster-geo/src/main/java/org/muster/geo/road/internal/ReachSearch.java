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
        State s = states.get();
        s.begin();
        if (origin.millisToBase() != Anchor.UNREACHABLE) {
            s.reach(origin.baseNode(), origin.millisToBase(), (float) origin.metersFromBase());
        }
        if (origin.onEdge() && origin.millisToAdj() != Anchor.UNREACHABLE) {
            s.reach(origin.adjNode(), origin.millisToAdj(), (float) origin.metersToAdj());
        }
        // The heap's float keys hold whole milliseconds exactly up to 2^24 ms (4.6 hours), far beyond any
        // response target, so nodes settle in exact order of time; labels themselves are ints.
        IntFloatBinaryHeap heap = s.heap;
        while (!heap.isEmpty() && heap.peekKey() <= maxMillis) {
            int node = heap.poll();
            if (!s.settle(node)) continue;
            int millis = s.millis[node];
            float meters = s.meters[node];
            for (int i = graph.firstOut(node), end = graph.endOut(node); i < end; i++) {
                s.reach(graph.toNode(i), millis + graph.edgeMillis(i), meters + graph.edgeMeters(i));
            }
        }
        return s.result(origin, maxMillis);
    }

    /** One thread's reusable search state. */
    private static final class State {
        // Node marks: 2*round = reached this query, 2*round+1 = settled this query, smaller = untouched.
        private static final int MAX_ROUND = (Integer.MAX_VALUE / 2) - 1;

        final int[] millis;
        final float[] meters;
        final int[] nodeMark;
        final IntFloatBinaryHeap heap = new IntFloatBinaryHeap(1024);
        int round;
        int[] settled = new int[256];
        int settledCount;

        State(int nodeCount) {
            millis = new int[nodeCount];
            meters = new float[nodeCount];
            nodeMark = new int[nodeCount];
        }

        void begin() {
            if (++round >= MAX_ROUND) {
                Arrays.fill(nodeMark, 0);
                round = 1;
            }
            heap.clear();
            settledCount = 0;
        }

        void reach(int node, int time, float distance) {
            int mark = nodeMark[node];
            if (mark == 2 * round + 1) return;
            if (mark == 2 * round && millis[node] <= time) return;
            nodeMark[node] = 2 * round;
            millis[node] = time;
            meters[node] = distance;
            heap.insert(time, node);
        }

        /** True the first time {@code node} leaves the heap this query: its time is then final. */
        boolean settle(int node) {
            if (nodeMark[node] == 2 * round + 1) return false;
            nodeMark[node] = 2 * round + 1;
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
