package org.muster.domain.organisation;

import org.muster.domain.Check;

/** Identifies a station: a police station, ambulance station, fire station or hospital. */
public record StationId(String value) implements Comparable<StationId> {
    public StationId {
        Check.code("stationId", value);
    }

    public static StationId of(String value) {
        return new StationId(value);
    }

    @Override
    public int compareTo(StationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
