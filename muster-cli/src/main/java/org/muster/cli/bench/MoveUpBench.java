package org.muster.cli.bench;

import static org.muster.cli.bench.BenchSupport.benchCommand;
import static org.muster.cli.bench.BenchSupport.percentile;
import static org.muster.cli.bench.BenchSupport.round;

import java.nio.file.Path;
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
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.moveup.MoveUpConfig;
import org.muster.engine.moveup.MoveUpPlanner;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.ZoneIndex;
import picocli.CommandLine.Option;

/**
 * How long move-up takes to plan again after a change, on the demo's region: its ambulance service's
 * double-crewed ambulances, a third committed to calls, then one at a time taken off the road or put back
 * on, the proposal made afresh after each change (the busy fraction, every available unit's cover and
 * drive to each station, the greedy moves). The first plan, with nothing searched yet, is timed apart.
 */
@picocli.CommandLine.Command(
        name = "moveup",
        mixinStandardHelpOptions = true,
        description = "Move-up planning time after a change on the demo region; prints JSON.")
final class MoveUpBench implements Callable<Integer> {
    private static final WriterConfig BENCH_WRITER = WriterConfig.DEFAULTS.withInboxCapacity(Integer.MAX_VALUE);
    private static final UnitType TYPE = UnitType.DOUBLE_CREWED_AMBULANCE;
    /** The goal for planning again after a change on the demo region. */
    private static final double GOAL_MS = 100;

    @Option(names = "--seed", description = "Seed of the region and of the changes (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(names = "--dir", description = "Where the demo keeps its region and graph (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    @Option(names = "--changes", description = "Changes timed (default: ${DEFAULT-VALUE})")
    int changes = 200;

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (changes < 1) throw InvalidInputException.of("--changes", changes, "must be at least 1");
        SplittableRandom random = new SplittableRandom(seed);
        GeneratedRegion region = region();
        ZoneIndex zones = region.readZones();
        Rules rules = Rules.defaults().withZones(ZoneLocators.of(zones));
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T18:00:00Z"));
        try (RoadNetwork network =
                        RoadNetwork.load(region.osmFile(), RoadNetworkConfig.defaults(dir.resolve("graph-cache")));
                SingleWriter engine = SingleWriter.start(new MemoryEventLog(), rules, clock, BENCH_WRITER)) {
            for (Command c : RegionCommands.of(region)) engine.execute(benchCommand(c));
            System.err.println("building demand cells ...");
            long t0 = System.nanoTime();
            // the demand the running service's move-up plans over
            DemandCells cells = DemandCells.ofService(network, CellIndex.h3(), rules.zones());
            double cellsMillis = (System.nanoTime() - t0) / 1e6;
            MoveUpPlanner planner =
                    new MoveUpPlanner(network, cells, MoveUpConfig.DEFAULTS, CoverageConfig.of(rules.catalogue()));

            OrganisationId org = engine.state().organisations().values().stream()
                    .filter(o -> o.agency() == Agency.AMBULANCE)
                    .map(Organisation::id)
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the region has no ambulance service"));
            List<Unit> units = engine.state()
                    .listUnits(UnitFilter.ALL.withOrganisation(org).withType(TYPE));
            int calls = 0;
            for (int i = 0; i < units.size(); i += 3) {
                Unit u = units.get(i);
                GeoPoint p = u.position().orElseThrow().point();
                IncidentId id = IncidentId.of("BENCH-" + ++calls);
                engine.execute(benchCommand(new Command.CreateIncident(
                        id,
                        org,
                        IncidentTypeCode.of("CHEST_PAIN"),
                        Optional.empty(),
                        GeoPoint.of(p.lat() + 0.002, p.lon()),
                        "",
                        new TreeSet<>())));
                engine.execute(benchCommand(new Command.AssignUnit(id, u.id(), AssignmentRole.PRIMARY)));
            }

            t0 = System.nanoTime();
            MoveUpPlanner.Proposal last = planner.propose(engine.state(), org, TYPE);
            double coldMillis = (System.nanoTime() - t0) / 1e6;
            System.err.println("timing " + changes + " changes ...");
            double[] times = new double[changes];
            int proposals = 0;
            for (int i = 0; i < changes; i++) {
                Unit u = units.get(random.nextInt(units.size()));
                Unit now = engine.state().getUnit(u.id());
                if (now.status() == UnitStatus.AVAILABLE) {
                    engine.execute(benchCommand(new Command.ChangeUnitStatus(
                            now.id(), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
                } else if (now.status() == UnitStatus.UNAVAILABLE) {
                    engine.execute(benchCommand(
                            new Command.ChangeUnitStatus(now.id(), UnitStatus.AVAILABLE, Optional.empty())));
                }
                t0 = System.nanoTime();
                last = planner.propose(engine.state(), org, TYPE);
                times[i] = (System.nanoTime() - t0) / 1e6;
                if (!last.moves().isEmpty()) proposals++;
            }

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "moveup");
            out.put("region_seed", seed);
            out.put("network", network.info().toString());
            out.put("organisation", org.value());
            out.put("unit_type", TYPE.name());
            out.put("units", units.size());
            out.put("committed_at_start", calls);
            out.put(
                    "stations",
                    engine.state().stations().values().stream()
                            .filter(s -> s.organisation().equals(org))
                            .count());
            out.put("cells", cells.size());
            out.put("cells_build_ms", round(cellsMillis));
            out.put("target_s", planner.targetFor(TYPE).time().toSeconds());
            out.put("max_move_s", MoveUpConfig.DEFAULTS.maxMove().toSeconds());
            out.put("first_plan_ms", round(coldMillis));
            out.put("changes", changes);
            out.put("replan_p50_ms", round(percentile(times, 50)));
            out.put("replan_p99_ms", round(percentile(times, 99)));
            out.put("replan_max_ms", round(percentile(times, 100)));
            out.put("goal_ms", GOAL_MS);
            out.put("meets_goal", percentile(times, 99) <= GOAL_MS);
            out.put("changes_with_a_proposal", proposals);
            out.put("last_busy_fraction", round(last.busyFraction()));
            out.put("last_coverage_now", round(last.before()));
            out.put("last_coverage_after", round(last.after()));
            out.put("last_moves", last.moves().size());
            System.out.println(Json.object(out));
            return 0;
        }
    }

    private GeneratedRegion region() {
        return org.muster.cli.demo.DemoCommand.region(dir, seed, "muster bench moveup");
    }
}
