package org.muster.cli.simulate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.muster.cli.config.StoreClock;
import org.muster.domain.InvalidInputException;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.ZoneIndex;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.project.Outlook;
import org.muster.sim.project.Projector;
import org.muster.sim.project.ZoneOutlook;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./muster project}: "at this rate, when does each zone breach its targets?" — the next hours projected
 * from a demo's store as it stands now, the same projection as {@code GET /api/v1/projection}. It reads the
 * store (a running demo goes on writing it) and never writes it: the projection runs on forks of the state.
 */
@Command(
        name = "project",
        mixinStandardHelpOptions = true,
        description = "Project the next hours from a demo's live state (or, with --store and --osm, a deployment's):"
                + " when each zone is likely to breach its response-time targets, over several runs.")
public final class ProjectCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            description = "The demo's folder: its store (muster.db) and its region (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    @Option(names = "--region-seed", description = "The demo region's seed (default: ${DEFAULT-VALUE})")
    long regionSeed = 7;

    @Option(names = "--hours", description = "How far ahead, 0.25 to 24 (default: ${DEFAULT-VALUE})")
    double hours = 6;

    @Option(names = "--replications", description = "Runs to draw the times from, 1 to 20 (default: ${DEFAULT-VALUE})")
    int replications = 5;

    @Option(names = "--seed", description = "Seed of the first run (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "Print the projection as JSON")
    boolean json;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "A deployment's event log (sqlite:FILE or jdbc:postgresql://...) instead of a demo's folder:"
                    + " its demand is learned from its own calls of the last four weeks (at least a day's); needs"
                    + " --osm")
    java.util.Optional<String> store = java.util.Optional.empty();

    @Option(names = "--osm", paramLabel = "FILE", description = "With --store: the deployment's road network")
    java.util.Optional<Path> osm = java.util.Optional.empty();

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "With --store: the deployment's data directory, its graph cache and imported zones"
                    + " (default: ${DEFAULT-VALUE})")
    Path data = Path.of("data");

    @Override
    public Integer call() throws Exception {
        if (!(hours >= 0.25 && hours <= 24)) throw InvalidInputException.of("--hours", hours, "must be 0.25 to 24");
        Projector.Request request =
                new Projector.Request(Duration.ofMillis(Math.round(hours * 3_600_000)), replications, seed);
        if (store.isPresent()) return deployment(store.get(), request);
        Path db = dir.resolve("muster.db");
        if (!Files.exists(db))
            throw InvalidInputException.of("--dir", dir, "must hold a demo's store, muster.db (run ./muster demo)");
        Path regionDir = dir.resolve("region-seed-" + regionSeed);
        if (!Files.exists(regionDir.resolve("manifest.json")))
            throw InvalidInputException.of(
                    "--region-seed", regionSeed, "names no region in " + dir + " (the demo's --seed, 7 by default)");
        GeneratedRegion region = GeneratedRegion.read(regionDir);
        ZoneIndex zones = region.readZones();
        try (RoadNetwork roads = RoadNetwork.load(
                region.osmFile(),
                RoadNetworkConfig.defaults(region.directory().resolve("graph-cache"))
                        .withShowProgress(false))) {
            Rules rules = Rules.defaults()
                    .withZones(ZoneLocators.of(zones))
                    .withLocations(org.muster.engine.rules.RoadLocations.of(roads));
            MusterState state;
            ResponseTimes figures = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
            Instant now;
            Instant since;
            try (EventStore log = EventLogs.open(StoreConfig.sqlite(db))) {
                // Muster's time is the log's: a demo's store runs on a scaled clock
                now = StoreClock.now(log, Clock.systemUTC());
                since = log.findFirstEventTime().orElse(now);
                state = Recovery.replay(log).state();
                MusterState end = state;
                log.readAfter(0, e -> figures.onEvents(List.of(e), end));
            }
            DemandModel demand = DemandModel.forRegion(
                    region, DemandProfile.busyEvening(), rules.catalogue(), DemandModel.RoadSnap.of(roads));
            Projector projector = new Projector(
                    region,
                    roads,
                    demand,
                    CrewConfig.defaults(),
                    LiveSimulation.DEFAULT_DISPATCH_DELAY,
                    LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                    (s, clock) -> SingleWriter.fork(s, rules, clock));
            print(projector, state, figures, rules, now, since, request);
        }
        return 0;
    }

    /**
     * A deployment's store: its own units, zones and calls, with no generated region behind them. The read
     * model of closed incidents is read while the log is open, so the projection runs inside it.
     */
    private int deployment(String url, Projector.Request request) {
        Path roadsFile = osm.orElseThrow(() -> InvalidInputException.of(
                "--osm", "(none)", "must name the deployment's road network (.osm.pbf or .osm) with --store"));
        if (!Files.isRegularFile(roadsFile))
            throw InvalidInputException.of("--osm", roadsFile, "must be a readable .osm.pbf or .osm file");
        org.muster.store.StoreConfig config = org.muster.store.StoreConfig.parse(url);
        config.findSqliteFile().filter(f -> !Files.isRegularFile(f)).ifPresent(f -> {
            throw InvalidInputException.of("--store", url, "must name an existing event log: there is none at " + f);
        });
        try (RoadNetwork roads = RoadNetwork.load(
                        roadsFile,
                        RoadNetworkConfig.defaults(data.resolve("graph-cache")).withShowProgress(false));
                EventStore log = EventLogs.open(config)) {
            Rules rules = Rules.defaults()
                    .withZones(ZoneLocators.of(org.muster.geo.zone.ZoneDirectory.load(data.resolve("zones"))))
                    .withLocations(org.muster.engine.rules.RoadLocations.of(roads))
                    .withClosedIncidents(log.closedIncidents());
            Instant now = StoreClock.now(log, Clock.systemUTC());
            MusterState state = Recovery.replay(log).state();
            ResponseTimes figures = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
            log.readAfter(log.firstSequence() - 1, e -> figures.onEvents(List.of(e), state));
            Instant since = log.findFirstEventTime().orElse(now);
            var demand = org.muster.sim.project.ServiceHistory.learn(state, rules, since, now, DemandProfile.UK);
            Projector projector = new Projector(
                    roads,
                    Projector.Demand.of(demand),
                    CrewConfig.defaults(),
                    LiveSimulation.DEFAULT_DISPATCH_DELAY,
                    LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                    (s, clock) -> SingleWriter.fork(s, rules, clock));
            print(projector, state, figures, rules, now, since, request);
        }
        return 0;
    }

    private void print(
            Projector projector,
            MusterState state,
            ResponseTimes figures,
            Rules rules,
            Instant now,
            Instant since,
            Projector.Request request) {
        PrintStream err = System.err;
        err.printf(Locale.ROOT, "project: %d runs of %s hours from %s ...%n", replications, hours, now);
        Outlook outlook = projector.project(
                state,
                figures,
                rules,
                now,
                since,
                request,
                done -> err.printf(Locale.ROOT, "project: %d of %d runs done%n", done, replications));
        err.println("project: demand from " + outlook.demand());
        System.out.println(json ? DomainJson.write(asJson(outlook)) : asText(outlook));
    }

    private static Map<String, Object> asJson(Outlook o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", o.at().toString());
        out.put("hours", o.horizon().toMillis() / 3_600_000.0);
        out.put("replications", o.replications());
        out.put("seed", o.seed());
        out.put("trend", o.trend());
        out.put("trendSince", o.trendSince().toString());
        out.put("trendBasis", o.trendBasis());
        out.put("demand", o.demand());
        List<Map<String, Object>> zones = new ArrayList<>();
        for (ZoneOutlook z : o.zones()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("organisation", z.organisation().value());
            m.put("zone", z.zone().value());
            m.put("name", z.name());
            m.put("priority", z.priority().name());
            m.put("targetP90Seconds", z.targetP90().toSeconds());
            m.put("breachingNow", z.breachingNow());
            m.put("breaching", z.breaching());
            m.put("earliest", z.earliest().map(Instant::toString).orElse(null));
            m.put("median", z.median().map(Instant::toString).orElse(null));
            m.put("latest", z.latest().map(Instant::toString).orElse(null));
            zones.add(m);
        }
        out.put("zones", zones);
        return out;
    }

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** The zones likely to breach first, in words a control room uses; the rest counted. */
    static String asText(Outlook o) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "PROJECTION from %s for %s hours, %d runs, demand from %s at %.2f times its rate (%s)%n",
                o.at(),
                o.horizon().toMillis() / 3_600_000.0,
                o.replications(),
                o.demand(),
                o.trend(),
                o.trendBasis()));
        int quiet = 0;
        for (ZoneOutlook z : o.zones()) {
            if (!z.breachingNow() && z.breaching() == 0) {
                quiet++;
                continue;
            }
            String when = z.median()
                    .map(m -> String.format(
                            Locale.ROOT,
                            "around %s UTC (%s-%s), in %d of %d runs",
                            HH_MM.format(m),
                            HH_MM.format(z.earliest().orElseThrow()),
                            HH_MM.format(z.latest().orElseThrow()),
                            z.breaching(),
                            z.replications()))
                    .orElse("");
            b.append(String.format(
                    Locale.ROOT,
                    "  %-10s %-28s %s 90th centile over %d min: %s%s%n",
                    z.zone().value(),
                    z.name(),
                    z.priority(),
                    z.targetP90().toMinutes(),
                    z.breachingNow() ? "breaching now" : "breaches " + when,
                    z.breachingNow() && !when.isEmpty() ? "; " + when : ""));
        }
        b.append(String.format(Locale.ROOT, "  %d zone targets not projected to breach%n", quiet));
        return b.toString();
    }
}
