package org.muster.domain.unit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.muster.domain.organisation.Agency;

/** Kinds of vehicle and team, each with the capabilities its equipment offers when properly crewed. */
public enum UnitType {
    POLICE_RESPONSE_CAR(Agency.POLICE, EnumSet.of(Capability.POLICE_RESPONSE, Capability.ESCORT)),
    ARMED_RESPONSE_VEHICLE(Agency.POLICE, EnumSet.of(Capability.POLICE_RESPONSE, Capability.ARMED, Capability.ESCORT)),
    PUBLIC_ORDER_CARRIER(
            Agency.POLICE, EnumSet.of(Capability.POLICE_RESPONSE, Capability.PUBLIC_ORDER, Capability.ESCORT)),
    DOG_UNIT(Agency.POLICE, EnumSet.of(Capability.POLICE_RESPONSE, Capability.DOG)),
    DOUBLE_CREWED_AMBULANCE(
            Agency.AMBULANCE, EnumSet.of(Capability.PATIENT_CARE, Capability.PARAMEDIC_CARE, Capability.CONVEYANCE)),
    RAPID_RESPONSE_CAR(Agency.AMBULANCE, EnumSet.of(Capability.PATIENT_CARE, Capability.PARAMEDIC_CARE)),
    HAZARDOUS_AREA_RESPONSE_TEAM(
            Agency.AMBULANCE,
            EnumSet.of(Capability.PATIENT_CARE, Capability.PARAMEDIC_CARE, Capability.HAZARDOUS_AREA)),
    FIRE_APPLIANCE(Agency.FIRE, EnumSet.of(Capability.FIRE_SUPPRESSION, Capability.RESCUE)),
    AERIAL_LADDER_PLATFORM(Agency.FIRE, EnumSet.of(Capability.RESCUE));

    private final Agency agency;
    private final Set<Capability> equipment;

    UnitType(Agency agency, EnumSet<Capability> equipment) {
        this.agency = agency;
        this.equipment = Set.copyOf(equipment);
    }

    public Agency agency() {
        return agency;
    }

    /** The capabilities this kind of unit offers when its crew allows all of them. */
    public Set<Capability> equipment() {
        return equipment;
    }

    /**
     * Whether a unit of this type can take a patient to hospital (it carries {@link Capability#CONVEYANCE}):
     * only such a unit may be TRANSPORTING. A rapid response car treats but does not convey.
     */
    public boolean conveysPatients() {
        return equipment.contains(Capability.CONVEYANCE);
    }

    /** The types that convey patients, in declaration order. */
    public static List<UnitType> listConveying() {
        return Arrays.stream(values()).filter(UnitType::conveysPatients).toList();
    }
}
