package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.log.Snapshot;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.TestClock;

/**
 * A snapshot that takes a while holds the next one back by ten times the events committed meanwhile, so
 * that under a burst building snapshots takes a bounded share of the machine; at a quiet rate the interval
 * alone decides.
 */
class SnapshotBackoffTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Long> saved = new CopyOnWriteArrayList<>();

    /** A log whose first snapshot is written only when the test says so. */
    private final class SlowSnapshots extends DelegatingLog {
        @Override
        public void saveSnapshot(Snapshot snapshot) {
            try {
                if (saved.isEmpty() && !release.await(30, TimeUnit.SECONDS))
                    throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saved.add(snapshot.sequence());
        }
    }

    @Test
    void theNextSnapshotWaitsTenTimesTheEventsCommittedWhileTheLastWasBuilt() throws Exception {
        var clock = TestClock.at("2026-12-05T06:00:00Z");
        try (var engine = SingleWriter.start(
                new SlowSnapshots(), Rules.defaults(), clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(10))) {
            register(engine, 0, 10); // the first snapshot falls due at 10 and hangs
            register(engine, 10, 110); // 100 events committed while it is being built
            assertThat(saved).isEmpty();
            release.countDown();
            await(() -> saved.size() == 1);
            Thread.sleep(200); // the writer notes what the snapshot cost once it is written
            assertThat(saved).containsExactly(10L);

            register(engine, 110, 900);
            Thread.sleep(200);
            assertThat(saved)
                    .as("the interval (10) would have snapshotted long ago; 10 x 100 events must pass first")
                    .containsExactly(10L);

            register(engine, 900, 1_100);
            // once the second is written quickly the interval (10) rules again, so more may follow it
            await(() -> saved.size() >= 2);
            assertThat(saved.get(1)).isBetween(10L + 1_000, 10L + 1_100);
        }
    }

    private static void register(SingleWriter engine, int from, int to) {
        for (int i = from; i < to; i++)
            engine.execute(Commands.env(new Command.RegisterOrganisation(
                    OrganisationId.of("ORG" + i), "Organisation " + i, Agency.POLICE)));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }
}
