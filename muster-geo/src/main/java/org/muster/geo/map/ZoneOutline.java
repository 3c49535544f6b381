package org.muster.geo.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.ZoneShape;

/**
 * A zone's outline as plain points, for drawing it without a geometry library (the simulator's report draws
 * SVG paths): every ring of every polygon, outer and holes alike (draw them with the even-odd rule),
 * simplified as {@link MapGeoJson} simplifies the map's zones.
 *
 * @param rings each closed ring's points, longitude and latitude in WGS84
 */
public record ZoneOutline(
        ZoneId id, OrganisationId organisation, String name, Optional<ZoneId> parent, List<List<GeoPoint>> rings) {
    public ZoneOutline {
        Check.present("id", id);
        Check.present("organisation", organisation);
        name = Check.text("name", name);
        Check.present("parent", parent);
        rings = rings.stream().map(List::copyOf).toList();
    }

    /** The zones' outlines, in the order given. */
    public static List<ZoneOutline> of(List<ZoneShape> zones) {
        Check.present("zones", zones);
        return zones.stream().map(ZoneOutline::of).toList();
    }

    static ZoneOutline of(ZoneShape zone) {
        Geometry g = MapGeoJson.simplified(zone).geometry();
        List<List<GeoPoint>> rings = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            rings.add(points(p.getExteriorRing().getCoordinates()));
            for (int h = 0; h < p.getNumInteriorRing(); h++)
                rings.add(points(p.getInteriorRingN(h).getCoordinates()));
        }
        return new ZoneOutline(zone.id(), zone.organisation(), zone.name(), zone.parent(), rings);
    }

    private static List<GeoPoint> points(Coordinate[] coordinates) {
        List<GeoPoint> out = new ArrayList<>(coordinates.length);
        for (Coordinate c : coordinates) out.add(GeoPoint.of(c.y, c.x));
        return out;
    }
}
