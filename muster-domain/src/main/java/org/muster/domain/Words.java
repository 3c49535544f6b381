package org.muster.domain;

import java.util.Locale;

/**
 * Domain names as a person reads them, for every message Muster writes in words (recommendations,
 * shortfalls, alerts): {@code ARMED_RESPONSE_VEHICLE} reads "armed response vehicle".
 */
public final class Words {
    private Words() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "1 armed response vehicle", "2 armed response vehicles". */
    public static String count(long n, Enum<?> value) {
        return n + " " + of(value) + (n == 1 ? "" : "s");
    }
}
