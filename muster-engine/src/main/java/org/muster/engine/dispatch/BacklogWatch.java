package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;
import org.muster.engine.warning.BacklogConfig;
import org.muster.engine.warning.BacklogForecast;
import org.muster.engine.warning.BacklogForecaster;
import org.muster.engine.warning.BacklogInput;

/**
 * Calls outpacing the units that answer them. For each organisation and each of its priorities with a response
 * target, most urgent first, the backlog is forecast ({@link BacklogForecaster}: Erlang C and a fluid model of
 * the queue) over the calls of that priority and the more urgent ones ahead of them in the queue; the first whose
 * wait target is forecast to be breached within the horizon gives the organisation an alert, addressed to it,
 * with the forecast's figures in words: bring more units on duty, or ask for mutual aid.
 *
 * <p>The forecast's inputs ({@link #read}), for organisation {@code O} and priority {@code P}:
 *
 * <ul>
 *   <li>arrivals per hour: {@code O}'s calls of {@code P} or more urgent received in the last {@link
 *       Config#arrivalWindow} (an hour), as heard since the watch started, and the open ones in the state before
 *       that (after a restart the calls already closed are not counted until the window has passed);
 *   <li>units: those working for {@code O} (its own not lent out, and those lent to it) that are on duty, free
 *       to send ({@link MusterState#isFreeToSend}) or busy on a job; a unit off duty ({@code UNAVAILABLE}) serves
 *       no call;
 *   <li>mean job time: over {@code O}'s last {@link Config#jobsKept} jobs, each from a unit's dispatch until it
 *       is available again; {@link Config#defaultJobTime} until {@link Config#fewestJobs} have finished;
 *   <li>calls waiting: the dispatch queue's ({@link DispatchQueue#waiting}) calls of {@code O} of {@code P} or
 *       more urgent, less those the units free now can take (the first in the queue's order): a call waiting
 *       while a unit is free waits for a dispatcher, not for capacity. The longest wait is the longest of the
 *       rest, from when the call was received;
 *   <li>wait target: {@code P}'s response target ({@link ResponseTargets.Target#limit}, the 90th centile else
 *       the mean) less the expected travel: the mean time from dispatch to on scene over the same jobs, or
 *       {@link Config#defaultTravel} until enough have arrived. A priority whose target the travel alone uses
 *       up is not forecast.
 * </ul>
 *
 * <p>One alert per <b>episode</b>: while a breach is forecast, and until none has been for {@link
 * Config#calmFor}, the alert raised first stands, whatever the figures do meanwhile, so a supervisor's accept
 * or dismiss holds for the episode; a breach forecast again after that is a new episode and a new alert. After
 * a restart, an unresolved backlog alert of the organisation is taken as the episode going on if a breach is
 * forecast at the first look.
 *
 * <p>Fed the engine's events and asked for its conditions on the alert raiser's thread.
 */
public final class BacklogWatch implements AlertSource {
    static final String KIND = "backlog";
    static final String KEY = KIND + ":";

