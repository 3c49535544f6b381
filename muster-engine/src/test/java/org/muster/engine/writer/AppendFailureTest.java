package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.answered;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.muster.domain.TransientException;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/** When the log cannot take a batch, nothing of it is published or acknowledged, and the writer goes on. */
class AppendFailureTest {

    /** A real in-memory log that can be told to fail its appends, as a full disk or a lost connection would. */
    static final class FlakyLog extends DelegatingLog {
        volatile boolean failing;

        @Override
        public void append(List<RecordedEvent> batch) {
            if (failing) throw new TransientException("disk full");
            log.append(batch);
        }
    }

    /**
     * A log that keeps a batch and then fails to say so, as a connection lost between the server's commit and
     * its answer does (a primary killed while its replica already has the commit); and, while
     * {@code unreachable}, cannot be read either.
     */
    static final class CommitUnknownLog extends DelegatingLog {
        volatile boolean answerLost;
        volatile boolean unreachable;

        @Override
        public void append(List<RecordedEvent> batch) {
            if (unreachable) throw new TransientException("connection refused");
            log.append(batch);
            if (answerLost) {
                answerLost = false;
                unreachable = true;
                throw new TransientException("could not tell whether the batch was kept: I/O error");
            }
        }

        @Override
        public long lastSequence() {
            if (unreachable) throw new TransientException("connection refused");
            return log.lastSequence();
        }

        @Override
        public List<RecordedEvent> listRange(long afterSequence, long toSequence) {
            if (unreachable) throw new TransientException("connection refused");
            return log.listRange(afterSequence, toSequence);
        }

        @Override
        public List<RecordedEvent> listEventsOfCommands(java.util.Set<org.muster.domain.command.CommandId> commands) {
            if (unreachable) throw new TransientException("connection refused");
            return log.listEventsOfCommands(commands);
        }
    }

    @Test
    void aBatchKeptThoughItsAppendFailedIsTakenFromTheLogAndTheWriterGoesOn() throws Exception {
        CommitUnknownLog log = new CommitUnknownLog();
        List<RecordedEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SingleWriter engine = SingleWriter.start(
                log, Rules.defaults(), TestClock.at("2026-11-22T16:00:00Z"), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            engine.subscribe((events, after) -> heard.addAll(events));
            long before = log.lastSequence();

            log.answerLost = true;
            var kept = env(incident("K1", "AMB", "FALL", TestRegion.CENTRE));
            assertThatThrownBy(() -> engine.submit(kept).get())
                    .as("its answer was lost, so the caller is not told it was kept")
                    .hasCauseInstanceOf(TransientException.class);
            assertThat(log.log.lastSequence() - before)
                    .as("but the log kept it")
                    .isEqualTo(1);
            // still unreachable: refused, and the writer does not guess
            log.unreachable = true;
            assertThatThrownBy(() -> engine.submit(env(incident("K2", "AMB", "FALL", TestRegion.CENTRE)))
                            .get())
                    .hasCauseInstanceOf(TransientException.class);

            log.unreachable = false;
            var next = env(incident("K3", "AMB", "FALL", TestRegion.CENTRE));
            CommandResult result = answered(engine, next);
            assertThat(result.events()).hasSize(1);
            assertThat(result.events().getFirst().sequence()).isEqualTo(before + 2);

            CommandResult retried = engine.execute(kept);
            assertThat(retried.repeated())
                    .as("the kept command sent again is answered from the log, not decided twice")
                    .isTrue();
            assertThat(retried.events().getFirst().sequence()).isEqualTo(before + 1);
            assertThat(engine.state().incidents())
                    .containsKeys(
                            org.muster.domain.incident.IncidentId.of("K1"),
                            org.muster.domain.incident.IncidentId.of("K3"));
            assertThat(engine.state()).isEqualTo(Recovery.replayFromScratch(log).state());
            assertThat(heard)
                    .as("the listeners heard the kept event too, once")
                    .extracting(RecordedEvent::sequence)
                    .containsExactly(before + 1, before + 2);
        }
    }

    @Test
    void aFailedAppendRefusesItsCommandsAndLeavesTheStateAsTheLogHasIt() throws Exception {
        FlakyLog log = new FlakyLog();
        try (SingleWriter engine = SingleWriter.start(
                log, Rules.defaults(), TestClock.at("2026-11-22T16:00:00Z"), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            long durable = log.lastSequence();
            var before = engine.state();

            log.failing = true;
            List<CompletableFuture<CommandResult>> refused = new ArrayList<>();
            for (int i = 0; i < 50; i++)
                refused.add(engine.submit(env(incident("F" + i, "AMB", "FALL", TestRegion.CENTRE))));
            for (var f : refused) {
                assertThatThrownBy(f::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TransientException.class);
            }
            assertThat(engine.state()).isEqualTo(before);
            assertThat(log.lastSequence()).isEqualTo(durable);

            log.failing = false;
            var again = env(incident("F0", "AMB", "FALL", TestRegion.CENTRE));
            assertThat(engine.execute(again).events()).hasSize(1);
            assertThat(engine.state().sequence()).isEqualTo(durable + 1);
            assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
        }
    }
}
