package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.Main;

/** {@code ./muster simulate} end to end: the scenario file, the region, the run and its files. */
class SimulateCommandIT {
    private static final String SCENARIO = """
            name: short-evening
            region:
              generated:
                seed: 7
            start: 2026-11-20T18:00:00Z
            duration: 45m
            demand:
              scale: 2   # twice the demo's calls: a busy evening & more
            """;

    @Test
    void theSameSeedTwiceWritesTheSameBytesAndBadInputRunsNothing(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yml"), SCENARIO);
        Path regions = dir.resolve("regions");
        assertThat(simulate(scenario, dir.resolve("a"), regions, "--seed", "5")).isZero();
        PrintStream err = System.err;
        // the second run in a Java process of its own, as a user runs it again: nothing may hang on the order
        // a set or map happens to have in one process
        Process again = inItsOwnProcess(scenario, dir.resolve("b"), regions, "--seed", "5")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String progress = new String(again.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.waitFor()).as(progress).isZero();
        for (String f : new String[] {"summary.json", "incidents.csv", "timeseries.csv"}) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        assertThat(Files.readString(dir.resolve("a/summary.json")))
                .contains("\"scenario\": \"short-evening\"", "\"seed\": 5");
        assertThat(Files.readAllLines(dir.resolve("a/incidents.csv")).size()).isGreaterThan(5);
        // the report is written every time; without a baseline it shows none
        assertThat(Files.readAllBytes(dir.resolve("b/report.html")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/report.html")));
        assertThat(Files.readString(dir.resolve("a/report.html")))
                .contains("<svg class=\"map\"")
                .doesNotContain("id=\"baseline\"")
                // the file as the planner wrote it, comments and all, under the parameters
                .contains("<details id=\"scenario-file\"><summary>The scenario file as written, <code>s.yml</code>")
                .contains("  scale: 2   # twice the demo&#39;s calls: a busy evening &amp; more\n");
        // progress names the simulated time reached, the share of the run and the rate
        assertThat(progress).contains("simulate: 2026-11-20 18:45 UTC, 100%", "events/s", "incidents/s");

        // a bad scenario is refused whole, before any region or file is touched
        Path bad = Files.writeString(dir.resolve("bad.yml"), SCENARIO.replace("duration: 45m", "duration: -1h"));
        assertThat(simulate(bad, dir.resolve("c"), dir.resolve("none"))).isEqualTo(2);
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(dir.resolve("none")).doesNotExist();
        assertThat(Main.run(
                        "simulate",
                        dir.resolve("missing.yml").toString(),
                        "--out",
                        dir.resolve("c").toString()))
                .isEqualTo(2);
        assertThat(simulate(scenario, dir.resolve("c"), dir.resolve("none"), "--replications", "0"))
                .isEqualTo(2);
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(dir.resolve("none")).doesNotExist();
        // a baseline over another stretch of time, or a sweep beside a baseline, is refused before anything runs
        Files.writeString(dir.resolve("other.yml"), SCENARIO.replace("duration: 45m", "duration: 2h"));
        Path named = Files.writeString(dir.resolve("named.yml"), SCENARIO + "baseline: other.yml\n");
        assertThat(simulate(named, dir.resolve("c"), dir.resolve("none"))).isEqualTo(2);
        assertThat(simulate(named, dir.resolve("c"), dir.resolve("none"), "--sweep", "demand.scale=1..2:1"))
                .isEqualTo(2);
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(dir.resolve("none")).doesNotExist();

        // a zone the region does not have is refused once the region is there, before anything runs
        Path noSuchZone = Files.writeString(
                dir.resolve("zone.yml"),
                SCENARIO + "shocks:\n  - level: {zones: [MAS-99], level: DOWNGRADED, at: 5m, for: 10m}\n");
        ByteArrayOutputStream refusal = new ByteArrayOutputStream();
        System.setErr(new PrintStream(refusal, true, StandardCharsets.UTF_8));
        try {
            assertThat(simulate(noSuchZone, dir.resolve("d"), regions)).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(refusal.toString(StandardCharsets.UTF_8))
                .contains("zone.yml line 10: shocks[0].level.zones='MAS-99': is not a zone of the region");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void aForcesZonesAreJudgedAgainstTheTargetsTheScenarioSetsAndItsBaselineAgainstTheSame(@TempDir Path dir)
            throws Exception {
        // a minute for a police emergency: no force meets it, so the figures show the target was applied
        String targets = "targets:\n  WSP: {EMERGENCY: 1m}\n";
        Files.writeString(dir.resolve("everyday.yml"), SCENARIO);
        Path scenario = Files.writeString(dir.resolve("s.yml"), SCENARIO + targets + "baseline: everyday.yml\n");
        Path regions = dir.resolve("regions");
        assertThat(simulate(scenario, dir.resolve("a"), regions, "--quiet")).isZero();
        for (Path summary : new Path[] {dir.resolve("a/summary.json"), dir.resolve("a/baseline/summary.json")}) {
            JsonNode wsp = organisation(summary, "WSP");
            JsonNode emergency = priority(wsp.get("priorities"), "EMERGENCY");
            assertThat(emergency.get("targetP90Seconds").asDouble())
                    .as(summary.toString())
                    .isEqualTo(60.0);
            assertThat(emergency.get("withinTarget").asDouble())
                    .as(summary.toString())
                    .isLessThan(0.5);
            // each zone of the force is judged too; a priority the scenario left out has no target
            assertThat(priority(wsp.get("zones").get(0).get("priorities"), "EMERGENCY")
                            .get("targetP90Seconds")
                            .asDouble())
                    .isEqualTo(60.0);
            assertThat(priority(wsp.get("priorities"), "PRIORITY")
                            .get("targetP90Seconds")
                            .isNull())
                    .isTrue();
            // a neighbouring force the scenario set nothing for has none
            assertThat(priority(organisation(summary, "ESP").get("priorities"), "EMERGENCY")
                            .get("targetP90Seconds")
                            .isNull())
                    .isTrue();
        }
        // a baseline with targets of its own would be compared on other terms: refused before anything runs
        Files.writeString(dir.resolve("own.yml"), SCENARIO + "targets:\n  WSP: {EMERGENCY: 20m}\n");
        Path other = Files.writeString(dir.resolve("o.yml"), SCENARIO + targets + "baseline: own.yml\n");
        assertThat(simulate(other, dir.resolve("b"), dir.resolve("none"), "--quiet"))
                .isEqualTo(2);
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void besideRunsTheScenarioWithAKeyChangedAsItsBaselineAndRefusesWhatCannotBeCompared(@TempDir Path dir)
            throws Exception {
        // most of Westshire's officers step back for the whole run: beside it, the same run without the shock
        Path scenario = Files.writeString(
                dir.resolve("s.yml"),
                SCENARIO + "shocks:\n  - withdraw: {organisation: WSP, people: 0.9, mode: person, at: 0s, for: 45m}\n");
        Path regions = dir.resolve("regions");
        Path out = dir.resolve("o");
        assertThat(simulate(scenario, out, regions, "--beside", "shocks=[]")).isZero();

        JsonNode with = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode without =
                new ObjectMapper().readTree(out.resolve("baseline/summary.json").toFile());
        assertThat(with.get("scenario").asText()).isEqualTo("short-evening");
        assertThat(without.get("scenario").asText()).isEqualTo("short-evening with shocks=[]");
        // the same calls on the same seed; only the scenario's shock differs
        assertThat(without.get("incidents").asInt())
                .isEqualTo(with.get("incidents").asInt());
        assertThat(unavailableSeconds(with, "WSP")).isPositive();
        assertThat(unavailableSeconds(without, "WSP")).isZero();
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("Beside the baseline: short-evening with shocks=[]")
                // the opening sentences: the shock in words, and the baseline beside it
                .contains("<li>WSP: 90 % of its people step back from duty from Fri 20 Nov 18:00 UTC (the start) for"
                        + " 45 min.</li>")
                .contains("<li>Beside it, on the same seeds, the baseline: short-evening with shocks=[].</li>")
                // each kind of call beside the baseline's
                .contains("<th>baseline mean of those reached</th><th>baseline waiting at the end</th>");
        // the same folder run again without a baseline: the earlier baseline goes, not left to read as this run's
        assertThat(simulate(scenario, out, regions)).isZero();
        assertThat(out.resolve("baseline")).doesNotExist();
        assertThat(out.resolve("summary.json")).exists();

        // refused before anything runs: a key the baseline may not change, no KEY=VALUE, a value that is not
        // YAML, a key the scenario file does not have, beside a baseline file or a sweep
        for (String bad : new String[] {
            "start=2026-11-21T18:00:00Z", "region.generated.seed=8", "shocks", "shocks=[", "policies.nonsense=on"
        }) {
            assertThat(simulate(scenario, dir.resolve("c"), dir.resolve("none"), "--beside", bad))
                    .as(bad)
                    .isEqualTo(2);
        }
        Files.writeString(dir.resolve("other.yml"), SCENARIO);
        Path named = Files.writeString(dir.resolve("named.yml"), SCENARIO + "baseline: other.yml\n");
        assertThat(simulate(named, dir.resolve("c"), dir.resolve("none"), "--beside", "aid=[]"))
                .isEqualTo(2);
        assertThat(simulate(
                        scenario,
                        dir.resolve("c"),
                        dir.resolve("none"),
                        "--beside",
                        "aid=[]",
                        "--sweep",
                        "demand.scale=1..2:1"))
                .isEqualTo(2);
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(dir.resolve("none")).doesNotExist();
    }

    private static double unavailableSeconds(JsonNode summary, String organisation) {
        for (JsonNode o : summary.get("operations"))
            if (o.get("organisation").asText().equals(organisation)) {
                JsonNode t = o.get("unitSecondsByStatus").get("UNAVAILABLE");
                return t == null ? 0 : t.asDouble();
            }
        throw new AssertionError("no " + organisation + " in the operations");
    }

    /** {@code ./muster simulate SCENARIO --out OUT --regions REGIONS OPTIONS...}, as a user types it; its exit code. */
    private static int simulate(Path scenario, Path out, Path regions, String... options) {
        return Main.run(arguments(scenario, out, regions, options).toArray(String[]::new));
    }

    private static List<String> arguments(Path scenario, Path out, Path regions, String... options) {
        List<String> args = new ArrayList<>(
                List.of("simulate", scenario.toString(), "--out", out.toString(), "--regions", regions.toString()));
        args.addAll(List.of(options));
        return args;
    }

    /** {@code ./muster simulate} in a Java process of its own, as a user runs it. */
    private static ProcessBuilder inItsOwnProcess(Path scenario, Path out, Path regions, String... options) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(arguments(scenario, out, regions, options));
        return new ProcessBuilder(command);
    }

    private static JsonNode organisation(Path summary, String id) throws Exception {
        for (JsonNode o : new ObjectMapper().readTree(summary.toFile()).get("organisations"))
            if (o.get("organisation").asText().equals(id)) return o;
        throw new AssertionError("no " + id + " in " + summary);
    }

    private static JsonNode priority(JsonNode priorities, String name) {
        for (JsonNode p : priorities) if (p.get("priority").asText().equals(name)) return p;
        throw new AssertionError("no " + name + " in " + priorities);
    }

    @Test
    void replicationsOnTwoThreadsReportTheirProgressAndEstimates(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yml"), SCENARIO.replace("duration: 45m", "duration: 20m"));
        PrintStream err = System.err;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
        try {
            assertThat(simulate(
                            scenario,
                            dir.resolve("r"),
                            dir.resolve("regions"),
                            "--replications",
                            "2",
                            "--threads",
                            "2"))
                    .isZero();
        } finally {
            System.setErr(err);
        }
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("100%, 2 of 2 replications done", "over 2 replications");
        assertThat(Files.readString(dir.resolve("r/summary.json")))
                .contains("\"replications\": 2", "\"seeds\": [", "\"low\": ");
        assertThat(Files.readAllLines(dir.resolve("r/incidents.csv")))
                .anyMatch(l -> l.startsWith("1,"))
                .anyMatch(l -> l.startsWith("2,"));
    }

    /**
     * Threads one replication cannot use run a sweep's other values, and a run's baseline, beside it: the same
     * files as one after another, and the progress a line per value.
     */
    @Test
    void aSweepAndABaselineUseTheThreadsTheReplicationsLeaveAndWriteTheSameFiles(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yml"), SCENARIO.replace("duration: 45m", "duration: 30m"));
        Path regions = dir.resolve("regions");
        assertThat(simulate(scenario, dir.resolve("one"), regions, "--sweep", "demand.scale=1..2:1", "--quiet"))
                .isZero();
        PrintStream err = System.err;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
        try {
            assertThat(simulate(
                            scenario, dir.resolve("two"), regions, "--sweep", "demand.scale=1..2:1", "--threads", "2"))
                    .isZero();
        } finally {
            System.setErr(err);
        }
        for (String f :
                new String[] {"sweep.csv", "report.html", "demand.scale=1/summary.json", "demand.scale=2/incidents.csv"
                }) {
            assertThat(Files.readAllBytes(dir.resolve("two").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
        }
        // the collapse curve's page and each value's show the file as written
        for (String f : new String[] {"report.html", "demand.scale=2/report.html"})
            assertThat(Files.readString(dir.resolve("two").resolve(f)))
                    .as(f)
                    .contains("<summary>The scenario file as written, <code>s.yml</code>", "name: short-evening");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("simulate: demand.scale=1: 2026-11-20 18:30 UTC, 100%")
                .contains("simulate: demand.scale=2: 2026-11-20 18:30 UTC, 100%");

        // a run beside a changed copy of itself, the two at once
        assertThat(simulate(scenario, dir.resolve("b1"), regions, "--beside", "demand.scale=1", "--quiet"))
                .isZero();
        assertThat(simulate(
                        scenario,
                        dir.resolve("b2"),
                        regions,
                        "--beside",
                        "demand.scale=1",
                        "--threads",
                        "2",
                        "--quiet"))
                .isZero();
        for (String f : new String[] {"report.html", "summary.json", "baseline/summary.json"}) {
            assertThat(Files.readAllBytes(dir.resolve("b2").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b1").resolve(f)));
        }
        assertThat(Files.readString(dir.resolve("b2/report.html"))).contains("id=\"baseline\"");
    }

    @Test
    void aSweepStoppedHalfwayKeepsTheValuesItFinished(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yml"), SCENARIO);
        Path out = dir.resolve("out");
        // in a process of its own, stopped as a planner stops it, once the first value's folder is written: the
        // second value (twenty times the calls) is still running then
        Process sweep = inItsOwnProcess(scenario, out, dir.resolve("regions"), "--sweep", "demand.scale=1..20:19")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        StringBuffer progress = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(sweep.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; )
                    progress.append(line).append('\n');
            } catch (java.io.IOException e) {
                // the process was stopped
            }
        });
        Path first = out.resolve("demand.scale=1");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(first.resolve("report.html")) && sweep.isAlive() && System.nanoTime() < deadline)
            Thread.sleep(20);
        String seen = progress.toString();
        sweep.destroyForcibly().waitFor();
        reader.join();
        // the first value's folder was there while the second was still running
        assertThat(seen).contains("demand.scale=1: 2026-11-20 18:45 UTC, 100%");
        assertThat(seen).doesNotContain("demand.scale=20: 2026-11-20 18:45 UTC, 100%");
        // the report is written last, so the value's figures are whole by then
        assertThat(first.resolve("report.html")).exists();
        assertThat(Files.readString(first.resolve("summary.json"))).contains("\"scenario\": \"short-evening\"");
        assertThat(Files.readAllLines(first.resolve("incidents.csv")).size()).isGreaterThan(5);
        // the sweep's own files need every value
        assertThat(out.resolve("sweep.csv")).doesNotExist();
        assertThat(out.resolve("demand.scale=20").resolve("summary.json")).doesNotExist();
    }
}
