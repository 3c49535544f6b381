package org.muster.cli.simulate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.region.RegionSpec;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.sim.des.RunFiles;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.ScenarioRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./muster simulate SCENARIO.yml --out DIR}: a discrete-event run of the scenario on the live
 * service's engine, as fast as the machine goes, writing {@code summary.json} and {@code incidents.csv}.
 * The scenario is read and checked whole before anything runs; progress goes to stderr.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run a scenario on simulated time and write summary.json and incidents.csv (docs/simulator.md).")
public final class SimulateCommand implements Callable<Integer> {
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

    @Option(names = "--quiet", description = "No progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ScenarioFile.Read read =
                ScenarioFile.read(scenario, seed.map(OptionalLong::of).orElse(OptionalLong.empty()));
        PrintStream err = System.err;
        GeneratedRegion region = region(read.regionSeed(), err);
        ZoneIndex zones = ZoneIndex.of(GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        // the zones a scenario names exist only once its region is: checked before the roads load or anything runs
        read.checkZones(zones.listZones().stream()
                .map(org.muster.geo.zone.ZoneShape::id)
                .collect(java.util.stream.Collectors.toSet()));
        Rules rules = Rules.defaults().withZones(ZoneLocators.of(zones));
        try (RoadNetwork roads = RoadNetwork.load(
                region.osmFile(),
                RoadNetworkConfig.defaults(region.directory().resolve("graph-cache"))
                        .withShowProgress(false))) {
            Progress progress = new Progress(quiet ? Optional.empty() : Optional.of(err), System.nanoTime());
            RunResult result = ScenarioRun.run(
                    region,
                    roads,
                    // nothing replays a run's log, and each snapshot would serialise the whole state: none
                    clock -> SingleWriter.start(
                            new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                    read.scenario(),
                    progress);
            progress.done(result);
            for (Path p : RunFiles.write(result, out)) System.out.println(p);
        }
        return 0;
    }

    private GeneratedRegion region(long regionSeed, PrintStream err) {
        Path dir = regions.resolve("seed-" + regionSeed);
        if (Files.exists(dir.resolve("manifest.json"))) return GeneratedRegion.read(dir);
        if (!quiet) err.println("simulate: generating the region (seed " + regionSeed + ") in " + dir + " ...");
        return RegionGenerator.generate(RegionSpec.defaults(regionSeed), dir);
    }

    /** The run's progress at a terminal: simulated time reached, share of the run, events per wall second. */
    private static final class Progress implements ScenarioRun.Progress {
        private static final long EVERY_NANOS = 500_000_000L;
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

        private final Optional<PrintStream> err;
        private final long startNanos;
        private long lastNanos;
        private long firstEvents = -1;
        private long events;
        private long incidents;

        Progress(Optional<PrintStream> err, long startNanos) {
            this.err = err;
            this.startNanos = startNanos;
            this.lastNanos = startNanos;
        }

        @Override
        public void reached(Instant now, double fraction, long events, long incidents) {
            if (firstEvents < 0) firstEvents = events;
            this.events = events;
            this.incidents = incidents;
            long t = System.nanoTime();
            if (t - lastNanos < EVERY_NANOS && fraction < 1) return;
            lastNanos = t;
            err.ifPresent(e -> e.printf(
                    Locale.ROOT,
                    "simulate: %s UTC, %3.0f%%, %,d incidents, %,.0f events/s%n",
                    TIME.format(now),
                    fraction * 100,
                    incidents,
                    (events - firstEvents) / seconds(t)));
        }

        void done(RunResult r) {
            double s = seconds(System.nanoTime());
            err.ifPresent(e -> e.printf(
                    Locale.ROOT,
                    "simulate: %,d incidents (%,d finished, %,d open at the end) in %.1f s: %,.0f incidents/s,"
                            + " %,.0f events/s%n",
                    r.summary().incidents(),
                    r.summary().finished(),
                    r.summary().open(),
                    s,
                    incidents / s,
                    (events - firstEvents) / s));
        }

        private double seconds(long now) {
            return Math.max(1e-9, (now - startNanos) / 1e9);
        }
    }
}
