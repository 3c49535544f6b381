package org.muster.sim.des;

import java.util.List;
import org.muster.domain.Check;
import org.muster.engine.Engine;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.Surge;

/**
 * A scenario's shocks played into a running engine, for an exercise on the live dashboard: the same
 * {@link ShockDriver} a run uses sends its withdrawals, zone levels and standing policies at their times on the
 * live simulation's agenda, and its surges raise the calls of the demand model the live simulation runs. What a
 * run plays for the people (its aid policy) is left to the people in the exercise.
 */
public final class Rehearsal {
    private Rehearsal() {}

    /**
     * Checks {@code plan} against the engine's region (every problem at once), sets its standing policies now,
     * and books its shocks on {@code agenda}, the live simulation's; returns {@code demand} with the plan's surges.
     *
     * @param seed chooses who a withdrawal takes, as a run's seed does
     * @throws org.muster.domain.InvalidInputException naming what the region lacks, before anything is sent
     */
    public static DemandModel play(Engine engine, Agenda agenda, ShockPlan plan, long seed, DemandModel demand) {
        Check.present("engine", engine);
        Check.present("agenda", agenda);
        Check.present("plan", plan);
        Check.present("demand", demand);
        ShockDriver.check(plan, engine.state(), engine.rules());
        ShockDriver shocks = new ShockDriver(new EngineGateway(engine, "rehearsal", new Counters()), agenda, seed);
        shocks.applyPolicies(plan, engine.state());
        shocks.schedule(plan);
        List<Surge> surges = ShockDriver.surges(plan, engine.state());
        return surges.isEmpty() ? demand : demand.withSurges(surges);
    }
}
