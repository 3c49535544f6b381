package org.muster.geo.road;

import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/**
 * One stretch of road between two junctions, as drawn on a map.
 *
 * @param roadClass OpenStreetMap's highway class in lower case ({@code motorway}, {@code residential},
 *     ...), {@code other} when the graph does not know it
 * @param points the road's shape from one junction to the other, at least two points
 */
public record RoadLine(String roadClass, List<GeoPoint> points) {
    public RoadLine {
        roadClass = Check.text("roadClass", roadClass);
        points = List.copyOf(Check.present("points", points));
        if (points.size() < 2) throw new IllegalArgumentException("a road line needs two points, not " + points);
    }
}
