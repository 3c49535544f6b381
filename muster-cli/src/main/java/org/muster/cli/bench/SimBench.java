package org.muster.cli.bench;

import static org.muster.cli.bench.BenchSupport.round;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.muster.cli.simulate.ScenarioFile;
import org.muster.cli.simulate.SimEngines;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.ZoneIndex;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.des.Replications;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.ScenarioRun;
import org.muster.sim.des.SimulationMode;
import org.muster.sim.live.LiveSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast {@code ./muster simulate} goes: simulated incidents per wall-clock second on the demo region
 * (seed 7), a Friday evening of its demand, routed on its roads — one replication at a time on one thread
 * (runs warmed up for {@code --warmup-cpu} seconds of CPU, then timed until {@code --measure-cpu} seconds and
 * {@code --min-runs} runs; the median run, the least and the greatest), then the same replications on one thread and on T threads, in the same run, so
 * that the scaling is a ratio of two figures measured alike; first with travel times searched on the roads
 * (routed), then looked up in a table ({@code travel: tabled}). Positions are reported on demand, as a scenario
 * file's runs do by default.
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description =
                "Simulated incidents per wall-clock second, one thread and replications on T threads; prints JSON.")
final class SimBench implements Callable<Integer> {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");

    @Option(names = "--hours", description = "Simulated hours per run (default: ${DEFAULT-VALUE})")
    int hours = 4;

    @Option(names = "--threads", description = "Threads for the replications (default: ${DEFAULT-VALUE})")
    int threads = 2;

    @Option(names = "--dir", description = "Where the demo keeps its region and graph (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    @Option(
            names = "--rutland",
            description = "The scenario on the Rutland extract for the routed figure on real roads; skipped, saying"
                    + " why, when it or its extract is absent (default: ${DEFAULT-VALUE})")
    Path rutland = Path.of("scenarios", "rutland-day.yml");

    @Option(
            names = "--warmup-cpu",
            description = "Seconds of this thread's CPU each figure's runs warm up for before any is timed, so that"
                    + " the JIT has settled (default: ${DEFAULT-VALUE})")
    double warmupCpuSeconds = 10;

    @Option(
            names = "--measure-cpu",
            description = "Seconds of CPU each figure's timed runs take at least (default: ${DEFAULT-VALUE})")
    double measureCpuSeconds = 3;

    @Option(
            names = "--min-runs",
            description = "Timed runs per single-thread figure at least (the Rutland figure: at most 3 of them),"
                    + " however long they take (default: ${DEFAULT-VALUE})")
    int minRuns = 5;

    @Option(
            names = "--min-batches",
            description = "Batches of replications per thread count at least (default: ${DEFAULT-VALUE})")
    int minBatches = 3;

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    @Option(
            names = "--steps",
            description = "Also measure, in the same run, each speed-up of docs/simulator.md added one at a time")
    boolean steps;

