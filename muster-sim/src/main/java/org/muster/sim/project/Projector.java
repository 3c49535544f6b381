package org.muster.sim.project;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.Response;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.engine.Engine;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.sim.Agenda;
import org.muster.sim.control.DispatchDelay;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.CallSource;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.RecordedDemand;
import org.muster.sim.live.LiveSimulation;

/**
 * Projects the next hours from the live state: "at this rate, zone X breaches its C2 90th centile around
 * 21:00 (18:40-22:10)". Each replication forks the state as it stands (units, their work in progress, the
 * calls waiting, the zones' levels) into an engine of its own over an in-memory log, with the figures as they
 * stand ({@link ResponseTimes#fork}), and runs the region's demand for the coming hours of the week, scaled
 * by the current trend, with simulated crews taking over the work in progress and the simulated control room
 * dispatching, on simulated time. Nothing is sent to the live engine or written to its log.
 *
 * <p>A zone breaches when the 90th centile of its organisation's calls of a priority over the last hour,
 * counting calls still waiting at their wait so far, is over the target: the board's own judgement
 * ({@link ResponseStats#breachesP90()}), sampled every {@link #SAMPLE} of simulated time.
 */
public final class Projector {
    /** How often each zone's figures are judged during a projection. */
    public static final Duration SAMPLE = Duration.ofMinutes(15);
    /** The demand's step: calls are raised and crews act at their own instants within it. */
    private static final Duration STEP = Duration.ofMinutes(1);
    /** The calls received in this window before now, against the model's, give the current trend. */
    public static final Duration TREND_WINDOW = Duration.ofHours(2);

    public static final int MAX_REPLICATIONS = 20;
    public static final Duration LONGEST = Duration.ofHours(24);

    private final RoadNetwork roads;
    private final Demand demand;
    private final CrewConfig crews;
    private final DispatchDelay dispatchDelay;
    private final Duration dispatchInterval;
    private final Forks forks;

    /** Starts an engine that goes on from a copy of the state, on the projection's clock, apart from the live one. */
    @FunctionalInterface
    public interface Forks {
        /** The engine's state at start is {@code state}; its log, its own and in memory. */
        Engine fork(MusterState state, java.time.InstantSource clock);
    }

    /**
     * Where a projection's calls come from: a generated region's demand model (the demo's), or the calls a
     * service recorded ({@link RecordedDemand}). The projection scales it by the trend.
     */
    public interface Demand {
        /** How many calls {@code [from, to)} holds on average, unscaled. */
        double expectedCount(Instant from, Instant to);

        /** How many of one agency's calls {@code [from, to)} holds on average, unscaled. */
        double expectedCount(Instant from, Instant to, Agency agency, Rules rules);

        /**
         * The calls with each agency's rates at its own trend (an agency not named keeps its rates), placed by the
         * live rules.
         */
        CallSource scaledBy(Map<Agency, Double> trends, Rules rules);

        /** What it is, in words a supervisor reads beside the projection. */
        String basis();

        /** The region's demand model as the live service's simulation runs it (its rates per zone, type and hour). */
        static Demand of(GeneratedRegion region, DemandModel model, RoadNetwork roads) {
            Check.present("region", region);
            Check.present("model", model);
            Check.present("roads", roads);
            return new Demand() {
                @Override
                public double expectedCount(Instant from, Instant to) {
                    return model.expectedCount(from, to);
                }

                @Override
                public double expectedCount(Instant from, Instant to, Agency agency, Rules rules) {
                    return model.expectedCount(from, to, agency);
                }

                @Override
                public CallSource scaledBy(Map<Agency, Double> trends, Rules rules) {
                    return DemandModel.forRegion(
                            region,
                            model.profile().scaledBy(trends),
                            rules.catalogue(),
                            DemandModel.RoadSnap.of(roads));
                }

                @Override
                public String basis() {
                    return "the region's demand model";
                }
            };
        }

