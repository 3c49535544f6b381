package org.muster.domain.road;

import org.muster.domain.Check;

/** Identifies a road closure. */
public record RoadClosureId(String value) implements Comparable<RoadClosureId> {
    public RoadClosureId {
        Check.code("roadClosureId", value);
    }

    public static RoadClosureId of(String value) {
        return new RoadClosureId(value);
    }

    @Override
    public int compareTo(RoadClosureId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
