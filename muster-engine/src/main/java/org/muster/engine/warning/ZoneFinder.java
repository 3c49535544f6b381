package org.muster.engine.warning;

import java.util.Optional;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * The zone of one organisation at a point. Zones of different services overlap, so a warning formed by a
 * force's calls counts, and proposes changes to, that force's zone, never another service's.
 */
@FunctionalInterface
public interface ZoneFinder {
    /** The organisation's zone at the point, if it has one there. */
    Optional<ZoneId> zoneOf(GeoPoint point, OrganisationId organisation);
}
