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
        return change().clearance(next).build();
    }

    public Optional<Assignment> findAssignment(UnitId unit) {
        return assignments.stream().filter(a -> a.unit().equals(unit)).findFirst();
    }

    public boolean isOpen() {
        return !status.isTerminal();
    }

    public Incident withStatus(IncidentStatus next) {
        return change().status(next).build();
    }

    public Incident withAssignments(List<Assignment> next) {
        return change().assignments(next).build();
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
        return change().linkedCalls(next).build();
    }

    public Incident withMergedInto(IncidentId primary) {
        return change().status(IncidentStatus.MERGED)
                .assignments(List.of())
                .mergedInto(Optional.of(primary))
                .build();
    }

    public Incident withTimelineEntry(TimelineEntry entry) {
        List<TimelineEntry> next = new ArrayList<>(timeline);
        next.add(entry);
        return change().timeline(next).build();
    }

    private Change change() {
        return new Change(this);
    }

    /** A copy with some parts replaced: each {@code withX} names only what it changes. */
    private static final class Change {
        private final Incident from;
        private IncidentStatus status;
        private List<Assignment> assignments;
        private SortedSet<IncidentId> linkedCalls;
        private Optional<IncidentId> mergedInto;
        private List<TimelineEntry> timeline;
        private Clearance clearance;

        Change(Incident i) {
            from = i;
            status = i.status;
            assignments = i.assignments;
            linkedCalls = i.linkedCalls;
            mergedInto = i.mergedInto;
            timeline = i.timeline;
            clearance = i.clearance;
        }

        Change status(IncidentStatus v) {
            status = v;
            return this;
        }

        Change assignments(List<Assignment> v) {
            assignments = v;
            return this;
        }

        Change linkedCalls(SortedSet<IncidentId> v) {
            linkedCalls = v;
            return this;
        }

        Change mergedInto(Optional<IncidentId> v) {
            mergedInto = v;
            return this;
        }

        Change timeline(List<TimelineEntry> v) {
            timeline = v;
            return this;
        }

        Change clearance(Clearance v) {
            clearance = v;
            return this;
        }

        Incident build() {
            return new Incident(
                    from.id,
                    from.organisation,
                    from.type,
                    from.priority,
                    from.location,
                    from.description,
                    from.hazards,
                    from.requirements,
                    status,
                    from.receivedAt,
                    assignments,
                    linkedCalls,
                    mergedInto,
                    timeline,
                    clearance);
        }
    }
}
