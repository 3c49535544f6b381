package org.muster.domain.aid;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.muster.domain.ConflictException;

/** A mutual aid request's status and the one table of moves between them. Any move not in it is refused. */
public enum AidRequestStatus {
    /** Written, not yet sent: only the requester sees it. */
    DRAFT,
    /** Sent to its addressees; awaiting offers. */
    OPEN,
    /** Some of what was needed has been accepted. */
    PARTLY_FILLED,
    /** All of it has been accepted. */
    FILLED,
    /** Accepted units have arrived at the rendezvous point and are lent to the requester. */
    DEPLOYED,
    /** Every lent unit has gone home. */
    RELEASED,
    /** Finished with: the hours are final. */
    CLOSED,
    /** Withdrawn by the requester before anything was deployed. */
    CANCELLED,
    /** Not filled by the time it asked units to report. */
    EXPIRED;

    private static final Map<AidRequestStatus, Set<AidRequestStatus>> NEXT = frozen(Map.of(
            DRAFT, EnumSet.of(OPEN, CANCELLED),
            OPEN, EnumSet.of(PARTLY_FILLED, FILLED, CANCELLED, EXPIRED),
            PARTLY_FILLED, EnumSet.of(FILLED, DEPLOYED, CANCELLED, EXPIRED),
            FILLED, EnumSet.of(DEPLOYED, CANCELLED),
            DEPLOYED, EnumSet.of(RELEASED),
            RELEASED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(AidRequestStatus.class),
            CANCELLED, EnumSet.noneOf(AidRequestStatus.class),
            EXPIRED, EnumSet.noneOf(AidRequestStatus.class)));

    /**
     * Read-only views in declaration order: {@link #allowedNext()} hands these out, and a caller that
     * changed one would change the table for the whole service.
     */
    private static Map<AidRequestStatus, Set<AidRequestStatus>> frozen(
            Map<AidRequestStatus, Set<AidRequestStatus>> table) {
        Map<AidRequestStatus, Set<AidRequestStatus>> copy = new EnumMap<>(AidRequestStatus.class);
        table.forEach((from, to) -> copy.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
        return Collections.unmodifiableMap(copy);
    }

    public boolean canMoveTo(AidRequestStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<AidRequestStatus> allowedNext() {
        return NEXT.get(this);
    }

    /** Throws a conflict naming both states when the move is not in the table. */
    public void checkMoveTo(AidRequestStatus next) {
        if (!canMoveTo(next)) {
            throw new ConflictException("a mutual aid request cannot go from " + this + " to " + next + "; from " + this
                    + " it may go to " + (allowedNext().isEmpty() ? "nothing (it is final)" : allowedNext()));
        }
    }

    /** Whether addressees may still offer or decline. */
    public boolean takesOffers() {
        return this == OPEN || this == PARTLY_FILLED;
    }

    /**
     * Sent and not yet released: units are still being asked for, are on their way or are out with the
     * requester, so its parties and the coordinator have it in hand. A draft is not sent yet; a released
     * request has every unit home and waits only to be closed.
     */
    public boolean isOpen() {
        return this == OPEN || this == PARTLY_FILLED || this == FILLED || this == DEPLOYED;
    }

    /** Closed, cancelled or expired: nothing more happens to it. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
