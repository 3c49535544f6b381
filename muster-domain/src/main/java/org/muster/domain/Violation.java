package org.muster.domain;

/**
 * One reason a piece of input was refused: which field, what value it had, and the rule it broke.
 *
 * @param field the field's path, such as {@code requirements[1].count}
 * @param value the offending value as the client sent it; {@link #MISSING} when the field was left out or null
 * @param rule what was allowed, in words a user understands
 */
public record Violation(String field, String value, String rule) {
    /**
     * The value of a field left out or null, as the message says it: a client read "value":"null" beside a
     * message saying "(missing)", and could not tell a missing field from one sent as the string "null".
     */
    public static final String MISSING = "(missing)";

    public Violation {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field must be named");
        value = value == null ? MISSING : value;
        if (rule == null || rule.isBlank()) throw new IllegalArgumentException("rule must be said");
    }

    /** A violation of {@code value} as text; a null value is {@link #MISSING}. */
    public static Violation of(String field, Object value, String rule) {
        return new Violation(field, value == null ? null : String.valueOf(value), rule);
    }

    /** "count='-1': must be at least 1"; a missing value reads "reason (missing): must not be blank". */
    @Override
    public String toString() {
        return field + (value.equals(MISSING) ? " " + MISSING : "='" + value + "'") + ": " + rule;
    }
}
