package org.muster.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.muster.domain.GeoPoint;
import org.muster.domain.MusterException;
import org.muster.domain.log.EventLog;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * The replay property, on any event log: the test region, then a seeded stream of random commands
 * (refused ones write nothing; finished incidents archived out of the state among them), then the state rebuilt from the log — from scratch and from the latest
 * snapshot — must equal the live state.
 */
public final class ReplayCheck {
    private ReplayCheck() {}

    /** Runs the stream and the checks; returns how many of the random commands were accepted. */
    public static int run(EventLog log, WriterConfig config, Duration step, long seed, int commands) {
        return run(log, config, step, seed, commands, false);
    }

    /**
     * As {@link #run(EventLog, WriterConfig, Duration, long, int)}; with {@code mutualAid} the region also
     * holds the police forces {@code NBR} and {@code WEST}, and the stream asks for, offers, accepts,
     * deploys and releases mutual aid among the three forces.
     */
    public static int run(
            EventLog log, WriterConfig config, Duration step, long seed, int commands, boolean mutualAid) {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        int accepted = 0;
        // where the log keeps a read model, finished incidents leave the state for it as the archiver takes them out
        var readModel = log.closedIncidents();
        try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, config)) {
            TestRegion.commands().forEach(engine::execute);
            if (mutualAid) {
                TestRegion.policeForce("NBR", GeoPoint.of(52.65, -0.65), "NBR-ARV1", "NBR-ARV2")
                        .forEach(engine::execute);
                TestRegion.policeForce("WEST", GeoPoint.of(52.55, -0.75), "WEST-ARV1", "WEST-ARV2")
                        .forEach(engine::execute);
            }
            RandomCommands random = new RandomCommands(
                    seed,
                    mutualAid,
                    readModel == org.muster.domain.incident.ClosedIncidents.NONE
                            ? java.util.Optional.empty()
                            : java.util.Optional.of(readModel));
            for (int i = 0; i < commands; i++) {
                clock.advance(step);
                try {
                    engine.execute(Commands.env(random.next(engine.state())));
                    accepted++;
                } catch (MusterException refused) {
                    // refused commands write nothing; the checks below cover that too
                }
            }
            assertThat(Recovery.replayFromScratch(log).state())
                    .as("seed %d", seed)
                    .isEqualTo(engine.state());
            assertThat(Recovery.replay(log).state())
                    .as("from snapshot, seed %d", seed)
                    .isEqualTo(engine.state());
            assertThat(log.lastSequence()).isEqualTo(engine.state().sequence());
        }
        return accepted;
    }
}
