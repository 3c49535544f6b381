package org.muster.domain.unit;

public enum UnavailableReason {
    OFF_DUTY,
    OUT_OF_SERVICE,
    /** Taken off the road by command: a walkout, a redeployment. */
    WITHDRAWN,
    /** Its crew no longer meets the crewing rule for its type. */
    UNDER_CREWED
}
