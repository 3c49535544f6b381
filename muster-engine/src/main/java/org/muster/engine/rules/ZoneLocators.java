package org.muster.engine.rules;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.ZoneLookup;
import org.muster.geo.zone.ZoneShape;

/** Zone geometry as the rules' {@link Rules.ZoneLocator}. */
public final class ZoneLocators {
    /** How many points' zones a locator remembers at most before it starts afresh. */
    static final int MOST_POINTS_KEPT = 10_000;

    private ZoneLocators() {}

    /**
     * The locator over {@code zones}, which must not change (the one implementation, {@code ZoneIndex}, is
     * immutable; new geometry is a new index and a new locator). It remembers the zones of the points it was asked
     * about: an incident's place is asked about again and again (as it is created, by the ledgers, at each
     * recommendation and at each unit assigned), and each answer is a search of the polygons.
     */
    public static Rules.ZoneLocator of(ZoneLookup zones) {
        ConcurrentHashMap<GeoPoint, List<ZoneId>> known = new ConcurrentHashMap<>();
        return new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                List<ZoneId> kept = known.get(point);
                if (kept != null) return kept;
                List<ZoneId> found = search(point);
                if (known.size() >= MOST_POINTS_KEPT) known.clear();
                known.putIfAbsent(point, found);
                return found;
            }

            private List<ZoneId> search(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }

            @Override
            public boolean hasAreaOf(ZoneId zone) {
                return zones.findZone(zone).isPresent();
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
