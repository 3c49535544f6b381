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
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.engine.dispatch.Candidate;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.state.MusterState;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;

/**
 * A simulated control room: every {@code interval} it takes the calls that have waited longer than {@code
 * delay} without all the units they need, most urgent first then longest waiting, and dispatches the
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
    private final Duration delay;
    private final Duration interval;
    private final Counters counters;
    /** Run before a round recommends anything: crews reporting on demand say where they are. */
    private Runnable beforeRecommending = () -> {};
    /** The first round: later rounds follow every {@code interval} (each round books the next). */
    private volatile Instant firstRound;

    /**
     * @param delay how long a call waits before the simulated dispatcher acts on it
     * @param interval how often it looks at the queue
     */
    public AutoDispatcher(
            EngineGateway gateway,
            Agenda agenda,
            Recommender recommender,
            Duration delay,
            Duration interval,
            Counters counters) {
        this.gateway = Check.present("gateway", gateway);
        this.agenda = Check.present("agenda", agenda);
        this.recommender = Check.present("recommender", recommender);
        this.delay = Check.present("delay", delay);
        this.interval = Check.present("interval", interval);
        if (delay.isNegative())
            throw org.muster.domain.InvalidInputException.of("delay", delay, "must not be negative");
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
     * units or the rounds have not started. Safe to call from any thread: it reads only what is fixed once
     * the rounds start.
     */
    public Optional<Instant> dispatchAt(Incident incident, Instant now) {
        Instant first = firstRound;
        if (first == null || !needsUnits(incident)) return Optional.empty();
        Instant due = incident.receivedAt().plus(delay);
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
        List<Incident> waiting = state.listOpenIncidents().stream()
                .filter(i -> !i.receivedAt().plus(delay).isAfter(now))
                .filter(AutoDispatcher::needsUnits)
                .toList();
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
        for (Incident incident : due) dispatch(incident, now);
        agenda.after(interval, this::round);
    }

    /** Waiting, or assigned fewer units than its requirements ask for. */
    private static boolean needsUnits(Incident i) {
        if (i.status() == IncidentStatus.OPEN || i.status() == IncidentStatus.WAITING) return true;
        if (i.status() != IncidentStatus.ASSIGNED && i.status() != IncidentStatus.ON_SCENE) return false;
        int wanted =
                i.requirements().stream().mapToInt(ResourceRequirement::count).sum();
        return i.assignments().size() < wanted;
    }

    private void dispatch(Incident incident, Instant now) {
        Recommendation recommendation;
        try {
            recommendation = recommender.recommend(gateway.engine().state(), incident.id(), now, false);
        } catch (MusterException e) {
            LOG.log(Level.DEBUG, () -> "no recommendation for " + incident.id() + ": " + e.getMessage());
            return;
        }
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
