package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

class RetriesAndOverloadTest {
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");

    @Test
    void aRetryAfterARestartFromASnapshotGetsTheOriginalAnswer() {
        MemoryEventLog log = new MemoryEventLog();
        CommandEnvelope create = env(incident("I1", "POL", "WELFARE_CONCERN", TestRegion.CENTRE));
        CommandResult first;
        try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            first = engine.execute(create);
            engine.execute(env(incident("I2", "POL", "WELFARE_CONCERN", TestRegion.CENTRE)));
            // The snapshot covers the first submission: replay after it does not see its id.
            log.saveSnapshot(engine.state().toSnapshot(""));
        }
        try (SingleWriter restarted = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            assertThat(restarted.recentCommandIdsHeld()).isZero();
            long before = log.lastSequence();
            CommandResult retry = restarted.execute(create);
            assertThat(retry.repeated()).isTrue();
            assertThat(retry.events()).isEqualTo(first.events());
            assertThat(log.lastSequence()).isEqualTo(before);
            assertThat(restarted.state().listOpenIncidents()).hasSize(2);
            // A retry in the same batch as new work: the new one applies, the old one is answered.
            CompletableFuture<CommandResult> again = restarted.submit(create);
            CommandResult fresh = restarted.execute(env(incident("I3", "POL", "WELFARE_CONCERN", TestRegion.CENTRE)));
            assertThat(again.join().events()).isEqualTo(first.events());
            assertThat(fresh.repeated()).isFalse();
            assertThat(restarted.state().listOpenIncidents()).hasSize(3);
        }
    }

    @Test
    void theWriterRemembersABoundedWindowOfIdsAndAsksTheLogForOlderOnes() {
        MemoryEventLog log = new MemoryEventLog();
        WriterConfig config = new WriterConfig(1, 0).withRecentCommandIds(4);
        try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, config)) {
            CommandEnvelope oldest = env(incident("I0", "POL", "WELFARE_CONCERN", TestRegion.CENTRE));
            TestRegion.commands().forEach(engine::execute);
            CommandResult first = engine.execute(oldest);
            for (int i = 1; i <= 20; i++) engine.execute(env(incident("I" + i, "AMB", "FALL", TestRegion.CENTRE)));
            assertThat(engine.recentCommandIdsHeld()).isLessThanOrEqualTo(4);
            CommandResult retry = engine.execute(oldest);
            assertThat(retry.repeated()).isTrue();
            assertThat(retry.events()).isEqualTo(first.events());
            assertThat(engine.state().listOpenIncidents()).hasSize(21);
            assertThat(engine.recentCommandIdsHeld()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aFullInboxRefusesAtOnceAWaitTimesOutAndNothingAcknowledgedIsLost() throws Exception {
        GatedLog log = new GatedLog();
        WriterConfig config = new WriterConfig(1, 0).withInboxCapacity(2).withExecuteTimeout(Duration.ofMillis(300));
        try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, config)) {
            TestRegion.commands().forEach(engine::execute);
            log.gate = new CountDownLatch(1); // the store stalls: appends wait at the gate
            List<CommandEnvelope> sent = new ArrayList<>();
            List<CompletableFuture<CommandResult>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                CommandEnvelope c = env(incident("Q" + i, "AMB", "FALL", TestRegion.CENTRE));
                sent.add(c);
                answers.add(engine.submit(c));
                Thread.sleep(5); // lets the writer take what it can, so the inbox alone is what refuses
            }
            List<Integer> refused = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).isCompletedExceptionally()) refused.add(i);
            }
            assertThat(refused).isNotEmpty();
            for (int i : refused) {
                assertThatThrownBy(answers.get(i)::join)
                        .hasCauseInstanceOf(TransientException.class)
                        .hasMessageContaining("overloaded");
            }
            assertThatThrownBy(() -> engine.execute(env(incident("LATE", "AMB", "FALL", TestRegion.CENTRE))))
                    .isInstanceOf(TransientException.class);

            log.gate.countDown();
            List<CommandId> acknowledged = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                if (refused.contains(i)) continue;
                answers.get(i).get(10, TimeUnit.SECONDS);
                acknowledged.add(sent.get(i).id());
            }
            assertThat(acknowledged).hasSize(30 - refused.size());
            Set<CommandId> logged = new java.util.HashSet<>();
            log.readAfter(0, e -> logged.add(e.command()));
            assertThat(logged).containsAll(acknowledged);
            for (int i : refused) assertThat(logged).doesNotContain(sent.get(i).id());
            // A refused command is refused, not lost: sent again, it is applied.
            assertThat(engine.execute(sent.get(refused.getFirst())).repeated()).isFalse();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** A log in memory whose appends wait at a gate while one is set: a stalled store. */
    private static final class GatedLog extends DelegatingLog {
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public void append(List<RecordedEvent> batch) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.append(batch);
        }
    }
}
