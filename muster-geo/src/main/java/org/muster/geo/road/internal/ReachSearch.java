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
 * in, and each way is kept beside it ({@link ReachedNodes.Ways}) so that the last turn, onto a
 * destination's own edge, is checked too.
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
        this.states = ThreadLocal.withInitial(() -> new State(graph.nodeCount(), turns));
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

        final TurnLabels turns;
        /** The ways into restricted junctions settled this query: node, edge in, time, distance. */
        int[] wayNode = new int[16];

        int[] wayInEdge = new int[16];
        int[] wayMillis = new int[16];
        float[] wayMeters = new float[16];
        int wayCount;

        State(int nodeCount, TurnLabels turns) {
            super(turns.labelCount(), MAX_ROUND);
            this.nodeCount = nodeCount;
            this.turns = turns;
        }

        private void recordWay(int label, int node) {
            if (wayCount == wayNode.length) {
                wayNode = Arrays.copyOf(wayNode, wayCount * 2);
                wayInEdge = Arrays.copyOf(wayInEdge, wayCount * 2);
                wayMillis = Arrays.copyOf(wayMillis, wayCount * 2);
                wayMeters = Arrays.copyOf(wayMeters, wayCount * 2);
            }
            wayNode[wayCount] = node;
            wayInEdge[wayCount] = turns.edgeOf(label);
            wayMillis[wayCount] = millis[label];
            wayMeters[wayCount] = meters[label];
            wayCount++;
        }

        void begin() {
            nextRound();
            settledCount = 0;
            wayCount = 0;
        }

        /**
         * True the first time {@code label} leaves the heap this query. The first of a junction's labels to
         * leave it is its fastest: the junction then joins the settled list with that label's time.
         */
        boolean settle(int label, int node) {
            if (!settleNode(label)) return false;
            if (turns.restricts(node)) recordWay(label, node);
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
            ReachedNodes.Ways ways = wayCount == 0
                    ? ReachedNodes.Ways.NONE
                    : new ReachedNodes.Ways(
                            turns.restrictions(),
                            Arrays.copyOf(wayNode, wayCount),
                            Arrays.copyOf(wayInEdge, wayCount),
                            Arrays.copyOf(wayMillis, wayCount),
                            Arrays.copyOf(wayMeters, wayCount));
            return new ReachedNodes(origin, maxMillis, nodes, times, distances, ways);
        }
    }
}
