package org.muster.geo.road;

import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

/** A latitude/longitude rectangle, such as the extent of a road network. */
public record GeoBounds(GeoPoint southWest, GeoPoint northEast) {
    public GeoBounds {
        Check.present("southWest", southWest);
        Check.present("northEast", northEast);
        if (southWest.lat() > northEast.lat() || southWest.lon() > northEast.lon()) {
            throw InvalidInputException.of("northEast", northEast, "must lie north-east of southWest " + southWest);
        }
    }

    /** The smallest rectangle around both. */
    public GeoBounds union(GeoBounds other) {
        return new GeoBounds(
                GeoPoint.of(
                        Math.min(southWest.lat(), other.southWest.lat()),
                        Math.min(southWest.lon(), other.southWest.lon())),
                GeoPoint.of(
                        Math.max(northEast.lat(), other.northEast.lat()),
                        Math.max(northEast.lon(), other.northEast.lon())));
    }
}
