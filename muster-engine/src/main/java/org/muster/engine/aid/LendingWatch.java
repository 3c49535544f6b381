package org.muster.engine.aid;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.Alert;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;

/**
 * Units lent longer than their request asked for. A request names how long its requester needs the units
 * ({@code duration}); nothing ends a lending but its requester's release, so a walkout's borrowed cars could
 * stay away from their own force for a day with nobody told. Each request with a unit still lent past that
 * time, counted from the unit's arrival at the rendezvous point (from its deployment while it is on its way),
 * has an alert addressed to the requester and to every organisation whose unit it is: release them, or agree
 * the longer time and dismiss the alert with it as the reason. It is replaced when another unit passes its
 * time and resolved when none is lent past it.
 */
public final class LendingWatch implements AlertSource {
    static final String KIND = "lending-overdue";
    static final String KEY = KIND + ":";

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        List<Condition> out = new ArrayList<>();
        for (AidRequest r : state.listAidRequests()) {
            List<AidDeployment> over = overdue(r, now);
            if (!over.isEmpty()) out.add(condition(r, over, state, now));
        }
        return out;
    }

    /** The units of {@code request} still lent at {@code now} past the time it asked for, in order of unit. */
    static List<AidDeployment> overdue(AidRequest request, Instant now) {
        return request.deployments().stream()
                .filter(AidDeployment::isOngoing)
                .filter(d -> !due(request, d).isAfter(now))
                .sorted(Comparator.comparing(AidDeployment::unit))
                .toList();
    }

    /** When the time asked for ends for one unit: from its arrival, or its deployment while still on its way. */
    private static Instant due(AidRequest request, AidDeployment d) {
        return d.arrived().orElse(d.start()).plus(request.duration());
    }

    private static Condition condition(AidRequest r, List<AidDeployment> over, MusterState state, Instant now) {
        SortedSet<OrganisationId> to = new TreeSet<>();
        to.add(r.requester());
        over.forEach(d -> to.add(d.home()));
        Instant firstDue =
                over.stream().map(d -> due(r, d)).min(Comparator.naturalOrder()).orElseThrow();
        String units = over.stream()
                .map(d -> callsign(d, state) + " (" + d.home().value() + ")")
                .collect(Collectors.joining(", "));
        String unitIds = over.stream().map(d -> d.unit().value()).collect(Collectors.joining(" "));
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("request", r.id().value());
        evidence.put("requester", r.requester().value());
        evidence.put("units", unitIds);
        evidence.put("asked_for", hours(r.duration()));
        evidence.put("first_due", firstDue.toString());
        String key = KEY + r.id().value();
        String summary = (over.size() == 1 ? units + " is" : over.size() + " units, " + units + ", are")
                + " still lent to " + name(r.requester(), state) + " under " + r.id().value() + " past the "
                + hours(r.duration()) + " it asked for (over by " + hours(Duration.between(firstDue, now))
                + "): release " + (over.size() == 1 ? "it" : "them")
                + ", or agree the longer time and dismiss this alert with it";
        return new Condition(
                AlertSource.idOf(key, unitIds.replace(' ', '.')),
                KIND,
                key,
                // a unit passing its time, or released, replaces the alert: its state is who is over
                unitIds,
                to,
                summary,
                evidence,
                Optional.empty());
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    /**
     * How far over the lending is now: the alert keeps "over by 0 min" from when it was raised, while the units
     * stay lent for hours past the time asked for.
     */
    @Override
    public Optional<String> standingNow(Alert alert, MusterState state, Instant now) {
        if (!owns(alert.key())) return Optional.empty();
        AidRequestId id = AidRequestId.of(alert.key().substring(KEY.length()));
        Optional<AidRequest> request = state.findAidRequest(id);
        if (request.isEmpty()) return Optional.empty();
        List<AidDeployment> over = overdue(request.get(), now);
        if (over.isEmpty()) return Optional.of("Now no unit of " + id.value() + " is lent past the time it asked for.");
        Instant firstDue = over.stream()
                .map(d -> due(request.get(), d))
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return Optional.of("Now " + (over.size() == 1 ? "1 unit is" : over.size() + " units are") + " lent past it, "
                + "over by " + hours(Duration.between(firstDue, now)) + ": "
                + over.stream().map(d -> callsign(d, state)).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        AidRequestId id = AidRequestId.of(alert.key().substring(KEY.length()));
        return state.findAidRequest(id)
                .map(r -> r.deployments().stream().anyMatch(AidDeployment::isOngoing)
                        ? "no unit of " + id.value() + " is lent past the time it asked for"
                        : "every unit of " + id.value() + " has been released")
                .orElse(id.value() + " is no longer held");
    }

    private static String callsign(AidDeployment d, MusterState state) {
        return state.findUnit(d.unit())
                .map(u -> u.callsign().value())
                .orElse(d.unit().value());
    }

    private static String name(OrganisationId org, MusterState state) {
        return state.findOrganisation(org)
                .map(o -> o.name() + " (" + org.value() + ")")
                .orElse(org.value());
    }

    /** "8 h", "1 h 30 min", "45 min": to the minute. */
    static String hours(Duration d) {
        long minutes = d.truncatedTo(ChronoUnit.MINUTES).toMinutes();
        if (minutes < 60) return minutes + " min";
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
