package org.muster.geo.road.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Locations indexed for a search, for one profile: which locations hang off each node (with the time
 * between that node and the location), and which lie part-way along each edge (for a search that starts
 * or ends on the same edge). Built once per set of locations, so a search touches only the locations at
 * the nodes it reaches. Used as {@link OriginTable} (times from each origin to the node, for the reverse
 * search) and as {@link DestinationTable} (times from the node to each destination, for the forward one).
 */
abstract class AnchorTable {
    private final Anchor[] anchors;

    private final IntIntMap slotByNode;
    private final int[] nodeSlotStart;
    private final int[] nodeEntryAnchor;
    private final int[] nodeEntryMillis;
    private final float[] nodeEntryMeters;

    private final IntIntMap slotByEdge;
    private final int[] edgeSlotStart;
    private final int[] edgeEntryAnchor;

    /**
     * Indexes {@code anchors}; a location's number is its position in the list.
     *
     * @param fromLocation true to hang each location off its edge's ends by its times to them (origins),
     *     false by the times from them (destinations); a location is left off an end it cannot be driven
     *     between in that direction
     */
    AnchorTable(List<Anchor> anchors, boolean fromLocation) {
        this.anchors = anchors.toArray(Anchor[]::new);
        int n = this.anchors.length;

        slotByNode = new IntIntMap(2 * n);
        int[] counts = new int[2 * n + 1];
        for (Anchor a : this.anchors) {
            if (baseMillis(a, fromLocation) != Anchor.UNREACHABLE) counts[slotFor(slotByNode, a.baseNode()) + 1]++;
            if (a.onEdge() && adjMillis(a, fromLocation) != Anchor.UNREACHABLE) {
                counts[slotFor(slotByNode, a.adjNode()) + 1]++;
            }
        }
        nodeSlotStart = prefixSums(counts, slotByNode.size());
        int entries = nodeSlotStart[slotByNode.size()];
        nodeEntryAnchor = new int[entries];
        nodeEntryMillis = new int[entries];
        nodeEntryMeters = new float[entries];
        int[] next = Arrays.copyOf(nodeSlotStart, slotByNode.size());
        for (int d = 0; d < n; d++) {
            Anchor a = this.anchors[d];
            int toBase = baseMillis(a, fromLocation);
            if (toBase != Anchor.UNREACHABLE) {
                int i = next[slotByNode.get(a.baseNode())]++;
                nodeEntryAnchor[i] = d;
                nodeEntryMillis[i] = toBase;
                nodeEntryMeters[i] = (float) a.metersFromBase();
            }
            int toAdj = adjMillis(a, fromLocation);
            if (a.onEdge() && toAdj != Anchor.UNREACHABLE) {
                int i = next[slotByNode.get(a.adjNode())]++;
                nodeEntryAnchor[i] = d;
                nodeEntryMillis[i] = toAdj;
                nodeEntryMeters[i] = (float) a.metersToAdj();
            }
        }

        slotByEdge = new IntIntMap(n);
        int[] edgeCounts = new int[n + 1];
        for (Anchor a : this.anchors) {
            if (a.onEdge()) edgeCounts[slotFor(slotByEdge, a.edge()) + 1]++;
        }
        edgeSlotStart = prefixSums(edgeCounts, slotByEdge.size());
        edgeEntryAnchor = new int[edgeSlotStart[slotByEdge.size()]];
        int[] edgeNext = Arrays.copyOf(edgeSlotStart, slotByEdge.size());
        for (int d = 0; d < n; d++) {
            Anchor a = this.anchors[d];
            if (a.onEdge()) edgeEntryAnchor[edgeNext[slotByEdge.get(a.edge())]++] = d;
        }
    }

    private static int baseMillis(Anchor a, boolean fromLocation) {
        return fromLocation ? a.millisToBase() : a.millisFromBase();
    }

    private static int adjMillis(Anchor a, boolean fromLocation) {
        return fromLocation ? a.millisToAdj() : a.millisFromAdj();
    }

    private static int slotFor(IntIntMap map, int key) {
        int slot = map.get(key);
        if (slot == IntIntMap.ABSENT) {
            slot = map.size();
            map.put(key, slot);
        }
        return slot;
    }

    private static int[] prefixSums(int[] counts, int slots) {
        int[] start = new int[slots + 1];
        for (int i = 0; i < slots; i++) start[i + 1] = start[i] + counts[i + 1];
        return start;
    }

    public final int size() {
        return anchors.length;
    }

    final Anchor anchor(int location) {
        return anchors[location];
    }

    /** The slot of locations hanging off {@code node}, or {@link IntIntMap#ABSENT}. */
    final int nodeSlot(int node) {
        return slotByNode.get(node);
    }

    final int nodeSlotStart(int slot) {
        return nodeSlotStart[slot];
    }

    final int nodeSlotEnd(int slot) {
        return nodeSlotStart[slot + 1];
    }

    /** The number of the location of node entry {@code index}. */
    final int nodeEntryAnchor(int index) {
        return nodeEntryAnchor[index];
    }

    /** The time between the node and the location of entry {@code index}, in the table's direction. */
    final int nodeEntryMillis(int index) {
        return nodeEntryMillis[index];
    }

    final float nodeEntryMeters(int index) {
        return nodeEntryMeters[index];
    }

    /** The slot of locations lying on {@code edge}, or {@link IntIntMap#ABSENT}. */
    final int edgeSlot(int edge) {
        return slotByEdge.get(edge);
    }

    final int edgeSlotStart(int slot) {
        return edgeSlotStart[slot];
    }

    final int edgeSlotEnd(int slot) {
        return edgeSlotStart[slot + 1];
    }

    final int edgeEntryAnchor(int index) {
        return edgeEntryAnchor[index];
    }
}
