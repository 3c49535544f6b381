package org.muster.domain.organisation;

public enum StationKind {
    POLICE_STATION,
    AMBULANCE_STATION,
    FIRE_STATION,
    HOSPITAL
}
