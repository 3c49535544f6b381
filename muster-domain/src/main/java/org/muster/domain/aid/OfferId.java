package org.muster.domain.aid;

import org.muster.domain.Check;

/** Identifies an offer of mutual aid. */
public record OfferId(String value) implements Comparable<OfferId> {
    public OfferId {
        Check.code("offerId", value);
    }

    public static OfferId of(String value) {
        return new OfferId(value);
    }

    @Override
    public int compareTo(OfferId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
