package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestCells;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/** A surge of obstructed-access calls becomes an alert in the log, and accepting it raises the zone. */
class AlertRaiserTest {
    private static final ZoneId NORTH = ZoneId.of("POL-N");

    @Test
    void aSurgeIsRaisedIntoTheLogWithItsEvidenceAndItsProposalCanBeAccepted() throws Exception {
        TestClock clock = TestClock.at("2026-11-20T00:00:00Z");
        MemoryEventLog log = new MemoryEventLog();
        try (SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            WarningProjection warnings =
                    WarningProjection.withDefaults(TestCells.grid(), p -> List.of(NORTH), clock.instant(), 11);
            try (AlertRaiser raiser = new AlertRaiser(engine, warnings)) {
                int n = 0;
                // eight days of an ordinary trickle: 0, 1 or 2 calls an hour
                for (int hour = 0; hour < 200; hour++) {
                    for (int k = 0; k < hour % 3; k++) {
                        engine.execute(env(incident("OA" + (n++), "POL", "OBSTRUCTED_ACCESS", TestRegion.CENTRE)));
                    }
                    clock.advance(Duration.ofHours(1));
                }
                // then ten in one hour, and one more call the hour after to close the bin
                for (int k = 0; k < 10; k++) {
                    engine.execute(env(incident("OA" + (n++), "POL", "OBSTRUCTED_ACCESS", TestRegion.CENTRE)));
                    clock.advance(Duration.ofMinutes(5));
                }
                clock.advance(Duration.ofMinutes(20));
                engine.execute(env(incident("OA" + (n++), "POL", "WELFARE_CONCERN", TestRegion.CENTRE)));
                raiser.awaitIdle();
                // the raiser's commands queue behind the calls: wait for the zone's surge to be in the log
                for (int tries = 0;
                        tries < 250
                                && engine.state().listOpenAlerts().stream()
                                        .noneMatch(a -> a.key().contains("zone"));
                        tries++) {
                    Thread.sleep(20);
                }

                var alerts = engine.state().listOpenAlerts();
                assertThat(alerts).isNotEmpty();
                var surge = alerts.stream()
                        .filter(a -> a.kind().equals("surge") && a.key().contains("zone"))
                        .findFirst()
                        .orElseThrow();
                assertThat(surge.summary()).contains("times");
                assertThat(surge.evidence()).containsKeys("count", "baseline_mean", "ratio", "p_value");
                assertThat(surge.proposedZone()).contains(NORTH);
                // hostile calls on police ground: the force is asked to raise its zone to elevated (escorts are the
                // ambulance or fire service's to require, in zones of theirs, and there are none at these calls)
                assertThat(surge.proposedLevel()).contains(OperatingLevel.ELEVATED);

                engine.execute(env(new Command.AcceptAlert(surge.id()), "confirmed by the duty inspector"));
                assertThat(engine.state().getAlert(surge.id()).status()).isEqualTo(AlertStatus.ACCEPTED);
                assertThat(engine.state().getZone(NORTH).operatingLevel()).isEqualTo(OperatingLevel.ELEVATED);

                // the surge goes on for three more hours, found again as each bin closes: the same episode, which
                // the inspector has decided; no new alert asks them again, nor replaces theirs
                for (int hour = 0; hour < 3; hour++) {
                    for (int k = 0; k < 6; k++) {
                        engine.execute(env(incident("OA" + (n++), "POL", "OBSTRUCTED_ACCESS", TestRegion.CENTRE)));
                        clock.advance(Duration.ofMinutes(10));
                    }
                }
                clock.advance(Duration.ofMinutes(5));
                engine.execute(env(incident("OA" + (n++), "POL", "WELFARE_CONCERN", TestRegion.CENTRE)));
                raiser.awaitIdle();
                Thread.sleep(300); // any command the raiser submitted is in the log by now
                assertThat(warnings.listAlerts())
                        .as("the detector did find the surge again")
                        .anySatisfy(a -> {
                            assertThat(a.key()).isEqualTo(surge.key());
                            assertThat(a.raisedAt()).isAfter(surge.raisedAt());
                        });
                assertThat(engine.state().alerts().values())
                        .filteredOn(a -> a.key().equals(surge.key()))
                        .as("one alert for the episode")
                        .extracting(a -> a.id())
                        .containsExactly(surge.id());
                assertThat(engine.state().getAlert(surge.id()).status()).isEqualTo(AlertStatus.ACCEPTED);
            }
            assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
        }
    }

    /** A source whose words run long, and one that fails: neither may cost another source's alert, or its own. */
    @Test
    void aSummaryRunningLongIsCutAtAWordAndOneSourceFailingSilencesNoOther() throws Exception {
        TestClock clock = TestClock.at("2026-11-20T00:00:00Z");
        try (SingleWriter engine =
                SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            String words = "calls waiting ".repeat(50).strip(); // 699 characters
            AlertSource failing = new AlertSource() {
                @Override
                public List<Condition> listConditions(
                        org.muster.engine.state.MusterState state, java.time.Instant now) {
                    throw new IllegalStateException("a source's own fault");
                }

                @Override
                public List<String> keyPrefixes() {
                    return List.of("broken:");
                }

                @Override
                public String resolution(org.muster.domain.alert.Alert alert, org.muster.engine.state.MusterState s) {
                    return "over";
                }
            };
            AlertSource longWinded = new AlertSource() {
                @Override
                public List<Condition> listConditions(
                        org.muster.engine.state.MusterState state, java.time.Instant now) {
                    return List.of(new Condition(
                            AlertSource.idOf("long:POL", "1"),
                            "long",
                            "long:POL",
                            "1",
                            new java.util.TreeSet<>(
                                    java.util.Set.of(org.muster.domain.organisation.OrganisationId.of("POL"))),
                            words,
                            new java.util.TreeMap<>(),
                            java.util.Optional.empty()));
                }

                @Override
                public List<String> keyPrefixes() {
                    return List.of("long:");
                }

                @Override
                public String resolution(org.muster.domain.alert.Alert alert, org.muster.engine.state.MusterState s) {
                    return "over";
                }
            };
            try (AlertRaiser raiser = new AlertRaiser(engine, List.of(failing, longWinded))) {
                engine.execute(env(incident("C1", "POL", "OBSTRUCTED_ACCESS", TestRegion.CENTRE)));
                raiser.awaitIdle();
                for (int tries = 0;
                        tries < 250 && engine.state().listOpenAlerts().isEmpty();
                        tries++) Thread.sleep(20);
                var raised = engine.state().listOpenAlerts();
                assertThat(raised).extracting(a -> a.key()).containsExactly("long:POL");
                String summary = raised.getFirst().summary();
                assertThat(summary.length()).isLessThanOrEqualTo(org.muster.domain.Check.MAX_TEXT);
                assertThat(summary).startsWith("calls waiting calls").endsWith("\u2026");
                assertThat(words).as("cut at a word").startsWith(summary.substring(0, summary.length() - 1) + " ");
            }
        }
    }
}
