package org.muster.geo.zone;

import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;

/**
 * A zone with its area.
 *
 * @param geometry a valid, non-empty Polygon or MultiPolygon in WGS84 (x = longitude, y = latitude)
 */
public record ZoneShape(
        ZoneId id, OrganisationId organisation, String name, Optional<ZoneId> parent, Geometry geometry) {
    public ZoneShape {
        Check.present("zone.id", id);
        Check.present("zone.organisation", organisation);
        name = Check.text("zone.name", name);
        Check.present("zone.parent", parent);
        Check.present("zone.geometry", geometry);
        if (!(geometry instanceof Polygonal) || geometry.isEmpty() || !geometry.isValid()) {
            throw new IllegalArgumentException("zone " + id + " needs a valid, non-empty polygonal geometry");
        }
    }

    /** Its area, ready for point tests (built anew on each call: keep it). */
    public Area area() {
        return new Area(geometry);
    }

    /** Whether the two share an area, not just a boundary. */
    public boolean overlaps(ZoneShape other) {
        return geometry.intersects(other.geometry)
                && geometry.intersection(other.geometry).getArea() > 0;
    }

    /**
     * How far apart the two are, in degrees (0 when they touch or overlap): for ranking zones by nearness,
     * not for measuring.
     */
    public double separation(ZoneShape other) {
        return geometry.distance(other.geometry);
    }

    /** The smallest latitude/longitude rectangle around it. */
    public org.muster.geo.road.GeoBounds bounds() {
        var e = geometry.getEnvelopeInternal();
        return new org.muster.geo.road.GeoBounds(
                org.muster.domain.GeoPoint.of(e.getMinY(), e.getMinX()),
                org.muster.domain.GeoPoint.of(e.getMaxY(), e.getMaxX()));
    }

    /** The domain's view of this zone, as registered for the first time: at the normal operating level. */
    public Zone toZone() {
        return Zone.of(id, organisation, name, parent);
    }
}
