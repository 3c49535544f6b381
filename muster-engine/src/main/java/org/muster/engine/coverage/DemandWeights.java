package org.muster.engine.coverage;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.TravelTimes;

/**
 * How much demand each cell holds: the weight of its share in the coverage figures. Asked once per cell
 * when {@link DemandCells} are built; a cell of weight 0 is left out.
 */
@FunctionalInterface
public interface DemandWeights {
    /**
     * The demand of one cell: finite, 0 or more, at most {@link DemandCells#MAX_WEIGHT}.
     *
     * @param cell the cell's H3 index
     * @param centre the cell's centre
     */
    double weightOf(long cell, GeoPoint centre);

    /** Every cell the same: coverage of the area. */
    static DemandWeights uniform() {
        return (cell, centre) -> 1;
    }

    /**
     * Recent demand: the number of incident locations (or calls) falling in each cell. Cells without any
     * are left out, so coverage is the share of recent incidents an available unit could have reached.
     */
    static DemandWeights incidents(CellIndex grid, Collection<GeoPoint> locations) {
        Check.present("grid", grid);
        List<GeoPoint> points = List.copyOf(Check.present("locations", locations));
        Map<Integer, Map<Long, Integer>> countsByResolution = new HashMap<>();
        return (cell, centre) -> {
            int resolution = grid.resolutionOf(cell);
            Map<Long, Integer> counts;
            synchronized (countsByResolution) {
                counts = countsByResolution.computeIfAbsent(resolution, r -> {
                    Map<Long, Integer> byCell = new HashMap<>();
                    for (GeoPoint p : points) byCell.merge(grid.cellOf(p, r), 1, Integer::sum);
                    return byCell;
                });
            }
            return counts.getOrDefault(cell, 0);
        };
    }

    /**
     * A population proxy where no incident history is at hand: the share of the cell near a road, read
     * from its 49 grandchild cells, each counting when its centre lies within {@code meters} of a road the
     * network can place it on. Built-up cells are dense with roads; fields and woods are not.
     */
    static DemandWeights nearRoads(CellIndex grid, TravelTimes network, double meters) {
        Check.present("grid", grid);
        Check.present("network", network);
        Check.range("meters", meters, 1, network.maxSnapDistanceMeters());
        return (cell, centre) -> {
            int resolution = grid.resolutionOf(cell);
            List<Long> children = grid.listChildren(cell, Math.min(CellIndex.MAX_RESOLUTION, resolution + 2));
            int near = 0;
            for (long child : children) {
                var snap = network.findSnap(grid.centreOf(child));
                if (snap.isPresent() && snap.get().offRoadMeters() <= meters) near++;
            }
            return (double) near / children.size();
        };
    }
}
