package org.muster.domain.major;

/**
 * The triage sieve's categories as UK services count casualties at a major incident: P1 immediate, P2
 * urgent, P3 delayed, P4 expectant, and the dead.
 */
public enum TriageCategory {
    P1,
    P2,
    P3,
    P4,
    DEAD
}