        /** The calls the service recorded, by the hour of the week. */
        static Demand of(RecordedDemand recorded) {
            Check.present("recorded", recorded);
            return new Demand() {
                @Override
                public double expectedCount(Instant from, Instant to) {
                    return recorded.expectedCount(from, to);
                }

                @Override
                public double expectedCount(Instant from, Instant to, Agency agency, Rules rules) {
                    return recorded.expectedCount(
                            from, to, a -> agencyOf(a, rules).equals(Optional.of(agency)));
                }

                @Override
                public CallSource scaledBy(Map<Agency, Double> trends, Rules rules) {
                    double largest = trends.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .max()
                            .orElse(1.0);
                    return recorded.scaledBy(
                            a -> agencyOf(a, rules)
                                    .map(g -> trends.getOrDefault(g, 1.0))
                                    .orElse(1.0),
                            Math.max(1.0, largest));
                }

                private static Optional<Agency> agencyOf(org.muster.sim.demand.Arrival a, Rules rules) {
                    return rules.catalogue().findType(a.type()).map(t -> t.agency());
                }

                @Override
                public String basis() {
                    return String.format(
                            java.util.Locale.ROOT,
                            "the service's own %,d calls over the last %s",
                            recorded.countCalls(),
                            days(recorded.history()));
                }
            };
        }

        private static String days(Duration d) {
            long hours = Math.round(d.toMinutes() / 60.0);
            return hours % 24 == 0 ? (hours / 24 == 1 ? "day" : hours / 24 + " days") : hours + " hours";
        }
    }

    /**
     * @param demand the region's demand model as the live service's simulation runs it (its rates per zone,
     *     type and hour of the week); the projection scales it by the trend
     */
    public Projector(
            GeneratedRegion region,
            RoadNetwork roads,
            DemandModel demand,
            CrewConfig crews,
            DispatchDelay dispatchDelay,
            Duration dispatchInterval,
            Forks forks) {
        this(roads, Demand.of(region, demand, roads), crews, dispatchDelay, dispatchInterval, forks);
    }

    /** A projector of whatever the live state holds, its calls from {@code demand}. */
    public Projector(
            RoadNetwork roads,
            Demand demand,
            CrewConfig crews,
            DispatchDelay dispatchDelay,
            Duration dispatchInterval,
            Forks forks) {
        this.roads = Check.present("roads", roads);
        this.demand = Check.present("demand", demand);
        this.crews = Check.present("crews", crews);
        this.dispatchDelay = Check.present("dispatchDelay", dispatchDelay);
        this.dispatchInterval = Check.present("dispatchInterval", dispatchInterval);
        this.forks = Check.present("forks", forks);
    }

    /**
     * A projector of a deployment with no generated region behind it: its calls learned from its own record
     * ({@link ServiceHistory}, hours of the week in the UK's time), crews as the simulator's, a control room that
     * sends the top recommendation after {@link LiveSimulation#DEFAULT_DISPATCH_DELAY}. The running service and
     * {@code ./muster project} both build it here.
     *
     * @param rules the service's own, which its calls are learned under
     * @param since where the service's log begins
     * @param forks writers over forks of the state, under the service's rules (the simulator never builds one)
     * @throws org.muster.domain.ConflictException when the record is too short to learn from
     */
    public static Projector ofServiceHistory(
            RoadNetwork roads, MusterState now, Rules rules, Instant since, Instant at, Forks forks) {
        return new Projector(
                roads,
                Demand.of(ServiceHistory.learn(now, rules, since, at, org.muster.sim.demand.DemandProfile.UK)),
                CrewConfig.defaults(),
                DispatchDelay.of(LiveSimulation.DEFAULT_DISPATCH_DELAY),
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                forks);
    }

    /** What a projection is asked for; checked before anything runs. */
    public record Request(Duration horizon, int replications, long seed) {
        public Request {
            Check.present("horizon", horizon);
            if (horizon.compareTo(SAMPLE) < 0 || horizon.compareTo(LONGEST) > 0)
                throw InvalidInputException.of("hours", hours(horizon), "must be 0.25 to 24");
            if (replications < 1 || replications > MAX_REPLICATIONS)
                throw InvalidInputException.of("replications", replications, "must be 1 to " + MAX_REPLICATIONS);
        }

        private static String hours(Duration d) {
            return Double.toString(d.toMillis() / 3_600_000.0);
        }
    }

