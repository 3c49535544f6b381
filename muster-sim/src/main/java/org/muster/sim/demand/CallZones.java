package org.muster.sim.demand;

import java.util.HashSet;
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
 * call and for a call learned from a service's history.
 */
public final class CallZones {
    private CallZones() {}

    /** Empty when none of the organisation's zones holds the place. */
    public static Optional<ZoneId> zoneOf(
            MusterState state, Rules rules, OrganisationId organisation, GeoPoint location) {
        Set<ZoneId> parents = new HashSet<>();
        state.zones().values().forEach(z -> z.parent().ifPresent(parents::add));
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
