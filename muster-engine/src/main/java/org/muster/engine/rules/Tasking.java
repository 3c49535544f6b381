package org.muster.engine.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.engine.state.MusterState;

/**
 * The one rule of who may send whom to an incident, which the recommender asks of every unit it considers
 * and the decider of every {@code AssignUnit}, so that what is recommended can be dispatched.
 *
 * <ul>
 *   <li>A unit working for the incident's organisation (its own, or lent to it under mutual aid) may go in
 *       any role.
 *   <li>While the incident lies in a downgraded zone of its organisation, a unit working for an
 *       organisation of the same agency whose zone borders it may go too. A unit from outside the zone, one of
 *       those or its own organisation's based elsewhere, serves a rerouted call ({@link #reroutedInto}).
 *   <li>Another force's police unit may go as an escort (role {@code ESCORT}) only with that force's
 *       consent: a standing escort agreement with the incident's organisation
 *       ({@link Organisation#escortsFor()}), and only while its crew gives it the escort capability. Without
 *       one, the escort comes under mutual aid, lent to the incident's organisation.
 * </ul>
 *
 * Whether the unit is free to go (its status, a diversion) is the caller's own question.
 */
public final class Tasking {
    private final MusterState state;
    private final Incident incident;
    private final Rules rules;
    private final List<Zone> downgraded;
    private final Set<OrganisationId> neighbours;

    private Tasking(
            MusterState state, Incident incident, Rules rules, List<Zone> downgraded, Set<OrganisationId> neighbours) {
        this.state = state;
        this.incident = incident;
        this.rules = rules;
        this.downgraded = downgraded;
        this.neighbours = neighbours;
    }

    /** The rule for one incident as the state stands: its zones are looked up once, for many units. */
    public static Tasking of(MusterState state, Incident incident, Rules rules) {
        List<Zone> downgraded =
                downgradedZones(state, incident.organisation(), rules.zones().zonesAt(incident.location()));
        Agency agency = state.getOrganisation(incident.organisation()).agency();
        Set<OrganisationId> neighbours = new LinkedHashSet<>();
        for (Zone z : downgraded) {
            for (ZoneId n : rules.zones().neighboursOf(z.id())) {
                state.findZone(n)
                        .map(Zone::organisation)
                        .flatMap(state::findOrganisation)
                        .filter(o -> o.agency() == agency && !o.id().equals(incident.organisation()))
                        .map(Organisation::id)
                        .ifPresent(neighbours::add);
            }
        }
        return new Tasking(state, incident, rules, downgraded, Set.copyOf(neighbours));
    }

    /**
     * The zones at {@code location} whose operating level binds an incident of {@code organisation}: its own
     * organisation's. Closing an ambulance zone does not hold a police call in the same streets.
     */
    public static List<Zone> bindingZones(
            MusterState state, OrganisationId organisation, GeoPoint location, Rules.ZoneLocator zones) {
        return bindingZones(state, organisation, zones.zonesAt(location));
    }

    /** As {@link #bindingZones(MusterState, OrganisationId, GeoPoint, Rules.ZoneLocator)}, among zones looked up. */
    private static List<Zone> bindingZones(MusterState state, OrganisationId organisation, List<ZoneId> zonesAt) {
        return zonesAt.stream()
                .flatMap(id -> state.findZone(id).stream())
                .filter(z -> z.organisation().equals(organisation))
                .toList();
    }

    /**
     * The downgraded zones of {@code organisation} among {@code zonesAt} (the zones at a call's place, every
     * organisation's, nested ones too): where the call's targets are suspended and its neighbours' units may
     * serve it. Only the call's own organisation's zones bind it ({@link #bindingZones}): a downgraded police
     * zone suspends no ambulance call in the same streets. A call lying in two nested zones of its organisation
     * is downgraded when either is.
     */
    public static List<Zone> downgradedZones(MusterState state, OrganisationId organisation, List<ZoneId> zonesAt) {
        return bindingZones(state, organisation, zonesAt).stream()
                .filter(z -> z.operatingLevel() == OperatingLevel.DOWNGRADED)
                .toList();
    }

