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
 * (three runs, the median), then the same replications on one thread and on T threads, in the same run, so
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
        try (RoadNetwork roads = RoadNetwork.load(
                region.osmFile(),
                RoadNetworkConfig.defaults(region.directory().resolve("graph-cache"))
                        .withShowProgress(false))) {
            for (SimulationMode.Travel travel : SimulationMode.Travel.values()) {
                SimulationMode mode = new SimulationMode(travel, SimulationMode.Positions.ON_DEMAND);
                String name = travel.name().toLowerCase(java.util.Locale.ROOT);
                // warm up the code, the demand cells and the table before anything is timed
                ScenarioRun.run(
                        region, roads, engines, scenario(1, Duration.ofHours(1), mode), ScenarioRun.Progress.NONE);
                double[] single = new double[3];
                double[] perCpu = new double[3];
                long incidents = 0;
                java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int i = 0; i < single.length; i++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    RunResult r = ScenarioRun.run(
                            region,
                            roads,
                            engines,
                            scenario(11 + i, Duration.ofHours(hours), mode),
                            ScenarioRun.Progress.NONE);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    single[i] = r.incidents().size() / seconds;
                    // the run's own CPU time: on a machine shared with other work, wall time measures the load too
                    perCpu[i] = r.incidents().size() / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                    incidents += r.incidents().size();
                }
                Arrays.sort(perCpu);
                out.put(name + "_single_thread_incidents_per_cpu_s_median", round(perCpu[1]));
                double[] sorted = single.clone();
                Arrays.sort(sorted);
                out.put(
                        name + "_single_thread_runs_incidents_per_s",
                        Arrays.stream(single).map(v -> round(v)).boxed().toList());
                out.put(name + "_single_thread_incidents_per_s_median", round(sorted[1]));
                out.put(name + "_incidents_per_run", incidents / single.length);

                int replications = 2 * threads;
                double oneThread = replicate(region, roads, engines, replications, 1, mode);
                double many = replicate(region, roads, engines, replications, threads, mode);
                out.put(name + "_replications", replications);
                out.put(name + "_replications_incidents_per_s_1_thread", round(oneThread));
                out.put(name + "_replications_incidents_per_s_" + threads + "_threads", round(many));
                out.put(name + "_thread_speedup", round(many / oneThread));
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

    private double replicate(
            GeneratedRegion region,
            RoadNetwork roads,
            ScenarioRun.EngineFactory engines,
            int replications,
            int t,
            SimulationMode mode) {
        long t0 = System.nanoTime();
        List<RunResult> results = Replications.run(
                region,
                roads,
                engines,
                s -> scenario(s, Duration.ofHours(hours), mode),
                21,
                replications,
                t,
                (now, fraction, finished, events, incidents) -> {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Integer> counts = new ArrayList<>();
        for (RunResult r : results) counts.add(r.incidents().size());
        return counts.stream().mapToInt(Integer::intValue).sum() / seconds;
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
    private Map<String, Object> rutland() throws java.io.IOException {
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
            ScenarioRun.run(region, roads, engines, read.scenario(), ScenarioRun.Progress.NONE);
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            double[] wall = new double[3];
            double[] perCpu = new double[3];
            long incidents = 0;
            for (int i = 0; i < wall.length; i++) {
                Scenario s = ScenarioFile.read(rutland, java.util.OptionalLong.of(11 + i))
                        .scenario();
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                RunResult r = ScenarioRun.run(region, roads, engines, s, ScenarioRun.Progress.NONE);
                wall[i] = r.incidents().size() / ((System.nanoTime() - t0) / 1e9);
                perCpu[i] = r.incidents().size() / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                incidents += r.incidents().size();
            }
            out.put("routed_rutland_scenario", rutland.toString());
            out.put(
                    "routed_rutland_simulated_hours_per_run",
                    read.scenario().duration().toHours());
            out.put("routed_rutland_incidents_per_run", incidents / wall.length);
            out.put(
                    "routed_rutland_runs_incidents_per_s",
                    Arrays.stream(wall).map(v -> round(v)).boxed().toList());
            Arrays.sort(wall);
            Arrays.sort(perCpu);
            out.put("routed_rutland_incidents_per_second", round(wall[1]));
            out.put("routed_rutland_incidents_per_cpu_s_median", round(perCpu[1]));
        }
        return out;
    }

    private GeneratedRegion region() {
        return org.muster.cli.demo.DemoCommand.region(dir, 7, "muster bench sim");
    }
}
