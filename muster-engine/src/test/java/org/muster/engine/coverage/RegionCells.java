package org.muster.engine.coverage;

import org.muster.engine.rules.Rules;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestCells;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/** Demand cells over the generated region, its zones located from its own zone file; built once per JVM. */
final class RegionCells {
    private static ZoneIndex zones;
    private static DemandCells cells;

    private RegionCells() {}

    static synchronized ZoneIndex zones() {
        if (zones == null) {
            zones = ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                    .zones());
        }
        return zones;
    }

    /** The service's own demand ({@link DemandCells#ofService}: much of the region is empty country), its zones. */
    static synchronized DemandCells cells() {
        if (cells == null) cells = DemandCells.ofService(RegionFixture.network(), TestCells.grid(), locator());
        return cells;
    }

    static Rules.ZoneLocator locator() {
        return point ->
                zones().listContaining(point).stream().map(ZoneShape::id).toList();
    }
}
