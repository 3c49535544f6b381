package org.muster.sim.des;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;

/**
 * One incident of a run as its events told it: a row of {@code incidents.csv}.
 *
 * @param zone the incident's organisation's smallest zone at its location (the zone whose demand raised it);
 *     empty when it lies in none
 * @param firstDispatched the first unit's assignment
 * @param firstArrival the first unit's arrival on scene
 * @param finished when it was closed, cancelled or merged
 * @param status where it stood at the end of the run
 * @param unitsSent every unit assigned to it, whether or not it arrived, in order of id
 * @param clockStopped the arrival that stopped its response clock, as the engine's response times judge it (the
 *     first unit of the kind it asked for first; for a C1 call, any unit it asked for): empty when none came
 * @param targetsSuspended it came in in a zone of its organisation then downgraded, so no target judges it
 */
public record IncidentRecord(
        IncidentId id,
        OrganisationId organisation,
        Priority priority,
        IncidentTypeCode type,
        Optional<ZoneId> zone,
        Instant received,
        Optional<Instant> firstDispatched,
        Optional<Instant> firstArrival,
        Optional<Instant> finished,
        IncidentStatus status,
        List<UnitId> unitsSent,
        Optional<Instant> clockStopped,
        boolean targetsSuspended) {
    public IncidentRecord {
        Check.present("id", id);
        Check.present("organisation", organisation);
        Check.present("priority", priority);
        Check.present("type", type);
        Check.present("zone", zone);
        Check.present("received", received);
        Check.present("firstDispatched", firstDispatched);
        Check.present("firstArrival", firstArrival);
        Check.present("finished", finished);
        Check.present("status", status);
        unitsSent = List.copyOf(new TreeSet<>(Check.present("unitsSent", unitsSent)));
        Check.present("clockStopped", clockStopped);
    }

    /**
     * This incident with what the engine's response times decided of it ({@code ResponseTimes}, as for the live
     * board): when the arrival that stops its clock came, if one did, and whether its targets were suspended (it
     * came in in a zone of its organisation then downgraded).
     */
    IncidentRecord judged(Optional<Instant> stopped, boolean suspended) {
        return new IncidentRecord(
                id,
                organisation,
                priority,
                type,
                zone,
                received,
                firstDispatched,
                firstArrival,
                finished,
                status,
                unitsSent,
                stopped,
                suspended);
    }

    /** Still open at the end of the run: neither closed, cancelled nor merged. */
    public boolean isOpen() {
        return finished.isEmpty();
    }
}
