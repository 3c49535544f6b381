package org.muster.domain.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * One incident's response: from the call to the arrival that stopped the clock.
 *
 * @param sequence the logged event that stopped the clock (the arrival)
 * @param targetsSuspended the incident lay in a downgraded zone of its organisation when it came in
 */
public record Response(
        long sequence,
        IncidentId incident,
        OrganisationId organisation,
        Priority priority,
        List<ZoneId> zones,
        Instant received,
        Instant stopped,
        boolean targetsSuspended) {
    public Response {
        if (sequence < 1) throw org.muster.domain.InvalidInputException.of("sequence", sequence, "must be 1 or more");
        Check.present("incident", incident);
        Check.present("organisation", organisation);
        Check.present("priority", priority);
        zones = List.copyOf(Check.present("zones", zones));
        Check.present("received", received);
        Check.present("stopped", stopped);
    }

    public Duration time() {
        return Duration.between(received, stopped);
    }
}
