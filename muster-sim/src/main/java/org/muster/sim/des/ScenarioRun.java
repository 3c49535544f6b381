package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Response;
import org.muster.engine.Engine;
import org.muster.engine.aid.AidHours;
import org.muster.engine.aid.AidSuggester;
import org.muster.engine.moveup.MoveUpConfig;
import org.muster.engine.moveup.MoveUpPlanner;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.TabledTravelTimes;
import org.muster.geo.road.TravelTimes;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;
import org.muster.sim.crew.TabledJourneys;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.demand.Surge;
import org.muster.sim.live.LiveSimulation;

/**
 * A discrete-event run of a scenario: the demo's demand, simulated crews and simulated control room (the
 * same {@link LiveSimulation}, so the live demo and the simulator decide alike) driving the live service's
 * engine — the caller starts it, as the service does, with its rules and zones: a single writer over an
 * in-memory log — on simulated time, as fast as the machine goes.
 *
 * <p>The {@link Agenda} is the engine's clock: each action runs at its own simulated instant and every
 * command it sends is stamped with it. The simulation waits for each command's answer before the next, so
 * the writer's thread changes no outcome, and the same seed gives the same run.
 */
public final class ScenarioRun {
    /** How far each step of the run goes: the queue is sampled and progress told after each. */
    public static final Duration STEP = Duration.ofMinutes(1);

    /** Who registers the region at the start of a run. */
    public static final Actor SETUP = Actor.of("sim:setup");

