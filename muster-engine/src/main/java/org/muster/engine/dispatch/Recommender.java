package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.ConflictException;
import org.muster.domain.Sorted;
import org.muster.domain.Words;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.engine.rules.PlacedClosures;
import org.muster.engine.rules.RoadLocations;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.Arrival;
import org.muster.geo.road.ArrivalQuery;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * Answers the dispatcher's first question — who can get there first? — for every requirement of an
 * incident at once, by one search over the road graph from the incident outwards (against the direction
 * of travel), which stops as soon as enough suitable units are found or the time limit is passed.
 *
 * <p>Suitable: working for the incident's organisation (its own units not lent out, and units lent to it); of a type and with live capabilities that meet the
 * requirement; available or returning, or — for an incident whose priority allows diversion — on the way
 * to a less urgent one.
 */
public final class Recommender {
    private final TravelTimes network;
    private final Rules rules;
    private final DispatchConfig config;
    private final UnitPlaces places;
    /** The closures last placed on the roads, kept while the state's closures stay the same map. */
    private final PlacedClosures placed;

    public Recommender(TravelTimes network, Rules rules, DispatchConfig config) {
        this.network = network;
        this.rules = rules;
        this.config = config;
        this.places = new UnitPlaces(network);
        this.placed = new PlacedClosures(network);
    }

    public DispatchConfig config() {
        return config;
    }

    /**
     * Recommends units for the incident as the state stands.
     *
     * @param all rank every suitable unit rather than the fastest k per requirement
     * @throws org.muster.domain.NotFoundException when there is no such incident
     * @throws ConflictException when the incident is closed, cancelled or merged
     * @throws org.muster.domain.InvalidInputException when its location is too far from any road
     */
    public Recommendation recommend(MusterState state, IncidentId id, Instant now, boolean all) {
        Incident incident = state.getIncident(id);
        if (!incident.isOpen()) {
            throw new ConflictException("incident " + id + " is " + incident.status() + "; nothing to recommend");
        }
        Tasking tasking = Tasking.of(state, incident, rules);
        Situation where = Situation.of(state, incident, tasking, rules.zones());
        List<String> notes = new ArrayList<>(where.notes());
        // a call away from the roads is served from the nearest road point; it was taken with a warning
        SnappedLocation destination =
                network.findNearestRoad(where.destination()).orElseGet(() -> network.snap(where.destination()));
        if (destination.offRoadMeters() > network.maxSnapDistanceMeters())
            notes.add("the scene is " + RoadLocations.onFoot(destination.offRoadMeters())
                    + " on foot from the nearest road point; travel times are to that point");
        List<Need> needs = needs(state, incident, where);

        int[] wanted = new int[needs.size()];
        long limit = 0;
        for (int n = 0; n < needs.size(); n++) {
            int still = needs.get(n).stillNeeded();
            // a unit of the call's own zone may be further than the k nearest: the rule must see every one in reach
            boolean every = all || rules.dispatch().rule() == DispatchPolicy.Rule.SAME_ZONE;
            wanted[n] = still == 0 ? 0 : every ? Integer.MAX_VALUE : Math.max(config.candidatesPerRequirement(), still);
            limit += wanted[n];
        }
        int[] ranks = new int[needs.size()]; // the search counts wanted down as it accepts units
        for (int n = 0; n < needs.size(); n++) {
            int still = needs.get(n).stillNeeded();
            ranks[n] = still == 0 ? 0 : all ? Integer.MAX_VALUE : Math.max(config.candidatesPerRequirement(), still);
        }
        Map<UnitId, Suitability> suitable = new HashMap<>();
        int[] held = {-1}; // the free responders the policy holds, counted when first asked
        ClosedRoads closed = closedRoads(state);
        List<Arrival<UnitId>> arrivals = limit == 0
                ? List.of()
                : network.listFastestArrivals(
                        destination,
                        places.indexFor(state, unit -> mayAccept(incident, tasking, needs, unit, wanted)),
                        unitId -> mayAccept(
                                incident, tasking, needs, state.units().get(unitId), wanted),
                        unitId -> accept(state, incident, tasking, needs, unitId, wanted, suitable, held),
                        new ArrivalQuery(
                                        config.profile(),
                                        (int) Math.min(limit, Integer.MAX_VALUE),
                                        config.maxTravelTime())
                                .withClosedRoads(closed));
        if (rules.dispatch().rule() == DispatchPolicy.Rule.SAME_ZONE)
            arrivals = ownZoneFirst(state, incident, arrivals);
        Map<UnitId, Long> openRoadMillis = openRoadTimes(state, destination, closed, suitable.keySet());
        if (!closed.isEmpty()) notes.add("routes avoid " + describeClosures(state, closed));

        List<Recommendation.Fill> fills = new ArrayList<>();
        List<Recommendation.Shortfall> shortfalls = new ArrayList<>();
        Set<UnitId> proposedAlready = new HashSet<>();
        for (int n = 0; n < needs.size(); n++) {
            Need need = needs.get(n);
            List<Candidate> ranked = new ArrayList<>();
            for (Arrival<UnitId> a : arrivals) {
                Suitability s = suitable.get(a.key());
                if (s != null && s.needs().contains(n) && ranked.size() < ranks[n])
                    ranked.add(candidate(
                            state,
                            s,
                            a,
                            now,
                            where,
                            tasking.reroutedInto(s.unit(), need.role()),
                            openRoadDelay(state, closed, a, openRoadMillis)));
            }
            List<Candidate> proposed = new ArrayList<>();
            for (Candidate c : ranked) {
                if (proposed.size() == need.stillNeeded()) break;
                if (proposedAlready.add(c.unit())) proposed.add(c);
            }
            fills.add(new Recommendation.Fill(need.requirement(), need.role(), need.stillNeeded(), ranked, proposed));
            int missing = need.stillNeeded() - proposed.size();
            if (missing > 0) {
                shortfalls.add(new Recommendation.Shortfall(
                        need.requirement(), missing, shortfallReason(need, proposed.size(), where)));
            }
        }
        return new Recommendation(id, state.sequence(), now, fills, shortfalls, notes);
    }

