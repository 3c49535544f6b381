package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.command.CommandEnvelope;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * A retry is answered, not applied twice, even when its first submission is older than the writer's
 * memory: after a restart from a snapshot that covers it, and after it has left the window of recent ids.
 * The log's index on the command id answers, on each real backend.
 */
class RetryAfterRestartOnBothBackendsTest {
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");

    @ParameterizedTest
    @EnumSource(StoreConfig.Backend.class)
    void aRetryAfterARestartFromASnapshotGetsTheOriginalAnswer(StoreConfig.Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        CommandEnvelope create = env(incident("I1", "POL", "WELFARE_CONCERN", TestRegion.CENTRE));
        CommandEnvelope other = env(incident("I2", "AMB", "FALL", TestRegion.CENTRE));
        CommandResult first;
        try (EventStore log = EventLogs.open(config);
                SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            first = engine.execute(create);
            engine.execute(other);
            log.saveSnapshot(engine.state().toSnapshot(log.hashAt(engine.state().sequence())));
        }
        try (EventStore log = EventLogs.open(config);
                SingleWriter restarted = SingleWriter.start(
                        log, Rules.defaults(), clock, new WriterConfig(1, 0).withRecentCommandIds(4))) {
            long before = log.lastSequence();
            CommandResult retry = restarted.execute(create);
            assertThat(retry.repeated()).isTrue();
            assertThat(retry.events()).isEqualTo(first.events());
            assertThat(log.lastSequence()).isEqualTo(before);
            assertThat(restarted.state().listOpenIncidents()).hasSize(2);

            // Push both out of the window of 4, then retry them together with a new command.
            for (int i = 3; i < 10; i++) restarted.execute(env(incident("I" + i, "AMB", "FALL", TestRegion.CENTRE)));
            var again = restarted.submit(create);
            var otherAgain = restarted.submit(other);
            CommandResult fresh = restarted.execute(env(incident("I10", "AMB", "FALL", TestRegion.CENTRE)));
            assertThat(again.join().events()).isEqualTo(first.events());
            assertThat(otherAgain.join().repeated()).isTrue();
            assertThat(fresh.repeated()).isFalse();
            assertThat(restarted.state().listOpenIncidents()).hasSize(10);
            assertThat(log.listEventsOfCommands(Set.of(create.id(), other.id())))
                    .hasSize(2)
                    .allMatch(e -> Set.of(create.id(), other.id()).contains(e.command()));
        }
    }
}
