package org.muster.domain.unit;

import org.muster.domain.Check;

/** The name a unit answers to on the radio, such as {@code ALPHA-21}. */
public record Callsign(String value) {
    public Callsign {
        Check.code("callsign", value);
    }

    public static Callsign of(String value) {
        return new Callsign(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
