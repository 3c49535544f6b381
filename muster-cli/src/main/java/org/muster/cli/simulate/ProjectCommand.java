package org.muster.cli.simulate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.demo.DemoSettings;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.ZoneDirectory;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;
import org.muster.server.MusterProperties;
import org.muster.server.app.MusterServer;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.project.Outlook;
import org.muster.sim.project.Projector;
import org.muster.sim.project.ZoneOutlook;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./muster project}: "at this rate, when does each zone breach its targets?" — the next hours projected
 * from a service's store as it stands now, the same projection as {@code GET /api/v1/projection}. It reads the
 * store (a running service goes on writing it) and never writes it: the projection runs on forks of the state.
 * The service's settings are read as the server reads them ({@link MusterServer#settings}), and the rules,
 * targets and projector are made from them where the server makes its own, so the two answer alike.
 */
@Command(
        name = "project",
        mixinStandardHelpOptions = true,
        description = "Project the next hours from a demo's live state (or, with --config or --store, a"
                + " deployment's): when each zone is likely to breach its response-time targets, over several runs.")
public final class ProjectCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            description = "The demo's folder: its store (muster.db), its settings and its region (default:"
                    + " ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    @Option(names = "--hours", description = "How far ahead, 0.25 to 24 (default: ${DEFAULT-VALUE})")
    double hours = 6;

    @Option(names = "--replications", description = "Runs to draw the times from, 1 to 20 (default: ${DEFAULT-VALUE})")
    int replications = 5;

    @Option(names = "--seed", description = "Seed of the first run (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "Print the projection as JSON")
    boolean json;

    /** A deployment's configuration: its store, roads and data too; its demand is learned from its own calls. */
    @Mixin
    ServiceConfig config;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "A deployment's event log (sqlite:FILE or jdbc:postgresql://...), in place of --config's"
                    + " muster.store")
    Optional<String> store = Optional.empty();

    @Option(
            names = "--osm",
            paramLabel = "FILE",
            description = "A deployment's road network, in place of --config's muster.osm")
    Optional<Path> osm = Optional.empty();

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "A deployment's data directory (its graph cache and imported zones), in place of --config's"
                    + " muster.data (default: data)")
    Optional<Path> data = Optional.empty();

    /** The projector of a service as its store stands. */
    private interface ProjectorFor {
        Projector of(RoadNetwork roads, MusterState state, Rules rules, Instant since, Instant now);
    }

    @Override
    public Integer call() throws Exception {
        if (!(hours >= 0.25 && hours <= 24)) throw InvalidInputException.of("--hours", hours, "must be 0.25 to 24");
        // the projector's own check names the API's field; on the command line it is the option
        if (replications < 1 || replications > Projector.MAX_REPLICATIONS)
            throw InvalidInputException.of(
                    "--replications", replications, "must be 1 to " + Projector.MAX_REPLICATIONS);
        Projector.Request request =
                new Projector.Request(Duration.ofMillis(Math.round(hours * 3_600_000)), replications, seed);
        if (config.isGiven() || store.isPresent()) return deployment(request);
        return demo(request);
    }

    /** A demo's folder: the settings its server runs on, and the projector its dashboard's projection uses. */
    private int demo(Projector.Request request) {
        DemoSettings.existingStoreIn(dir);
        DemoSettings demo = DemoSettings.read(dir)
                .orElseThrow(() -> InvalidInputException.of(
                        "--dir",
                        dir,
                        "must hold the settings ./muster demo writes beside its store (" + DemoSettings.FILE
                                + "); a demo started by an earlier Muster has none: start it again"));
        GeneratedRegion region = demo.findRegion(dir)
                .orElseThrow(() ->
                        InvalidInputException.of("--dir", dir, "holds no region of the demo's seed " + demo.seed()));
        MusterProperties settings = MusterServer.settings(Optional.empty(), demo.serverSettings(dir, region));
        // a rehearsal's crews are its scenario's, as its dashboard's projection runs them
        CrewConfig crews = demo.rehearsal()
                .map(r -> {
                    if (!Files.isRegularFile(r.file()))
                        throw InvalidInputException.of(
                                "--dir",
                                dir,
                                "rehearses " + r.file() + ", which is gone: its crews' times are read from it");
                    return ScenarioFile.read(r.file(), OptionalLong.empty())
                            .scenario()
                            .crews();
                })
                .orElseGet(CrewConfig::defaults);
        return project(
                settings,
                request,
                (roads, state, rules, since, now) -> demo.projector(
                        region,
                        roads,
                        DemandModel.forRegion(
                                region, demo.profile(), rules.catalogue(), DemandModel.RoadSnap.of(roads)),
                        crews,
                        rules));
    }

    /** A deployment: its own units, zones and calls, with no generated region behind them. */
    private int deployment(Projector.Request request) {
        Map<String, Object> overrides = new HashMap<>();
        store.ifPresent(s -> overrides.put("muster.store", s));
        osm.ifPresent(f -> overrides.put("muster.osm", f.toString()));
        data.ifPresent(d -> overrides.put("muster.data", d.toString()));
        return project(
                config.settingsWith(overrides),
                request,
                (roads, state, rules, since, now) -> Projector.ofServiceHistory(
                        roads, state, rules, since, now, (s, clock) -> SingleWriter.fork(s, rules, clock)));
    }

    /**
     * Reads the service's store as its node does at a start (the state, the response figures from the newest
     * snapshot on), under the rules and targets its settings make, and prints the projection.
     */
    private int project(MusterProperties settings, Projector.Request request, ProjectorFor projectorFor) {
        String osmFrom = config.isGiven() && osm.isEmpty() ? "muster.osm" : "--osm";
        if (settings.osm().isBlank())
            throw InvalidInputException.of(
                    osmFrom,
                    "(none)",
                    "must name the service's road network (.osm.pbf or .osm): the projection simulates crews on the"
                            + " roads");
        Path roadsFile = Path.of(settings.osm());
        if (!Files.isRegularFile(roadsFile))
            throw InvalidInputException.of(osmFrom, roadsFile, "must be a readable .osm.pbf or .osm file");
        StoreConfig storeConfig = StoreConfig.parse(settings.store());
        storeConfig.findSqliteFile().filter(f -> !Files.isRegularFile(f)).ifPresent(f -> {
            throw InvalidInputException.of(
                    store.isPresent() ? "--store" : "muster.store",
                    settings.store(),
                    "must name an existing event log: there is none at " + f);
        });
        Path dataDir = Path.of(settings.data());
        try (RoadNetwork roads = RoadNetwork.load(
                        roadsFile,
                        RoadNetworkConfig.defaults(dataDir.resolve("graph-cache"))
                                .withShowProgress(false));
                EventStore log = EventLogs.open(storeConfig)) {
            ZoneIndex zones = ZoneDirectory.load(dataDir.resolve("zones"));
            ResponseTargets targets = settings.responseTargets(
                    zones.listZones().stream().map(ZoneShape::id).toList());
            Rules rules = settings.rules(zones, Optional.of(roads)).withClosedIncidents(log.closedIncidents());
            // Muster's time is the log's: a demo's store runs on a scaled clock
            Instant now = StoreClock.now(log, Clock.systemUTC());
            MusterState state = Recovery.replay(log).state();
            ResponseTimes figures = new ResponseTimes(rules, targets, log.responses());
            ProjectionFeed.replay(log, List.of(figures), state.sequence());
            Instant since = log.findFirstEventTime().orElse(now);
            print(projectorFor.of(roads, state, rules, since, now), state, figures, rules, now, since, request);
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
        err.printf(
                Locale.ROOT,
                "project: %d runs of %s hours from %s ...%n",
                replications,
                hours,
                now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
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
        Map<String, Object> byAgency = new LinkedHashMap<>();
        o.trendByAgency().forEach((a, t) -> byAgency.put(a.name(), t));
        out.put("trendByAgency", byAgency);
        out.put("trendSince", o.trendSince().toString());
        out.put("trendBasis", o.trendBasis());
        out.put("demand", o.demand());
        // each zone as GET /api/v1/projection gives it (the same record, the same writer): one shape for both
        out.put("zones", o.zones());
        out.put(
                "withoutTargets",
                o.withoutTargets().stream().map(OrganisationId::value).toList());
        return out;
    }

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** The rate the runs drew each service's calls at: one figure when they are alike, else each service's. */
    static String rates(Outlook o) {
        List<String> each = o.trendByAgency().entrySet().stream()
                .map(e -> String.format(
                        Locale.ROOT, "%.2f %s", e.getValue(), e.getKey().name().toLowerCase(Locale.ROOT)))
                .toList();
        boolean alike = o.trendByAgency().values().stream()
                        .map(t -> String.format(Locale.ROOT, "%.2f", t))
                        .distinct()
                        .count()
                <= 1;
        if (alike)
            return String.format(
                    Locale.ROOT,
                    "%.2f times its rate",
                    o.trendByAgency().values().stream().findFirst().orElse(o.trend()));
        return "its rates times " + String.join(", ", each);
    }

    /** The zones likely to breach first, in words a control room uses; the rest counted. */
    static String asText(Outlook o) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "PROJECTION from %s for %s hours, %d runs, demand from %s at %s (%s)%n",
                o.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                o.horizon().toMillis() / 3_600_000.0,
                o.replications(),
                o.demand(),
                rates(o),
                o.trendBasis()));
        int quiet = 0;
        int nameWidth =
                o.zones().stream().mapToInt(z -> z.name().length()).max().orElse(0);
        for (ZoneOutlook z : o.zones()) {
            if (!z.breachingNow() && z.breaching() == 0) {
                quiet++;
                continue;
            }
            String when = z.median()
                    .map(m -> String.format(
                            Locale.ROOT,
                            "around %s UTC%s, in %d of %d runs",
                            HH_MM.format(m),
                            // one run's time, or several the same, is no range
                            z.earliest().equals(z.latest())
                                    ? ""
                                    : " (" + HH_MM.format(z.earliest().orElseThrow()) + "-"
                                            + HH_MM.format(z.latest().orElseThrow()) + ")",
                            z.breaching(),
                            z.replications()))
                    .orElse("");
            b.append(String.format(
                    Locale.ROOT,
                    "  %-10s %-" + nameWidth + "s %s 90th centile over %d min: %s%s%n",
                    z.zone().value(),
                    z.name(),
                    z.priority(),
                    z.targetP90().toMinutes(),
                    // breaching now, each run finds it so at its first look: that time says nothing more
                    z.breachingNow() ? "breaching now" : "breaches " + when,
                    z.breachingNow() && z.breaching() > 0
                            ? String.format(
                                    Locale.ROOT, ", and in %d of %d runs ahead", z.breaching(), z.replications())
                            : ""));
        }
        b.append(String.format(Locale.ROOT, "  %d zone targets not projected to breach%n", quiet));
        if (!o.withoutTargets().isEmpty())
            b.append(String.format(
                    Locale.ROOT,
                    "  not projected, with no 90th-centile target (muster.targets sets one): %s%n",
                    String.join(
                            ", ",
                            o.withoutTargets().stream()
                                    .map(OrganisationId::value)
                                    .toList())));
        return b.toString();
    }
}
