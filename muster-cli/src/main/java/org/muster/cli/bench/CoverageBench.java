package org.muster.cli.bench;

import static org.muster.cli.bench.BenchSupport.benchCommand;
import static org.muster.cli.bench.BenchSupport.percentile;
import static org.muster.cli.bench.BenchSupport.randomRoadPoints;
import static org.muster.cli.bench.BenchSupport.round;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.RoadOptions;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoveragePreview;
import org.muster.engine.coverage.CoverageReference;
import org.muster.engine.coverage.CoverageReport;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.coverage.DemandWeights;
import org.muster.engine.coverage.LayerCoverage;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.RoadNetwork;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The time to bring coverage up to date after one unit's status change or move — the events handed to
 * the tracker, the catch-up run at once, the figures current — beside a full recompute, the cost of a
 * system without incremental updates. Units of an ambulance service (C1 and C2 targets) and a police
 * force (emergency target) on random roads; each update takes an available unit off the road, puts an
 * unavailable one back, or moves one. The tracker is checked against the full recompute at the end.
 */
@picocli.CommandLine.Command(
        name = "coverage",
        mixinStandardHelpOptions = true,
        description = "Coverage update latency against a full recompute; prints JSON.")
final class CoverageBench implements Callable<Integer> {
    /** The set-up is submitted in one burst, larger than a server's inbox: a benchmark queues it all. */
    private static final WriterConfig BENCH_WRITER = WriterConfig.DEFAULTS.withInboxCapacity(Integer.MAX_VALUE);

    private static final OrganisationId AMBULANCE = OrganisationId.of("BENCH-AMB");
    private static final OrganisationId POLICE = OrganisationId.of("BENCH-POL");
    private static final String[] QUADRANTS = {"SW", "SE", "NW", "NE"};

    @Mixin
    RoadOptions roads;

    @Mixin
    DataOptions data;

    @Option(names = "--units", description = "Units placed at random on the roads (default: ${DEFAULT-VALUE})")
    int units = 200;

    @Option(names = "--updates", description = "Status changes and moves timed (default: ${DEFAULT-VALUE})")
    int updates = 2000;

    @Option(names = "--resolution", description = "H3 resolution of the demand cells (default: ${DEFAULT-VALUE})")
    int resolution = DemandCells.DEFAULT_RESOLUTION;

