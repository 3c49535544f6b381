package org.muster.cli.bench;

import static org.muster.cli.bench.BenchSupport.percentile;
import static org.muster.cli.bench.BenchSupport.randomRoadPoints;
import static org.muster.cli.bench.BenchSupport.round;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The time to recommend units for an incident — Muster's whole recommendation, suitability and ranking
 * included — beside the baseline a dispatch system built on a routing service uses: one GraphHopper route
 * from every available unit, then a sort. Same network, units and incidents, in the same run.
 */
@picocli.CommandLine.Command(
        name = "dispatch",
        mixinStandardHelpOptions = true,
        description = "Recommendation latency against one route per unit; prints JSON.")
final class DispatchBench implements Callable<Integer> {
    /** The set-up is submitted in one burst, larger than a server's inbox: a benchmark queues it all. */
    private static final WriterConfig BENCH_WRITER = WriterConfig.DEFAULTS.withInboxCapacity(Integer.MAX_VALUE);

    private static final OrganisationId ORG = OrganisationId.of("BENCH-AMB");
    private static final long TIE_MILLIS = 1000;

    @Mixin
    RoadOptions roads;

    @Mixin
    DataOptions data;

    @Option(
            names = "--units",
            description = "Available ambulances placed at random on the roads (default: ${DEFAULT-VALUE})")
    int units = 200;

    @Option(names = "--queries", description = "Incidents recommended for (default: ${DEFAULT-VALUE})")
    int queries = 1000;

    @Option(
            names = "--baseline-queries",
            description = "Incidents the baseline routes (default: all up to 1,000 units, else 5)")
    Optional<Integer> baselineQueries = Optional.empty();

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    /** With or without OpenStreetMap's turn restrictions, or both side by side. */
    enum Turns {
        ON,
        OFF,
        BOTH
    }

    @Option(
            names = "--turns",
            description =
                    "Obey turn restrictions: on, off, or both (before and after in one run; default: ${DEFAULT-VALUE})",
            converter = TurnsConverter.class)
    Turns turns = Turns.ON;

    @Option(
            names = "--runs",
            description = "Measurements per network; the medians are reported (default: ${DEFAULT-VALUE})")
    int runs = 1;

    static final class TurnsConverter implements picocli.CommandLine.ITypeConverter<Turns> {
        @Override
        public Turns convert(String value) {
            try {
                return Turns.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("--turns", value, "must be on, off or both");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (units < 1) throw InvalidInputException.of("--units", units, "must be at least 1");
        if (queries < 1) throw InvalidInputException.of("--queries", queries, "must be at least 1");
        if (runs < 1 || runs > 15) throw InvalidInputException.of("--runs", runs, "must be between 1 and 15");
        if (turns != Turns.BOTH && runs == 1) {
            System.out.println(Json.object(measure(turns == Turns.ON)));
            return 0;
        }
        List<Boolean> variants = turns == Turns.BOTH ? List.of(false, true) : List.of(turns == Turns.ON);
        Map<Boolean, List<Map<String, Object>>> results = new LinkedHashMap<>();
        // Interleaved, so that both variants see the machine's load alike.
        for (int run = 0; run < runs; run++) {
            for (boolean on : variants)
                results.computeIfAbsent(on, k -> new ArrayList<>()).add(measure(on));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "dispatch");
        out.put("osm", roads.osm);
        out.put("units", units);
        out.put("queries", queries);
        out.put("runs", runs);
        for (var entry : results.entrySet()) {
            out.put(entry.getKey() ? "with_turn_restrictions" : "without_turn_restrictions", medians(entry.getValue()));
        }
        out.put("machine", Machine.describe());
        System.out.println(Json.object(out));
        return 0;
    }

    /** The median of each figure over the runs, and the runs themselves. */
    private static Map<String, Object> medians(List<Map<String, Object>> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("network", runs.get(0).get("network"));
        out.put("turn_restrictions", runs.get(0).get("turn_restrictions"));
        for (String key : List.of(
                "p50_ms",
                "p99_ms",
                "cpu_p50_ms",
                "cpu_p99_ms",
                "baseline_p50_ms",
                "baseline_p99_ms",
                "speedup",
                "same_first_share")) {
            double[] values = runs.stream()
                    .mapToDouble(r -> ((Number) r.get(key)).doubleValue())
                    .sorted()
                    .toArray();
            out.put("median_" + key, round(values[values.length / 2]));
            out.put(key + "_runs", Arrays.stream(values).boxed().toList());
        }
        return out;
    }

    private Map<String, Object> measure(boolean turnRestrictions) throws Exception {
        SplittableRandom random = new SplittableRandom(roads.seed);
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T18:00:00Z"));
        try (RoadNetwork network = roads.load(data, turnRestrictions);
                SingleWriter engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, BENCH_WRITER)) {
            System.err.println("placing " + units + " units and " + queries + " incidents ...");
            List<GeoPoint> unitPoints = randomRoadPoints(network, random, units);
            List<GeoPoint> incidentPoints = randomRoadPoints(network, random, queries);
            for (CommandEnvelope c : setUp(unitPoints, incidentPoints)) engine.submit(c);
            engine.execute(
                    env("sync", new Command.RegisterOrganisation(OrganisationId.of("SYNC"), "sync", Agency.POLICE)));
            MusterState state = engine.state();
            Recommender recommender = new Recommender(
                    network, engine.rules(), DispatchConfig.DEFAULTS.withMaxTravelTime(java.time.Duration.ofHours(24)));

            int warm = Math.min(300, queries);
            for (int q = 0; q < warm; q++) recommender.recommend(state, incident(q), clock.instant(), false);
            double[] ours = new double[queries];
            // The thread's CPU time beside the wall clock: on a shared machine the wall clock's tail is the
            // scheduler's time slice, not the search.
            double[] oursCpu = new double[queries];
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            UnitId[] ourFirst = new UnitId[queries];
            for (int q = 0; q < queries; q++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Recommendation r = recommender.recommend(state, incident(q), clock.instant(), false);
                ours[q] = (System.nanoTime() - t0) / 1e6;
                oursCpu[q] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                ourFirst[q] = r.proposedSet().isEmpty()
                        ? null
                        : r.proposedSet().get(0).unit();
            }

            int b = baselineQueries.orElse(units <= 1000 ? queries : Math.min(queries, 5));
            System.err.println("baseline: " + b + " incidents x " + units + " routes ...");
            for (int q = 0; q < Math.min(3, b); q++) baseline(network, unitPoints, incidentPoints.get(q)); // warm-up
            double[] theirs = new double[b];
            int same = 0;
            for (int q = 0; q < b; q++) {
                long t0 = System.nanoTime();
                long[] times = baseline(network, unitPoints, incidentPoints.get(q));
                theirs[q] = (System.nanoTime() - t0) / 1e6;
                if (ourFirst[q] != null && sameFirst(times, unitIndex(ourFirst[q]))) same++;
            }

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "dispatch");
            out.put("osm", roads.osm);
            out.put("network", network.info().toString());
            out.put("units", units);
            out.put("queries", queries);
            out.put("k", DispatchConfig.DEFAULTS.candidatesPerRequirement());
            out.put("p50_ms", round(percentile(ours, 50)));
            out.put("p99_ms", round(percentile(ours, 99)));
            out.put("cpu_p50_ms", round(percentile(oursCpu, 50)));
            out.put("cpu_p99_ms", round(percentile(oursCpu, 99)));
            out.put("baseline_queries", b);
            out.put("baseline_p50_ms", round(percentile(theirs, 50)));
            out.put("baseline_p99_ms", round(percentile(theirs, 99)));
            out.put("speedup", round(percentile(theirs, 50) / percentile(ours, 50)));
            out.put("same_first_share", round((double) same / b));
            out.put(
                    "turn_restrictions",
                    network.countTurnRestrictions(RoadProfile.EMERGENCY).turns());
            out.put("machine", Machine.describe());
            return out;
        }
    }

