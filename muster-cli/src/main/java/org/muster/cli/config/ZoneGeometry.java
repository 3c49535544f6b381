package org.muster.cli.config;

import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.geo.zone.ZoneDirectory;
import org.muster.geo.zone.ZoneIndex;

/** The zone geometry imported into the data directory, as the engine's zone locator. */
public final class ZoneGeometry {
    private ZoneGeometry() {}

    /** Every zone file under {@code data/zones}, in one index; empty when none was imported. */
    public static ZoneIndex load(DataOptions data) {
        return ZoneDirectory.load(data.zonesDir());
    }

    public static Rules.ZoneLocator locator(ZoneIndex zones) {
        return ZoneLocators.of(zones);
    }
}
