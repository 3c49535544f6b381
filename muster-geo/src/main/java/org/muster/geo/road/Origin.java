package org.muster.geo.road;

import org.muster.domain.Check;

/**
 * Something that may travel to a destination, such as a unit, at its snapped position.
 *
 * @param key the caller's identity for it (a unit id, say), handed back in {@link Arrival}
 * @param location its position, snapped by the network that will search for it
 */
public record Origin<T>(T key, SnappedLocation location) {
    public Origin {
        Check.present("origin.key", key);
        Check.present("origin.location", location);
    }
}
