package org.muster.engine.moveup;

import java.time.Duration;
import org.muster.domain.Check;
import org.muster.geo.road.RoadProfile;

/**
 * How move-up is planned.
 *
 * @param target the response time a point counts as covered within
 * @param maxMove the longest drive a move may ask of a crew
 * @param maxMoves the most moves one proposal holds
 * @param minGainShare the least a move must add to the expected covered demand, as a share of all demand
 */
public record MoveUpConfig(RoadProfile profile, Duration target, Duration maxMove, int maxMoves, double minGainShare) {
    /** Eight minutes (the category 1 mean), moves of up to 20 minutes, up to three at once, each worth 1%. */
    public static final MoveUpConfig DEFAULTS =
            new MoveUpConfig(RoadProfile.EMERGENCY, Duration.ofMinutes(8), Duration.ofMinutes(20), 3, 0.01);

    public MoveUpConfig {
        Check.present("profile", profile);
        Check.present("target", target);
        Check.present("maxMove", maxMove);
        Check.range("target.seconds", target.toSeconds(), 60, 7200);
        Check.range("maxMove.seconds", maxMove.toSeconds(), 60, 7200);
        Check.range("maxMoves", maxMoves, 1, 50);
        Check.range("minGainShare", minGainShare, 0, 1);
    }
}
