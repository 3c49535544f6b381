package org.muster.engine.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.muster.domain.GeoPoint;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.Origin;
import org.muster.geo.road.OriginIndex;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * Units' last positions placed on the road network. A unit is placed again only when its position changed and
 * it is asked for; the index is made for each question, of the units that could answer it, from the positions
 * as they stand (a reported position changes the units without taking a sequence).
 */
final class UnitPlaces {
    private record Placed(GeoPoint point, Optional<SnappedLocation> snapped) {}

    private final TravelTimes network;
    private final Map<UnitId, Placed> placed = new HashMap<>();

    UnitPlaces(TravelTimes network) {
        this.network = network;
    }

    /**
     * The index of the units {@code mayBeSent} lets through that have a position on the network, as of the given
     * state, in the order of their ids. A unit it rules out is not placed: a crew on its way to another service's
     * call reports a new point before every recommendation, and placing a point is a search of the roads' index.
     */
    synchronized OriginIndex<UnitId> indexFor(MusterState state, Predicate<Unit> mayBeSent) {
        List<Origin<UnitId>> origins = new ArrayList<>();
        for (Unit u : state.units().values()) {
            if (u.position().isEmpty() || !mayBeSent.test(u)) continue;
            GeoPoint p = u.position().get().point();
            Placed at = placed.get(u.id());
            if (at == null || !at.point().equals(p)) {
                at = new Placed(p, network.findSnap(p));
                placed.put(u.id(), at);
            }
            at.snapped().ifPresent(s -> origins.add(new Origin<>(u.id(), s)));
        }
        if (placed.size() > state.units().size())
            placed.keySet().removeIf(id -> !state.units().containsKey(id));
        // in the order of the units' ids, as the index always kept them: equal times are listed in it
        origins.sort((a, b) -> a.key().compareTo(b.key()));
        return network.indexOrigins(origins);
    }
}
