package org.muster.engine.warning;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.muster.domain.GeoPoint;

/** The few H3 operations the hotspot scan needs, over one lazily loaded native library. */
final class H3Cells {
    private H3Cells() {}

    // The holder idiom: the native library loads on first use, not when the package is touched.
    private static final class Holder {
        static final H3Core H3 = load();

        private static H3Core load() {
            try {
                return H3Core.newInstance();
            } catch (IOException e) {
                throw new UncheckedIOException("could not load the H3 native library", e);
            }
        }
    }

    static long cellOf(GeoPoint point, int resolution) {
        return Holder.H3.latLngToCell(point.lat(), point.lon(), resolution);
    }

    /** The cell and every cell within {@code k} steps of it. */
    static List<Long> disk(long cell, int k) {
        return Holder.H3.gridDisk(cell, k);
    }

    static GeoPoint centreOf(long cell) {
        var c = Holder.H3.cellToLatLng(cell);
        return GeoPoint.of(c.lat, c.lng);
    }

    static String address(long cell) {
        return Holder.H3.h3ToString(cell);
    }
}
