package org.muster.geo.road;

import org.muster.domain.Check;

/**
 * A place an origin may travel to, such as the representative point of a demand cell.
 *
 * @param key the caller's identity for it, handed back in {@link Reached}
 * @param location its position, snapped by the network that will search to it
 */
public record Destination<T>(T key, SnappedLocation location) {
    public Destination {
        Check.present("destination.key", key);
        Check.present("destination.location", location);
    }
}
