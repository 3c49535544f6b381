package org.muster.engine.coverage;

/**
 * How many counted units reach each cell, for one layer. Stored in chunks allocated on first touch: an
 * organisation's units reach only the cells of its own area, and cells are numbered in H3 order, which
 * keeps an area's cells in few chunks, so a national set of cells costs each layer only its own area.
 */
final class CellCounts {
    private static final int CHUNK_BITS = 8;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

    private final int[][] chunks;

    CellCounts(int cellCount) {
        chunks = new int[(cellCount + CHUNK_MASK) >>> CHUNK_BITS][];
    }

    int get(int cell) {
        int[] chunk = chunks[cell >>> CHUNK_BITS];
        return chunk == null ? 0 : chunk[cell & CHUNK_MASK];
    }

    /** Adds {@code delta} to the cell's count and returns the new count. */
    int add(int cell, int delta) {
        int[] chunk = chunks[cell >>> CHUNK_BITS];
        if (chunk == null) chunk = chunks[cell >>> CHUNK_BITS] = new int[1 << CHUNK_BITS];
        return chunk[cell & CHUNK_MASK] += delta;
    }
}
