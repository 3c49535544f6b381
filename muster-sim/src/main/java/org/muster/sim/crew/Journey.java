package org.muster.sim.crew;

import java.time.Duration;
import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/**
 * A drive as a timed polyline: where the vehicle is after so long on the road. Between two waypoints it
 * moves in a straight line at a steady speed.
 */
public record Journey(List<Waypoint> waypoints) {
    /** A point the vehicle passes and how long after setting off. */
    public record Waypoint(long atMillis, GeoPoint point) {
        public Waypoint {
            if (atMillis < 0) throw new IllegalArgumentException("atMillis must not be negative: " + atMillis);
            Check.present("point", point);
        }
    }

    public Journey {
        waypoints = List.copyOf(Check.nonEmpty("waypoints", waypoints));
        if (waypoints.getFirst().atMillis() != 0) throw new IllegalArgumentException("a journey starts at 0 ms");
        for (int i = 1; i < waypoints.size(); i++) {
            if (waypoints.get(i).atMillis() < waypoints.get(i - 1).atMillis())
                throw new IllegalArgumentException("waypoint times must not go backwards: " + waypoints);
        }
    }

    /** Staying put: a journey of no time. */
    public static Journey stay(GeoPoint at) {
        return new Journey(List.of(new Waypoint(0, at)));
    }

    public Duration duration() {
        return Duration.ofMillis(waypoints.getLast().atMillis());
    }

    public GeoPoint start() {
        return waypoints.getFirst().point();
    }

    public GeoPoint end() {
        return waypoints.getLast().point();
    }

    /** Where the vehicle is {@code elapsed} after setting off; at the end once the journey is over. */
    public GeoPoint positionAt(Duration elapsed) {
        long t = elapsed.toMillis();
        if (t <= 0) return start();
        for (int i = 1; i < waypoints.size(); i++) {
            Waypoint b = waypoints.get(i);
            if (t < b.atMillis()) {
                Waypoint a = waypoints.get(i - 1);
                double f = (double) (t - a.atMillis()) / (b.atMillis() - a.atMillis());
                return GeoPoint.of(
                        a.point().lat() + f * (b.point().lat() - a.point().lat()),
                        a.point().lon() + f * (b.point().lon() - a.point().lon()));
            }
        }
        return end();
    }
}