    /**
     * Whether a call of {@code organisation} at the place whose zones are {@code zonesAt} has its response-time
     * targets suspended as the state stands: it lies in a downgraded zone of its organisation ({@link
     * #downgradedZones}). The one rule of a suspended call: the response figures ask it once, when the call comes
     * in, and keep the answer for the call whatever the zone's level does after, as the recommender's and the
     * decider's rerouting reads the same zones now.
     */
    public static boolean targetsSuspended(MusterState state, OrganisationId organisation, List<ZoneId> zonesAt) {
        return !downgradedZones(state, organisation, zonesAt).isEmpty();
    }

    /**
     * The escort-required zone of the incident's own organisation that it lies in, when its organisation's
     * crews (ambulance or fire) go in there only with a police escort; empty when they need none. The one rule
     * for the recommender (which adds an escort to what a call needs), the dispatch queue (which keeps a call
     * without one waiting) and the simulated crews (who stand off at the scene until one is there).
     */
    public static Optional<Zone> escortZone(MusterState state, Incident incident, Rules.ZoneLocator zones) {
        if (!anyEscortRequired(state)) return Optional.empty();
        Agency agency = state.getOrganisation(incident.organisation()).agency();
        if (agency != Agency.AMBULANCE && agency != Agency.FIRE) return Optional.empty();
        return bindingZones(state, incident.organisation(), incident.location(), zones).stream()
                .filter(z -> z.operatingLevel() == OperatingLevel.ESCORT_REQUIRED)
                .findFirst();
    }

    /**
     * The last zones map asked about, and whether any of its zones required an escort. The dispatch queue's rule
     * asks about every open call at every round of a simulated control room, and most of the time no zone requires
     * one: the answer is worked out once per zones map (any change of level makes a new one). Immutable, so safe
     * to share between threads; a run on another thread only makes it work the answer out again.
     */
    private record EscortLevels(Object zones, boolean any) {}

    private static volatile EscortLevels lastLevels = new EscortLevels(null, false);

    private static boolean anyEscortRequired(MusterState state) {
        EscortLevels last = lastLevels;
        if (last.zones() == state.zones()) return last.any();
        boolean any = false;
        for (Zone z : state.zones().values()) {
            if (z.operatingLevel() == OperatingLevel.ESCORT_REQUIRED) {
                any = true;
                break;
            }
        }
        lastLevels = new EscortLevels(state.zones(), any);
        return any;
    }

    /** Why {@code unit} may not be sent to the incident in {@code role}; empty when it may. */
    public Optional<String> refusal(Unit unit, AssignmentRole role) {
        if (allows(unit, role)) return Optional.empty();
        if (role == AssignmentRole.ESCORT) return escortRefusal(unit);
        OrganisationId org = incident.organisation();
        String downgradedNote = downgraded.isEmpty()
                ? ""
                : ", or while " + zoneNames() + " is DOWNGRADED, of "
                        + (neighbours.isEmpty() ? "no neighbour" : neighbours);
        return Optional.of("must be a unit working for " + org + downgradedNote
                + " (or a police escort under a standing escort agreement, in the ESCORT role); " + unit.callsign()
                + " is of " + unit.organisation()
                + unit.lentTo().map(h -> ", lent to " + h).orElse(""));
    }

    /**
     * Whether {@code unit} may be sent to the incident in {@code role}: the one decision, which {@link #refusal}
     * puts into words when it is no. The recommender asks it per unit, without the words.
     */
    public boolean allows(Unit unit, AssignmentRole role) {
        OrganisationId works = unit.workingFor();
        if (works.equals(incident.organisation())) return true;
        if (role == AssignmentRole.ESCORT) return escortRefusal(unit).isEmpty();
        return neighbours.contains(works);
    }

