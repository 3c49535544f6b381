package org.muster.sim.des;

import java.time.Instant;
import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.engine.rules.DispatchPolicy;

/**
 * What a scenario does to the region besides its everyday demand: the shocks at their times, the mutual aid
 * policies, and the standing policies the run is set up with.
 *
 * @param escortAgreements whether the police forces keep their standing escort agreements with the
 *     ambulance and fire services (cross-border help without mutual aid); off, an escort-required zone's
 *     crews get an escort only from their own organisation's lent units
 * @param cover whether a zone with no units of its own stands as the neighbour that covers it by design on
 *     the capacity board; off, it reads "no units", which a capacity-triggered aid policy acts on
 * @param moveUp whether the simulated control room takes Muster's move-up proposals, moving available units
 *     to the stations proposed as soon as they are proposed ({@link MoveUpDriver}); off by default
 * @param dispatch the engine's dispatch policy for the run: which unit goes first and whether units may be
 *     diverted (the engine that runs the scenario must be started with it in its rules)
 */
public record ShockPlan(
        List<Shock> shocks,
        List<AidPolicy> aid,
        boolean escortAgreements,
        boolean cover,
        boolean moveUp,
        DispatchPolicy dispatch) {
    /** Nothing but the everyday: no shocks, no aid policy, the region's agreements and cover as set up. */
    public static final ShockPlan NONE = new ShockPlan(List.of(), List.of(), true, true);

    public ShockPlan {
        shocks = List.copyOf(Check.present("shocks", shocks));
        aid = List.copyOf(Check.present("aid", aid));
        Check.present("dispatch", dispatch);
    }

    /** Without move-up, with the service's dispatch policy. */
    public ShockPlan(List<Shock> shocks, List<AidPolicy> aid, boolean escortAgreements, boolean cover) {
        this(shocks, aid, escortAgreements, cover, false, DispatchPolicy.DEFAULTS);
    }

    public ShockPlan withShocks(List<Shock> next) {
        return new ShockPlan(next, aid, escortAgreements, cover, moveUp, dispatch);
    }

    public ShockPlan withEscortAgreements(boolean on) {
        return new ShockPlan(shocks, aid, on, cover, moveUp, dispatch);
    }

    public ShockPlan withCover(boolean on) {
        return new ShockPlan(shocks, aid, escortAgreements, on, moveUp, dispatch);
    }

    public ShockPlan withAid(List<AidPolicy> next) {
        return new ShockPlan(shocks, next, escortAgreements, cover, moveUp, dispatch);
    }

    public ShockPlan withMoveUp(boolean on) {
        return new ShockPlan(shocks, aid, escortAgreements, cover, on, dispatch);
    }

    public ShockPlan withDispatch(DispatchPolicy next) {
        return new ShockPlan(shocks, aid, escortAgreements, cover, moveUp, next);
    }

    /** Every shock starts within {@code [start, end)}: one outside the run would silently do nothing. */
    void checkWithin(Instant start, Instant end) {
        for (int i = 0; i < shocks.size(); i++) {
            Instant at = shocks.get(i).at();
            if (at.isBefore(start) || !at.isBefore(end))
                throw InvalidInputException.of(
                        "shocks[" + i + "].at", at, "must be within the run, from " + start + " to before " + end);
        }
    }
}
