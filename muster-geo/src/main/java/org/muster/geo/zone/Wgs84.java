package org.muster.geo.zone;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.muster.domain.GeoPoint;

/** The one geometry factory for longitude/latitude geometries, and conversions to and from GeoPoint. */
public final class Wgs84 {
    /** EPSG:4326; x is longitude, y latitude, as in GeoJSON. */
    public static final int SRID = 4326;

    /** Thread-safe; shared so that every zone geometry has the same precision model and SRID. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

    private Wgs84() {}

    public static Point point(GeoPoint p) {
        return FACTORY.createPoint(new Coordinate(p.lon(), p.lat()));
    }

    public static GeoPoint geoPoint(Coordinate c) {
        return GeoPoint.of(c.getY(), c.getX());
    }
}
