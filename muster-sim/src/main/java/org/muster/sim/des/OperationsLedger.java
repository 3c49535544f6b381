package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * What a run's shocks and policies made the engine do, kept from its events: the escorted dispatches per
 * incident, the mutual aid asked, filled and declined per organisation, and each unit's time in each
 * status from its registration (every status change is an event, so the time adds up to the run's).
 *
 * <p>Fed on the writer's thread while the simulation waits for each command, read once the run is over.
 */
final class OperationsLedger implements EventListener {
    /** One unit's clock: its status now, since when, and the time it spent in each status before. */
    private static final class Clock {
        final OrganisationId organisation;
        UnitStatus status;
        Instant since;
        final Map<UnitStatus, Duration> spent = new EnumMap<>(UnitStatus.class);

        Clock(OrganisationId organisation, UnitStatus status, Instant since) {
            this.organisation = organisation;
            this.status = status;
            this.since = since;
        }

        void move(UnitStatus to, Instant at) {
            spent.merge(status, Duration.between(since, at), Duration::plus);
            status = to;
            since = at;
        }
    }

    /** Mutual aid counts of one organisation, as requester and as addressee. */
    static final class AidCounts {
        int asked;
        int filled;
        int partlyFilled;
        int declinesReceived;
        int declinesGiven;
    }

    private final Map<UnitId, Clock> clocks = new TreeMap<>();
    private final Map<IncidentId, Integer> escorts = new HashMap<>();
    private final Map<AidRequestId, OrganisationId> requesters = new HashMap<>();
    private final Map<OrganisationId, AidCounts> aid = new TreeMap<>();

    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        for (RecordedEvent e : events) {
            switch (e.event()) {
                case Event.UnitRegistered r ->
                    clocks.put(
                            r.unit().id(),
                            new Clock(r.unit().organisation(), r.unit().status(), e.at()));
                case Event.UnitStatusChanged s -> {
                    Clock c = clocks.get(s.unit());
                    if (c != null) c.move(s.to(), e.at());
                }
                case Event.UnitAssigned a
                when a.role() == AssignmentRole.ESCORT -> escorts.merge(a.incident(), 1, Integer::sum);
                case Event.AidRequested r -> {
                    requesters.put(r.request().id(), r.request().requester());
                    counts(r.request().requester()).asked++;
                }
                case Event.AidDeclined d -> {
                    OrganisationId requester = requesters.get(d.request());
                    if (requester != null) counts(requester).declinesReceived++;
                    counts(d.decline().organisation()).declinesGiven++;
                }
                case Event.AidRequestStatusChanged s -> {
                    OrganisationId requester = requesters.get(s.request());
                    if (requester == null) break;
                    // the situation report's rule: filled whole, or in part only
                    var filling = org.muster.engine.aid.AidFilling.of(s);
                    counts(requester).filled += filling.filled();
                    counts(requester).partlyFilled += filling.partlyFilled();
                }
                default -> {}
            }
        }
    }

    /**
     * Starts every unit of {@code state}'s clock at {@code at}, in the status it stands in: a run that forks a
     * region registered before it hears none of its units' registrations, all made at the run's start.
     */
    synchronized void registered(MusterState state, Instant at) {
        for (org.muster.domain.unit.Unit u : state.units().values())
            clocks.put(u.id(), new Clock(u.organisation(), u.status(), at));
    }

    private AidCounts counts(OrganisationId organisation) {
        return aid.computeIfAbsent(organisation, o -> new AidCounts());
    }

    /** Escort assignments made to the incident. */
    synchronized int escortsOf(IncidentId incident) {
        return escorts.getOrDefault(incident, 0);
    }

    /** The organisation's mutual aid counts; all zero when it neither asked nor was asked. */
    synchronized AidCounts aidOf(OrganisationId organisation) {
        return aid.getOrDefault(organisation, new AidCounts());
    }

    /**
     * Each unit's time in each status from its registration to {@code end}, by unit id; statuses it never
     * stood in are left out.
     */
    synchronized Map<UnitId, OrganisationOperations.UnitTime> unitTimes(Instant end) {
        Map<UnitId, OrganisationOperations.UnitTime> out = new TreeMap<>();
        clocks.forEach((id, c) -> {
            Map<UnitStatus, Duration> spent = new EnumMap<>(c.spent);
            if (end.isAfter(c.since)) spent.merge(c.status, Duration.between(c.since, end), Duration::plus);
            spent.values().removeIf(Duration::isZero);
            out.put(id, new OrganisationOperations.UnitTime(id, c.organisation, spent));
        });
        return out;
    }
}
