package org.muster.store;

import org.muster.domain.InvalidInputException;

/**
 * The events {@link EventStore#audit(AuditRange, AuditProgress)} checks: {@code from} to {@code to}, both
 * included. A range that starts after the first event starts from the hash stored for the event before it:
 * it proves the events in the range follow on from there, not that everything before is intact.
 *
 * @param from the first event checked, 1 or more
 * @param to the last event checked; {@link Long#MAX_VALUE} for the end of the log as it is when checked
 */
public record AuditRange(long from, long to) {
    private static final long TO_THE_END = Long.MAX_VALUE;

    public AuditRange {
        if (from < 1) throw InvalidInputException.of("from", from, "must be 1 or more");
        if (to < from) throw InvalidInputException.of("to", to, "must not be before from, " + from);
    }

    /** Every event, from the first to the last. */
    public static AuditRange all() {
        return new AuditRange(1, TO_THE_END);
    }

    /** From event {@code from} to the end of the log. */
    public static AuditRange from(long from) {
        return new AuditRange(from, TO_THE_END);
    }

    /** Whether the range runs to the end of the log, however long it is by then. */
    public boolean toTheEnd() {
        return to == TO_THE_END;
    }

    /** Whether the range is the whole log. */
    public boolean whole() {
        return from == 1 && toTheEnd();
    }
}
