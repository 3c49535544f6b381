package org.muster.geo.road;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.muster.geo.road.internal.Anchor;
import org.muster.geo.road.internal.OriginTable;

/**
 * A set of origins prepared for {@link RoadNetwork#listFastestArrivals}: each origin hung off the graph
 * nodes at the ends of its edge, per profile, so a search finds the origins at a node it settles with
 * one lookup. Building it is linear in the number of origins (each profile's part on its first search); rebuild
 * it when positions change.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class OriginIndex<T> {
    private final List<Origin<T>> origins;
    private final List<T> keys;
    /** Per profile, made on first use: a table of travel times reads only the origins, never these. */
    private final AtomicReferenceArray<OriginTable> tableByProfile =
            new AtomicReferenceArray<>(RoadProfile.values().length);

    private final Object network;

    OriginIndex(List<Origin<T>> origins, Object network) {
        this.origins = List.copyOf(origins);
        this.keys = this.origins.stream().map(Origin::key).toList();
        this.network = network;
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
        OriginTable table = tableByProfile.get(profile.ordinal());
        if (table != null) return table;
        List<Anchor> anchors = new ArrayList<>(origins.size());
        for (Origin<T> origin : origins) anchors.add(origin.location().anchor(profile));
        // two threads may build it at once; they build the same table and keep the first
        tableByProfile.compareAndSet(profile.ordinal(), null, new OriginTable(anchors));
        return tableByProfile.get(profile.ordinal());
    }

    boolean belongsTo(Object owner) {
        return network == owner;
    }
}
