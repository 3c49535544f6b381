package org.muster.domain.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;

/**
 * A call for help and everything done about it.
 *
 * @param assignments the units committed now, in order of assignment
 * @param linkedCalls duplicate calls merged into this one
 * @param mergedInto for a duplicate, the incident it was merged into
 */
public record Incident(
        IncidentId id,
        OrganisationId organisation,
        IncidentTypeCode type,
        Priority priority,
        GeoPoint location,
        String description,
        SortedSet<Hazard> hazards,
        List<ResourceRequirement> requirements,
        IncidentStatus status,
        Instant receivedAt,
        List<Assignment> assignments,
        SortedSet<IncidentId> linkedCalls,
        Optional<IncidentId> mergedInto,
        List<TimelineEntry> timeline,
        Clearance clearance) {
    public Incident {
        Check.present("incident.id", id);
        Check.present("incident.organisation", organisation);
        Check.present("incident.type", type);
        Check.present("incident.priority", priority);
        Check.present("incident.location", location);
        description = Check.present("incident.description", description);
        hazards = Sorted.setOf(Check.present("incident.hazards", hazards));
        requirements = List.copyOf(Check.present("incident.requirements", requirements));
        Check.present("incident.status", status);
        Check.present("incident.receivedAt", receivedAt);
        assignments = List.copyOf(Check.present("incident.assignments", assignments));
        linkedCalls = Sorted.setOf(Check.present("incident.linkedCalls", linkedCalls));
        Check.present("incident.mergedInto", mergedInto);
        timeline = List.copyOf(Check.present("incident.timeline", timeline));
        Check.present("incident.clearance", clearance);
    }

    public Incident withClearance(Clearance next) {
        return new Incident(
                id,
                organisation,
                type,
                priority,
                location,
                description,
                hazards,
                requirements,
                status,
                receivedAt,
                assignments,
                linkedCalls,
                mergedInto,
                timeline,
                next);
    }

    public Optional<Assignment> findAssignment(UnitId unit) {
        return assignments.stream().filter(a -> a.unit().equals(unit)).findFirst();
    }

    public boolean isOpen() {
        return !status.isTerminal();
    }

    public Incident withStatus(IncidentStatus next) {
        return new Incident(
                id,
                organisation,
                type,
                priority,
                location,
                description,
                hazards,
                requirements,
                next,
                receivedAt,
                assignments,
                linkedCalls,
                mergedInto,
                timeline,
                clearance);
    }

    public Incident withAssignments(List<Assignment> next) {
        return new Incident(
                id,
                organisation,
                type,
                priority,
                location,
                description,
                hazards,
                requirements,
                status,
                receivedAt,
                next,
                linkedCalls,
                mergedInto,
                timeline,
                clearance);
    }

    public Incident withAssignment(Assignment assignment) {
        List<Assignment> next = new ArrayList<>(assignments);
        next.removeIf(a -> a.unit().equals(assignment.unit()));
        next.add(assignment);
        return withAssignments(next);
    }

    public Incident withoutAssignment(UnitId unit) {
        List<Assignment> next = new ArrayList<>(assignments);
        next.removeIf(a -> a.unit().equals(unit));
        return withAssignments(next);
    }

    public Incident withLinkedCall(IncidentId duplicate) {
        SortedSet<IncidentId> next = new TreeSet<>(linkedCalls);
        next.add(duplicate);
        return new Incident(
                id,
                organisation,
                type,
                priority,
                location,
                description,
                hazards,
                requirements,
                status,
                receivedAt,
                assignments,
                next,
                mergedInto,
                timeline,
                clearance);
    }

    public Incident withMergedInto(IncidentId primary) {
        return new Incident(
                id,
                organisation,
                type,
                priority,
                location,
                description,
                hazards,
                requirements,
                IncidentStatus.MERGED,
                receivedAt,
                List.of(),
                linkedCalls,
                Optional.of(primary),
                timeline,
                clearance);
    }

    public Incident withTimelineEntry(TimelineEntry entry) {
        List<TimelineEntry> next = new ArrayList<>(timeline);
        next.add(entry);
        return new Incident(
                id,
                organisation,
                type,
                priority,
                location,
                description,
                hazards,
                requirements,
                status,
                receivedAt,
                assignments,
                linkedCalls,
                mergedInto,
                next,
                clearance);
    }
}
