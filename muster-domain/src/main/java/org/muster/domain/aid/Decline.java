package org.muster.domain.aid;

import java.time.Instant;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;

/** An organisation's "no" to a request, with its reason (own capacity below safe minimum, say). */
public record Decline(OrganisationId organisation, String reason, Instant at) {
    public Decline {
        Check.present("decline.organisation", organisation);
        reason = Check.text("decline.reason", reason);
        Check.present("decline.at", at);
    }
}