    /**
     * The projection from {@code at}, the live state and figures' instant.
     *
     * @param now the live state, as it stands at {@code at}
     * @param figures the live response times: the calls waiting and the last hour's responses count
     * @param rules the live engine's rules (zones, road locations, the catalogue)
     * @param recordedSince where the service's record of calls begins (its log's first event): the trend counts
     *     no time before it
     * @param progress told after each replication with how many are done
     */
    public Outlook project(
            MusterState now,
            ResponseTimes figures,
            Rules rules,
            Instant at,
            Instant recordedSince,
            Request request,
            java.util.function.IntConsumer progress) {
        Check.present("now", now);
        Check.present("figures", figures);
        Check.present("rules", rules);
        Check.present("at", at);
        Check.present("recordedSince", recordedSince);
        Check.present("request", request);
        // every run starts from the figures as they stand now, with the state they belong to: forked once, so a
        // call the live service takes while the runs go on is in no run's figures (it would wait for ever in
        // them, no crew of the fork's knowing of it) and every run starts alike
        figures = figures.fork(rules);
        Instant trendSince = trendSince(at, recordedSince);
        double trend = trend(now, figures, trendSince, at);
        // each service at its own trend: a walkout doubles the police's calls, not the ambulance service's
        Map<Agency, Double> trends = trends(now, figures, rules, trendSince, at);
        CallSource scaled = demand.scaledBy(trends, rules);
        List<Zone> zones = now.zones().values().stream()
                .sorted(Comparator.comparing((Zone z) -> z.id().value()))
                .toList();
        Map<Key, List<Instant>> firstBreaches = new LinkedHashMap<>();
        Map<Key, Boolean> breachingNow = new LinkedHashMap<>();
        for (Zone z : zones) {
            Optional<Organisation> organisation = now.findOrganisation(z.organisation());
            if (organisation.isEmpty()) continue;
            for (Priority p : Priority.values()) {
                // a police force's zone is judged on its own grades' targets, never on the ambulance categories'
                if (figures.targets()
                        .targetFor(z.id(), organisation.get(), p)
                        .p90()
                        .isEmpty()) continue;
                Key key = new Key(z, p);
                firstBreaches.put(key, new ArrayList<>());
                breachingNow.put(key, judge(figures, key, at));
            }
        }
        for (int r = 0; r < request.replications(); r++) {
            Map<Key, Instant> first =
                    replicate(now, figures, scaled, at, request, request.seed() + r, firstBreaches.keySet());
            first.forEach((k, t) -> firstBreaches.get(k).add(t));
            progress.accept(r + 1);
        }
        List<ZoneOutlook> out = new ArrayList<>();
        for (var e : firstBreaches.entrySet()) {
            Key k = e.getKey();
            List<Instant> times = e.getValue().stream().sorted().toList();
            out.add(new ZoneOutlook(
                    k.zone().organisation(),
                    k.zone().id(),
                    k.zone().name(),
                    k.priority(),
                    figures.targets()
                            .targetFor(k.zone().id(), k.zone().organisation(), k.priority())
                            .p90()
                            .orElseThrow(),
                    breachingNow.get(k),
                    times.size(),
                    request.replications(),
                    times.isEmpty() ? Optional.empty() : Optional.of(times.getFirst()),
                    times.isEmpty() ? Optional.empty() : Optional.of(times.get((times.size() - 1) / 2)),
                    times.isEmpty() ? Optional.empty() : Optional.of(times.getLast())));
        }
        out.sort(ZoneOutlook.MOST_PRESSING);
        List<org.muster.domain.organisation.OrganisationId> withoutTargets = now.organisations().keySet().stream()
                .filter(id -> out.stream().noneMatch(z -> z.organisation().equals(id)))
                .sorted()
                .toList();
        return new Outlook(
                at,
                request.horizon(),
                request.replications(),
                request.seed(),
                trend,
                trends,
                trendSince,
                demand.basis(),
                out,
                withoutTargets);
    }

    private record Key(Zone zone, Priority priority) {}

    private static boolean judge(ResponseTimes figures, Key k, Instant t) {
        ResponseStats s = figures.statsForZone(
                k.zone().id(), k.zone().organisation(), k.priority(), ResponseTimes.Window.HOUR, t);
        return s.breachesP90();
    }