    /**
     * How the forecast's inputs are read from the service.
     *
     * @param arrivalWindow the recent calls counted for the arrival rate. Default an hour
     * @param jobsKept the finished jobs per organisation the mean job time and travel are taken over. Default 50
     * @param fewestJobs fewer finished jobs than this, and the defaults are used instead. Default 5
     * @param defaultJobTime a unit's time per call until enough jobs have finished. Default an hour
     * @param defaultTravel dispatch to on scene until enough units have arrived. Default 8 minutes
     * @param calmFor how long no breach must be forecast before an episode ends and its alert is resolved.
     *     Default 30 minutes
     * @param forecast the forecaster's own settings (its horizon)
     */
    public record Config(
            Duration arrivalWindow,
            int jobsKept,
            int fewestJobs,
            Duration defaultJobTime,
            Duration defaultTravel,
            Duration calmFor,
            BacklogConfig forecast) {
        public static final Config DEFAULTS = new Config(
                Duration.ofHours(1),
                50,
                5,
                Duration.ofHours(1),
                Duration.ofMinutes(8),
                Duration.ofMinutes(30),
                BacklogConfig.DEFAULTS);

        public Config {
            var check = Check.collecting();
            if (!positive(arrivalWindow)) check.add("arrivalWindow", arrivalWindow, "must be more than 0");
            if (jobsKept < 1) check.add("jobsKept", jobsKept, "must be at least 1");
            if (fewestJobs < 1 || fewestJobs > jobsKept)
                check.add("fewestJobs", fewestJobs, "must be from 1 to jobsKept, " + jobsKept);
            if (!positive(defaultJobTime)) check.add("defaultJobTime", defaultJobTime, "must be more than 0");
            if (defaultTravel == null || defaultTravel.isNegative())
                check.add("defaultTravel", defaultTravel, "must be 0 or more");
            if (calmFor == null || calmFor.isNegative()) check.add("calmFor", calmFor, "must be 0 or more");
            if (forecast == null) check.add("forecast", forecast, "must be given");
            check.throwIfAny();
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }
    }

    /**
     * The forecast's inputs for one organisation's calls of a priority and the more urgent, with where they came
     * from.
     *
     * @param priority the priority whose target is judged
     * @param responseTarget its response target's limit
     * @param travel the expected travel taken off it
     * @param arrivedJobs the jobs whose travel was measured; 0 when {@code travel} is the default
     * @param finishedJobs the jobs whose time was measured; 0 when the mean job time is the default
     * @param freeUnits the units free to send now, which take the first waiting calls
     * @param input what the forecaster is given
     */
    record Reading(
            Priority priority,
            Duration responseTarget,
            Duration travel,
            int arrivedJobs,
            int finishedJobs,
            int freeUnits,
            BacklogInput input) {}

    private record Arrival(IncidentId incident, Instant received, Priority priority) {}

    /** A unit on a job: for whom, since its dispatch, and when it got there. */
    private record Busy(OrganisationId organisation, Instant since, Optional<Instant> arrived) {}

    private record Job(Duration time, Optional<Duration> travel) {}

    /** A forecast breach going on: the condition raised first, and when a breach was last forecast. */
    private record Episode(Condition condition, Instant lastBreach) {}

    private final Rules.ZoneLocator zones;
    private final ResponseTargets targets;
    private final Config config;
    private final BacklogForecaster forecaster;

    private final Map<OrganisationId, Deque<Arrival>> arrivals = new HashMap<>();
    private final Map<UnitId, Busy> busy = new HashMap<>();
    private final Map<OrganisationId, Deque<Job>> jobs = new HashMap<>();
    private final Map<OrganisationId, Episode> episodes = new HashMap<>();
    private final Set<OrganisationId> lookedAt = new HashSet<>();

    /**
     * @param zones where the zones are, for the dispatch queue's rule
     * @param targets the service's response targets, which the wait targets come from
     */
    public BacklogWatch(Rules.ZoneLocator zones, ResponseTargets targets, Config config) {
        this.zones = Check.present("zones", zones);
        this.targets = Check.present("targets", targets);
        this.config = Check.present("config", config);
        this.forecaster = new BacklogForecaster(config.forecast());
    }

