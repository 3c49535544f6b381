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
import org.muster.domain.Check;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.SupportUnit;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;
import org.muster.geo.road.TravelTimes;

/**
 * The hours units were lent under mutual aid, for cost recovery, counted two ways side by side:
 *
 * <ul>
 *   <li><b>unit-hours</b>: from each unit's arrival at the rendezvous point to its release, the time its host
 *       had it;
 *   <li><b>officer-hours</b>, as the national coordinator's cost recovery counts them: the crew on board when
 *       it was deployed × (the journey to the rendezvous point + the time at the host + the journey home).
 * </ul>
 *
 * The journey there is measured from the unit's status times (deployed, arrived). The journey home, once it
 * is released, is the road travel time from the rendezvous point to its home station when a road network is
 * given, and otherwise the journey there as measured, taken as the way back; each line says which. A unit
 * released before it reached the rendezvous point turned back from where it was: its way home is the way it
 * had come, so it is charged only the time it was away. A unit still lent counts up to {@code now}, without a
 * journey home yet.
 */
public final class AidHours {
    /** How a line's journey home was reckoned. */
    public enum TravelBasis {
        /** The road travel time from the rendezvous point to the unit's home station. */
        ROAD,
        /** The journey there, measured from deployment to arrival, taken as the way back. */
        MEASURED,
        /**
         * Released on its way, before it reached the rendezvous point: it turned back, and its way home is the
         * way it had come (deployment to release), not a journey from a rendezvous point it never reached.
         */
        TURNED_BACK,
        /** Still lent: no journey home yet. */
        NOT_YET
    }

    /**
     * One unit's time lent under one request.
     *
     * @param start when it was deployed (lent and sent to the rendezvous point)
     * @param arrived when it reached the rendezvous point; empty while on its way
     * @param hours unit-hours: from arrival to release (or now)
     * @param crew people on board when it was deployed
     * @param officerHours {@code crew × (travelOutHours + hours + travelHomeHours)}
     */
    public record Line(
            AidRequestId request,
            UnitId unit,
            Callsign callsign,
            OrganisationId home,
            OrganisationId host,
            Instant start,
            Optional<Instant> arrived,
            Optional<Instant> end,
            double hours,
            int crew,
            double travelOutHours,
            double travelHomeHours,
            TravelBasis travelHomeBasis,
            double officerHours) {}

    /**
     * A request's total: how many deployments, unit-hours and officer-hours its host had.
     *
     * @param supportUnits for a request of police support units, how many whole ones were deployed (its
     *     carriers over the carriers of one); 0 otherwise
     */
    public record RequestTotal(
            AidRequestId request,
            OrganisationId host,
            int deployments,
            double hours,
            double officerHours,
            int supportUnits) {}

    /** What one organisation lent another, over every request. */
    public record PairTotal(
            OrganisationId home, OrganisationId host, int deployments, double hours, double officerHours) {}

    /**
     * The report at {@code asOf}: lines by request then start; totals by request and by pair.
     *
     * @param notes how the journeys were reckoned, in words
     */
    public record Report(
            Instant asOf, List<Line> lines, List<RequestTotal> requests, List<PairTotal> pairs, List<String> notes) {
        public Report {
            lines = List.copyOf(lines);
            requests = List.copyOf(requests);
            pairs = List.copyOf(pairs);
            notes = List.copyOf(notes);
        }

        /** Unit-hours over every line. */
        public double totalHours() {
            return lines.stream().mapToDouble(Line::hours).sum();
        }

        /** Officer-hours, travel both ways included, over every line. */
        public double totalOfficerHours() {
            return lines.stream().mapToDouble(Line::officerHours).sum();
        }
    }

    private final Optional<TravelTimes> network;

    private AidHours(Optional<TravelTimes> network) {
        this.network = network;
    }

    /** Journeys home taken as the journeys there, measured from the units' status times. */
    public static AidHours measured() {
        return new AidHours(Optional.empty());
    }

    /** Journeys home by road, from the rendezvous point to each unit's home station. */
    public static AidHours byRoad(TravelTimes network) {
        return new AidHours(Optional.of(Check.present("network", network)));
    }

    /**
     * The service's rule, wherever its hours are counted (the API, {@code aid hours}, the daily report): journeys
     * home by road when it has roads, else the measured journeys there.
     */
    public static AidHours of(Optional<? extends TravelTimes> roads) {
        return roads.<AidHours>map(AidHours::byRoad).orElseGet(AidHours::measured);
    }

    /** Every request's hours. */
    public Report report(MusterState state, Instant now) {
        return report(state, now, r -> true);
    }

