package org.muster.engine.coverage;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.RoadNetwork;

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
    static DemandWeights incidents(Collection<GeoPoint> locations) {
        List<GeoPoint> points = List.copyOf(Check.present("locations", locations));
        Map<Integer, Map<Long, Integer>> countsByResolution = new HashMap<>();
        return (cell, centre) -> {
            int resolution = H3.core().getResolution(cell);
            Map<Long, Integer> counts;
            synchronized (countsByResolution) {
                counts = countsByResolution.computeIfAbsent(resolution, r -> {
                    Map<Long, Integer> byCell = new HashMap<>();
                    for (GeoPoint p : points)
                        byCell.merge(H3.core().latLngToCell(p.lat(), p.lon(), r), 1, Integer::sum);
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
    static DemandWeights nearRoads(RoadNetwork network, double meters) {
        Check.present("network", network);
        Check.range("meters", meters, 1, network.config().maxSnapDistanceMeters());
        return (cell, centre) -> {
            int resolution = H3.core().getResolution(cell);
            List<Long> children = H3.core().cellToChildren(cell, Math.min(15, resolution + 2));
            int near = 0;
            for (long child : children) {
                var c = H3.core().cellToLatLng(child);
                var snap = network.findSnap(GeoPoint.of(c.lat, c.lng));
                if (snap.isPresent() && snap.get().offRoadMeters() <= meters) near++;
            }
            return (double) near / children.size();
        };
    }
}
