package org.muster.geo.cell.internal;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.muster.domain.GeoPoint;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.GeoBounds;

/** The cell index over H3. {@link H3Core} is thread-safe, so one instance serves every caller. */
public final class H3CellIndex implements CellIndex {
    private final H3Core h3;

    private H3CellIndex(H3Core h3) {
        this.h3 = h3;
    }

    /** Loads H3's native library: this unpacks a file, so it is done once per service. */
    public static H3CellIndex load() {
        try {
            return new H3CellIndex(H3Core.newInstance());
        } catch (IOException e) {
            throw new UncheckedIOException("the H3 native library cannot be loaded", e);
        }
    }

    @Override
    public long cellOf(GeoPoint point, int resolution) {
        return h3.latLngToCell(point.lat(), point.lon(), resolution);
    }

    @Override
    public GeoPoint centreOf(long cell) {
        LatLng c = h3.cellToLatLng(cell);
        return GeoPoint.of(c.lat, c.lng);
    }

    @Override
    public int resolutionOf(long cell) {
        return h3.getResolution(cell);
    }

    @Override
    public List<Long> listChildren(long cell, int childResolution) {
        return h3.cellToChildren(cell, childResolution);
    }

    @Override
    public List<Long> listDisk(long cell, int k) {
        return h3.gridDisk(cell, k);
    }

    @Override
    public long[] cellsOver(GeoBounds area, int resolution) {
        double s = area.southWest().lat(), w = area.southWest().lon();
        double n = area.northEast().lat(), e = area.northEast().lon();
        List<LatLng> ring = List.of(new LatLng(s, w), new LatLng(s, e), new LatLng(n, e), new LatLng(n, w));
        return h3.polygonToCells(ring, List.of(), resolution).stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    @Override
    public String address(long cell) {
        return h3.h3ToString(cell);
    }
}
