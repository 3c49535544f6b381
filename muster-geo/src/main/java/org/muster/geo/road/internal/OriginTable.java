package org.muster.geo.road.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Origins indexed for the search, for one profile: which origins hang off each node (with the time from
 * the origin to that node), and which lie part-way along each edge (for a destination on the same edge).
 * Built once per set of positions, so a query touches only the origins its search reaches.
 */
public final class OriginTable {
    private final Anchor[] anchors;

    private final IntIntMap slotByNode;
    private final int[] nodeSlotStart;
    private final int[] nodeEntryOrigin;
    private final int[] nodeEntryMillis;
    private final float[] nodeEntryMeters;

    private final IntIntMap slotByEdge;
    private final int[] edgeSlotStart;
    private final int[] edgeEntryOrigin;

    /** Indexes {@code anchors}; an origin's number is its position in the list. */
    public OriginTable(List<Anchor> anchors) {
        this.anchors = anchors.toArray(Anchor[]::new);
        int n = this.anchors.length;

        slotByNode = new IntIntMap(2 * n);
        int[] counts = new int[2 * n + 1];
        for (Anchor a : this.anchors) {
            if (a.millisToBase() != Anchor.UNREACHABLE) counts[slotFor(slotByNode, a.baseNode()) + 1]++;
            if (a.millisToAdj() != Anchor.UNREACHABLE) counts[slotFor(slotByNode, a.adjNode()) + 1]++;
        }
        nodeSlotStart = prefixSums(counts, slotByNode.size());
        int entries = nodeSlotStart[slotByNode.size()];
        nodeEntryOrigin = new int[entries];
        nodeEntryMillis = new int[entries];
        nodeEntryMeters = new float[entries];
        int[] next = Arrays.copyOf(nodeSlotStart, slotByNode.size());
        for (int o = 0; o < n; o++) {
            Anchor a = this.anchors[o];
            if (a.millisToBase() != Anchor.UNREACHABLE) {
                int i = next[slotByNode.get(a.baseNode())]++;
                nodeEntryOrigin[i] = o;
                nodeEntryMillis[i] = a.millisToBase();
                nodeEntryMeters[i] = (float) a.metersFromBase();
            }
            if (a.millisToAdj() != Anchor.UNREACHABLE) {
                int i = next[slotByNode.get(a.adjNode())]++;
                nodeEntryOrigin[i] = o;
                nodeEntryMillis[i] = a.millisToAdj();
                nodeEntryMeters[i] = (float) a.metersToAdj();
            }
        }

        slotByEdge = new IntIntMap(n);
        int[] edgeCounts = new int[n + 1];
        for (Anchor a : this.anchors) {
            if (a.onEdge()) edgeCounts[slotFor(slotByEdge, a.edge()) + 1]++;
        }
        edgeSlotStart = prefixSums(edgeCounts, slotByEdge.size());
        edgeEntryOrigin = new int[edgeSlotStart[slotByEdge.size()]];
        int[] edgeNext = Arrays.copyOf(edgeSlotStart, slotByEdge.size());
        for (int o = 0; o < n; o++) {
            Anchor a = this.anchors[o];
            if (a.onEdge()) edgeEntryOrigin[edgeNext[slotByEdge.get(a.edge())]++] = o;
        }
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

    public int size() {
        return anchors.length;
    }

    Anchor anchor(int origin) {
        return anchors[origin];
    }

    /** The slot of origins hanging off {@code node}, or {@link IntIntMap#ABSENT}. */
    int nodeSlot(int node) {
        return slotByNode.get(node);
    }

    int nodeSlotStart(int slot) {
        return nodeSlotStart[slot];
    }

    int nodeSlotEnd(int slot) {
        return nodeSlotStart[slot + 1];
    }

    int nodeEntryOrigin(int index) {
        return nodeEntryOrigin[index];
    }

    int nodeEntryMillis(int index) {
        return nodeEntryMillis[index];
    }

    float nodeEntryMeters(int index) {
        return nodeEntryMeters[index];
    }

    /** The slot of origins lying on {@code edge}, or {@link IntIntMap#ABSENT}. */
    int edgeSlot(int edge) {
        return slotByEdge.get(edge);
    }

    int edgeSlotStart(int slot) {
        return edgeSlotStart[slot];
    }

    int edgeSlotEnd(int slot) {
        return edgeSlotStart[slot + 1];
    }

    int edgeEntryOrigin(int index) {
        return edgeEntryOrigin[index];
    }
}
