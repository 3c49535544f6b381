package org.muster.geo.region;

import org.muster.domain.GeoPoint;

/**
 * Metres east and north of the region's centre, to and from latitude and longitude, by the
 * equirectangular approximation: good to a few metres over a county, and affine, so shapes that tile the
 * plane in metres still tile it in degrees. StrictMath keeps the output byte-identical across machines.
 */
final class LocalProjection {
    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private final double centreLat;
    private final double centreLon;
    private final double metersPerDegreeLat;
    private final double metersPerDegreeLon;

    LocalProjection(GeoPoint centre) {
        this.centreLat = centre.lat();
        this.centreLon = centre.lon();
        this.metersPerDegreeLat = EARTH_RADIUS_METERS * StrictMath.PI / 180;
        this.metersPerDegreeLon = metersPerDegreeLat * StrictMath.cos(StrictMath.toRadians(centre.lat()));
    }

    double lat(double northMeters) {
        return centreLat + northMeters / metersPerDegreeLat;
    }

    double lon(double eastMeters) {
        return centreLon + eastMeters / metersPerDegreeLon;
    }

    GeoPoint point(double eastMeters, double northMeters) {
        return GeoPoint.of(round7(lat(northMeters)), round7(lon(eastMeters)));
    }

    /** Rounded as written to files, so a point read back compares equal. */
    static double round7(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }
}
