package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muster.domain.unit.Unit;
import org.muster.engine.moveup.MoveUpPlanner;
import org.muster.engine.state.MusterState;
import org.muster.sim.live.LiveSimulation;

/**
 * The move-up policy of a scenario ({@code policies: moveUp: on}): a simulated control room that takes every
 * move-up proposal Muster makes. After each step of the run it looks at the fleets the live service's {@code
 * MoveUpWatch} looks at ({@link MoveUpPlanner#listFleets}: an organisation's units of a type, at least two on the
 * road) when some of them are committed and their statuses changed since the last look, at most every {@link
 * #REPLAN_AFTER}; asks the engine's own {@link MoveUpPlanner} for the moves, and has each unit's crew drive to its
 * station (the crew's positions reach the engine as {@code ReportPosition}, and the unit stays available on the
 * way). While any unit of the organisation and type is still moving up, no new plan is made for them: the last
 * plan counted on those units being there.
 *
 * <p>Deterministic: organisations and types in order, the planner reads the state only.
 */
final class MoveUpDriver {
    /**
     * A control room acts on a proposal and lets the moves play out before it plans again: the live watch plans
     * again every few seconds of change, to keep an alert current, but a crew moved every few seconds would never
     * arrive.
     */
    static final Duration REPLAN_AFTER = Duration.ofMinutes(5);

    private final MoveUpPlanner planner;
    private final Map<String, Instant> plannedAt = new HashMap<>();
    private final Map<String, String> plannedFor = new HashMap<>();
    private int moves;

    MoveUpDriver(MoveUpPlanner planner) {
        this.planner = planner;
    }

    /** How many units the control room has moved up so far. */
    int moves() {
        return moves;
    }

    void sample(MusterState state, Instant now, LiveSimulation sim) {
        for (MoveUpPlanner.Fleet fleet : MoveUpPlanner.listFleets(state)) {
            List<Unit> units = fleet.units();
            if (!fleet.drawnAway()) continue;
            if (units.stream().anyMatch(u -> sim.isMovingUp(u.id()))) continue;
            String key = fleet.organisation().id().value() + ":" + fleet.type();
            String signature = signature(units);
            Instant last = plannedAt.get(key);
            if (signature.equals(plannedFor.get(key))) continue;
            if (last != null && now.isBefore(last.plus(REPLAN_AFTER))) continue;
            plannedAt.put(key, now);
            plannedFor.put(key, signature);
            for (MoveUpPlanner.Relocation m : planner.propose(
                            state, fleet.organisation().id(), fleet.type())
                    .moves()) {
                if (sim.moveUp(m.unit().id(), m.station().location())) moves++;
            }
        }
    }

    /** The units and their statuses: a move-up plan depends on which are free and which committed. */
    private static String signature(List<Unit> units) {
        StringBuilder s = new StringBuilder();
        for (Unit u : units)
            s.append(u.id().value()).append('/').append(u.status()).append(';');
        return s.toString();
    }
}
