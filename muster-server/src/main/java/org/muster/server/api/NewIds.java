package org.muster.server.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

/**
 * Identifiers the API makes up when a client gives none: a prefix, Muster's time in base 36 (so they sort
 * by when they were made) and three random characters against two in the same millisecond.
 */
final class NewIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NewIds() {}

    static String next(String prefix, Instant now) {
        return prefix + "-" + Long.toString(now.toEpochMilli(), 36).toUpperCase(Locale.ROOT) + "-"
                + Integer.toString(RANDOM.nextInt(36 * 36 * 36), 36).toUpperCase(Locale.ROOT);
    }
}