    @Override
    public Integer call() throws Exception {
        org.muster.domain.Check.range("--hours", hours, 1, 168);
        org.muster.domain.Check.range("--threads", threads, 1, Replications.MOST_THREADS);
        org.muster.domain.Check.range("--min-runs", minRuns, 1, MOST_RUNS);
        org.muster.domain.Check.range("--min-batches", minBatches, 1, MOST_RUNS);
        if (!(warmupCpuSeconds >= 0 && warmupCpuSeconds <= 600))
            throw org.muster.domain.InvalidInputException.of("--warmup-cpu", warmupCpuSeconds, "must be 0 to 600 s");
        if (!(measureCpuSeconds >= 0 && measureCpuSeconds <= 600))
            throw org.muster.domain.InvalidInputException.of("--measure-cpu", measureCpuSeconds, "must be 0 to 600 s");
        GeneratedRegion region = region();
        ZoneIndex zones = region.readZones();
        Rules rules = Rules.defaults().withZones(ZoneLocators.of(zones));
        // as ./muster simulate starts them: each run forks the region registered once
        ScenarioRun.EngineFactory engines = SimEngines.synchronous(rules);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "sim");
        out.put("region", "generated, seed 7; routed_rutland_*: the Rutland extract's real roads");
        out.put("writer", "synchronous (on the simulation's thread), in-memory log");
        out.put("positions", "on demand");
        out.put("simulated_hours_per_run", hours);
        out.put(
                "method",
                "per figure: runs on one thread until --warmup-cpu s of its CPU (at least 3 runs; Rutland 1), untimed;"
                        + " then runs until --measure-cpu s of CPU and --min-runs runs; the median run's rate, the"
                        + " least and greatest (*_min_max) and the number of runs. Replications: batches of 2T runs on"
                        + " 1 and on T threads alternated until --measure-cpu s of process CPU and --min-batches"
                        + " each, each pair on seeds of its own, which of the two goes first alternating; the median"
                        + " batch");
        out.put("warmup_cpu_s", warmupCpuSeconds);
        out.put("measure_cpu_s", measureCpuSeconds);
        try (RoadNetwork roads = RoadNetwork.load(
                region.osmFile(),
                RoadNetworkConfig.defaults(region.directory().resolve("graph-cache"))
                        .withShowProgress(false))) {
            for (SimulationMode.Travel travel : SimulationMode.Travel.values()) {
                SimulationMode mode = new SimulationMode(travel, SimulationMode.Positions.ON_DEMAND);
                String name = travel.name().toLowerCase(java.util.Locale.ROOT);
                // warm up the code, the demand cells and the table before anything is timed
                Warmed runs = warmThenTime(
                        3,
                        minRuns,
                        seed -> ScenarioRun.run(
                                        region,
                                        roads,
                                        engines,
                                        scenario(seed, Duration.ofHours(hours), mode),
                                        ScenarioRun.Progress.NONE)
                                .incidents()
                                .size());
                Runs timed = runs.timed();
                out.put(
                        name + "_single_thread_incidents_per_cpu_s_median",
                        round(timed.perCpu().median()));
                out.put(
                        name + "_single_thread_runs_incidents_per_s",
                        timed.perWall().rounded());
                out.put(
                        name + "_single_thread_incidents_per_s_median",
                        round(timed.perWall().median()));
                out.put(name + "_incidents_per_run", timed.incidents() / timed.count());
                timed.put(out, name + "_single_thread", runs.warm());

                int replications = 2 * threads;
                // batches on one thread and on T alternated, so that a change in the machine's load falls on both
                List<Double> oneWall = new ArrayList<>();
                List<Double> oneCpu = new ArrayList<>();
                List<Double> manyWall = new ArrayList<>();
                List<Double> manyCpu = new ArrayList<>();
                double spent = 0;
                for (int b = 0; b < minBatches || spent < measureCpuSeconds; b++) {
                    if (b >= MOST_RUNS) break;
                    // each pair runs seeds of its own (the same seeds again would find every table row and placing
                    // kept), one thread and T in turn first, so neither always finds the other's rows searched
                    long firstSeed = 10_000 + (long) b * replications; // apart from the single runs' seeds
                    if (b % 2 == 0) {
                        spent += replicate(region, roads, engines, replications, 1, mode, firstSeed, oneWall, oneCpu);
                        spent += replicate(
                                region, roads, engines, replications, threads, mode, firstSeed, manyWall, manyCpu);
                    } else {
                        spent += replicate(
                                region, roads, engines, replications, threads, mode, firstSeed, manyWall, manyCpu);
                        spent += replicate(region, roads, engines, replications, 1, mode, firstSeed, oneWall, oneCpu);
                    }
                }
                Spread oneThread = Spread.of(oneWall);
                Spread many = Spread.of(manyWall);
                out.put(name + "_replications", replications);
                out.put(name + "_replications_incidents_per_s_1_thread", round(oneThread.median()));
                out.put(name + "_replications_incidents_per_s_" + threads + "_threads", round(many.median()));
                out.put(name + "_thread_speedup", round(many.median() / oneThread.median()));
                out.put(name + "_replications_batches", oneWall.size());
                out.put(name + "_replications_incidents_per_s_1_thread_min_max", oneThread.minMax());
                out.put(name + "_replications_incidents_per_s_" + threads + "_threads_min_max", many.minMax());
                // the process's CPU clock ticks coarsely (10 ms) against a batch's tenths of a second: all batches
                out.put(
                        name + "_replications_incidents_per_process_cpu_s_1_thread",
                        round(oneCpu.get(0) / oneCpu.get(1)));
                out.put(
                        name + "_replications_incidents_per_process_cpu_s_" + threads + "_threads",
                        round(manyCpu.get(0) / manyCpu.get(1)));
            }
            if (steps) out.put("steps", steps(region, roads, rules));
        }
        out.putAll(rutland());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put(
                "load_average",
                round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        out.put("goal_routed_incidents_per_s", 5_000);
        out.put("goal_tabled_incidents_per_s", 50_000);
        System.out.println(Json.object(out));
        return 0;
    }

