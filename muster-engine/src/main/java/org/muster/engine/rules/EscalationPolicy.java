package org.muster.engine.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Sorted;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.unit.UnitType;

/**
 * What each escalation level does, per agency: the one place that decides it. Setting a level applies its
 * actions as commands of their own ({@code SuspendTargets}, {@code HoldBackPriorities}, {@code RequestAid}),
 * so the log shows what the level changed. The measures are the level's exactly (stepping down releases
 * what a higher level held back); mutual aid is asked only on the way up.
 */
public record EscalationPolicy(Map<Agency, List<Actions>> levels) {
    public EscalationPolicy {
        levels = Map.copyOf(levels);
        levels.forEach((agency, actions) -> {
            if (actions.size() != 4)
                throw new IllegalArgumentException(
                        agency + " needs the actions of levels 1 to 4, not " + actions.size());
        });
    }

    /**
     * A level's actions.
     *
     * @param askAid mutual aid asked of the national coordinator on reaching the level
     */
    public record Actions(boolean suspendTargets, SortedSet<Priority> holdBack, Optional<AidAsk> askAid) {
        public Actions {
            holdBack = Sorted.setOf(holdBack);
        }

        static Actions none() {
            return new Actions(false, Sorted.empty(), Optional.empty());
        }
    }

    /** So many units of a type, asked for automatically. */
    public record AidAsk(UnitType type, int count) {}

    /** The actions of {@code level} (1 to 4) for an organisation of {@code agency}; none when not configured. */
    public Actions actionsFor(Agency agency, int level) {
        List<Actions> byLevel = levels.get(agency);
        return byLevel == null ? Actions.none() : byLevel.get(level - 1);
    }

    /**
     * The defaults: REAP for ambulance services (level 2 holds back C4; 3 holds back C3 and C4, suspends the
     * targets and asks for two double-crewed ambulances; 4 asks for four), and the same shape for police and
     * fire with their own lowest grades and units.
     */
    public static EscalationPolicy defaults() {
        Map<Agency, List<Actions>> levels = new EnumMap<>(Agency.class);
        levels.put(Agency.AMBULANCE, shape(Priority.C4, Priority.C3, UnitType.DOUBLE_CREWED_AMBULANCE));
        levels.put(Agency.POLICE, shape(Priority.RESOLUTION, Priority.SCHEDULED, UnitType.POLICE_RESPONSE_CAR));
        levels.put(Agency.FIRE, shape(Priority.RESOLUTION, Priority.SCHEDULED, UnitType.FIRE_APPLIANCE));
        return new EscalationPolicy(levels);
    }

    private static List<Actions> shape(Priority lowest, Priority next, UnitType aid) {
        return List.of(
                Actions.none(),
                new Actions(false, Sorted.setOf(Set.of(lowest)), Optional.empty()),
                new Actions(true, Sorted.setOf(Set.of(lowest, next)), Optional.of(new AidAsk(aid, 2))),
                new Actions(true, Sorted.setOf(Set.of(lowest, next)), Optional.of(new AidAsk(aid, 4))));
    }

    /**
     * A level in the words of the agency: an ambulance service's REAP level ({@code REAP 3 - severe
     * pressure}), a police force's or fire service's escalation state ({@code Level 3 - severe}).
     */
    public static String label(Agency agency, int level) {
        return switch (agency) {
            case AMBULANCE ->
                "REAP " + level + " - "
                        + List.of("steady state", "moderate pressure", "severe pressure", "extreme pressure")
                                .get(level - 1);
            case POLICE, FIRE ->
                "Level " + level + " - "
                        + List.of("normal", "heightened", "severe", "critical").get(level - 1);
        };
    }
}
