package org.muster.domain.major;

import org.muster.domain.Check;

/** Identifies a major incident (or a standby), such as {@code MI-2026-001}. */
public record MajorIncidentId(String value) implements Comparable<MajorIncidentId> {
    public MajorIncidentId {
        Check.code("majorIncidentId", value);
    }

    public static MajorIncidentId of(String value) {
        return new MajorIncidentId(value);
    }

    @Override
    public int compareTo(MajorIncidentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
