package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
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
        ReplayCheck.run(
                new MemoryEventLog(new org.muster.engine.archive.MemoryClosedIncidents()),
                new WriterConfig(64, 97),
                Duration.ofSeconds(7),
                seed,
                commands);
    }

    @Property(tries = 20)
    void withMutualAidTheStateRebuiltFromTheLogEqualsTheLiveState(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int commands) {
        ReplayCheck.run(
                new MemoryEventLog(new org.muster.engine.archive.MemoryClosedIncidents()),
                new WriterConfig(64, 97),
                Duration.ofSeconds(7),
                seed,
                commands,
                true);
    }

    @Example
    void theMutualAidStreamGetsAsFarAsLendingUnitsAndSendingThemHome() {
        // Lending needs an accepted unit that is free to drive to the rendezvous point, which a random walk of
        // walkouts and crew changes reaches only on some seeds: the first few seeds together must get there.
        Set<String> kinds = new java.util.HashSet<>();
        for (long seed = 42; seed < 52; seed++) {
            MemoryEventLog log = new MemoryEventLog(new org.muster.engine.archive.MemoryClosedIncidents());
            ReplayCheck.run(log, new WriterConfig(64, 97), Duration.ofSeconds(7), seed, 800, true);
            log.listRange(0, log.lastSequence())
                    .forEach(e -> kinds.add(e.event().getClass().getSimpleName()));
        }
        assertThat(kinds)
                .contains(
                        "AidRequested",
                        "AidOffered",
                        "AidDeclined",
                        "AidOfferAccepted",
                        "UnitLent",
                        "UnitReturned",
                        "AidRequestStatusChanged",
                        "IncidentArchived");
    }
}
