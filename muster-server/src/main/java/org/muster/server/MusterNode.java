package org.muster.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.TransientException;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.unit.Unit;
import org.muster.engine.Engine;
import org.muster.engine.aid.AidRefusalWatch;
import org.muster.engine.aid.LendingWatch;
import org.muster.engine.archive.IncidentArchiver;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.CapacityConfig;
import org.muster.engine.capacity.CapacityMonitor;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.dispatch.ClosedRouteWatch;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.dispatch.DispatchQueue;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.moveup.MoveUpConfig;
import org.muster.engine.moveup.MoveUpPlanner;
import org.muster.engine.moveup.MoveUpWatch;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertRaiser;
import org.muster.engine.warning.AlertSource;
import org.muster.engine.warning.SurgeBaseline;
import org.muster.engine.warning.WarningProjection;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.zone.ZoneDirectory;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * One running Muster: the event log, the rules with zone geometry and roads, the single writer, and the
 * projections the API reads (response times, capacity, the dispatch queue, coverage, early warning). The
 * HTTP layer is a face on this; the demo drives the same node.
 */
public final class MusterNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MusterNode.class.getName());
    private static final long ALERT_TICK_SECONDS = 10;
    private static final long TRAIL_PRUNING_MINUTES = 60;

    private final EventStore log;
    private final Optional<CheckpointKeeper> checkpoint;
    private final Optional<RoadNetwork> roads;
    private final ZoneIndex zones;
    private final Rules rules;
    private final Clock clock;
    private final NodeEngine engine;
    /** On SQLite, this node's hold on the file: SQLite is single-node. */
    private final Optional<SqliteNodeLock> sqliteLock;

    private final ResponseTimes responses;
    private final CapacityBoard capacity;
    private final Optional<Recommender> recommender;
    private final Optional<DispatchQueue> queue;
    private final Optional<CoverageTracker> coverage;
    private final AlertRaiser alerts;
    private final PositionTrack positions;
    private final java.time.Duration trailRetention;
    /** Prunes the units' trails by age, by itself: see {@link #pruneTrails()}. */
    private final java.util.concurrent.ScheduledExecutorService trailPruning =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                    .name("muster-trail-pruning")
                    .daemon(true)
                    .unstarted(r));

    private final IncidentArchiver archiver;
    private volatile SurgeBaseline surgeBaseline;
    private final java.util.concurrent.ScheduledExecutorService alertTicks = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("muster-alert-ticks").daemon(true).unstarted(r));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final AidExpiry aidExpiry;
    private volatile AutoDispatch autoDispatch = AutoDispatch.NONE;

    private MusterNode(MusterProperties settings, Clock clock, SurgeBaseline surgeBaseline) {
        this.surgeBaseline = surgeBaseline;
        this.clock = clock;
        StoreConfig storeConfig = StoreConfig.parse(settings.store());
        Path data = Path.of(settings.data());
        this.zones = ZoneDirectory.load(data.resolve("zones"));
        // before anything is opened: a zone's target for a zone it has no shape of is refused
        ResponseTargets targets = settings.responseTargets(
                zones.listZones().stream().map(ZoneShape::id).toList());
        this.roads = roadsOf(settings);
        Rules configured = settings.rules(zones, roads);
        // before anything writes to it: a second node on one SQLite file is refused (SQLite is single-node)
        this.sqliteLock = storeConfig.findSqliteFile().map(SqliteNodeLock::take);
        try {
            this.log = EventLogs.open(storeConfig);
        } catch (RuntimeException e) {
            sqliteLock.ifPresent(SqliteNodeLock::close);
            throw e;
        }
        // finished incidents leave the state for the store's table of closed incidents: see IncidentArchiver
        this.rules = configured.withClosedIncidents(log.closedIncidents());
        Optional<Path> checkpointFile =
                settings.checkpoint().isBlank() ? Optional.empty() : Optional.of(Path.of(settings.checkpoint()));
        try {
            // a tampered log is refused before anything is built on it: see docs/security.md
            CheckpointKeeper.checkAtStart(log, checkpointFile);
        } catch (RuntimeException e) {
            log.close();
            sqliteLock.ifPresent(SqliteNodeLock::close);
            throw e;
        }
        this.positions = log.positions().withInterval(settings.trailInterval());
        this.trailRetention = settings.trailRetention();
        // the writer, or on a shared PostgreSQL whose lease another node holds, a standby following the log
        this.engine = NodeEngine.start(
                log,
                positions,
                rules,
                clock,
                WriterConfig.DEFAULTS
                        .withInboxCapacity(settings.writerInbox())
                        .withExecuteTimeout(settings.writerWait())
                        .withSnapshotEveryEvents(settings.snapshotEvery()),
                settings.standby());
        this.checkpoint = checkpointFile.map(file -> CheckpointKeeper.start(log, file));
        checkpoint.ifPresent(engine::subscribe);
        MusterState start = engine.state();

        // Projections: fed the log up to the engine's start, then kept live. No command is taken before
        // the HTTP layer opens, so nothing falls between the two.
        // finished responses go to the store's table before each snapshot, not into it: see ResponseLog
        this.responses = new ResponseTimes(rules, targets, log.responses());
        // the service's one cell index, shared by early warning and coverage
        CellIndex grid = CellIndex.h3();
        WarningProjection warnings = WarningProjection.withDefaults(
                grid,
                rules.zones(),
                log.findFirstEventTime().orElse(clock.instant()),
                1L,
                // read at each test, so that the demo can supply its demand model once it has one
                (key, from, to) -> this.surgeBaseline.expectedCount(key, from, to));
        // Each fed every event with the state as it stood then, from the newest snapshot's mementos and the
        // events after it: a start does not read the whole log. Live, the response times are fed on the
        // writer's thread; early warning on the alert thread, which its scans may keep busy.
        ProjectionFeed.replay(log, List.of(responses, warnings), start.sequence());
        // live from the writer's state, which also places units at their latest reported positions
        engine.subscribe(ProjectionFeed.continuing(List.of(responses), start));
        engine.saveWithSnapshots(responses);
        // after the response times, so that a finished incident's figures are in before it is archived
        this.archiver = IncidentArchiver.start(engine);
        this.capacity = new CapacityBoard(rules.zones(), CapacityConfig.DEFAULTS);
        // demand where calls come from: coverage's, move-up's and mutual aid's, placed on the roads once
        Optional<DemandCells> demand = roads.map(n -> DemandCells.ofService(n, grid, rules.zones()));
        // one raiser for every kind of alert: capacity, status limits, surges, hotspots, move-up
        List<AlertSource> sources = new ArrayList<>(List.of(warnings, new CapacityMonitor(capacity)));
        // move-up restores cover by the standards the Capacity tab reports it by: at each organisation's own
        // targets where it has them (a force's emergencies within its 20 minutes), the reference's otherwise
        CoverageConfig coverageConfig = CoverageConfig.of(rules.catalogue()).withOwnTargets(targets);
        demand.ifPresent(cells -> sources.add(
                new MoveUpWatch(new MoveUpPlanner(roads.orElseThrow(), cells, MoveUpConfig.DEFAULTS, coverageConfig))));
        // units on their way whose fastest route a road closure crosses
        roads.ifPresent(n -> sources.add(new ClosedRouteWatch(n, DispatchConfig.DEFAULTS.profile())));
        // units lent past the time their request asked for
        sources.add(new LendingWatch());
        // requests every organisation asked has declined, with nothing offered
        sources.add(new AidRefusalWatch());
        // crews standing off for a police escort nobody has sent
        sources.add(new org.muster.engine.dispatch.EscortWatch(rules.zones()));
        // crews at a closed zone's rendezvous point waiting for clearance nobody has given
        sources.add(new org.muster.engine.dispatch.ClearanceWatch(rules.zones()));
        // a zone's raised level past the time its supervisor said it would be reviewed
        sources.add(new org.muster.engine.warning.LevelReviewWatch());
        // calls outpacing the units that answer them, forecast against the same response targets
        sources.add(new org.muster.engine.dispatch.BacklogWatch(rules, targets));
        this.alerts = new AlertRaiser(engine, sources);
        engine.saveWithSnapshots(alerts.savedFromAlertThread(warnings));
        // a unit passes its status's time limit, or the board stands as it did at a restart, with no new
        // event to say so: look again every few seconds of real time
        trailPruning.scheduleWithFixedDelay(
                this::pruneTrailsLogged, 1, TRAIL_PRUNING_MINUTES, java.util.concurrent.TimeUnit.MINUTES);
        alertTicks.scheduleWithFixedDelay(
                () -> alerts.tick(clock.instant()), 0, ALERT_TICK_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        this.recommender = roads.map(n -> new Recommender(n, rules, DispatchConfig.DEFAULTS));
        this.queue = recommender.map(r -> new DispatchQueue(engine, r, clock));
        this.coverage = demand.map(cells -> {
            CoverageTracker tracker = CoverageTracker.start(cells, coverageConfig, engine.state(), background);
            engine.subscribe(tracker);
            return tracker;
        });
        this.aidExpiry = new AidExpiry(engine, clock, settings.aidExpiryCheck());
        // every listener is subscribed: a standby may follow the log now without one missing an event
        engine.begin();
        LOG.info("Muster node " + engine.nodeName() + (engine.isWriter() ? " (the writer)" : " (a standby)") + " on "
                + storeConfig.backend() + " at event " + start.sequence() + ", "
                + zones.listZones().size() + " zone shapes, roads "
                + roads.map(n -> n.info().toString()).orElse("none"));
    }

    /** Opens the store named in {@code settings}, rebuilds the state and starts the writer. */
    public static MusterNode start(MusterProperties settings, Clock clock) {
        return new MusterNode(settings, clock, SurgeBaseline.none());
    }

    /**
     * As {@link #start(MusterProperties, Clock)}, judging surges against {@code surgeBaseline} (a demand
     * model, imported history) until Muster has enough history of its own.
     */
    public static MusterNode start(MusterProperties settings, Clock clock, SurgeBaseline surgeBaseline) {
        return new MusterNode(settings, clock, surgeBaseline);
    }

    /**
     * The service's road network as its node loads it ({@code muster.osm}, its graph cached in the data
     * directory), for whatever else must judge as the service does; empty when the settings name none. The
     * caller closes it.
     */
    public static Optional<RoadNetwork> roadsOf(MusterProperties settings) {
        if (settings.osm().isBlank()) return Optional.empty();
        Path cache = Path.of(settings.data()).resolve("graph-cache");
        return Optional.of(RoadNetwork.load(osmFile(settings.osm()), RoadNetworkConfig.defaults(cache)));
    }

    private static Path osmFile(String osm) {
        Path f = Path.of(osm);
        if (!Files.isRegularFile(f))
            throw InvalidInputException.of("muster.osm", osm, "must be a readable .osm.pbf or .osm file");
        return f;
    }

    /** The time of the first event the log holds (after archiving, the first one left in it). */
    public Engine engine() {
        return engine;
    }

    /** Whether this node is the writer now; a standby follows the log and refuses commands, naming the writer. */
    public boolean isWriter() {
        return engine.isWriter();
    }

    /**
     * Where commands go: the writer's advertised URL as this node last saw it in the lease; empty on SQLite, or
     * while no node holds the lease.
     */
    public Optional<String> findWriterUrl() {
        return engine.writer().filter(h -> !h.expired() && !h.url().isEmpty()).map(h -> h.url());
    }

    /**
     * Stops renewing the writer lease without letting it go, as a frozen or cut-off writer would: for failover
     * tests and the failover bench, which then close the node as if it had died.
     */
    public void stopRenewingLease() {
        engine.stopRenewing();
    }

    public EventStore log() {
        return log;
    }

    /** The checkpoint file this node keeps the log's head in, when {@code muster.checkpoint} names one. */
    public Optional<Path> checkpointFile() {
        return checkpoint.map(CheckpointKeeper::file);
    }

    public Rules rules() {
        return rules;
    }

    /**
     * The incident, open or finished: from the live state, else (finished and archived) from the read model
     * of closed incidents. Visibility is the caller's to apply.
     */
    public Optional<Incident> findIncident(IncidentId id) {
        Optional<Incident> live = engine.state().findIncident(id);
        return live.isPresent() ? live : rules.closedIncidents().findIncident(id);
    }

    /** As {@link #findIncident}, or the engine's own not-found. */
    public Incident getIncident(IncidentId id) {
        return findIncident(id).orElseThrow(() -> new org.muster.domain.NotFoundException("incident", id.value()));
    }

    /** The read model of finished incidents that have left the live state. */
    public ClosedIncidents closedIncidents() {
        return rules.closedIncidents();
    }

    public Clock clock() {
        return clock;
    }

    public ZoneIndex zones() {
        return zones;
    }

    public Optional<RoadNetwork> roads() {
        return roads;
    }

    public ResponseTimes responses() {
        return responses;
    }

    /** Where what raised an active alert stands now, in its source's words: {@link AlertRaiser#standingNow}. */
    public Optional<String> alertStandingNow(org.muster.domain.alert.Alert alert, MusterState state) {
        return alerts.standingNow(alert, state, clock.instant());
    }

    public CapacityBoard capacity() {
        return capacity;
    }

    public Optional<Recommender> recommender() {
        return recommender;
    }

    public Optional<DispatchQueue> queue() {
        return queue;
    }

    /** Whoever dispatches waiting calls by itself (the demo's simulated control room); none by default. */
    public AutoDispatch autoDispatch() {
        return autoDispatch;
    }

    /**
     * Judges surges against {@code baseline} until Muster has history of its own: the demo's demand model,
     * given once the simulation that holds it is built.
     */
    public void useSurgeBaseline(SurgeBaseline baseline) {
        this.surgeBaseline = java.util.Objects.requireNonNull(baseline, "baseline");
    }

    /** Tells the node (and so the queue's countdown) who dispatches waiting calls by itself. */
    public void useAutoDispatch(AutoDispatch dispatcher) {
        this.autoDispatch = java.util.Objects.requireNonNull(dispatcher, "dispatcher");
    }

    private volatile Optional<org.muster.sim.project.Projector> projector = Optional.empty();
    private final java.util.concurrent.Semaphore projecting = new java.util.concurrent.Semaphore(1);

    /**
     * Projects the next hours with {@code p}: it knows the region's demand model (the demo's), which a node
     * does not have of its own.
     */
    public void useProjector(org.muster.sim.project.Projector p) {
        this.projector = Optional.of(java.util.Objects.requireNonNull(p, "projector"));
    }

    /**
     * A projector of this service as it stands, its demand learned from its own calls of the last four weeks
     * (the demo's node is given its region's model instead).
     *
     * @throws ConflictException when there are no roads for the simulated crews, or too little history
     */
    private org.muster.sim.project.Projector fromHistory(Instant at) {
        RoadNetwork network = roads.orElseThrow(() -> new ConflictException(
                "no demand model to project with: projections simulate crews on the roads, and this service has"
                        + " no road network (muster.osm)"));
        Rules live = engine.rules();
        return org.muster.sim.project.Projector.ofServiceHistory(
                network,
                engine.state(),
                live,
                log.findFirstEventTime().orElse(at),
                at,
                (state, clock) -> org.muster.engine.writer.SingleWriter.fork(state, live, clock));
    }

    /**
     * The calls this service received in {@code [from, to)}, as a scenario's {@code demand.replay} reads them: the
     * calls a projection learns from ({@link org.muster.sim.project.ServiceHistory#recordedCalls}).
     */
    public List<org.muster.sim.des.RecordedCall> receivedCalls(Instant from, Instant to) {
        return org.muster.sim.project.ServiceHistory.recordedCalls(engine.state(), engine.rules(), from, to);
    }

    /**
     * The next hours projected from the live state as it stands (forks of it: the live log is never touched),
     * one projection at a time.
     *
     * @throws ConflictException when the node has no demand model to project with
     * @throws TransientException when another projection is running
     */
    public org.muster.sim.project.Outlook project(org.muster.sim.project.Projector.Request request) {
        if (!projecting.tryAcquire())
            throw new TransientException("another projection is running; ask again when it has finished");
        try {
            Instant at = clock.instant();
            org.muster.sim.project.Projector p = projector.orElseGet(() -> fromHistory(at));
            StateAndFigures now = stateWithItsFigures();
            return p.project(
                    now.state(),
                    now.figures(),
                    engine.rules(),
                    at,
                    log.findFirstEventTime().orElse(at),
                    request,
                    done -> {});
        } finally {
            projecting.release();
        }
    }

    /** The live state and a fork of the response figures, both at one event. */
    private record StateAndFigures(MusterState state, ResponseTimes figures) {}

    /**
     * The live state and its response figures forked at the same event, so that a projection starts from the
     * two as one: a state a call ahead of its figures (or behind them) starts every run with a call reached that
     * the figures hold waiting, or the other way round, and it reads as a breach no crew can ever end. The
     * figures follow the writer by a batch at most, so this waits for them briefly.
     *
     * @throws TransientException when they did not meet within two seconds (the service is too busy)
     */
    private StateAndFigures stateWithItsFigures() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (true) {
            long before = responses.sequence();
            MusterState state = engine.state();
            ResponseTimes figures = responses.fork(engine.rules());
            if (before == state.sequence() && responses.sequence() == before)
                return new StateAndFigures(state, figures);
            if (System.nanoTime() > deadline)
                throw new TransientException("the response figures are behind the state (event " + responses.sequence()
                        + " against " + state.sequence() + "); ask again");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * The state and the calls waiting as they stood at {@code at}: what {@code /api/v1/history} shows. Its
     * response times hold no finished responses, so no figures.
     */
    public record History(long sequence, MusterState state, ResponseTimes responses) {}

    /**
     * Rebuilds the state and the calls waiting as they stood at {@code at}: from the nearest snapshot at or
     * before it, with the projections saved in it, so at most {@code muster.snapshot-every} events (and the
     * back-off's) are replayed however long the log; the units {@code placed} are put at their last trail fix
     * at or before the instant, since reported positions are not in the log. The engine's one way of looking
     * back ({@link Recovery#asAt}), which {@code muster board --at} reads too.
     */
    public History history(Instant at, java.util.function.Predicate<Unit> placed) {
        checkNotArchived(at);
        long sequence = Recovery.sequenceAt(log, at);
        // the calls waiting then, without the weeks of finished responses a figure would need
        ResponseTimes past = new ResponseTimes(rules, responses.targets(), org.muster.domain.log.ResponseLog.none());
        MusterState state = Recovery.asAt(log, List.of(past), sequence, at, placed);
        return new History(sequence, state, past);
    }

    /**
     * Refuses an instant before the first event the live log holds when the events before it were archived:
     * the state then can only be rebuilt from the archive files.
     *
     * @throws InvalidInputException naming {@code at} and the archives that hold that time
     */
    private void checkNotArchived(Instant at) {
        org.muster.store.Archives.requireHeld(log, "at", at);
    }

    /** The units' positions: latest and sampled trails, beside the log in the same store. */
    public PositionTrack positions() {
        return positions;
    }

    /** Removes the trail fixes older than {@code muster.trail-retention}; returns how many. */
    public long pruneTrails() {
        return positions.prune(clock.instant().minus(trailRetention));
    }

    private void pruneTrailsLogged() {
        try {
            long removed = pruneTrails();
            if (removed > 0) LOG.info("pruned " + removed + " trail positions older than " + trailRetention);
        } catch (RuntimeException e) {
            // the next run tries again; the trail only grows a little meanwhile
            LOG.warning("pruning the trails failed: " + e);
        }
    }

    public Optional<CoverageTracker> coverage() {
        return coverage;
    }

    @Override
    public void close() {
        aidExpiry.close();
        queue.ifPresent(DispatchQueue::close);
        alertTicks.shutdownNow();
        trailPruning.shutdownNow();
        alerts.close();
        archiver.close();
        engine.close();
        checkpoint.ifPresent(CheckpointKeeper::close);
        background.shutdownNow();
        log.close();
        sqliteLock.ifPresent(SqliteNodeLock::close);
        roads.ifPresent(RoadNetwork::close);
    }
}
