package org.muster.sim.des;

import java.time.Instant;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;

/**
 * A call recorded elsewhere (a control room's own incidents, say) to be replayed as it came: when, whose,
 * what and where. The run places it in its organisation's smallest zone at the place and gives it its type's
 * default priority.
 */
public record RecordedCall(Instant received, OrganisationId organisation, IncidentTypeCode type, GeoPoint location) {
    public RecordedCall {
        Check.present("received", received);
        Check.present("organisation", organisation);
        Check.present("type", type);
        Check.present("location", location);
    }
}
