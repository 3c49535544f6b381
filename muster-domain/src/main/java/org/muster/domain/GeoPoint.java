package org.muster.domain;

/**
 * A position on the WGS84 ellipsoid in decimal degrees.
 *
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 */
public record GeoPoint(double lat, double lon) {
    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    public GeoPoint {
        // both named when both are wrong
        Check.collecting()
                .attempt(() -> Check.range("lat", lat, -90, 90))
                .attempt(() -> Check.range("lon", lon, -180, 180))
                .throwIfAny();
    }

    public static GeoPoint of(double lat, double lon) {
        return new GeoPoint(lat, lon);
    }

    /**
     * The corners of a square about {@code meters} a side centred here (its sides along the meridian and the
     * parallel), in order round it: an area to close, or to draw, near a point.
     */
    public java.util.List<GeoPoint> squareAround(double meters) {
        double dLat = meters / 2 / 111_200.0;
        double dLon = dLat / Math.cos(Math.toRadians(lat));
        return java.util.List.of(
                GeoPoint.of(lat - dLat, lon - dLon),
                GeoPoint.of(lat - dLat, lon + dLon),
                GeoPoint.of(lat + dLat, lon + dLon),
                GeoPoint.of(lat + dLat, lon - dLon));
    }

    /** Great-circle distance by the haversine formula. */
    public double distanceMetersTo(GeoPoint other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat))
                        * Math.cos(Math.toRadians(other.lat))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    @Override
    public String toString() {
        return lat + "," + lon;
    }
}