    /**
     * The speed-ups one at a time, each three runs on one thread (the median): the threaded writer with
     * positions every 15 s on the roads (as before them), the synchronous writer, positions on demand, tabled
     * travel. Per wall second and per second of the process's CPU, which a shared machine's load moves less.
     */
    private List<Map<String, Object>> steps(GeneratedRegion region, RoadNetwork roads, Rules rules) {
        ScenarioRun.EngineFactory threaded = clock -> SingleWriter.start(
                new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(0));
        ScenarioRun.EngineFactory synchronous = clock -> SingleWriter.synchronous(
                new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(0));
        SimulationMode every = SimulationMode.DEMO;
        SimulationMode onDemand = every.withPositions(SimulationMode.Positions.ON_DEMAND);
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(step("threaded writer, positions every 15 s, routed", region, roads, threaded, every));
        out.add(step("synchronous writer", region, roads, synchronous, every));
        out.add(step("+ positions on demand", region, roads, synchronous, onDemand));
        SimulationMode tabled = onDemand.withTravel(SimulationMode.Travel.TABLED);
        out.add(step("+ tabled travel", region, roads, synchronous, tabled));
        out.add(step(
                "+ the region registered once, forked per run", region, roads, SimEngines.synchronous(rules), tabled));
        return out;
    }

    private Map<String, Object> step(
            String name,
            GeneratedRegion region,
            RoadNetwork roads,
            ScenarioRun.EngineFactory engines,
            SimulationMode mode) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[3];
        double[] cpu = new double[3];
        for (int i = 0; i < wall.length; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            RunResult r = ScenarioRun.run(
                    region, roads, engines, scenario(11 + i, Duration.ofHours(hours), mode), ScenarioRun.Progress.NONE);
            wall[i] = r.incidents().size() / ((System.nanoTime() - t0) / 1e9);
            cpu[i] = r.incidents().size() / ((os.getProcessCpuTime() - c0) / 1e9);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", name);
        m.put("incidents_per_s_median", round(wall[1]));
        m.put("incidents_per_process_cpu_s_median", round(cpu[1]));
        m.put("load_average", round(os.getSystemLoadAverage()));
        return m;
    }

    /**
     * One batch of replications on {@code t} threads: adds its incidents per wall second to {@code perWall}, its
     * incidents and the process's CPU seconds to the two sums in {@code cpuSums}, and returns those CPU seconds.
     */
    private double replicate(
            GeneratedRegion region,
            RoadNetwork roads,
            ScenarioRun.EngineFactory engines,
            int replications,
            int t,
            SimulationMode mode,
            long firstSeed,
            List<Double> perWall,
            List<Double> cpuSums) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<RunResult> results = Replications.run(
                region,
                roads,
                engines,
                s -> scenario(s, Duration.ofHours(hours), mode),
                firstSeed,
                replications,
                t,
                (now, fraction, finished, events, incidents) -> {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - c0) / 1e9;
        long incidents = 0;
        for (RunResult r : results) incidents += r.incidents().size();
        perWall.add(incidents / seconds);
        if (cpuSums.isEmpty()) cpuSums.addAll(List.of(0.0, 0.0));
        cpuSums.set(0, cpuSums.get(0) + incidents);
        cpuSums.set(1, cpuSums.get(1) + cpuSeconds);
        return cpuSeconds;
    }

    /** At most this many runs (or batches) for one figure, however short a run is. */
    static final int MOST_RUNS = 1_000;

    /** One run on this thread: how many incidents it simulated. */
    @FunctionalInterface
    interface Run {
        int incidents() throws Exception;
    }

    /** One run on this thread of the scenario made of {@code seed}: how many incidents it simulated. */
    @FunctionalInterface
    interface SeededRun {
        int incidents(long seed) throws Exception;
    }

    /** A figure's untimed warm-up and its timed runs. */
    record Warmed(Runs warm, Runs timed) {}

    /**
     * Runs of fresh seeds on this thread: untimed until warm ({@code --warmup-cpu} and at least {@code leastWarm}
     * runs, seeds from 1,000), then timed ({@code --measure-cpu} and at least {@code leastTimed}, seeds from 11).
     */
    private Warmed warmThenTime(int leastWarm, int leastTimed, SeededRun run) throws Exception {
        long[] warmSeed = {1_000};
        Runs warm = runUntil(warmupCpuSeconds, leastWarm, () -> run.incidents(warmSeed[0]++));
        long[] seed = {11};
        Runs timed = runUntil(measureCpuSeconds, leastTimed, () -> run.incidents(seed[0]++));
        return new Warmed(warm, timed);
    }