    public BacklogWatch(Rules.ZoneLocator zones, ResponseTargets targets) {
        this(zones, targets, Config.DEFAULTS);
    }

    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        for (RecordedEvent r : events) {
            if (r.event() instanceof Event.IncidentCreated c) {
                Incident i = c.incident();
                arrivals.computeIfAbsent(i.organisation(), o -> new ArrayDeque<>())
                        .addLast(new Arrival(i.id(), i.receivedAt(), i.priority()));
            } else if (r.event() instanceof Event.UnitAssigned a) {
                // a diverted unit's job goes on from its first dispatch: the time it is kept from the queue
                if (!busy.containsKey(a.unit()))
                    after.findUnit(a.unit())
                            .ifPresent(u -> busy.put(u.id(), new Busy(u.workingFor(), r.at(), Optional.empty())));
            } else if (r.event() instanceof Event.UnitStatusChanged s && busy.containsKey(s.unit())) {
                Busy b = busy.get(s.unit());
                if (s.to() == UnitStatus.ON_SCENE && b.arrived().isEmpty()) {
                    busy.put(s.unit(), new Busy(b.organisation(), b.since(), Optional.of(r.at())));
                } else if (s.to() == UnitStatus.AVAILABLE) {
                    busy.remove(s.unit());
                    finished(b, r.at());
                } else if (s.to() == UnitStatus.UNAVAILABLE) {
                    busy.remove(s.unit()); // off duty mid-job: not a job's length
                }
            }
        }
        if (!events.isEmpty()) forget(events.getLast().at().minus(config.arrivalWindow()));
    }

    private void finished(Busy b, Instant at) {
        Deque<Job> kept = jobs.computeIfAbsent(b.organisation(), o -> new ArrayDeque<>());
        kept.addLast(new Job(Duration.between(b.since(), at), b.arrived().map(a -> Duration.between(b.since(), a))));
        while (kept.size() > config.jobsKept()) kept.removeFirst();
    }

    private void forget(Instant before) {
        for (Deque<Arrival> heard : arrivals.values())
            while (!heard.isEmpty() && heard.peekFirst().received().isBefore(before)) heard.removeFirst();
    }

    @Override
    public synchronized List<Condition> listConditions(MusterState state, Instant now) {
        List<Condition> out = new ArrayList<>();
        List<Organisation> organisations = state.organisations().values().stream()
                .sorted(Comparator.comparing(Organisation::id))
                .toList();
        for (Organisation o : organisations) {
            Optional<Forecast> breach = firstBreach(state, o, now);
            Episode e = episodes.get(o.id());
            if (breach.isPresent()) {
                Condition c = e != null
                        ? e.condition()
                        : condition(
                                state,
                                o,
                                breach.get(),
                                firstLook(o.id()) ? adopted(state, o.id()).orElse(now) : now);
                e = new Episode(c, now);
            }
            lookedAt.add(o.id());
            if (e == null) continue;
            if (breach.isEmpty() && !now.isBefore(e.lastBreach().plus(config.calmFor()))) {
                episodes.remove(o.id());
                continue;
            }
            episodes.put(o.id(), e);
            out.add(e.condition());
        }
        return out;
    }

    private boolean firstLook(OrganisationId organisation) {
        return !lookedAt.contains(organisation);
    }

    /** The episode an unresolved backlog alert of the organisation stands for, from before a restart. */
    private static Optional<Instant> adopted(MusterState state, OrganisationId organisation) {
        return state.alerts().values().stream()
                .filter(a -> a.key().equals(KEY + organisation.value()) && a.status() != AlertStatus.RESOLVED)
                .max(Comparator.comparing(Alert::raisedAt))
                .flatMap(a -> {
                    try {
                        return Optional.of(Instant.parse(a.evidence().getOrDefault("state", "")));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private record Forecast(Reading reading, BacklogForecast forecast) {}

    /** The most urgent of the organisation's priorities whose wait target is forecast to be breached. */
    private Optional<Forecast> firstBreach(MusterState state, Organisation o, Instant now) {
        List<Priority> judged = java.util.Arrays.stream(Priority.values())
                .filter(p -> p.appliesTo(o.agency()))
                .sorted(Comparator.comparingInt(Priority::urgency))
                .toList();
        for (Priority p : judged) {
            Optional<Reading> r = read(state, o, p, now);
            if (r.isEmpty()) continue;
            BacklogForecast f = forecaster.forecast(r.get().input());
            if (f.timeToBreach().isPresent()) return Optional.of(new Forecast(r.get(), f));
        }
        return Optional.empty();
    }

    /**
     * The forecast's inputs for the organisation's calls of {@code priority} and the more urgent, now; empty when
     * the priority has no response target, or the expected travel alone uses it up.
     */
    synchronized Optional<Reading> read(MusterState state, Organisation o, Priority priority, Instant now) {
        Optional<Duration> target = targets.targetFor(o, priority).limit();
        if (target.isEmpty()) return Optional.empty();
        List<Job> recent = List.copyOf(jobs.getOrDefault(o.id(), new ArrayDeque<>()));
        List<Duration> travels =
                recent.stream().flatMap(j -> j.travel().stream()).toList();
        Duration travel = travels.size() >= config.fewestJobs() ? mean(travels) : config.defaultTravel();
        Duration waitTarget = target.get().minus(travel);
        if (waitTarget.isNegative() || waitTarget.isZero()) return Optional.empty();
        List<Duration> times = recent.stream().map(Job::time).toList();
        Duration jobTime = times.size() >= config.fewestJobs() ? mean(times) : config.defaultJobTime();
        // a measured mean of nothing (units freed the instant they were sent) would serve calls infinitely fast
        jobTime = jobTime.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : jobTime;

        int onDuty = 0;
        int free = 0;
        for (Unit u : state.listUnitsWorkingFor(o.id())) {
            if (state.isFreeToSend(u)) free++;
            if (u.status() != UnitStatus.UNAVAILABLE) onDuty++;
        }
        List<Incident> queue = DispatchQueue.waiting(state, zones).stream()
                .filter(i -> i.organisation().equals(o.id()) && i.priority().urgency() <= priority.urgency())
                .toList();
        // the free units take the first calls in the queue's order; the rest wait for a unit to finish a job
        List<Incident> forCapacity = queue.subList(Math.min(free, queue.size()), queue.size());
        Duration longest = forCapacity.stream()
                .map(i -> Duration.between(i.receivedAt(), now))
                .max(Comparator.naturalOrder())
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);

        double perHour = countArrivals(state, o.id(), priority, now)
                * 3_600_000.0
                / config.arrivalWindow().toMillis();
        return Optional.of(new Reading(
                priority,
                target.get(),
                travel,
                travels.size() >= config.fewestJobs() ? travels.size() : 0,
                times.size() >= config.fewestJobs() ? times.size() : 0,
                free,
                new BacklogInput(perHour, onDuty, jobTime, forCapacity.size(), longest, waitTarget)));
    }

    /** The organisation's calls of the priority or more urgent received in the window before {@code now}. */
    private int countArrivals(MusterState state, OrganisationId o, Priority priority, Instant now) {
        Instant from = now.minus(config.arrivalWindow());
        Map<IncidentId, Priority> calls = new HashMap<>();
        for (Arrival a : arrivals.getOrDefault(o, new ArrayDeque<>()))
            if (!a.received().isBefore(from) && !a.received().isAfter(now)) calls.put(a.incident(), a.priority());
        // open calls as they stand (a call may have been regraded), and those from before the watch started
        for (Incident i : state.listOpenIncidents())
            if (i.organisation().equals(o)
                    && !i.receivedAt().isBefore(from)
                    && !i.receivedAt().isAfter(now)) calls.put(i.id(), i.priority());
        return (int) calls.values().stream()
                .filter(p -> p.urgency() <= priority.urgency())
                .count();
    }

    private Condition condition(MusterState state, Organisation o, Forecast f, Instant since) {
        Reading r = f.reading();
        BacklogInput in = r.input();
        BacklogForecast forecast = f.forecast();
        Duration breach = forecast.timeToBreach().orElseThrow();
        String calls = calls(o.agency(), r.priority());
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("priority", r.priority().name());
        evidence.put("arrivals_per_hour", number(in.arrivalsPerHour()));
        evidence.put("arrivals_window", minutes(config.arrivalWindow()));
        evidence.put("units_on_duty", Integer.toString(in.availableUnits()));
        evidence.put("units_free", Integer.toString(r.freeUnits()));
        evidence.put("mean_job_time", minutes(in.meanJobTime()));
        evidence.put("mean_job_time_from", r.finishedJobs() > 0 ? r.finishedJobs() + " jobs" : "default");
        evidence.put("waiting", Integer.toString(in.waitingNow()));
        evidence.put("longest_wait", minutes(in.longestWaitNow()));
        evidence.put("response_target", minutes(r.responseTarget()));
        evidence.put("expected_travel", minutes(r.travel()));
        evidence.put("expected_travel_from", r.arrivedJobs() > 0 ? r.arrivedJobs() + " jobs" : "default");
        evidence.put("wait_target", minutes(in.waitTarget()));
        evidence.put(
                "utilisation",
                Double.isInfinite(forecast.utilisation()) ? "unbounded" : number(forecast.utilisation()));
        evidence.put("time_to_breach", minutes(breach));
        String summary = o.name() + " (" + o.id().value() + "): " + number(in.arrivalsPerHour()) + " " + calls
                + " an hour (last " + minutes(config.arrivalWindow()) + ") against " + units(in.availableUnits())
                + " on duty, " + r.freeUnits() + " free, at " + minutes(in.meanJobTime()) + " a job"
                + (r.finishedJobs() > 0 ? "" : " (assumed: too few jobs finished to measure)") + ", so they clear "
                + number(in.availableUnits() * in.servicesPerUnitHour()) + " an hour; "
                + (in.waitingNow() == 0
                        ? "none waits beyond the free units now"
                        : in.waitingNow() + " waiting for a unit to come free, the longest for "
                                + minutes(in.longestWaitNow()))
                + ". The " + minutes(in.waitTarget()) + " wait target (the " + minutes(r.responseTarget())
                + " response target less " + minutes(r.travel()) + " expected travel) "
                + (!breach.isZero()
                        ? "will be breached in about " + minutes(breach)
                        : in.longestWaitNow().compareTo(in.waitTarget()) >= 0
                                ? "is already breached"
                                : "will be breached by the calls already waiting")
                + ": bring more units on duty, or ask for mutual aid";
        String key = KEY + o.id().value();
        return new Condition(
                // one alert per episode: its id and state from when the breach was first forecast
                AlertSource.idOf(key, Long.toString(since.getEpochSecond())),
                KIND,
                key,
                since.toString(),
                Sorted.setOf(Set.of(o.id())),
                summary,
                evidence,
                Optional.empty());
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        return "no breach of a wait target forecast for " + minutes(config.calmFor())
                + ": the units are keeping up with the calls";
    }

    /** "emergency calls", "C1 and C2 calls", "emergency to scheduled calls". */
    private static String calls(Agency agency, Priority upTo) {
        List<Priority> counted = java.util.Arrays.stream(Priority.values())
                .filter(p -> p.appliesTo(agency) && p.urgency() <= upTo.urgency())
                .sorted(Comparator.comparingInt(Priority::urgency))
                .toList();
        String first = word(counted.getFirst());
        if (counted.size() == 1) return first + " calls";
        return first + (counted.size() == 2 ? " and " : " to ") + word(upTo) + " calls";
    }

    private static String word(Priority p) {
        return p.appliesTo(Agency.AMBULANCE) ? p.name() : p.name().toLowerCase(Locale.ROOT);
    }

    private static String units(int n) {
        return n + (n == 1 ? " unit" : " units");
    }

    private static Duration mean(List<Duration> ds) {
        long total = 0;
        for (Duration d : ds) total += d.toMillis();
        return Duration.ofMillis(total / ds.size());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** "45 min", "2 h 10 min": to the nearest minute. */
    private static String minutes(Duration d) {
        long m = Math.round(d.toMillis() / 60_000.0);
        if (m < 60) return m + " min";
        return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
    }
}
