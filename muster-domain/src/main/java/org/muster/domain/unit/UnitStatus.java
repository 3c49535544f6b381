package org.muster.domain.unit;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.muster.domain.ConflictException;

/**
 * A unit's status and the one table of moves between them. Any move not in the table is refused.
 */
public enum UnitStatus {
    AVAILABLE,
    DISPATCHED,
    EN_ROUTE,
    ON_SCENE,
    TRANSPORTING,
    AT_HOSPITAL,
    RETURNING,
    UNAVAILABLE;

    private static final Map<UnitStatus, Set<UnitStatus>> NEXT = Map.of(
            AVAILABLE, EnumSet.of(DISPATCHED, UNAVAILABLE),
            // DISPATCHED -> DISPATCHED is a diversion to another incident.
            DISPATCHED, EnumSet.of(DISPATCHED, EN_ROUTE, ON_SCENE, AVAILABLE, UNAVAILABLE),
            EN_ROUTE, EnumSet.of(DISPATCHED, ON_SCENE, AVAILABLE, UNAVAILABLE),
            ON_SCENE, EnumSet.of(TRANSPORTING, RETURNING, AVAILABLE),
            TRANSPORTING, EnumSet.of(AT_HOSPITAL, UNAVAILABLE),
            AT_HOSPITAL, EnumSet.of(RETURNING, AVAILABLE, UNAVAILABLE),
            RETURNING, EnumSet.of(AVAILABLE, DISPATCHED, UNAVAILABLE),
            UNAVAILABLE, EnumSet.of(AVAILABLE));

    public boolean canMoveTo(UnitStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<UnitStatus> allowedNext() {
        return NEXT.get(this);
    }

    /** Whether the unit is committed to an incident in this status. */
    public boolean isCommitted() {
        return switch (this) {
            case DISPATCHED, EN_ROUTE, ON_SCENE, TRANSPORTING -> true;
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
