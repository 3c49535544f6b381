package org.muster.domain.publicalert;

import org.muster.domain.Check;

/** Identifies a public alert: the same through its updates and its cancellation. */
public record PublicAlertId(String value) implements Comparable<PublicAlertId> {
    public PublicAlertId {
        Check.code("publicAlertId", value);
    }

    public static PublicAlertId of(String value) {
        return new PublicAlertId(value);
    }

    @Override
    public int compareTo(PublicAlertId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
