package org.muster.geo.road.internal;

/**
 * What one {@link ReachSearch} settled: the nodes within its limit, fastest first, each with its travel
 * time and road distance from the origin. Immutable once built; the node lookup is built on first use.
 */
public final class ReachedNodes {
    private final Anchor origin;
    private final long maxMillis;
    private final int[] nodes;
    private final int[] millis;
    private final float[] meters;
    private IntIntMap indexByNode;

    ReachedNodes(Anchor origin, long maxMillis, int[] nodes, int[] millis, float[] meters) {
        this.origin = origin;
        this.maxMillis = maxMillis;
        this.nodes = nodes;
        this.millis = millis;
        this.meters = meters;
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
        int i = indexOf(destination.baseNode());
        if (i >= 0 && destination.millisFromBase() != Anchor.UNREACHABLE) {
            best = (long) millis[i] + destination.millisFromBase();
            bestMeters = meters[i] + destination.metersFromBase();
        }
        if (destination.onEdge() && destination.millisFromAdj() != Anchor.UNREACHABLE) {
            int j = indexOf(destination.adjNode());
            if (j >= 0 && (long) millis[j] + destination.millisFromAdj() < best) {
                best = (long) millis[j] + destination.millisFromAdj();
                bestMeters = meters[j] + destination.metersToAdj();
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