    /** The arrivals with the units based in the call's own zone first, each group in its order of arrival. */
    private List<Arrival<UnitId>> ownZoneFirst(MusterState state, Incident incident, List<Arrival<UnitId>> arrivals) {
        Set<ZoneId> own = ownZones(state, incident);
        List<Arrival<UnitId>> inZone = new ArrayList<>();
        List<Arrival<UnitId>> elsewhere = new ArrayList<>();
        for (Arrival<UnitId> a : arrivals) {
            boolean home = state
                    .findUnit(a.key())
                    .map(u -> Tasking.zonesBasedIn(state, u, rules.zones()))
                    .orElse(List.of())
                    .stream()
                    .anyMatch(own::contains);
            if (home) inZone.add(a);
            else elsewhere.add(a);
        }
        inZone.addAll(elsewhere);
        return inZone;
    }

    /** The smallest of the incident's organisation's zones at its place: those no other of them lies within. */
    private Set<ZoneId> ownZones(MusterState state, Incident incident) {
        List<Zone> zones = Tasking.bindingZones(state, incident.organisation(), incident.location(), rules.zones());
        Set<ZoneId> parents = new HashSet<>();
        for (Zone z : zones) z.parent().ifPresent(parents::add);
        Set<ZoneId> own = new HashSet<>();
        for (Zone z : zones) if (!parents.contains(z.id())) own.add(z.id());
        return own;
    }

    /**
     * What the incident still needs, requirement by requirement, after the units already assigned ({@link
     * DispatchQueue#stillNeeded}, the rule the backlog watch counts by too); plus a police escort when a zone it
     * lies in requires one for ambulance and fire crews.
     */
    private List<Need> needs(MusterState state, Incident incident, Situation where) {
        List<Need> needs = new ArrayList<>();
        for (DispatchQueue.Unmet u : DispatchQueue.stillNeeded(state, incident, rules.crewing()))
            needs.add(new Need(u.requirement(), AssignmentRole.PRIMARY, u.stillNeeded()));
        int escortsAssigned = 0;
        for (Assignment a : incident.assignments()) if (a.role() == AssignmentRole.ESCORT) escortsAssigned++;
        if (where.escortRequired()) {
            needs.add(new Need(ESCORT, AssignmentRole.ESCORT, Math.max(0, 1 - escortsAssigned)));
        }
        return needs;
    }

