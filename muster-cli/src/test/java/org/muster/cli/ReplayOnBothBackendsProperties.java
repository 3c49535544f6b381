package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.muster.domain.MusterException;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RandomCommands;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * Replay is exact on the real backends: random valid and invalid command sequences through the engine,
 * then the state rebuilt from the log (from scratch, and from the latest snapshot) equals the live state.
 */
class ReplayOnBothBackendsProperties {

    @Property(tries = 12)
    void sqlite(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int commands) {
        check(TestDatabases.fresh(StoreConfig.Backend.SQLITE), seed, commands);
    }

    @Property(tries = 8)
    void postgresql(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int commands) {
        check(TestDatabases.fresh(StoreConfig.Backend.POSTGRESQL), seed, commands);
    }

    private static void check(StoreConfig config, long seed, int commands) {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        int accepted = 0;
        try (EventStore log = EventLogs.open(config)) {
            try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, new WriterConfig(32, 101))) {
                TestRegion.commands().forEach(engine::execute);
                RandomCommands random = new RandomCommands(seed);
                for (int i = 0; i < commands; i++) {
                    clock.advance(Duration.ofSeconds(11));
                    try {
                        engine.execute(Commands.env(random.next(engine.state())));
                        accepted++;
                    } catch (MusterException refused) {
                        // refused whole; nothing written
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
        }
        if (commands >= 50)
            assertThat(accepted)
                    .as("the random stream must mostly be valid to test anything")
                    .isGreaterThan(commands / 4);
    }
}
