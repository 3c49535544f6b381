package org.muster.sim.crew;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.engine.rules.PlacedClosures;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.RouteShape;
import org.muster.geo.road.SnappedLocation;

/**
 * Drives along the roads: the fastest route's shape from {@link RoadNetwork#findRouteShape}, every point
 * of the roads it follows, passed at times in proportion to the distance covered, so that the vehicle
 * arrives at the route's travel time. (Speeds differ along a real route; a position is on the road, its
 * time along it an approximation.)
 *
 * <p>Where a point cannot be placed on the roads, or no road connects the two, it falls back to {@link
 * StraightJourneys#DEFAULT}.
 */
public final class RoadJourneys implements JourneyPlanner {
    private final RoadNetwork network;
    private final RoadProfile profile;
    private final JourneyPlanner fallback;
    private final PlacedClosures closures;

    public RoadJourneys(RoadNetwork network, RoadProfile profile) {
        this.network = Check.present("network", network);
        this.profile = Check.present("profile", profile);
        this.fallback = StraightJourneys.DEFAULT;
        this.closures = new PlacedClosures(network);
    }

    /** Emergency vehicle speeds. */
    public static RoadJourneys of(RoadNetwork network) {
        return new RoadJourneys(network, RoadProfile.EMERGENCY);
    }

    @Override
    public Journey plan(GeoPoint from, GeoPoint to) {
        return plan(from, to, ClosedRoads.none());
    }

    /** Round the roads closed in {@code state}, as a crew told of the closures would drive. */
    @Override
    public Journey plan(GeoPoint from, GeoPoint to, MusterState state) {
        return plan(from, to, closures.of(state));
    }

    private Journey plan(GeoPoint from, GeoPoint to, ClosedRoads closed) {
        Optional<SnappedLocation> start = network.findSnap(from);
        Optional<SnappedLocation> end = network.findSnap(to);
        if (start.isEmpty() || end.isEmpty()) return fallback.plan(from, to);
        Optional<Journey> onRoads = alongRoads(start.get().onRoad(), end.get().onRoad(), closed);
        return onRoads.orElseGet(() -> fallback.plan(from, to));
    }

    private Optional<Journey> alongRoads(GeoPoint start, GeoPoint end, ClosedRoads closed) {
        Optional<RouteShape> shape;
        try {
            shape = network.findRouteShape(profile, start, end, closed);
        } catch (InvalidInputException outsideTheNetwork) {
            return Optional.empty();
        }
        if (shape.isEmpty()) return Optional.empty();
        long totalMillis = shape.get().route().travelTimeMillis();
        List<GeoPoint> points = new ArrayList<>();
        points.add(start);
        points.addAll(shape.get().points());
        points.add(end);
        if (totalMillis == 0 || points.size() < 2) return Optional.of(Journey.stay(end));
        double[] along = new double[points.size()];
        for (int i = 1; i < points.size(); i++)
            along[i] = along[i - 1] + points.get(i - 1).distanceMetersTo(points.get(i));
        double length = along[along.length - 1];
        List<Journey.Waypoint> waypoints = new ArrayList<>();
        long last = -1;
        for (int i = 0; i < points.size(); i++) {
            long at = i == points.size() - 1
                    ? totalMillis
                    : length == 0 ? 0 : Math.round(totalMillis * along[i] / length);
            if (at < last) at = last; // never back in time
            waypoints.add(new Journey.Waypoint(at, points.get(i)));
            last = at;
        }
        return Optional.of(new Journey(waypoints));
    }
}