    private static final ResourceRequirement ESCORT =
            new ResourceRequirement(Sorted.empty(), Sorted.setOf(Set.of(Capability.ESCORT)), 1);

    /** One thing the incident needs: a requirement and the role it is filled in ({@link Tasking} says by whom). */
    private record Need(ResourceRequirement requirement, AssignmentRole role, int stillNeeded) {}

    /** What the search learnt of a unit it accepted: which needs it meets, and any diversion. */
    private record Suitability(
            Unit unit, Set<Capability> capabilities, Set<Integer> needs, Optional<Incident> divertedFrom) {}

    /**
     * Whether {@link #accept} could take the unit at all, asked before its time is looked up: of a status that
     * may be sent to this call (on its way to another only if this one may divert at all), allowed in the role
     * of some need that still wants units, and of a type that need admits. Cheap and without effects; the
     * crew's capabilities, and which call a unit would be diverted from, are left to {@link #accept}. A unit
     * ruled out here is left out of the search: a call that waits for an ambulance while only cars are free
     * has nobody to look for, and the search ends at once where it would otherwise cover the region to turn
     * each car down, every round the call waits.
     */
    private boolean mayAccept(Incident incident, Tasking tasking, List<Need> needs, Unit unit, int[] wanted) {
        if (unit == null) return false;
        switch (unit.status()) {
            case AVAILABLE, RETURNING, AT_RENDEZVOUS -> {}
            case DISPATCHED, EN_ROUTE -> {
                if (!rules.dispatch().divertsFor(incident.priority())) return false;
            }
            default -> {
                return false;
            }
        }
        for (int n = 0; n < wanted.length; n++) {
            Need need = needs.get(n);
            if (wanted[n] != 0 && need.requirement().admits(unit.type()) && tasking.allows(unit, need.role()))
                return true;
        }
        return false;
    }

    /** Called once per unit the search reaches; accepts it while some need it meets wants more. */
    private boolean accept(
            MusterState state,
            Incident incident,
            Tasking tasking,
            List<Need> needs,
            UnitId unitId,
            int[] wanted,
            Map<UnitId, Suitability> suitable,
            int[] held) {
        Unit unit = state.findUnit(unitId).orElse(null);
        if (unit == null || incident.findAssignment(unitId).isPresent()) return false;
        Optional<Incident> current = state.findIncidentOf(unitId);
        Optional<Incident> divertedFrom = Optional.empty();
        // lent and waiting at the rendezvous point for its host's call: as good as available
        boolean waitingForHost = unit.status() == UnitStatus.AT_RENDEZVOUS && current.isEmpty();
        switch (waitingForHost ? UnitStatus.AVAILABLE : unit.status()) {
            case AVAILABLE, RETURNING -> {}
            case DISPATCHED, EN_ROUTE, AT_RENDEZVOUS -> {
                if (current.isEmpty()
                        || !rules.dispatch()
                                .allowsDiversion(
                                        incident.priority(), current.get().priority())) return false;
                divertedFrom = current;
            }
            default -> {
                return false;
            }
        }
        if (DispatchPolicy.isHeld(unit.type())
                && !rules.dispatch().offers(unit.type(), incident.priority(), freeHeld(state, incident, held)))
            return false;
        Set<Capability> live = null;
        Set<Integer> meets = new HashSet<>();
        for (int n = 0; n < wanted.length; n++) {
            Need need = needs.get(n);
            // the one rule of who may send whom, as AssignUnit applies it
            if (wanted[n] == 0 || !tasking.allows(unit, need.role())) continue;
            if (live == null) live = state.liveCapabilities(unit, rules.crewing());
            if (need.requirement().isMetBy(unit.type(), live)) meets.add(n);
        }
        if (meets.isEmpty()) return false;
        meets.forEach(n -> wanted[n]--);
        suitable.put(unitId, new Suitability(unit, live, meets, divertedFrom));
        return true;
    }

