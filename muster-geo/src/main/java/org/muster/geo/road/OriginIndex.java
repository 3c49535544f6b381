package org.muster.geo.road;

import java.util.ArrayList;
import java.util.List;
import org.muster.geo.road.internal.Anchor;
import org.muster.geo.road.internal.OriginTable;

/**
 * A set of origins prepared for {@link RoadNetwork#listFastestArrivals}: each origin hung off the graph
 * nodes at the ends of its edge, per profile, so a search finds the origins at a node it settles with
 * one lookup. Building it is linear in the number of origins; rebuild it when positions change.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class OriginIndex<T> {
    private final List<Origin<T>> origins;
    private final List<T> keys;
    private final OriginTable[] tableByProfile;
    private final Object network;

    OriginIndex(List<Origin<T>> origins, Object network) {
        this.origins = List.copyOf(origins);
        this.keys = this.origins.stream().map(Origin::key).toList();
        this.network = network;
        this.tableByProfile = new OriginTable[RoadProfile.values().length];
        for (RoadProfile profile : RoadProfile.values()) {
            List<Anchor> anchors = new ArrayList<>(this.origins.size());
            for (Origin<T> origin : this.origins) anchors.add(origin.location().anchor(profile));
            tableByProfile[profile.ordinal()] = new OriginTable(anchors);
        }
    }

    public int size() {
        return origins.size();
    }

    public List<Origin<T>> listOrigins() {
        return origins;
    }

    T key(int origin) {
        return keys.get(origin);
    }

    OriginTable table(RoadProfile profile) {
        return tableByProfile[profile.ordinal()];
    }

    boolean belongsTo(Object owner) {
        return network == owner;
    }
}