    @Option(
            names = "--demand",
            description =
                    "Demand weights: roads (share of each cell near a road) or uniform (default: ${DEFAULT-VALUE})")
    String demand = "roads";

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (units < 2) throw InvalidInputException.of("--units", units, "must be at least 2");
        if (updates < 1) throw InvalidInputException.of("--updates", updates, "must be at least 1");
        if (!demand.equals("roads") && !demand.equals("uniform"))
            throw InvalidInputException.of("--demand", demand, "must be roads or uniform");
        SplittableRandom random = new SplittableRandom(roads.seed);
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T18:00:00Z"));
        try (RoadNetwork network = roads.load(data);
                SingleWriter engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, BENCH_WRITER)) {
            GeoBounds bounds = network.bounds();
            System.err.println("building demand cells ...");
            long t0 = System.nanoTime();
            CellIndex grid = CellIndex.h3();
            DemandCells cells = DemandCells.over(network, grid)
                    .resolution(resolution)
                    .demand(
                            demand.equals("roads")
                                    ? DemandWeights.nearRoads(grid, network, 100)
                                    : DemandWeights.uniform())
                    .zones(quadrants(bounds))
                    .build();
            double cellsMillis = (System.nanoTime() - t0) / 1e6;

            System.err.println("placing " + units + " units ...");
            List<GeoPoint> roadPoints = randomRoadPoints(network, random, Math.max(1000, units * 5));
            BatchRecorder recorder = new BatchRecorder();
            engine.subscribe(recorder);
            for (CommandEnvelope c : setUp(roadPoints.subList(0, units))) engine.submit(c);
            engine.execute(
                    benchCommand(new Command.RegisterOrganisation(OrganisationId.of("SYNC"), "sync", Agency.POLICE)));
            // A fifth of the units start off the road, so that status changes go both ways.
            for (int u = 0; u < units; u += 5) {
                engine.execute(benchCommand(new Command.ChangeUnitStatus(
                        unit(u), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
            }

            CoverageConfig config = CoverageConfig.DEFAULTS;
            t0 = System.nanoTime();
            CoverageTracker tracker = CoverageTracker.start(cells, config, engine.state(), Runnable::run);
            double startMillis = (System.nanoTime() - t0) / 1e6;
            double[] full = new double[3];
            for (int i = 0; i < full.length; i++) {
                t0 = System.nanoTime();
                CoverageReference.compute(cells, config, engine.state());
                full[i] = (System.nanoTime() - t0) / 1e6;
            }

            System.err.println("timing " + updates + " updates ...");
            int warm = Math.min(200, updates);
            List<Double> statusTimes = new ArrayList<>();
            List<Double> moveTimes = new ArrayList<>();
            for (int i = 0; i < warm + updates; i++) {
                boolean move = random.nextInt(3) == 0;
                engine.execute(benchCommand(
                        move
                                ? moveCommand(engine.state(), roadPoints, random)
                                : statusCommand(engine.state(), i, random)));
                BatchRecorder.Batch batch = recorder.last;
                long start = System.nanoTime();
                tracker.onEvents(batch.events(), batch.after());
                double millis = (System.nanoTime() - start) / 1e6;
                if (i >= warm) (move ? moveTimes : statusTimes).add(millis);
            }

            MusterState state = engine.state();
            List<UnitId> leaving = state.listUnits(UnitFilter.ALL.withStatus(UnitStatus.AVAILABLE)).stream()
                    .map(Unit::id)
                    .limit(4)
                    .toList();
            t0 = System.nanoTime();
            CoveragePreview preview = tracker.preview(leaving);
            double previewMillis = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            CoverageReport report = tracker.report();
            double reportMillis = (System.nanoTime() - t0) / 1e6;
            boolean matches = report.equals(CoverageReference.compute(cells, config, state));

            double[] all = new double[statusTimes.size() + moveTimes.size()];
            int n = 0;
            for (double d : statusTimes) all[n++] = d;
            for (double d : moveTimes) all[n++] = d;
            double[] status =
                    statusTimes.stream().mapToDouble(Double::doubleValue).toArray();
            double[] moves = moveTimes.stream().mapToDouble(Double::doubleValue).toArray();

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "coverage");
            out.put("osm", roads.osm);
            out.put("network", network.info().toString());
            out.put("units", units);
            out.put("resolution", resolution);
            out.put("demand", demand);
            out.put("cells", cells.size());
            out.put("cells_off_road", cells.countUnplaced());
            out.put("cells_build_ms", round(cellsMillis));
            out.put("updates", updates);
            out.put("update_p50_ms", round(percentile(all, 50)));
            out.put("update_p99_ms", round(percentile(all, 99)));
            out.put("update_max_ms", round(percentile(all, 100)));
            out.put("status_updates", status.length);
            out.put("status_update_p50_ms", round(percentile(status, 50)));
            out.put("status_update_p99_ms", round(percentile(status, 99)));
            out.put("move_updates", moves.length);
            out.put("move_update_p50_ms", round(percentile(moves, 50)));
            out.put("move_update_p99_ms", round(percentile(moves, 99)));
            out.put("road_searches", tracker.searchCount());
            out.put("full_recompute_ms", round(percentile(full, 50)));
            out.put("tracker_start_ms", round(startMillis));
            out.put("report_ms", round(reportMillis));
            out.put("preview_4_units_ms", round(previewMillis));
            out.put("matches_full_recompute", matches);
            out.put("coverage", figures(report));
            out.put("preview_4_units_leave", previewFigures(preview));
            out.put("machine", Machine.describe());
            System.out.println(Json.object(out));
            return matches ? 0 : 1;
        }
    }

    /** Keeps the last batch the engine delivered, for the benchmark to hand to the tracker itself. */
    private static final class BatchRecorder implements org.muster.engine.EventListener {
        record Batch(List<RecordedEvent> events, MusterState after) {}

        volatile Batch last;

        @Override
        public void onEvents(List<RecordedEvent> events, MusterState after) {
            last = new Batch(List.copyOf(events), after);
        }
    }

    /** Takes a random available unit off the road on even steps, puts a random unavailable one back on odd. */
    private static Command statusCommand(MusterState state, int step, SplittableRandom random) {
        UnitStatus from = step % 2 == 0 ? UnitStatus.AVAILABLE : UnitStatus.UNAVAILABLE;
        List<Unit> candidates = state.listUnits(UnitFilter.ALL.withStatus(from));
        if (candidates.isEmpty()) {
            from = from == UnitStatus.AVAILABLE ? UnitStatus.UNAVAILABLE : UnitStatus.AVAILABLE;
            candidates = state.listUnits(UnitFilter.ALL.withStatus(from));
        }
        Unit u = candidates.get(random.nextInt(candidates.size()));
        return from == UnitStatus.AVAILABLE
                ? new Command.ChangeUnitStatus(
                        u.id(), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))
                : new Command.ChangeUnitStatus(u.id(), UnitStatus.AVAILABLE, Optional.empty());
    }

    /** Moves a random available unit to another random point on the roads: one road search to catch up. */
    private static Command moveCommand(MusterState state, List<GeoPoint> roadPoints, SplittableRandom random) {
        List<Unit> available = state.listUnits(UnitFilter.ALL.withStatus(UnitStatus.AVAILABLE));
        Unit u = available.get(random.nextInt(available.size()));
        return new Command.ReportPosition(u.id(), roadPoints.get(random.nextInt(roadPoints.size())));
    }

    private static List<Map<String, Object>> figures(CoverageReport report) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LayerCoverage l : report.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("organisation", l.layer().organisation().value());
            m.put("category", l.layer().standard().category().name());
            m.put("target_min", l.layer().standard().target().toSeconds() / 60.0);
            m.put("unit_type", l.layer().unitType().map(Enum::name).orElse("ALL"));
            m.put("available_units", l.availableUnits());
            m.put("share_once", round(l.overall().shareOnce().orElse(0)));
            m.put("share_twice", round(l.overall().shareTwice().orElse(0)));
            Map<String, Object> zones = new LinkedHashMap<>();
            l.byZone()
                    .forEach((z, f) -> zones.put(z.value(), round(f.shareOnce().orElse(0))));
            m.put("share_once_by_zone", zones);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> previewFigures(CoveragePreview preview) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("units", preview.leaving().stream().map(UnitId::value).toList());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < preview.before().layers().size(); i++) {
            LayerCoverage before = preview.before().layers().get(i);
            LayerCoverage after = preview.after().layers().get(i);
            if (before.layer().unitType().isPresent()) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", before.layer().toString());
            m.put("share_once_before", round(before.overall().shareOnce().orElse(0)));
            m.put("share_once_after", round(after.overall().shareOnce().orElse(0)));
            layers.add(m);
        }
        out.put("layers", layers);
        return out;
    }

    /** Four zones per organisation: the quarters of the network's bounding box. */
    private static Rules.ZoneLocator quadrants(GeoBounds b) {
        double midLat = (b.southWest().lat() + b.northEast().lat()) / 2;
        double midLon = (b.southWest().lon() + b.northEast().lon()) / 2;
        return p -> {
            String q = QUADRANTS[(p.lat() >= midLat ? 2 : 0) + (p.lon() >= midLon ? 1 : 0)];
            return List.of(zone(AMBULANCE, q), zone(POLICE, q));
        };
    }

    private static ZoneId zone(OrganisationId org, String quadrant) {
        return ZoneId.of(org.value() + "-" + quadrant);
    }

    /** Three in five units ambulances (two crewed ambulances to one rapid response car), the rest police cars. */
    private static List<CommandEnvelope> setUp(List<GeoPoint> unitPoints) {
        List<CommandEnvelope> out = new ArrayList<>();
        out.add(benchCommand(
                new Command.RegisterOrganisation(AMBULANCE, "Benchmark Ambulance Service", Agency.AMBULANCE)));
        out.add(benchCommand(new Command.RegisterOrganisation(POLICE, "Benchmark Police", Agency.POLICE)));
        for (OrganisationId org : List.of(AMBULANCE, POLICE)) {
            for (String q : QUADRANTS)
                out.add(benchCommand(new Command.RegisterZone(zone(org, q), org, q, Optional.empty())));
        }
        for (int u = 0; u < unitPoints.size(); u++) {
            boolean ambulance = u % 5 < 3;
            UnitType type = !ambulance
                    ? UnitType.POLICE_RESPONSE_CAR
                    : u % 5 == 2 ? UnitType.RAPID_RESPONSE_CAR : UnitType.DOUBLE_CREWED_AMBULANCE;
            OrganisationId org = ambulance ? AMBULANCE : POLICE;
            out.add(benchCommand(new Command.RegisterUnit(
                    unit(u), Callsign.of("B" + u), org, type, Optional.empty(), 2, Optional.of(unitPoints.get(u)))));
            TreeSet<PersonId> crew = new TreeSet<>();
            PersonId first = PersonId.of("p" + u + "a");
            crew.add(first);
            if (ambulance) {
                out.add(benchCommand(new Command.RegisterPerson(
                        first,
                        "Paramedic " + u,
                        org,
                        PersonRole.PARAMEDIC,
                        new TreeSet<>(EnumSet.of(Skill.PARAMEDIC)))));
                if (type == UnitType.DOUBLE_CREWED_AMBULANCE) {
                    PersonId second = PersonId.of("p" + u + "b");
                    crew.add(second);
                    out.add(benchCommand(new Command.RegisterPerson(
                            second,
                            "Technician " + u,
                            org,
                            PersonRole.EMERGENCY_MEDICAL_TECHNICIAN,
                            new TreeSet<>(EnumSet.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN)))));
                }
            } else {
                out.add(benchCommand(new Command.RegisterPerson(
                        first,
                        "Officer " + u,
                        org,
                        PersonRole.POLICE_OFFICER,
                        new TreeSet<>(EnumSet.of(Skill.RESPONSE_DRIVER)))));
            }
            out.add(benchCommand(new Command.SetCrew(unit(u), crew)));
        }
        return out;
    }

    private static UnitId unit(int u) {
        return UnitId.of("U" + u);
    }
}
