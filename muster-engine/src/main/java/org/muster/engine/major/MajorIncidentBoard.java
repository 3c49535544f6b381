package org.muster.engine.major;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.major.CasualtyCount;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentPlace;
import org.muster.domain.major.MajorIncidentStatus;
import org.muster.domain.major.MethaneReport;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;

/**
 * A major incident's board as the state stands: its calls and the units committed to them by
 * organisation, casualties by triage category, rendezvous points and cordons, each attending
 * organisation's latest METHANE report with what changed from its previous one, and its timeline.
 */
public record MajorIncidentBoard(
        MajorIncidentId id,
        String name,
        MajorIncidentStatus status,
        GeoPoint location,
        MajorIncidentArea area,
        OrganisationId declaredBy,
        Instant declaredAt,
        Optional<Instant> stoodDownAt,
        SortedSet<OrganisationId> organisations,
        List<LinkedCall> calls,
        List<Committed> committed,
        Map<TriageCategory, Integer> casualties,
        List<CasualtyCount> casualtyReports,
        List<MajorIncidentPlace> places,
        List<MethaneReport> latestMethane,
        int methaneReports,
        List<TimelineEntry> timeline) {

    /** A call linked to the major incident; one finished and archived since is named with no details. */
    public record LinkedCall(
            IncidentId incident,
            Optional<OrganisationId> organisation,
            Optional<IncidentTypeCode> type,
            Optional<Priority> priority,
            Optional<IncidentStatus> status) {}

    /** One organisation's units committed to the major incident's calls. */
    public record Committed(OrganisationId organisation, int count, List<CommittedUnit> units) {}

    public record CommittedUnit(
            String unit, String callsign, UnitType type, UnitStatus status, IncidentId incident, boolean arrived) {}

    public static MajorIncidentBoard of(MusterState state, MajorIncident m) {
        List<LinkedCall> calls = new ArrayList<>();
        Map<OrganisationId, List<CommittedUnit>> byOrganisation = new TreeMap<>();
        for (IncidentId id : m.linkedIncidents()) {
            Optional<Incident> found = state.findIncident(id);
            calls.add(new LinkedCall(
                    id,
                    found.map(Incident::organisation),
                    found.map(Incident::type),
                    found.map(Incident::priority),
                    found.map(Incident::status)));
            if (found.isEmpty()) continue;
            for (Assignment a : found.get().assignments()) {
                Optional<Unit> unit = state.findUnit(a.unit());
                if (unit.isEmpty()) continue;
                Unit u = unit.get();
                byOrganisation
                        .computeIfAbsent(u.organisation(), k -> new ArrayList<>())
                        .add(new CommittedUnit(
                                u.id().value(),
                                u.callsign().value(),
                                u.type(),
                                u.status(),
                                id,
                                a.arrivedAt().isPresent()));
            }
        }
        List<Committed> committed = new ArrayList<>();
        byOrganisation.forEach((org, units) -> committed.add(new Committed(org, units.size(), List.copyOf(units))));
        return new MajorIncidentBoard(
                m.id(),
                m.name(),
                m.status(),
                m.location(),
                m.area(),
                m.declaredBy(),
                m.declaredAt(),
                m.stoodDownAt(),
                m.organisations(),
                List.copyOf(calls),
                List.copyOf(committed),
                m.casualtiesByCategory(),
                m.casualties(),
                m.places(),
                m.listLatestMethane(),
                m.methane().size(),
                m.timeline());
    }

    /** Units committed across every organisation. */
    public int unitsCommitted() {
        return committed.stream().mapToInt(Committed::count).sum();
    }
}
