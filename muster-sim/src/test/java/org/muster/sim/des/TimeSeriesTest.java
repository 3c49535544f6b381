package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

class TimeSeriesTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");

    @Test
    void queueAndCoverageAreSampledEveryIntervalAndTheQueueAgreesWithTheIncidents() {
        // a busy evening at three times the demo's demand, so that calls queue
        Scenario s = new Scenario(
                "series",
                FRIDAY_EVENING,
                Duration.ofMinutes(70),
                5,
                3.0,
                CrewConfig.defaults(),
                LiveSimulation.DEFAULT_DISPATCH_DELAY,
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL);
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        new MemoryEventLog(),
                        SimFixture.rules(),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                ScenarioRun.Progress.NONE);
        List<TimeSeries.Sample> samples = r.series().samples();
        // at the start, every 15 minutes, and at the end (70 minutes is not a whole number of intervals)
        Set<Instant> times =
                samples.stream().map(TimeSeries.Sample::time).collect(Collectors.toCollection(TreeSet::new));
        assertThat(times)
                .containsExactly(
                        FRIDAY_EVENING,
                        FRIDAY_EVENING.plus(Duration.ofMinutes(15)),
                        FRIDAY_EVENING.plus(Duration.ofMinutes(30)),
                        FRIDAY_EVENING.plus(Duration.ofMinutes(45)),
                        FRIDAY_EVENING.plus(Duration.ofMinutes(60)),
                        s.end());

        // the calls waiting past the handling time, bounded from the incidents' own times: at least those
        // not yet dispatched, at most those not yet finished (a call whose unit was taken away waits again)
        Duration handling = s.dispatchDelay().plus(s.dispatchInterval());
        int queuedSomewhere = 0;
        for (TimeSeries.Sample w : samples) {
            if (w.measure() != TimeSeries.Measure.WAITING) continue;
            Instant t = w.time();
            List<IncidentRecord> due = r.incidents().stream()
                    .filter(i -> i.organisation().equals(w.organisation()))
                    .filter(i -> !i.received().plus(handling).isAfter(t))
                    .filter(i -> i.finished().filter(f -> !f.isAfter(t)).isEmpty())
                    .toList();
            long undispatched = due.stream()
                    .filter(i -> i.firstDispatched().filter(d -> !d.isAfter(t)).isEmpty())
                    .count();
            assertThat(w.value().getAsDouble())
                    .as("%s at %s", w.organisation(), t)
                    .isBetween((double) undispatched, (double) due.size());
            queuedSomewhere += (int) undispatched;
        }
        assertThat(queuedSomewhere).as("calls queued at some sample").isPositive();

        // coverage against each standard of the organisations that have one, a share, full before any call
        List<TimeSeries.Sample> coverage = samples.stream()
                .filter(x -> x.measure() == TimeSeries.Measure.COVERAGE)
                .toList();
        assertThat(coverage.stream().map(TimeSeries.Sample::category).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        Optional.of(Priority.C1), Optional.of(Priority.C2), Optional.of(Priority.EMERGENCY));
        assertThat(coverage).allSatisfy(c -> assertThat(c.value().getAsDouble()).isBetween(0.0, 1.0));
        int lowered = 0;
        for (OrganisationId org :
                coverage.stream().map(TimeSeries.Sample::organisation).collect(Collectors.toSet())) {
            List<Double> c1 = coverage.stream()
                    .filter(c -> c.organisation().equals(org))
                    .filter(c -> c.category()
                            .equals(coverage.stream()
                                    .filter(x -> x.organisation().equals(org))
                                    .findFirst()
                                    .orElseThrow()
                                    .category()))
                    .map(c -> c.value().getAsDouble())
                    .toList();
            // with every unit free at the start, coverage of the organisation's own area is at its highest
            assertThat(c1.getFirst())
                    .as("%s", org)
                    .isEqualTo(c1.stream().mapToDouble(d -> d).max().orElseThrow());
            if (c1.stream().mapToDouble(d -> d).min().orElseThrow() < c1.getFirst()) lowered++;
        }
        // busy crews take it down somewhere (a force with cars to spare may keep its whole area covered)
        assertThat(lowered).as("organisations whose coverage fell").isPositive();

        // the summary's coverage over time is the samples': for each organisation and standard, their mean, the
        // lowest and when it was first that low
        assertThat(r.summary().coverage()).hasSize((int) coverage.stream()
                .map(c -> c.organisation() + " " + c.category())
                .distinct()
                .count());
        for (Summary.CoverageFigures f : r.summary().coverage()) {
            List<TimeSeries.Sample> mine = coverage.stream()
                    .filter(c -> c.organisation().equals(f.organisation()))
                    .filter(c -> c.category().equals(Optional.of(f.category())))
                    .toList();
            double lowest = mine.stream()
                    .mapToDouble(c -> c.value().getAsDouble())
                    .min()
                    .orElseThrow();
            assertThat(f.samples()).isEqualTo(mine.size());
            assertThat(f.meanShare())
                    .isCloseTo(
                            mine.stream()
                                    .mapToDouble(c -> c.value().getAsDouble())
                                    .average()
                                    .orElseThrow(),
                            org.assertj.core.data.Offset.offset(1e-12));
            assertThat(f.lowestShare()).isEqualTo(lowest);
            assertThat(f.lowestAt())
                    .isEqualTo(mine.stream()
                            .filter(c -> c.value().getAsDouble() == lowest)
                            .findFirst()
                            .orElseThrow()
                            .time());
        }
        // and summary.json says it
        assertThat(RunFiles.summaryJson(r.summary()))
                .contains("\"coverage\": [", "\"category\": \"C1\"", "\"meanShare\": ", "\"lowestAt\": ");
        // over replications, estimated like every other figure
        String replicated =
                ReplicatedSummary.of(List.of(r.summary(), r.summary())).toJson();
        assertThat(replicated.substring(replicated.indexOf("\"coverage\": [")))
                .contains("\"meanShare\": {", "\"lowestShare\": {", "\"lowestAfterHours\": {");
    }
}
