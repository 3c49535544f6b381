package org.muster.geo.road.internal;

import com.graphhopper.apache.commons.collections.IntFloatBinaryHeap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The k origins with the shortest road travel time to one destination, by one Dijkstra from the
 * destination over {@link ReverseGraph}'s incoming edges.
 *
 * <p>Origins enter the same heap as nodes: when a node is settled, each origin hanging off it is offered
 * with the node's time plus the origin's partial-edge time to the node; an origin on the destination's own
 * edge is also offered its direct time along that edge. Because Dijkstra settles in order of time, the
 * first time an origin leaves the heap its time is final, so the search stops as soon as {@code limit}
 * accepted origins have left it, the heap's next time passes the limit, or no origin is left to find. The caller's filter is asked
 * at most once per origin per query, and only for origins the search reaches.
 *
 * <p>Turn restrictions: at a junction with a forbidden turn the search keeps one label per way out of it
 * ({@link TurnLabels}), so a route never takes a turn GraphHopper's turn-aware routing refuses, an origin
 * included (the turn from its own edge onto the route); elsewhere it is the node-based search unchanged.
 *
 * <p>Thread-safe: each thread keeps its own search state (arrays the size of the graph, reused from one
 * query to the next and invalidated by a round number instead of being cleared).
 */
public final class NearestSearch {
    private final ReverseGraph graph;
    private final TurnLabels turns;
    private final ThreadLocal<State> states;

    /** A search over every turn: no junction has a forbidden one. */
    public NearestSearch(ReverseGraph graph) {
        this(graph, TurnRestrictions.NONE);
    }

    /** A search that never takes a turn {@code restrictions} forbids. */
    public NearestSearch(ReverseGraph graph, TurnRestrictions restrictions) {
        this.graph = graph;
        this.turns = TurnLabels.of(graph, restrictions);
        this.states = ThreadLocal.withInitial(() -> new State(turns.labelCount()));
    }

    /**
     * One origin the search settled.
     *
     * @param origin the origin's number in its {@link OriginTable}
     * @param travelTimeMillis road travel time from the origin to the destination
     * @param distanceMeters road distance along that fastest route
     */
    public record Hit(int origin, int travelTimeMillis, double distanceMeters) {}

    /**
     * Up to {@code limit} accepted origins in order of travel time to {@code destination}, none slower than
     * {@code maxMillis}. Origins that cannot reach the destination are not listed.
     */
    public List<Hit> search(Anchor destination, OriginTable origins, IntPredicate accept, int limit, long maxMillis) {
        return search(destination, origins, accept, limit, maxMillis, ClosedEdges.NONE);
    }

    /**
     * As above, never along a {@code closed} edge. The destination's and the origins' own partial edges
     * stay usable: a closure does not trap a unit where it stands, nor keep everyone from a call on it.
     */
    public List<Hit> search(
            Anchor destination,
            OriginTable origins,
            IntPredicate accept,
            int limit,
            long maxMillis,
            ClosedEdges closed) {
        State s = states.get();
        s.begin(origins.size());
        if (destination.millisFromBase() != Anchor.UNREACHABLE) {
            // From the base node the route drives on along the destination's edge: at a junction with a
            // forbidden turn, that way out is part of the label.
            if (!destination.onEdge()) {
                s.reachNode(destination.baseNode(), destination.millisFromBase(), 0);
            } else {
                for (int base : turns.labelsFrom(destination.adjNode(), destination.baseNode(), destination.edge())) {
                    s.reachNode(base, destination.millisFromBase(), (float) destination.metersFromBase());
                }
            }
        }
        if (destination.onEdge() && destination.millisFromAdj() != Anchor.UNREACHABLE) {
            for (int adj : turns.labelsFrom(destination.baseNode(), destination.adjNode(), destination.edge())) {
                s.reachNode(adj, destination.millisFromAdj(), (float) destination.metersToAdj());
            }
        }
        if (destination.onEdge()) offerOriginsOnSameEdge(s, destination, origins, accept);

        List<Hit> hits = new ArrayList<>(Math.min(limit, 64));
        int labelCount = s.labelCount;
        IntFloatBinaryHeap heap = s.heap;
        while (s.unresolvedOrigins > 0 && !heap.isEmpty() && heap.peekKey() <= maxMillis) {
            int element = heap.poll();
            if (element >= labelCount) {
                int origin = element - labelCount;
                if (s.settleOrigin(origin)) {
                    hits.add(new Hit(origin, s.originMillis[origin], s.originMeters[origin]));
                    if (hits.size() >= limit) break;
                }
            } else if (s.settleNode(element)) {
                settle(s, element, origins, accept, closed);
            }
        }
        return hits;
    }

