package org.muster.domain.incident;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.unit.UnitId;

/** A unit committed to an incident, in a role, and when it arrived if it has. */
public record Assignment(UnitId unit, AssignmentRole role, Instant assignedAt, Optional<Instant> arrivedAt) {
    public Assignment {
        Check.present("assignment.unit", unit);
        Check.present("assignment.role", role);
        Check.present("assignment.assignedAt", assignedAt);
        Check.present("assignment.arrivedAt", arrivedAt);
    }

    public Assignment withArrival(Instant at) {
        return new Assignment(unit, role, assignedAt, Optional.of(at));
    }
}
