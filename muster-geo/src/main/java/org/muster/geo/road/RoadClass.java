package org.muster.geo.road;

/**
 * The OpenStreetMap road classes whose emergency speed can be configured. Links ({@code motorway_link}
 * ...) take their road's class; every other class falls under {@link EmergencySpeeds#otherFactor()}.
 */
public enum RoadClass {
    MOTORWAY,
    TRUNK,
    PRIMARY,
    SECONDARY,
    TERTIARY,
    UNCLASSIFIED,
    RESIDENTIAL,
    LIVING_STREET,
    SERVICE
}
