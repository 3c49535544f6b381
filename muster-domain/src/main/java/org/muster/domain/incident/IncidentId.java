package org.muster.domain.incident;

import org.muster.domain.Check;

/** Identifies an incident. */
public record IncidentId(String value) implements Comparable<IncidentId> {
    public IncidentId {
        Check.code("incidentId", value);
    }

    public static IncidentId of(String value) {
        return new IncidentId(value);
    }

    @Override
    public int compareTo(IncidentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
