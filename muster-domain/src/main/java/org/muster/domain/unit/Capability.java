package org.muster.domain.unit;

/** What a unit can do for an incident. A vehicle offers some; its crew decides which are live. */
public enum Capability {
    /** Police attendance: arrest, scene control, statements. */
    POLICE_RESPONSE,
    ARMED,
    PUBLIC_ORDER,
    /** A police vehicle that can escort ambulance and fire crews into a hostile area. */
    ESCORT,
    DOG,
    PATIENT_CARE,
    PARAMEDIC_CARE,
    CONVEYANCE,
    FIRE_SUPPRESSION,
    RESCUE,
    HAZARDOUS_AREA
}
