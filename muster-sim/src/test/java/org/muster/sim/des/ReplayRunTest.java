package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /** A replay at {@code scale} under {@code shocks}. */
    private static Scenario scenario(
            long seed, Duration duration, double scale, List<Shock> shocks, List<RecordedCall> calls) {
        return new Scenario(
                        "replay",
                        START,
                        duration,
                        seed,
                        scale,
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                        new ShockPlan(shocks, List.of(), true, true))
                .withReplay(calls);
    }

    private static RecordedCall stroke(Duration after) {
        return new RecordedCall(START.plus(after), OrganisationId.of("MAS"), IncidentTypeCode.of("STROKE"), LARKWICH);
    }

    private static RecordedCall burglary(Duration after) {
        return new RecordedCall(
                START.plus(after),
                OrganisationId.of("WSP"),
                IncidentTypeCode.of("BURGLARY_IN_PROGRESS"),
                LARKWICH_POLICE);
    }

    private static List<Instant> received(RunResult r, String type) {
        return r.incidents().stream()
                .filter(i -> i.type().value().equals(type))
                .map(IncidentRecord::received)
                .sorted()
                .toList();
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

    @Test
    void aScaledReplayComesAsOftenAsItCountsEachCopyInTheHalfHourAfterItsCall() {
        List<RecordedCall> calls = List.of(stroke(Duration.ofMinutes(10)), burglary(Duration.ofMinutes(5)));
        for (long seed : List.of(1L, 2L)) {
            RunResult r = run(scenario(seed, Duration.ofHours(2), 3.0, List.of(), calls));
            List<Instant> strokes = received(r, "STROKE");
            List<Instant> burglaries = received(r, "BURGLARY_IN_PROGRESS");
            // 3 is whole: each call comes three times, as recorded first, its copies within the half hour after
            assertThat(strokes).hasSize(3).first().isEqualTo(START.plus(Duration.ofMinutes(10)));
            assertThat(strokes)
                    .allSatisfy(at -> assertThat(at)
                            .isBetween(START.plus(Duration.ofMinutes(10)), START.plus(Duration.ofMinutes(40))));
            assertThat(burglaries).hasSize(3).first().isEqualTo(START.plus(Duration.ofMinutes(5)));
            assertThat(r.incidents())
                    .filteredOn(i -> i.type().value().equals("STROKE"))
                    .allSatisfy(i -> assertThat(i.zone()).contains(ZoneId.of("MAS-01")));
            // the report's parameters say the replay was resampled, beside its calls as recorded
            assertThat(report(r)).contains("2 recorded calls from ", "; resampled: each recorded call counts");
        }
        // as recorded, it says nothing of the kind
        assertThat(report(run(scenario(1, calls))))
                .contains("2 recorded calls from ")
                .doesNotContain("resampled");
    }

    private static String report(RunResult r) {
        return org.muster.sim.report.ReportHtml.html(
                new org.muster.sim.report.ReportHtml.Input(List.of(r), java.util.Optional.empty(), List.of()));
    }

    @Test
    void aSurgeRaisesOrSilencesTheReplayedCallsItCoversAndNoOthers() {
        List<RecordedCall> calls = List.of(
                stroke(Duration.ofMinutes(10)), stroke(Duration.ofMinutes(50)), burglary(Duration.ofMinutes(5)));
        // no C2 in Larkwich's sector for the first 40 minutes: the first stroke goes, the second and the burglary stay
        Shock silence = new Shock.Surge(
                new TreeSet<>(Set.of(ZoneId.of("MAS-01"))),
                new TreeSet<>(),
                Set.of(Priority.C2),
                0,
                START,
                Duration.ofMinutes(40));
        RunResult quiet = run(scenario(1, Duration.ofHours(2), 1.0, List.of(silence), calls));
        assertThat(received(quiet, "STROKE")).containsExactly(START.plus(Duration.ofMinutes(50)));
        assertThat(received(quiet, "BURGLARY_IN_PROGRESS")).containsExactly(START.plus(Duration.ofMinutes(5)));

        // strokes doubled everywhere for 15 minutes: the first stroke's copy comes before the surge ends
        Shock doubled = new Shock.Surge(
                new TreeSet<>(),
                new TreeSet<>(Set.of(IncidentTypeCode.of("STROKE"))),
                Set.of(),
                2,
                START,
                Duration.ofMinutes(15));
        RunResult raised = run(scenario(1, Duration.ofHours(2), 1.0, List.of(doubled), calls));
        List<Instant> strokes = received(raised, "STROKE");
        assertThat(strokes).hasSize(3);
        assertThat(strokes.get(0)).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(strokes.get(1)).isBetween(START.plus(Duration.ofMinutes(10)), START.plus(Duration.ofMinutes(15)));
        assertThat(strokes.get(2)).isEqualTo(START.plus(Duration.ofMinutes(50)));
        assertThat(received(raised, "BURGLARY_IN_PROGRESS")).hasSize(1);
    }

    @Test
    void aReplayScaledDownKeepsEachCallByChanceTheSeedDecidingWhich() {
        List<RecordedCall> calls = new java.util.ArrayList<>();
        for (int m = 0; m < 40; m++) calls.add(stroke(Duration.ofMinutes(m)));
        List<Instant> recorded = calls.stream().map(RecordedCall::received).toList();
        List<Instant> one = received(run(scenario(1, Duration.ofHours(1), 0.5, List.of(), calls)), "STROKE");
        List<Instant> two = received(run(scenario(2, Duration.ofHours(1), 0.5, List.of(), calls)), "STROKE");
        for (List<Instant> kept : List.of(one, two)) {
            assertThat(kept).hasSizeBetween(10, 30);
            assertThat(recorded).containsAll(kept);
        }
        assertThat(one).isNotEqualTo(two);
        // and the same seed keeps the same calls
        assertThat(received(run(scenario(1, Duration.ofHours(1), 0.5, List.of(), calls)), "STROKE"))
                .isEqualTo(one);
        // a surge over the first ten minutes draws its own copies and moves no later call: each recorded call
        // has draws of its own, so a baseline and its scenario keep the calls the surge does not touch
        Shock early = new Shock.Surge(
                new TreeSet<>(),
                new TreeSet<>(Set.of(IncidentTypeCode.of("STROKE"))),
                Set.of(),
                3,
                START,
                Duration.ofMinutes(10));
        List<Instant> surged = received(run(scenario(1, Duration.ofHours(1), 0.5, List.of(early), calls)), "STROKE");
        Instant after = START.plus(Duration.ofMinutes(10));
        assertThat(surged.stream().filter(at -> !at.isBefore(after)).toList())
                .isEqualTo(one.stream().filter(at -> !at.isBefore(after)).toList());
        assertThat(surged.stream().filter(at -> at.isBefore(after)).count())
                .isGreaterThan(one.stream().filter(at -> at.isBefore(after)).count());
    }
}
