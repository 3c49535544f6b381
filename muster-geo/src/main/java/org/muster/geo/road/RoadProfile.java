package org.muster.geo.road;

/** How a vehicle uses the road: which roads are open and which speeds apply. Both obey one-way streets. */
public enum RoadProfile {
    /** An ordinary car at GraphHopper's average car speeds. */
    CAR("car"),
    /**
     * An emergency vehicle: bus gates and ways signed for emergency access open, ways closed to it shut
     * (docs/roads.md), car speeds scaled per road class by {@link EmergencySpeeds}.
     */
    EMERGENCY("emergency");

    private final String profileName;

    RoadProfile(String profileName) {
        this.profileName = profileName;
    }

    /** The profile's name inside the GraphHopper graph. */
    public String profileName() {
        return profileName;
    }
}
