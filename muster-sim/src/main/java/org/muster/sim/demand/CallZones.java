package org.muster.sim.demand;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * The zone a call counts against: the organisation's own zone that holds its place, the innermost where zones
 * nest (a sector, not the division around it), the first by id where two overlap. One rule for a replayed
 * call, a call learned from a service's history, a simulated call's row and a station's calls.
 */
public final class CallZones {
    private CallZones() {}

    /** The zones map last asked about and the zones within it that another zone lies within. */
    private record Parents(Map<ZoneId, Zone> zones, Set<ZoneId> ids) {}

    // Zones change seldom (a new level makes a new map), and every call asks: the answer is kept for the map it
    // was worked out from. Replications on other threads read or replace it whole.
    private static volatile Parents last;

    /**
     * The zones some other zone lies within (names as its parent): a force's whole area above its districts. The
     * rest are the zones calls are counted in.
     */
    public static Set<ZoneId> parents(MusterState state) {
        Parents p = last;
        if (p == null || p.zones() != state.zones()) {
            Set<ZoneId> ids = new HashSet<>();
            state.zones().values().forEach(z -> z.parent().ifPresent(ids::add));
            p = new Parents(state.zones(), Set.copyOf(ids));
            last = p;
        }
        return p.ids();
    }

    /** Empty when none of the organisation's zones holds the place. */
    public static Optional<ZoneId> zoneOf(
            MusterState state, Rules rules, OrganisationId organisation, GeoPoint location) {
        Set<ZoneId> parents = parents(state);
        return rules.zones().zonesAt(location).stream()
                .filter(id -> !parents.contains(id))
                .filter(id -> state.findZone(id)
                        .map(Zone::organisation)
                        .filter(organisation::equals)
                        .isPresent())
                .sorted()
                .findFirst();
    }
}
