package org.muster.engine.moveup;

import java.time.Duration;
import org.muster.domain.Check;

/**
 * How move-up is planned. Crews drive by the coverage configuration's road profile, as the cover they restore is
 * measured by it.
 *
 * @param fallbackTarget the response time a point counts as covered within for a unit type no coverage standard
 *     counts (fire appliances); the others are measured against their coverage standards' ({@link
 *     MoveUpPlanner#targetFor})
 * @param maxMove the longest drive a move may ask of a crew
 * @param maxMoves the most moves one proposal holds
 * @param minGainShare the least a move must add to the expected covered demand, as a share of all demand
 */
public record MoveUpConfig(Duration fallbackTarget, Duration maxMove, int maxMoves, double minGainShare) {
    /** Eight minutes where no standard says, moves of up to 20 minutes, up to three at once, each worth 1%. */
    public static final MoveUpConfig DEFAULTS =
            new MoveUpConfig(Duration.ofMinutes(8), Duration.ofMinutes(20), 3, 0.01);

    public MoveUpConfig {
        Check.present("fallbackTarget", fallbackTarget);
        Check.present("maxMove", maxMove);
        Check.range("fallbackTarget.seconds", fallbackTarget.toSeconds(), 60, 7200);
        Check.range("maxMove.seconds", maxMove.toSeconds(), 60, 7200);
        Check.range("maxMoves", maxMoves, 1, 50);
        Check.range("minGainShare", minGainShare, 0, 1);
    }
}
