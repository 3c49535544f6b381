package org.muster.engine.performance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * One incident's response: from the call to the arrival that stopped the clock.
 *
 * @param targetsSuspended the incident lay in a downgraded zone of its organisation when it came in
 */
public record Response(
        IncidentId incident,
        OrganisationId organisation,
        Priority priority,
        List<ZoneId> zones,
        Instant received,
        Instant stopped,
        boolean targetsSuspended) {
    public Response {
        zones = List.copyOf(zones);
    }

    public Duration time() {
        return Duration.between(received, stopped);
    }
}
