package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.MusterException;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;

/**
 * The incidents waiting for units, most urgent first and then longest waiting, each with its current
 * recommendation. When a unit frees (or a call comes in, or a unit is sent elsewhere) the waiting
 * incidents are recommended again at once, on the queue's own thread, and listeners hear of each new
 * recommendation.
 *
 * <p>An incident is waiting while it needs a dispatcher's decision ({@link #needsUnits}): open or waiting
 * with no unit assigned, or assigned fewer units than its requirements ask for (its ambulance taken to a
 * more urgent call, its police escort still there), or its crews sent into an escort-required zone with no
 * police escort. "No units available" is a waiting incident whose recommendation proposes nobody.
 */
public final class DispatchQueue implements EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DispatchQueue.class.getName());

    /** One waiting incident and what Muster recommends for it now. */
    public record Entry(Incident incident, Duration waiting, Recommendation recommendation) {
        public boolean noUnitsAvailable() {
            return recommendation.noUnitsAvailable();
        }

        public boolean noEscortAvailable() {
            return recommendation.noEscortAvailable();
        }
    }

    private final Engine engine;
    private final Recommender recommender;
    private final InstantSource clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("muster-queue").daemon(true).unstarted(r));
    private final Map<IncidentId, Recommendation> latest = new ConcurrentHashMap<>();
    private final List<Consumer<Recommendation>> listeners = new CopyOnWriteArrayList<>();
    private final Engine.Subscription subscription;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    public DispatchQueue(Engine engine, Recommender recommender, InstantSource clock) {
        this.engine = engine;
        this.recommender = recommender;
        this.clock = clock;
        this.subscription = engine.subscribe(this);
        requestRefresh();
    }

    /** Hears of every new recommendation for a waiting incident, on the queue's thread. */
    public void onRecommendation(Consumer<Recommendation> listener) {
        listeners.add(listener);
    }

    /** The waiting incidents in queue order, as of the engine's current state. */
    public List<Entry> listWaiting() {
        MusterState state = engine.state();
        return waiting(state, engine.rules().zones()).stream()
                .map(i -> new Entry(i, Duration.between(i.receivedAt(), clock.instant()), recommendationFor(state, i)))
                .toList();
    }

    /** Waits until every refresh asked for so far has run: for tests and orderly shutdown. */
    public void awaitIdle() {
        try {
            worker.submit(() -> {}).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        boolean refresh = false;
        for (RecordedEvent e : events) {
            refresh |= switch (e.event()) {
                case Event.IncidentCreated c -> true;
                case Event.UnitStatusChanged c ->
                    c.to() == UnitStatus.AVAILABLE
                            || c.from() == UnitStatus.AVAILABLE
                            || c.to() == UnitStatus.RETURNING;
                case Event.UnitAssigned c -> true;
                case Event.UnitReleased c -> true;
                case Event.IncidentStatusChanged c -> true;
                case Event.CrewChanged c -> true;
                // an escort-required zone keeps its calls waiting for an escort, and changes what they need
                case Event.OperatingLevelChanged c -> true;
                // routes change with the roads: a closure can change who gets there first
                case Event.RoadClosed c -> true;
                case Event.RoadReopened c -> true;
                default -> false;
            };
        }
        if (refresh) requestRefresh();
    }

    /** Queues one refresh; several asked for before it runs are one, done against the latest state. */
    private void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                refreshQueued.set(false);
                refreshAll(engine.state());
            });
        }
    }

    private void refreshAll(MusterState state) {
        List<Incident> waiting = waiting(state, engine.rules().zones());
        latest.keySet().retainAll(waiting.stream().map(Incident::id).toList());
        for (Incident i : waiting) {
            try {
                Recommendation r = recommender.recommend(state, i.id(), clock.instant(), false);
                Recommendation before = latest.put(i.id(), r);
                if (before == null
                        || !before.proposedSet().equals(r.proposedSet())
                        || !before.shortfalls().equals(r.shortfalls())) {
                    listeners.forEach(l -> l.accept(r));
                }
            } catch (MusterException e) {
                LOG.log(Level.FINE, "cannot recommend for " + i.id(), e);
            }
        }
    }

    private Recommendation recommendationFor(MusterState state, Incident i) {
        Recommendation r = latest.get(i.id());
        return r != null ? r : recommender.recommend(state, i.id(), clock.instant(), false);
    }

    /**
     * Whether the incident needs units: open or waiting with none assigned, or open, waiting, assigned or on
     * scene with fewer units than its requirements ask for, or with its crews and no police escort in a zone
     * that requires one ({@link Tasking#escortZone}). A police escort (role {@code ESCORT}) fills no
     * requirement: a call left with only its escort, its ambulance sent to a more urgent call, still needs
     * one. The one rule for the queue a dispatcher sees and for a simulated control room.
     *
     * @param zones where the zones are, to find the incident's escort-required zone
     */
    public static boolean needsUnits(MusterState state, Incident i, Rules.ZoneLocator zones) {
        return switch (i.status()) {
            case OPEN, WAITING ->
                i.assignments().isEmpty() || responders(i) < wanted(i) || needsEscort(state, i, zones);
            case ASSIGNED, ON_SCENE -> responders(i) < wanted(i) || needsEscort(state, i, zones);
            default -> false;
        };
    }

    /** Crews sent into an escort-required zone, and no escort assigned with them. */
    private static boolean needsEscort(MusterState state, Incident i, Rules.ZoneLocator zones) {
        for (var a : i.assignments()) if (a.role() == AssignmentRole.ESCORT) return false;
        return Tasking.escortZone(state, i, zones).isPresent();
    }

    /** One requirement of an incident and how many more units it wants than those assigned fill. */
    public record Unmet(ResourceRequirement requirement, int stillNeeded) {}

    /**
     * What the incident still needs, requirement by requirement and in the requirements' order (those met in
     * full with 0): each unit assigned to it, other than its police escort, fills a place of the first
     * requirement that still wants one and that its type and live capabilities ({@link
     * MusterState#liveCapabilities}) meet. The one rule for the recommender, which looks for units to fill
     * what is left, and the backlog watch, which counts the calls waiting for units of a capability.
     */
    public static List<Unmet> stillNeeded(MusterState state, Incident incident, CrewingRules crewing) {
        List<ResourceRequirement> requirements = incident.requirements();
        int[] still = new int[requirements.size()];
        for (int r = 0; r < still.length; r++) still[r] = requirements.get(r).count();
        for (Assignment a : incident.assignments()) {
            if (a.role() == AssignmentRole.ESCORT) continue;
            Unit u = state.getUnit(a.unit());
            Set<Capability> live = state.liveCapabilities(u, crewing);
            for (int r = 0; r < still.length; r++) {
                if (still[r] > 0 && requirements.get(r).isMetBy(u.type(), live)) {
                    still[r]--;
                    break;
                }
            }
        }
        List<Unmet> out = new ArrayList<>(still.length);
        for (int r = 0; r < still.length; r++) out.add(new Unmet(requirements.get(r), still[r]));
        return out;
    }

    private static int wanted(Incident i) {
        int n = 0;
        for (var r : i.requirements()) n += r.count();
        return n;
    }

    private static int responders(Incident i) {
        int n = 0;
        for (var a : i.assignments()) if (a.role() != AssignmentRole.ESCORT) n++;
        return n;
    }

    /**
     * The incidents waiting for units ({@link #needsUnits}), most urgent first and then longest waiting: the
     * queue without its recommendations, for a service that has no road network to recommend by.
     */
    public static List<Incident> waiting(MusterState state, Rules.ZoneLocator zones) {
        return state.listOpenIncidents().stream()
                .filter(i -> needsUnits(state, i, zones))
                .sorted(Comparator.comparingInt((Incident i) -> i.priority().urgency())
                        .thenComparing(Incident::receivedAt)
                        .thenComparing(i -> i.id().value()))
                .toList();
    }

    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }
}
