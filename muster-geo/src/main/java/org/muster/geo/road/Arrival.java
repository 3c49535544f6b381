package org.muster.geo.road;

import java.time.Duration;

/**
 * How fast one origin reaches the destination by road.
 *
 * @param key the origin's key
 * @param travelTimeMillis travel time along the fastest route, including the partial edges at both ends
 * @param distanceMeters length of that route
 */
public record Arrival<T>(T key, long travelTimeMillis, double distanceMeters) {
    public Duration travelTime() {
        return Duration.ofMillis(travelTimeMillis);
    }
}
