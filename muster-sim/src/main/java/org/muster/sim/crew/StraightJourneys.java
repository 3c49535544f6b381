package org.muster.sim.crew;

import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/**
 * Drives in a straight line at a steady speed: for regions without a road network. The default, 13 m/s
 * over the crow-fly distance, is an emergency vehicle's 50-60 km/h average on roads about 1.3 times longer
 * than the straight line.
 */
public record StraightJourneys(double metersPerSecond) implements JourneyPlanner {
    public static final StraightJourneys DEFAULT = new StraightJourneys(13);

    public StraightJourneys {
        Check.range("metersPerSecond", metersPerSecond, 0.1, 1000);
    }

    @Override
    public Journey plan(GeoPoint from, GeoPoint to) {
        long millis = Math.round(from.distanceMetersTo(to) / metersPerSecond * 1000);
        if (millis == 0) return Journey.stay(to);
        return new Journey(List.of(new Journey.Waypoint(0, from), new Journey.Waypoint(millis, to)));
    }
}
