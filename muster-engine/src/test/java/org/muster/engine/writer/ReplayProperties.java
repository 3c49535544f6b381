package org.muster.engine.writer;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.muster.engine.testing.ReplayCheck;

/** Replay is exact: the state rebuilt from the log equals the live state, for any command sequence. */
class ReplayProperties {

    @Property(tries = 40)
    void stateRebuiltFromTheLogEqualsTheLiveState(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int commands) {
        ReplayCheck.run(new MemoryEventLog(), new WriterConfig(64, 97), Duration.ofSeconds(7), seed, commands);
    }
}
