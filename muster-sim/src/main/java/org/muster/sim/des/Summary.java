package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTimes;

/**
 * What a run came to: its incidents, and per organisation, per zone and per priority, the response figures
 * as the engine's own {@link ResponseTimes} computes them for a board (so the simulator and the live
 * service measure alike), with how many calls queued and the longest queue.
 *
 * @param incidents calls raised during the run
 * @param finished of them, closed, cancelled or merged by the end
 * @param open of them, still open at the end
 * @param events events the engine recorded (the region's set-up included)
 * @param refused simulated commands the engine refused because the state had moved on
 * @param operations per organisation, what the shocks and policies made the engine do: rerouted calls and
 *     escorted dispatches, mutual aid, officer-hours lent, unit time per status
 */
public record Summary(
        String scenario,
        long seed,
        Instant start,
        Instant end,
        int incidents,
        int finished,
        int open,
        long events,
        long refused,
        List<OrganisationFigures> organisations,
        List<OrganisationOperations> operations,
        List<CoverageFigures> coverage) {
    public Summary {
        Check.text("scenario", scenario);
        Check.present("start", start);
        Check.present("end", end);
        organisations = List.copyOf(organisations);
        operations = List.copyOf(operations);
        coverage = List.copyOf(coverage);
    }

    /**
     * This summary with what the run's end adds: the operations' figures, {@code more} refused commands (the
     * shocks' and aid's), and the coverage over time of its {@code series}.
     */
    Summary withRunsEnd(List<OrganisationOperations> next, long more, TimeSeries series) {
        return new Summary(
                scenario,
                seed,
                start,
                end,
                incidents,
                finished,
                open,
                events,
                refused + more,
                organisations,
                next,
                CoverageFigures.of(series));
    }

    /**
     * An organisation's coverage of one standard over the run, read from its samples ({@code timeseries.csv}):
     * the mean of the samples, the lowest and when it was first that low. Coverage is the share of the
     * organisation's demand its available units can reach within the category's target, as the live board
     * computes it.
     *
     * @param samples the samples with a value (an area holding no demand has none)
     */
    public record CoverageFigures(
            OrganisationId organisation,
            Priority category,
            int samples,
            double meanShare,
            double lowestShare,
            Instant lowestAt) {
        public CoverageFigures {
            Check.present("organisation", organisation);
            Check.present("category", category);
            Check.atLeast("samples", samples, 1);
            Check.present("lowestAt", lowestAt);
        }

        /** Each organisation's and category's figures, by organisation then category, from the series' samples. */
        static List<CoverageFigures> of(TimeSeries series) {
            Map<OrganisationId, Map<Priority, List<TimeSeries.Sample>>> by = new TreeMap<>();
            for (TimeSeries.Sample x : series.samples()) {
                if (x.measure() != TimeSeries.Measure.COVERAGE
                        || x.category().isEmpty()
                        || x.value().isEmpty()) continue;
                by.computeIfAbsent(x.organisation(), o -> new TreeMap<>())
                        .computeIfAbsent(x.category().get(), c -> new ArrayList<>())
                        .add(x);
            }
            List<CoverageFigures> out = new ArrayList<>();
            by.forEach((org, categories) -> categories.forEach((category, samples) -> {
                double sum = 0;
                TimeSeries.Sample lowest = samples.getFirst();
                for (TimeSeries.Sample x : samples) {
                    sum += x.value().getAsDouble();
                    if (x.value().getAsDouble() < lowest.value().getAsDouble()) lowest = x;
                }
                out.add(new CoverageFigures(
                        org,
                        category,
                        samples.size(),
                        sum / samples.size(),
                        lowest.value().getAsDouble(),
                        lowest.time()));
            }));
            return out;
        }
    }

    /**
     * One organisation's figures: per priority over all its calls, per priority in each of its zones, and per
     * kind of call (a planner's "how long were firearms calls left waiting?").
     */
    public record OrganisationFigures(
            OrganisationId organisation,
            List<PriorityFigures> priorities,
            List<ZoneFigures> zones,
            List<TypeFigures> types) {
        public OrganisationFigures {
            Check.present("organisation", organisation);
            priorities = List.copyOf(priorities);
            zones = List.copyOf(zones);
            types = List.copyOf(types);
        }
    }

    /**
     * The calls of one kind and priority: the engine's response figures for just those calls, against the
     * priority's target, with those still waiting at the end and the longest of their waits.
     */
    public record TypeFigures(CallKind kind, int incidents, ResponseStats response, Unjudged unjudged) {
        public TypeFigures {
            Check.present("kind", kind);
            Check.present("response", response);
            Check.present("unjudged", unjudged);
        }
    }

    /**
     * A group's calls that its targets do not judge, so that none goes uncounted: with the responses and the
     * calls still waiting ({@link ResponseStats#count()}, {@link ResponseStats#waiting()}) they make up every
     * call of the group. The engine's {@link ResponseTimes} decides each, as it does for the live board.
     *
     * @param reachedInDowngradedZone reached, having come in in a zone of its organisation then downgraded (its
     *     targets suspended: served from outside, rerouted)
     * @param waitingInDowngradedZone the same, still waiting for the unit that stops its clock at the end
     * @param closedUnreached closed, cancelled or merged before any unit that stops its clock arrived: a public
     *     disorder call that response cars dealt with before a public order carrier came, say
     */
    public record Unjudged(int reachedInDowngradedZone, int waitingInDowngradedZone, int closedUnreached) {
        public static final Unjudged NONE = new Unjudged(0, 0, 0);

        public Unjudged {
            Check.atLeast("reachedInDowngradedZone", reachedInDowngradedZone, 0);
            Check.atLeast("waitingInDowngradedZone", waitingInDowngradedZone, 0);
            Check.atLeast("closedUnreached", closedUnreached, 0);
        }

        /** The group's calls the engine judged neither reached nor waiting against a target. */
        static Unjudged of(List<IncidentRecord> group) {
            int reached = 0;
            int waiting = 0;
            int closed = 0;
            for (IncidentRecord i : group) {
                if (i.clockStopped().isPresent()) reached += i.targetsSuspended() ? 1 : 0;
                else if (i.isOpen()) waiting += i.targetsSuspended() ? 1 : 0;
                else closed++;
            }
            return new Unjudged(reached, waiting, closed);
        }
    }

    /** A kind of call at one priority; kinds sort most urgent first, then by type. */
    public record CallKind(Priority priority, IncidentTypeCode type) implements Comparable<CallKind> {
        private static final Comparator<CallKind> ORDER =
                Comparator.comparing(CallKind::priority).thenComparing(CallKind::type);

        public CallKind {
            Check.present("priority", priority);
            Check.present("type", type);
        }

        @Override
        public int compareTo(CallKind other) {
            return ORDER.compare(this, other);
        }
    }

    public record ZoneFigures(ZoneId zone, List<PriorityFigures> priorities) {
        public ZoneFigures {
            Check.present("zone", zone);
            priorities = List.copyOf(priorities);
        }
    }

    /**
     * One group's figures.
     *
     * @param incidents calls of the group received during the run
     * @param response the engine's statistics at the end of the run: responses, mean, 90th centile, the
     *     share within target, the calls still waiting for the clock-stopping arrival
     * @param unjudged the group's other calls: in a downgraded zone, or closed before their clock stopped
     * @param queued calls not dispatched within the control room's handling time (its delay and one round)
     *     because no suitable unit was free
     * @param longestQueue the most such calls waiting at once, sampled every simulated minute
     */
    public record PriorityFigures(
            Priority priority, int incidents, ResponseStats response, Unjudged unjudged, int queued, int longestQueue) {
        public PriorityFigures {
            Check.present("priority", priority);
            Check.present("response", response);
            Check.present("unjudged", unjudged);
        }
    }

    /** The summary of a finished run, from its incidents, the engine's response times and the queue samples. */
    static Summary of(
            Scenario scenario,
            List<IncidentRecord> incidents,
            ResponseTimes responses,
            IncidentLedger ledger,
            long events,
            long refused) {
        Instant end = scenario.end();
        Duration handling = scenario.dispatchDelay().plus(scenario.dispatchInterval());
        Map<OrganisationId, Map<ZoneId, Boolean>> zonesByOrg = new TreeMap<>();
        for (IncidentRecord i : incidents) {
            Map<ZoneId, Boolean> zones = zonesByOrg.computeIfAbsent(i.organisation(), o -> new TreeMap<>());
            i.zone().ifPresent(z -> zones.put(z, true));
        }
        List<OrganisationFigures> orgs = new ArrayList<>();
        for (var org : zonesByOrg.entrySet()) {
            OrganisationId o = org.getKey();
            List<IncidentRecord> mine =
                    incidents.stream().filter(i -> i.organisation().equals(o)).toList();
            List<PriorityFigures> all = figures(
                    mine,
                    handling,
                    end,
                    p -> responses.statsForOrganisation(o, p, scenario.duration(), end),
                    p -> ledger.longestQueue(new IncidentLedger.QueueKey(o, Optional.empty(), p)));
            List<ZoneFigures> zones = new ArrayList<>();
            for (ZoneId z : org.getValue().keySet()) {
                List<IncidentRecord> there = mine.stream()
                        .filter(i -> i.zone().filter(z::equals).isPresent())
                        .toList();
                zones.add(new ZoneFigures(
                        z,
                        figures(
                                there,
                                handling,
                                end,
                                p -> responses.statsForZone(z, o, p, scenario.duration(), end),
                                p -> ledger.longestQueue(new IncidentLedger.QueueKey(o, Optional.of(z), p)))));
            }
            orgs.add(new OrganisationFigures(o, all, zones, types(mine, o, scenario, responses)));
        }
        int open = (int) incidents.stream().filter(IncidentRecord::isOpen).count();
        return new Summary(
                scenario.name(),
                scenario.seed(),
                scenario.start(),
                end,
                incidents.size(),
                incidents.size() - open,
                open,
                events,
                refused,
                orgs,
                List.of(),
                List.of());
    }

    /** Per kind of call and priority, most urgent first, then by kind. */
    private static List<TypeFigures> types(
            List<IncidentRecord> mine, OrganisationId o, Scenario scenario, ResponseTimes responses) {
        Map<CallKind, List<IncidentRecord>> calls = new TreeMap<>();
        for (IncidentRecord i : mine)
            calls.computeIfAbsent(new CallKind(i.priority(), i.type()), k -> new ArrayList<>())
                    .add(i);
        List<TypeFigures> out = new ArrayList<>();
        calls.forEach((kind, group) -> {
            Set<IncidentId> ids = new HashSet<>();
            group.forEach(i -> ids.add(i.id()));
            out.add(new TypeFigures(
                    kind,
                    ids.size(),
                    responses.statsForCalls(o, kind.priority(), scenario.duration(), scenario.end(), ids::contains),
                    Unjudged.of(group)));
        });
        return out;
    }

    private interface Stats {
        ResponseStats of(Priority p);
    }

    private interface Longest {
        int of(Priority p);
    }

    /** One figure per priority the group had calls of, most urgent first. */
    private static List<PriorityFigures> figures(
            List<IncidentRecord> group, Duration handling, Instant end, Stats stats, Longest longest) {
        List<PriorityFigures> out = new ArrayList<>();
        for (Priority p : Priority.values()) {
            List<IncidentRecord> calls =
                    group.stream().filter(i -> i.priority() == p).toList();
            if (calls.isEmpty()) continue;
            int queued = (int) calls.stream().filter(queuedPast(handling, end)).count();
            out.add(new PriorityFigures(p, calls.size(), stats.of(p), Unjudged.of(calls), queued, longest.of(p)));
        }
        return out;
    }

    /** Dispatched later than the handling time, or not dispatched and already waiting longer at the end. */
    private static Predicate<IncidentRecord> queuedPast(Duration handling, Instant end) {
        return i -> {
            Instant due = i.received().plus(handling);
            return i.firstDispatched().map(d -> d.isAfter(due)).orElse(i.isOpen() && end.isAfter(due));
        };
    }
}
