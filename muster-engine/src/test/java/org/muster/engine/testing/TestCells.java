package org.muster.engine.testing;

import org.muster.geo.cell.CellIndex;

/** The tests' one cell index, as a running service has one: made on first use, shared by the JVM. */
public final class TestCells {
    private TestCells() {}

    private static final class Holder {
        static final CellIndex GRID = CellIndex.h3();
    }

    public static CellIndex grid() {
        return Holder.GRID;
    }
}
