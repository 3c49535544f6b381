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

    /**
     * These levels with some replaced from configuration, by agency then level: {@code
     * muster.escalation.AMBULANCE.3=hold-back C3 C4, suspend-targets, ask-aid 2 DOUBLE_CREWED_AMBULANCE}. A
     * level configured says everything it does: what it leaves out, it does not do; {@code none} does
     * nothing.
     *
     * @throws org.muster.domain.InvalidInputException naming every setting that cannot be read, its value
     *     and what is allowed
     */
    public EscalationPolicy withConfigured(Map<String, Map<String, String>> configured) {
        Map<Agency, List<Actions>> next = new EnumMap<>(Agency.class);
        next.putAll(levels);
        org.muster.domain.Check check = org.muster.domain.Check.collecting();
        configured.forEach((agencyName, byLevel) -> byLevel.forEach((levelName, text) -> {
            String field = "muster.escalation." + agencyName + "." + levelName;
            Agency agency;
            int level;
            try {
                agency = Agency.valueOf(agencyName.strip().toUpperCase(java.util.Locale.ROOT));
                level = Integer.parseInt(levelName.strip());
            } catch (IllegalArgumentException e) {
                check.add(
                        field,
                        text,
                        "must be muster.escalation.AGENCY.LEVEL: AGENCY one of "
                                + java.util.Arrays.toString(Agency.values()) + ", LEVEL 1 to 4");
                return;
            }
            if (level < 1 || level > 4) {
                check.add(field, text, "names level " + level + "; levels are 1 to 4");
                return;
            }
            try {
                List<Actions> byAgency = new java.util.ArrayList<>(
                        next.getOrDefault(agency, defaults().levels.get(agency)));
                byAgency.set(level - 1, parse(agency, text));
                next.put(agency, List.copyOf(byAgency));
            } catch (IllegalArgumentException e) {
                check.add(field, text, e.getMessage());
            }
        }));
        check.throwIfAny();
        return new EscalationPolicy(next);
    }

    /** {@code hold-back C3 C4, suspend-targets, ask-aid 2 DOUBLE_CREWED_AMBULANCE}, or {@code none}. */
    private static Actions parse(Agency agency, String text) {
        String rule = "must list hold-back PRIORITY..., suspend-targets, ask-aid COUNT UNIT_TYPE (comma-separated),"
                + " or none";
        boolean suspend = false;
        java.util.SortedSet<Priority> hold = new java.util.TreeSet<>();
        Optional<AidAsk> ask = Optional.empty();
        if (text.isBlank()) throw new IllegalArgumentException(rule);
        if (text.strip().equalsIgnoreCase("none")) return Actions.none();
        for (String part : text.split(",")) {
            String[] w = part.strip().split("\\s+");
            try {
                switch (w[0].toLowerCase(java.util.Locale.ROOT)) {
                    case "suspend-targets" -> suspend = true;
                    case "hold-back" -> {
                        for (int i = 1; i < w.length; i++) {
                            Priority p = Priority.valueOf(w[i].toUpperCase(java.util.Locale.ROOT));
                            if (!p.appliesTo(agency))
                                throw new IllegalArgumentException(p + " is not a priority of " + agency + " calls");
                            hold.add(p);
                        }
                    }
                    case "ask-aid" -> {
                        UnitType type = UnitType.valueOf(w[2].toUpperCase(java.util.Locale.ROOT));
                        if (type.agency() != agency)
                            throw new IllegalArgumentException(type + " is not a unit type of " + agency);
                        int count = Integer.parseInt(w[1]);
                        if (count < 1 || count > 100)
                            throw new IllegalArgumentException("ask-aid asks for 1 to 100 units, not " + count);
                        ask = Optional.of(new AidAsk(type, count));
                    }
                    default -> throw new IllegalArgumentException(rule);
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(rule);
            }
        }
        return new Actions(suspend, hold, ask);
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
