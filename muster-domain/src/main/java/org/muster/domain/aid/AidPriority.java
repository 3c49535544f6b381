package org.muster.domain.aid;

/** How urgently a mutual aid request wants an answer. */
public enum AidPriority {
    /** Life at risk now: answer within minutes. */
    IMMEDIATE,
    URGENT,
    ROUTINE
}
