package org.muster.domain.unit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.muster.domain.ConflictException;

/**
 * A unit's status and the one table of moves between them. Any move not in the table is refused.
 *
 * <p>{@link #AT_RENDEZVOUS}: at a rendezvous point, either sent to an incident in a closed zone and waiting
 * there for tactical clearance, or lent under mutual aid and arrived at the requester's rendezvous point,
 * where its host may dispatch it.
 */
public enum UnitStatus {
    AVAILABLE,
    DISPATCHED,
    EN_ROUTE,
    AT_RENDEZVOUS,
    ON_SCENE,
    TRANSPORTING,
    AT_HOSPITAL,
    RETURNING,
    UNAVAILABLE;

    private static final Map<UnitStatus, Set<UnitStatus>> NEXT = frozen(Map.of(
            // AVAILABLE -> EN_ROUTE: lent under mutual aid and sent to the requester's rendezvous point.
            AVAILABLE, EnumSet.of(DISPATCHED, EN_ROUTE, UNAVAILABLE),
            // DISPATCHED -> DISPATCHED is a diversion to another incident.
            DISPATCHED, EnumSet.of(DISPATCHED, EN_ROUTE, AT_RENDEZVOUS, ON_SCENE, AVAILABLE, UNAVAILABLE),
            EN_ROUTE, EnumSet.of(DISPATCHED, AT_RENDEZVOUS, ON_SCENE, AVAILABLE, UNAVAILABLE),
            // Cleared: on to the scene. A lent unit waiting there is dispatched by its host.
            AT_RENDEZVOUS, EnumSet.of(EN_ROUTE, ON_SCENE, DISPATCHED, RETURNING, AVAILABLE, UNAVAILABLE),
            ON_SCENE, EnumSet.of(TRANSPORTING, RETURNING, AVAILABLE),
            TRANSPORTING, EnumSet.of(AT_HOSPITAL, UNAVAILABLE),
            AT_HOSPITAL, EnumSet.of(RETURNING, AVAILABLE, UNAVAILABLE),
            RETURNING, EnumSet.of(AVAILABLE, DISPATCHED, UNAVAILABLE),
            UNAVAILABLE, EnumSet.of(AVAILABLE)));

    /**
     * Read-only views in declaration order: {@link #allowedNext()} hands these out, and a caller that
     * changed one would change the table for every unit of the service.
     */
    private static Map<UnitStatus, Set<UnitStatus>> frozen(Map<UnitStatus, Set<UnitStatus>> table) {
        Map<UnitStatus, Set<UnitStatus>> copy = new EnumMap<>(UnitStatus.class);
        table.forEach((from, to) -> copy.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
        return Collections.unmodifiableMap(copy);
    }

    public boolean canMoveTo(UnitStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<UnitStatus> allowedNext() {
        return NEXT.get(this);
    }

    /**
     * Whether the unit is committed in this status: to an incident, or held at a rendezvous point (waiting
     * for clearance, or lent and waiting for its host's call), so a bulk withdrawal passes it by.
     */
    public boolean isCommitted() {
        return switch (this) {
            case DISPATCHED, EN_ROUTE, AT_RENDEZVOUS, ON_SCENE, TRANSPORTING -> true;
            case AVAILABLE, AT_HOSPITAL, RETURNING, UNAVAILABLE -> false;
        };
    }

    /** Throws a conflict naming both states when the move is not in the table. */
    public void checkMoveTo(UnitStatus next) {
        if (!canMoveTo(next)) {
            throw new ConflictException("a unit cannot go from " + this + " to " + next + "; from " + this
                    + " it may go to " + allowedNext());
        }
    }
}
