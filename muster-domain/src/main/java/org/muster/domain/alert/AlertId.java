package org.muster.domain.alert;

import org.muster.domain.Check;

/** Identifies an alert raised in the log. */
public record AlertId(String value) implements Comparable<AlertId> {
    public AlertId {
        Check.code("alertId", value);
    }

    public static AlertId of(String value) {
        return new AlertId(value);
    }

    @Override
    public int compareTo(AlertId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
