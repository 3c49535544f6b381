package org.muster.engine.aid;

import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.event.Event;

/**
 * How far a request was filled, counted from its status changes, once each: filled whole (it reached {@code
 * FILLED}), or in part only (it reached {@code PARTLY_FILLED} and never {@code FILLED}: its accepted units
 * deployed, or it expired or was cancelled short). The one rule for the situation report and the simulator's
 * figures, so a request half filled and deployed reads as such in both, not as nothing filled.
 *
 * @param filled the change to the count of requests filled whole
 * @param partlyFilled the change to the count of requests filled in part only
 */
public record AidFilling(int filled, int partlyFilled) {
    private static final AidFilling NONE = new AidFilling(0, 0);

    /** What one status change does to the two counts. */
    public static AidFilling of(Event.AidRequestStatusChanged change) {
        if (change.to() == AidRequestStatus.FILLED)
            // a request partly filled and then filled counts once, as filled
            return new AidFilling(1, change.from() == AidRequestStatus.PARTLY_FILLED ? -1 : 0);
        if (change.to() == AidRequestStatus.PARTLY_FILLED) return new AidFilling(0, 1);
        return NONE;
    }
}
