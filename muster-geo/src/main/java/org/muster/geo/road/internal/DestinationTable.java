package org.muster.geo.road.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Destinations indexed for a forward search, for one profile: which destinations hang off each node
 * (with the time from that node to the destination), and which lie part-way along each edge (for an
 * origin on the same edge). The mirror of {@link OriginTable}; both are an {@link AnchorTable}. Built once
 * per set of destinations, so collecting the destinations a search reached touches only the nodes it
 * reached.
 */
public final class DestinationTable extends AnchorTable {
    /**
     * One destination a search reached.
     *
     * @param destination the destination's number in this table
     * @param travelTimeMillis road travel time from the origin to it
     * @param distanceMeters road distance along that fastest route
     */
    public record Hit(int destination, long travelTimeMillis, double distanceMeters) {}

    /** Indexes {@code anchors}; a destination's number is its position in the list. */
    public DestinationTable(List<Anchor> anchors) {
        super(anchors, false);
    }

    /**
     * The destinations {@code reached} covers within its limit, fastest first (ties by destination
     * number): each by the better of its edge's two ends, or straight along the origin's edge when it
     * lies on that edge too.
     */
    public Hit[] collect(ReachedNodes reached) {
        Anchor origin = reached.origin();
        int edgeSlot = origin.onEdge() ? edgeSlot(origin.edge()) : IntIntMap.ABSENT;
        // First pass: how many (destination, way in) pairs there are, to size the map without growing it.
        int candidates = 0;
        for (int i = 0, n = reached.size(); i < n; i++) {
            int slot = nodeSlot(reached.node(i));
            if (slot != IntIntMap.ABSENT) candidates += nodeSlotEnd(slot) - nodeSlotStart(slot);
        }
        if (edgeSlot != IntIntMap.ABSENT) candidates += edgeSlotEnd(edgeSlot) - edgeSlotStart(edgeSlot);
        if (candidates == 0) return new Hit[0];

        Best best = new Best(candidates, reached.maxMillis());
        double[] at = new double[1];
        for (int i = 0, n = reached.size(); i < n; i++) {
            int slot = nodeSlot(reached.node(i));
            if (slot == IntIntMap.ABSENT) continue;
            for (int e = nodeSlotStart(slot), end = nodeSlotEnd(slot); e < end; e++) {
                int d = nodeEntryAnchor(e);
                // The last turn, onto the destination's own edge, is checked at a restricted junction.
                long millis = reached.millisOnto(i, anchor(d).edge(), at);
                if (millis < 0) continue;
                best.offer(d, millis + nodeEntryMillis(e), at[0] + nodeEntryMeters(e));
            }
        }
        if (edgeSlot != IntIntMap.ABSENT) {
            for (int e = edgeSlotStart(edgeSlot), end = edgeSlotEnd(edgeSlot); e < end; e++) {
                int d = edgeEntryAnchor(e);
                Anchor to = anchor(d);
                long direct = SameEdge.millis(origin, to);
                if (direct >= 0) best.offer(d, direct, Math.abs(to.metersFromBase() - origin.metersFromBase()));
            }
        }
        return best.sorted();
    }

    /** The best time found so far per destination, for the destinations within the limit. */
    private static final class Best {
        private final IntIntMap slotByDestination;
        private final long maxMillis;
        private final int[] destination;
        private final long[] millis;
        private final double[] meters;
        private int size;

        Best(int capacity, long maxMillis) {
            this.slotByDestination = new IntIntMap(capacity);
            this.maxMillis = maxMillis;
            this.destination = new int[capacity];
            this.millis = new long[capacity];
            this.meters = new double[capacity];
        }

        void offer(int d, long time, double distance) {
            if (time > maxMillis) return;
            int slot = slotByDestination.get(d);
            if (slot == IntIntMap.ABSENT) {
                slot = size++;
                slotByDestination.put(d, slot);
                destination[slot] = d;
                millis[slot] = time;
                meters[slot] = distance;
            } else if (time < millis[slot]) {
                millis[slot] = time;
                meters[slot] = distance;
            }
        }

        Hit[] sorted() {
            // Times fit in 31 bits (a two-day limit is 1.7e8 ms), destination numbers too: one long sorts both.
            long[] order = new long[size];
            for (int s = 0; s < size; s++) order[s] = (millis[s] << 32) | destination[s];
            Arrays.sort(order);
            Hit[] hits = new Hit[size];
            for (int i = 0; i < size; i++) {
                int s = slotByDestination.get((int) order[i]);
                hits[i] = new Hit(destination[s], millis[s], meters[s]);
            }
            return hits;
        }
    }
}
