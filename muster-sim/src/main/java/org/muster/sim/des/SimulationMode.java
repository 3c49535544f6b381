package org.muster.sim.des;

import org.muster.domain.Check;

/**
 * How closely a run follows the roads, traded for speed (docs/simulator.md, "Speed").
 *
 * @param travel how travel times are found: searched on the roads for every dispatch and drive, or looked
 *     up in a table searched once ({@link org.muster.geo.road.TabledTravelTimes})
 * @param positions when driving crews report where they are: every {@code positionInterval} of driving, as
 *     the demo's do for its map, or only when something reads them (at the end of each drive, before the
 *     control room recommends and before coverage is sampled)
 */
public record SimulationMode(Travel travel, Positions positions) {
    /** What a run does unless told otherwise in code: the demo's crews on the roads. */
    public static final SimulationMode DEMO = new SimulationMode(Travel.ROUTED, Positions.EVERY_INTERVAL);

    public enum Travel {
        /** A road search for every recommendation and every drive. */
        ROUTED,
        /** Times between cells of a table searched once; straight drives. */
        TABLED
    }

    public enum Positions {
        EVERY_INTERVAL,
        ON_DEMAND
    }

    public SimulationMode {
        Check.present("travel", travel);
        Check.present("positions", positions);
    }

    public SimulationMode withTravel(Travel next) {
        return new SimulationMode(next, positions);
    }

    public SimulationMode withPositions(Positions next) {
        return new SimulationMode(travel, next);
    }
}
