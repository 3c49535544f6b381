package org.muster.engine.performance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.Check;
import org.muster.domain.TransientException;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.domain.incident.Response;
import org.muster.domain.log.ResponseLog;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.engine.SavedProjection;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * Response times against their targets (national standards, organisations' own), kept from the event stream: each incident's time from
 * the call to the arrival that stops its clock, then the mean and 90th centile per priority, per
 * organisation and per zone, over rolling windows. Calls served in a downgraded zone by a unit from
 * outside it are counted as rerouted, once each, per zone and on the day of the first such unit's assignment,
 * by the one rule of a rerouted call ({@link Tasking#reroutedInto}), which reads only what the log records.
 * Fed on the writer's thread, so every step is small; a restart rebuilds it by feeding the log's events in
 * order.
 *
 * <p>Readers (request threads) never lock against the writer: each batch of events builds a new immutable
 * {@link View} on persistent collections (a change costs a few nodes, not a copy) and publishes it through
 * one volatile reference; a reader takes the reference once and reads a consistent picture from it.
 */
public final class ResponseTimes implements SavedProjection<ResponseTimes.Memento> {
    /** The windows the issue names: last hour, last day, last 28 days. */
    public enum Window {
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofHours(24)),
        FOUR_WEEKS(Duration.ofDays(28));

        private final Duration length;

        Window(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }
    }

    /** A waiting call: received, no clock-stopping arrival yet. */
    public record Waiting(IncidentId incident, Priority priority, OrganisationId organisation, Duration waited) {}

    private record Open(Incident incident, List<ZoneId> zones, boolean suspended) {}

    /**
     * What a snapshot keeps of the response times: where they stood (the last event fed and its time), the
     * calls not reached yet, the rerouted calls per zone and day, and the calls still open already counted as
     * rerouted (so that another unit from outside sent to one after a restart does not count it again). The
     * finished responses are not in it: they are in the {@link ResponseLog}, written before the snapshot is
     * saved.
     *
     * @param counted the open calls counted as rerouted, with the zones each was counted in; none in a
     *     snapshot saved before calls were counted once each
     */
    public record Memento(
            long sequence, Instant at, List<OpenCall> open, List<ReroutedDay> rerouted, List<ReroutedCall> counted) {
        public Memento {
            open = List.copyOf(open);
            rerouted = List.copyOf(rerouted);
            counted = counted == null ? List.of() : List.copyOf(counted);
        }
    }

    /**
     * A call not reached yet, as it came in.
     *
     * @param suspended it lay in a downgraded zone of its organisation when it came in
     */
    public record OpenCall(Incident incident, List<ZoneId> zones, boolean suspended) {
        public OpenCall {
            zones = List.copyOf(zones);
        }
    }

    public record ReroutedDay(ZoneId zone, LocalDate day, int calls) {}

    /** A call still open, already counted as rerouted into these zones. */
    public record ReroutedCall(IncidentId incident, List<ZoneId> zones) {
        public ReroutedCall {
            zones = List.copyOf(zones);
        }
    }

    /** Everything the statistics are computed from, as of one batch; never changed once published. */
    private record View(
            PMap<IncidentId, Open> open,
            ResponseWindow responses,
            PMap<ZoneId, PMap<LocalDate, Integer>> rerouted,
            PMap<IncidentId, PSet<ZoneId>> counted,
            long sequence,
            Instant at) {
        static final View EMPTY = new View(
                HashTreePMap.empty(),
                ResponseWindow.EMPTY,
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                0,
                Instant.EPOCH);

        View withOpen(PMap<IncidentId, Open> o) {
            return new View(o, responses, rerouted, counted, sequence, at);
        }

        View withResponses(ResponseWindow r) {
            return new View(open, r, rerouted, counted, sequence, at);
        }

        View withRerouted(PMap<ZoneId, PMap<LocalDate, Integer>> r, PMap<IncidentId, PSet<ZoneId>> c) {
            return new View(open, responses, r, c, sequence, at);
        }

        /** The call gone for good (closed, cancelled, merged): no unit will be sent to it again. */
        View finished(IncidentId incident) {
            PMap<IncidentId, Open> o = open.minus(incident);
            PMap<IncidentId, PSet<ZoneId>> c = counted.minus(incident);
            return o == open && c == counted ? this : new View(o, responses, rerouted, c, sequence, at);
        }

        View at(long s, Instant t) {
            return new View(open, responses, rerouted, counted, s, t);
        }
    }

    private static final Logger LOG = Logger.getLogger(ResponseTimes.class.getName());

    private final Rules rules;
    private final ResponseTargets targets;
    private final ResponseLog log;
    /** How long finished responses are kept in memory: the longest window, or a simulated run's length. */
    private final Duration keep;

    private volatile View view = View.EMPTY;
    /** The last event whose responses are in the log; only the snapshot's thread moves it. */
    private volatile long writtenUpTo;
    /**
     * The instant of the snapshot captured (or restored) before the one being captured: a start restores from
     * that snapshot at the earliest (if the newer one's save fails), reading the longest window before it, so
     * responses stopped before that window are no longer needed.
     */
    private volatile Instant previousSnapshotAt;

    /** Response times whose finished responses are kept in memory only: a service without a store, tests. */
    public ResponseTimes(Rules rules, ResponseTargets targets) {
        this(rules, targets, ResponseLog.inMemory());
    }

    /**
     * @param log where finished responses are written before each snapshot and read back from at a restore;
     *     {@link ResponseLog#none()} for a look at the past, which needs only the calls waiting then
     */
    public ResponseTimes(Rules rules, ResponseTargets targets, ResponseLog log) {
        this(rules, targets, log, Window.FOUR_WEEKS.length());
    }

    private ResponseTimes(Rules rules, ResponseTargets targets, ResponseLog log, Duration keep) {
        this.rules = Check.present("rules", rules);
        this.targets = Check.present("targets", targets);
        this.log = Check.present("log", log);
        this.keep = Check.present("keep", keep);
    }

    /**
     * Response times in memory only that keep every finished response for {@code keep} (at least the longest
     * window): a simulated run longer than four weeks is judged over its whole length.
     */
    public static ResponseTimes keeping(Rules rules, ResponseTargets targets, Duration keep) {
        Duration longest = Window.FOUR_WEEKS.length();
        return new ResponseTimes(rules, targets, ResponseLog.inMemory(), keep.compareTo(longest) > 0 ? keep : longest);
    }

    /**
     * The part's name. Snapshots saved before the responses moved to the {@link ResponseLog} carry them
     * under {@code response-times}, in a form this memento does not read: a store upgraded from then
     * starts its first time from events instead, and writes this part from its next snapshot on.
     */
    @Override
    public String name() {
        return "response-times-2";
    }

    @Override
    public Class<Memento> mementoType() {
        return Memento.class;
    }

    /**
     * Takes the published view (immutable), so building the memento later reads it as it was now. Building
     * it writes the responses finished since the last one to the log first: a snapshot is saved only after
     * its responses are durable, and one whose write failed is not saved at all (the next one writes them).
     */
    @Override
    public Supplier<Memento> capture() {
        View v = view;
        return () -> {
            long from = writtenUpTo;
            List<Response> unwritten = new ArrayList<>();
            for (int i = v.responses().size() - 1; i >= 0 && v.responses().sequence(i) > from; i--)
                unwritten.add(v.responses().get(i));
            log.append(unwritten.reversed());
            writtenUpTo = Math.max(from, v.sequence());
            forgetBefore(previousSnapshotAt);
            previousSnapshotAt = v.at();
            return memento(v);
        };
    }

    /**
     * Forgets the responses no start can need any more: older than the longest window before {@code snapshotAt}.
     * A failure is logged and left for the next snapshot; it must not keep this one from being saved.
     */
    private void forgetBefore(Instant snapshotAt) {
        if (snapshotAt == null) return;
        try {
            log.forgetStoppedBefore(snapshotAt.minus(Window.FOUR_WEEKS.length()));
        } catch (TransientException e) {
            LOG.log(
                    Level.WARNING,
                    "could not forget the responses older than four weeks; trying at the next snapshot",
                    e);
        }
    }

    private static Memento memento(View v) {
        return new Memento(
                v.sequence(),
                v.at(),
                openCalls(v),
                v.rerouted().entrySet().stream()
                        .flatMap(z -> z.getValue().entrySet().stream()
                                .map(d -> new ReroutedDay(z.getKey(), d.getKey(), d.getValue())))
                        .sorted(Comparator.comparing((ReroutedDay r) -> r.zone().value())
                                .thenComparing(ReroutedDay::day))
                        .toList(),
                v.counted().entrySet().stream()
                        .map(c -> new ReroutedCall(
                                c.getKey(),
                                c.getValue().stream()
                                        .sorted(Comparator.comparing(ZoneId::value))
                                        .toList()))
                        .sorted(Comparator.comparing(c -> c.incident().value()))
                        .toList());
    }

    @Override
    public synchronized void restore(Memento memento) {
        PMap<IncidentId, Open> open = HashTreePMap.empty();
        for (OpenCall c : memento.open())
            open = open.plus(c.incident().id(), new Open(c.incident(), c.zones(), c.suspended()));
        PMap<ZoneId, PMap<LocalDate, Integer>> rerouted = HashTreePMap.empty();
        for (ReroutedDay r : memento.rerouted())
            rerouted = rerouted.plus(
                    r.zone(),
                    rerouted.getOrDefault(r.zone(), HashTreePMap.empty()).plus(r.day(), r.calls()));
        PMap<IncidentId, PSet<ZoneId>> counted = HashTreePMap.empty();
        for (ReroutedCall c : memento.counted()) counted = counted.plus(c.incident(), HashTreePSet.from(c.zones()));
        // the responses of the longest window before the snapshot, as trim would have kept them
        List<Response> responses =
                log.listStoppedSince(memento.at().minus(Window.FOUR_WEEKS.length()), memento.sequence());
        writtenUpTo = memento.sequence();
        previousSnapshotAt = memento.at();
        view = new View(open, ResponseWindow.of(responses), rerouted, counted, memento.sequence(), memento.at());
    }

    /**
     * Serialised against other feeds (the writer's thread, or a replay at start) only; readers take the
     * published view and never wait for this.
     */
    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        View v = view;
        for (RecordedEvent e : events) v = apply(v, e, after);
        RecordedEvent last = events.get(events.size() - 1);
        // reported positions (sequence 0) move no figure and are not where the log stands
        if (last.sequence() > 0) v = v.at(last.sequence(), last.at());
        view = trim(v, last.at(), keep);
    }

    private View apply(View v, RecordedEvent e, MusterState state) {
        PMap<IncidentId, Open> open = v.open();
        return switch (e.event()) {
            case Event.IncidentCreated c -> {
                Incident i = c.incident();
                List<ZoneId> zones = rules.zones().zonesAt(i.location());
                // judged once, as the call came in: a level set after it changes nothing of its figures
                boolean suspended = Tasking.targetsSuspended(state, i.organisation(), zones);
                yield v.withOpen(open.plus(i.id(), new Open(i, zones, suspended)));
            }
            case Event.UnitArrived a -> {
                Open o = open.get(a.incident());
                if (o == null || !stopsClock(state, o.incident(), a)) yield v;
                yield v.withOpen(open.minus(a.incident()))
                        .withResponses(v.responses()
                                .plus(new Response(
                                        e.sequence(),
                                        o.incident().id(),
                                        o.incident().organisation(),
                                        o.incident().priority(),
                                        o.zones(),
                                        o.incident().receivedAt(),
                                        e.at(),
                                        o.suspended())));
            }
            // a state later than the event (a replay at start) may no longer hold a finished, archived incident
            case Event.UnitAssigned a ->
                state.findIncident(a.incident())
                        .or(() -> Optional.ofNullable(open.get(a.incident())).map(Open::incident))
                        .map(i -> countRerouted(v, state, i, a, e.at()))
                        .orElse(v);
            case Event.IncidentStatusChanged s ->
                s.to() == IncidentStatus.CANCELLED || s.to() == IncidentStatus.CLOSED ? v.finished(s.incident()) : v;
            case Event.IncidentMerged m -> v.finished(m.duplicate());
            default -> v;
        };
    }

    private boolean stopsClock(MusterState state, Incident incident, Event.UnitArrived a) {
        if (targets.clockStop() == ResponseTargets.ClockStop.FIRST_ARRIVAL
                || incident.requirements().isEmpty()) return true;
        Unit u = state.getUnit(a.unit());
        Set<Capability> live = state.liveCapabilities(u, rules.crewing());
        return ResourceRequirement.clockStopping(incident.priority(), incident.requirements()).stream()
                .anyMatch(r -> r.isMetBy(u.type(), live));
    }

    /**
     * A unit from outside a downgraded zone sent to a call in it ({@link Tasking#reroutedInto}, judged with the
     * state right after the assignment): the call counted as rerouted in that zone on the assignment's day,
     * unless another unit from outside was sent to it before. Calls, not units: a call served by two units from
     * outside is one rerouted call.
     */
    private View countRerouted(View v, MusterState state, Incident i, Event.UnitAssigned a, Instant at) {
        Optional<Unit> unit = state.findUnit(a.unit());
        if (unit.isEmpty()) return v;
        List<Zone> into = Tasking.of(state, i, rules).reroutedInto(unit.get(), a.role());
        if (into.isEmpty()) return v;
        PSet<ZoneId> already = v.counted().getOrDefault(i.id(), HashTreePSet.empty());
        PSet<ZoneId> counted = already;
        PMap<ZoneId, PMap<LocalDate, Integer>> rerouted = v.rerouted();
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        for (Zone zone : into) {
            if (counted.contains(zone.id())) continue;
            PMap<LocalDate, Integer> days = rerouted.getOrDefault(zone.id(), HashTreePMap.empty());
            rerouted = rerouted.plus(zone.id(), days.plus(day, days.getOrDefault(day, 0) + 1));
            counted = counted.plus(zone.id());
        }
        return counted == already ? v : v.withRerouted(rerouted, v.counted().plus(i.id(), counted));
    }

    private static View trim(View v, Instant now, Duration keep) {
        ResponseWindow responses = v.responses().stoppedSince(now.minus(keep));
        return responses == v.responses() ? v : v.withResponses(responses);
    }

    /**
     * The statistics of one priority of one organisation over a window, for the responses and the waiting
     * calls that match (all of the organisation's, or those in a zone), against the organisation's target.
     */
    private ResponseStats stats(
            OrganisationId organisation,
            Priority priority,
            Duration over,
            Instant now,
            Predicate<List<ZoneId>> where,
            Predicate<IncidentId> which,
            ResponseTargets.Target target) {
        View v = view;
        Instant from = now.minus(over);
        List<Duration> times = v.responses().times(organisation, priority, from, where, which);
        // calls not reached yet are judged now, whatever the window: they are the service's worst
        List<Duration> waits = new ArrayList<>();
        for (Open o : v.open().values()) {
            Incident i = o.incident();
            if (i.priority() == priority
                    && i.organisation().equals(organisation)
                    && !o.suspended()
                    && where.test(o.zones())
                    && which.test(i.id())) waits.add(positive(Duration.between(i.receivedAt(), now)));
        }
        return ResponseStats.of(times, waits, target);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The organisation's response times for the priority, with its calls still waiting. */
    public ResponseStats statsForOrganisation(OrganisationId org, Priority p, Window w, Instant now) {
        return stats(org, p, w.length(), now, zones -> true, all -> true, targets.targetFor(org, p));
    }

    /**
     * As {@link #statsForOrganisation(OrganisationId, Priority, Window, Instant)}, over the responses stopped in
     * the last {@code over}: a simulated run's whole length, up to what these response times keep.
     */
    public ResponseStats statsForOrganisation(OrganisationId org, Priority p, Duration over, Instant now) {
        return stats(org, p, over, now, zones -> true, all -> true, targets.targetFor(org, p));
    }

    /**
     * The response times of the organisation's calls in one of its zones, with those still waiting there,
     * against the zone's own target where it has one (a rural zone's 20 minutes), else the organisation's.
     */
    public ResponseStats statsForZone(ZoneId zone, OrganisationId org, Priority p, Window w, Instant now) {
        return statsForZone(zone, org, p, w.length(), now);
    }

    /** As {@link #statsForZone(ZoneId, OrganisationId, Priority, Window, Instant)}, over the last {@code over}. */
    public ResponseStats statsForZone(ZoneId zone, OrganisationId org, Priority p, Duration over, Instant now) {
        return stats(org, p, over, now, zones -> zones.contains(zone), all -> true, targets.targetFor(zone, org, p));
    }

    /**
     * As {@link #statsForOrganisation(OrganisationId, Priority, Duration, Instant)}, for only the calls that
     * {@code which} accepts: a simulated run's figures for one kind of call, say.
     */
    public ResponseStats statsForCalls(
            OrganisationId org, Priority p, Duration over, Instant now, Predicate<IncidentId> which) {
        return stats(org, p, over, now, zones -> true, which, targets.targetFor(org, p));
    }

    /**
     * Figures that go on from these as they stand now, on a fork of the state whose log starts afresh at
     * sequence 0 (a projection of the next hours): the calls waiting, the responses of the last weeks and the
     * rerouted counts, in memory only. Nothing is written, and this projection is not changed.
     */
    public ResponseTimes fork(Rules forkRules) {
        ResponseTimes copy = new ResponseTimes(forkRules, targets, ResponseLog.none(), keep);
        View v = view;
        copy.view = v.withResponses(v.responses().fork()).at(0, v.at());
        return copy;
    }

    /**
     * The last event these figures stand at (0 for a fork, whose log starts afresh): a reader that must pair
     * them with the state compares it with the state's sequence.
     */
    public long sequence() {
        return view.sequence();
    }

    /** The targets judged against: national standards, organisations' own and zones' own. */
    public ResponseTargets targets() {
        return targets;
    }

    /** Calls still waiting for the arrival that stops their clock, longest first. */
    public List<Waiting> listWaiting(Instant now) {
        return view.open().values().stream()
                .map(o -> new Waiting(
                        o.incident().id(),
                        o.incident().priority(),
                        o.incident().organisation(),
                        Duration.between(o.incident().receivedAt(), now)))
                .sorted(Comparator.comparing(Waiting::waited).reversed())
                .toList();
    }

    /**
     * Every call not reached yet, by id, with whether its targets are suspended (it came in in a downgraded zone
     * of its organisation): the suspended ones are in no {@link ResponseStats}' waiting calls. A call closed,
     * cancelled or merged before its clock stopped is neither here nor among the responses.
     */
    public List<OpenCall> listOpen() {
        return openCalls(view);
    }

    private static List<OpenCall> openCalls(View v) {
        return v.open().values().stream()
                .map(o -> new OpenCall(o.incident(), o.zones(), o.suspended()))
                .sorted(Comparator.comparing(c -> c.incident().id().value()))
                .toList();
    }

    /**
     * Calls in a downgraded zone served from outside it, per day: each call once, on the day the first unit
     * from outside was sent to it ({@link Tasking#reroutedInto}).
     */
    public Map<LocalDate, Integer> reroutedIn(ZoneId zone) {
        return Map.copyOf(view.rerouted().getOrDefault(zone, HashTreePMap.empty()));
    }

    /** Every response still in the longest window, oldest first. */
    public List<Response> listResponses() {
        return view.responses().toList();
    }
}
