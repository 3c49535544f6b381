package org.muster.geo.zone;

import java.util.List;

/**
 * The zones read from one GeoJSON file, in file order, and the repairs made to their geometries.
 */
public record LoadedZones(List<ZoneShape> zones, List<ZoneRepair> repairs) {
    public LoadedZones {
        zones = List.copyOf(zones);
        repairs = List.copyOf(repairs);
    }
}
