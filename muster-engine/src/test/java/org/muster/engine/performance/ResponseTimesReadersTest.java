package org.muster.engine.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.performance.ResponseTimes.Window;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/** Request threads read the statistics without waiting for the writer's thread. */
class ResponseTimesReadersTest {
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");

    @Test
    void readersAnswerWhileTheWriterIsMidBatchAndSeeWholeBatchesOnly() throws Exception {
        try (SingleWriter engine =
                SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            ResponseTimes times = new ResponseTimes(Rules.defaults(), ResponseTargets.DEFAULTS);
            engine.subscribe(times);
            engine.execute(env(incident("W1", "AMB", "FALL", TestRegion.CENTRE)));
            Instant now = clock.instant();

            // Hold the lock the writer's feed takes, as a writer thread in the middle of a batch would.
            synchronized (times) {
                CompletableFuture<List<ResponseTimes.Waiting>> waiting =
                        CompletableFuture.supplyAsync(() -> times.listWaiting(now));
                CompletableFuture<ResponseStats> stats = CompletableFuture.supplyAsync(
                        () -> times.statsForOrganisation(org("AMB"), Priority.C3, Window.DAY, now));
                CompletableFuture<?> rest = CompletableFuture.runAsync(() -> {
                    times.listResponses();
                    times.reroutedIn(ZoneId.of("AMB-N"));
                    times.statsForZone(ZoneId.of("AMB-N"), org("AMB"), Priority.C3, Window.HOUR, now);
                });
                // The writer's next batch waits for the lock; readers still see the last whole batch.
                CompletableFuture<?> next = engine.submit(env(incident("W2", "AMB", "FALL", TestRegion.CENTRE)));
                assertThat(waiting.get(5, TimeUnit.SECONDS))
                        .extracting(w -> w.incident().value())
                        .containsExactly("W1");
                stats.get(5, TimeUnit.SECONDS);
                rest.get(5, TimeUnit.SECONDS);
                assertThat(next).isNotDone();
            }
            engine.execute(env(incident("W3", "AMB", "FALL", TestRegion.CENTRE)));
            assertThat(times.listWaiting(clock.instant()))
                    .extracting(w -> w.incident().value())
                    .containsExactlyInAnyOrder("W1", "W2", "W3");
        }
    }
}
