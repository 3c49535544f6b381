package org.muster.domain.alert;

/**
 * Where an alert stands. A supervisor accepts or dismisses an open alert; Muster resolves an open or
 * accepted one when what raised it is over (a zone back to green, a unit out of the status it overstayed),
 * or when a newer alert about the same thing takes its place.
 */
public enum AlertStatus {
    OPEN,
    ACCEPTED,
    DISMISSED,
    RESOLVED;

    /** Whether what raised it is still going on as far as Muster knows: open or accepted, not yet resolved. */
    public boolean isActive() {
        return this == OPEN || this == ACCEPTED;
    }
}
