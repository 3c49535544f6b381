package org.muster.sim.demand;

import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * One call the demand model raises: when, whose, where and what. A discrete-event simulator schedules it;
 * the live simulation sends it as a {@link Command.CreateIncident}.
 *
 * @param zone the zone whose demand raised it; the location lies in it
 * @param priority the type's default priority in the catalogue
 */
public record Arrival(
        Instant at,
        OrganisationId organisation,
        ZoneId zone,
        IncidentTypeCode type,
        Priority priority,
        GeoPoint location) {
    public Arrival {
        Check.present("at", at);
        Check.present("organisation", organisation);
        Check.present("zone", zone);
        Check.present("type", type);
        Check.present("priority", priority);
        Check.present("location", location);
    }

    /** The call as the command a call taker would send, under the given incident id. */
    public Command.CreateIncident toCommand(IncidentId id) {
        return new Command.CreateIncident(
                id, organisation, type, Optional.of(priority), location, "simulated call in " + zone, new TreeSet<>());
    }
}
