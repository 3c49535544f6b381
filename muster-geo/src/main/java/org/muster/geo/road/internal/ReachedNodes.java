package org.muster.geo.road.internal;

/**
 * What one {@link ReachSearch} settled: the nodes within its limit, fastest first, each with its travel
 * time and road distance from the origin. Immutable once built; the node lookup is built on first use.
 *
 * <p>At a junction with a forbidden turn it also keeps each way in the search settled ({@link Ways}), so
 * that the last turn, from the junction onto a destination's own edge, is checked too.
 */
public final class ReachedNodes {
    private final Anchor origin;
    private final long maxMillis;
    private final int[] nodes;
    private final int[] millis;
    private final float[] meters;
    private final Ways ways;
    private IntIntMap indexByNode;

    ReachedNodes(Anchor origin, long maxMillis, int[] nodes, int[] millis, float[] meters, Ways ways) {
        this.origin = origin;
        this.maxMillis = maxMillis;
        this.nodes = nodes;
        this.millis = millis;
        this.meters = meters;
        this.ways = ways;
    }

    /**
     * The ways into restricted junctions a search settled, each with its time and distance, in the order
     * settled (so fastest first per junction).
     *
     * @param inEdge per way, the edge it entered the junction by, or -1 for the origin standing on it
     */
    record Ways(TurnRestrictions turns, int[] node, int[] inEdge, int[] millis, float[] meters) {
        static final Ways NONE = new Ways(TurnRestrictions.NONE, new int[0], new int[0], new int[0], new float[0]);

        /** The first (fastest) way into {@code node} that may turn onto {@code edge}, or -1. */
        int fastestOnto(int node, int edge) {
            for (int w = 0; w < this.node.length; w++) {
                if (this.node[w] != node) continue;
                if (inEdge[w] < 0 || turns.allowsFromEdgeOrCopy(edge, node, inEdge[w], false)) return w;
            }
            return -1;
        }
    }

    /**
     * The time at the {@code i}-th node for a route that goes on along {@code edge} (-1: stops at the node):
     * the node's own time, unless a turn there is forbidden and its fastest way in may not turn that way.
     *
     * @param metersOut receives the distance of that time
     * @return the time, or -1 when no way in may turn onto the edge
     */
    long millisOnto(int i, int edge, double[] metersOut) {
        int node = nodes[i];
        if (edge < 0 || !ways.turns().restricts(node)) {
            metersOut[0] = meters[i];
            return millis[i];
        }
        int w = ways.fastestOnto(node, edge);
        if (w < 0) return -1;
        metersOut[0] = ways.meters()[w];
        return ways.millis()[w];
    }

    public Anchor origin() {
        return origin;
    }

    public long maxMillis() {
        return maxMillis;
    }

    public int size() {
        return nodes.length;
    }

    /** The {@code i}-th node settled: nondecreasing in time as {@code i} grows. */
    public int node(int i) {
        return nodes[i];
    }

    public int millis(int i) {
        return millis[i];
    }

    public float meters(int i) {
        return meters[i];
    }

    /** The position of {@code node} in this result, or -1 when the search did not reach it within the limit. */
    public int indexOf(int node) {
        IntIntMap index;
        synchronized (this) {
            if (indexByNode == null) {
                index = new IntIntMap(Math.max(1, nodes.length));
                for (int i = 0; i < nodes.length; i++) index.put(nodes[i], i);
                indexByNode = index;
            }
            index = indexByNode;
        }
        int i = index.get(node);
        return i == IntIntMap.ABSENT ? -1 : i;
    }

    /**
     * Travel time to a location, from the node ends of its edge or straight along the origin's own edge,
     * or -1 when it lies beyond the limit or cannot be reached.
     *
     * @param metersOut receives the road distance of that time in its first element
     */
    public long millisTo(Anchor destination, double[] metersOut) {
        long best = Long.MAX_VALUE;
        double bestMeters = 0;
        double[] at = new double[1];
        int i = indexOf(destination.baseNode());
        if (i >= 0 && destination.millisFromBase() != Anchor.UNREACHABLE) {
            long there = millisOnto(i, destination.edge(), at);
            if (there >= 0) {
                best = there + destination.millisFromBase();
                bestMeters = at[0] + destination.metersFromBase();
            }
        }
        if (destination.onEdge() && destination.millisFromAdj() != Anchor.UNREACHABLE) {
            int j = indexOf(destination.adjNode());
            long there = j >= 0 ? millisOnto(j, destination.edge(), at) : -1;
            if (there >= 0 && there + destination.millisFromAdj() < best) {
                best = there + destination.millisFromAdj();
                bestMeters = at[0] + destination.metersToAdj();
            }
        }
        if (destination.onEdge() && destination.edge() == origin.edge()) {
            double gap = destination.metersFromBase() - origin.metersFromBase();
            long direct = SameEdge.millis(origin, destination);
            if (direct >= 0 && direct < best) {
                best = direct;
                bestMeters = Math.abs(gap);
            }
        }
        if (best > maxMillis) return -1;
        metersOut[0] = bestMeters;
        return best;
    }
}
