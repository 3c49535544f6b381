package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.MusterException;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.RandomCommands;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/**
 * The simulator's writer: the same decisions as the threaded writer, made on the caller's thread. Compared
 * with the threaded writer over the same seeded commands, the logs, the states and every answer agree.
 */
class SynchronousWriterTest {
    private static final Actor ACTOR = Actor.of("test:dispatcher");

    /** What a run of commands left: every answer (or refusal), the log, and the final state's entities. */
    private record Run(List<String> answers, List<RecordedEvent> log, String state, List<RecordedEvent> heard) {}

    private static Run drive(boolean synchronous, long seed, List<CommandEnvelope> region) {
        return drive(synchronous ? Writer.SYNCHRONOUS : Writer.THREADED, seed, region);
    }

    /** How the writer is started: a fork goes on from the state a writer left after registering the region. */
    private enum Writer {
        THREADED,
        SYNCHRONOUS,
        FORKED
    }

    private static Run drive(Writer kind, long seed, List<CommandEnvelope> region) {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        WriterConfig config = WriterConfig.DEFAULTS.withSnapshotEveryEvents(0);
        List<String> answers = new ArrayList<>();
        List<RecordedEvent> heard = new CopyOnWriteArrayList<>();
        MemoryEventLog log;
        SingleWriter started;
        if (kind == Writer.FORKED) {
            org.muster.engine.state.MusterState registered;
            try (SingleWriter registering =
                    SingleWriter.synchronous(new MemoryEventLog(), Rules.defaults(), clock, config)) {
                region.forEach(registering::execute);
                registered = registering.state();
            }
            log = MemoryEventLog.after(registered.sequence());
            started = SingleWriter.synchronousFrom(registered, log, Rules.defaults(), clock, config);
        } else {
            log = new MemoryEventLog();
            started = kind == Writer.SYNCHRONOUS
                    ? SingleWriter.synchronous(log, Rules.defaults(), clock, config)
                    : SingleWriter.start(log, Rules.defaults(), clock, config);
        }
        try (SingleWriter engine = started) {
            engine.subscribe((events, after) -> heard.addAll(events));
            if (kind != Writer.FORKED) region.forEach(engine::execute);
            RandomCommands commands = new RandomCommands(seed);
            List<CommandEnvelope> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                clock.advance(Duration.ofSeconds(7));
                Command drawn;
                try {
                    drawn = commands.next(engine.state());
                } catch (MusterException badShape) { // refused by the command's own constructor
                    answers.add("drawn " + badShape.getMessage());
                    continue;
                }
                CommandEnvelope c = new CommandEnvelope(CommandId.of("c-" + seed + "-" + i), ACTOR, "", drawn);
                sent.add(c);
                try {
                    answers.add(engine.execute(c).toString());
                } catch (MusterException refused) {
                    answers.add(refused.getClass().getSimpleName() + ": " + refused.getMessage());
                }
            }
            // a retry is answered with the first submission's events, not applied again
            for (CommandEnvelope again : sent.subList(0, 20)) {
                try {
                    answers.add(engine.execute(again).toString());
                } catch (MusterException refused) {
                    answers.add("again " + refused.getClass().getSimpleName());
                }
            }
            return new Run(
                    answers,
                    log.listRange(0, Long.MAX_VALUE),
                    engine.state().toSnapshot("").toString(),
                    heard);
        }
    }

    @Test
    void decidesAsTheThreadedWriterDoesCommandForCommand() {
        for (long seed : new long[] {1, 2, 3}) {
            List<CommandEnvelope> region = TestRegion.commands(); // the same ids for both
            Run threaded = drive(false, seed, region);
            Run inline = drive(true, seed, region);
            assertThat(inline.answers())
                    .as("seed %d: every answer and refusal", seed)
                    .isEqualTo(threaded.answers());
            assertThat(inline.log()).as("seed %d: the log", seed).isEqualTo(threaded.log());
            assertThat(inline.state()).as("seed %d: the state", seed).isEqualTo(threaded.state());
            assertThat(inline.heard()).as("seed %d: what listeners heard", seed).isEqualTo(threaded.heard());
            assertThat(inline.log()).as("seed %d: commands were applied", seed).hasSizeGreaterThan(100);
            assertThat(inline.answers()).as("seed %d: some were refused", seed).anyMatch(a -> a.contains("Exception:"));
            assertThat(inline.answers())
                    .as("seed %d: retries answered", seed)
                    .anyMatch(a -> a.contains("repeated=true"));
        }
    }

    @Test
    void aForkOfTheRegisteredStateGoesOnAsTheWriterThatRegisteredItWould() {
        for (long seed : new long[] {1, 2}) {
            List<CommandEnvelope> region = TestRegion.commands();
            Run whole = drive(Writer.SYNCHRONOUS, seed, region);
            Run forked = drive(Writer.FORKED, seed, region);
            long registered = whole.log().size() - forked.log().size();
            assertThat(registered).as("seed %d: the region's events", seed).isGreaterThan(10);
            assertThat(forked.answers())
                    .as("seed %d: every answer and refusal, numbered alike", seed)
                    .isEqualTo(whole.answers());
            assertThat(forked.log())
                    .as("seed %d: the log after the region, numbered on from it", seed)
                    .isEqualTo(whole.log().subList((int) registered, whole.log().size()));
            assertThat(forked.log().getFirst().sequence()).isEqualTo(registered + 1);
            assertThat(forked.state()).as("seed %d: the state", seed).isEqualTo(whole.state());
            assertThat(forked.heard())
                    .as("seed %d: what listeners heard after the fork", seed)
                    .isEqualTo(whole.heard()
                            .subList((int) registered, whole.heard().size()));
        }
    }

    @Test
    void aForkRefusesALogThatDoesNotGoOnFromItsState() {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        try (SingleWriter registering =
                SingleWriter.synchronous(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(registering::execute);
            assertThatThrownBy(() -> SingleWriter.synchronousFrom(
                            registering.state(), new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must go on from its state");
        }
    }

    @Test
    void answersOnTheCallersThreadBeforeSubmitReturns() {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        MemoryEventLog log = new MemoryEventLog();
        try (SingleWriter engine = SingleWriter.synchronous(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            List<Thread> listenedOn = new ArrayList<>();
            engine.subscribe((events, after) -> listenedOn.add(Thread.currentThread()));
            CompletableFuture<CommandResult> answer =
                    engine.submit(TestRegion.commands().getFirst());

            assertThat(answer).isCompleted();
            assertThat(listenedOn).containsExactly(Thread.currentThread());
            assertThat(log.lastSequence()).isEqualTo(1);
            assertThat(engine.state().sequence()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedCommandWritesNothingAndThrowsItsTypedError() {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        MemoryEventLog log = new MemoryEventLog();
        try (SingleWriter engine = SingleWriter.synchronous(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            long before = log.lastSequence();

            assertThatThrownBy(() -> engine.execute(env(assign("NOPE", "A1")))).isInstanceOf(NotFoundException.class);
            assertThat(log.lastSequence()).isEqualTo(before);
            assertThat(engine.state().sequence()).isEqualTo(before);
        }
    }

    @Test
    void aListenersCommandIsDecidedAfterTheOneBeingAnsweredAndWaitingForItIsRefused() {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        MemoryEventLog log = new MemoryEventLog();
        try (SingleWriter engine = SingleWriter.synchronous(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            List<String> heard = new ArrayList<>();
            List<Throwable> waited = new ArrayList<>();
            engine.subscribe((events, after) -> {
                for (RecordedEvent e : events) {
                    heard.add(e.event().getClass().getSimpleName());
                    if (e.event() instanceof Event.IncidentCreated created) {
                        engine.submit(env(assign(created.incident().id().value(), "A1")));
                        try {
                            engine.execute(env(assign(created.incident().id().value(), "A2")));
                        } catch (IllegalStateException refused) {
                            waited.add(refused);
                        }
                    }
                }
            });

            CommandResult created = engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", GeoPoint.of(52.6, -0.7))));

            assertThat(created.events())
                    .extracting(e -> e.event().getClass().getSimpleName())
                    .contains("IncidentCreated");
            assertThat(waited).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("submit it instead"));
            // the incident's own events first, then the assignment the listener asked for, then the second
            int createdAt = heard.indexOf("IncidentCreated");
            assertThat(heard.subList(createdAt, heard.size())).containsSubsequence("IncidentCreated", "UnitAssigned");
            assertThat(engine.state()
                            .getIncident(org.muster.domain.incident.IncidentId.of("I1"))
                            .assignments())
                    .hasSize(2);
        }
    }
}
