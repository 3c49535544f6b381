package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.muster.engine.testing.ReplayCheck;
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
        int accepted;
        try (EventStore log = EventLogs.open(config)) {
            accepted = ReplayCheck.run(log, new WriterConfig(32, 101), Duration.ofSeconds(11), seed, commands);
        }
        if (commands >= 50) {
            assertThat(accepted)
                    .as("the random stream must mostly be valid to test anything")
                    .isGreaterThan(commands / 4);
        }
    }
}
