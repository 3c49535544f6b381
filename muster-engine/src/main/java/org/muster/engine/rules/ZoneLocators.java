package org.muster.engine.rules;

import java.util.List;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.ZoneLookup;
import org.muster.geo.zone.ZoneShape;

/** Zone geometry as the rules' {@link Rules.ZoneLocator}. */
public final class ZoneLocators {
    private ZoneLocators() {}

    public static Rules.ZoneLocator of(ZoneLookup zones) {
        return new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }

            @Override
            public List<ZoneId> neighboursOf(ZoneId zone) {
                return zones.findZone(zone).isEmpty()
                        ? List.of()
                        : zones.listNeighbours(zone).stream().map(ZoneShape::id).toList();
            }
        };
    }
}
