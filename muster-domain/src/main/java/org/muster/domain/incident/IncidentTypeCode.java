package org.muster.domain.incident;

import org.muster.domain.Check;

/** A code in the incident-type catalogue, such as {@code CARDIAC_ARREST}. */
public record IncidentTypeCode(String value) implements Comparable<IncidentTypeCode> {
    public IncidentTypeCode {
        Check.code("incidentTypeCode", value);
    }

    public static IncidentTypeCode of(String value) {
        return new IncidentTypeCode(value);
    }

    @Override
    public int compareTo(IncidentTypeCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