    /** One run of the fork; the first sampled instant each zone and priority breached, if it did. */
    private Map<Key, Instant> replicate(
            MusterState now,
            ResponseTimes figures,
            CallSource scaled,
            Instant at,
            Request request,
            long seed,
            Set<Key> keys) {
        Agenda agenda = new Agenda(at);
        Map<Key, Instant> first = new LinkedHashMap<>();
        try (Engine engine = forks.fork(now, agenda)) {
            ResponseTimes projected = figures.fork(engine.rules());
            engine.subscribe(projected::onEvents);
            try (LiveSimulation sim = LiveSimulation.builder(engine, at)
                    .agenda(agenda)
                    .roads(roads)
                    .seed(seed)
                    .calls(scaled)
                    .crews(crews)
                    .dispatchDelay(dispatchDelay)
                    .dispatchInterval(dispatchInterval)
                    .adoptingWorkInProgress()
                    .callIds("PROJ-")
                    .build()) {
                Instant end = at.plus(request.horizon());
                Instant nextSample = at.plus(SAMPLE);
                for (Instant t = at; t.isBefore(end); ) {
                    Instant next = t.plus(STEP);
                    t = next.isAfter(end) ? end : next;
                    sim.step(t);
                    if (!t.isBefore(nextSample) || !t.isBefore(end)) {
                        for (Key k : keys) {
                            if (!first.containsKey(k) && judge(projected, k, t)) first.put(k, t);
                        }
                        nextSample = nextSample.plus(SAMPLE);
                    }
                }
            }
        }
        return first;
    }

    /**
     * Where the calls the trend counts begin: {@link #TREND_WINDOW} before {@code at}, but never before the service's
     * record does. A service that started an hour ago has no calls from before it, and counting that hour as
     * quiet would halve the projection's demand.
     */
    static Instant trendSince(Instant at, Instant recordedSince) {
        Instant since = recordedSince.isAfter(at.minus(TREND_WINDOW)) ? recordedSince : at.minus(TREND_WINDOW);
        return since.isAfter(at) ? at : since;
    }

    /**
     * The calls received from {@code from} to {@code at}, against what the demand model expects for that time,
     * kept between 0.5 and 3 so that a quiet or a wild hour does not run away with the projection; 1 when the
     * model expects too few calls to judge by.
     */
    double trend(MusterState now, ResponseTimes figures, Instant from, Instant at) {
        return bounded(received(now, figures, from, at).size(), demand.expectedCount(from, at));
    }

    /**
     * As {@link #trend}, for each agency the live state has an organisation of: its calls received from {@code
     * from} to {@code at} against what the demand expects of its calls, by the same bounds. The runs draw each
     * agency's calls at its own: one factor for all had a walkout's doubled police calls project the ambulance
     * service a third too busy.
     */
    Map<Agency, Double> trends(MusterState now, ResponseTimes figures, Rules rules, Instant from, Instant at) {
        Map<Agency, Integer> seen = new java.util.EnumMap<>(Agency.class);
        for (OrganisationId o : received(now, figures, from, at).values())
            now.findOrganisation(o).ifPresent(org -> seen.merge(org.agency(), 1, Integer::sum));
        Map<Agency, Double> out = new java.util.EnumMap<>(Agency.class);
        for (Organisation o : now.organisations().values())
            out.computeIfAbsent(
                    o.agency(), a -> bounded(seen.getOrDefault(a, 0), demand.expectedCount(from, at, a, rules)));
        return out;
    }

    /** The calls received from {@code from} to {@code at}, finished or not, with whose they are. */
    private static Map<IncidentId, OrganisationId> received(
            MusterState now, ResponseTimes figures, Instant from, Instant at) {
        Map<IncidentId, OrganisationId> seen = new HashMap<>();
        for (Response r : figures.listResponses())
            if (!r.received().isBefore(from) && !r.received().isAfter(at)) seen.put(r.incident(), r.organisation());
        for (Incident i : now.incidents().values())
            if (!i.receivedAt().isBefore(from) && !i.receivedAt().isAfter(at)) seen.put(i.id(), i.organisation());
        return seen;
    }

    /** Calls seen against calls expected, kept between 0.5 and 3; 1 when fewer than five were expected. */
    private static double bounded(int seen, double expected) {
        if (expected < 5) return 1.0;
        return Math.max(0.5, Math.min(3.0, seen / expected));
    }
}