    /** Travel time of every unit to the point by its own route, the baseline's way. */
    private static long[] baseline(RoadNetwork network, List<GeoPoint> unitPoints, GeoPoint to) {
        long[] times = new long[unitPoints.size()];
        for (int u = 0; u < times.length; u++) {
            times[u] = network.findRoute(RoadProfile.EMERGENCY, unitPoints.get(u), to)
                    .map(Route::travelTimeMillis)
                    .orElse(Long.MAX_VALUE);
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted); // the ranking the baseline would show
        return times;
    }

    private static boolean sameFirst(long[] times, int ourUnit) {
        long best = Arrays.stream(times).min().orElse(Long.MAX_VALUE);
        return times[ourUnit] - best <= TIE_MILLIS;
    }

    private static List<CommandEnvelope> setUp(List<GeoPoint> unitPoints, List<GeoPoint> incidentPoints) {
        List<CommandEnvelope> out = new ArrayList<>();
        out.add(env("org", new Command.RegisterOrganisation(ORG, "Benchmark Ambulance Service", Agency.AMBULANCE)));
        for (int u = 0; u < unitPoints.size(); u++) {
            UnitId id = unit(u);
            out.add(env(
                    "u" + u,
                    new Command.RegisterUnit(
                            id,
                            Callsign.of("B" + u),
                            ORG,
                            UnitType.DOUBLE_CREWED_AMBULANCE,
                            Optional.empty(),
                            2,
                            Optional.of(unitPoints.get(u)))));
            PersonId a = PersonId.of("p" + u + "a");
            PersonId t = PersonId.of("p" + u + "b");
            out.add(env(
                    "pa" + u,
                    new Command.RegisterPerson(
                            a,
                            "Paramedic " + u,
                            ORG,
                            PersonRole.PARAMEDIC,
                            new TreeSet<>(EnumSet.of(Skill.PARAMEDIC)))));
            out.add(env(
                    "pb" + u,
                    new Command.RegisterPerson(
                            t,
                            "Technician " + u,
                            ORG,
                            PersonRole.EMERGENCY_MEDICAL_TECHNICIAN,
                            new TreeSet<>(EnumSet.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN)))));
            out.add(env("c" + u, new Command.SetCrew(id, new TreeSet<>(List.of(a, t)))));
        }
        for (int q = 0; q < incidentPoints.size(); q++) {
            out.add(env(
                    "i" + q,
                    new Command.CreateIncident(
                            incident(q),
                            ORG,
                            IncidentTypeCode.of("FALL"),
                            Optional.empty(),
                            incidentPoints.get(q),
                            "",
                            new TreeSet<>())));
        }
        return out;
    }

    private static UnitId unit(int u) {
        return UnitId.of("U" + u);
    }

    private static int unitIndex(UnitId id) {
        return Integer.parseInt(id.value().substring(1));
    }

    private static IncidentId incident(int q) {
        return IncidentId.of("I" + q);
    }

    private static CommandEnvelope env(String key, Command c) {
        return new CommandEnvelope(CommandId.of("bench-" + key), Actor.of("bench"), "", c);
    }
}
