package org.muster.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Input refused whole; lists every problem found, not only the first. */
public final class InvalidInputException extends MusterException {
    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) throw new IllegalArgumentException("an invalid input needs a violation");
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, Object value, String rule) {
        return new InvalidInputException(List.of(Violation.of(field, value, rule)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
