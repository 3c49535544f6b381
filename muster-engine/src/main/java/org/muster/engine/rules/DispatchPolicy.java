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
 */
public record DispatchPolicy(Rule rule, boolean diversion) {
    /** The service's policy: the nearest unit by time on the road, diversion allowed. */
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
        SAME_ZONE
    }

    public DispatchPolicy {
        Check.present("rule", rule);
    }

    /**
     * Whether a unit on its way to a call of priority {@code from} may be taken for one of priority {@code to}:
     * diversion is on, {@code to} is of the priority that diverts (the highest), and more urgent than {@code
     * from}.
     */
    public boolean allowsDiversion(Priority to, Priority from) {
        return diversion && to.allowsDiversion() && to.isMoreUrgentThan(from);
    }

    public DispatchPolicy withRule(Rule next) {
        return new DispatchPolicy(next, diversion);
    }

    public DispatchPolicy withDiversion(boolean on) {
        return new DispatchPolicy(rule, on);
    }
}
