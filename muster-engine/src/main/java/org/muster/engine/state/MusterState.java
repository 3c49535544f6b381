package org.muster.engine.state;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.muster.domain.NotFoundException;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.capacity.SafeMinimum;
import org.muster.domain.escalation.Escalation;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.log.Snapshot;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.Skill;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertId;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.geo.zone.ZoneLookup;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * Everything Muster knows at one point in the event sequence. Immutable: the writer builds the next state
 * from this one, and readers on any thread see a consistent whole without locks.
 *
 * <p>{@code unitIncident}, {@code personUnit}, {@code unitAid} and {@code openIncidents} are indexes
 * derived from the entities, kept so that the common look-ups do not scan; they are rebuilt, never stored.
 * {@code unitAid} maps each unit held by a mutual aid request (offered, accepted or lent) to that request;
 * {@code openIncidents} names the incidents not yet finished, so that listing the open work does not read
 * the finished incidents still waiting to be archived.
 *
 * <p>{@code incidents} holds the open work and the finished incidents not yet archived: a finished
 * incident leaves it on {@code IncidentArchived}, once its record is in the read model of closed incidents
 * ({@link org.muster.domain.incident.ClosedIncidents}).
 */
public record MusterState(
        long sequence,
        PMap<OrganisationId, Organisation> organisations,
        PMap<ZoneId, Zone> zones,
        PMap<StationId, Station> stations,
        PMap<UnitId, Unit> units,
        PMap<PersonId, Person> people,
        PMap<IncidentId, Incident> incidents,
        PMap<UnitId, IncidentId> unitIncident,
        PMap<PersonId, UnitId> personUnit,
        PMap<ZoneType, SafeMinimum> safeMinimums,
        PMap<AlertId, Alert> alerts,
        PMap<AidRequestId, AidRequest> aidRequests,
        PMap<UnitId, AidRequestId> unitAid,
        PSet<IncidentId> openIncidents,
        PMap<MajorIncidentId, MajorIncident> majorIncidents,
        PMap<OrganisationId, Escalation> escalations,
        PMap<PublicAlertId, PublicAlert> publicAlerts,
        PMap<RoadClosureId, RoadClosure> roadClosures)
        implements org.muster.domain.access.Commitments {

    /** The key of a safe minimum: a zone and a unit type. */
    public record ZoneType(ZoneId zone, UnitType type) {}

    public static MusterState empty() {
        return new MusterState(
                0,
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePSet.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty());
    }

    /** Rebuilds the state a snapshot describes, with its indexes. */
    public static MusterState fromSnapshot(Snapshot s) {
        MusterState state = empty().withSequence(s.sequence());
        PMap<OrganisationId, Organisation> orgs = HashTreePMap.empty();
        for (Organisation o : s.organisations()) orgs = orgs.plus(o.id(), o);
        PMap<ZoneId, Zone> zones = HashTreePMap.empty();
        for (Zone z : s.zones()) zones = zones.plus(z.id(), z);
        PMap<StationId, Station> stations = HashTreePMap.empty();
        for (Station st : s.stations()) stations = stations.plus(st.id(), st);
        PMap<PersonId, Person> people = HashTreePMap.empty();
        for (Person p : s.people()) people = people.plus(p.id(), p);
        state = new MusterState(
                s.sequence(),
                orgs,
                zones,
                stations,
                HashTreePMap.empty(),
                people,
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePSet.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty(),
                HashTreePMap.empty());
        for (MajorIncident m : s.majorIncidents()) state = state.withMajorIncident(m);
        for (Escalation e : s.escalations()) state = state.withEscalation(e);
        for (Alert a : s.alerts()) state = state.withAlert(a);
        for (PublicAlert a : s.publicAlerts()) state = state.withPublicAlert(a);
        for (RoadClosure c : s.roadClosures()) state = state.withRoadClosure(c);
        for (AidRequest r : s.aidRequests()) state = state.withAidRequest(r);
        for (SafeMinimum m : s.safeMinimums()) state = state.withSafeMinimum(m);
        for (Unit u : s.units()) state = state.withUnit(u);
        for (Incident i : s.incidents()) state = state.withIncident(i);
        return state;
    }

    /** The state as plain entities, sorted by id so that equal states give equal snapshots. */
    public Snapshot toSnapshot(String lastHash) {
        return new Snapshot(
                sequence,
                lastHash,
                sortedBy(organisations.values(), o -> o.id().value()),
                sortedBy(zones.values(), z -> z.id().value()),
                sortedBy(stations.values(), st -> st.id().value()),
                sortedBy(units.values(), u -> u.id().value()),
                sortedBy(people.values(), p -> p.id().value()),
                sortedBy(incidents.values(), i -> i.id().value()),
                sortedBy(safeMinimums.values(), m -> m.zone().value() + "/" + m.type()),
                sortedBy(alerts.values(), a -> a.id().value()),
                sortedBy(aidRequests.values(), r -> r.id().value()),
                sortedBy(majorIncidents.values(), m -> m.id().value()),
                sortedBy(escalations.values(), e -> e.organisation().value()),
                sortedBy(publicAlerts.values(), a -> a.id().value()),
                sortedBy(roadClosures.values(), c -> c.id().value()));
    }

    private static <T> List<T> sortedBy(Collection<T> values, java.util.function.Function<T, String> key) {
        return values.stream().sorted(Comparator.comparing(key)).toList();
    }

    // ---- changes (used by the writer's evolver) ----

    public MusterState withSequence(long next) {
        return change().sequence(next).build();
    }

    public MusterState withOrganisation(Organisation o) {
        return change().organisations(organisations.plus(o.id(), o)).build();
    }

    public MusterState withZone(Zone z) {
        return change().zones(zones.plus(z.id(), z)).build();
    }

    public MusterState withSafeMinimum(SafeMinimum m) {
        return change().safeMinimums(safeMinimums.plus(new ZoneType(m.zone(), m.type()), m))
                .build();
    }

    public MusterState withPublicAlert(PublicAlert a) {
        return change().publicAlerts(publicAlerts.plus(a.id(), a)).build();
    }

    public Optional<PublicAlert> findPublicAlert(PublicAlertId id) {
        return Optional.ofNullable(publicAlerts.get(id));
    }

    public PublicAlert getPublicAlert(PublicAlertId id) {
        return findPublicAlert(id).orElseThrow(() -> new NotFoundException("public alert", id.value()));
    }

    public MusterState withRoadClosure(RoadClosure c) {
        return change().roadClosures(roadClosures.plus(c.id(), c)).build();
    }

    public MusterState withoutRoadClosure(RoadClosureId id) {
        return change().roadClosures(roadClosures.minus(id)).build();
    }

    public Optional<RoadClosure> findRoadClosure(RoadClosureId id) {
        return Optional.ofNullable(roadClosures.get(id));
    }

    public RoadClosure getRoadClosure(RoadClosureId id) {
        return findRoadClosure(id).orElseThrow(() -> new NotFoundException("road closure", id.value()));
    }

    /** The roads closed and areas to avoid now, by id. */
    public List<RoadClosure> listRoadClosures() {
        return sortedBy(roadClosures.values(), c -> c.id().value());
    }

    public MusterState withAlert(Alert a) {
        return change().alerts(alerts.plus(a.id(), a)).build();
    }

    public Optional<Alert> findAlert(AlertId id) {
        return Optional.ofNullable(alerts.get(id));
    }

    public Alert getAlert(AlertId id) {
        return findAlert(id).orElseThrow(() -> new NotFoundException("alert", id.value()));
    }

    /** Alerts not yet accepted or dismissed, newest first. */
    public List<Alert> listOpenAlerts() {
        return alerts.values().stream()
                .filter(a -> a.status() == AlertStatus.OPEN)
                .sorted(Comparator.comparing(Alert::raisedAt).reversed().thenComparing(a -> a.id().value()))
                .toList();
    }

    /**
     * The alerts about {@code key} still active (open or accepted, not resolved): at most one when every
     * alert was raised through the engine, which resolves the old one as it raises a new one.
     */
    public List<Alert> listActiveAlerts(String key) {
        return alerts.values().stream()
                .filter(a -> a.status().isActive() && a.key().equals(key))
                .sorted(Comparator.comparing(Alert::raisedAt).thenComparing(a -> a.id().value()))
                .toList();
    }

    /**
     * Whether the unit is free to be sent by the organisation it works for: available, or lent and waiting at its
     * host's rendezvous point with no call (the host can task it at once). The one rule the capacity board counts
     * a zone's units by and an offer of mutual aid weighs a zone's headroom by.
     */
    public boolean isFreeToSend(Unit u) {
        if (u.status() == UnitStatus.AVAILABLE) return true;
        return u.status() == UnitStatus.AT_RENDEZVOUS
                && u.isLent()
                && findIncidentOf(u.id()).isEmpty();
    }

    /** The zone's safe minimum of available units of the type; 0 when none was set. */
    public int safeMinimum(ZoneId zone, UnitType type) {
        SafeMinimum m = safeMinimums.get(new ZoneType(zone, type));
        return m == null ? 0 : m.minimum();
    }

    /**
     * What an organisation as a whole must keep free of a unit type: the larger of its outermost zones'
     * minimums summed and its innermost zones' summed (a zone none of its own divides), since each zone must
     * keep its own. The one figure the national picture, mutual aid's spare units and the capacity board's
     * area agree on: a service whose area asks for 16 ambulances and whose sectors ask for 15 in all keeps 16.
     */
    public int organisationMinimum(OrganisationId organisation, UnitType type) {
        List<Zone> own = listZones(organisation);
        java.util.Set<ZoneId> divided = new java.util.HashSet<>();
        for (Zone z : own) z.parent().ifPresent(divided::add);
        int outermost = 0;
        int innermost = 0;
        for (Zone z : own) {
            int m = safeMinimum(z.id(), type);
            boolean top = z.parent()
                    .flatMap(this::findZone)
                    .filter(p -> p.organisation().equals(organisation))
                    .isEmpty();
            if (top) outermost += m;
            if (!divided.contains(z.id())) innermost += m;
        }
        return Math.max(outermost, innermost);
    }

    public MusterState withStation(Station s) {
        return change().stations(stations.plus(s.id(), s)).build();
    }

    public MusterState withPerson(Person p) {
        return change().people(people.plus(p.id(), p)).build();
    }

    /** Puts the unit in, keeping the crew index in step. */
    public MusterState withUnit(Unit u) {
        PMap<PersonId, UnitId> index = personUnit;
        Unit before = units.get(u.id());
        if (before == null || !before.crew().equals(u.crew())) {
            if (before != null) {
                for (PersonId p : before.crew()) index = index.minus(p);
            }
            for (PersonId p : u.crew()) index = index.plus(p, u.id());
        }
        return change().units(units.plus(u.id(), u)).personUnit(index).build();
    }

    /** Puts the incident in, keeping the unit-to-incident index in step with its assignments. */
    public MusterState withIncident(Incident i) {
        PMap<UnitId, IncidentId> index = unitIncident;
        Incident before = incidents.get(i.id());
        if (before == null || !sameUnits(before, i)) {
            if (before != null) {
                for (var a : before.assignments()) {
                    if (i.id().equals(index.get(a.unit()))) index = index.minus(a.unit());
                }
            }
            for (var a : i.assignments()) index = index.plus(a.unit(), i.id());
        }
        PSet<IncidentId> open = i.isOpen() ? openIncidents.plus(i.id()) : openIncidents.minus(i.id());
        return change().incidents(incidents.plus(i.id(), i))
                .unitIncident(index)
                .openIncidents(open)
                .build();
    }

    /**
     * Takes a finished incident out of the live state (its record is in the read model of closed
     * incidents); an incident not here leaves the state as it was.
     */
    public MusterState withoutIncident(IncidentId id) {
        Incident before = incidents.get(id);
        if (before == null) return this;
        PMap<UnitId, IncidentId> index = unitIncident;
        for (var a : before.assignments()) {
            if (id.equals(index.get(a.unit()))) index = index.minus(a.unit());
        }
        return change().incidents(incidents.minus(id))
                .unitIncident(index)
                .openIncidents(openIncidents.minus(id))
                .build();
    }

    private static boolean sameUnits(Incident a, Incident b) {
        if (a.assignments().size() != b.assignments().size()) return false;
        for (int k = 0; k < a.assignments().size(); k++) {
            if (!a.assignments().get(k).unit().equals(b.assignments().get(k).unit())) return false;
        }
        return true;
    }

    /** Puts the request in, keeping the index of the units it holds in step. */
    public MusterState withAidRequest(AidRequest r) {
        PMap<UnitId, AidRequestId> index = unitAid;
        AidRequest before = aidRequests.get(r.id());
        java.util.SortedSet<UnitId> held = r.heldUnits();
        if (before != null) {
            for (UnitId u : before.heldUnits()) {
                if (!held.contains(u) && r.id().equals(index.get(u))) index = index.minus(u);
            }
        }
        for (UnitId u : held) index = index.plus(u, r.id());
        return change().aidRequests(aidRequests.plus(r.id(), r)).unitAid(index).build();
    }

    public MusterState withMajorIncident(MajorIncident m) {
        return change().majorIncidents(majorIncidents.plus(m.id(), m)).build();
    }

    public MusterState withEscalation(Escalation e) {
        return change().escalations(escalations.plus(e.organisation(), e)).build();
    }

    /** A copy with some parts replaced: each {@code withX} above changes one or two parts and keeps the rest. */
    private Change change() {
        return new Change(this);
    }

    private static final class Change {
        private long sequence;
        private PMap<OrganisationId, Organisation> organisations;
        private PMap<ZoneId, Zone> zones;
        private PMap<StationId, Station> stations;
        private PMap<UnitId, Unit> units;
        private PMap<PersonId, Person> people;
        private PMap<IncidentId, Incident> incidents;
        private PMap<UnitId, IncidentId> unitIncident;
        private PMap<PersonId, UnitId> personUnit;
        private PMap<ZoneType, SafeMinimum> safeMinimums;
        private PMap<AlertId, Alert> alerts;
        private PMap<AidRequestId, AidRequest> aidRequests;
        private PMap<UnitId, AidRequestId> unitAid;
        private PSet<IncidentId> openIncidents;
        private PMap<MajorIncidentId, MajorIncident> majorIncidents;
        private PMap<OrganisationId, Escalation> escalations;
        private PMap<PublicAlertId, PublicAlert> publicAlerts;
        private PMap<RoadClosureId, RoadClosure> roadClosures;

        Change(MusterState s) {
            sequence = s.sequence;
            organisations = s.organisations;
            zones = s.zones;
            stations = s.stations;
            units = s.units;
            people = s.people;
            incidents = s.incidents;
            unitIncident = s.unitIncident;
            personUnit = s.personUnit;
            safeMinimums = s.safeMinimums;
            alerts = s.alerts;
            aidRequests = s.aidRequests;
            unitAid = s.unitAid;
            openIncidents = s.openIncidents;
            majorIncidents = s.majorIncidents;
            escalations = s.escalations;
            publicAlerts = s.publicAlerts;
            roadClosures = s.roadClosures;
        }

        Change sequence(long v) {
            sequence = v;
            return this;
        }

        Change organisations(PMap<OrganisationId, Organisation> v) {
            organisations = v;
            return this;
        }

        Change zones(PMap<ZoneId, Zone> v) {
            zones = v;
            return this;
        }

        Change stations(PMap<StationId, Station> v) {
            stations = v;
            return this;
        }

        Change units(PMap<UnitId, Unit> v) {
            units = v;
            return this;
        }

        Change people(PMap<PersonId, Person> v) {
            people = v;
            return this;
        }

        Change incidents(PMap<IncidentId, Incident> v) {
            incidents = v;
            return this;
        }

        Change unitIncident(PMap<UnitId, IncidentId> v) {
            unitIncident = v;
            return this;
        }

        Change personUnit(PMap<PersonId, UnitId> v) {
            personUnit = v;
            return this;
        }

        Change safeMinimums(PMap<ZoneType, SafeMinimum> v) {
            safeMinimums = v;
            return this;
        }

        Change alerts(PMap<AlertId, Alert> v) {
            alerts = v;
            return this;
        }

        Change aidRequests(PMap<AidRequestId, AidRequest> v) {
            aidRequests = v;
            return this;
        }

        Change unitAid(PMap<UnitId, AidRequestId> v) {
            unitAid = v;
            return this;
        }

        Change openIncidents(PSet<IncidentId> v) {
            openIncidents = v;
            return this;
        }

        Change majorIncidents(PMap<MajorIncidentId, MajorIncident> v) {
            majorIncidents = v;
            return this;
        }

        Change escalations(PMap<OrganisationId, Escalation> v) {
            escalations = v;
            return this;
        }

        Change publicAlerts(PMap<PublicAlertId, PublicAlert> v) {
            publicAlerts = v;
            return this;
        }

        Change roadClosures(PMap<RoadClosureId, RoadClosure> v) {
            roadClosures = v;
            return this;
        }

        MusterState build() {
            return new MusterState(
                    sequence,
                    organisations,
                    zones,
                    stations,
                    units,
                    people,
                    incidents,
                    unitIncident,
                    personUnit,
                    safeMinimums,
                    alerts,
                    aidRequests,
                    unitAid,
                    openIncidents,
                    majorIncidents,
                    escalations,
                    publicAlerts,
                    roadClosures);
        }
    }

    // ---- queries ----

    public Optional<Organisation> findOrganisation(OrganisationId id) {
        return Optional.ofNullable(organisations.get(id));
    }

    public Organisation getOrganisation(OrganisationId id) {
        return findOrganisation(id).orElseThrow(() -> new NotFoundException("organisation", id.value()));
    }

    public Optional<Zone> findZone(ZoneId id) {
        return Optional.ofNullable(zones.get(id));
    }

    public Zone getZone(ZoneId id) {
        return findZone(id).orElseThrow(() -> new NotFoundException("zone", id.value()));
    }

    public Optional<Station> findStation(StationId id) {
        return Optional.ofNullable(stations.get(id));
    }

    public Station getStation(StationId id) {
        return findStation(id).orElseThrow(() -> new NotFoundException("station", id.value()));
    }

    @Override
    public Optional<Unit> findUnit(UnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    public Unit getUnit(UnitId id) {
        return findUnit(id).orElseThrow(() -> new NotFoundException("unit", id.value()));
    }

    public Optional<Person> findPerson(PersonId id) {
        return Optional.ofNullable(people.get(id));
    }

    public Person getPerson(PersonId id) {
        return findPerson(id).orElseThrow(() -> new NotFoundException("person", id.value()));
    }

    public Optional<Incident> findIncident(IncidentId id) {
        return Optional.ofNullable(incidents.get(id));
    }

    public Incident getIncident(IncidentId id) {
        return findIncident(id).orElseThrow(() -> new NotFoundException("incident", id.value()));
    }

    /** The incident the unit is committed to, if any. */
    @Override
    public Optional<Incident> findIncidentOf(UnitId unit) {
        return Optional.ofNullable(unitIncident.get(unit)).map(incidents::get);
    }

    /** The unit the person crews, if any. */
    public Optional<Unit> findUnitOf(PersonId person) {
        return Optional.ofNullable(personUnit.get(person)).map(units::get);
    }

    public List<Person> crewOf(Unit unit) {
        return unit.crew().stream().map(this::getPerson).toList();
    }

    /** The capabilities the unit offers now, given its type and the live skills of its crew. */
    public Set<Capability> liveCapabilities(Unit unit, CrewingRules rules) {
        return rules.liveCapabilities(unit.type(), crewOf(unit));
    }

    /** Units matching the filter, ordered by id. */
    public List<Unit> listUnits(UnitFilter filter) {
        return units.values().stream()
                .filter(filter::matches)
                .sorted(Comparator.comparing(u -> u.id().value()))
                .toList();
    }

    /**
     * Units matching the filter whose last known position lies in the zone (or one of its sub-zones, as
     * the zone's geometry covers theirs), ordered by id.
     */
    public List<Unit> listUnitsInZone(ZoneId zone, ZoneLookup zones, UnitFilter filter) {
        var shape = zones.getZone(zone);
        return listUnits(filter).stream()
                .filter(u -> u.position().isPresent()
                        && zones.listContaining(u.position().get().point()).contains(shape))
                .toList();
    }

    /** Incidents not closed, cancelled or merged, oldest first. */
    public List<Incident> listOpenIncidents() {
        return openIncidents.stream()
                .map(incidents::get)
                .sorted(Comparator.comparing(Incident::receivedAt).thenComparing(i -> i.id().value()))
                .toList();
    }

    public List<TimelineEntry> timelineOf(IncidentId id) {
        return getIncident(id).timeline();
    }

    public List<Zone> listZones(OrganisationId organisation) {
        return zones.values().stream()
                .filter(z -> z.organisation().equals(organisation))
                .sorted(Comparator.comparing(z -> z.id().value()))
                .toList();
    }

    public Stream<Person> people(OrganisationId organisation) {
        return people.values().stream().filter(p -> p.organisation().equals(organisation));
    }

    /** How many of an organisation's people can use the skill now (held, not suspended, on duty). */
    public long countActive(OrganisationId organisation, Skill skill) {
        return people(organisation).filter(p -> p.hasActive(skill)).count();
    }

    /** How many of an organisation's people hold the skill, whether or not they can use it now. */
    public long countHolding(OrganisationId organisation, Skill skill) {
        return people(organisation).filter(p -> p.skills().contains(skill)).count();
    }

    // ---- mutual aid ----

    public Optional<AidRequest> findAidRequest(AidRequestId id) {
        return Optional.ofNullable(aidRequests.get(id));
    }

    public AidRequest getAidRequest(AidRequestId id) {
        return findAidRequest(id).orElseThrow(() -> new NotFoundException("mutual aid request", id.value()));
    }

    /** The request that holds the unit (offered, accepted or lent under it), if any. */
    public Optional<AidRequest> findAidRequestHolding(UnitId unit) {
        return Optional.ofNullable(unitAid.get(unit)).map(aidRequests::get);
    }

    /**
     * Open requests (sent and not yet released: taking offers, filled, or with units deployed), most urgent
     * then soonest to report first.
     */
    public List<AidRequest> listOpenAidRequests() {
        return listAidRequests(r -> r.status().isOpen());
    }

    /** Requests the viewer may see (its parties' and, for the coordinator, all), oldest first. */
    public List<AidRequest> listAidRequestsVisibleTo(Viewer viewer) {
        return aidRequests.values().stream()
                .filter(viewer::canSee)
                .sorted(Comparator.comparing(AidRequest::requestedAt).thenComparing(r -> r.id().value()))
                .toList();
    }

    /** Every request, oldest first. */
    public List<AidRequest> listAidRequests() {
        return listAidRequestsVisibleTo(Viewer.nationalCoordinator());
    }

    private List<AidRequest> listAidRequests(java.util.function.Predicate<AidRequest> filter) {
        return aidRequests.values().stream()
                .filter(filter)
                .sorted(Comparator.comparing(AidRequest::priority)
                        .thenComparing(AidRequest::reportBy)
                        .thenComparing(r -> r.id().value()))
                .toList();
    }

    /**
     * How many more units (or people, for a need of people) the request needs beyond those accepted, with
     * the crews the accepted units have now.
     */
    public int countStillNeeded(AidRequest r, CrewingRules rules) {
        int have = 0;
        for (UnitId id : r.acceptedUnits()) {
            Unit u = getUnit(id);
            have += r.need().countsPeople()
                    ? r.need().contributionOf(u.type(), liveCapabilities(u, rules), crewOf(u))
                    : 1;
        }
        return Math.max(0, r.need().wanted() - have);
    }

    /** Units lent to the host organisation now, ordered by id. */
    public List<Unit> listLentUnits(OrganisationId host) {
        return units.values().stream()
                .filter(u -> u.lentTo().map(host::equals).orElse(false))
                .sorted(Comparator.comparing(u -> u.id().value()))
                .toList();
    }

    /** The organisation's own units lent to others now, ordered by id. */
    public List<Unit> listUnitsLentBy(OrganisationId home) {
        return units.values().stream()
                .filter(u -> u.isLent() && u.organisation().equals(home))
                .sorted(Comparator.comparing(u -> u.id().value()))
                .toList();
    }

    /** Units working for the organisation now: its own not lent out, and those lent to it; by id. */
    public List<Unit> listUnitsWorkingFor(OrganisationId organisation) {
        return units.values().stream()
                .filter(u -> u.workingFor().equals(organisation))
                .sorted(Comparator.comparing(u -> u.id().value()))
                .toList();
    }

    // ---- major incidents and escalation levels ----

    public Optional<MajorIncident> findMajorIncident(MajorIncidentId id) {
        return Optional.ofNullable(majorIncidents.get(id));
    }

    public MajorIncident getMajorIncident(MajorIncidentId id) {
        return findMajorIncident(id).orElseThrow(() -> new NotFoundException("major incident", id.value()));
    }

    /** Major incidents the viewer may see (its attending organisations' and, for the coordinator, all), newest first. */
    public List<MajorIncident> listMajorIncidentsVisibleTo(Viewer viewer) {
        return majorIncidents.values().stream()
                .filter(m -> viewer.coordinator() || m.organisations().stream().anyMatch(viewer::belongsTo))
                .sorted(Comparator.comparing(MajorIncident::declaredAt)
                        .reversed()
                        .thenComparing(m -> m.id().value()))
                .toList();
    }

    /** The major incident a call is linked to, if any (a call rolls up into at most one). */
    public Optional<MajorIncident> findMajorIncidentOf(IncidentId incident) {
        return majorIncidents.values().stream()
                .filter(m -> m.linkedIncidents().contains(incident))
                .findFirst();
    }

    /** The organisation's escalation level and measures: level 1 with none when it never set one. */
    public Escalation escalationOf(OrganisationId organisation) {
        Escalation e = escalations.get(organisation);
        return e == null ? Escalation.steady(organisation) : e;
    }
}
