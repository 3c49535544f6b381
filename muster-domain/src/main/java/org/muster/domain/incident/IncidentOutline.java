package org.muster.domain.incident;

import java.time.Instant;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;

/**
 * What the home organisation of a unit working another organisation's call sees of that call: enough for its
 * supervisor to know where the unit is and what it is doing (what kind of call, how urgent, where, how far
 * along, whose), the hazards its crew goes into (as JESIP's shared understanding of risk asks: a supervisor
 * cannot look after a crew sent into a call marked {@code FIREARMS} without knowing it), and nothing of the
 * call's own business: not its description, timeline, linked calls or the other units on it, which stay its
 * owner's ({@link org.muster.domain.access.Viewer}).
 *
 * @param organisation whose call it is
 * @param hazards the call's hazards as its owner has marked them
 */
public record IncidentOutline(
        IncidentId id,
        OrganisationId organisation,
        IncidentTypeCode type,
        Priority priority,
        IncidentStatus status,
        GeoPoint location,
        Instant receivedAt,
        java.util.SortedSet<Hazard> hazards) {
    public IncidentOutline {
        Check.present("incidentOutline.id", id);
        Check.present("incidentOutline.organisation", organisation);
        Check.present("incidentOutline.type", type);
        Check.present("incidentOutline.priority", priority);
        Check.present("incidentOutline.status", status);
        Check.present("incidentOutline.location", location);
        Check.present("incidentOutline.receivedAt", receivedAt);
        hazards = org.muster.domain.Sorted.setOf(Check.present("incidentOutline.hazards", hazards));
    }

    public static IncidentOutline of(Incident incident) {
        return new IncidentOutline(
                incident.id(),
                incident.organisation(),
                incident.type(),
                incident.priority(),
                incident.status(),
                incident.location(),
                incident.receivedAt(),
                incident.hazards());
    }
}
