package org.muster.geo.road.internal;

import com.graphhopper.apache.commons.collections.IntFloatBinaryHeap;
import java.util.Arrays;

/**
 * One thread's reusable Dijkstra labels over a graph's nodes: the time and distance each node was reached
 * at, and the heap of nodes waiting to be settled. The arrays are the size of the graph, reused from one
 * query to the next and invalidated by a round number instead of being cleared. Both searches keep their
 * per-thread state as a subclass, so the relaxation below is the one they share.
 */
abstract class NodeLabels {
    // Node marks: 2*round = reached this query, 2*round+1 = settled this query, smaller = untouched.
    final int[] millis;
    final float[] meters;
    final int[] nodeMark;
    final IntFloatBinaryHeap heap = new IntFloatBinaryHeap(1024);
    int round;
    private final int maxRound;

    /**
     * @param labelCount the graph's nodes, and the extra labels of {@link TurnLabels} at junctions with a
     *     forbidden turn after them
     * @param maxRound the round at which marks are cleared and counting starts again at 1
     */
    NodeLabels(int labelCount, int maxRound) {
        millis = new int[labelCount];
        meters = new float[labelCount];
        nodeMark = new int[labelCount];
        this.maxRound = maxRound;
    }

    /**
     * Starts a query: a new round and an empty heap. True when the round number wrapped and the node
     * marks were cleared, so that a subclass clears any marks of its own that count in rounds.
     */
    final boolean nextRound() {
        boolean wrapped = false;
        if (++round >= maxRound) {
            Arrays.fill(nodeMark, 0);
            round = 1;
            wrapped = true;
        }
        heap.clear();
        return wrapped;
    }

    /** Offers {@code node} at {@code time}: kept if it is not settled and this beats its label so far. */
    final void reachNode(int node, int time, float distance) {
        int mark = nodeMark[node];
        if (mark == 2 * round + 1) return;
        if (mark == 2 * round && millis[node] <= time) return;
        nodeMark[node] = 2 * round;
        millis[node] = time;
        meters[node] = distance;
        heap.insert(time, node);
    }

    /** True the first time {@code node} leaves the heap this query: its time is then final. */
    final boolean settleNode(int node) {
        if (nodeMark[node] == 2 * round + 1) return false;
        nodeMark[node] = 2 * round + 1;
        return true;
    }

    /** Offers every neighbour of settled {@code node} along {@code graph}'s edges that are not closed. */
    final void relax(DirectedGraph graph, int node, ClosedEdges closed) {
        if (closed.isEmpty()) {
            relax(graph, node);
            return;
        }
        int time = millis[node];
        float distance = meters[node];
        for (int i = graph.first(node), end = graph.end(node); i < end; i++) {
            if (closed.contains(graph.edgeId(i))) continue;
            reachNode(graph.neighbour(i), time + graph.edgeMillis(i), distance + graph.edgeMeters(i));
        }
    }

    /** Offers every neighbour of settled {@code node} along {@code graph}'s edges. */
    final void relax(DirectedGraph graph, int node) {
        int time = millis[node];
        float distance = meters[node];
        for (int i = graph.first(node), end = graph.end(node); i < end; i++) {
            reachNode(graph.neighbour(i), time + graph.edgeMillis(i), distance + graph.edgeMeters(i));
        }
    }

    /**
     * Offers every label reachable from settled {@code label} along {@code graph}'s edges that are not
     * closed and whose turn {@code turns} allows.
     */
    final void relax(DirectedGraph graph, TurnLabels turns, int label, ClosedEdges closed) {
        if (turns.isEmpty()) {
            relax(graph, label, closed);
            return;
        }
        int node = turns.nodeOf(label);
        int time = millis[label];
        float distance = meters[label];
        for (int i = graph.first(node), end = graph.end(node); i < end; i++) {
            if (!turns.allows(label, i)) continue;
            if (!closed.isEmpty() && closed.contains(graph.edgeId(i))) continue;
            reachNode(turns.labelAlong(i), time + graph.edgeMillis(i), distance + graph.edgeMeters(i));
        }
    }
}
