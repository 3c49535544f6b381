package org.muster.sim.crew;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.geo.road.ArrivalQuery;
import org.muster.geo.road.Reach;
import org.muster.geo.road.ReachedNode;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;
import org.muster.geo.road.SnappedLocation;

/**
 * Drives along the roads. {@link RoadNetwork#findRoute} gives a route's time but not its shape, so the
 * shape is found from two cheap searches the network offers ({@link RoadNetwork#reach}): everything
 * reachable from the start within the route's time, and from the end. A junction lies on a fastest route
 * when its time from the start plus its time to the end is the route's time (the second is taken from the
 * end outwards, the same on two-way roads; a one-way stretch or motorway carriageway leaves a gap). Those
 * junctions, chained from the start nearest-first, are the polyline, with a point put back on the road
 * every 100 m between them so that winding roads and gaps stay on the road; the vehicle passes each
 * junction at its time from the start.
 *
 * <p>An approximation until {@link org.muster.geo.road.Route} carries the route's geometry (GraphHopper
 * has it; {@code findRoute} asks it not to compute it): positions are on the route at the junctions, but
 * along a winding road with no junction for kilometres, or a one-way stretch, the straight line between
 * two junctions can lie hundreds of metres off the road.
 *
 * <p>Where a point cannot be placed on the roads, or no road connects the two, it falls back to {@link
 * StraightJourneys#DEFAULT}.
 */
public final class RoadJourneys implements JourneyPlanner {
    private static final Duration SEARCH_SLACK = Duration.ofSeconds(60);
    private static final double SPACING_METERS = 100;
    private static final double MAX_PULL_METERS = 400;

    private final RoadNetwork network;
    private final RoadProfile profile;
    private final JourneyPlanner fallback;

    public RoadJourneys(RoadNetwork network, RoadProfile profile) {
        this.network = Check.present("network", network);
        this.profile = Check.present("profile", profile);
        this.fallback = StraightJourneys.DEFAULT;
    }

    /** Emergency vehicle speeds. */
    public static RoadJourneys of(RoadNetwork network) {
        return new RoadJourneys(network, RoadProfile.EMERGENCY);
    }

    @Override
    public Journey plan(GeoPoint from, GeoPoint to) {
        Optional<SnappedLocation> start = network.findSnap(from);
        Optional<SnappedLocation> end = network.findSnap(to);
        if (start.isEmpty() || end.isEmpty()) return fallback.plan(from, to);
        Optional<Journey> onRoads = alongRoads(start.get(), end.get());
        return onRoads.orElseGet(() -> fallback.plan(from, to));
    }

    private Optional<Journey> alongRoads(SnappedLocation start, SnappedLocation end) {
        Optional<Route> route;
        try {
            route = network.findRoute(profile, start.onRoad(), end.onRoad());
        } catch (InvalidInputException outsideTheNetwork) {
            return Optional.empty();
        }
        if (route.isEmpty()) return Optional.empty();
        Reach forward = network.reach(
                start, profile, limit(route.get().travelTime().multipliedBy(5).dividedBy(4)));
        OptionalLong total = forward.findTravelTimeMillis(end);
        if (total.isEmpty()) return Optional.empty();
        long totalMillis = total.getAsLong();
        if (totalMillis == 0) return Optional.of(Journey.stay(end.onRoad()));
        Reach backward = network.reach(end, profile, limit(Duration.ofMillis(totalMillis)));
        Map<GeoPoint, Long> fromStart = new HashMap<>();
        for (ReachedNode n : forward.listNodes()) fromStart.merge(n.point(), n.travelTimeMillis(), Math::min);
        long tolerance = Math.max(2_000, totalMillis / 200);
        List<Journey.Waypoint> onRoute = new ArrayList<>();
        for (ReachedNode n : backward.listNodes()) {
            Long t = fromStart.get(n.point());
            if (t != null && t > 0 && t < totalMillis && t + n.travelTimeMillis() <= totalMillis + tolerance) {
                onRoute.add(new Journey.Waypoint(t, n.point()));
            }
        }
        onRoute.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        List<Journey.Waypoint> chain = new ArrayList<>();
        chain.add(new Journey.Waypoint(0, start.onRoad()));
        chain.addAll(nearestFirst(start.onRoad(), onRoute));
        chain.add(new Journey.Waypoint(totalMillis, end.onRoad()));
        return Optional.of(new Journey(alongTheRoad(chain)));
    }

    /**
     * From the start, again and again the nearest junction further along: where several fastest routes tie
     * (a street grid) this keeps to one of them instead of zig-zagging between them.
     */
    private static List<Journey.Waypoint> nearestFirst(GeoPoint start, List<Journey.Waypoint> byTime) {
        List<Journey.Waypoint> chain = new ArrayList<>();
        GeoPoint at = start;
        long atMillis = 0;
        int from = 0;
        while (true) {
            while (from < byTime.size() && byTime.get(from).atMillis() <= atMillis) from++;
            if (from == byTime.size()) return chain;
            Journey.Waypoint best = null;
            double bestMeters = Double.MAX_VALUE;
            for (int i = from; i < byTime.size(); i++) {
                Journey.Waypoint w = byTime.get(i);
                double meters = at.distanceMetersTo(w.point());
                if (meters < bestMeters) {
                    best = w;
                    bestMeters = meters;
                }
            }
            chain.add(best);
            at = best.point();
            atMillis = best.atMillis();
        }
    }

    /**
     * Between junctions far apart (a winding country road, a stretch the junction test missed) the
     * straight line may leave the road: put a point on the road every {@link #SPACING_METERS}.
     */
    private List<Journey.Waypoint> alongTheRoad(List<Journey.Waypoint> chain) {
        List<Journey.Waypoint> out = new ArrayList<>();
        out.add(chain.getFirst());
        for (int i = 1; i < chain.size(); i++) {
            Journey.Waypoint a = chain.get(i - 1);
            Journey.Waypoint b = chain.get(i);
            int pieces = (int) (a.point().distanceMetersTo(b.point()) / SPACING_METERS);
            for (int k = 1; k < pieces; k++) {
                double f = (double) k / pieces;
                GeoPoint chord = GeoPoint.of(
                        a.point().lat() + f * (b.point().lat() - a.point().lat()),
                        a.point().lon() + f * (b.point().lon() - a.point().lon()));
                GeoPoint onRoad = network.findSnap(chord)
                        .filter(s -> s.offRoadMeters() < MAX_PULL_METERS)
                        .map(SnappedLocation::onRoad)
                        .orElse(chord);
                out.add(new Journey.Waypoint(a.atMillis() + Math.round(f * (b.atMillis() - a.atMillis())), onRoad));
            }
            out.add(b);
        }
        return out;
    }

    private static Duration limit(Duration wanted) {
        Duration d = wanted.plus(SEARCH_SLACK);
        return d.compareTo(ArrivalQuery.UNLIMITED) > 0 ? ArrivalQuery.UNLIMITED : d;
    }
}
