package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.Words;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.CrewingRules;
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
 * Calls outpacing the units that can answer them. For each organisation and each of its priorities with a
 * response target, most urgent first, the backlog is forecast ({@link BacklogForecaster}: Erlang C and a fluid
 * model of the queue) over the calls of that priority and the more urgent ones ahead of them in the queue; the
 * first whose wait target is forecast to be breached within the horizon gives an alert, addressed to the
 * organisation, with the forecast's figures in words: bring more units on duty, or ask for mutual aid.
 *
 * <p><b>Calls are judged against the units that can answer them.</b> A call whose requirements ask for a
 * capability (a firearms call: two armed response vehicles with armed crews) can be answered only by the units
 * that meet them, however many others stand free. So each capability that the organisation's calls ask for is
 * forecast on its own ({@link Scope}): the calls that still need units with it ({@link
 * DispatchQueue#stillNeeded}, the recommender's rule), against the organisation's units that meet those
 * requirements ({@link ResourceRequirement#isMetBy}, with their crews' live capabilities); its alert's key is
 * {@code backlog:<organisation>:<CAPABILITY>}. A capability every unit on duty has is no different from the
 * organisation as a whole, and is not forecast on its own. The organisation's own forecast, key {@code
 * backlog:<organisation>}, is over the rest of its calls, against all its units.
 *
 * <p>The forecast's inputs ({@link #read}), for organisation {@code O}, priority {@code P}, and a capability
 * {@code C} or none:
 *
 * <ul>
 *   <li>arrivals per hour: {@code O}'s calls of {@code P} or more urgent (asking for {@code C}, or for no
 *       capability forecast on its own) received in the last {@link Config#arrivalWindow} (an hour), as heard
 *       since the watch started, and the open ones in the state before that (after a restart the calls already
 *       closed are not counted until the window has passed);
 *   <li>units: those working for {@code O} (its own not lent out, and those lent to it), meeting the calls'
 *       requirements for {@code C}, that are on duty, free to send ({@link MusterState#isFreeToSend}) or busy
 *       on a job; a unit off duty ({@code UNAVAILABLE}) serves no call;
 *   <li>mean job time: over {@code O}'s last {@link Config#jobsKept} jobs (of units that had {@code C} when
 *       sent), each from a unit's dispatch until it is available again; {@link Config#defaultJobTime} until
 *       {@link Config#fewestJobs} have finished;
 *   <li>calls waiting: the dispatch queue's ({@link DispatchQueue#waiting}) calls of {@code O} of {@code P} or
 *       more urgent (still needing units with {@code C}), less those the units free now can take, in the
 *       queue's order: a call waiting while a unit is free waits for a dispatcher, not for capacity. For {@code
 *       C} a call takes as many free units as it still needs with {@code C} (a firearms call two), and waits
 *       if there are fewer. The longest wait is the longest of the rest, from when the call was received;
 *   <li>wait target: {@code P}'s response target ({@link ResponseTargets.Target#limit}, the 90th centile else
 *       the mean) less the expected travel: the mean time from dispatch to on scene over the same jobs, or
 *       {@link Config#defaultTravel} until enough have arrived. A priority whose target the travel alone uses
 *       up is not forecast.
 * </ul>
 *
 * <p>A call that waits for capacity past the wait target is a breach now ({@link BacklogForecaster}: the longest
 * wait is looked at before any rate), however few calls come in and whether or not the queue grows: a firearms
 * call that no armed unit on duty can take is named when it has waited a few minutes, not hours. The alert names
 * the oldest call waiting, when it was received and how long it had waited, and says so when no unit with the
 * capability is on duty.
 *
 * <p>One alert per <b>episode</b> and key: while a breach is forecast, and until none has been for {@link
 * Config#calmFor}, the alert raised first stands, whatever the figures do meanwhile, so a supervisor's accept
 * or dismiss holds for the episode; a breach forecast again after that is a new episode and a new alert. After
 * a restart, an unresolved backlog alert of the key is taken as the episode going on if a breach is forecast
 * at the first look.
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
     * @param capability the capability the calls need and the units have; empty for the organisation's own
     *     forecast
     * @param responseTarget its response target's limit
     * @param travel the expected travel taken off it
     * @param arrivedJobs the jobs whose travel was measured; 0 when {@code travel} is the default
     * @param finishedJobs the jobs whose time was measured; 0 when the mean job time is the default
     * @param freeUnits the units free to send now, which take the first waiting calls
     * @param oldest the call waiting longest for a unit to come free
     * @param input what the forecaster is given
     */
    record Reading(
            Priority priority,
            Optional<Capability> capability,
            Duration responseTarget,
            Duration travel,
            int arrivedJobs,
            int finishedJobs,
            int freeUnits,
            Optional<Incident> oldest,
            BacklogInput input) {}

    /**
     * Which of an organisation's calls and units one forecast is over: those of a capability, or (with none) the
     * organisation's own, less the calls of the capabilities forecast on their own.
     *
     * @param capability the capability; empty for the organisation's own forecast
     * @param requirements for a capability, the calls' requirements that ask for it: a unit meeting one of them
     *     answers the calls
     * @param apart for the organisation's own forecast, the capabilities forecast on their own, whose calls are
     *     theirs
     */
    private record Scope(
            Optional<Capability> capability, Set<ResourceRequirement> requirements, Set<Capability> apart) {
        static Scope of(Set<Capability> apart) {
            return new Scope(Optional.empty(), Set.of(), Set.copyOf(apart));
        }

        static Scope of(Capability c, Set<ResourceRequirement> requirements) {
            return new Scope(Optional.of(c), Set.copyOf(requirements), Set.of());
        }

        /** Whether a call asking for these requirements (as it came in) is this forecast's. */
        boolean counts(List<ResourceRequirement> asked) {
            if (capability.isPresent()) {
                for (ResourceRequirement r : asked) if (r.capabilities().contains(capability.get())) return true;
                return false;
            }
            for (ResourceRequirement r : asked)
                for (Capability c : r.capabilities()) if (apart.contains(c)) return false;
            return true;
        }

        /**
         * How many units the waiting call wants of this forecast: for a capability, the places it still needs
         * filled with it; for the organisation, one, unless it still needs units of a capability forecast apart.
         */
        int wanted(List<DispatchQueue.Unmet> unmet) {
            if (capability.isPresent()) {
                int n = 0;
                for (DispatchQueue.Unmet u : unmet)
                    if (u.requirement().capabilities().contains(capability.get())) n += u.stillNeeded();
                return n;
            }
            for (DispatchQueue.Unmet u : unmet)
                if (u.stillNeeded() > 0)
                    for (Capability c : u.requirement().capabilities()) if (apart.contains(c)) return 0;
            return 1;
        }

        /** Whether the unit, with its crew's live capabilities, answers this forecast's calls. */
        boolean serves(Unit u, Set<Capability> live) {
            if (capability.isEmpty()) return true;
            for (ResourceRequirement r : requirements) if (r.isMetBy(u.type(), live)) return true;
            return false;
        }

        /** Whether a job of a unit that had these capabilities when it was sent is this forecast's. */
        boolean measures(Set<Capability> had) {
            return capability.map(had::contains).orElse(true);
        }

        String key(OrganisationId o) {
            return KEY + o.value() + capability.map(c -> ":" + c.name()).orElse("");
        }
    }

    private record Arrival(
            IncidentId incident, Instant received, Priority priority, List<ResourceRequirement> requirements) {}

    /** A unit on a job: for whom, since its dispatch, when it got there, and what it could do when sent. */
    private record Busy(
            OrganisationId organisation, Instant since, Optional<Instant> arrived, Set<Capability> capabilities) {}

    private record Job(Duration time, Optional<Duration> travel, Set<Capability> capabilities) {}

    /** A forecast breach going on: the condition raised first, and when a breach was last forecast. */
    private record Episode(Condition condition, Instant lastBreach) {}

    private final Rules.ZoneLocator zones;
    private final CrewingRules crewing;
    private final ResponseTargets targets;
    private final Config config;
    private final BacklogForecaster forecaster;

    private final Map<OrganisationId, Deque<Arrival>> arrivals = new HashMap<>();
    private final Map<UnitId, Busy> busy = new HashMap<>();
    private final Map<OrganisationId, Deque<Job>> jobs = new HashMap<>();
    /** By alert key. */
    private final Map<String, Episode> episodes = new HashMap<>();
    /** Where each episode's key stood at the last look, in words: its alert keeps the figures it began with. */
    private final Map<String, String> standing = new HashMap<>();

    private final Set<OrganisationId> lookedAt = new HashSet<>();

    /**
     * @param rules where the zones are, for the dispatch queue's rule, and the crewing rules, for what each unit
     *     can do with its crew
     * @param targets the service's response targets, which the wait targets come from
     */
    public BacklogWatch(Rules rules, ResponseTargets targets, Config config) {
        Check.present("rules", rules);
        this.zones = Check.present("zones", rules.zones());
        this.crewing = Check.present("crewing", rules.crewing());
        this.targets = Check.present("targets", targets);
        this.config = Check.present("config", config);
        this.forecaster = new BacklogForecaster(config.forecast());
    }

    public BacklogWatch(Rules rules, ResponseTargets targets) {
        this(rules, targets, Config.DEFAULTS);
    }

    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        for (RecordedEvent r : events) {
            if (r.event() instanceof Event.IncidentCreated c) {
                Incident i = c.incident();
                arrivals.computeIfAbsent(i.organisation(), o -> new ArrayDeque<>())
                        .addLast(new Arrival(i.id(), i.receivedAt(), i.priority(), i.requirements()));
            } else if (r.event() instanceof Event.UnitAssigned a) {
                // a diverted unit's job goes on from its first dispatch: the time it is kept from the queue
                if (!busy.containsKey(a.unit()))
                    after.findUnit(a.unit())
                            .ifPresent(u -> busy.put(
                                    u.id(),
                                    new Busy(
                                            u.workingFor(),
                                            r.at(),
                                            Optional.empty(),
                                            after.liveCapabilities(u, crewing))));
            } else if (r.event() instanceof Event.UnitStatusChanged s && busy.containsKey(s.unit())) {
                Busy b = busy.get(s.unit());
                if (s.to() == UnitStatus.ON_SCENE && b.arrived().isEmpty()) {
                    busy.put(s.unit(), new Busy(b.organisation(), b.since(), Optional.of(r.at()), b.capabilities()));
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
        kept.addLast(new Job(
                Duration.between(b.since(), at),
                b.arrived().map(a -> Duration.between(b.since(), a)),
                b.capabilities()));
        while (kept.size() > config.jobsKept()) kept.removeFirst();
    }

    private void forget(Instant before) {
        for (Deque<Arrival> heard : arrivals.values())
            while (!heard.isEmpty() && heard.peekFirst().received().isBefore(before)) heard.removeFirst();
    }

    /** One look at the state: the dispatch queue, and what each waiting call still needs, worked out once. */
    private final class Look {
        final MusterState state;
        final Instant now;
        final List<Incident> queue;
        private final Map<IncidentId, List<DispatchQueue.Unmet>> unmet = new HashMap<>();
        private final Map<OrganisationId, Map<IncidentId, Arrival>> arrived = new HashMap<>();

        Look(MusterState state, Instant now) {
            this.state = state;
            this.now = now;
            this.queue = DispatchQueue.waiting(state, zones);
        }

        List<DispatchQueue.Unmet> unmet(Incident i) {
            return unmet.computeIfAbsent(i.id(), id -> DispatchQueue.stillNeeded(state, i, crewing));
        }

        /** The organisation's calls in the arrival window, by id, with their priority and requirements now. */
        Map<IncidentId, Arrival> arrived(OrganisationId o) {
            return arrived.computeIfAbsent(o, this::arrivedNow);
        }

        private Map<IncidentId, Arrival> arrivedNow(OrganisationId o) {
            Instant from = now.minus(config.arrivalWindow());
            Map<IncidentId, Arrival> calls = new HashMap<>();
            for (Arrival a : arrivals.getOrDefault(o, new ArrayDeque<>()))
                if (!a.received().isBefore(from) && !a.received().isAfter(now)) calls.put(a.incident(), a);
            // open calls as they stand (a call may have been regraded), and those from before the watch started
            for (Incident i : state.listOpenIncidents())
                if (i.organisation().equals(o)
                        && !i.receivedAt().isBefore(from)
                        && !i.receivedAt().isAfter(now))
                    calls.put(i.id(), new Arrival(i.id(), i.receivedAt(), i.priority(), i.requirements()));
            return calls;
        }

        /**
         * The forecasts of the organisation: its own, and one for each capability its calls ask for (as they came
         * in within the window, or still need of the queue) that not every unit of it on duty has.
         */
        List<Scope> scopes(Organisation o) {
            Map<Capability, Set<ResourceRequirement>> asked = new TreeMap<>();
            for (Arrival a : arrived(o.id()).values())
                for (ResourceRequirement r : a.requirements())
                    for (Capability c : r.capabilities())
                        asked.computeIfAbsent(c, x -> new HashSet<>()).add(r);
            for (Incident i : queue) {
                if (!i.organisation().equals(o.id())) continue;
                for (DispatchQueue.Unmet u : unmet(i))
                    if (u.stillNeeded() > 0)
                        for (Capability c : u.requirement().capabilities())
                            asked.computeIfAbsent(c, x -> new HashSet<>()).add(u.requirement());
            }
            Set<UnitId> onDuty = new HashSet<>();
            Map<UnitId, Unit> units = new HashMap<>();
            for (Unit u : state.listUnitsWorkingFor(o.id())) {
                if (u.status() == UnitStatus.UNAVAILABLE) continue;
                onDuty.add(u.id());
                units.put(u.id(), u);
            }
            List<Scope> apart = new ArrayList<>();
            asked.forEach((c, requirements) -> {
                Scope s = Scope.of(c, requirements);
                Set<UnitId> serving = new HashSet<>();
                for (Unit u : units.values()) if (s.serves(u, state.liveCapabilities(u, crewing))) serving.add(u.id());
                if (!serving.equals(onDuty)) apart.add(s);
            });
            List<Scope> out = new ArrayList<>();
            out.add(Scope.of(
                    apart.stream().map(s -> s.capability().orElseThrow()).collect(Collectors.toSet())));
            out.addAll(apart);
            return out;
        }
    }

    @Override
    public synchronized List<Condition> listConditions(MusterState state, Instant now) {
        Look look = new Look(state, now);
        Map<String, Forecast> breaches = new TreeMap<>();
        List<Organisation> organisations = state.organisations().values().stream()
                .sorted(Comparator.comparing(Organisation::id))
                .toList();
        for (Organisation o : organisations)
            for (Scope s : look.scopes(o)) firstBreach(look, o, s).ifPresent(f -> breaches.put(s.key(o.id()), f));
        Set<String> keys = new TreeSet<>(breaches.keySet());
        keys.addAll(episodes.keySet());
        List<Condition> out = new ArrayList<>();
        for (String key : keys) {
            Forecast breach = breaches.get(key);
            Episode e = episodes.get(key);
            if (breach != null) {
                Condition c = e != null
                        ? e.condition()
                        : condition(
                                breach,
                                firstLook(breach.organisation().id())
                                        ? adopted(state, key).orElse(now)
                                        : now);
                e = new Episode(c, now);
            }
            if (e == null) continue;
            if (breach == null && !now.isBefore(e.lastBreach().plus(config.calmFor()))) {
                episodes.remove(key);
                standing.remove(key);
                continue;
            }
            standing.put(
                    key,
                    breach != null
                            ? nowWords(breach)
                            : "Now no breach is forecast; it ends after " + minutes(config.calmFor()) + " of that.");
            episodes.put(key, e);
            out.add(e.condition());
        }
        organisations.forEach(o -> lookedAt.add(o.id()));
        return out;
    }

    private boolean firstLook(OrganisationId organisation) {
        return !lookedAt.contains(organisation);
    }

    /** The episode an unresolved backlog alert of the key stands for, from before a restart. */
    private static Optional<Instant> adopted(MusterState state, String key) {
        return state.alerts().values().stream()
                .filter(a -> a.key().equals(key) && a.status() != AlertStatus.RESOLVED)
                .max(Comparator.comparing(Alert::raisedAt))
                .flatMap(a -> {
                    try {
                        return Optional.of(Instant.parse(a.evidence().getOrDefault("state", "")));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private record Forecast(Organisation organisation, Reading reading, BacklogForecast forecast) {}

    /** The most urgent of the organisation's priorities whose wait target is forecast to be breached. */
    private Optional<Forecast> firstBreach(Look look, Organisation o, Scope scope) {
        List<Priority> judged = java.util.Arrays.stream(Priority.values())
                .filter(p -> p.appliesTo(o.agency()))
                .sorted(Comparator.comparingInt(Priority::urgency))
                .toList();
        for (Priority p : judged) {
            Optional<Reading> r = read(look, o, scope, p);
            if (r.isEmpty()) continue;
            BacklogForecast f = forecaster.forecast(r.get().input());
            if (f.timeToBreach().isPresent()) return Optional.of(new Forecast(o, r.get(), f));
        }
        return Optional.empty();
    }

    /**
     * The forecast's inputs for the organisation's own calls of {@code priority} and the more urgent (less those
     * of the capabilities forecast on their own), now; empty when the priority has no response target, or the
     * expected travel alone uses it up.
     */
    synchronized Optional<Reading> read(MusterState state, Organisation o, Priority priority, Instant now) {
        Look look = new Look(state, now);
        Scope own = look.scopes(o).getFirst();
        return read(look, o, own, priority);
    }

    /** As {@link #read(MusterState, Organisation, Priority, Instant)}, for the calls needing the capability. */
    synchronized Optional<Reading> read(
            MusterState state, Organisation o, Capability capability, Priority priority, Instant now) {
        Look look = new Look(state, now);
        Scope scope = look.scopes(o).stream()
                .filter(s -> s.capability().equals(Optional.of(capability)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        o.id() + "'s calls ask for no " + capability + " that not every unit has"));
        return read(look, o, scope, priority);
    }

    private Optional<Reading> read(Look look, Organisation o, Scope scope, Priority priority) {
        MusterState state = look.state;
        Instant now = look.now;
        Optional<Duration> target = targets.targetFor(o, priority).limit();
        if (target.isEmpty()) return Optional.empty();
        List<Job> recent = jobs.getOrDefault(o.id(), new ArrayDeque<>()).stream()
                .filter(j -> scope.measures(j.capabilities()))
                .toList();
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
            if (!scope.serves(u, state.liveCapabilities(u, crewing))) continue;
            if (state.isFreeToSend(u)) free++;
            if (u.status() != UnitStatus.UNAVAILABLE) onDuty++;
        }
        // the free units take the first calls in the queue's order, each call as many as it still wants; the
        // rest wait for a unit to finish a job
        List<Incident> forCapacity = new ArrayList<>();
        int left = free;
        for (Incident i : look.queue) {
            if (!i.organisation().equals(o.id()) || i.priority().urgency() > priority.urgency()) continue;
            int wanted = scope.wanted(look.unmet(i));
            if (wanted == 0) continue;
            if (left >= wanted) {
                left -= wanted;
            } else {
                left = 0;
                forCapacity.add(i);
            }
        }
        Optional<Incident> oldest = forCapacity.stream().min(Comparator.comparing(Incident::receivedAt));
        Duration longest = oldest.map(i -> Duration.between(i.receivedAt(), now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);

        long counted = look.arrived(o.id()).values().stream()
                .filter(a -> a.priority().urgency() <= priority.urgency() && scope.counts(a.requirements()))
                .count();
        double perHour = counted * 3_600_000.0 / config.arrivalWindow().toMillis();
        return Optional.of(new Reading(
                priority,
                scope.capability(),
                target.get(),
                travel,
                travels.size() >= config.fewestJobs() ? travels.size() : 0,
                times.size() >= config.fewestJobs() ? times.size() : 0,
                free,
                oldest,
                new BacklogInput(perHour, onDuty, jobTime, forCapacity.size(), longest, waitTarget)));
    }

    /**
     * The alert keeps the figures of its episode's first look; this is the last look's, so that a call named as
     * waiting "0 min" is not read so hours on.
     */
    @Override
    public synchronized Optional<String> standingNow(Alert alert, MusterState state, Instant now) {
        return Optional.ofNullable(standing.get(alert.key()));
    }

    private static String nowWords(Forecast f) {
        BacklogInput in = f.reading().input();
        return "Now " + in.waitingNow() + " waiting (the longest " + minutes(in.longestWaitNow()) + "), "
                + f.reading().freeUnits() + " of " + in.availableUnits() + " units on duty free; "
                + f.forecast()
                        .timeToBreach()
                        .map(t -> t.isZero() ? "past the target now." : "breached in about " + minutes(t) + ".")
                        .orElse("no breach forecast.");
    }

    private Condition condition(Forecast f, Instant since) {
        Organisation o = f.organisation();
        Reading r = f.reading();
        BacklogInput in = r.input();
        BacklogForecast forecast = f.forecast();
        Duration breach = forecast.timeToBreach().orElseThrow();
        String calls = calls(o.agency(), r.priority());
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("priority", r.priority().name());
        r.capability().ifPresent(c -> evidence.put("capability", c.name()));
        evidence.put("arrivals_per_hour", number(in.arrivalsPerHour()));
        evidence.put("arrivals_window", minutes(config.arrivalWindow()));
        evidence.put("units_on_duty", Integer.toString(in.availableUnits()));
        evidence.put("units_free", Integer.toString(r.freeUnits()));
        evidence.put("mean_job_time", minutes(in.meanJobTime()));
        evidence.put("mean_job_time_from", r.finishedJobs() > 0 ? r.finishedJobs() + " jobs" : "default");
        evidence.put("waiting", Integer.toString(in.waitingNow()));
        evidence.put("longest_wait", minutes(in.longestWaitNow()));
        r.oldest().ifPresent(i -> {
            evidence.put("oldest_call", i.id().value());
            evidence.put(
                    "oldest_received",
                    i.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        });
        evidence.put("response_target", minutes(r.responseTarget()));
        evidence.put("expected_travel", minutes(r.travel()));
        evidence.put("expected_travel_from", r.arrivedJobs() > 0 ? r.arrivedJobs() + " jobs" : "default");
        evidence.put("wait_target", minutes(in.waitTarget()));
        evidence.put(
                "utilisation",
                Double.isInfinite(forecast.utilisation()) ? "unbounded" : number(forecast.utilisation()));
        evidence.put("time_to_breach", minutes(breach));
        String rest = ". The " + minutes(in.waitTarget()) + " wait target (the " + minutes(r.responseTarget())
                + " response target less " + minutes(r.travel()) + " expected travel) "
                + (!breach.isZero()
                        ? "will be breached in about " + minutes(breach)
                        : in.longestWaitNow().compareTo(in.waitTarget()) >= 0
                                ? "is already breached"
                                : "will be breached by the calls already waiting");
        String clearing = " at " + minutes(in.meanJobTime()) + " a job"
                + (r.finishedJobs() > 0 ? "" : " (assumed)") + ", so they clear "
                + number(in.availableUnits() * in.servicesPerUnitHour()) + " an hour";
        String summary;
        if (r.capability().isEmpty()) {
            summary = o.name() + " (" + o.id().value() + "): " + number(in.arrivalsPerHour()) + " " + calls
                    + " an hour (last " + minutes(config.arrivalWindow()) + ") against " + units(in.availableUnits())
                    + " on duty, " + r.freeUnits() + " free," + clearing + "; "
                    + (in.waitingNow() == 0
                            ? "none waits beyond the free units now"
                            : in.waitingNow() + " waiting for a unit to come free, the longest for "
                                    + minutes(in.longestWaitNow()))
                    + rest + ": bring more units on duty, or ask for mutual aid";
        } else {
            Capability c = r.capability().get();
            String them = Words.of(c) + " units";
            summary = o.name() + " (" + o.id().value() + "): " + calls + " needing "
                    + them + " (" + c.name() + "): " + number(in.arrivalsPerHour()) + " an hour (last "
                    + minutes(config.arrivalWindow()) + ") against "
                    + (in.availableUnits() == 0
                            ? "no unit with it on duty"
                            : units(in.availableUnits()) + " with it on duty, " + r.freeUnits() + " free," + clearing)
                    + "; "
                    + (in.waitingNow() == 0
                            ? "none waits beyond the free units now"
                            // when it came in is in the evidence (oldest_received): the summary stays short
                            : in.waitingNow() + " waiting for " + them + ", the oldest "
                                    + r.oldest().orElseThrow().id().value() + " for " + minutes(in.longestWaitNow()))
                    + rest + ": "
                    + (in.availableUnits() == 0
                            ? "no unit of " + o.id().value() + " with the " + Words.of(c)
                                    + " capability is on duty; ask for mutual aid for " + them
                                    + ", or bring units with it on duty"
                            : "bring more " + them + " on duty, or ask for mutual aid for " + them);
        }
        String key =
                KEY + o.id().value() + r.capability().map(c -> ":" + c.name()).orElse("");
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
        String capability = alert.evidence().get("capability");
        if (capability != null && alert.key().endsWith(":" + capability))
            return "no breach of a wait target forecast for " + minutes(config.calmFor()) + " for the calls needing "
                    + capability.toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " units: the units with it are keeping up with them";
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
