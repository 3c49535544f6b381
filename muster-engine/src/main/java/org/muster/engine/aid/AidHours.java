package org.muster.engine.aid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;

/**
 * The hours units were lent under mutual aid, for cost recovery: each deployment, and the totals per
 * request and per pair of organisations (home, host). A unit still lent counts up to {@code now}.
 */
public final class AidHours {
    private AidHours() {}

    /** One unit's time lent under one request. */
    public record Line(
            AidRequestId request,
            UnitId unit,
            Callsign callsign,
            OrganisationId home,
            OrganisationId host,
            Instant start,
            Optional<Instant> end,
            double hours) {}

    /** A request's total: how many deployments and hours its host had. */
    public record RequestTotal(AidRequestId request, OrganisationId host, int deployments, double hours) {}

    /** What one organisation lent another, over every request. */
    public record PairTotal(OrganisationId home, OrganisationId host, int deployments, double hours) {}

    /** The report at {@code asOf}: lines by request then start; totals by request and by pair. */
    public record Report(Instant asOf, List<Line> lines, List<RequestTotal> requests, List<PairTotal> pairs) {
        public Report {
            lines = List.copyOf(lines);
            requests = List.copyOf(requests);
            pairs = List.copyOf(pairs);
        }

        public double totalHours() {
            return lines.stream().mapToDouble(Line::hours).sum();
        }
    }

    /** Every request's hours. */
    public static Report report(MusterState state, Instant now) {
        return report(state, now, r -> true);
    }

    /**
     * One request's hours.
     *
     * @throws org.muster.domain.NotFoundException when there is no such request
     */
    public static Report report(MusterState state, AidRequestId request, Instant now) {
        state.getAidRequest(request);
        return report(state, now, r -> r.id().equals(request));
    }

    /** The hours of the requests the viewer may see. */
    public static Report reportVisibleTo(MusterState state, Viewer viewer, Instant now) {
        return report(state, now, viewer::canSee);
    }

    private static Report report(MusterState state, Instant now, Predicate<AidRequest> which) {
        List<Line> lines = new ArrayList<>();
        Map<AidRequestId, RequestTotal> byRequest = new TreeMap<>();
        Map<String, PairTotal> byPair = new TreeMap<>();
        List<AidRequest> requests = state.listAidRequests().stream()
                .filter(which)
                .sorted(Comparator.comparing(r -> r.id().value()))
                .toList();
        for (AidRequest r : requests) {
            for (AidDeployment d : r.deployments()) {
                double hours = hours(d.lentFor(now));
                Callsign callsign = state.findUnit(d.unit())
                        .map(Unit::callsign)
                        .orElse(Callsign.of(d.unit().value()));
                lines.add(new Line(r.id(), d.unit(), callsign, d.home(), d.host(), d.start(), d.end(), hours));
                byRequest.merge(
                        r.id(),
                        new RequestTotal(r.id(), d.host(), 1, hours),
                        (a, b) -> new RequestTotal(a.request(), a.host(), a.deployments() + 1, a.hours() + b.hours()));
                byPair.merge(
                        d.home() + "\u0000" + d.host(),
                        new PairTotal(d.home(), d.host(), 1, hours),
                        (a, b) -> new PairTotal(a.home(), a.host(), a.deployments() + 1, a.hours() + b.hours()));
            }
        }
        return new Report(now, lines, List.copyOf(byRequest.values()), List.copyOf(byPair.values()));
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
