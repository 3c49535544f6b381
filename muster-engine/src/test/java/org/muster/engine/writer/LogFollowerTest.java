package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.TransientException;
import org.muster.domain.command.Command;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/**
 * A standby's read side against a writer on the same log: it reaches the writer's state, tells its listeners
 * every event once and in order, places units at the track's fixes, and refuses commands as it was told to.
 */
class LogFollowerTest {
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");

    @Test
    void followsTheWritersLogToTheSameStateAndHearsEveryEventOnceInOrder() throws Exception {
        MemoryEventLog log = new MemoryEventLog();
        try (SingleWriter writer = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().stream().limit(5).forEach(writer::execute);
            LogFollower follower = LogFollower.start(
                    log,
                    log.positions(),
                    Rules.defaults(),
                    () -> TransientException.notTheWriter("a standby", "http://writer:8080"));
            assertThat(follower.state().sequence()).isEqualTo(log.lastSequence());
            List<RecordedEvent> heard = new CopyOnWriteArrayList<>();
            follower.subscribe((events, after) -> heard.addAll(events));

            long from = log.lastSequence();
            TestRegion.commands().stream().skip(5).forEach(writer::execute);
            var unit = org.muster.domain.unit.UnitId.of("ARV1");
            clock.advance(Duration.ofSeconds(5)); // a report later than the unit's logged position
            writer.execute(env(new Command.ReportPosition(unit, GeoPoint.of(52.61, -0.71))));
            follower.follow(Duration.ofMillis(10));
            for (int i = 0; i < 500 && follower.state().sequence() < log.lastSequence(); i++) Thread.sleep(10);
            follower.close();

            assertThat(follower.state().sequence()).isEqualTo(writer.state().sequence());
            assertThat(heard)
                    .extracting(RecordedEvent::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(from + 1, log.lastSequence())
                            .boxed()
                            .toList());
            assertThat(follower.state().units()).isEqualTo(writer.state().units());
            assertThat(follower.state().getUnit(unit).position().orElseThrow().point())
                    .as("placed at the track's fix, which is not in the log")
                    .isEqualTo(GeoPoint.of(52.61, -0.71));

            try {
                follower.submit(env(Commands.status(unit.value(), UnitStatus.EN_ROUTE)))
                        .get();
                throw new AssertionError("a standby took a command");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TransientException.class).hasMessage("a standby");
                assertThat(((TransientException) e.getCause()).findWriter()).contains("http://writer:8080");
            }
        }
    }
}
