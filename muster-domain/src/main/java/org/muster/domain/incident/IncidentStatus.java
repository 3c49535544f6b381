package org.muster.domain.incident;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.muster.domain.ConflictException;

/** An incident's lifecycle and the one table of moves between its states. */
public enum IncidentStatus {
    OPEN,
    /** No suitable unit: the incident is in the queue. */
    WAITING,
    ASSIGNED,
    ON_SCENE,
    CLOSED,
    CANCELLED,
    /** A duplicate call, linked to the incident it reports. */
    MERGED;

    private static final Map<IncidentStatus, Set<IncidentStatus>> NEXT = frozen(Map.of(
            OPEN, EnumSet.of(WAITING, ASSIGNED, CANCELLED, MERGED),
            WAITING, EnumSet.of(ASSIGNED, CANCELLED, MERGED),
            ASSIGNED, EnumSet.of(ON_SCENE, WAITING, CLOSED, CANCELLED, MERGED),
            ON_SCENE, EnumSet.of(ASSIGNED, CLOSED),
            CLOSED, EnumSet.noneOf(IncidentStatus.class),
            CANCELLED, EnumSet.noneOf(IncidentStatus.class),
            MERGED, EnumSet.noneOf(IncidentStatus.class)));

    /**
     * Read-only views in declaration order: {@link #allowedNext()} hands these out, and a caller that
     * changed one would change the table for the whole service.
     */
    private static Map<IncidentStatus, Set<IncidentStatus>> frozen(Map<IncidentStatus, Set<IncidentStatus>> table) {
        Map<IncidentStatus, Set<IncidentStatus>> copy = new EnumMap<>(IncidentStatus.class);
        table.forEach((from, to) -> copy.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
        return Collections.unmodifiableMap(copy);
    }

    public boolean canMoveTo(IncidentStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The states an incident may go to from this one, read-only; empty when this one is terminal. */
    public Set<IncidentStatus> allowedNext() {
        return NEXT.get(this);
    }

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    public void checkMoveTo(IncidentStatus next) {
        if (!canMoveTo(next)) {
            throw new ConflictException("an incident cannot go from " + this + " to " + next + "; from " + this
                    + (isTerminal() ? " it may go nowhere" : " it may go to " + NEXT.get(this)));
        }
    }
}