    /**
     * The downgraded zones of the incident's organisation that {@code unit}, sent in {@code role}, would serve
     * from outside: the one rule of a rerouted call, read by the response figures that count them (per zone
     * and day, on every face: the API, the board, the situation report, the simulator's summary) and by the
     * recommender that marks a unit "(rerouted)".
     *
     * <p>A unit is from outside a zone when it belongs to another organisation (its home, whether or not it is
     * lent) or is not based in the zone ({@link #zonesBasedIn}: its home station lies elsewhere, or it has
     * none). It is decided from what the log records (organisations, stations, home stations, zones' levels),
     * never from where the unit happens to stand, since reported positions are kept beside the log, not in it:
     * a replay of the log, after a restart or by the command line, must give the answer the live service gave.
     * An escort serves no call of its own: it is never rerouted.
     */
    public List<Zone> reroutedInto(Unit unit, AssignmentRole role) {
        if (downgraded.isEmpty() || role == AssignmentRole.ESCORT) return List.of();
        if (!unit.organisation().equals(incident.organisation())) return downgraded;
        List<ZoneId> base = zonesBasedIn(state, unit, rules.zones());
        return downgraded.stream().filter(z -> !base.contains(z.id())).toList();
    }

    /**
     * The police forces whose ground the point is on (whose zones hold it): the ones to ask for an escort or
     * whether it is safe to go in, whether or not they have agreed to escort.
     */
    public static java.util.SortedSet<OrganisationId> policeForcesAt(
            MusterState state, org.muster.domain.GeoPoint point, Rules.ZoneLocator zones) {
        java.util.SortedSet<OrganisationId> forces = new java.util.TreeSet<>();
        for (ZoneId z : zones.zonesAt(point)) {
            state.findZone(z)
                    .flatMap(x -> state.findOrganisation(x.organisation()))
                    .filter(o -> o.agency() == Agency.POLICE)
                    .ifPresent(o -> forces.add(o.id()));
        }
        return forces;
    }

    /**
     * The zones a unit is based in: those its home station lies in; none for a unit without one. Where a unit
     * belongs, as the log records it, for the rerouted calls and the dispatch policy that sends a zone's own
     * units first.
     */
    public static List<ZoneId> zonesBasedIn(MusterState state, Unit unit, Rules.ZoneLocator zones) {
        return unit.homeStation()
                .flatMap(state::findStation)
                .map(st -> zones.zonesAt(st.location()))
                .orElse(List.of());
    }

    /** The downgraded zones of the incident's organisation it lies in. */
    public List<Zone> downgradedZones() {
        return downgraded;
    }

    /** The organisations whose units serve the incident because a zone of it is downgraded. */
    public Set<OrganisationId> neighbourOrganisations() {
        return neighbours;
    }

    /**
     * Whose units may escort the incident's crews: the police forces with a standing escort agreement with
     * its organisation, and the organisation itself (a police unit lent to it under mutual aid).
     */
    public Set<OrganisationId> escortOrganisations() {
        Set<OrganisationId> out = new LinkedHashSet<>();
        out.add(incident.organisation());
        state.organisations().values().stream()
                .filter(o -> o.agency() == Agency.POLICE && o.escortsFor(incident.organisation()))
                .map(Organisation::id)
                .sorted()
                .forEach(out::add);
        return out;
    }

    private Optional<String> escortRefusal(Unit unit) {
        Organisation force = state.getOrganisation(unit.workingFor());
        if (state.getOrganisation(unit.organisation()).agency() != Agency.POLICE)
            return Optional.of("only a police unit escorts another service's crews; " + unit.callsign() + " is of "
                    + unit.organisation());
        if (!force.escortsFor(incident.organisation()))
            return Optional.of(force.id() + " has no standing escort agreement with " + incident.organisation()
                    + ": " + unit.callsign() + " may escort only if " + force.id()
                    + " lends it under mutual aid");
        if (!state.liveCapabilities(unit, rules.crewing()).contains(Capability.ESCORT))
            return Optional.of(unit.callsign() + " cannot escort now: its type or crew gives it no ESCORT capability");
        return Optional.empty();
    }

    private String zoneNames() {
        return String.join(", ", downgraded.stream().map(z -> z.id().value()).toList());
    }
}
