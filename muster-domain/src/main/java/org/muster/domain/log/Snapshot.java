package org.muster.domain.log;

import java.util.List;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.alert.Alert;
import org.muster.domain.capacity.SafeMinimum;
import org.muster.domain.escalation.Escalation;
import org.muster.domain.incident.Incident;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.Zone;
import org.muster.domain.people.Person;
import org.muster.domain.unit.Unit;

/**
 * The whole state after the event at {@code sequence}, as plain entities. It shortens a replay and holds
 * nothing the events up to {@code sequence} do not.
 */
public record Snapshot(
        long sequence,
        String lastHash,
        List<Organisation> organisations,
        List<Zone> zones,
        List<Station> stations,
        List<Unit> units,
        List<Person> people,
        List<Incident> incidents,
        List<SafeMinimum> safeMinimums,
        List<Alert> alerts,
        List<AidRequest> aidRequests,
        List<MajorIncident> majorIncidents,
        List<Escalation> escalations) {
    public Snapshot {
        organisations = List.copyOf(organisations);
        zones = List.copyOf(zones);
        stations = List.copyOf(stations);
        units = List.copyOf(units);
        people = List.copyOf(people);
        incidents = List.copyOf(incidents);
        safeMinimums = List.copyOf(safeMinimums);
        alerts = List.copyOf(alerts);
        // a snapshot written before mutual aid has no requests
        aidRequests = aidRequests == null ? List.of() : List.copyOf(aidRequests);
        // nor one written before major incidents and escalation levels any of them
        majorIncidents = majorIncidents == null ? List.of() : List.copyOf(majorIncidents);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
    }

    /** A state with no major incidents and every organisation at its steady level. */
    public Snapshot(
            long sequence,
            String lastHash,
            List<Organisation> organisations,
            List<Zone> zones,
            List<Station> stations,
            List<Unit> units,
            List<Person> people,
            List<Incident> incidents,
            List<SafeMinimum> safeMinimums,
            List<Alert> alerts,
            List<AidRequest> aidRequests) {
        this(
                sequence,
                lastHash,
                organisations,
                zones,
                stations,
                units,
                people,
                incidents,
                safeMinimums,
                alerts,
                aidRequests,
                List.of(),
                List.of());
    }
}
