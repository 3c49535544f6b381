package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Evolver;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestCells;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * Early warning saved at any event and restored into a fresh projection, then fed the rest, ends exactly
 * where one fed everything ends: the same alerts, and the same detectors' counts.
 */
class WarningMementoTest {
    private static final ZoneId NORTH = ZoneId.of("POL-N");

    @Test
    void restoredAtEveryEventItEndsAsOneFedEverything() {
        var clock = TestClock.at("2026-11-23T00:00:00Z");
        List<RecordedEvent> recorded = new ArrayList<>();
        try (var engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            engine.subscribe((events, state) -> recorded.addAll(events));
            int id = 0;
            for (int hour = 0; hour < 50; hour++) {
                engine.execute(env(incident("I" + ++id, "POL", "OBSTRUCTED_ACCESS", street(hour % 10))));
                clock.advance(Duration.ofHours(1));
            }
            for (int i = 0; i < 8; i++) {
                engine.execute(env(incident("I" + ++id, "POL", "OBSTRUCTED_ACCESS", estate(i))));
                clock.advance(Duration.ofMinutes(5));
            }
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofMinutes(40));
                engine.execute(env(incident("I" + ++id, "POL", "WELFARE_CONCERN", street(i))));
            }
        }
        Instant first = recorded.getFirst().at();
        List<MusterState> states = new ArrayList<>();
        MusterState s = MusterState.empty();
        for (RecordedEvent e : recorded) states.add(s = Evolver.apply(s, e));

        WarningProjection whole = projection(first);
        for (int i = 0; i < recorded.size(); i++) whole.onEvents(List.of(recorded.get(i)), states.get(i));
        assertThat(whole.listAlerts())
                .as("the run raises surges and a hotspot")
                .anyMatch(a -> a instanceof SurgeAlert)
                .anyMatch(a -> a instanceof HotspotAlert);

        for (int split = 0; split < recorded.size(); split++) {
            WarningProjection before = projection(first);
            for (int i = 0; i <= split; i++) before.onEvents(List.of(recorded.get(i)), states.get(i));
            WarningProjection.Memento saved = before.capture().get();

            // started at another time on purpose: the memento, not the start, says where the bins are
            WarningProjection resumed = projection(recorded.getLast().at());
            resumed.restore(saved);
            assertThat(resumed.listAlerts()).isEqualTo(before.listAlerts());
            for (int i = split + 1; i < recorded.size(); i++) resumed.onEvents(List.of(recorded.get(i)), states.get(i));

            assertThat(resumed.listAlerts())
                    .as("restored after event %d", split)
                    .isEqualTo(whole.listAlerts());
            assertThat(resumed.capture().get()).isEqualTo(whole.capture().get());
        }
    }

    private static WarningProjection projection(Instant start) {
        return new WarningProjection(
                SurgeConfig.DEFAULTS,
                HotspotConfig.DEFAULTS.withReplications(199, 0.005),
                TestCells.grid(),
                p -> List.of(NORTH),
                start,
                11,
                Duration.ofHours(6),
                SurgeBaseline.none());
    }

    private static GeoPoint street(int i) {
        return GeoPoint.of(TestRegion.CENTRE.lat() + 0.018 * (i % 5), TestRegion.CENTRE.lon() + 0.03 * (i / 5));
    }

    private static GeoPoint estate(int i) {
        return GeoPoint.of(TestRegion.CENTRE.lat() - 0.03 + 0.0004 * i, TestRegion.CENTRE.lon() - 0.05);
    }
}
