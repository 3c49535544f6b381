package org.muster.geo.road;

import java.util.ArrayList;
import java.util.List;
import org.muster.geo.road.internal.Anchor;
import org.muster.geo.road.internal.DestinationTable;

/**
 * A set of destinations prepared for {@link Reach#listReached}: each destination hung off the graph
 * nodes at the ends of its edge, per profile, so the destinations a search reached are found with one
 * lookup per node it reached. Building it is linear in the number of destinations; build it once for a
 * fixed set such as demand cells.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class DestinationIndex<T> {
    private final List<Destination<T>> destinations;
    private final List<T> keys;
    private final DestinationTable[] tableByProfile;
    private final Object network;

    DestinationIndex(List<Destination<T>> destinations, Object network) {
        this.destinations = List.copyOf(destinations);
        this.keys = this.destinations.stream().map(Destination::key).toList();
        this.network = network;
        this.tableByProfile = new DestinationTable[RoadProfile.values().length];
        for (RoadProfile profile : RoadProfile.values()) {
            List<Anchor> anchors = new ArrayList<>(this.destinations.size());
            for (Destination<T> d : this.destinations) anchors.add(d.location().anchor(profile));
            tableByProfile[profile.ordinal()] = new DestinationTable(anchors);
        }
    }

    public int size() {
        return destinations.size();
    }

    public List<Destination<T>> listDestinations() {
        return destinations;
    }

    T key(int destination) {
        return keys.get(destination);
    }

    DestinationTable table(RoadProfile profile) {
        return tableByProfile[profile.ordinal()];
    }

    boolean belongsTo(Object owner) {
        return network == owner;
    }
}
