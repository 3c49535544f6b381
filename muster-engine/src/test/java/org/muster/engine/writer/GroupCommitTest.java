package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/** Batches decided while the log is syncing go to the log together: one sync, not one each. */
class GroupCommitTest {

    /** A real in-memory log that records each append and can hold the next one back until released. */
    static final class HeldLog extends DelegatingLog {
        final List<Integer> appendSizes = new CopyOnWriteArrayList<>();
        final List<RecordedEvent> prepared = new CopyOnWriteArrayList<>();
        final List<RecordedEvent> appended = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch holding = new CountDownLatch(1);

        @Override
        public void append(List<RecordedEvent> batch) {
            if (hold.getCount() > 0) {
                holding.countDown();
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            appendSizes.add(batch.size());
            appended.addAll(batch);
            log.append(batch);
        }

        @Override
        public void prepare(List<RecordedEvent> events) {
            prepared.addAll(events);
        }
    }

    @Test
    void batchesDecidedDuringAnAppendAreAppendedInOneGo() throws Exception {
        HeldLog log = new HeldLog();
        try (SingleWriter engine = SingleWriter.start(
                log, Rules.defaults(), TestClock.at("2026-11-22T16:00:00Z"), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            long before = log.lastSequence();
            log.appendSizes.clear();
            log.hold = new CountDownLatch(1);

            List<CompletableFuture<CommandResult>> results = new ArrayList<>();
            results.add(engine.submit(env(incident("G0", "AMB", "FALL", TestRegion.CENTRE))));
            assertThat(log.holding.await(10, TimeUnit.SECONDS)).isTrue();
            // one at a time, so that the idle decider cuts each into a batch of its own
            for (int i = 1; i <= 5; i++) {
                results.add(engine.submit(env(incident("G" + i, "AMB", "FALL", TestRegion.CENTRE))));
                Thread.sleep(50);
            }
            assertThat(results).noneMatch(CompletableFuture::isDone);
            log.hold.countDown();

            List<Long> sequences = new ArrayList<>();
            for (var r : results) {
                r.get(10, TimeUnit.SECONDS).events().forEach(e -> sequences.add(e.sequence()));
            }
            assertThat(log.appendSizes)
                    .as("the held append, then the five batches behind it together")
                    .containsExactly(1, 5);
            assertThat(sequences)
                    .containsExactly(before + 1, before + 2, before + 3, before + 4, before + 5, before + 6);
            assertThat(engine.state().sequence()).isEqualTo(before + 6);
            assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
        }
    }

    @Test
    void everyCommandDecidedDuringAnAppendJoinsTheNextOneHoweverManyBatchesItTook() throws Exception {
        HeldLog log = new HeldLog();
        try (SingleWriter engine = SingleWriter.start(
                log, Rules.defaults(), TestClock.at("2026-11-22T16:00:00Z"), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            log.appendSizes.clear();
            log.hold = new CountDownLatch(1);

            List<CompletableFuture<CommandResult>> results = new ArrayList<>();
            results.add(engine.submit(env(incident("B0", "AMB", "FALL", TestRegion.CENTRE))));
            assertThat(log.holding.await(10, TimeUnit.SECONDS)).isTrue();
            // as clients answered by one commit come back during the next: one by one, a batch each,
            // more batches than the eight the decider used to stop at
            int behind = 24;
            for (int i = 1; i <= behind; i++) {
                results.add(engine.submit(env(incident("B" + i, "AMB", "FALL", TestRegion.CENTRE))));
                Thread.sleep(20);
            }
            Thread.sleep(300); // the last one decided too
            log.hold.countDown();
            for (var r : results) r.get(10, TimeUnit.SECONDS);

            assertThat(log.appendSizes)
                    .as("the held append, then everything decided behind it in one")
                    .containsExactly(1, behind);
            assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
        }
    }

    @Test
    void theLogIsToldOfEachDecidedEventBeforeItIsAppended() throws Exception {
        HeldLog log = new HeldLog();
        try (SingleWriter engine = SingleWriter.start(
                log, Rules.defaults(), TestClock.at("2026-11-22T16:00:00Z"), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            log.hold = new CountDownLatch(1);
            List<CompletableFuture<CommandResult>> results = new ArrayList<>();
            results.add(engine.submit(env(incident("P0", "AMB", "FALL", TestRegion.CENTRE))));
            assertThat(log.holding.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 3; i++) {
                results.add(engine.submit(env(incident("P" + i, "AMB", "FALL", TestRegion.CENTRE))));
                Thread.sleep(50);
            }
            Thread.sleep(300);
            int appendedSoFar = log.appended.size();
            assertThat(log.prepared)
                    .as("decided while the append was held: prepared already, not yet appended")
                    .hasSizeGreaterThanOrEqualTo(appendedSoFar + 4);
            log.hold.countDown();
            for (var r : results) r.get(10, TimeUnit.SECONDS);

            // the very objects, in the same order: what the log prepared is what it was asked to append
            assertThat(log.prepared).hasSameSizeAs(log.appended);
            for (int i = 0; i < log.appended.size(); i++)
                assertThat(log.prepared.get(i)).isSameAs(log.appended.get(i));
        }
    }
}
