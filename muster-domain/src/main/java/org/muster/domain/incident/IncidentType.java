package org.muster.domain.incident;

import java.util.List;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.Agency;

/** An entry of the incident-type catalogue: what a kind of call needs by default. */
public record IncidentType(
        IncidentTypeCode code,
        String name,
        Agency agency,
        Priority defaultPriority,
        List<ResourceRequirement> requirements,
        SortedSet<Hazard> hazards) {
    public IncidentType {
        Check.present("code", code);
        name = Check.text("name", name);
        Check.present("agency", agency);
        Check.present("priority", defaultPriority);
        if (!defaultPriority.appliesTo(agency)) {
            throw org.muster.domain.InvalidInputException.of(
                    "priority", defaultPriority, "is not a priority of " + agency);
        }
        requirements = List.copyOf(Check.nonEmpty("requires", requirements));
        hazards = Sorted.setOf(Check.present("hazards", hazards));
    }
}
