package org.muster.geo.road;

import java.time.Duration;

/**
 * One point-to-point route as GraphHopper computes it.
 *
 * @param travelTimeMillis travel time
 * @param distanceMeters route length
 */
public record Route(long travelTimeMillis, double distanceMeters) {
    public Duration travelTime() {
        return Duration.ofMillis(travelTimeMillis);
    }
}
