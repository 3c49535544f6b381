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
 * <p>Turn restrictions: at a junction with a forbidden turn the search keeps one label per way into it
 * ({@link TurnLabels}) and never takes a forbidden turn; a junction's time is the fastest over its ways
 * in. The last turn, from a junction onto a destination's own edge, is not checked ({@link ReachedNodes}
 * keeps one time per junction): a destination just past a junction with a forbidden turn may be given
 * the time of a way in that may not turn towards it.
 *
 * <p>Thread-safe: each thread keeps its own search state (arrays the size of the graph, reused from one
 * query to the next and invalidated by a round number instead of being cleared).
 */
public final class ReachSearch {
    private final ForwardGraph graph;
    private final TurnLabels turns;
    private final ThreadLocal<State> states;

    /** A search over every turn: no junction has a forbidden one. */
    public ReachSearch(ForwardGraph graph) {
        this(graph, TurnRestrictions.NONE);
    }

    /** A search that never takes a turn {@code restrictions} forbids. */
    public ReachSearch(ForwardGraph graph, TurnRestrictions restrictions) {
        this.graph = graph;
        this.turns = TurnLabels.of(graph, restrictions);
        this.states = ThreadLocal.withInitial(() -> new State(graph.nodeCount(), turns.labelCount()));
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
            // Arriving at the base node along the origin's edge: at a junction with a forbidden turn, that
            // way in is part of the label.
            if (!origin.onEdge()) {
                s.reachNode(origin.baseNode(), origin.millisToBase(), 0);
            } else {
                for (int base : turns.labelsFrom(origin.adjNode(), origin.baseNode(), origin.edge())) {
                    s.reachNode(base, origin.millisToBase(), (float) origin.metersFromBase());
                }
            }
        }
        if (origin.onEdge() && origin.millisToAdj() != Anchor.UNREACHABLE) {
            for (int adj : turns.labelsFrom(origin.baseNode(), origin.adjNode(), origin.edge())) {
                s.reachNode(adj, origin.millisToAdj(), (float) origin.metersToAdj());
            }
        }
        // The heap's float keys hold whole milliseconds exactly up to 2^24 ms (4.6 hours), far beyond any
        // response target, so nodes settle in exact order of time; labels themselves are ints.
        IntFloatBinaryHeap heap = s.heap;
        while (!heap.isEmpty() && heap.peekKey() <= maxMillis) {
            int label = heap.poll();
            if (!s.settle(label, turns.nodeOf(label))) continue;
            s.relax(graph, turns, label, closed);
        }
        return s.result(origin, maxMillis);
    }

    /** One thread's reusable search state: the node labels, and the nodes settled in order. */
    private static final class State extends NodeLabels {
        private static final int MAX_ROUND = (Integer.MAX_VALUE / 2) - 1;

        final int nodeCount;
        int[] settled = new int[256];
        int settledCount;

        State(int nodeCount, int labelCount) {
            super(labelCount, MAX_ROUND);
            this.nodeCount = nodeCount;
        }

        void begin() {
            nextRound();
            settledCount = 0;
        }

        /**
         * True the first time {@code label} leaves the heap this query. The first of a junction's labels to
         * leave it is its fastest: the junction then joins the settled list with that label's time.
         */
        boolean settle(int label, int node) {
            if (!settleNode(label)) return false;
            if (label != node) {
                if (nodeMark[node] == 2 * round + 1) return true;
                nodeMark[node] = 2 * round + 1;
                millis[node] = millis[label];
                meters[node] = meters[label];
            }
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
