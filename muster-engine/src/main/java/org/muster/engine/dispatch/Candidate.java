package org.muster.engine.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;

/**
 * A unit that could go, and why: how long it takes by road, what it offers, how fresh its position is,
 * and whether it would be diverted from another incident.
 *
 * @param positionAge how old the unit's last fix is
 * @param divertedFrom the less urgent incident it would leave, when it is committed to one
 * @param warnings things the dispatcher should see before confirming (a stale position)
 * @param reason the whole pick in one line of words
 */
public record Candidate(
        UnitId unit,
        Callsign callsign,
        UnitType type,
        Set<Capability> capabilities,
        long travelTimeMillis,
        double distanceMeters,
        Duration positionAge,
        Optional<IncidentId> divertedFrom,
        java.util.List<String> warnings,
        String reason) {
    public Candidate {
        capabilities = Set.copyOf(capabilities);
        warnings = java.util.List.copyOf(warnings);
    }

    public Duration travelTime() {
        return Duration.ofMillis(travelTimeMillis);
    }
}
