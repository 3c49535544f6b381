package org.muster.engine.rules;

import org.muster.domain.Check;
import org.muster.domain.incident.Priority;

/**
 * How a control room chooses units, as a standing policy: which unit goes first, and whether a unit on its
 * way to one call may be taken for a more urgent one. The recommender ranks by it and the rules of dispatch
 * allow a diversion by it, so what is recommended is what may be dispatched. A simulation compares policies
 * by running a scenario under each.
 *
 * @param rule which suitable unit is proposed first
 * @param diversion whether a unit dispatched, en route or at the rendezvous point for one call may be
 *     diverted to a more urgent one of the highest priority; off, it finishes what it was sent to
 * @param heldForTop how many of an organisation's free rapid response cars (a paramedic who treats but
 *     cannot convey) are kept for calls of the highest priority: a less urgent call is recommended one only
 *     while more than this many are free. English ambulance services keep their cars for C1 and send an
 *     ambulance first to the rest, which need one to convey. A recommendation rule: a dispatcher may still
 *     send the last car where they judge it right
 */
public record DispatchPolicy(Rule rule, boolean diversion, int heldForTop) {
    /** The service's policy: the nearest unit by time on the road, diversion allowed, no car held back. */
    public static final DispatchPolicy DEFAULTS = new DispatchPolicy(Rule.NEAREST, true);

    /** Which suitable unit a recommendation proposes first. */
    public enum Rule {
        /** The one that would arrive first by road, wherever it is based. */
        NEAREST,
        /**
         * One based in the call's own zone (its home station in the smallest of the organisation's zones at
         * the call) before any based elsewhere, each group by time on the road: an area's crews keep to their
         * area, and a neighbour's crew is sent only when none of the area's own is free.
         */
        SAME_ZONE;

        /**
         * The rule a configuration names: {@code nearest}, or {@code same-zone} ({@code sameZone} in a
         * scenario file): what a server's {@code muster.dispatch.rule} and a scenario's
         * {@code policies.dispatchRule} both read.
         *
         * @throws org.muster.domain.InvalidInputException naming {@code field}, the value and the rules there are
         */
        public static Rule named(String field, String value) {
            return switch (value == null ? "" : value.strip()) {
                case "nearest" -> NEAREST;
                case "same-zone", "sameZone" -> SAME_ZONE;
                default ->
                    throw org.muster.domain.InvalidInputException.of(field, value, "must be nearest or same-zone");
            };
        }
    }

    public DispatchPolicy {
        Check.present("rule", rule);
        Check.atLeast("heldForTop", heldForTop, 0);
    }

    public DispatchPolicy(Rule rule, boolean diversion) {
        this(rule, diversion, 0);
    }

    /**
     * The policy as a service's settings write it ({@code muster.dispatch.rule}, {@code .diversion}, {@code
     * .cars-held}): a service started on them dispatches by it. {@code ./muster rehearse} starts the demo's server on
     * a scenario's.
     */
    public java.util.SortedMap<String, String> settings() {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        out.put("muster.dispatch.rule", rule == Rule.SAME_ZONE ? "same-zone" : "nearest");
        out.put("muster.dispatch.diversion", Boolean.toString(diversion));
        out.put("muster.dispatch.cars-held", Integer.toString(heldForTop));
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    /**
     * Whether a free unit of {@code type} may be recommended for a call of priority {@code to} when {@code
     * free} such units of the call's organisation are free: always, unless it is a responder that cannot
     * convey, the call is not of the highest priority, and no more than {@link #heldForTop} are free.
     */
    public boolean offers(org.muster.domain.unit.UnitType type, Priority to, int free) {
        return heldForTop == 0 || to.allowsDiversion() || !isHeld(type) || free > heldForTop;
    }

    /**
     * A responder the policy holds: a rapid response car, which treats but cannot convey (a hazardous area
     * team cannot convey either, but is a specialist its own calls ask for, not a first responder).
     */
    public static boolean isHeld(org.muster.domain.unit.UnitType type) {
        return type == org.muster.domain.unit.UnitType.RAPID_RESPONSE_CAR;
    }

    /**
     * Whether a unit on its way to a call of priority {@code from} may be taken for one of priority {@code to}:
     * diversion is on, {@code to} is of the priority that diverts (the highest), and more urgent than {@code
     * from}.
     */
    public boolean allowsDiversion(Priority to, Priority from) {
        return divertsFor(to) && to.isMoreUrgentThan(from);
    }

    /** Whether a call of priority {@code to} may take a unit from any call at all: {@link #allowsDiversion} for some. */
    public boolean divertsFor(Priority to) {
        return diversion && to.allowsDiversion();
    }

    public DispatchPolicy withRule(Rule next) {
        return new DispatchPolicy(next, diversion, heldForTop);
    }

    public DispatchPolicy withDiversion(boolean on) {
        return new DispatchPolicy(rule, on, heldForTop);
    }

    public DispatchPolicy withHeldForTop(int held) {
        return new DispatchPolicy(rule, diversion, held);
    }
}
