package org.muster.geo.road;

import java.util.List;
import org.muster.domain.GeoPoint;

/**
 * A route with its shape: the points of the road it follows, first to last, for drawing it or moving a
 * vehicle along it.
 */
public record RouteShape(Route route, List<GeoPoint> points) {
    public RouteShape {
        points = List.copyOf(points);
    }
}
