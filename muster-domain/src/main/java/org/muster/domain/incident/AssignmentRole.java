package org.muster.domain.incident;

public enum AssignmentRole {
    PRIMARY,
    SUPPORT,
    /** A police unit escorting ambulance or fire crews into a hostile area. */
    ESCORT
}
