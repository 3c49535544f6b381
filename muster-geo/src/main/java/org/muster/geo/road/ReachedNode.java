package org.muster.geo.road;

import java.time.Duration;
import org.muster.domain.GeoPoint;

/**
 * A road junction (or road end) within a {@link Reach}.
 *
 * @param point where the junction is
 * @param travelTimeMillis travel time from the origin, including the partial edge the origin lies on
 * @param distanceMeters length of that route
 */
public record ReachedNode(GeoPoint point, long travelTimeMillis, double distanceMeters) {
    public Duration travelTime() {
        return Duration.ofMillis(travelTimeMillis);
    }
}
