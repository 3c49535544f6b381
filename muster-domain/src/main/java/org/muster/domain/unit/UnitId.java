package org.muster.domain.unit;

import org.muster.domain.Check;

/** Identifies a unit: a vehicle or team. */
public record UnitId(String value) implements Comparable<UnitId> {
    public UnitId {
        Check.code("unitId", value);
    }

    public static UnitId of(String value) {
        return new UnitId(value);
    }

    @Override
    public int compareTo(UnitId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
