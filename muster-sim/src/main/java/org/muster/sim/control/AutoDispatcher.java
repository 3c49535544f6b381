package org.muster.sim.control;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.MusterException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Incident;
import org.muster.engine.dispatch.Candidate;
import org.muster.engine.dispatch.DispatchQueue;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.state.MusterState;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;

/**
 * A simulated control room: every {@code interval} it takes the calls that have waited longer than their
 * {@link DispatchDelay} without all the units they need, most urgent first then longest waiting, and dispatches the
 * recommended units, as a dispatcher who always accepts the top recommendation would. A human who
 * dispatches first from the dashboard simply leaves it nothing to do; a dispatch refused because the state
 * moved on is dropped and tried again at the next round.
 */
public final class AutoDispatcher {
    public static final Actor ACTOR = Actor.of("sim:dispatcher");

    private static final System.Logger LOG = System.getLogger(AutoDispatcher.class.getName());

    private final EngineGateway gateway;
    private final Agenda agenda;
    private final Recommender recommender;
    private final DispatchDelay delay;
    private final Duration interval;
    private final Counters counters;
    /**
     * A call the last recommendation proposed nobody for, and the state of the units, zones and people it
     * was made against ({@link #generation}): until one of those or the call changes, a recommendation would
     * propose nobody again, so the control room waits for the units to change instead of searching again.
     */
    private record Fruitless(Incident incident, long generation) {}

    private final java.util.Map<org.muster.domain.incident.IncidentId, Fruitless> fruitless = new java.util.HashMap<>();
    /** Moves on whenever something a recommendation's choice of units reads has changed, positions aside. */
    private long generation;

    private MusterState seen;
    /** The incidents as the last scan of the open calls found them, when it found none waiting; else null. */
    private java.util.Map<org.muster.domain.incident.IncidentId, Incident> scanned;
    /** The zones as that scan found them: a zone's level decides whether a call waits for an escort. */
    private Object scannedZones;
    /** When the first call of that scan not yet due comes due; null when none. */
    private Instant nextDueAfterScan;
    /** Run before a round recommends anything: crews reporting on demand say where they are. */
    private Runnable beforeRecommending = () -> {};
    /** The first round: later rounds follow every {@code interval} (each round books the next). */
    private volatile Instant firstRound;

