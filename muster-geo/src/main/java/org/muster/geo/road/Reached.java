package org.muster.geo.road;

import java.time.Duration;

/**
 * How fast one origin reaches one destination by road, as {@link Reach#listReached} finds it.
 *
 * @param key the destination's key
 * @param travelTimeMillis travel time along the fastest route, including the partial edges at both ends
 * @param distanceMeters length of that route
 */
public record Reached<T>(T key, long travelTimeMillis, double distanceMeters) {
    public Duration travelTime() {
        return Duration.ofMillis(travelTimeMillis);
    }
}