    /**
     * How many responders the dispatch policy holds for the top priority are free for the incident's
     * organisation (its own not lent out, and those lent to it): counted once per recommendation, and only
     * when a unit it could hold is reached for a less urgent call.
     */
    private int freeHeld(MusterState state, Incident incident, int[] held) {
        if (held[0] < 0) {
            if (rules.dispatch().heldForTop() == 0 || incident.priority().allowsDiversion()) return Integer.MAX_VALUE;
            held[0] = (int) state.units().values().stream()
                    .filter(u -> u.status() == UnitStatus.AVAILABLE
                            && DispatchPolicy.isHeld(u.type())
                            && u.workingFor().equals(incident.organisation()))
                    .count();
        }
        return held[0];
    }

    /**
     * The closures in force placed on the roads: placed again only when they change (a new map in the
     * state), so that a closure counts from the first recommendation after it and costs nothing after.
     */
    private ClosedRoads closedRoads(MusterState state) {
        return placed.of(state);
    }

    /**
     * With roads closed, each accepted unit's time as if they were open, from one more search limited to
     * those units: where it is shorter, the unit's fastest route crossed a closure.
     */
    private Map<UnitId, Long> openRoadTimes(
            MusterState state, SnappedLocation destination, ClosedRoads closed, Set<UnitId> units) {
        if (closed.isEmpty() || units.isEmpty()) return Map.of();
        Map<UnitId, Long> times = new HashMap<>();
        for (Arrival<UnitId> a : network.listFastestArrivals(
                destination,
                places.indexFor(state, unit -> units.contains(unit.id())),
                units::contains,
                new ArrivalQuery(config.profile(), units.size(), config.maxTravelTime()))) {
            times.put(a.key(), a.travelTimeMillis());
        }
        return times;
    }

    /** The warning for a unit whose fastest route is closed, naming the closures and the time they cost. */
    private Optional<String> openRoadDelay(
            MusterState state, ClosedRoads closed, Arrival<UnitId> a, Map<UnitId, Long> openRoadMillis) {
        Long open = openRoadMillis.get(a.key());
        // both times come from the same search over the same weights: any difference is the closure's
        long delay = open == null ? 0 : a.travelTimeMillis() - open;
        if (delay <= 0) return Optional.empty();
        return Optional.of("its fastest route crosses " + describeClosures(state, closed) + ": "
                + words(Duration.ofSeconds(Math.max(1, (delay + 999) / 1000))) + " longer round");
    }

    /** The closures in force in words: "road closure RC-1 (flood)". */
    static String describeClosures(MusterState state, ClosedRoads closed) {
        List<String> each = closed.stretches().keySet().stream()
                .map(id -> id
                        + state.findRoadClosure(id)
                                .map(c -> " (" + c.reason() + ")")
                                .orElse(""))
                .toList();
        return (each.size() == 1 ? "road closure " : "road closures ") + String.join(", ", each);
    }

