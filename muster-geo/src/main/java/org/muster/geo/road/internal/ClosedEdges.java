package org.muster.geo.road.internal;

import java.util.Arrays;

/**
 * A set of GraphHopper edge ids the searches must not use, in both directions: closed roads. Immutable, a
 * bit per edge, so the one check per relaxed edge costs next to nothing; {@link #NONE} lets a search skip
 * the check altogether.
 */
public final class ClosedEdges {
    public static final ClosedEdges NONE = new ClosedEdges(new long[0], 0);

    private final long[] words;
    private final int count;

    private ClosedEdges(long[] words, int count) {
        this.words = words;
        this.count = count;
    }

    /** The set of {@code edges} (duplicates allowed). */
    public static ClosedEdges of(int[] edges) {
        if (edges.length == 0) return NONE;
        int max = Arrays.stream(edges).max().orElse(0);
        long[] words = new long[(max >>> 6) + 1];
        int count = 0;
        for (int edge : edges) {
            long bit = 1L << (edge & 63);
            if ((words[edge >>> 6] & bit) == 0) count++;
            words[edge >>> 6] |= bit;
        }
        return new ClosedEdges(words, count);
    }

    public boolean contains(int edge) {
        int word = edge >>> 6;
        return word < words.length && (words[word] & (1L << (edge & 63))) != 0;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** How many edges are closed. */
    public int size() {
        return count;
    }
}
