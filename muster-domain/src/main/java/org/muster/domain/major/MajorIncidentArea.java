package org.muster.domain.major;

import java.util.ArrayList;
import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

/**
 * An area on the ground: a circle ({@code radiusMeters} around {@code centre}, no polygon) or a polygon of
 * 3 to 200 corners ({@code radiusMeters} 0, its centre given for the map's label).
 */
public record MajorIncidentArea(GeoPoint centre, double radiusMeters, List<GeoPoint> polygon) {
    public static final double MAX_RADIUS_METERS = 50_000;

    public MajorIncidentArea {
        // field names are relative to the area, as the reader of a request or a command prefixes its path
        Check.present("centre", centre);
        // a circle is given without corners
        polygon = polygon == null ? List.of() : List.copyOf(polygon);
        if (polygon.isEmpty()) {
            if (!(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS))
                throw InvalidInputException.of(
                        "radiusMeters",
                        radiusMeters,
                        "must be more than 0 and at most " + (int) MAX_RADIUS_METERS
                                + " for a circle (or give a polygon of 3 to 200 corners)");
        } else {
            if (polygon.size() < 3 || polygon.size() > 200)
                throw InvalidInputException.of("polygon", polygon.size() + " corners", "must have 3 to 200 corners");
            if (radiusMeters != 0)
                throw InvalidInputException.of("radiusMeters", radiusMeters, "must be 0 when the area is a polygon");
        }
    }

    public static MajorIncidentArea circle(GeoPoint centre, double radiusMeters) {
        return new MajorIncidentArea(centre, radiusMeters, List.of());
    }

    public static MajorIncidentArea polygon(GeoPoint centre, List<GeoPoint> corners) {
        return new MajorIncidentArea(centre, 0, corners);
    }

    public boolean isCircle() {
        return polygon.isEmpty();
    }

    /** Whether the point lies in the area (a polygon by the even-odd rule, which is exact at this scale). */
    public boolean contains(GeoPoint p) {
        if (isCircle()) return centre.distanceMetersTo(p) <= radiusMeters;
        boolean inside = false;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            GeoPoint a = polygon.get(i);
            GeoPoint b = polygon.get(j);
            if ((a.lat() > p.lat()) != (b.lat() > p.lat())
                    && p.lon() < (b.lon() - a.lon()) * (p.lat() - a.lat()) / (b.lat() - a.lat()) + a.lon())
                inside = !inside;
        }
        return inside;
    }

    /**
     * Points spread over the area — its centre, its edge and a grid across it — for finding the zones it
     * touches with a point look-up: a zone no sample falls in is smaller than the grid's step (an area's
     * 1/8), which no organisation's zone is.
     */
    public List<GeoPoint> samplePoints() {
        List<GeoPoint> out = new ArrayList<>();
        out.add(centre);
        double minLat, maxLat, minLon, maxLon;
        if (isCircle()) {
            double dLat = radiusMeters / 111_320.0;
            double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(centre.lat())));
            for (int k = 0; k < 16; k++) {
                double t = 2 * Math.PI * k / 16;
                out.add(clamped(centre.lat() + dLat * Math.sin(t), centre.lon() + dLon * Math.cos(t)));
            }
            minLat = centre.lat() - dLat;
            maxLat = centre.lat() + dLat;
            minLon = centre.lon() - dLon;
            maxLon = centre.lon() + dLon;
        } else {
            out.addAll(polygon);
            minLat = polygon.stream().mapToDouble(GeoPoint::lat).min().orElseThrow();
            maxLat = polygon.stream().mapToDouble(GeoPoint::lat).max().orElseThrow();
            minLon = polygon.stream().mapToDouble(GeoPoint::lon).min().orElseThrow();
            maxLon = polygon.stream().mapToDouble(GeoPoint::lon).max().orElseThrow();
        }
        for (int i = 0; i <= 8; i++) {
            for (int j = 0; j <= 8; j++) {
                GeoPoint p = clamped(minLat + (maxLat - minLat) * i / 8, minLon + (maxLon - minLon) * j / 8);
                if (contains(p)) out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static GeoPoint clamped(double lat, double lon) {
        return new GeoPoint(Math.max(-90, Math.min(90, lat)), Math.max(-180, Math.min(180, lon)));
    }
}
