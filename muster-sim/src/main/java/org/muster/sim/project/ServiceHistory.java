package org.muster.sim.project;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.Check;
import org.muster.domain.ConflictException;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.sim.demand.Arrival;
import org.muster.sim.demand.CallZones;
import org.muster.sim.demand.RecordedDemand;

/**
 * A live service's demand learned from its own calls, for projecting a deployment that has no generated
 * region: the calls received over the last {@link #LONGEST} (or since the log began, if later), from the
 * closed-incident read model and the live state together. A duplicate merged into another call is not a call
 * of its own, nor is one cancelled before anyone was sent; a call in none of its organisation's zones is left
 * out (nothing in the projection could judge it).
 */
public final class ServiceHistory {
    /** How far back a projection learns from: four weeks, each hour of the week seen four times. */
    public static final Duration LONGEST = Duration.ofDays(28);

    /** Fewer calls than this are too few to tell one hour of the week from another. */
    public static final int FEWEST_CALLS = 20;

    private ServiceHistory() {}

    /**
     * The demand of the calls received in {@code [max(at - LONGEST, since), at)}.
     *
     * @param since when the service's log begins (its first event still held)
     * @throws ConflictException when the history is shorter than a day or holds fewer than {@link #FEWEST_CALLS}
     *     calls, saying how much it holds
     */
    public static RecordedDemand learn(
            MusterState now, Rules rules, Instant since, Instant at, java.time.ZoneId timeZone) {
        Check.present("now", now);
        Check.present("rules", rules);
        Check.present("since", since);
        Check.present("at", at);
        Instant from = since.isAfter(at.minus(LONGEST)) ? since : at.minus(LONGEST);
        Duration held = Duration.between(from, at);
        if (held.compareTo(RecordedDemand.SHORTEST_HISTORY) < 0)
            throw new ConflictException(String.format(
                    java.util.Locale.ROOT,
                    "no demand model to project with yet: projections learn one from this service's own calls,"
                            + " and its log holds %.1f hours of them; it needs at least %d",
                    held.toMinutes() / 60.0,
                    RecordedDemand.SHORTEST_HISTORY.toHours()));
        List<Arrival> calls = calls(now, rules, from, at);
        if (calls.size() < FEWEST_CALLS)
            throw new ConflictException("no demand model to project with yet: projections learn one from this"
                    + " service's own calls, and the last " + held.toDays() + " days hold " + calls.size()
                    + " of them in its zones; it needs at least " + FEWEST_CALLS);
        return RecordedDemand.learn(calls, from, at, timeZone);
    }

    /**
     * The calls received in {@code [from, at)}, as arrivals in their zones, in no particular order: what a
     * projection learns from, and what {@code ./muster export calls} writes for a scenario to replay.
     *
     * @param rules with the zones' geometry and the log's closed incidents
     */
    public static List<Arrival> calls(MusterState now, Rules rules, Instant from, Instant at) {
        Set<OrganisationId> organisations = new HashSet<>(now.organisations().keySet());
        Set<IncidentId> seen = new HashSet<>();
        List<Arrival> out = new ArrayList<>();
        for (Incident i : now.incidents().values()) add(i, now, rules, from, at, seen, out);
        // The read model answers by when a call finished, newest first, a page at a time: a call received in
        // the window finished after its start.
        ClosedIncidents closed = rules.closedIncidents();
        Instant to = at.plusMillis(1);
        while (true) {
            List<Incident> page = closed.listClosed(organisations, from, to, ClosedIncidents.MAX_LIMIT);
            int fresh = 0;
            for (Incident i : page) {
                if (seen.contains(i.id())) continue;
                fresh++;
                add(i, now, rules, from, at, seen, out);
            }
            if (page.size() < ClosedIncidents.MAX_LIMIT) break;
            Instant last = ClosedIncidents.finishedAt(page.getLast());
            // a page of one millisecond's calls, all seen: step past that millisecond
            to = fresh == 0 ? last : last.plusMillis(1);
            if (!to.isAfter(from)) break;
        }
        return out;
    }

    /**
     * The same calls as a scenario's {@code demand.replay} reads them, in the order they came (then by
     * organisation and type): what {@code ./muster export calls} and {@code GET /api/v1/calls} write.
     */
    public static List<org.muster.sim.des.RecordedCall> recordedCalls(
            MusterState now, Rules rules, Instant from, Instant at) {
        return calls(now, rules, from, at).stream()
                .sorted(java.util.Comparator.comparing(Arrival::at)
                        .thenComparing(a -> a.organisation().value())
                        .thenComparing(a -> a.type().value()))
                .map(a -> new org.muster.sim.des.RecordedCall(a.at(), a.organisation(), a.type(), a.location()))
                .toList();
    }

    private static void add(
            Incident i,
            MusterState now,
            Rules rules,
            Instant from,
            Instant at,
            Set<IncidentId> seen,
            List<Arrival> out) {
        seen.add(i.id());
        if (i.receivedAt().isBefore(from) || !i.receivedAt().isBefore(at)) return;
        if (i.mergedInto().isPresent()) return;
        if (i.status() == IncidentStatus.CANCELLED && i.assignments().isEmpty() && !wasAttended(i)) return;
        Optional<ZoneId> zone = CallZones.zoneOf(now, rules, i.organisation(), i.location());
        zone.ifPresent(
                z -> out.add(new Arrival(i.receivedAt(), i.organisation(), z, i.type(), i.priority(), i.location())));
    }

    /** Whether anyone was ever sent: a released unit leaves the assignments; the timeline keeps its line. */
    private static boolean wasAttended(Incident i) {
        return i.timeline().stream().anyMatch(e -> e.what().contains(" assigned as "));
    }
}
