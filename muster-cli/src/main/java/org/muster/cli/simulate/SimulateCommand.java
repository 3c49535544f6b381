package org.muster.cli.simulate;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.geo.map.ZoneOutline;
import org.muster.geo.region.FileRegion;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.region.RegionSpec;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;
import org.muster.sim.des.OutputFiles;
import org.muster.sim.des.Replications;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.SweepResult;
import org.muster.sim.report.ReportHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./muster simulate SCENARIO.yml --out DIR}: discrete-event runs of the scenario (and of the baseline
 * it names) on the live service's engine, as fast as the machine goes, writing {@code summary.json}, {@code
 * incidents.csv}, {@code timeseries.csv} and {@code report.html}.
 * The scenario is read and checked whole before anything runs; progress goes to stderr.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run a scenario on simulated time and write summary.json, incidents.csv, timeseries.csv and"
                + " report.html (docs/simulator.md).")
public final class SimulateCommand implements Callable<Integer> {
    /** The collapse curve's figures, beside its report. */
    public static final String SWEEP = "sweep.csv";

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML)")
    Path scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the run's files")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Replaces the scenario's seed")
    Optional<Long> seed = Optional.empty();

    @Option(
            names = "--regions",
            paramLabel = "DIR",
            description =
                    "Where generated regions and their road graphs are kept between runs (default: ${DEFAULT-VALUE})")
    Path regions = Path.of("data", "regions");

    @Option(
            names = "--replications",
            paramLabel = "N",
            description = "Independent runs, each with its own seed (docs/simulator.md); default ${DEFAULT-VALUE}")
    int replications = 1;

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "Replications run at once, each on its own engine, and a sweep's values or the baseline"
                    + " beside them where the replications leave threads free; the files do not depend on it"
                    + " (default ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(
            names = "--sweep",
            paramLabel = "KEY=FROM..TO:STEP",
            description = "Run the scenario at each value of a key (demand.scale, withdrawal, surge or surge.KIND)"
                    + " and report, for each zone, the value from which it breaches its targets (in at least half"
                    + " the replications there and at every larger value), and when")
    Optional<String> sweep = Optional.empty();

    @Option(
            names = "--beside",
            paramLabel = "KEY=VALUE",
            description = "Run the scenario again with KEY set to VALUE, as the file would say it, as its baseline"
                    + " and compare the two, e.g. 'aid=[]' for the same run without mutual aid (repeatable)")
    List<String> beside = new ArrayList<>();

    /** What {@code --beside} may not change: the baseline must run on the same region and time, judged alike. */
    static final java.util.Set<String> NOT_BESIDE =
            java.util.Set.of("name", "region", "start", "duration", "seed", "targets", "zoneTargets", "baseline");

    @Option(names = "--quiet", description = "No progress on stderr")
    boolean quiet;

    /** The scenario file as written, shown in the reports. */
    private Optional<ReportHtml.ScenarioText> asWritten = Optional.empty();

    @Override
    public Integer call() throws Exception {
        ScenarioFile.Read read =
                ScenarioFile.read(scenario, seed.map(OptionalLong::of).orElse(OptionalLong.empty()));
        // as it was when the run began, for the report
        asWritten = Optional.of(new ReportHtml.ScenarioText(
                scenario.getFileName().toString(), Files.readString(scenario, StandardCharsets.UTF_8)));
        Optional<Sweep> swept = sweep.map(Sweep::parse);
        if (swept.isPresent() && read.baseline().isPresent())
            throw InvalidInputException.of(
                    "--sweep", sweep.get(), "cannot run over a scenario that names a baseline; leave one out");
        // every value's scenario is read and checked before anything runs
        List<ScenarioFile.Read> points = swept.map(w -> w.values().stream()
                        .map(v -> ScenarioFile.read(
                                scenario,
                                OptionalLong.of(read.scenario().seed()),
                                // a shock of no size is the scenario without it (run so below)
                                w.isWithoutTheShock(v) ? Map.of() : w.overrides(read.scenario(), v)))
                        .toList())
                .orElse(List.of());
        Map<String, String> besides = besides(read);
        if (!besides.isEmpty() && swept.isPresent())
            throw InvalidInputException.of(
                    "--beside", String.join(" ", beside), "cannot go with --sweep; run the sweep on its own");
        Optional<ScenarioFile.Read> baseline = besides.isEmpty()
                ? read.baseline().map(b -> baseline(b, read))
                : Optional.of(baseline(
                        ScenarioFile.read(
                                scenario, OptionalLong.of(read.scenario().seed()), besides),
                        "--beside",
                        read));
        // checked before the region is generated or loaded
        Check.range("--replications", replications, 1, Replications.MOST);
        Check.range("--threads", threads, 1, Replications.MOST_THREADS);
        PrintStream err = System.err;
        GeneratedRegion region = region(read, err);
        List<ZoneShape> shapes = GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones();
        // the zones a scenario names exist only once its region does: checked before the roads load or anything runs
        var known = ScenarioFile.zoneAgencies(shapes, region.manifest().listOrganisations());
        var names = ScenarioFile.zoneNames(shapes);
        read.checkZones(known, names);
        baseline.ifPresent(b -> b.checkZones(known, names));
        java.util.Set<org.muster.domain.organisation.StationId> stations =
                org.muster.geo.region.RegionFiles.readStations(region.stationsFile()).stream()
                        .map(org.muster.domain.organisation.Station::id)
                        .collect(java.util.stream.Collectors.toSet());
        ScenarioFile.checkStations(read, stations);
        baseline.ifPresent(b -> ScenarioFile.checkStations(b, stations));
        Rules rules = Rules.defaults().withZones(ZoneLocators.of(ZoneIndex.of(shapes)));
        try (RoadNetwork roads = RoadNetwork.load(
                region.osmFile(),
                RoadNetworkConfig.defaults(region.directory().resolve("graph-cache"))
                        .withShowProgress(false))) {
            if (swept.isPresent()) {
                sweep(swept.get(), points, region, roads, rules, shapes, err);
                return 0;
            }
            List<Job> jobs = new ArrayList<>();
            jobs.add(new Job(
                    "simulate",
                    s -> ScenarioFile.read(scenario, OptionalLong.of(s)).scenario(),
                    read));
            if (baseline.isPresent()) {
                // the baseline file, or this file with --beside's values
                Path file = read.baseline().orElse(scenario);
                jobs.add(new Job(
                        "simulate: baseline",
                        // judged against the scenario's targets, as baseline() checked it may be
                        s -> ScenarioFile.read(file, OptionalLong.of(s), besides)
                                .scenario()
                                .withTargets(read.scenario().targets()),
                        baseline.get()));
            }
            List<Ran> ran = replicate(jobs, region, roads, rules, err);
            List<RunResult> results = ran.getFirst().runs();
            for (Path p : OutputFiles.write(results, out)) System.out.println(p);
            Optional<List<RunResult>> baseResults = Optional.empty();
            if (baseline.isPresent()) {
                baseResults = Optional.of(ran.get(1).runs());
                for (Path p : OutputFiles.write(baseResults.get(), out.resolve("baseline"))) System.out.println(p);
            } else if (OutputFiles.removeFrom(out.resolve("baseline"))) {
                // an earlier run's baseline would read as this run's
                err.println("removed an earlier run's baseline from " + out.resolve("baseline"));
            }
            System.out.println(ReportHtml.write(
                    new ReportHtml.Input(results, baseResults, ZoneOutline.of(shapes), asWritten), out));
        }
        return 0;
    }

    /**
     * Runs each value's replications into its own folder, written as soon as they finish, then writes sweep.csv
     * and the collapse curve.
     */
    private void sweep(
            Sweep w,
            List<ScenarioFile.Read> reads,
            GeneratedRegion region,
            RoadNetwork roads,
            Rules rules,
            List<ZoneShape> shapes,
            PrintStream err)
            throws java.io.IOException {
        List<SweepResult.Point> points = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        List<ZoneOutline> outlines = ZoneOutline.of(shapes);
        Optional<SweepResult.Point> without = Optional.empty();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            BigDecimal value = w.values().get(i);
            Map<String, String> override = w.overrides(reads.getFirst().scenario(), value);
            boolean none = w.isWithoutTheShock(value);
            jobs.add(new Job(
                    "simulate: " + w.folder(value),
                    s -> none
                            ? withoutShock(
                                    ScenarioFile.read(scenario, OptionalLong.of(s))
                                            .scenario(),
                                    w.shocks(reads.getFirst().scenario()))
                            : ScenarioFile.read(scenario, OptionalLong.of(s), override)
                                    .scenario(),
                    reads.get(i),
                    Optional.of(new Folder(out.resolve(w.folder(value)), outlines))));
        }
        // the same seeds without the shock swept, when no value was 0: a zone that breaches anyway is not the
        // shock's collapse
        boolean withoutToo = w.sizesAShock() && w.values().stream().noneMatch(w::isWithoutTheShock);
        if (withoutToo) {
            List<Integer> shock = w.shocks(reads.getFirst().scenario());
            jobs.add(new Job(
                    "simulate: " + SweepResult.WITHOUT_FOLDER,
                    s -> withoutShock(
                            ScenarioFile.read(scenario, OptionalLong.of(s)).scenario(), shock),
                    reads.getFirst(),
                    Optional.of(new Folder(out.resolve(SweepResult.WITHOUT_FOLDER), outlines))));
        }
        // each value's folder is written as its runs finish; the paths are listed here, in the values' order
        List<Ran> ran = replicate(jobs, region, roads, rules, err);
        for (Ran r : ran) r.written().forEach(System.out::println);
        for (int i = 0; i < reads.size(); i++) {
            BigDecimal value = w.values().get(i);
            List<RunResult> runs = ran.get(i).runs();
            SweepResult.Point point = new SweepResult.Point(value, runs);
            points.add(point);
            if (w.isWithoutTheShock(value)) without = Optional.of(point);
            reports.add(w.folder(value) + "/" + ReportHtml.FILE);
        }
        if (withoutToo) {
            List<RunResult> runs = ran.getLast().runs();
            without = Optional.of(new SweepResult.Point(w.neutral().orElseThrow(), runs));
        }
        SweepResult result = SweepResult.of(w.name(), points, without);
        System.out.println(Files.writeString(out.resolve(SWEEP), result.toCsv(), StandardCharsets.UTF_8));
        System.out.println(ReportHtml.writeSweep(result, outlines, reports, asWritten, out));
    }

    /** {@code scenario} with its shocks at {@code indexes} (in the file's order) taken out. */
    static Scenario withoutShock(Scenario scenario, List<Integer> indexes) {
        List<org.muster.sim.des.Shock> shocks = new ArrayList<>(scenario.plan().shocks());
        // from the last, so that each index still names its shock
        indexes.stream().sorted(java.util.Comparator.reverseOrder()).forEach(i -> shocks.remove((int) i));
        return scenario.withPlan(scenario.plan().withShocks(shocks));
    }

    /**
     * {@code --beside}'s keys and values, with the baseline's name saying what it changed ("walkout with
     * aid=[]"); none without the option. Refused when the scenario names a baseline of its own, or for a key
     * that would make the two runs incomparable.
     */
    private Map<String, String> besides(ScenarioFile.Read read) {
        if (beside.isEmpty()) return Map.of();
        if (read.baseline().isPresent())
            throw InvalidInputException.of(
                    "--beside",
                    String.join(" ", beside),
                    "cannot go with a scenario that names a baseline ("
                            + read.baseline().get().getFileName() + "); leave one out");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String b : beside) {
            int eq = b.indexOf('=');
            String key = eq < 0 ? "" : b.substring(0, eq).strip();
            if (!key.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*"))
                throw InvalidInputException.of(
                        "--beside", b, "must be KEY=VALUE, a scenario key and its value, such as aid=[]");
            if (NOT_BESIDE.contains(key.split("\\.")[0]))
                throw InvalidInputException.of(
                        "--beside",
                        b,
                        "must change what the scenario does, not " + new java.util.TreeSet<>(NOT_BESIDE)
                                + ": a baseline runs on the same region and time, judged alike");
            if (out.put(key, b.substring(eq + 1)) != null)
                throw InvalidInputException.of("--beside", b, "must name each key once");
        }
        String change = String.join(", ", beside.stream().map(String::strip).toList());
        out.put("name", read.scenario().name() + " with " + change);
        return out;
    }

    /**
     * The baseline a scenario names, read with the scenario's seed: the two runs share their random draws
     * wherever they do the same thing, so that what differs between them is the scenario's doing.
     */
    private static ScenarioFile.Read baseline(Path file, ScenarioFile.Read scenario) {
        return baseline(
                ScenarioFile.read(file, OptionalLong.of(scenario.scenario().seed())),
                file.getFileName().toString(),
                scenario);
    }

    /** As {@link #baseline(Path, ScenarioFile.Read)}, read already and named in errors as {@code name}. */
    private static ScenarioFile.Read baseline(ScenarioFile.Read b, String name, ScenarioFile.Read scenario) {
        if (b.baseline().isPresent())
            throw InvalidInputException.of(
                    name + " baseline", b.baseline().get(), "a baseline must not name a baseline of its own");
        if (!b.files().equals(scenario.files()))
            throw InvalidInputException.of(
                    name + " region",
                    b.files().map(FileRegion::toString).orElse("generated"),
                    "a baseline must run on the scenario's region ("
                            + scenario.files().map(FileRegion::toString).orElse("generated") + ")");
        if (b.regionSeed() != scenario.regionSeed())
            throw InvalidInputException.of(
                    name + " region.generated.seed",
                    b.regionSeed(),
                    "a baseline must run on the scenario's region (generated seed " + scenario.regionSeed() + ")");
        // its time series are drawn on the scenario's axis, and its figures compared with the scenario's
        if (!b.scenario().start().equals(scenario.scenario().start())
                || !b.scenario().duration().equals(scenario.scenario().duration()))
            throw InvalidInputException.of(
                    name + " start and duration",
                    b.scenario().start() + " for " + b.scenario().duration(),
                    "a baseline must cover the scenario's time ("
                            + scenario.scenario().start() + " for "
                            + scenario.scenario().duration() + ")");
        // and judged against the same targets: a baseline that sets none takes the scenario's
        ResponseTargets targets = scenario.scenario().targets();
        if (!b.scenario().targets().equals(ResponseTargets.DEFAULTS)
                && !b.scenario().targets().equals(targets))
            throw InvalidInputException.of(
                    name + " targets",
                    "its own",
                    "a baseline is judged against the scenario's targets: leave them out of it, or set the same");
        return new ScenarioFile.Read(
                b.scenario().withTargets(targets), b.regionSeed(), b.baseline(), b.zones(), b.stations(), b.files());
    }

    /**
     * One set of replications to run: the scenario of each seed, shown in the progress under {@code label}; with a
     * {@code folder}, its files and report are written there as soon as its runs are done (a sweep's value), so
     * that a sweep stopped halfway keeps the values it finished.
     */
    private record Job(String label, LongFunction<Scenario> withSeed, ScenarioFile.Read read, Optional<Folder> folder) {
        Job(String label, LongFunction<Scenario> withSeed, ScenarioFile.Read read) {
            this(label, withSeed, read, Optional.empty());
        }
    }

    /** Where a job's files go, and the zones its report maps. */
    private record Folder(Path dir, List<ZoneOutline> zones) {}

    /** A job's runs, and the files written for it when it has a folder. */
    private record Ran(List<RunResult> runs, List<Path> written) {}

    /**
     * Runs each job's replications, in the jobs' order. Threads the replications of one job cannot use (fewer
     * replications than threads) run other jobs beside it: a sweep's values, or a run and its baseline, two at a
     * time on two threads with one replication each. Each job's runs are its own seeds', so the files are the
     * same however many run at once. Side by side, the progress is lines, one per job and value.
     */
    private List<Ran> replicate(
            List<Job> jobs, GeneratedRegion region, RoadNetwork roads, Rules rules, PrintStream err) {
        int atOnce = Math.min(jobs.size(), Math.max(1, threads / Math.min(threads, replications)));
        int each = Math.max(1, threads / atOnce);
        if (atOnce == 1) {
            List<Ran> out = new ArrayList<>();
            for (Job job : jobs)
                out.add(replicate(job, region, roads, rules, each, SimulationProgress.atTerminal(), err));
            return out;
        }
        List<Callable<Ran>> runs = new ArrayList<>();
        for (Job job : jobs) runs.add(() -> replicate(job, region, roads, rules, each, false, err));
        return Replications.inParallel(runs, atOnce, "muster-simulate-");
    }

    private Ran replicate(
            Job job,
            GeneratedRegion region,
            RoadNetwork roads,
            Rules rules,
            int threadsForIt,
            boolean asBar,
            PrintStream err) {
        SimulationProgress progress = new SimulationProgress(
                quiet ? Optional.empty() : Optional.of(err), asBar, job.label(), replications, System.nanoTime());
        List<RunResult> results = Replications.run(
                region,
                roads,
                // each run forks the region registered once (docs/simulator.md, "Speed")
                SimEngines.synchronous(
                        rules.withDispatch(job.read().scenario().plan().dispatch())),
                job.withSeed(),
                job.read().scenario().seed(),
                replications,
                threadsForIt,
                progress);
        progress.done(
                results.stream().mapToInt(r -> r.summary().incidents()).sum(),
                results.stream().mapToInt(r -> r.summary().finished()).sum(),
                results.stream().mapToInt(r -> r.summary().open()).sum(),
                results.size());
        List<Path> files = new ArrayList<>();
        if (job.folder().isPresent()) {
            Folder f = job.folder().get();
            files.addAll(OutputFiles.write(results, f.dir()));
            files.add(ReportHtml.write(new ReportHtml.Input(results, Optional.empty(), f.zones(), asWritten), f.dir()));
        }
        return new Ran(results, files);
    }

    /**
     * The scenario's region: its files, checked against each other, with their road graph kept under {@code
     * --regions}; or the generated region of its seed, generated there the first time.
     */
    private GeneratedRegion region(ScenarioFile.Read read, PrintStream err) {
        if (read.files().isPresent()) return read.files().get().load(regions);
        long regionSeed = read.regionSeed();
        Path dir = regions.resolve("seed-" + regionSeed);
        if (Files.exists(dir.resolve("manifest.json"))) return GeneratedRegion.read(dir);
        if (!quiet) err.println("simulate: generating the region (seed " + regionSeed + ") in " + dir + " ...");
        return RegionGenerator.generate(RegionSpec.defaults(regionSeed), dir);
    }
}