    /**
     * One request's hours.
     *
     * @throws org.muster.domain.NotFoundException when there is no such request
     */
    public Report report(MusterState state, AidRequestId request, Instant now) {
        state.getAidRequest(request);
        return report(state, now, r -> r.id().equals(request));
    }

    /** The hours of the requests the viewer may see. */
    public Report reportVisibleTo(MusterState state, Viewer viewer, Instant now) {
        return report(state, now, viewer::canSee);
    }

    private Report report(MusterState state, Instant now, Predicate<AidRequest> which) {
        List<Line> lines = new ArrayList<>();
        Map<AidRequestId, RequestTotal> byRequest = new TreeMap<>();
        Map<String, PairTotal> byPair = new TreeMap<>();
        List<AidRequest> requests = state.listAidRequests().stream()
                .filter(which)
                .sorted(Comparator.comparing(r -> r.id().value()))
                .toList();
        for (AidRequest r : requests) {
            for (AidDeployment d : r.deployments()) {
                Line line = line(state, r, d, now);
                lines.add(line);
                byRequest.merge(
                        r.id(),
                        new RequestTotal(r.id(), d.host(), 1, line.hours(), line.officerHours(), 0),
                        (a, b) -> new RequestTotal(
                                a.request(),
                                a.host(),
                                a.deployments() + 1,
                                a.hours() + b.hours(),
                                a.officerHours() + b.officerHours(),
                                0));
                byPair.merge(
                        d.home() + "\u0000" + d.host(),
                        new PairTotal(d.home(), d.host(), 1, line.hours(), line.officerHours()),
                        (a, b) -> new PairTotal(
                                a.home(),
                                a.host(),
                                a.deployments() + 1,
                                a.hours() + b.hours(),
                                a.officerHours() + b.officerHours()));
            }
        }
        List<RequestTotal> totals = new ArrayList<>();
        for (RequestTotal t : byRequest.values()) {
            int carriers = state.getAidRequest(t.request())
                    .need()
                    .supportUnit()
                    .map(SupportUnit::carriers)
                    .orElse(0);
            totals.add(
                    carriers == 0
                            ? t
                            : new RequestTotal(
                                    t.request(),
                                    t.host(),
                                    t.deployments(),
                                    t.hours(),
                                    t.officerHours(),
                                    t.deployments() / carriers));
        }
        return new Report(now, lines, totals, List.copyOf(byPair.values()), notes());
    }

    private Line line(MusterState state, AidRequest r, AidDeployment d, Instant now) {
        Optional<Unit> unit = state.findUnit(d.unit());
        Callsign callsign = unit.map(Unit::callsign).orElse(Callsign.of(d.unit().value()));
        Duration out = d.travelOut(now);
        Duration lent = d.lentFor(now);
        TravelBasis basis = TravelBasis.NOT_YET;
        Duration back = Duration.ZERO;
        if (d.end().isPresent() && d.arrived().isEmpty()) {
            // it turned back where it was: home the way it had come
            basis = TravelBasis.TURNED_BACK;
            back = out;
        } else if (d.end().isPresent()) {
            Optional<Duration> byRoad = unit.flatMap(u -> roadHome(state, r, u));
            basis = byRoad.isPresent() ? TravelBasis.ROAD : TravelBasis.MEASURED;
            back = byRoad.orElse(out);
        }
        double officerHours = d.crew() * hours(out.plus(lent).plus(back));
        return new Line(
                r.id(),
                d.unit(),
                callsign,
                d.home(),
                d.host(),
                d.start(),
                d.arrived(),
                d.end(),
                hours(lent),
                d.crew(),
                hours(out),
                hours(back),
                basis,
                officerHours);
    }

    private Optional<Duration> roadHome(MusterState state, AidRequest r, Unit u) {
        if (network.isEmpty()) return Optional.empty();
        return u.homeStation()
                .flatMap(state::findStation)
                .map(Station::location)
                .flatMap(home -> network.get().findRoute(RoadProfile.CAR, r.rendezvous(), home))
                .map(Route::travelTime);
    }

    private List<String> notes() {
        String home = network.isPresent()
                ? "journey home: road travel time from the rendezvous point to the unit's home station"
                : "journey home: no road network, so the journey there (deployed to arrived, from the unit's"
                        + " status times) is taken as the way back";
        return List.of(
                "unit-hours: from arrival at the rendezvous point to release",
                "officer-hours: crew on board when deployed x (journey there + time at the host + journey home)",
                "journey there: measured from deployment to arrival at the rendezvous point",
                home + "; counted once the unit is released",
                "a unit released before it reached the rendezvous point turned back: its journey home is the way"
                        + " it had come (deployed to released)");
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
