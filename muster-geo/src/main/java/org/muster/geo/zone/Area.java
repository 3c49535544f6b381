package org.muster.geo.zone;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.GeoBounds;

/**
 * A zone's area made ready for many point tests, for the modules that need to ask where a point lies without
 * knowing how geometry is done. Its index is built once, when it is made, so that it can then be shared
 * between threads.
 */
public final class Area {
    private static final GeometryFactory POINTS = new GeometryFactory();
    private static final double KM_PER_DEGREE = 111.32;

    private final Geometry geometry;
    private final PreparedGeometry prepared;

    Area(Geometry geometry) {
        this.geometry = geometry;
        this.prepared = PreparedGeometryFactory.prepare(geometry);
        // a prepared geometry indexes itself on first use: do it now, on one thread
        prepared.covers(geometry.getInteriorPoint());
    }

    /** Whether the point lies inside or on the edge. */
    public boolean covers(GeoPoint p) {
        return prepared.covers(POINTS.createPoint(new Coordinate(p.lon(), p.lat())));
    }

    /** The smallest latitude/longitude rectangle around it. */
    public GeoBounds bounds() {
        Envelope e = geometry.getEnvelopeInternal();
        return new GeoBounds(GeoPoint.of(e.getMinY(), e.getMinX()), GeoPoint.of(e.getMaxY(), e.getMaxX()));
    }

    /** A point certainly inside it (not necessarily its centre). */
    public GeoPoint interiorPoint() {
        Coordinate c = geometry.getInteriorPoint().getCoordinate();
        return GeoPoint.of(c.y, c.x);
    }

    /** Its area in square kilometres, near enough for population and demand estimates. */
    public double areaKm2() {
        double lat = geometry.getCentroid().getY();
        return geometry.getArea() * KM_PER_DEGREE * KM_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }
}
