package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.InvalidInputException;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

class ReplicationsTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");
    private static final Duration LENGTH = Duration.ofMinutes(40);

    private static Scenario scenario(long seed) {
        return new Scenario(
                "replicated",
                FRIDAY_EVENING,
                LENGTH,
                seed,
                2.0,
                CrewConfig.defaults(),
                LiveSimulation.DEFAULT_DISPATCH_DELAY,
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL);
    }

    private static List<RunResult> run(int replications, int threads, List<Double> fractions) {
        return Replications.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        new MemoryEventLog(),
                        SimFixture.rules(),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                ReplicationsTest::scenario,
                21,
                replications,
                threads,
                (now, fraction, finished, events, incidents) -> fractions.add(fraction));
    }

    @Test
    void theFilesAreTheSameBytesOnOneThreadOrTwoAndEachReplicationHasItsOwnSeed(@TempDir Path dir) throws Exception {
        List<Double> fractions = new ArrayList<>();
        List<RunResult> one = run(3, 1, fractions);
        List<RunResult> two = run(3, 2, new ArrayList<>());
        List<Path> a = OutputFiles.write(one, dir.resolve("one"));
        List<Path> b = OutputFiles.write(two, dir.resolve("two"));
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(b.get(i)))
                    .as("%s", a.get(i).getFileName())
                    .isEqualTo(Files.readAllBytes(a.get(i)));
        }
        assertThat(a.stream().map(p -> p.getFileName().toString()))
                .containsExactly("summary.json", "incidents.csv", "timeseries.csv");
        List<String> series = Files.readAllLines(a.get(2));
        assertThat(series.getFirst()).isEqualTo("replication,time,organisation,measure,category,value");
        assertThat(series).anyMatch(l -> l.startsWith("3,2026-11-20T18:15:00Z,MAS,coverage,C1,0."));
        // and so does the report
        List<org.muster.geo.map.ZoneOutline> zones =
                org.muster.geo.map.ZoneOutline.of(org.muster.geo.zone.GeoJsonZoneReader.read(
                                RegionFixture.region().zonesFile(), org.muster.geo.region.RegionFiles.ZONE_FORMAT)
                        .zones());
        assertThat(org.muster.sim.report.ReportHtml.html(
                        new org.muster.sim.report.ReportHtml.Input(two, java.util.Optional.empty(), zones)))
                .isEqualTo(org.muster.sim.report.ReportHtml.html(
                        new org.muster.sim.report.ReportHtml.Input(one, java.util.Optional.empty(), zones)));
        // replication 1 runs on the scenario's seed, the others on seeds derived from it
        assertThat(one.stream().map(r -> r.scenario().seed()).toList())
                .containsExactly(21L, Replications.seedOf(21, 2), Replications.seedOf(21, 3));
        assertThat(new TreeSet<>(one.stream().map(r -> r.scenario().seed()).toList()))
                .hasSize(3);
        // progress covers every replication and ends at the whole
        assertThat(fractions.getLast()).isEqualTo(1.0);
        assertThat(fractions.get(fractions.size() / 2)).isBetween(0.3, 0.7);

        String summary = Files.readString(a.get(0));
        assertThat(summary).contains("\"replications\": 3", "\"confidence\": 0.95");
        // the incidents figure is the mean of the replications' counts, its interval around it
        double mean =
                one.stream().mapToInt(r -> r.summary().incidents()).average().orElseThrow();
        Matcher m = Pattern.compile(
                        "\"incidents\": \\{\\s*\"mean\": ([0-9.]+),\\s*\"low\": ([0-9.-]+),\\s*\"high\": ([0-9.]+),\\s*\"n\": 3")
                .matcher(summary);
        assertThat(m.find()).as(summary).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(mean, org.assertj.core.api.Assertions.within(0.005));
        assertThat(Double.parseDouble(m.group(2))).isLessThanOrEqualTo(mean);
        assertThat(Double.parseDouble(m.group(3))).isGreaterThanOrEqualTo(mean);
        assertThat(summary).contains("\"meanSeconds\": {", "\"withinTarget\": {", "\"breached\": {");

        // every incident of every replication, under its replication's number
        List<String> rows = Files.readAllLines(a.get(1));
        assertThat(rows.getFirst()).startsWith("replication,id,organisation,");
        Set<String> seen = new TreeSet<>();
        rows.stream().skip(1).forEach(r -> seen.add(r.substring(0, r.indexOf(','))));
        assertThat(seen).containsExactly("1", "2", "3");
        assertThat(rows)
                .hasSize(1 + one.stream().mapToInt(r -> r.incidents().size()).sum());
    }

    @Test
    void oneReplicationWritesTheSummaryOfASingleRun() {
        List<RunResult> single = run(1, 4, new ArrayList<>());
        assertThat(OutputFiles.summaryJson(single))
                .isEqualTo(RunFiles.summaryJson(single.getFirst().summary()));
        assertThat(OutputFiles.summaryJson(single)).doesNotContain("replications", "confidence");
        assertThat(single.getFirst().scenario().seed()).isEqualTo(21);
    }

    @Test
    void outOfRangeCountsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> run(0, 1, new ArrayList<>()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("replications");
        assertThatThrownBy(() -> run(2, 0, new ArrayList<>()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void theProgressToldIsTheTimeOfTheReplicationsRunningNotOfThoseStillWaitingForAThread() {
        List<Instant> told = new ArrayList<>();
        Replications.Tally tally = new Replications.Tally(
                List.of(scenario(1), scenario(2), scenario(3)),
                (now, fraction, finished, events, incidents) -> told.add(now));
        Instant t10 = FRIDAY_EVENING.plus(Duration.ofMinutes(10));
        Instant t30 = FRIDAY_EVENING.plus(Duration.ofMinutes(30));
        // two threads: replications 1 and 2 run, 3 waits
        tally.reached(0, t30, 0.75, 100, 10);
        tally.reached(1, t10, 0.25, 50, 5);
        tally.reached(0, FRIDAY_EVENING.plus(LENGTH), 1, 200, 20);
        tally.finished(0);
        tally.reached(1, t30, 0.75, 150, 15);
        // replication 3 waited at its start all along: what was told is 1's and 2's time, not 18:00
        assertThat(told).containsExactly(t30, t10, t10, t10, t30);
        tally.reached(2, FRIDAY_EVENING, 0, 0, 0);
        tally.finished(1);
        tally.finished(2);
        assertThat(told.subList(5, told.size()))
                .containsExactly(FRIDAY_EVENING, FRIDAY_EVENING, FRIDAY_EVENING.plus(LENGTH));
    }
}
