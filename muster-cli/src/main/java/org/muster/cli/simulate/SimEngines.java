package org.muster.cli.simulate;

import java.time.InstantSource;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.engine.Engine;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.des.ScenarioRun;

/**
 * The engines {@code ./muster simulate} and {@code bench sim} run scenarios on. They are wired here, not in
 * muster-sim, which drives an engine only through {@link Engine} and never its writer.
 */
public final class SimEngines {
    private SimEngines() {}

    /**
     * Synchronous writers over logs in memory, deciding by {@code rules}, with no snapshots (nothing replays a
     * run's log, and each would serialise the whole state). They fork: the region is registered once for all
     * the runs that start at the same instant, not once a run.
     */
    public static ScenarioRun.EngineFactory synchronous(Rules rules) {
        Check.present("rules", rules);
        WriterConfig config = WriterConfig.DEFAULTS.withSnapshotEveryEvents(0);
        return new ScenarioRun.EngineFactory() {
            @Override
            public Engine start(InstantSource clock) {
                return SingleWriter.synchronous(new MemoryEventLog(), rules, clock, config);
            }

            @Override
            public Optional<Engine> fork(MusterState registered, InstantSource clock) {
                return Optional.of(SingleWriter.synchronousFrom(
                        registered, MemoryEventLog.after(registered.sequence()), rules, clock, config));
            }
        };
    }
}
