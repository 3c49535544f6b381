package org.muster.geo.cell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.GeoBounds;

class CellIndexTest {
    private static final CellIndex GRID = CellIndex.h3();
    private static final GeoPoint BIRMINGHAM = GeoPoint.of(52.4862, -1.8904);

    @Test
    void aPointLiesInItsCellAndTheCellsCentreIsNearIt() {
        long cell = GRID.cellOf(BIRMINGHAM, 8);
        assertThat(GRID.resolutionOf(cell)).isEqualTo(8);
        // a resolution-8 cell is about 460 m from centre to corner
        assertThat(GRID.centreOf(cell).distanceMetersTo(BIRMINGHAM)).isLessThan(600);
        assertThat(GRID.cellOf(GRID.centreOf(cell), 8)).isEqualTo(cell);
        assertThat(GRID.address(cell))
                .isEqualTo(Long.toHexString(cell))
                .hasSize(15)
                .startsWith("88");
    }

    @Test
    void aDiskHoldsTheCellAndItsRings() {
        long cell = GRID.cellOf(BIRMINGHAM, 8);
        List<Long> one = GRID.listDisk(cell, 1);
        assertThat(one).hasSize(7).contains(cell);
        assertThat(GRID.listDisk(cell, 2)).hasSize(19).containsAll(one);
        for (long n : one) assertThat(GRID.listDisk(n, 1)).contains(cell);
    }

    @Test
    void aCellIsMadeOfSevenChildrenEachOfWhichLiesInIt() {
        long cell = GRID.cellOf(BIRMINGHAM, 7);
        List<Long> children = GRID.listChildren(cell, 8);
        assertThat(children).hasSize(7).doesNotHaveDuplicates();
        // the centre child lies in the cell; H3's children tile it only approximately at the edges
        assertThat(children).contains(GRID.cellOf(GRID.centreOf(cell), 8));
        assertThat(GRID.listChildren(cell, 9)).hasSize(49);
    }

    @Test
    void theCellsOverARectangleAreThoseWhoseCentreLiesInIt() {
        var area = new GeoBounds(GeoPoint.of(52.45, -1.95), GeoPoint.of(52.52, -1.83));
        long[] cells = GRID.cellsOver(area, 8);
        var set = new HashSet<Long>();
        for (long c : cells) {
            set.add(c);
            GeoPoint centre = GRID.centreOf(c);
            assertThat(centre.lat()).isBetween(52.45, 52.52);
            assertThat(centre.lon()).isBetween(-1.95, -1.83);
            assertThat(GRID.resolutionOf(c)).isEqualTo(8);
        }
        assertThat(set).hasSize(cells.length).contains(GRID.cellOf(BIRMINGHAM, 8));
        // about 7.8 km by 8.2 km over 0.74 km² cells
        assertThat(cells.length).isBetween(70, 110);
    }
}
