package org.muster.sim.crew;

import org.muster.domain.GeoPoint;

/** Plans a simulated crew's drive from one point to another. Implementations are thread-safe. */
@FunctionalInterface
public interface JourneyPlanner {
    Journey plan(GeoPoint from, GeoPoint to);
}