    private void settle(State s, int label, OriginTable origins, IntPredicate accept, ClosedEdges closed) {
        int millis = s.millis[label];
        float meters = s.meters[label];
        int node = turns.nodeOf(label);
        boolean turnsMatter = node != label;
        int slot = origins.nodeSlot(node);
        if (slot != IntIntMap.ABSENT) {
            for (int i = origins.nodeSlotStart(slot), end = origins.nodeSlotEnd(slot); i < end; i++) {
                int origin = origins.nodeEntryAnchor(i);
                // An origin joins the route from its own edge: that turn must be allowed too.
                if (turnsMatter
                        && !turns.allowsOrigin(label, origins.anchor(origin).edge())) continue;
                s.offerOrigin(origin, millis + origins.nodeEntryMillis(i), meters + origins.nodeEntryMeters(i), accept);
            }
        }
        s.relax(graph, turns, label, closed);
    }

    /**
     * An origin on the destination's edge can drive straight to it without reaching a junction, if the
     * edge may be driven that way. Both anchors measure from the same base node, and speed is constant
     * along an edge, so the direct time is the difference of their times to the edge's far end.
     */
    private static void offerOriginsOnSameEdge(State s, Anchor destination, OriginTable origins, IntPredicate accept) {
        int slot = origins.edgeSlot(destination.edge());
        if (slot == IntIntMap.ABSENT) return;
        for (int i = origins.edgeSlotStart(slot), end = origins.edgeSlotEnd(slot); i < end; i++) {
            int origin = origins.edgeEntryAnchor(i);
            Anchor a = origins.anchor(origin);
            double gap = destination.metersFromBase() - a.metersFromBase();
            if (gap == 0 && (a.millisToAdj() != Anchor.UNREACHABLE || a.millisToBase() != Anchor.UNREACHABLE)) {
                s.offerOrigin(origin, 0, 0, accept);
            } else if (gap > 0 && a.millisToAdj() != Anchor.UNREACHABLE) {
                int millis = Math.max(0, a.millisToAdj() - destination.millisToAdj());
                s.offerOrigin(origin, millis, (float) gap, accept);
            } else if (gap < 0 && a.millisToBase() != Anchor.UNREACHABLE) {
                int millis = Math.max(0, a.millisToBase() - destination.millisToBase());
                s.offerOrigin(origin, millis, (float) -gap, accept);
            }
        }
    }

    /** One thread's reusable search state: the node labels, and the origins' own labels beside them. */
    private static final class State extends NodeLabels {
        // Origin marks: 4*round + ACCEPTED / REJECTED / SETTLED.
        private static final int ACCEPTED = 1;
        private static final int REJECTED = 2;
        private static final int SETTLED = 3;
        private static final int MAX_ROUND = (Integer.MAX_VALUE / 4) - 1;

        /** Labels first, then origins, share the heap: an element from here on is an origin. */
        final int labelCount;

        int[] originMillis = new int[0];
        float[] originMeters = new float[0];
        int[] originMark = new int[0];
        /** Origins neither settled nor rejected yet: once none are left, searching on finds nothing. */
        int unresolvedOrigins;

        State(int labelCount) {
            super(labelCount, MAX_ROUND);
            this.labelCount = labelCount;
        }

        void begin(int originCount) {
            if (originMark.length < originCount) {
                int capacity = Math.max(originCount, originMark.length * 2);
                originMillis = new int[capacity];
                originMeters = new float[capacity];
                originMark = new int[capacity];
            }
            if (nextRound()) Arrays.fill(originMark, 0);
            unresolvedOrigins = originCount;
        }

        void offerOrigin(int origin, int time, float distance, IntPredicate accept) {
            int base = 4 * round;
            int mark = originMark[origin];
            if (mark < base) {
                if (!accept.test(origin)) {
                    originMark[origin] = base + REJECTED;
                    unresolvedOrigins--;
                    return;
                }
                originMark[origin] = base + ACCEPTED;
                originMillis[origin] = Integer.MAX_VALUE;
            } else if (mark != base + ACCEPTED) {
                return;
            }
            if (time < originMillis[origin]) {
                originMillis[origin] = time;
                originMeters[origin] = distance;
                heap.insert(time, labelCount + origin);
            }
        }

        boolean settleOrigin(int origin) {
            if (originMark[origin] != 4 * round + ACCEPTED) return false;
            originMark[origin] = 4 * round + SETTLED;
            unresolvedOrigins--;
            return true;
        }
    }
}
