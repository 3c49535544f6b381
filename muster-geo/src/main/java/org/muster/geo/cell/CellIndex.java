package org.muster.geo.cell;

import java.util.List;
import org.muster.domain.GeoPoint;
import org.muster.geo.cell.internal.H3CellIndex;
import org.muster.geo.road.GeoBounds;

/**
 * A hierarchical grid of hexagonal cells over the earth: what coverage and early warning count demand and
 * incidents in. A cell is a {@code long}, its resolution part of it; cells of one resolution sorted by
 * number keep neighbours close.
 *
 * <p>Make one per running service ({@link #h3()}) and hand it to everything that needs cells: the index
 * loads a native library when made. Thread-safe.
 */
public interface CellIndex {
    /** The finest resolution the grid has. */
    int MAX_RESOLUTION = 15;

    /** The H3 grid (Uber's hexagonal hierarchical index), the one Muster uses; loads its native library. */
    static CellIndex h3() {
        return H3CellIndex.load();
    }

    /** The cell of {@code resolution} that holds the point. */
    long cellOf(GeoPoint point, int resolution);

    /** The cell's centre. */
    GeoPoint centreOf(long cell);

    /** The cell's resolution, 0 (coarsest) to {@link #MAX_RESOLUTION}. */
    int resolutionOf(long cell);

    /** The cells of {@code childResolution} (finer than the cell's own) that make up the cell. */
    List<Long> listChildren(long cell, int childResolution);

    /** The cell and every cell within {@code k} steps of it: its neighbours when {@code k} is 1. */
    List<Long> listDisk(long cell, int k);

    /** The cells of {@code resolution} whose centre lies in the rectangle, in no particular order. */
    long[] cellsOver(GeoBounds area, int resolution);

    /** The cell's address as maps and other tools write it (H3's hexadecimal string). */
    String address(long cell);
}
