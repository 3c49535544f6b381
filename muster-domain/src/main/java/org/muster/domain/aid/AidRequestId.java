package org.muster.domain.aid;

import org.muster.domain.Check;

/** Identifies a mutual aid request. */
public record AidRequestId(String value) implements Comparable<AidRequestId> {
    public AidRequestId {
        Check.code("aidRequestId", value);
    }

    public static AidRequestId of(String value) {
        return new AidRequestId(value);
    }

    @Override
    public int compareTo(AidRequestId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
