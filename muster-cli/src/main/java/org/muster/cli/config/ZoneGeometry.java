package org.muster.cli.config;

import org.muster.geo.zone.ZoneDirectory;
import org.muster.geo.zone.ZoneIndex;

/** The zone geometry imported into the data directory. */
public final class ZoneGeometry {
    private ZoneGeometry() {}

    /** Every zone file under {@code data/zones}, in one index; empty when none was imported. */
    public static ZoneIndex load(DataOptions data) {
        return ZoneDirectory.load(data.zonesDir());
    }
}
