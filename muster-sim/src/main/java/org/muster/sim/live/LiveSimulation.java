package org.muster.sim.live;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.unit.UnitId;
import org.muster.engine.Engine;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.dispatch.Recommender;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;
import org.muster.sim.control.AutoDispatcher;
import org.muster.sim.control.DispatchDelay;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.crew.JourneyPlanner;
import org.muster.sim.crew.RoadJourneys;
import org.muster.sim.crew.SimulatedCrews;
import org.muster.sim.crew.StraightJourneys;
import org.muster.sim.demand.Arrival;
import org.muster.sim.demand.CallSource;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.DemandProfile;

/**
 * Live demand, simulated crews and (optionally) a simulated control room, driving one engine: what
 * {@code ./muster demo} runs.
 *
 * <p>The simulation has no clock of its own. {@link #step} runs everything due up to a simulated instant,
 * in time order, one command at a time; a test calls it with a test clock and is deterministic for a seed.
 * {@link #runLive} calls it on a thread of its own every so often with a clock's time — a {@link
 * ScaledClock} shared with the engine, for a demo.
 *
 * <p>Calls arrive from the {@link DemandModel} in blocks of {@link #DEMAND_BLOCK}, drawn from a stream of
 * the seed, so the same seed gives the same calls whatever the steps. Events from anyone (a dispatcher on
 * the dashboard included) reach the crews in log order at the next step.
 */
public final class LiveSimulation implements AutoCloseable {
    public static final Duration DEMAND_BLOCK = Duration.ofMinutes(10);
    public static final Duration DEFAULT_DISPATCH_DELAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DISPATCH_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TICK = Duration.ofMillis(200);
    /** Who raises the simulated calls. */
    public static final Actor CALLS = Actor.of("sim:calls");

    private static final System.Logger LOG = System.getLogger(LiveSimulation.class.getName());

    private final Engine engine;
    private final Agenda agenda;
    /** The region's demand model; none when the calls come from elsewhere and there is no region. */
    private final Optional<DemandModel> demand;

    private final CallSource calls;
    private final SplittableRandom demandRandom;
    /** What a scenario's surges change, drawn apart so that the calls they leave alone are the same. */
    private final SplittableRandom surgeRandom;

    private final SimulatedCrews crews;
    private final Counters counters = new Counters();
    private final EngineGateway gateway;
    private final String incidentPrefix;
    private final ConcurrentLinkedQueue<RecordedEvent> inbox = new ConcurrentLinkedQueue<>();
    private final Engine.Subscription subscription;
    private final Optional<AutoDispatcher> dispatcher;
    private long incidents;
    private Instant demandUntil;
    private ScheduledExecutorService runner;
    private volatile boolean closed;

    private LiveSimulation(Builder b) {
        this.engine = b.engine;
        this.agenda = b.agenda.orElseGet(() -> new Agenda(b.start));
        this.demandUntil = b.start;
        // Ids unique in the log: a demo restarted over its store starts at a later sequence.
        String run = Long.toString(engine.state().sequence(), 36).toUpperCase(Locale.ROOT);
        this.incidentPrefix = b.callPrefix.orElse("SIM-" + run + "-");
        this.gateway = new EngineGateway(engine, "sim-" + Long.toUnsignedString(b.seed, 36) + "-" + run, counters);
        SplittableRandom root = new SplittableRandom(b.seed);
        this.demandRandom = root.split();
        SplittableRandom crewRandom = root.split();
        this.surgeRandom = root.split();
        this.demand = b.demand.or(() -> b.region.map(region -> DemandModel.forRegion(
                region,
                b.profile,
                engine.rules().catalogue(),
                b.roads.map(DemandModel.RoadSnap::of).orElse(DemandModel.RoadSnap.NONE))));
        this.calls = b.calls
                .or(() -> demand)
                .orElseThrow(() -> new IllegalStateException(
                        "a simulation without a region needs its calls from a source of its own (Builder.calls)"));
        JourneyPlanner planner = b.journeys.orElseGet(
                () -> b.roads.<JourneyPlanner>map(RoadJourneys::of).orElse(StraightJourneys.DEFAULT));
        this.crews = new SimulatedCrews(gateway, agenda, planner, b.crew, crewRandom, counters, b.positionsOnDemand);
        if (b.adopt) crews.adopt(engine.state());
        this.subscription = engine.subscribe((events, after) -> inbox.addAll(events));
        this.dispatcher = controlRoom(b);
    }

