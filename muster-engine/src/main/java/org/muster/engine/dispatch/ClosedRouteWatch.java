package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.alert.Alert;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.PlacedClosures;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;
import org.muster.geo.road.Arrival;
import org.muster.geo.road.ArrivalQuery;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.Origin;
import org.muster.geo.road.OriginIndex;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * Journeys under way that a road closure lengthens: for each unit on its way (dispatched or en route) to
 * an incident, or lent and on its way to a mutual aid rendezvous point, its fastest road time from its last
 * reported position with the closures in force and without them; where the closures cost at least {@link
 * #MIN_DELAY}, an alert of kind {@code closed-route} and key {@code closed-route:<unit>}, addressed to the
 * organisations the unit works for and the incident belongs to, names the unit, where it is going, the
 * closures and the extra time. Muster cannot see the road a crew has chosen, only the fastest one from its
 * last fix, so the alert says that; it is resolved when the journey ends (arrived, stood down) or no longer
 * crosses a closure (the road reopened, the crew went round).
 *
 * <p>Two searches per destination with units on their way (the same reverse search as a recommendation,
 * limited to those units), only while some road is closed, and again only when the closures change or,
 * at most every {@link #RECHECK_AFTER} of Muster's time, the units on their way do.
 */
public final class ClosedRouteWatch implements AlertSource {
    static final String KIND = "closed-route";
    static final String KEY = KIND + ":";
    /** Less than this is within the noise of a moving unit's fix: not worth a dispatcher's attention. */
    static final Duration MIN_DELAY = Duration.ofSeconds(30);

    private static final Duration RECHECK_AFTER = Duration.ofSeconds(5);

    private final TravelTimes network;
    private final RoadProfile profile;
    private final PlacedClosures closures;
    private volatile Checked last = new Checked(null, "", Instant.MIN, List.of());

    private record Checked(ClosedRoads closed, String journeys, Instant at, List<Condition> conditions) {}

    /** A unit on its way somewhere. */
    private record Journey(Unit unit, String to, GeoPoint destination, Optional<Incident> incident) {}

    public ClosedRouteWatch(TravelTimes network, RoadProfile profile) {
        this.network = Check.present("network", network);
        this.profile = Check.present("profile", profile);
        this.closures = new PlacedClosures(network);
    }

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        ClosedRoads closed = closures.of(state);
        if (closed.isEmpty()) {
            last = new Checked(closed, "", now, List.of());
            return List.of();
        }
        List<Journey> journeys = journeys(state);
        String signature = signature(journeys);
        Checked c = last;
        boolean sameClosures = c.closed() == closed;
        if (sameClosures && (c.journeys().equals(signature) || now.isBefore(c.at().plus(RECHECK_AFTER))))
            return c.conditions();
        List<Condition> conditions = check(state, closed, journeys);
        last = new Checked(closed, signature, now, conditions);
        return conditions;
    }

    private static List<Journey> journeys(MusterState state) {
        List<Journey> out = new ArrayList<>();
        for (Unit u : state.units().values()) {
            if (u.position().isEmpty()) continue;
            if (u.status() != UnitStatus.DISPATCHED && u.status() != UnitStatus.EN_ROUTE) continue;
            Optional<Incident> incident = state.findIncidentOf(u.id());
            if (incident.isPresent()) {
                out.add(new Journey(
                        u, "incident " + incident.get().id(), incident.get().location(), incident));
            } else if (u.status() == UnitStatus.EN_ROUTE) {
                state.findAidRequestHolding(u.id())
                        .ifPresent(r -> out.add(new Journey(
                                u, "the rendezvous point of mutual aid request " + r.id(), r.rendezvous(), incident)));
            }
        }
        out.sort(java.util.Comparator.comparing(j -> j.unit().id().value()));
        return out;
    }

    private static String signature(List<Journey> journeys) {
        StringBuilder s = new StringBuilder();
        for (Journey j : journeys)
            s.append(j.unit().id().value())
                    .append('@')
                    .append(j.unit().position().orElseThrow().point())
                    .append('>')
                    .append(j.destination())
                    .append(';');
        return s.toString();
    }

    private List<Condition> check(MusterState state, ClosedRoads closed, List<Journey> journeys) {
        Map<GeoPoint, List<Journey>> byDestination = new LinkedHashMap<>();
        for (Journey j : journeys)
            byDestination
                    .computeIfAbsent(j.destination(), d -> new ArrayList<>())
                    .add(j);
        List<Condition> out = new ArrayList<>();
        byDestination.forEach((destination, going) -> {
            Optional<SnappedLocation> to = network.findNearestRoad(destination);
            if (to.isEmpty()) return;
            List<Origin<Journey>> origins = new ArrayList<>();
            for (Journey j : going)
                network.findSnap(j.unit().position().orElseThrow().point())
                        .ifPresent(at -> origins.add(new Origin<>(j, at)));
            if (origins.isEmpty()) return;
            OriginIndex<Journey> index = network.indexOrigins(origins);
            ArrivalQuery all = ArrivalQuery.all(profile).withLimit(origins.size());
            Map<Journey, Long> open = times(to.get(), index, all);
            Map<Journey, Long> round = times(to.get(), index, all.withClosedRoads(closed));
            open.forEach((j, openMillis) -> {
                Optional<Long> roundMillis = Optional.ofNullable(round.get(j));
                long delay = roundMillis.map(r -> r - openMillis).orElse(Long.MAX_VALUE);
                if (delay >= MIN_DELAY.toMillis()) out.add(condition(state, closed, j, openMillis, roundMillis));
            });
        });
        out.sort(java.util.Comparator.comparing(Condition::key));
        return List.copyOf(out);
    }

    private Map<Journey, Long> times(SnappedLocation to, OriginIndex<Journey> index, ArrivalQuery query) {
        Map<Journey, Long> out = new HashMap<>();
        for (Arrival<Journey> a : network.listFastestArrivals(to, index, j -> true, query))
            out.put(a.key(), a.travelTimeMillis());
        return out;
    }

    private static Condition condition(
            MusterState state, ClosedRoads closed, Journey j, long openMillis, Optional<Long> roundMillis) {
        Unit u = j.unit();
        String closures = Recommender.describeClosures(state, closed);
        String effect = roundMillis
                .map(r -> "its fastest route from its last reported position crosses " + closures + ": "
                        + Recommender.words(seconds(r - openMillis)) + " longer round ("
                        + Recommender.words(seconds(r)) + " instead of " + Recommender.words(seconds(openMillis))
                        + ")")
                .orElse("the closures cut every road to it from its last reported position (" + closures + ")");
        TreeMap<String, String> evidence = new TreeMap<>();
        evidence.put("unit", u.id().value());
        evidence.put("destination", j.to());
        evidence.put(
                "closures",
                String.join(
                        ",",
                        closed.stretches().keySet().stream()
                                .map(Object::toString)
                                .toList()));
        evidence.put("travel.open.seconds", Long.toString(seconds(openMillis).toSeconds()));
        roundMillis.ifPresent(r -> {
            evidence.put("travel.round.seconds", Long.toString(seconds(r).toSeconds()));
            evidence.put("delay.seconds", Long.toString(seconds(r - openMillis).toSeconds()));
        });
        TreeSet<OrganisationId> to = new TreeSet<>(List.of(u.workingFor()));
        j.incident().ifPresent(i -> to.add(i.organisation()));
        String key = KEY + u.id().value();
        // a new occurrence per journey and set of closures: the same unit sent elsewhere, or another closure
        // on its way, is a new alert; its delay as the unit moves on is not
        String occurrence = j.to().replaceAll(".* ", "") + ":" + evidence.get("closures");
        return new Condition(
                // short: the alert's id is part of the command ids raising and resolving it
                AlertSource.idOf(key, Integer.toHexString(occurrence.hashCode())),
                KIND,
                key,
                occurrence,
                to,
                u.callsign() + " on its way to " + j.to() + ": " + effect,
                evidence,
                Optional.empty());
    }

    /** Whole seconds, rounded up so that a delay never reads as none. */
    private static Duration seconds(long millis) {
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        return "The journey no longer crosses a road closure (the unit arrived or was stood down, or the road"
                + " reopened)";
    }
}
