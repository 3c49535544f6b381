package org.muster.sim.des;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.engine.EventListener;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * Every incident of a run, kept from the engine's events as they are recorded: when it came in, was first
 * dispatched, first reached and finished, and which units were sent. The engine's state forgets nothing
 * during a run, but this keeps the times the state does not (the first dispatch, a finished call's close).
 *
 * <p>Fed on the writer's thread while the simulation waits for each command, read once the run is over.
 */
final class IncidentLedger implements EventListener {
    private static final class Row {
        final Incident incident;
        final Optional<ZoneId> zone;
        Instant firstDispatched;
        Instant firstArrival;
        Instant finished;
        IncidentStatus status;
        final Set<UnitId> units = new TreeSet<>();

        Row(Incident incident, Optional<ZoneId> zone) {
            this.incident = incident;
            this.zone = zone;
            this.status = incident.status();
        }
    }

    private final Rules rules;
    private final Map<IncidentId, Row> rows = new TreeMap<>();
    private final Map<QueueKey, Integer> longestQueue = new TreeMap<>();

    IncidentLedger(Rules rules) {
        this.rules = rules;
    }

    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        for (RecordedEvent e : events) {
            switch (e.event()) {
                case Event.IncidentCreated c ->
                    rows.put(c.incident().id(), new Row(c.incident(), zoneOf(c.incident(), after)));
                case Event.UnitAssigned a ->
                    with(a.incident(), r -> {
                        if (r.firstDispatched == null) r.firstDispatched = e.at();
                        r.units.add(a.unit());
                    });
                case Event.UnitArrived a ->
                    with(a.incident(), r -> {
                        if (r.firstArrival == null) r.firstArrival = e.at();
                    });
                case Event.IncidentStatusChanged s ->
                    with(s.incident(), r -> {
                        r.status = s.to();
                        if (!isOpen(s.to()) && r.finished == null) r.finished = e.at();
                    });
                case Event.IncidentMerged m ->
                    with(m.duplicate(), r -> {
                        r.status = IncidentStatus.MERGED;
                        if (r.finished == null) r.finished = e.at();
                    });
                default -> {}
            }
        }
    }

    private static boolean isOpen(IncidentStatus s) {
        return s != IncidentStatus.CLOSED && s != IncidentStatus.CANCELLED && s != IncidentStatus.MERGED;
    }

    private void with(IncidentId id, java.util.function.Consumer<Row> change) {
        Row r = rows.get(id);
        if (r != null) change.accept(r);
    }

    /** The incident's organisation's zone at its location that no other zone lies within: its demand zone. */
    private Optional<ZoneId> zoneOf(Incident incident, MusterState state) {
        return org.muster.sim.demand.CallZones.zoneOf(state, rules, incident.organisation(), incident.location());
    }

    /**
     * Counts the calls of each group queued past the control room's handling time ({@link QueuedCalls}) and
     * keeps each group's most: the longest queue.
     */
    synchronized void sampleQueue(MusterState state, Instant now, java.time.Duration handling) {
        Map<QueueKey, Integer> counts = new TreeMap<>();
        for (Incident i : state.listOpenIncidents()) {
            if (!QueuedCalls.isQueued(state, i, rules.zones(), now, handling)) continue;
            Row r = rows.get(i.id());
            Optional<ZoneId> zone = r == null ? Optional.empty() : r.zone;
            counts.merge(new QueueKey(i.organisation(), Optional.empty(), i.priority()), 1, Integer::sum);
            if (zone.isPresent()) counts.merge(new QueueKey(i.organisation(), zone, i.priority()), 1, Integer::sum);
        }
        counts.forEach((k, n) -> longestQueue.merge(k, n, Math::max));
    }

    /** The most calls of the group that waited at once past the handling time, at the samples taken. */
    synchronized int longestQueue(QueueKey key) {
        return longestQueue.getOrDefault(key, 0);
    }

    /** A group of calls: an organisation's priority, in one of its zones or (zone empty) all of them. */
    record QueueKey(OrganisationId organisation, Optional<ZoneId> zone, Priority priority)
            implements Comparable<QueueKey> {
        @Override
        public int compareTo(QueueKey o) {
            int c = organisation.compareTo(o.organisation);
            if (c != 0) return c;
            c = zone.map(ZoneId::value)
                    .orElse("")
                    .compareTo(o.zone.map(ZoneId::value).orElse(""));
            return c != 0 ? c : priority.compareTo(o.priority);
        }
    }

    /** Every incident so far, by id, not yet judged ({@link IncidentRecord#judged}). */
    synchronized List<IncidentRecord> list() {
        List<IncidentRecord> out = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            Incident i = r.incident;
            out.add(new IncidentRecord(
                    i.id(),
                    i.organisation(),
                    i.priority(),
                    i.type(),
                    r.zone,
                    i.receivedAt(),
                    Optional.ofNullable(r.firstDispatched),
                    Optional.ofNullable(r.firstArrival),
                    Optional.ofNullable(r.finished),
                    r.status,
                    List.copyOf(r.units),
                    Optional.empty(),
                    false));
        }
        return out;
    }
}
