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
}
