package org.muster.domain.incident;

/** Whether units may go in: an incident in a closed zone waits for a supervisor's tactical clearance. */
public enum Clearance {
    NOT_NEEDED,
    AWAITING,
    GRANTED
}
