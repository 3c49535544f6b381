package org.muster.geo.road;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.muster.domain.GeoPoint;
import org.muster.domain.road.RoadClosure;

/**
 * What the engine asks of the roads: where a point lies on them, who can get to one point first (many
 * units to one incident), what one unit reaches (coverage), and one route's time (mutual aid's journeys).
 * {@link RoadNetwork} serves it over OpenStreetMap; a caller that needs only these questions depends on
 * this interface, so how the roads are searched can change behind it.
 *
 * <p>Locations and indexes are tied to the instance that made them: pass them back only to it.
 * Thread-safe.
 */
public interface TravelTimes {
    /** The rectangle holding every road. */
    GeoBounds bounds();

    /** How far from the nearest road a point may lie and still be placed on it by {@link #findSnap}. */
    double maxSnapDistanceMeters();

    /** The point on the nearest road every profile may drive, if one lies within the snap distance. */
    Optional<SnappedLocation> findSnap(GeoPoint point);

    /** The point on the nearest road however far it is; empty only when no road is near enough to find. */
    Optional<SnappedLocation> findNearestRoad(GeoPoint point);

    /**
     * As {@link #findSnap}, refusing a point too far from any road.
     *
     * @throws org.muster.domain.InvalidInputException naming the location, its distance and the limit
     */
    SnappedLocation snap(GeoPoint point);

    /**
     * Places road closures on the roads, for queries to avoid ({@link ArrivalQuery#withClosedRoads}): a
     * point closes the stretch of road nearest it, a line the stretches it runs along, an area every stretch
     * inside it or crossing its edge. The roads themselves do not change, so this is cheap enough to do
     * whenever the closures do.
     */
    ClosedRoads closeRoads(Collection<RoadClosure> closures);

    /** Prepares origins (units' places) for {@link #listFastestArrivals}. */
    <T> OriginIndex<T> indexOrigins(Collection<Origin<T>> origins);

    /**
     * Who can get to {@code destination} first: the accepted origins in order of road travel time to it, at
     * most {@code query.limit()} and none slower than {@code query.maxTravelTime()}, from one search, along
     * no road of {@code query.closedRoads()}.
     *
     * @param accept which origins count, asked at most once per origin reached; it must not block
     */
    <T> List<Arrival<T>> listFastestArrivals(
            SnappedLocation destination, OriginIndex<T> origins, Predicate<? super T> accept, ArrivalQuery query);

    /**
     * As {@link #listFastestArrivals(SnappedLocation, OriginIndex, Predicate, ArrivalQuery)}, told as well which
     * origins could count at all: {@code mayAccept} is cheap, has no effects, and is false only for origins
     * {@code accept} would refuse. The answer is the same; a table ({@link TabledTravelTimes}) does not look up
     * the times of origins that cannot count, a search asks both of the origins it reaches.
     */
    default <T> List<Arrival<T>> listFastestArrivals(
            SnappedLocation destination,
            OriginIndex<T> origins,
            Predicate<? super T> mayAccept,
            Predicate<? super T> accept,
            ArrivalQuery query) {
        return listFastestArrivals(destination, origins, o -> mayAccept.test(o) && accept.test(o), query);
    }

    /** Prepares destinations (demand cells) for {@link Reach#listReached}. */
    <T> DestinationIndex<T> indexDestinations(Collection<Destination<T>> destinations);

    /**
     * Everything {@code origin} can reach within {@code maxTravelTime}, in the roads' direction of travel.
     *
     * @throws org.muster.domain.InvalidInputException when the limit is negative or longer than {@link
     *     ArrivalQuery#UNLIMITED}
     */
    default Reach reach(SnappedLocation origin, RoadProfile profile, Duration maxTravelTime) {
        return reach(origin, profile, maxTravelTime, ClosedRoads.none());
    }

    /**
     * As {@link #reach(SnappedLocation, RoadProfile, Duration)}, along no road of {@code closed} (placed by
     * this network's {@link #closeRoads}): what a unit covers while roads are closed.
     */
    Reach reach(SnappedLocation origin, RoadProfile profile, Duration maxTravelTime, ClosedRoads closed);

    /**
     * The fastest route from {@code from} to {@code to}; empty when no road connects them.
     *
     * @throws org.muster.domain.InvalidInputException when a point cannot be placed on any road
     */
    default Optional<Route> findRoute(RoadProfile profile, GeoPoint from, GeoPoint to) {
        return findRoute(profile, from, to, ClosedRoads.none());
    }

    /**
     * As {@link #findRoute(RoadProfile, GeoPoint, GeoPoint)}, along no road of {@code closed} (placed by this
     * network's {@link #closeRoads}); the stretches the two ends lie on are not closed to them, as in every
     * search. Empty when the closures cut the two apart.
     */
    Optional<Route> findRoute(RoadProfile profile, GeoPoint from, GeoPoint to, ClosedRoads closed);
}
