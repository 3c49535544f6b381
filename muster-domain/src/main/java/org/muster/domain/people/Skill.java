package org.muster.domain.people;

/** What a person is qualified and currently authorised to do. */
public enum Skill {
    AUTHORISED_FIREARMS_OFFICER,
    PUBLIC_ORDER,
    RESPONSE_DRIVER,
    DOG_HANDLER,
    PARAMEDIC,
    EMERGENCY_MEDICAL_TECHNICIAN,
    FIREFIGHTER,
    BREATHING_APPARATUS
}
