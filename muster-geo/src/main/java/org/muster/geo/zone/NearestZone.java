package org.muster.geo.zone;

/**
 * The zone nearest to a point.
 *
 * @param distanceMeters 0 when the zone holds the point; otherwise the great-circle distance to its
 *     boundary, accurate to about a percent (the nearest boundary point is found in degrees)
 */
public record NearestZone(ZoneShape zone, double distanceMeters) {}
