package org.muster.geo.road;

import java.time.Duration;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * What {@link RoadNetwork#listFastestArrivals} looks for.
 *
 * @param profile whose speeds and access rules apply
 * @param limit how many origins to list at most (k); {@link Integer#MAX_VALUE} for all
 * @param maxTravelTime origins slower than this are not listed, and the search stops there
 * @param closedRoads roads the search must not use ({@link TravelTimes#closeRoads}); none by default
 */
public record ArrivalQuery(RoadProfile profile, int limit, Duration maxTravelTime, ClosedRoads closedRoads) {
    /** No road trip in a national network takes this long; it stands for "no limit". */
    public static final Duration UNLIMITED = Duration.ofDays(2);

    public ArrivalQuery {
        Check.present("profile", profile);
        Check.present("closedRoads", closedRoads);
        Check.atLeast("limit", limit, 1);
        Check.present("maxTravelTime", maxTravelTime);
        if (maxTravelTime.isNegative() || maxTravelTime.compareTo(UNLIMITED) > 0) {
            throw InvalidInputException.of("maxTravelTime", maxTravelTime, "must be between 0 and " + UNLIMITED);
        }
    }

    /** A query over every road, none closed. */
    public ArrivalQuery(RoadProfile profile, int limit, Duration maxTravelTime) {
        this(profile, limit, maxTravelTime, ClosedRoads.none());
    }

    /** The {@code k} fastest, however long they take. */
    public static ArrivalQuery fastest(RoadProfile profile, int k) {
        return new ArrivalQuery(profile, k, UNLIMITED);
    }

    /** Every origin that can reach the destination, fastest first. */
    public static ArrivalQuery all(RoadProfile profile) {
        return new ArrivalQuery(profile, Integer.MAX_VALUE, UNLIMITED);
    }

    public ArrivalQuery withMaxTravelTime(Duration limit) {
        return new ArrivalQuery(profile, this.limit, limit, closedRoads);
    }

    public ArrivalQuery withLimit(int k) {
        return new ArrivalQuery(profile, k, maxTravelTime, closedRoads);
    }

    /** The same query avoiding {@code closed} (made by the network the query goes to). */
    public ArrivalQuery withClosedRoads(ClosedRoads closed) {
        return new ArrivalQuery(profile, limit, maxTravelTime, closed);
    }
}
