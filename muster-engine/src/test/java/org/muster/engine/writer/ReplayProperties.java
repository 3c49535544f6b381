package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
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

    @Property(tries = 20)
    void withMutualAidTheStateRebuiltFromTheLogEqualsTheLiveState(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int commands) {
        ReplayCheck.run(new MemoryEventLog(), new WriterConfig(64, 97), Duration.ofSeconds(7), seed, commands, true);
    }

    @Example
    void theMutualAidStreamGetsAsFarAsLendingUnitsAndSendingThemHome() {
        MemoryEventLog log = new MemoryEventLog();
        ReplayCheck.run(log, new WriterConfig(64, 97), Duration.ofSeconds(7), 42, 800, true);
        Set<String> kinds = log.listRange(0, log.lastSequence()).stream()
                .map(e -> e.event().getClass().getSimpleName())
                .collect(Collectors.toSet());
        assertThat(kinds)
                .contains(
                        "AidRequested",
                        "AidOffered",
                        "AidDeclined",
                        "AidOfferAccepted",
                        "UnitLent",
                        "UnitReturned",
                        "AidRequestStatusChanged");
    }
}
