package org.muster.domain.people;

public enum DutyState {
    ON_DUTY,
    OFF_DUTY,
    /** Stepped back from duty: industrial action, a walkout, or withdrawn by command. */
    WITHDRAWN
}
