package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.TransientException;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/** Reported positions go to the position track, not the log, and still move units and reach listeners. */
class PositionReportsTest {
    private static final UnitId ARV1 = UnitId.of("ARV1");
    private static final GeoPoint AWAY = GeoPoint.of(52.61, -0.71);

    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final List<RecordedEvent> heard = new CopyOnWriteArrayList<>();
    private MemoryEventLog log;
    private SingleWriter engine;

    @BeforeEach
    void start() {
        log = new MemoryEventLog();
        engine = SingleWriter.start(log, Rules.defaults(), clock, new WriterConfig(2_000, 5));
        TestRegion.commands().forEach(engine::execute);
        engine.subscribe((events, after) -> heard.addAll(events));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static Command offTheRoad() {
        return new Command.ChangeUnitStatus(
                ARV1, UnitStatus.UNAVAILABLE, java.util.Optional.of(UnavailableReason.OUT_OF_SERVICE));
    }

    private CommandResult report(UnitId unit, GeoPoint point) {
        clock.advance(Duration.ofSeconds(5));
        return engine.execute(env(new Command.ReportPosition(unit, point)));
    }

    @Test
    void aReportMovesTheUnitAndReachesListenersButNotTheLog() {
        long before = log.lastSequence();
        Instant at = clock.instant().plusSeconds(5);

        CommandResult result = report(ARV1, AWAY);

        assertThat(result.lastSequence()).as("nothing written to the log").isZero();
        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.logged()).isFalse();
            assertThat(e.event()).isEqualTo(new Event.UnitMoved(ARV1, AWAY));
            assertThat(e.at()).isEqualTo(at);
        });
        assertThat(log.lastSequence()).isEqualTo(before);
        assertThat(engine.state().sequence()).isEqualTo(before);
        assertThat(engine.state().getUnit(ARV1).position()).contains(new Position(AWAY, at));
        assertThat(heard).singleElement().isEqualTo(result.events().getFirst());
        assertThat(log.positions().findLatest(ARV1)).contains(new PositionTrack.Fix(ARV1, AWAY, at));
    }

    @Test
    void theLogStaysGapFreeAroundReports() {
        long before = log.lastSequence();
        report(ARV1, AWAY);
        CommandResult change = engine.execute(env(offTheRoad()));
        report(ARV1, GeoPoint.of(52.62, -0.72));

        assertThat(change.lastSequence()).isEqualTo(before + 1);
        assertThat(log.lastSequence()).isEqualTo(before + change.events().size());
        assertThat(log.listRange(0, log.lastSequence()))
                .extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, log.lastSequence())
                        .boxed()
                        .toList());
        assertThat(log.listRange(0, log.lastSequence())).noneMatch(e -> e.event() instanceof Event.UnitMoved);
        assertThat(heard).extracting(RecordedEvent::logged).containsExactly(false, true, false);
    }

    @Test
    void aRetriedReportIsAnsweredAndChangesNothingElse() {
        CommandEnvelope once = env(new Command.ReportPosition(ARV1, AWAY));
        long before = log.lastSequence();
        engine.execute(once);
        clock.advance(Duration.ofSeconds(1));
        CommandResult again = engine.execute(once);

        assertThat(again.events())
                .singleElement()
                .extracting(RecordedEvent::event)
                .isEqualTo(new Event.UnitMoved(ARV1, AWAY));
        assertThat(engine.state().getUnit(ARV1).position().orElseThrow().point())
                .isEqualTo(AWAY);
        assertThat(log.lastSequence()).isEqualTo(before);
    }

    @Test
    void aRestartKeepsTheLatestPositionsAfterTheLastSnapshot() {
        report(ARV1, GeoPoint.of(52.62, -0.72));
        engine.execute(env(offTheRoad())); // logged, and past a snapshot
        CommandResult last = report(ARV1, AWAY);
        report(UnitId.of("A1"), GeoPoint.of(52.5, -0.6));
        var live = engine.state();
        engine.close();

        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);

        assertThat(log.findLatestSnapshot()).isPresent();
        assertThat(engine.state().getUnit(ARV1).position())
                .contains(new Position(AWAY, last.events().getFirst().at()));
        assertThat(engine.state()).isEqualTo(live);
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(live);
    }

    @Test
    void aReportIsAnsweredOnlyOnceDurableAndATrackThatFailsRefusesIt() {
        engine.close();
        MemoryPositionTrack kept = new MemoryPositionTrack();
        boolean[] failing = {true};
        PositionTrack track = new PositionTrack() {
            @Override
            public void record(List<Fix> fixes) {
                if (failing[0]) throw new TransientException("the disk is full");
                kept.record(fixes);
            }

            @Override
            public Duration interval() {
                return kept.interval();
            }

            @Override
            public PositionTrack withInterval(Duration interval) {
                return this;
            }

            @Override
            public List<Fix> listLatest() {
                return kept.listLatest();
            }

            @Override
            public java.util.Optional<Fix> findLatest(UnitId unit) {
                return kept.findLatest(unit);
            }

            @Override
            public List<Fix> listTrail(UnitId unit, Instant from, Instant to) {
                return kept.listTrail(unit, from, to);
            }

            @Override
            public List<Fix> listAtOrBefore(java.util.Collection<UnitId> units, Instant at) {
                return kept.listAtOrBefore(units, at);
            }

            @Override
            public long prune(Instant before) {
                return kept.prune(before);
            }
        };
        engine = SingleWriter.start(log, track, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        var before = engine.state();

        assertThatThrownBy(() -> report(ARV1, AWAY))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("the disk is full");
        assertThat(engine.state()).isEqualTo(before);

        failing[0] = false;
        CommandResult again = report(ARV1, AWAY);
        assertThat(engine.state().getUnit(ARV1).position())
                .contains(new Position(AWAY, again.events().getFirst().at()));
        assertThat(kept.findLatest(ARV1))
                .contains(new PositionTrack.Fix(
                        ARV1, AWAY, again.events().getFirst().at()));
    }

    @Test
    void theTrailKeepsOneFixPerIntervalAndTheLatestAndIsPrunedByAge() {
        PositionTrack track = new MemoryPositionTrack();
        Instant t0 = Instant.parse("2026-11-22T16:00:00Z");
        List<PositionTrack.Fix> fixes = List.of(
                new PositionTrack.Fix(ARV1, GeoPoint.of(52.0, -1.0), t0),
                new PositionTrack.Fix(ARV1, GeoPoint.of(52.1, -1.0), t0.plusSeconds(10)),
                new PositionTrack.Fix(ARV1, GeoPoint.of(52.2, -1.0), t0.plusSeconds(31)),
                new PositionTrack.Fix(ARV1, GeoPoint.of(52.3, -1.0), t0.plusSeconds(40)));
        track.record(fixes);

        assertThat(track.listTrail(ARV1, t0, t0.plusSeconds(60)))
                .containsExactly(fixes.get(0), fixes.get(2), fixes.get(3));
        assertThat(track.listTrail(ARV1, t0.plusSeconds(1), t0.plusSeconds(35))).containsExactly(fixes.get(2));
        assertThat(track.listAtOrBefore(List.of(ARV1), t0.plusSeconds(20))).containsExactly(fixes.get(0));
        assertThat(track.listAtOrBefore(List.of(ARV1), t0.minusSeconds(1))).isEmpty();

        assertThat(track.prune(t0.plusSeconds(35))).isEqualTo(2);
        assertThat(track.listTrail(ARV1, t0, t0.plusSeconds(60))).containsExactly(fixes.get(3));
        assertThat(track.findLatest(ARV1)).contains(fixes.get(3));
    }
}
