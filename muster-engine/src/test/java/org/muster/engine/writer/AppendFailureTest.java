package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