    private Candidate candidate(
            MusterState state,
            Suitability s,
            Arrival<UnitId> a,
            Instant now,
            Situation where,
            List<Zone> reroutedInto,
            Optional<String> detour) {
        Unit u = s.unit();
        Duration age = u.position().map(p -> Duration.between(p.at(), now)).orElse(Duration.ZERO);
        if (age.isNegative()) age = Duration.ZERO;
        List<String> warnings = new ArrayList<>();
        detour.ifPresent(warnings::add);
        // a unit parked at its station (or standing by at a rendezvous point) reports no movement because there is
        // none: its fix is not stale
        if (age.compareTo(config.stalePositionAfter()) > 0 && !parkedAtStation(state, u))
            warnings.add("last position report " + words(age) + " old");
        // held by a mutual aid request, not lent yet: its home may still task it, and the request gives way
        if (!u.isLent())
            state.findAidRequestHolding(u.id())
                    .flatMap(r -> r.holdingInWords(u.id()))
                    .ifPresent(held -> warnings.add(held + ": sent here, it is taken out of the offer"
                            + " (or, accepted, goes only once stood down)"));
        StringBuilder reason = new StringBuilder()
                .append(words(a.travelTime()))
                .append(" by road (")
                .append(String.format("%.1f km", a.distanceMeters() / 1000))
                .append("); ")
                .append(Words.of(u.type()))
                .append(
                        s.capabilities().isEmpty()
                                ? ""
                                : " ("
                                        + String.join(
                                                ", ",
                                                new java.util.TreeSet<>(s.capabilities())
                                                        .stream().map(Words::of).toList())
                                        + ")")
                .append("; ")
                .append(
                        u.status() == UnitStatus.RETURNING
                                ? "returning"
                                : s.divertedFrom().isPresent()
                                        ? "on the way to a less urgent call"
                                        : u.status() == UnitStatus.AT_RENDEZVOUS
                                                ? "waiting at the rendezvous point"
                                                : "available");
        // rerouted by the one rule the response figures count by (Tasking.reroutedInto)
        if (!s.unit().workingFor().equals(where.incidentOrganisation()))
            reason.append("; from ").append(s.unit().workingFor()).append(reroutedInto.isEmpty() ? "" : " (rerouted)");
        else if (!reroutedInto.isEmpty())
            reason.append("; based outside ")
                    .append(String.join(
                            ", ", reroutedInto.stream().map(z -> z.id().value()).toList()))
                    .append(" (rerouted)");
        if (s.unit().isLent())
            reason.append("; lent by ").append(s.unit().organisation()).append(" (mutual aid)");
        if (where.rendezvous().isPresent()) reason.append("; to the rendezvous point");
        s.divertedFrom()
                .ifPresent(i -> reason.append(" (would be diverted from ")
                        .append(i.id())
                        .append(", ")
                        .append(i.priority())
                        .append(")"));
        return new Candidate(
                u.id(),
                u.callsign(),
                u.type(),
                s.capabilities(),
                a.travelTimeMillis(),
                a.distanceMeters(),
                age,
                s.divertedFrom().map(Incident::id),
                warnings,
                reason.toString());
    }

    /** How near its home station an available unit counts as parked there (a station's yard and gate). */
    static final double PARKED_WITHIN_METERS = 250;

    /** Available, with its last fix at its home station. */
    private boolean parkedAtStation(MusterState state, Unit u) {
        // a unit lent and standing by at its host's rendezvous point has not moved either
        if (u.isLent()
                && (u.status() == UnitStatus.AT_RENDEZVOUS || u.status() == UnitStatus.AVAILABLE)
                && u.position().isPresent()
                && state.findAidRequestHolding(u.id())
                        .map(r -> r.rendezvous()
                                        .distanceMetersTo(u.position().get().point())
                                <= PARKED_WITHIN_METERS)
                        .orElse(false)) return true;
        if (u.status() != UnitStatus.AVAILABLE
                || u.position().isEmpty()
                || u.homeStation().isEmpty()) return false;
        return state.findStation(u.homeStation().get())
                .map(st -> st.location().distanceMetersTo(u.position().get().point()) <= PARKED_WITHIN_METERS)
                .orElse(false);
    }

    private String shortfallReason(Need need, int found, Situation where) {
        String what = need.role() == AssignmentRole.ESCORT ? "police escort" : describe(need.requirement());
        String within = "within " + words(config.maxTravelTime());
        // with no force's agreement, only police units lent to the service may escort: say so, not "too far"
        if (need.role() == AssignmentRole.ESCORT
                && where.escortOrganisations().stream().allMatch(where.incidentOrganisation()::equals))
            within = "free among the police units lent to " + where.incidentOrganisation()
                    + " (no police force has a standing escort agreement with it): ask for escorts under mutual aid";
        if (found == 0) return "no " + what + " " + within;
        return "only " + found + " of " + need.stillNeeded() + " " + what + " " + within;
    }

    static String describe(ResourceRequirement r) {
        String types = r.anyOfTypes().isEmpty()
                ? "unit"
                : String.join(" or ", r.anyOfTypes().stream().map(Words::of).toList());
        String caps = r.capabilities().isEmpty()
                ? ""
                : " with "
                        + String.join(
                                ", ", r.capabilities().stream().map(Words::of).toList());
        return types + caps;
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
    }
}
