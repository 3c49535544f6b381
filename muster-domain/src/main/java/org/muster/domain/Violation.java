package org.muster.domain;

/**
 * One reason a piece of input was refused: which field, what value it had, and the rule it broke.
 *
 * @param field the field's path, such as {@code requirements[1].count}
 * @param value the offending value as the client sent it ({@code "null"} when missing)
 * @param rule what was allowed, in words a user understands
 */
public record Violation(String field, String value, String rule) {
    public Violation {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field must be named");
        value = value == null ? "null" : value;
        if (rule == null || rule.isBlank()) throw new IllegalArgumentException("rule must be said");
    }

    public static Violation of(String field, Object value, String rule) {
        return new Violation(field, String.valueOf(value), rule);
    }

    /** "count='-1': must be at least 1"; a missing value reads "reason (missing): must not be blank", not 'null'. */
    @Override
    public String toString() {
        return field + (value.equals("null") ? " (missing)" : "='" + value + "'") + ": " + rule;
    }
}
