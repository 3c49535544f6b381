package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.moveup.MoveUpPlanner;
import org.muster.engine.state.MusterState;
import org.muster.sim.live.LiveSimulation;

/**
 * The move-up policy of a scenario ({@code policies: moveUp: on}): a simulated control room that takes every
 * move-up proposal Muster makes. After each step of the run it looks, per organisation and unit type, as
 * the live service's {@code MoveUpWatch} does — some of the units committed, at least two on the road, a
 * change since the last look, at most every {@link #REPLAN_AFTER} — asks the engine's own {@link
 * MoveUpPlanner} for the moves, and has each unit's crew drive to its station (the crew's positions reach
 * the engine as {@code ReportPosition}, and the unit stays available on the way). While any unit of the
 * organisation and type is still moving up, no new plan is made for them: the last plan counted on those
 * units being there.
 *
 * <p>Deterministic: organisations and types in order, the planner reads the state only.
 */
final class MoveUpDriver {
    /** As the live service's watch: a proposal a few minutes old is still the one to act on. */
    static final Duration REPLAN_AFTER = Duration.ofMinutes(5);

    private static final int MIN_UNITS = 2;

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
        for (Organisation org : state.organisations().values().stream()
                .sorted(Comparator.comparing(o -> o.id().value()))
                .toList()) {
            TreeMap<UnitType, List<Unit>> byType = new TreeMap<>();
            for (Unit u : state.listUnitsWorkingFor(org.id())) {
                if (u.status() != UnitStatus.UNAVAILABLE)
                    byType.computeIfAbsent(u.type(), t -> new ArrayList<>()).add(u);
            }
            byType.forEach((type, units) -> {
                if (units.size() < MIN_UNITS) return;
                if (units.stream().allMatch(u -> u.status() == UnitStatus.AVAILABLE)) return;
                if (units.stream().anyMatch(u -> sim.isMovingUp(u.id()))) return;
                String key = org.id().value() + ":" + type;
                String signature = signature(units);
                Instant last = plannedAt.get(key);
                if (signature.equals(plannedFor.get(key))) return;
                if (last != null && now.isBefore(last.plus(REPLAN_AFTER))) return;
                plannedAt.put(key, now);
                plannedFor.put(key, signature);
                for (MoveUpPlanner.Relocation m :
                        planner.propose(state, org.id(), type).moves()) {
                    if (sim.moveUp(m.unit().id(), m.station().location())) moves++;
                }
            });
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