    /** The simulated control room, started, when asked for and there are roads to recommend on. */
    private Optional<AutoDispatcher> controlRoom(Builder b) {
        if (!b.autoDispatch) return Optional.empty();
        if (b.roads.isEmpty()) {
            LOG.log(Level.WARNING, "no road network: the simulated control room is off, dispatch by hand");
            return Optional.empty();
        }
        Recommender recommender = new Recommender(b.travelTimes.orElse(b.roads.get()), engine.rules(), b.dispatch);
        AutoDispatcher d =
                new AutoDispatcher(gateway, agenda, recommender, b.dispatchDelay, b.dispatchInterval, counters);
        d.beforeRecommending(crews::reportPositions);
        d.start();
        return Optional.of(d);
    }

    /**
     * A simulation of the region driving {@code engine} from the simulated instant {@code start}. The
     * region must already be registered in the engine ({@code RegionCommands.of(region)}).
     */
    public static Builder builder(Engine engine, GeneratedRegion region, Instant start) {
        return new Builder(engine, Optional.of(Check.present("region", region)), start);
    }

    /**
     * A simulation of whatever {@code engine}'s state holds (a live service's own units and stations, with
     * no generated region behind them), its calls from the source given to {@link Builder#calls}.
     */
    public static Builder builder(Engine engine, Instant start) {
        return new Builder(engine, Optional.empty(), start);
    }

    /**
     * Runs everything due up to {@code until}: calls arriving, crews' steps, the control room's rounds.
     * Each command is durable before the next is decided. Earlier instants than the last do nothing.
     */
    public synchronized void step(Instant until) {
        Check.present("until", until);
        if (closed) return;
        drainEvents();
        while (!demandUntil.isAfter(until)) {
            Instant end = demandUntil.plus(DEMAND_BLOCK);
            for (Arrival a : calls.arrivals(demandUntil, end, demandRandom, surgeRandom))
                agenda.at(a.at(), at -> call(a));
            demandUntil = end;
        }
        agenda.runUntil(until, this::drainEvents);
    }

