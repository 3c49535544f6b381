package org.muster.engine.writer;

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

/** Replay is exact: the state rebuilt from the log equals the live state, for any command sequence. */
class ReplayProperties {

    @Property(tries = 40)
    void stateRebuiltFromTheLogEqualsTheLiveState(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int commands) {
        MemoryEventLog log = new MemoryEventLog();
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, new WriterConfig(64, 97))) {
            TestRegion.commands().forEach(engine::execute);
            RandomCommands random = new RandomCommands(seed);
            for (int i = 0; i < commands; i++) {
                clock.advance(Duration.ofSeconds(7));
                try {
                    engine.execute(Commands.env(random.next(engine.state())));
                } catch (MusterException refused) {
                    // refused commands write nothing; the property below covers that too
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
}
