package org.muster.domain.people;

public enum PersonRole {
    POLICE_OFFICER,
    PARAMEDIC,
    EMERGENCY_MEDICAL_TECHNICIAN,
    FIREFIGHTER
}
