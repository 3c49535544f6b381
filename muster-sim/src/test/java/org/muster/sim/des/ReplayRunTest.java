package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/** Recorded calls replayed: the run's calls are exactly those, at their times, whatever the seed. */
class ReplayRunTest {
    private static final Instant START = Instant.parse("2026-11-20T18:00:00Z");

    /** Larkwich North ambulance station's place, and a Larkwich police station's. */
    private static final GeoPoint LARKWICH = GeoPoint.of(52.5850638, -1.2323180);

    private static final GeoPoint LARKWICH_POLICE = GeoPoint.of(52.5757042, -1.2488594);

    private static Scenario scenario(long seed, List<RecordedCall> calls) {
        return scenario(seed, Duration.ofMinutes(40), calls);
    }

    private static Scenario scenario(long seed, Duration duration, List<RecordedCall> calls) {
        return new Scenario(
                        "replay",
                        START,
                        duration,
                        seed,
                        1.0,
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withReplay(calls);
    }

    private static RunResult run(Scenario s) {
        return ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        new MemoryEventLog(),
                        SimFixture.rules(),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                ScenarioRun.Progress.NONE);
    }

    @Test
    void theRunsCallsAreTheRecordedOnesAtTheirTimesWhateverTheSeed() {
        List<RecordedCall> calls = List.of(
                new RecordedCall(
                        START.plusSeconds(600), OrganisationId.of("MAS"), IncidentTypeCode.of("STROKE"), LARKWICH),
                new RecordedCall(
                        START.plusSeconds(300),
                        OrganisationId.of("WSP"),
                        IncidentTypeCode.of("BURGLARY_IN_PROGRESS"),
                        LARKWICH_POLICE));
        RunResult one = run(scenario(1, calls));
        RunResult two = run(scenario(2, calls));
        for (RunResult r : List.of(one, two)) {
            assertThat(r.incidents()).hasSize(2);
            assertThat(r.incidents())
                    .extracting(
                            IncidentRecord::received,
                            i -> i.organisation().value(),
                            i -> i.type().value())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(START.plusSeconds(300), "WSP", "BURGLARY_IN_PROGRESS"),
                            org.assertj.core.groups.Tuple.tuple(START.plusSeconds(600), "MAS", "STROKE"));
            // the type's priority, the zone the place lies in, and the simulated control room sends to it
            IncidentRecord stroke = r.incidents().stream()
                    .filter(i -> i.type().value().equals("STROKE"))
                    .findFirst()
                    .orElseThrow();
            assertThat(stroke.priority()).isEqualTo(Priority.C2);
            assertThat(stroke.zone()).contains(ZoneId.of("MAS-01"));
            assertThat(stroke.firstDispatched()).isPresent();
        }
    }

    @Test
    void aRunLongerThanFourWeeksCountsTheResponsesOfItsFirstDays() {
        // one stroke on the first evening, more than four weeks before the end, and one on the last day
        List<RecordedCall> calls = List.of(
                new RecordedCall(
                        START.plusSeconds(600), OrganisationId.of("MAS"), IncidentTypeCode.of("STROKE"), LARKWICH),
                new RecordedCall(
                        START.plus(Duration.ofDays(28)).plus(Duration.ofHours(20)),
                        OrganisationId.of("MAS"),
                        IncidentTypeCode.of("STROKE"),
                        LARKWICH));
        RunResult r = run(scenario(1, Duration.ofDays(29), calls));
        assertThat(r.summary().end()).isEqualTo(START.plus(Duration.ofDays(29)));
        Summary.PriorityFigures c2 = r.summary().organisations().stream()
                .filter(o -> o.organisation().value().equals("MAS"))
                .flatMap(o -> o.priorities().stream())
                .filter(p -> p.priority() == Priority.C2)
                .findFirst()
                .orElseThrow();
        assertThat(c2.incidents()).isEqualTo(2);
        assertThat(c2.response().count())
                .as("responses counted over the whole run")
                .isEqualTo(2);
        assertThat(r.responses()).hasSize(2);
    }

    @Test
    void aRecordedCallOutsideTheRunOrOfAnotherAgencysTypeIsRefused() {
        assertThatThrownBy(() -> scenario(
                        1,
                        List.of(new RecordedCall(
                                START.plus(Duration.ofHours(2)),
                                OrganisationId.of("MAS"),
                                IncidentTypeCode.of("STROKE"),
                                LARKWICH))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("replay[0].received");
        assertThatThrownBy(() -> run(scenario(
                        1,
                        List.of(new RecordedCall(
                                START.plusSeconds(60),
                                OrganisationId.of("MAS"),
                                IncidentTypeCode.of("FIREARMS"),
                                LARKWICH)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("demand.replay[0].type='FIREARMS': must be an incident type of MAS's agency");
    }
}
