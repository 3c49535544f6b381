package org.muster.sim.crew;

import org.muster.domain.GeoPoint;
import org.muster.engine.state.MusterState;

/** Plans a simulated crew's drive from one point to another. Implementations are thread-safe. */
@FunctionalInterface
public interface JourneyPlanner {
    Journey plan(GeoPoint from, GeoPoint to);

    /**
     * The drive as the roads stand in {@code state}: a planner over the roads goes round the closures in
     * force. A journey already under way keeps its route; the next one planned avoids them.
     */
    default Journey plan(GeoPoint from, GeoPoint to, MusterState state) {
        return plan(from, to);
    }
}
