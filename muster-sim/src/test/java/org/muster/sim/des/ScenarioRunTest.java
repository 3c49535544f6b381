package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

class ScenarioRunTest {
    /** A Friday evening in London, when the demo's demand peaks. */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");

    private static final Set<IncidentStatus> FINISHED =
            EnumSet.of(IncidentStatus.CLOSED, IncidentStatus.CANCELLED, IncidentStatus.MERGED);

    private static Scenario scenario(long seed, Duration length) {
        return new Scenario(
                "test",
                FRIDAY_EVENING,
                length,
                seed,
                1.0,
                CrewConfig.defaults(),
                LiveSimulation.DEFAULT_DISPATCH_DELAY,
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL);
    }

    private static RunResult run(Scenario s) {
        List<Double> fractions = new ArrayList<>();
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        new MemoryEventLog(),
                        SimFixture.rules(),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                (now, fraction, events, incidents) -> fractions.add(fraction));
        // progress after every simulated minute, ending at the whole run
        assertThat(fractions).hasSize((int) s.duration().toMinutes()).isSorted();
        assertThat(fractions.getLast()).isEqualTo(1.0);
        return r;
    }

    @Test
    void theSameSeedGivesTheSameFilesByteForByte(@TempDir Path dir) throws Exception {
        Scenario s = scenario(11, Duration.ofMinutes(90));
        List<Path> first = RunFiles.write(run(s), dir.resolve("one"));
        List<Path> second = RunFiles.write(run(s), dir.resolve("two"));
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i)))
                    .as("%s", first.get(i).getFileName())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
        // and it is not the same whatever the seed
        List<Path> other = RunFiles.write(run(scenario(12, Duration.ofMinutes(90))), dir.resolve("three"));
        assertThat(Files.readAllBytes(other.get(1))).isNotEqualTo(Files.readAllBytes(first.get(1)));
    }

    @Test
    void everyIncidentIsFinishedOrStillOpenAndTheCountsAddUp(@TempDir Path dir) throws Exception {
        Scenario s = scenario(7, Duration.ofHours(3));
        RunResult r = run(s);
        Summary sum = r.summary();
        List<IncidentRecord> incidents = r.incidents();

        assertThat(incidents).hasSizeGreaterThan(30);
        assertThat(sum.incidents()).isEqualTo(incidents.size());
        assertThat(sum.finished() + sum.open()).isEqualTo(sum.incidents());
        assertThat(sum.finished()).isPositive();
        for (IncidentRecord i : incidents) {
            // finished exactly when its last status says so
            assertThat(i.finished().isPresent()).as("%s", i).isEqualTo(FINISHED.contains(i.status()));
            // received in the run; each step after the one before it
            assertThat(i.received()).isAfterOrEqualTo(s.start()).isBefore(s.end());
            i.firstDispatched().ifPresent(d -> {
                // the simulated control room waits its delay before dispatching
                assertThat(d).isAfterOrEqualTo(i.received().plus(s.dispatchDelay()));
                assertThat(i.unitsSent()).isNotEmpty();
            });
            i.firstArrival()
                    .ifPresent(a ->
                            assertThat(a).isAfterOrEqualTo(i.firstDispatched().orElseThrow()));
            i.finished()
                    .ifPresent(f -> assertThat(f).isAfterOrEqualTo(i.received()).isBeforeOrEqualTo(s.end()));
            assertThat(i.unitsSent().isEmpty()).isEqualTo(i.firstDispatched().isEmpty());
        }
        // the engine stamps each command with its action's simulated instant, not a step's end
        assertThat(incidents).anyMatch(i -> i.received().getEpochSecond() % 60 != 0);

        // per organisation and priority, every call is counted once, and no more responses than calls reached
        int byOrganisation = 0;
        for (Summary.OrganisationFigures o : sum.organisations()) {
            for (Summary.PriorityFigures f : o.priorities()) {
                byOrganisation += f.incidents();
                long reached = incidents.stream()
                        .filter(i -> i.organisation().equals(o.organisation()) && i.priority() == f.priority())
                        .filter(i -> i.firstArrival().isPresent())
                        .count();
                assertThat((long) f.response().count()).isLessThanOrEqualTo(reached);
                assertThat(f.queued()).isBetween(0, f.incidents());
                int zoned = o.zones().stream()
                        .flatMap(z -> z.priorities().stream())
                        .filter(z -> z.priority() == f.priority())
                        .mapToInt(Summary.PriorityFigures::incidents)
                        .sum();
                assertThat(zoned).isLessThanOrEqualTo(f.incidents());
            }
        }
        assertThat(byOrganisation).isEqualTo(sum.incidents());
        // the ambulance service's C2 calls are measured against the national standard
        assertThat(sum.organisations().stream()
                        .flatMap(o -> o.priorities().stream())
                        .filter(f -> f.priority() == Priority.C2))
                .anyMatch(f -> f.response().count() > 0
                        && f.response().target().p90().equals(java.util.Optional.of(Duration.ofMinutes(40))));

        // the CSV has a row per incident
        List<Path> files = RunFiles.write(r, dir);
        assertThat(Files.readAllLines(files.get(1))).hasSize(incidents.size() + 1);
        assertThat(Files.readString(files.get(0))).contains("\"incidents\": " + incidents.size());
    }
}
