package org.muster.domain.major;

/**
 * Where a major incident stands. A standby warns the services that one may be declared; a declared one
 * may come from a standby; standing down is final, and closes its board.
 */
public enum MajorIncidentStatus {
    STANDBY,
    DECLARED,
    STOOD_DOWN;

    public boolean isActive() {
        return this != STOOD_DOWN;
    }
}