    /**
     * Steps with {@code clock}'s time every {@code tick} of real time, on a thread of its own, until
     * closed. For a demo, {@code clock} is the {@link ScaledClock} the engine was started with.
     *
     * @throws IllegalStateException when already running
     */
    public synchronized void runLive(Clock clock, Duration tick) {
        Check.present("clock", clock);
        Check.present("tick", tick);
        if (tick.toMillis() < 1) throw InvalidInputException.of("tick", tick, "must be at least 1 ms");
        if (runner != null) throw new IllegalStateException("the simulation is already running");
        runner = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("muster-sim").factory());
        runner.scheduleWithFixedDelay(
                () -> {
                    try {
                        step(clock.instant());
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "a simulation step failed; the simulation goes on", e);
                    }
                },
                0,
                tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** {@link #runLive(Clock, Duration)} every {@link #DEFAULT_TICK}. */
    public void runLive(Clock clock) {
        runLive(clock, DEFAULT_TICK);
    }

    /**
     * When the simulated control room will dispatch to {@code incident} if nobody does first (for a
     * countdown on the queue), in the simulation's time; empty when it is off or the incident needs no
     * units. Safe to call from any thread.
     */
    public Optional<Instant> autoDispatchAt(Incident incident, Instant now) {
        Check.present("incident", incident);
        Check.present("now", now);
        return dispatcher.flatMap(d -> d.dispatchAt(incident, now));
    }

    /**
     * Crews that report their positions on demand report where they stand now (each at most once a position
     * interval): call before reading units' positions from the engine. Does nothing for crews reporting every
     * interval.
     */
    public synchronized void reportPositions() {
        if (closed) return;
        drainEvents();
        crews.reportPositions();
    }

    /** The simulated time of the last step. */
    public synchronized Instant now() {
        return agenda.now();
    }

    /**
     * The control room moves an available unit to {@code to} to restore cover: its crew drives there,
     * available on the way. False when the unit is not free to move.
     */
    public boolean moveUp(UnitId unit, GeoPoint to) {
        return crews.moveUp(unit, to);
    }

    /** Whether the unit is still on its way to a move-up station. */
    public boolean isMovingUp(UnitId unit) {
        return crews.isMovingUp(unit);
    }

    public Counters.Snapshot counters() {
        return counters.snapshot();
    }

    /** The crew-time each organisation's crews spent standing off for escorts, to {@code until}. */
    public java.util.Map<org.muster.domain.organisation.OrganisationId, Duration> standingOff(Instant until) {
        return crews.standingOff(until);
    }

    public DemandModel demand() {
        return demand.orElseThrow(() -> new IllegalStateException("this simulation runs without a demand model"));
    }

    /** How many units the simulated crews are working now. */
    public synchronized int activeCrews() {
        return crews.activeJobs();
    }

    /** Stops stepping (waiting for a step under way) and stops listening to the engine; the engine stays open. */
    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService r;
        synchronized (this) {
            r = runner;
        }
        if (r != null) {
            r.shutdown();
            try {
                if (!r.awaitTermination(10, TimeUnit.SECONDS)) r.shutdownNow();
            } catch (InterruptedException e) {
                r.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        subscription.close();
    }

    private void call(Arrival arrival) {
        IncidentId id = IncidentId.of(incidentPrefix + String.format(Locale.ROOT, "%05d", ++incidents));
        if (gateway.submit(CALLS, "simulated call", arrival.toCommand(id)).isPresent()) counters.incidentCreated();
    }

    private void drainEvents() {
        for (RecordedEvent e = inbox.poll(); e != null; e = inbox.poll()) {
            crews.onEvent(e.event());
            if (e.event() instanceof Event.IncidentStatusChanged c && c.to() == IncidentStatus.CLOSED)
                counters.incidentClosed();
        }
    }

    /** Options of a {@link LiveSimulation}; every one has a default. */
    public static final class Builder {
        private final Engine engine;
        private final Optional<GeneratedRegion> region;
        private final Instant start;
        private Optional<RoadNetwork> roads = Optional.empty();
        private Optional<Agenda> agenda = Optional.empty();
        private long seed = 1;
        private DemandProfile profile = DemandProfile.busyEvening();
        private Optional<DemandModel> demand = Optional.empty();
        private Optional<CallSource> calls = Optional.empty();
        private DispatchConfig dispatch = DispatchConfig.DEFAULTS;
        private CrewConfig crew = CrewConfig.defaults();
        private boolean autoDispatch = true;
        private DispatchDelay dispatchDelay = DispatchDelay.of(DEFAULT_DISPATCH_DELAY);
        private Duration dispatchInterval = DEFAULT_DISPATCH_INTERVAL;
        private boolean adopt;
        private Optional<String> callPrefix = Optional.empty();
        private Optional<org.muster.geo.road.TravelTimes> travelTimes = Optional.empty();
        private Optional<JourneyPlanner> journeys = Optional.empty();
        private boolean positionsOnDemand;

        private Builder(Engine engine, Optional<GeneratedRegion> region, Instant start) {
            this.engine = Check.present("engine", engine);
            this.region = region;
            this.start = Check.present("start", start);
        }

        /** Calls snapped to roads, crews driving along them, and the simulated control room. */
        public Builder roads(RoadNetwork network) {
            this.roads = Optional.of(Check.present("roads", network));
            return this;
        }

        /**
         * The agenda to run on, at {@code start}: a discrete-event run passes the one its engine reads the
         * time from, so every command carries the simulated time of its action. A fresh one by default.
         */
        public Builder agenda(Agenda agenda) {
            Check.present("agenda", agenda);
            if (!agenda.now().equals(start))
                throw InvalidInputException.of("agenda", agenda.now(), "must stand at the start, " + start);
            this.agenda = Optional.of(agenda);
            return this;
        }

        /** Fixes every random choice; 1 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How much demand and when; {@link DemandProfile#busyEvening()} by default. */
        public Builder profile(DemandProfile profile) {
            this.profile = Check.present("profile", profile);
            return this;
        }

        /** A demand model of one's own instead of the region's under the profile. */
        public Builder demand(DemandModel model) {
            this.demand = Optional.of(Check.present("demand", model));
            return this;
        }

        /**
         * Calls from {@code source} instead of the demand model (which {@link #demand()} still answers): a
         * constant rate at one place, or recorded calls replayed.
         */
        public Builder calls(CallSource source) {
            this.calls = Optional.of(Check.present("calls", source));
            return this;
        }

        /** How the simulated control room's recommender ranks and limits units; the service's defaults by default. */
        public Builder dispatch(DispatchConfig config) {
            this.dispatch = Check.present("dispatch", config);
            return this;
        }

        public Builder crews(CrewConfig config) {
            this.crew = Check.present("crews", config);
            return this;
        }

        /**
         * Whether the simulated control room dispatches calls that waited {@code delay} (60 s by default)
         * with nobody dispatching them; on by default, and only with roads.
         */
        public Builder autoDispatch(boolean on) {
            this.autoDispatch = on;
            return this;
        }

        /** The same wait for every call. */
        public Builder dispatchDelay(Duration delay) {
            return dispatchDelay(DispatchDelay.of(Check.present("dispatchDelay", delay)));
        }

        /** A wait for the most urgent calls and another for the rest. */
        public Builder dispatchDelay(DispatchDelay delay) {
            this.dispatchDelay = Check.present("dispatchDelay", delay);
            return this;
        }

        public Builder dispatchInterval(Duration interval) {
            this.dispatchInterval = Check.present("dispatchInterval", interval);
            return this;
        }

        /**
         * The crews take over the units' work in progress in the engine's state (a fork of the live state):
         * see {@link SimulatedCrews#adopt}. Off by default: a demo starts with every unit free.
         */
        public Builder adoptingWorkInProgress() {
            this.adopt = true;
            return this;
        }

        /** Ids of the calls the demand raises start with {@code prefix} (by default {@code SIM-} and the log's position). */
        public Builder callIds(String prefix) {
            Check.present("callIds", prefix);
            if (!prefix.matches("[A-Z0-9-]{1,16}"))
                throw InvalidInputException.of("callIds", prefix, "must be 1 to 16 of A-Z, 0-9 and -");
            this.callPrefix = Optional.of(prefix);
            return this;
        }

        /**
         * What the simulated control room's recommender asks for travel times, instead of searching the
         * roads (a table: {@link org.muster.geo.road.TabledTravelTimes}); it must place points on the roads
         * given to {@link #roads}.
         */
        public Builder travelTimes(org.muster.geo.road.TravelTimes times) {
            this.travelTimes = Optional.of(Check.present("travelTimes", times));
            return this;
        }

        /** How the crews drive, instead of along the roads' routes. */
        public Builder journeys(JourneyPlanner planner) {
            this.journeys = Optional.of(Check.present("journeys", planner));
            return this;
        }

        /**
         * Crews report their positions where each drive ends and when the control room is about to
         * recommend ({@link #reportPositions}), not every position interval: for a run with no map to move.
         */
        public Builder positionsOnDemand() {
            this.positionsOnDemand = true;
            return this;
        }

        /** The simulation, listening to the engine from now on; nothing runs until {@link #step} or {@link #runLive}. */
        public LiveSimulation build() {
            return new LiveSimulation(this);
        }
    }
}
