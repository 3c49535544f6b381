package org.muster.engine.rules;

import java.util.Collection;
import java.util.Optional;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;

/**
 * Keeps units' availability in step with their crews: an available unit whose crew no longer meets its
 * type's rule goes off the road as {@code UNDER_CREWED}, and comes back when the rule is met again. A unit
 * on a job stays on it; it is checked again when it becomes available.
 */
final class Crewing {
    private Crewing() {}

    static void reconcile(Draft d, Collection<UnitId> units, Rules rules) {
        for (UnitId id : units) {
            Unit u = d.state().getUnit(id);
            boolean roadworthy =
                    rules.crewing().isRoadworthy(u.type(), d.state().crewOf(u));
            if (u.status() == UnitStatus.AVAILABLE && !roadworthy) {
                d.add(Decider.statusChange(u, UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.UNDER_CREWED)));
            } else if (roadworthy && u.unavailableReason().equals(Optional.of(UnavailableReason.UNDER_CREWED))) {
                d.add(Decider.statusChange(u, UnitStatus.AVAILABLE, Optional.empty()));
            }
        }
    }
}
