package org.muster.geo.zone;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.muster.domain.GeoPoint;
import org.muster.domain.NotFoundException;
import org.muster.domain.organisation.ZoneId;

/**
 * What the engine asks of zone geometry: a zone by id, the zones that hold a point, and the zones that
 * border one. {@link ZoneIndex} serves it; callers that need only these questions depend on this
 * interface. Thread-safe.
 */
public interface ZoneLookup {
    /** The zones indexed with the default neighbour tolerance; see {@link ZoneIndex#of(Collection)}. */
    static ZoneLookup of(Collection<ZoneShape> zones) {
        return ZoneIndex.of(zones);
    }

    /** Every zone, in the order given. */
    List<ZoneShape> listZones();

    Optional<ZoneShape> findZone(ZoneId id);

    /** @throws NotFoundException when there is no such zone */
    ZoneShape getZone(ZoneId id);

    /** The zones holding the point (boundary included), smallest first, then by id. */
    List<ZoneShape> listContaining(GeoPoint p);

    /**
     * The zones that border this one (their boundaries within a small tolerance, their interiors not one
     * over the other), by id.
     *
     * @throws NotFoundException when there is no such zone
     */
    List<ZoneShape> listNeighbours(ZoneId id);
}
