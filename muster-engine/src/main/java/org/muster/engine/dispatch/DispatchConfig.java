package org.muster.engine.dispatch;

import java.time.Duration;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.geo.road.RoadProfile;

/**
 * How recommendations are made.
 *
 * @param candidatesPerRequirement how many ranked units to show for each requirement (k)
 * @param maxTravelTime units further than this by road are not recommended; the shortfall says so
 * @param stalePositionAfter a unit whose last fix is older than this is flagged
 * @param profile whose road speeds rank the units
 */
public record DispatchConfig(
        int candidatesPerRequirement, Duration maxTravelTime, Duration stalePositionAfter, RoadProfile profile) {
    public static final DispatchConfig DEFAULTS =
            new DispatchConfig(5, Duration.ofMinutes(60), Duration.ofMinutes(5), RoadProfile.EMERGENCY);

    public DispatchConfig {
        Check.atLeast("candidatesPerRequirement", candidatesPerRequirement, 1);
        Check.present("maxTravelTime", maxTravelTime);
        if (maxTravelTime.isNegative() || maxTravelTime.isZero() || maxTravelTime.toHours() > 24) {
            throw InvalidInputException.of("maxTravelTime", maxTravelTime, "must be more than 0 and at most 24 hours");
        }
        Check.present("stalePositionAfter", stalePositionAfter);
        Check.present("profile", profile);
    }

    public DispatchConfig withMaxTravelTime(Duration d) {
        return new DispatchConfig(candidatesPerRequirement, d, stalePositionAfter, profile);
    }

    public DispatchConfig withCandidatesPerRequirement(int k) {
        return new DispatchConfig(k, maxTravelTime, stalePositionAfter, profile);
    }
}
