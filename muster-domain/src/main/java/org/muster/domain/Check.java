package org.muster.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Small argument checks whose failures name the field, the value and the rule. Static methods throw at
 * once; an instance collects every violation of a bulk input before throwing.
 */
public final class Check {
    private final List<Violation> violations = new ArrayList<>();

    public static Check collecting() {
        return new Check();
    }

    public static void range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw InvalidInputException.of(field, value, "must be between " + min + " and " + max);
        }
    }

    /** A whole number's range, said in whole numbers ("between 1 and 64", not "1.0 and 64.0"). */
    public static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw InvalidInputException.of(field, value, "must be between " + min + " and " + max);
        }
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) throw InvalidInputException.of(field, value, "must be at least " + min);
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) throw InvalidInputException.of(field, null, "is required");
        return value;
    }

    /** The longest free text a command takes (a reason, a description): a paragraph, not a document. */
    public static final int MAX_TEXT = 500;

    public static String text(String field, String value) {
        if (value == null || value.isBlank()) throw InvalidInputException.of(field, value, "must not be blank");
        if (value.length() > MAX_TEXT)
            throw InvalidInputException.of(
                    field, value.substring(0, 40) + "...", "must be at most " + MAX_TEXT + " characters");
        return value.strip();
    }

    /** An identifier or code: 1-64 of letters, digits, '_', '.', ':', '-', starting with a letter or digit. */
    public static String code(String field, String value) {
        if (!isCode(value)) {
            throw InvalidInputException.of(
                    field,
                    value,
                    "must be 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** {@code CODE} without a regex: every id of every event read back passes here, a replay's hot path. */
    private static boolean isCode(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) return false;
        if (!isAlphanumeric(value.charAt(0))) return false;
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAlphanumeric(c) && c != '_' && c != '.' && c != ':' && c != '-') return false;
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    public static <T> List<T> nonEmpty(String field, Collection<T> values) {
        if (values == null || values.isEmpty()) throw InvalidInputException.of(field, values, "must not be empty");
        return List.copyOf(values);
    }

    public Check add(String field, Object value, String rule) {
        violations.add(Violation.of(field, value, rule));
        return this;
    }

    public Check addAll(InvalidInputException e) {
        violations.addAll(e.violations());
        return this;
    }

    /** Runs a check, recording its violations instead of throwing them. */
    public Check attempt(Runnable check) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        return this;
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
    }
}
