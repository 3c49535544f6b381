package org.muster.cli.bench;

import static org.muster.cli.bench.BenchSupport.benchCommand;
import static org.muster.cli.bench.BenchSupport.percentile;
import static org.muster.cli.bench.BenchSupport.round;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosureId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.dispatch.Candidate;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.RoadLocations;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.ZoneIndex;
import picocli.CommandLine.Option;

/**
 * How soon a road closure takes effect, on the demo's region: a call near an ambulance, its recommendation,
 * then a supervisor's closure of the roads round the first unit recommended; timed from the closure's
 * command to the next recommendation, which must route round it. Then the closure is reopened and the call
 * cancelled, and the next. Issue 16's goal: effective within a second, without rebuilding the graph.
 */
@picocli.CommandLine.Command(
        name = "closures",
        mixinStandardHelpOptions = true,
        description = "How soon a road closure takes effect in recommendations, on the demo region; prints JSON.")
final class ClosureBench implements Callable<Integer> {
    private static final WriterConfig BENCH_WRITER = WriterConfig.DEFAULTS.withInboxCapacity(Integer.MAX_VALUE);
    /** The goal: a closure counts from the next recommendation on, within a second. */
    private static final double GOAL_MS = 1000;

    @Option(names = "--seed", description = "Seed of the region and of the calls (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(names = "--dir", description = "Where the demo keeps its region and graph (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    @Option(names = "--closures", description = "Closures timed (default: ${DEFAULT-VALUE})")
    int closures = 100;

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (closures < 1) throw InvalidInputException.of("--closures", closures, "must be at least 1");
        SplittableRandom random = new SplittableRandom(seed);
        GeneratedRegion region = org.muster.cli.demo.DemoCommand.region(dir, seed, "muster bench closures");
        ZoneIndex zones = region.readZones();
        Instant now = Instant.parse("2026-11-22T18:00:00Z");
        InstantSource clock = InstantSource.fixed(now);
        try (RoadNetwork network =
                RoadNetwork.load(region.osmFile(), RoadNetworkConfig.defaults(dir.resolve("graph-cache")))) {
            Rules rules = Rules.defaults().withZones(ZoneLocators.of(zones)).withLocations(RoadLocations.of(network));
            Recommender recommender = new Recommender(network, rules, DispatchConfig.DEFAULTS);
            try (SingleWriter engine = SingleWriter.start(new MemoryEventLog(), rules, clock, BENCH_WRITER)) {
                for (Command c : RegionCommands.of(region)) engine.execute(benchCommand(c));
                OrganisationId org = engine.state().organisations().values().stream()
                        .filter(o -> o.agency() == Agency.AMBULANCE)
                        .map(Organisation::id)
                        .sorted()
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("the region has no ambulance service"));
                List<Unit> units = engine.state().listUnits(UnitFilter.ALL.withOrganisation(org)).stream()
                        .filter(u -> u.status() == UnitStatus.AVAILABLE
                                && u.position().isPresent())
                        .toList();
                System.err.println("timing " + closures + " closures ...");
                double[] effective = new double[closures];
                double[] command = new double[closures];
                int avoided = 0;
                int changedFirstUnit = 0;
                for (int i = 0; i < closures; i++) {
                    GeoPoint near = units.get(random.nextInt(units.size()))
                            .position()
                            .orElseThrow()
                            .point();
                    IncidentId call = IncidentId.of("BENCH-" + i);
                    engine.execute(benchCommand(new Command.CreateIncident(
                            call,
                            org,
                            IncidentTypeCode.of("CHEST_PAIN"),
                            Optional.empty(),
                            GeoPoint.of(near.lat() + 0.004, near.lon() + 0.004),
                            "",
                            new TreeSet<>())));
                    Candidate before = first(recommender.recommend(engine.state(), call, now, false));
                    GeoPoint at = engine.state()
                            .getUnit(before.unit())
                            .position()
                            .orElseThrow()
                            .point();
                    RoadClosureId id = RoadClosureId.of("BENCH-CLOSURE-" + i);
                    long t0 = System.nanoTime();
                    engine.execute(benchCommand(new Command.CloseRoad(
                            id, org, ClosureKind.AREA, at.squareAround(300), "bench", now.plus(Duration.ofHours(2)))));
                    long t1 = System.nanoTime();
                    Recommendation during = recommender.recommend(engine.state(), call, now, false);
                    long t2 = System.nanoTime();
                    command[i] = (t1 - t0) / 1e6;
                    effective[i] = (t2 - t0) / 1e6;
                    if (during.notes().stream().anyMatch(n -> n.contains(id.value()))) avoided++;
                    if (!first(during).unit().equals(before.unit())) changedFirstUnit++;
                    engine.execute(benchCommand(new Command.ReopenRoad(id)));
                    engine.execute(benchCommand(new Command.CancelIncident(call)));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "closures");
                out.put("region_seed", seed);
                out.put("network", network.info().toString());
                out.put("organisation", org.value());
                out.put("closures", closures);
                out.put("closure_square_m", 300);
                out.put("command_p50_ms", round(percentile(command, 50)));
                out.put("effective_p50_ms", round(percentile(effective, 50)));
                out.put("effective_p99_ms", round(percentile(effective, 99)));
                out.put("effective_max_ms", round(percentile(effective, 100)));
                out.put("goal_ms", GOAL_MS);
                out.put("meets_goal", percentile(effective, 99) <= GOAL_MS);
                out.put("recommendations_naming_the_closure", avoided);
                out.put("first_unit_changed", changedFirstUnit);
                System.out.println(Json.object(out));
                return 0;
            }
        }
    }

    private static Candidate first(Recommendation r) {
        return r.fills().stream()
                .flatMap(f -> f.ranked().stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no unit recommended: " + r.shortfalls()));
    }
}
