package org.muster.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.Priority;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.ResponseLog;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.engine.aid.AidHours;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Evolver;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.Recovery;

/**
 * The daily situation report, read from the log for one UTC day: demand, response times against the
 * standards, zones whose level changed, calls rerouted (a downgraded zone's calls served from outside it, as
 * {@link org.muster.engine.performance.ResponseTimes} counts them for the live boards) and calls served by
 * another organisation's units, escorts, mutual aid asked, filled and declined, officer-hours lent between
 * pairs of organisations, escalation levels and major incidents. Every figure is a count or a measure of the day's
 * events, each read with the state as it stood before it, so the report can be checked against the log line by
 * line; the response times are the engine's own, as the board and the API gave them at midnight.
 */
public record Sitrep(
        LocalDate date,
        Instant from,
        Instant to,
        Instant asOf,
        long firstSequence,
        long lastSequence,
        List<Demand> demand,
        List<Response> responses,
        List<ZoneChange> zoneChanges,
        List<Rerouted> rerouted,
        List<Pair> acrossOrganisations,
        List<Pair> escorts,
        List<Aid> aid,
        List<Hours> officerHours,
        List<LevelChange> escalations,
        List<MajorLine> majorIncidents) {

    /** Calls received by one organisation, by priority and by hour of the day (0-23, UTC). */
    public record Demand(
            OrganisationId organisation, int calls, Map<Priority, Integer> byPriority, List<Integer> byHour) {
        public Demand {
            byPriority = Map.copyOf(byPriority);
            byHour = List.copyOf(byHour);
        }
    }

    /**
     * Response times of one priority of one organisation for the day, as the service's boards stood at its end:
     * exactly what {@code GET /api/v1/kpis} and {@code board} give for the last 24 hours at midnight, because
     * they are the engine's own figures ({@link org.muster.engine.performance.ResponseStats}) read at that
     * moment. A call belongs to the day its clock stopped (received to the arrival the engine judges, the most
     * appropriate resource); one still waiting at midnight is counted among the day's waiting, at its wait so
     * far, and its response among the next day's. So every response is in exactly one day's report.
     *
     * @param reached calls whose clock stopped during the day, whenever received
     * @param waiting calls still waiting for the arrival that stops their clock at midnight
     * @param waitingOverTarget of those, the ones already past the target's limit: breaches whatever happens next
     * @param notJudged calls whose clock stopped during the day, or still waiting at its end, that came in while
     *     their zone was downgraded (targets suspended): in no other figure, as the boards leave them out
     * @param mean of the responses only
     * @param p90 nearest-rank 90th centile of the responses only
     * @param breachesMean whether the mean, counting the waiting calls at their wait so far, is over its
     *     target: the board's OVER; never while the organisation's escalation level has its targets suspended
     *     at the day's end ({@link ResponseStats#judgedUnder}), nor then {@code waitingOverTarget}
     * @param breachesP90 as {@code breachesMean}, for the 90th centile
     * @param withinTarget how many reached within the target; empty when the priority has none, as the API's
     *     compliance is
     */
    public record Response(
            OrganisationId organisation,
            Priority priority,
            int reached,
            int waiting,
            int waitingOverTarget,
            int notJudged,
            Optional<Duration> mean,
            Optional<Duration> p90,
            Optional<Duration> targetMean,
            Optional<Duration> targetP90,
            boolean breachesMean,
            boolean breachesP90,
            Optional<Integer> withinTarget) {}

    public record ZoneChange(
            ZoneId zone,
            OrganisationId organisation,
            OperatingLevel from,
            OperatingLevel to,
            Instant at,
            String reason) {}

    /**
     * Calls in a downgraded zone of {@code organisation} served that day by a unit from outside the zone: the
     * engine's count ({@link org.muster.engine.performance.ResponseTimes#reroutedIn}), as the board and {@code
     * /api/v1/kpis/zones} give it for the day.
     */
    public record Rerouted(ZoneId zone, OrganisationId organisation, int calls) {}

    /** So many times units of {@code from} served calls of {@code to}. */
    public record Pair(OrganisationId from, OrganisationId to, int count) {}

    /**
     * One requester's mutual aid: requests made, filled whole and filled in part only ({@link
     * org.muster.engine.aid.AidFilling}); offers and refusals it received.
     */
    public record Aid(OrganisationId requester, int asked, int filled, int partlyFilled, int offers, int declined) {}

    /** What {@code home} lent {@code host} during the day: the host owes these hours. */
    public record Hours(
            OrganisationId home, OrganisationId host, int deployments, double unitHours, double officerHours) {}

    public record LevelChange(OrganisationId organisation, int from, int to, Instant at, String reason) {}

    public record MajorLine(String id, String name, OrganisationId declaredBy, Instant at, int methaneReports) {}

    /**
     * The report of {@code date} (UTC) from {@code log}, with response times against {@code targets}, under the
     * default rules: with no zone geometry, no call lies in a zone, so none is rerouted.
     */
    public static Sitrep of(EventLog log, LocalDate date, ResponseTargets targets) {
        return of(log, date, org.muster.engine.rules.Rules.defaults(), targets, AidHours.measured());
    }

    /**
     * As {@link #of(EventLog, LocalDate, ResponseTargets)}, with the service's rules: which arrival stops a
     * call's clock is the engine's own decision ({@link org.muster.engine.performance.ResponseTimes}, the
     * most appropriate resource as the live boards count it), not the report's, and so is which calls were
     * rerouted, by the zones {@code rules} place them in.
     */
    public static Sitrep of(
            EventLog log, LocalDate date, org.muster.engine.rules.Rules rules, ResponseTargets targets) {
        return of(log, date, rules, targets, AidHours.measured());
    }

    /**
     * As {@link #of(EventLog, LocalDate, org.muster.engine.rules.Rules, ResponseTargets)}, with officer-hours
     * counted by {@code hours}: the service's own rule ({@link AidHours#of}), so that the day's share of a
     * lending is the share of what {@code GET /aid/requests/{id}/hours} gives for it.
     */
    public static Sitrep of(
            EventLog log,
            LocalDate date,
            org.muster.engine.rules.Rules rules,
            ResponseTargets targets,
            AidHours aidHours) {
        Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long first = Recovery.sequenceAt(log, from.minusNanos(1));
        long last = Recovery.sequenceAt(log, to.minusNanos(1));
        // a day the log has not finished (today's, or the last before a demo stopped) is reported as at its last
        // event: its calls still waiting and units still lent are counted to then, not on to midnight
        Instant asOf = log.lastSequence() > last || last == 0
                ? to
                : latest(from, log.listRange(last - 1, last).getFirst().at());
        // the engine's response times as they stood when the day began, the calls waiting then among them (from
        // the newest snapshot before it): every response the day's figures hold is made by the day's own
        // events, so none need be read back from the store
        var clocks = new ResponseTimes(rules, targets, ResponseLog.none());
        MusterState state = ProjectionFeed.replay(log, List.of(clocks), first).state();
        Reading r = new Reading();
        for (long after = first; after < last; after += 1000) {
            for (RecordedEvent e : log.listRange(after, Math.min(last, after + 1000))) {
                r.read(state, e);
                state = Evolver.apply(state, e);
                clocks.onEvents(List.of(e), state);
            }
        }
        return new Sitrep(
                date,
                from,
                to,
                asOf,
                first + 1,
                last,
                r.demand(),
                responses(clocks, state, r.calls, from, asOf),
                List.copyOf(r.zoneChanges),
                rerouted(clocks, state, date),
                pairs(r.acrossOrganisations),
                pairs(r.escorts),
                r.aid(),
                hours(aidHours, state, from, to, asOf),
                List.copyOf(r.levels),
                r.majors(state));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The day's response times, as the engine judges them at {@code to} (its midnight, or the log's last event
     * before it) since {@code from}: a row for each priority of an organisation with a call received, reached,
     * waiting or left unjudged that day.
     */
    private static List<Response> responses(
            ResponseTimes clocks,
            MusterState end,
            Map<OrganisationId, Map<Priority, Integer>> received,
            Instant from,
            Instant to) {
        Map<List<Object>, Integer> suspended = new HashMap<>();
        for (var response : clocks.listResponses())
            if (response.targetsSuspended()
                    && !response.stopped().isBefore(from)
                    && !response.stopped().isAfter(to))
                suspended.merge(List.of(response.organisation(), response.priority()), 1, Integer::sum);
        for (var open : clocks.listOpen())
            if (open.suspended())
                suspended.merge(
                        List.of(open.incident().organisation(), open.incident().priority()), 1, Integer::sum);
        List<Response> out = new ArrayList<>();
        for (var organisation : end.organisations().values().stream()
                .sorted(java.util.Comparator.comparing(o -> o.id().value()))
                .toList()) {
            OrganisationId org = organisation.id();
            for (Priority p : Priority.values()) {
                if (!p.appliesTo(organisation.agency())) continue;
                ResponseStats s = clocks.statsForOrganisation(org, p, Duration.between(from, to), to)
                        .judgedUnder(end.escalationOf(org));
                int unjudged = suspended.getOrDefault(List.of(org, p), 0);
                boolean any = received.getOrDefault(org, Map.of()).containsKey(p);
                if (!any && s.count() == 0 && s.waiting() == 0 && unjudged == 0) continue;
                out.add(new Response(
                        org,
                        p,
                        s.count(),
                        s.waiting(),
                        s.waitingOverTarget(),
                        unjudged,
                        s.mean(),
                        s.p90(),
                        s.target().mean(),
                        s.target().p90(),
                        s.breachesMean(),
                        s.breachesP90(),
                        s.withinTarget()));
            }
        }
        return List.copyOf(out);
    }

    /** Everything the day's events say, gathered as they are read. */
    private static final class Reading {
        final Map<OrganisationId, Map<Priority, Integer>> calls = new TreeMap<>();
        final Map<OrganisationId, int[]> byHour = new TreeMap<>();

        final List<ZoneChange> zoneChanges = new ArrayList<>();
        final Map<List<OrganisationId>, Integer> acrossOrganisations = new TreeMap<>(Sitrep::compare);
        final Map<List<OrganisationId>, Integer> escorts = new TreeMap<>(Sitrep::compare);
        final Map<OrganisationId, int[]> aid = new TreeMap<>();
        final List<LevelChange> levels = new ArrayList<>();
        final List<String> majors = new ArrayList<>();
        final Map<String, Integer> methane = new HashMap<>();

        void read(MusterState before, RecordedEvent recorded) {
            switch (recorded.event()) {
                case Event.IncidentCreated e -> {
                    Incident i = e.incident();
                    calls.computeIfAbsent(i.organisation(), k -> new TreeMap<>())
                            .merge(i.priority(), 1, Integer::sum);
                    byHour.computeIfAbsent(i.organisation(), k -> new int[24])[
                            recorded.at().atZone(ZoneOffset.UTC).getHour()]++;
                }
                case Event.OperatingLevelChanged e ->
                    before.findZone(e.zone())
                            .ifPresent(z -> zoneChanges.add(new ZoneChange(
                                    z.id(), z.organisation(), e.from(), e.to(), recorded.at(), recorded.reason())));
                case Event.UnitAssigned e -> {
                    Optional<Incident> i = before.findIncident(e.incident());
                    Optional<Unit> u = before.findUnit(e.unit());
                    if (i.isEmpty() || u.isEmpty()) return;
                    OrganisationId giver = u.get().workingFor();
                    if (giver.equals(i.get().organisation())) return;
                    var key = List.of(giver, i.get().organisation());
                    if (e.role() == AssignmentRole.ESCORT) escorts.merge(key, 1, Integer::sum);
                    else acrossOrganisations.merge(key, 1, Integer::sum);
                }
                case Event.AidRequested e -> aid(e.request().requester())[0]++;
                case Event.AidRequestStatusChanged e -> {
                    var filling = org.muster.engine.aid.AidFilling.of(e);
                    before.findAidRequest(e.request()).ifPresent(q -> {
                        aid(q.requester())[1] += filling.filled();
                        aid(q.requester())[4] += filling.partlyFilled();
                    });
                }
                // an offer recorded again (a unit taken out of it by its home) is not another offer
                case Event.AidOffered e ->
                    before.findAidRequest(e.request())
                            .filter(q -> q.findOffer(e.offer().id()).isEmpty())
                            .ifPresent(q -> aid(q.requester())[2]++);
                case Event.AidDeclined e -> before.findAidRequest(e.request()).ifPresent(q -> aid(q.requester())[3]++);
                case Event.EscalationLevelChanged e ->
                    levels.add(new LevelChange(e.organisation(), e.from(), e.to(), recorded.at(), recorded.reason()));
                case Event.MajorIncidentDeclared e ->
                    majors.add(e.majorIncident().id().value());
                case Event.MethaneReportFiled e ->
                    methane.merge(e.majorIncident().value(), 1, Integer::sum);
                default -> {}
            }
        }

        int[] aid(OrganisationId requester) {
            return aid.computeIfAbsent(requester, k -> new int[5]);
        }

        List<Demand> demand() {
            List<Demand> out = new ArrayList<>();
            calls.forEach((org, byPriority) -> out.add(new Demand(
                    org,
                    byPriority.values().stream().mapToInt(Integer::intValue).sum(),
                    byPriority,
                    java.util.Arrays.stream(byHour.get(org)).boxed().toList())));
            return List.copyOf(out);
        }

        List<Aid> aid() {
            List<Aid> out = new ArrayList<>();
            aid.forEach((org, n) -> out.add(new Aid(org, n[0], n[1], n[4], n[2], n[3])));
            return List.copyOf(out);
        }

        List<MajorLine> majors(MusterState end) {
            List<MajorLine> out = new ArrayList<>();
            for (String id : majors)
                end.findMajorIncident(org.muster.domain.major.MajorIncidentId.of(id))
                        .ifPresent(m -> out.add(new MajorLine(
                                id, m.name(), m.declaredBy(), m.declaredAt(), methane.getOrDefault(id, 0))));
            return List.copyOf(out);
        }
    }

    private static int compare(List<OrganisationId> a, List<OrganisationId> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }

    /** The day's rerouted calls per zone, as the engine counted them while fed the day's events. */
    private static List<Rerouted> rerouted(ResponseTimes clocks, MusterState end, LocalDate date) {
        return end.zones().values().stream()
                .sorted(java.util.Comparator.comparing(z -> z.id().value()))
                .flatMap(z -> Optional.ofNullable(clocks.reroutedIn(z.id()).get(date)).stream()
                        .map(n -> new Rerouted(z.id(), z.organisation(), n)))
                .toList();
    }

    /**
     * The part of one lending that fell in {@code [from, to)}: its unit-hours (arrival to release, at the host)
     * and its officer-hours (the crew from deployment to home again: out, at the host, and the journey home).
     * A line the report counts up to {@code to} (still lent) ends there. The two add up, over the days a lending
     * spans, to the line's own figures.
     */
    static DayShare withinDay(AidHours.Line l, Instant from, Instant to) {
        Instant released = l.end().orElse(to);
        double unitHours = l.arrived().map(a -> hoursOf(a, released, from, to)).orElse(0.0);
        Instant home = released.plusMillis(Math.round(l.travelHomeHours() * 3_600_000));
        return new DayShare(unitHours, l.crew() * hoursOf(l.start(), home, from, to));
    }

    /** The part of one lending's unit-hours and officer-hours that fell in one day. */
    record DayShare(double unitHours, double officerHours) {}

    /** The hours of {@code [a, b)} within {@code [from, to)}. */
    private static double hoursOf(Instant a, Instant b, Instant from, Instant to) {
        Instant start = a.isAfter(from) ? a : from;
        Instant stop = b.isBefore(to) ? b : to;
        return stop.isAfter(start) ? java.time.Duration.between(start, stop).toMillis() / 3_600_000.0 : 0;
    }

    private static List<Pair> pairs(Map<List<OrganisationId>, Integer> counts) {
        List<Pair> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Pair(k.get(0), k.get(1), n)));
        return List.copyOf(out);
    }

    /**
     * The deployments under way during the day, by pair, and the part of their hours that fell in it: unit-hours
     * at the host, and officer-hours as cost recovery counts them (the journeys both ways, a journey home that
     * ends after midnight shared with the next day). One still lent counts to {@code asOf}: the day's end, or the
     * log's last event on a day not over in it. A lending over midnight is shared between its days, not counted
     * whole on each.
     */
    private static List<Hours> hours(AidHours aidHours, MusterState end, Instant from, Instant to, Instant asOf) {
        AidHours.Report report = aidHours.report(end, asOf);
        Map<List<OrganisationId>, double[]> byPair = new TreeMap<>(Sitrep::compare);
        for (AidHours.Line l : report.lines()) {
            if (!l.start().isBefore(to)) continue;
            // released lines are reckoned to home, whenever that falls; one still lent, to as of now
            DayShare day = l.end().isPresent() ? withinDay(l, from, to) : withinDay(l, from, asOf);
            if (day.unitHours() == 0 && day.officerHours() == 0) continue;
            double[] sum = byPair.computeIfAbsent(List.of(l.home(), l.host()), k -> new double[3]);
            sum[0]++;
            sum[1] += day.unitHours();
            sum[2] += day.officerHours();
        }
        List<Hours> out = new ArrayList<>();
        byPair.forEach((k, v) -> out.add(new Hours(k.get(0), k.get(1), (int) v[0], v[1], v[2])));
        return List.copyOf(out);
    }
}
