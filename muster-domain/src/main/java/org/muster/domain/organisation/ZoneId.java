package org.muster.domain.organisation;

import org.muster.domain.Check;

/** Identifies a zone: an organisation's area or sub-area. */
public record ZoneId(String value) implements Comparable<ZoneId> {
    public ZoneId {
        Check.code("zoneId", value);
    }

    public static ZoneId of(String value) {
        return new ZoneId(value);
    }

    @Override
    public int compareTo(ZoneId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