    /**
     * @param delay how long a call waits before the simulated dispatcher acts on it, by its urgency
     * @param interval how often it looks at the queue
     */
    public AutoDispatcher(
            EngineGateway gateway,
            Agenda agenda,
            Recommender recommender,
            DispatchDelay delay,
            Duration interval,
            Counters counters) {
        this.gateway = Check.present("gateway", gateway);
        this.agenda = Check.present("agenda", agenda);
        this.recommender = Check.present("recommender", recommender);
        this.delay = Check.present("delay", delay);
        this.interval = Check.present("interval", interval);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0)
            throw org.muster.domain.InvalidInputException.of("interval", interval, "must be at least 1 second");
        this.counters = Check.present("counters", counters);
    }

    /**
     * Runs {@code action} at each round that has calls to recommend for, before the first recommendation:
     * crews that report their positions on demand report them there. Call before {@link #start}.
     */
    public AutoDispatcher beforeRecommending(Runnable action) {
        this.beforeRecommending = Check.present("action", action);
        return this;
    }

    /** Starts the rounds: the first one {@code interval} from the agenda's now. */
    public void start() {
        firstRound = agenda.now().plus(interval);
        agenda.at(firstRound, this::round);
    }

    /**
     * When this control room will dispatch to {@code incident} if nobody does first: the first of its rounds
     * at or after both the end of the incident's wait and {@code now}; empty when the incident needs no
     * units or the rounds have not started. Safe to call from any thread: it reads what is fixed once the
     * rounds start, and the engine's current state (immutable) for the zones' levels.
     */
    public Optional<Instant> dispatchAt(Incident incident, Instant now) {
        Instant first = firstRound;
        var engine = gateway.engine();
        if (first == null
                || !DispatchQueue.needsUnits(
                        engine.state(), incident, engine.rules().zones())) return Optional.empty();
        Instant due = incident.receivedAt().plus(delay.of(incident));
        Instant from = due.isAfter(now) ? due : now;
        if (!from.isAfter(first)) return Optional.of(first);
        long rounds = ceilDiv(Duration.between(first, from).toMillis(), interval.toMillis());
        return Optional.of(first.plus(interval.multipliedBy(rounds)));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private void round(Instant now) {
        MusterState state = gateway.engine().state();
        if (nothingWaits(state, now)) {
            // as a round that found nothing due: nothing to recommend, nobody left waiting in vain
            fruitless.clear();
            seen = state;
            agenda.after(interval, this::round);
            return;
        }
        // the open set as it stands, not listOpenIncidents' sorted copy: this runs every round, and the calls
        // due are put in their own order below
        List<Incident> waiting = new java.util.ArrayList<>();
        Instant nextDue = null;
        for (org.muster.domain.incident.IncidentId id : state.openIncidents()) {
            Incident i = state.incidents().get(id);
            // the queue's rule: the calls a person would see
            if (!DispatchQueue.needsUnits(state, i, gateway.engine().rules().zones())) continue;
            Instant due = i.receivedAt().plus(delay.of(i));
            if (!due.isAfter(now)) waiting.add(i);
            else if (nextDue == null || due.isBefore(nextDue)) nextDue = due;
        }
        scanned = waiting.isEmpty() ? state.incidents() : null;
        scannedZones = state.zones();
        nextDueAfterScan = nextDue;
        // A category its organisation's escalation level holds back is sent to only when none of that
        // organisation's other calls waits for units, as a control room at that level does: the held-back
        // calls wait behind the rest, not for ever (over hours they would never close).
        java.util.Set<org.muster.domain.organisation.OrganisationId> pressed = new java.util.HashSet<>();
        for (Incident i : waiting)
            if (!state.escalationOf(i.organisation()).holdsBack(i.priority())) pressed.add(i.organisation());
        List<Incident> due = waiting.stream()
                .filter(i -> !state.escalationOf(i.organisation()).holdsBack(i.priority())
                        || !pressed.contains(i.organisation()))
                .sorted(Comparator.comparingInt((Incident i) -> i.priority().urgency())
                        .thenComparing(Incident::receivedAt)
                        .thenComparing(Incident::id))
                .toList();
        if (!due.isEmpty()) beforeRecommending.run();
        fruitless.keySet().retainAll(due.stream().map(Incident::id).toList());
        // the generation is only ever compared with a fruitless call's: with none kept, no need to work it out
        if (fruitless.isEmpty()) seen = gateway.engine().state();
        else noteChanges(gateway.engine().state());
        for (Incident incident : due) {
            Fruitless f = fruitless.get(incident.id());
            if (f != null && f.generation() == generation && f.incident() == incident) continue;
            dispatch(incident, now);
        }
        agenda.after(interval, this::round);
    }

    /**
     * Whether no call can be waiting: the calls and the zones are as the last round's scan found them with none
     * waiting (the same maps: any change to an incident or a zone's level makes a new one), and none of the calls
     * has come due since.
     */
    private boolean nothingWaits(MusterState state, Instant now) {
        return scanned != null
                && state.incidents() == scanned
                && state.zones() == scannedZones
                && (nextDueAfterScan == null || nextDueAfterScan.isAfter(now));
    }

    /**
     * Moves {@link #generation} on when anything that decides who may be recommended has changed since the
     * last round: a unit's status, organisation, lending, crew or type, or whether it has a position at all;
     * units' assignments, zones (levels), people (skills, duty), organisations (escort agreements),
     * escalation, mutual aid or road closures. A unit that only moved is not a change: within a region every
     * unit is well inside the recommender's hour, so moving changes the order of those found, not whether
     * anyone is.
     */
    private void noteChanges(MusterState s) {
        MusterState before = seen;
        seen = s;
        if (before == null
                || s.zones() != before.zones()
                || s.people() != before.people()
                || s.organisations() != before.organisations()
                || s.escalations() != before.escalations()
                || s.aidRequests() != before.aidRequests()
                || s.roadClosures() != before.roadClosures()
                || s.unitIncident() != before.unitIncident()
                || unitsChangedBesidesPosition(before, s)) generation++;
    }

    private static boolean unitsChangedBesidesPosition(MusterState before, MusterState after) {
        if (after.units() == before.units()) return false;
        if (after.units().size() != before.units().size()) return true;
        for (var e : after.units().entrySet()) {
            org.muster.domain.unit.Unit was = before.units().get(e.getKey());
            org.muster.domain.unit.Unit is = e.getValue();
            if (was == is) continue;
            if (was == null
                    || was.status() != is.status()
                    || was.type() != is.type()
                    || !was.organisation().equals(is.organisation())
                    || !was.lentTo().equals(is.lentTo())
                    || !was.crew().equals(is.crew())
                    || was.position().isPresent() != is.position().isPresent()) return true;
        }
        return false;
    }

    private void dispatch(Incident incident, Instant now) {
        Recommendation recommendation;
        try {
            recommendation = recommender.recommend(gateway.engine().state(), incident.id(), now, false);
        } catch (MusterException e) {
            LOG.log(Level.DEBUG, () -> "no recommendation for " + incident.id() + ": " + e.getMessage());
            return;
        }
        if (recommendation.fills().stream().allMatch(f -> f.proposed().isEmpty()))
            fruitless.put(incident.id(), new Fruitless(incident, generation));
        else fruitless.remove(incident.id());
        for (Recommendation.Fill fill : recommendation.fills()) {
            for (Candidate c : fill.proposed()) {
                var sent = gateway.submit(
                        ACTOR,
                        "auto-dispatch (top recommendation): " + c.reason(),
                        new Command.AssignUnit(incident.id(), c.unit(), fill.role()));
                if (sent.isPresent()) counters.unitDispatched();
            }
        }
    }
}
