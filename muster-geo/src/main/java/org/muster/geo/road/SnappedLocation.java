package org.muster.geo.road;

import java.util.Locale;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.internal.Anchor;

/**
 * A location placed on the nearest road of one {@link RoadNetwork}: where it was asked for, where it
 * lies on the road, and (hidden) where that is in the graph, for every profile. Snapping is the costly
 * part of a query, so a unit's position is snapped once and reused by every search until it moves.
 *
 * <p>Immutable. Only the network that made it can use it.
 */
public final class SnappedLocation {
    private final GeoPoint requested;
    private final GeoPoint onRoad;
    private final double offRoadMeters;
    private final Anchor[] anchorByProfile;
    private final Object network;

    SnappedLocation(
            GeoPoint requested, GeoPoint onRoad, double offRoadMeters, Anchor[] anchorByProfile, Object network) {
        this.requested = requested;
        this.onRoad = onRoad;
        this.offRoadMeters = offRoadMeters;
        this.anchorByProfile = anchorByProfile.clone();
        this.network = network;
    }

    /** The location as given. */
    public GeoPoint requested() {
        return requested;
    }

    /** The nearest point on a road the profiles may use. */
    public GeoPoint onRoad() {
        return onRoad;
    }

    /** Straight-line distance from the requested location to the road. */
    public double offRoadMeters() {
        return offRoadMeters;
    }

    Anchor anchor(RoadProfile profile) {
        return anchorByProfile[profile.ordinal()];
    }

    boolean belongsTo(Object owner) {
        return network == owner;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s on road at %s (%.0f m off road)", requested, onRoad, offRoadMeters);
    }
}