    /** Told after every step, on the run's thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (now, fraction, events, incidents) -> {};

        /**
         * @param now the simulated time reached
         * @param fraction of the run done, 0 to 1
         * @param events events the engine has recorded so far
         * @param incidents calls raised so far
         */
        void reached(Instant now, double fraction, long events, long incidents);
    }

    /** Starts a fresh, empty engine whose clock is the given simulated time. */
    @FunctionalInterface
    public interface EngineFactory {
        Engine start(InstantSource clock);

        /**
         * An engine that goes on from {@code registered}, a state an engine of this factory left after registering
         * the region; empty when the factory starts only empty engines, and the run registers the region itself.
         */
        default Optional<Engine> fork(MusterState registered, InstantSource clock) {
            return Optional.empty();
        }
    }

    private ScenarioRun() {}

    /**
     * Runs the scenario over the region to its end.
     *
     * @param roads the region's road network: calls are snapped to it, crews drive it, dispatch searches it
     * @param engines starts the engine, empty, on the run's clock; its rules must know the region's zones.
     *     The run registers the region in it, and closes it at the end
     */
    public static RunResult run(
            GeneratedRegion region, RoadNetwork roads, EngineFactory engines, Scenario scenario, Progress progress) {
        Check.present("region", region);
        Check.present("roads", roads);
        Check.present("engines", engines);
        Check.present("scenario", scenario);
        Check.present("progress", progress);
        Agenda agenda = new Agenda(scenario.start());
        Optional<MusterState> registered = registered(engines, region, scenario.start());
        try (Engine engine = registered.flatMap(r -> engines.fork(r, agenda)).orElseGet(() -> engines.start(agenda))) {
            OperationsLedger operations = new OperationsLedger();
            engine.subscribe(operations);
            if (registered.isPresent()) operations.registered(engine.state(), scenario.start());
            else register(engine, region);
            Rules rules = engine.rules();
            ShockPlan plan = scenario.plan();
            // the policy is the engine's own rule, read by its recommender and its dispatch alike
            if (!rules.dispatch().equals(plan.dispatch()))
                throw InvalidInputException.of(
                        "engines",
                        rules.dispatch(),
                        "must start an engine whose rules dispatch by the scenario's policy, " + plan.dispatch());
            ShockDriver.check(plan, engine.state(), rules);
            Counters shockCounters = new Counters();
            EngineGateway shockGateway = new EngineGateway(engine, "sim-shock", shockCounters);
            ShockDriver shocks = new ShockDriver(shockGateway, agenda, scenario.seed());
            shocks.applyPolicies(plan, engine.state());
            shocks.schedule(plan);
            // a run longer than the longest window is judged over its whole length
            ResponseTimes responses = ResponseTimes.keeping(rules, scenario.targets(), scenario.duration());
            IncidentLedger ledger = new IncidentLedger(rules);
            engine.subscribe(responses::onEvents);
            engine.subscribe(ledger);
            Duration handling = scenario.dispatchDelay().plus(scenario.dispatchInterval());
            SeriesRecorder series = SeriesRecorder.start(engine, roads, responses, handling, scenario.start());
            series.reached(scenario.start(), engine.state(), true);
            boolean tabled = scenario.mode().travel() == SimulationMode.Travel.TABLED;
            TravelTimes times = tabled ? table(roads) : roads;
            AidDriver aid = new AidDriver(
                    shockGateway, agenda, rules, new AidSuggester(rules).withRoads(times), handling, plan.aid());
            DemandProfile profile = scenario.profile();
            List<Surge> surges = ShockDriver.surges(plan, engine.state());
            Counters.Snapshot counters;
            java.util.Map<org.muster.domain.organisation.OrganisationId, Duration> standingOff;
            LiveSimulation.Builder builder = LiveSimulation.builder(engine, region, scenario.start())
                    .agenda(agenda)
                    .roads(roads)
                    .seed(scenario.seed())
                    .profile(profile)
                    .crews(scenario.crews())
                    .dispatchDelay(scenario.dispatchDelay())
                    .dispatchInterval(scenario.dispatchInterval())
                    .dispatch(scenario.dispatch());
            if (!scenario.calls().isEmpty()) builder.calls(StationCalls.of(scenario.calls(), engine.state(), rules));
            if (tabled) builder.travelTimes(times).journeys(new TabledJourneys(table(roads)));
            boolean onDemand = scenario.mode().positions() == SimulationMode.Positions.ON_DEMAND;
            if (onDemand) builder.positionsOnDemand();
            if (!scenario.replay().isEmpty())
                builder.calls(ReplayedCalls.of(
                        scenario.replay(),
                        engine.state(),
                        rules,
                        scenario.demandScale(),
                        surges,
                        scenario.seed(),
                        scenario.end()));
            // the model the simulation would make itself, made once for the runs that share it (with the surges, if
            // any, on top), so the calls are the same
            DemandModel demand = demand(region, roads, profile, rules);
            builder.demand(surges.isEmpty() ? demand : demand.withSurges(surges));
            // the move-up policy: a control room taking every proposal the engine's planner makes
            MoveUpDriver moveUp = plan.moveUp()
                    ? new MoveUpDriver(new MoveUpPlanner(
                            roads,
                            SeriesRecorder.cells(roads, rules.zones()),
                            MoveUpConfig.DEFAULTS,
                            SeriesRecorder.coverageConfig(engine, scenario.targets())))
                    : null;
            try (LiveSimulation sim = builder.build()) {
                Instant end = scenario.end();
                double length = scenario.duration().toMillis();
                for (Instant t = scenario.start(); t.isBefore(end); ) {
                    Instant next = t.plus(STEP);
                    t = next.isAfter(end) ? end : next;
                    sim.step(t);
                    // coverage and move-up are measured where the units are: crews reporting on demand say so first
                    if (onDemand && (moveUp != null || series.isDue(t, end))) sim.reportPositions();
                    if (moveUp != null) moveUp.sample(engine.state(), t, sim);
                    ledger.sampleQueue(engine.state(), t, handling);
                    series.reached(t, engine.state(), !t.isBefore(end));
                    aid.sample(engine.state(), t);
                    progress.reached(
                            t,
                            Duration.between(scenario.start(), t).toMillis() / length,
                            engine.state().sequence(),
                            sim.counters().incidentsCreated());
                }
                counters = sim.counters();
                standingOff = sim.standingOff(end);
            }
            List<IncidentRecord> incidents = judged(ledger.list(), responses);
            TimeSeries timeSeries = series.series();
            Summary summary = Summary.of(
                            scenario,
                            incidents,
                            responses,
                            ledger,
                            engine.state().sequence(),
                            counters.refused())
                    .withRunsEnd(
                            OrganisationOperations.of(
                                    engine.state(),
                                    incidents,
                                    responses,
                                    operations,
                                    AidHours.measured().report(engine.state(), scenario.end()),
                                    standingOff,
                                    scenario.end()),
                            shockCounters.snapshot().refused(),
                            timeSeries);
            return new RunResult(scenario, incidents, summary, timeSeries, responses.listResponses());
        }
    }

    /** Each incident with the engine's judgement of it: its clock's stop, and whether its targets were suspended. */
    private static List<IncidentRecord> judged(List<IncidentRecord> incidents, ResponseTimes responses) {
        Map<IncidentId, Response> stopped = new HashMap<>();
        for (Response r : responses.listResponses()) stopped.put(r.incident(), r);
        Map<IncidentId, Boolean> waiting = new HashMap<>();
        for (ResponseTimes.OpenCall o : responses.listOpen())
            waiting.put(o.incident().id(), o.suspended());
        List<IncidentRecord> out = new ArrayList<>(incidents.size());
        for (IncidentRecord i : incidents) {
            Response r = stopped.get(i.id());
            out.add(
                    r != null
                            ? i.judged(Optional.of(r.stopped()), r.targetsSuspended())
                            : i.judged(Optional.empty(), waiting.getOrDefault(i.id(), false)));
        }
        return out;
    }

    // The last roads' table: its rows are searched as units need them, and replications (and a baseline)
    // on the same roads share them. Safe between threads; a row is the same whoever searches it.
    private static RoadNetwork tabledRoads;
    private static TabledTravelTimes table;

    /** The travel-time table over {@code roads}, made once for all the runs on them. */
    static synchronized TabledTravelTimes table(RoadNetwork roads) {
        if (tabledRoads != roads) {
            table = TabledTravelTimes.over(roads);
            tabledRoads = roads;
        }
        return table;
    }

    // The last region's demand model: reading its zones and tabling the rates per hour of the week took a twentieth
    // of a 4-hour run, and replications (and a sweep's runs) draw from the same one. Immutable, so shared.
    private static GeneratedRegion demandRegion;
    private static RoadNetwork demandRoads;
    private static DemandProfile demandProfile;
    private static org.muster.domain.incident.IncidentTypeCatalogue demandCatalogue;
    private static DemandModel demandModel;

    /** The region's demand model with {@code profile}, calls placed on {@code roads}: made once for the runs that ask. */
    static synchronized DemandModel demand(
            GeneratedRegion region, RoadNetwork roads, DemandProfile profile, Rules rules) {
        if (region != demandRegion
                || roads != demandRoads
                || !profile.equals(demandProfile)
                || !rules.catalogue().equals(demandCatalogue)) {
            demandModel = DemandModel.forRegion(region, profile, rules.catalogue(), DemandModel.RoadSnap.of(roads));
            demandRegion = region;
            demandRoads = roads;
            demandProfile = profile;
            demandCatalogue = rules.catalogue();
        }
        return demandModel;
    }

    // The region as the last factory registered it, at the last start: replications (and a sweep's runs) start
    // from the same state, so each forks it rather than registering the region's thousand-odd entities again.
    // Immutable, so shared between threads.
    private static EngineFactory registeredBy;
    private static GeneratedRegion registeredRegion;
    private static Instant registeredAt;
    private static Optional<MusterState> registeredState = Optional.empty();

    /**
     * The region registered at {@code start} in an engine of {@code engines}, once for all the runs that ask;
     * empty when the factory does not fork, and each run registers the region in its own engine.
     */
    static synchronized Optional<MusterState> registered(EngineFactory engines, GeneratedRegion region, Instant start) {
        if (engines == registeredBy && region == registeredRegion && start.equals(registeredAt)) return registeredState;
        Optional<MusterState> state = Optional.empty();
        try (Engine probe = engines.start(InstantSource.fixed(start))) {
            register(probe, region);
            MusterState done = probe.state();
            // a factory that cannot fork is left to register in each run's own engine
            try (Engine fork = engines.fork(done, InstantSource.fixed(start)).orElse(null)) {
                if (fork != null) state = Optional.of(done);
            }
        }
        registeredBy = engines;
        registeredRegion = region;
        registeredAt = start;
        registeredState = state;
        return state;
    }

    private static void register(Engine engine, GeneratedRegion region) {
        int n = 0;
        for (Command c : RegionCommands.of(region)) {
            engine.execute(new CommandEnvelope(CommandId.of("sim-region-" + n++), SETUP, "the scenario's region", c));
        }
    }
}
