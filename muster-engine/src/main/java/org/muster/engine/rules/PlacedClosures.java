package org.muster.engine.rules;

import org.muster.domain.Check;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.TravelTimes;

/**
 * The road closures in force placed on one network, placed again only when they change: the state keeps
 * its closures in a persistent map, so a new map (compared by identity) is a closure made or lifted, and
 * any other state shares the last placing. Every road search that must avoid closures (dispatch, coverage,
 * move-up, mutual aid's journeys, the flag on journeys under way) reads them here, so they all count a
 * closure from the first search after it. Thread-safe.
 */
public final class PlacedClosures {
    private final TravelTimes network;
    private volatile Placed placed = new Placed(null, ClosedRoads.none());

    private record Placed(Object closures, ClosedRoads closed) {}

    public PlacedClosures(TravelTimes network) {
        this.network = Check.present("network", network);
    }

    /** The closures in force in {@code state}, placed on the network. */
    public ClosedRoads of(MusterState state) {
        Object closures = state.roadClosures();
        Placed p = placed;
        if (p.closures() != closures) {
            p = new Placed(
                    closures,
                    state.listRoadClosures().isEmpty()
                            ? ClosedRoads.none()
                            : network.closeRoads(state.listRoadClosures()));
            placed = p;
        }
        return p.closed();
    }
}