    /**
     * Runs on this thread until they took at least {@code cpuSeconds} of its CPU and there were at least
     * {@code atLeast} of them; each run's incidents per thread CPU second and per wall second.
     */
    static Runs runUntil(double cpuSeconds, int atLeast, Run run) throws Exception {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> perCpu = new ArrayList<>();
        List<Double> perWall = new ArrayList<>();
        long incidents = 0;
        double spent = 0;
        while ((perCpu.size() < atLeast || spent < cpuSeconds) && perCpu.size() < MOST_RUNS) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = run.incidents();
            double wall = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
            double used = Math.max(1e-9, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
            perWall.add(n / wall);
            perCpu.add(n / used);
            incidents += n;
            spent += used;
        }
        return new Runs(Spread.of(perCpu), Spread.of(perWall), incidents, spent);
    }

    /** Timed runs: their rates per thread CPU second and per wall second, incidents and CPU seconds in all. */
    record Runs(Spread perCpu, Spread perWall, long incidents, double cpuSeconds) {
        int count() {
            return perCpu.values().length;
        }

        /** The spread and counts under {@code prefix}, beside the fields the bench always printed. */
        void put(Map<String, Object> out, String prefix, Runs warmUp) {
            out.put(prefix + "_runs", count());
            out.put(prefix + "_cpu_s", round(cpuSeconds));
            out.put(prefix + "_incidents_per_cpu_s_min_max", perCpu.minMax());
            out.put(prefix + "_incidents_per_s_min_max", perWall.minMax());
            out.put(prefix + "_warmup_runs", warmUp.count());
            out.put(prefix + "_warmup_cpu_s", round(warmUp.cpuSeconds()));
        }
    }

    /** Rates in the order measured, and their median, least and greatest. */
    record Spread(double[] values) {
        static Spread of(List<Double> values) {
            return new Spread(values.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private double[] sorted() {
            double[] s = values.clone();
            Arrays.sort(s);
            return s;
        }

        double median() {
            double[] s = sorted();
            if (s.length == 0) return Double.NaN;
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        List<Double> minMax() {
            double[] s = sorted();
            return s.length == 0 ? List.of() : List.of(round(s[0]), round(s[s.length - 1]));
        }

        List<Double> rounded() {
            return Arrays.stream(values).map(v -> round(v)).boxed().toList();
        }
    }

    private static Scenario scenario(long seed, Duration length, SimulationMode mode) {
        return new Scenario(
                        "bench",
                        FRIDAY_EVENING,
                        length,
                        seed,
                        1.0,
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                        org.muster.sim.des.ShockPlan.NONE)
                .withMode(mode);
    }

    /**
     * The routed figure on a real region: the Rutland scenario as shipped (a day of the demo's demand on the
     * county's roads, its hand-made stations and units), one run at a time on one thread, three runs, the
     * median. Its road graph is kept beside the demo's.
     */
    private Map<String, Object> rutland() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        ScenarioFile.Read read;
        try {
            read = ScenarioFile.read(rutland, java.util.OptionalLong.empty());
        } catch (org.muster.domain.InvalidInputException e) {
            out.put("routed_rutland", "not run: " + e.getMessage());
            return out;
        }
        if (read.files().isEmpty()) {
            out.put("routed_rutland", "not run: " + rutland + " runs on a generated region, not on files");
            return out;
        }
        GeneratedRegion region = read.files().get().load(dir.resolve("rutland"));
        Rules rules = Rules.defaults()
                .withZones(ZoneLocators.of(region.readZones()))
                .withDispatch(read.scenario().plan().dispatch());
        ScenarioRun.EngineFactory engines = SimEngines.synchronous(rules);
        try (RoadNetwork roads = RoadNetwork.load(
                region.osmFile(),
                RoadNetworkConfig.defaults(region.directory().resolve("graph-cache"))
                        .withShowProgress(false))) {
            Warmed runs = warmThenTime(
                    1,
                    Math.min(minRuns, 3),
                    seed -> ScenarioRun.run(
                                    region,
                                    roads,
                                    engines,
                                    ScenarioFile.read(rutland, java.util.OptionalLong.of(seed))
                                            .scenario(),
                                    ScenarioRun.Progress.NONE)
                            .incidents()
                            .size());
            Runs timed = runs.timed();
            out.put("routed_rutland_scenario", rutland.toString());
            out.put(
                    "routed_rutland_simulated_hours_per_run",
                    read.scenario().duration().toHours());
            out.put("routed_rutland_incidents_per_run", timed.incidents() / timed.count());
            out.put("routed_rutland_runs_incidents_per_s", timed.perWall().rounded());
            out.put("routed_rutland_incidents_per_second", round(timed.perWall().median()));
            out.put(
                    "routed_rutland_incidents_per_cpu_s_median",
                    round(timed.perCpu().median()));
            timed.put(out, "routed_rutland", runs.warm());
        }
        return out;
    }

    private GeneratedRegion region() {
        return org.muster.cli.demo.DemoCommand.region(dir, 7, "muster bench sim");
    }
}
