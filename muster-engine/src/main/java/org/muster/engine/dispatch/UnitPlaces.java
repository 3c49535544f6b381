package org.muster.engine.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.Origin;
import org.muster.geo.road.OriginIndex;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * Units' last positions placed on the road network, kept in step with the state. A unit is snapped again
 * only when its position changed, and the search index is rebuilt only when some position did.
 */
final class UnitPlaces {
    private record Placed(GeoPoint point, Optional<SnappedLocation> snapped) {}

    private final TravelTimes network;
    /** In the order of the units' ids, the order the index keeps them in (equal times are listed in it). */
    private final Map<UnitId, Placed> placed = new TreeMap<>();

    private OriginIndex<UnitId> index;
    /**
     * The units map the index was made from. Not the state's sequence: a reported position changes the units but
     * takes no sequence (it is not logged), and an index kept by sequence placed a crew where it was before it
     * last reported.
     */
    private Map<UnitId, Unit> indexedUnits;

    UnitPlaces(TravelTimes network) {
        this.network = network;
    }

    /** The index of every unit with a position on the network, as of the given state. */
    synchronized OriginIndex<UnitId> indexFor(MusterState state) {
        if (index != null && indexedUnits == state.units()) return index;
        boolean changed = index == null;
        for (Unit u : state.units().values()) {
            if (u.position().isEmpty()) continue;
            GeoPoint p = u.position().get().point();
            Placed before = placed.get(u.id());
            if (before == null || !before.point().equals(p)) {
                placed.put(u.id(), new Placed(p, network.findSnap(p)));
                changed = true;
            }
        }
        if (placed.size() > state.units().size()) {
            changed |= placed.keySet().removeIf(id -> !state.units().containsKey(id));
        }
        if (changed) {
            List<Origin<UnitId>> origins = new ArrayList<>(placed.size());
            placed.forEach((id, pl) -> pl.snapped().ifPresent(s -> origins.add(new Origin<>(id, s))));
            index = network.indexOrigins(origins);
        }
        indexedUnits = state.units();
        return index;
    }

    /** Whether the unit's last position could be placed on a road. */
    synchronized boolean isOnNetwork(UnitId unit) {
        Placed p = placed.get(unit);
        return p != null && p.snapped().isPresent();
    }
}
