package org.muster.engine.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.event.Event;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.DutyState;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;

/**
 * Turns a command into events against the current state, or refuses it whole. It reads no clock and
 * makes no randomness of its own: the time comes in, and a bulk selection's shuffle is seeded by the
 * command.
 */
public final class Decider {
    private final Rules rules;

    public Decider(Rules rules) {
        this.rules = rules;
    }

    public Rules rules() {
        return rules;
    }

    /**
     * The events the command produces.
     *
     * @throws InvalidInputException when the command refers to things that do not fit (wrong organisation)
     * @throws org.muster.domain.NotFoundException when it names something that does not exist
     * @throws ConflictException when the state does not allow it (an illegal transition, a duplicate id)
     */
    public List<Event> decide(MusterState state, CommandEnvelope envelope, Instant now) {
        return decision(state, envelope, now).events();
    }

    /** The events a command produces and the state they lead to (its sequence not yet advanced). */
    public record Decision(List<Event> events, MusterState after) {}

    /** As {@link #decide}, also returning the state after the events, so the writer need not apply them again. */
    public Decision decision(MusterState state, CommandEnvelope envelope, Instant now) {
        Draft d = new Draft(state, now, envelope.actor().id(), envelope.reason());
        requireNotArchived(state, envelope.command());
        switch (envelope.command()) {
            case Command.RegisterOrganisation c -> {
                if (state.findOrganisation(c.id()).isPresent()) throw exists("organisation", c.id());
                d.add(new Event.OrganisationRegistered(new Organisation(c.id(), c.name(), c.agency())));
            }
            case Command.SetEscortAgreement c -> setEscortAgreement(d, c);
            case Command.RegisterZone c -> registerZone(d, c);
            case Command.RegisterStation c -> {
                if (state.findStation(c.id()).isPresent()) throw exists("station", c.id());
                state.getOrganisation(c.organisation());
                d.add(new Event.StationRegistered(new org.muster.domain.organisation.Station(
                        c.id(), c.organisation(), c.name(), c.kind(), c.location())));
            }
            case Command.RegisterUnit c -> registerUnit(d, c);
            case Command.RegisterPerson c -> {
                if (state.findPerson(c.id()).isPresent()) throw exists("person", c.id());
                state.getOrganisation(c.organisation());
                d.add(new Event.PersonRegistered(new Person(
                        c.id(), c.name(), c.organisation(), c.role(), c.skills(), new TreeSet<>(), DutyState.ON_DUTY)));
            }
            case Command.SetCrew c -> setCrew(d, c);
            case Command.SetOperatingLevel c -> setLevel(d, c, envelope.reason());
            case Command.GrantTacticalClearance c -> {
                Incident i = state.getIncident(c.incident());
                if (i.clearance() != Clearance.AWAITING) {
                    throw new ConflictException(
                            "incident " + i.id() + " is not awaiting tactical clearance (" + i.clearance() + ")");
                }
                // sending crews into a closed zone is a decision someone answers for: it stands with its reason
                if (envelope.reason().isBlank())
                    throw InvalidInputException.of(
                            "reason", envelope.reason(), "is required to grant tactical clearance into a closed zone");
                d.add(new Event.TacticalClearanceGranted(i.id()));
            }
            case Command.RaiseAlert c -> raiseAlert(d, c);
            case Command.ResolveAlert c -> {
                Alert alert = state.getAlert(c.alert());
                // a dismissal holds while what raised the alert goes on; Muster marks it over when it is
                boolean dismissedGoingOn = alert.status() == AlertStatus.DISMISSED && !alert.isOver();
                if (!alert.status().isActive() && !dismissedGoingOn)
                    throw new ConflictException("alert " + alert.id() + " is already "
                            + (alert.isOver() && alert.status() == AlertStatus.DISMISSED
                                    ? "dismissed and over"
                                    : alert.status()));
                d.add(new Event.AlertResolved(alert.id(), c.resolution()));
            }
            case Command.AcceptAlert c -> decideAlert(d, c.alert(), true, envelope.reason());
            case Command.DismissAlert c -> decideAlert(d, c.alert(), false, envelope.reason());
            case Command.IssuePublicAlert c -> PublicAlerts.issue(d, c);
            case Command.UpdatePublicAlert c -> PublicAlerts.update(d, c);
            case Command.CancelPublicAlert c -> PublicAlerts.cancel(d, c);
            case Command.SetZoneCover c -> setZoneCover(d, c);
            case Command.SetSafeMinimum c -> {
                Zone zone = state.getZone(c.zone());
                // a minimum the zone's organisation can never meet would turn it to "no units" for good
                org.muster.domain.organisation.Agency agency =
                        state.getOrganisation(zone.organisation()).agency();
                if (c.minimum() > 0 && c.type().agency() != agency)
                    throw InvalidInputException.of(
                            "type",
                            c.type(),
                            "is a unit type of " + c.type().agency() + ", and zone " + zone.id() + " is "
                                    + zone.organisation() + "'s, "
                                    + (agency == org.muster.domain.organisation.Agency.AMBULANCE ? "an " : "a ")
                                    + agency + " organisation: one of "
                                    + java.util.Arrays.stream(UnitType.values())
                                            .filter(t -> t.agency() == agency)
                                            .toList());
                d.add(new Event.SafeMinimumSet(c.zone(), c.type(), c.minimum()));
            }
            case Command.ChangeUnitStatus c -> changeStatus(d, c);
            case Command.ReportPosition c -> {
                state.getUnit(c.unit());
                d.add(new Event.UnitMoved(c.unit(), c.point()));
            }
            case Command.CreateIncident c -> createIncident(d, c);
            case Command.LinkDuplicate c -> linkDuplicate(d, c);
            case Command.AssignUnit c -> Dispatching.assign(d, c, rules);
            case Command.ReleaseUnit c -> {
                Incident i = state.getIncident(c.incident());
                Unit u = state.getUnit(c.unit());
                if (i.findAssignment(c.unit()).isEmpty()) {
                    throw new ConflictException(u.callsign() + " is not assigned to incident " + i.id());
                }
                Dispatching.release(d, i.id(), u.id(), rules, Optional.empty());
            }
            case Command.CloseIncident c -> Dispatching.finish(d, c.incident(), IncidentStatus.CLOSED, rules);
            case Command.CancelIncident c -> Dispatching.finish(d, c.incident(), IncidentStatus.CANCELLED, rules);
            case Command.ArchiveIncident c -> archive(d, c);
            case Command.RecordHandover c -> Handovers.record(d, c);
            case Command.RecordHandoverRefused c -> Handovers.refused(d, c);
            case Command.RecordHandoverStatus c -> Handovers.status(d, c);
            case Command.WithdrawPeople c -> withdrawPeople(d, c);
            case Command.ReturnPeople c -> returnPeople(d, c);
            case Command.WithdrawUnits c -> withdrawUnits(d, c);
            case Command.ReturnUnits c -> returnUnits(d, c);
            case Command.RequestAid c -> MutualAid.request(d, c, rules);
            case Command.OpenAidRequest c -> MutualAid.open(d, c);
            case Command.OfferAid c -> MutualAid.offer(d, c, rules);
            case Command.DeclineAid c -> MutualAid.decline(d, c);
            case Command.AcceptOffer c -> MutualAid.accept(d, c, rules);
            case Command.DeployAid c -> MutualAid.deploy(d, c);
            case Command.ReleaseAid c -> MutualAid.release(d, c);
            case Command.CloseAidRequest c -> MutualAid.close(d, c);
            case Command.CancelAidRequest c -> MutualAid.cancel(d, c, envelope.reason());
            case Command.ExpireAidRequest c -> MutualAid.expire(d, c);
            case Command.DeclareMajorIncident c -> MajorIncidents.declare(d, c, rules);
            case Command.LinkToMajorIncident c -> MajorIncidents.link(d, c);
            case Command.FileMethaneReport c -> MajorIncidents.fileMethane(d, c);
            case Command.ReportCasualties c -> MajorIncidents.reportCasualties(d, c);
            case Command.MarkMajorIncidentPlace c -> MajorIncidents.markPlace(d, c);
            case Command.StandDownMajorIncident c -> MajorIncidents.standDown(d, c, envelope.reason());
            case Command.SetEscalationLevel c -> Escalations.setLevel(d, c, envelope.reason(), rules);
            case Command.SuspendTargets c -> Escalations.suspendTargets(d, c);
            case Command.HoldBackPriorities c -> Escalations.holdBack(d, c);
            case Command.CloseRoad c -> closeRoad(d, c);
            case Command.ReopenRoad c -> {
                RoadClosure closure = state.getRoadClosure(c.closure());
                d.add(new Event.RoadReopened(closure.id(), closure.organisation()));
            }
        }
        return new Decision(d.events(), d.state());
    }

    /**
     * An alert is addressed to the organisations named, else to the owner of the zone it proposes to
     * change; it replaces (resolves) the active alert with the same key, so that a zone going from red to
     * "no units available" shows one alert, the newest.
     */
    private void raiseAlert(Draft d, Command.RaiseAlert c) {
        MusterState state = d.state();
        if (state.findAlert(c.id()).isPresent()) throw exists("alert", c.id());
        c.proposedZone().ifPresent(state::getZone);
        SortedSet<org.muster.domain.organisation.OrganisationId> addressees = c.organisations();
        if (addressees.isEmpty() && c.proposedZone().isPresent())
            addressees = org.muster.domain.Sorted.setOf(
                    Set.of(state.getZone(c.proposedZone().get()).organisation()));
        if (addressees.isEmpty())
            throw InvalidInputException.of(
                    "organisations", addressees, "must name at least one organisation, or propose a zone");
        addressees.forEach(state::getOrganisation);
        for (Alert active : state.listActiveAlerts(c.key()))
            d.add(new Event.AlertResolved(active.id(), "replaced by alert " + c.id() + ": " + c.summary()));
        d.add(new Event.AlertRaised(Alert.raised(
                c.id(),
                c.kind(),
                c.key(),
                addressees,
                d.now(),
                c.summary(),
                c.evidence(),
                c.proposedZone(),
                c.proposedLevel())));
    }

    /** Accepting an alert that proposes a zone level makes that change too, under the same reason. */
    private void decideAlert(Draft d, AlertId id, boolean accept, String reason) {
        Alert alert = d.state().getAlert(id);
        if (alert.status() != AlertStatus.OPEN)
            throw new ConflictException("alert " + id + " is already " + alert.status());
        if (reason.isBlank())
            throw InvalidInputException.of(
                    "reason", reason, "is required to " + (accept ? "accept" : "dismiss") + " an alert");
        if (!accept) {
            d.add(new Event.AlertDismissed(id));
            return;
        }
        d.add(new Event.AlertAccepted(id));
        // a proposal raises a zone's level, never lowers it: a zone closed since it was made stays closed
        Optional<Zone> raised = alert.proposedZone()
                .map(z -> d.state().getZone(z))
                .filter(z -> alert.proposedLevel().orElseThrow().compareTo(z.operatingLevel()) > 0);
        if (raised.isPresent()) {
            Zone zone = raised.get();
            // to be reviewed as any raised level should be: the level-review alert asks its supervisors then
            d.add(new Event.OperatingLevelChanged(
                    zone.id(),
                    zone.operatingLevel(),
                    alert.proposedLevel().orElseThrow(),
                    Optional.of(d.now().plus(ACCEPTED_LEVEL_REVIEW)),
                    Optional.empty()));
        }
    }

    /**
     * When a level raised by accepting an alert's proposal is to be reviewed: a level set by hand names its own
     * review time, and one set with a click on an alert would otherwise never be looked at again.
     */
    public static final java.time.Duration ACCEPTED_LEVEL_REVIEW = java.time.Duration.ofHours(4);

    private static ConflictException exists(String kind, Object id) {
        return new ConflictException("a " + kind + " with id '" + id + "' already exists");
    }

    /** A police force's consent to escort an ambulance or fire service's crews, or its end. */
    private static void setEscortAgreement(Draft d, Command.SetEscortAgreement c) {
        Organisation escorting = d.state().getOrganisation(c.escorting());
        Organisation escorted = d.state().getOrganisation(c.escorted());
        Check check = Check.collecting();
        if (escorting.agency() != Agency.POLICE)
            check.add(
                    "escorting",
                    escorting.id(),
                    "must be a police force; " + escorting.id() + " is " + escorting.agency());
        if (escorted.agency() == Agency.POLICE)
            check.add(
                    "escorted", escorted.id(), "must be an ambulance or fire service; " + escorted.id() + " is POLICE");
        check.throwIfAny();
        if (escorting.escortsFor(escorted.id()) == c.agreed()) {
            throw new ConflictException(escorting.id() + (c.agreed() ? " already has" : " has no")
                    + " standing escort agreement with " + escorted.id());
        }
        d.add(new Event.EscortAgreementSet(escorting.id(), escorted.id(), c.agreed()));
    }

    /**
     * A supervisor closes roads in their own organisation's area: some point of the closure lies in one of
     * its zones. The review time must lie ahead, or the closure would be overdue as it is made.
     */
    private void closeRoad(Draft d, Command.CloseRoad c) {
        MusterState state = d.state();
        state.getOrganisation(c.organisation());
        if (state.findRoadClosure(c.id()).isPresent()) throw exists("road closure", c.id());
        Check check = Check.collecting();
        if (!c.reviewAt().isAfter(d.now())) check.add("reviewAt", c.reviewAt(), "must lie ahead, after " + d.now());
        boolean inOwnArea = c.points().stream()
                .flatMap(p -> rules.zones().zonesAt(p).stream())
                .flatMap(z -> state.findZone(z).stream())
                .anyMatch(z -> z.organisation().equals(c.organisation()));
        if (!inOwnArea) check.add("points", c.points(), "must lie at least partly in a zone of " + c.organisation());
        check.throwIfAny();
        d.add(new Event.RoadClosed(
                new RoadClosure(c.id(), c.organisation(), c.kind(), c.points(), c.reason(), d.now(), c.reviewAt())));
    }

    private void registerZone(Draft d, Command.RegisterZone c) {
        MusterState s = d.state();
        if (s.findZone(c.id()).isPresent()) throw exists("zone", c.id());
        s.getOrganisation(c.organisation());
        if (c.parent().isPresent()) {
            Zone parent = s.getZone(c.parent().get());
            if (!parent.organisation().equals(c.organisation())) {
                throw InvalidInputException.of(
                        "parent", parent.id(), "must be a zone of organisation " + c.organisation());
            }
        }
        d.add(new Event.ZoneRegistered(Zone.of(c.id(), c.organisation(), c.name(), c.parent())));
    }

    private void registerUnit(Draft d, Command.RegisterUnit c) {
        MusterState s = d.state();
        if (s.findUnit(c.id()).isPresent()) throw exists("unit", c.id());
        Organisation org = s.getOrganisation(c.organisation());
        if (c.type().agency() != org.agency()) {
            throw InvalidInputException.of(
                    "type", c.type(), "is a " + c.type().agency() + " unit type; " + org.id() + " is " + org.agency());
        }
        boolean callsignTaken = s.units().values().stream()
                .anyMatch(u -> u.organisation().equals(c.organisation())
                        && u.callsign().equals(c.callsign()));
        if (callsignTaken)
            throw new ConflictException("callsign " + c.callsign() + " is already used in " + c.organisation());
        Optional<Position> position = c.position()
                .or(() -> c.homeStation().map(st -> s.getStation(st).location()))
                .map(p -> new Position(p, d.now()));
        c.homeStation().ifPresent(s::getStation);
        boolean roadworthy = rules.crewing().isRoadworthy(c.type(), List.of());
        UnitStatus status = roadworthy ? UnitStatus.AVAILABLE : UnitStatus.UNAVAILABLE;
        Optional<UnavailableReason> reason =
                roadworthy ? Optional.empty() : Optional.of(UnavailableReason.UNDER_CREWED);
        d.add(new Event.UnitRegistered(new Unit(
                c.id(),
                c.callsign(),
                c.organisation(),
                c.type(),
                c.homeStation(),
                c.seats(),
                status,
                reason,
                position,
                new TreeSet<>(),
                d.now())));
    }

    private void setCrew(Draft d, Command.SetCrew c) {
        MusterState s = d.state();
        Unit unit = s.getUnit(c.unit());
        if (c.crew().size() > unit.seats()) {
            throw InvalidInputException.of(
                    "crew", c.crew().size() + " people", unit.callsign() + " has " + unit.seats() + " seats");
        }
        Check check = Check.collecting();
        for (PersonId id : c.crew()) {
            Person p = s.getPerson(id);
            if (!p.organisation().equals(unit.organisation())) {
                check.add(
                        "crew",
                        id,
                        "must be people of " + unit.organisation() + "; " + id + " is of " + p.organisation());
            }
        }
        check.throwIfAny();
        // Someone moving from another unit leaves it first.
        for (PersonId id : c.crew()) {
            s.findUnitOf(id).filter(other -> !other.id().equals(unit.id())).ifPresent(other -> {
                SortedSet<PersonId> rest =
                        new TreeSet<>(d.state().getUnit(other.id()).crew());
                rest.remove(id);
                d.add(new Event.CrewChanged(other.id(), rest));
            });
        }
        d.add(new Event.CrewChanged(unit.id(), c.crew()));
        Crewing.reconcile(d, affectedUnits(s, unit, c.crew()), rules);
    }

    private static Set<UnitId> affectedUnits(MusterState s, Unit unit, Set<PersonId> crew) {
        Set<UnitId> units = new TreeSet<>();
        units.add(unit.id());
        for (PersonId id : crew) s.findUnitOf(id).ifPresent(u -> units.add(u.id()));
        return units;
    }

    private void setLevel(Draft d, Command.SetOperatingLevel c, String reason) {
        Zone zone = d.state().getZone(c.zone());
        if (reason.isBlank())
            throw InvalidInputException.of("reason", reason, "is required to change a zone's operating level");
        if (c.reviewAt().isPresent() && !c.reviewAt().get().isAfter(d.now())) {
            throw InvalidInputException.of("reviewAt", c.reviewAt().get(), "must be after now (" + d.now() + ")");
        }
        c.rendezvous().ifPresent(p -> rules.locations().check("rendezvous", p));
        d.add(new Event.OperatingLevelChanged(
                zone.id(), zone.operatingLevel(), c.level(), c.reviewAt(), c.rendezvous()));
        if (c.level() == OperatingLevel.CLOSED) {
            for (Incident i : d.state().listOpenIncidents()) {
                // the level binds the zone's own organisation: a closed ambulance zone holds no police call
                if (i.clearance() == Clearance.NOT_NEEDED
                        && i.organisation().equals(zone.organisation())
                        && rules.zones().zonesAt(i.location()).contains(zone.id())) {
                    d.add(new Event.ClearanceRequired(i.id()));
                }
            }
        } else if (zone.operatingLevel() == OperatingLevel.CLOSED) {
            // reopened: the calls that waited for clearance into this zone have it, unless another closed zone
            // of their organisation still holds them (they waited for ever, their crews at the rendezvous point)
            for (Incident i : d.state().listOpenIncidents()) {
                if (i.clearance() != Clearance.AWAITING || !i.organisation().equals(zone.organisation())) continue;
                List<ZoneId> at = rules.zones().zonesAt(i.location());
                if (!at.contains(zone.id())) continue;
                boolean stillClosed = at.stream()
                        .filter(z -> !z.equals(zone.id()))
                        .flatMap(z -> d.state().findZone(z).stream())
                        .anyMatch(z -> z.organisation().equals(i.organisation())
                                && z.operatingLevel() == OperatingLevel.CLOSED);
                if (!stillClosed) d.add(new Event.TacticalClearanceGranted(i.id()));
            }
        }
    }

    private void changeStatus(Draft d, Command.ChangeUnitStatus c) {
        MusterState s = d.state();
        Unit unit = s.getUnit(c.unit());
        UnitStatus to = c.status();
        StatusChanges.check(s, unit, to, rules.crewing());
        Optional<Incident> incident = s.findIncidentOf(unit.id());
        switch (to) {
            case EN_ROUTE, AT_RENDEZVOUS -> {
                d.add(statusChange(unit, to, Optional.empty()));
                // a lent unit arriving stands at its host's rendezvous point, whatever its last fix said
                if (to == UnitStatus.AT_RENDEZVOUS && incident.isEmpty() && unit.isLent())
                    s.findAidRequestHolding(unit.id())
                            .ifPresent(r -> d.add(new Event.UnitMoved(unit.id(), r.rendezvous())));
            }
            case ON_SCENE -> {
                Incident i = incident.orElseThrow();
                d.add(statusChange(unit, to, Optional.empty()));
                d.add(new Event.UnitArrived(i.id(), unit.id()));
                // a police escort there first has reached no patient and put out no fire: the call is on scene
                // when one of the units it was sent for arrives
                boolean escort = i.findAssignment(unit.id())
                        .map(a -> a.role() == AssignmentRole.ESCORT)
                        .orElse(false);
                if (i.status() == IncidentStatus.ASSIGNED && !escort)
                    d.add(new Event.IncidentStatusChanged(i.id(), i.status(), IncidentStatus.ON_SCENE));
            }
            case TRANSPORTING -> d.add(statusChange(unit, to, Optional.empty(), hospitalOf(s, c)));
            case AT_HOSPITAL -> {
                // the hospital named on the way stays the one handed over at, unless the crew names another
                Optional<StationId> hospital = hospitalOf(s, c).or(unit::hospital);
                d.add(statusChange(unit, to, Optional.empty(), hospital));
                incident.ifPresent(i -> Dispatching.detach(d, i.id(), unit.id()));
            }
            case RETURNING -> {
                d.add(statusChange(unit, to, Optional.empty()));
                incident.ifPresent(i -> Dispatching.detach(d, i.id(), unit.id()));
            }
            case AVAILABLE -> {
                if (incident.isPresent()) {
                    Dispatching.release(d, incident.get().id(), unit.id(), rules, Optional.empty());
                } else {
                    d.add(statusChange(unit, to, Optional.empty()));
                    Crewing.reconcile(d, Set.of(unit.id()), rules);
                }
            }
            case UNAVAILABLE -> {
                if (incident.isPresent()) Dispatching.release(d, incident.get().id(), unit.id(), rules, c.reason());
                else d.add(statusChange(unit, to, c.reason()));
            }
            case DISPATCHED -> throw new IllegalStateException("refused by the command's own check");
        }
    }

    /** A zone is covered only from another zone of its own organisation. */
    private static void setZoneCover(Draft d, Command.SetZoneCover c) {
        Zone zone = d.state().getZone(c.zone());
        if (c.coveredFrom().isPresent()) {
            Zone from = d.state().getZone(c.coveredFrom().get());
            if (!from.organisation().equals(zone.organisation()))
                throw InvalidInputException.of(
                        "coveredFrom",
                        from.id(),
                        "must be a zone of " + zone.organisation() + ", whose zone " + zone.id() + " is; it is of "
                                + from.organisation());
        }
        d.add(new Event.ZoneCoverSet(c.zone(), c.coveredFrom()));
    }

    static Event.UnitStatusChanged statusChange(Unit unit, UnitStatus to, Optional<UnavailableReason> reason) {
        return new Event.UnitStatusChanged(unit.id(), unit.status(), to, reason);
    }

    private static Event.UnitStatusChanged statusChange(
            Unit unit, UnitStatus to, Optional<UnavailableReason> reason, Optional<StationId> hospital) {
        return new Event.UnitStatusChanged(unit.id(), unit.status(), to, reason, hospital);
    }

    /** The hospital the command names, which must be a station of kind HOSPITAL. */
    private static Optional<StationId> hospitalOf(MusterState s, Command.ChangeUnitStatus c) {
        if (c.hospital().isEmpty()) return Optional.empty();
        Station station = s.getStation(c.hospital().get());
        if (station.kind() != StationKind.HOSPITAL) {
            throw InvalidInputException.of(
                    "hospital", station.id(), "must be a hospital; " + station.name() + " is a " + station.kind());
        }
        return Optional.of(station.id());
    }

    /**
     * A command on an incident that has left the live state is answered as the incident stands, finished
     * (a 409), not as if it never existed: its owner can still read it.
     */
    private void requireNotArchived(MusterState state, Command command) {
        List<org.muster.domain.incident.IncidentId> named = switch (command) {
            case Command.GrantTacticalClearance c -> List.of(c.incident());
            case Command.LinkDuplicate c -> List.of(c.duplicate(), c.primary());
            case Command.AssignUnit c -> List.of(c.incident());
            case Command.ReleaseUnit c -> List.of(c.incident());
            case Command.CloseIncident c -> List.of(c.incident());
            case Command.CancelIncident c -> List.of(c.incident());
            case Command.LinkToMajorIncident c -> List.of(c.incident());
            default -> List.of();
        };
        for (var id : named) {
            if (state.findIncident(id).isPresent()) continue;
            var archived = rules.closedIncidents().findIncident(id);
            if (archived.isPresent()) throw closed(archived.get());
        }
    }

    private static ConflictException closed(Incident incident) {
        return new ConflictException("incident " + incident.id() + " is "
                + incident.status().toString().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Only a finished incident leaves the state, and only where there is a read model to keep it: the writer
     * saves its record there with the event that archives it (in one transaction where the store has both),
     * so that it can always be read from one or the other, whoever submits the command.
     */
    private void archive(Draft d, Command.ArchiveIncident c) {
        var id = c.incident();
        var incident = d.state().findIncident(id);
        if (incident.isEmpty()) {
            if (rules.closedIncidents().findIncident(id).isPresent())
                throw new ConflictException("incident " + id + " is already archived");
            throw new org.muster.domain.NotFoundException("incident", id.value());
        }
        Incident i = incident.get();
        if (i.isOpen())
            throw new ConflictException(
                    "incident " + id + " is " + i.status() + ": only a finished incident is archived");
        if (rules.closedIncidents() == org.muster.domain.incident.ClosedIncidents.NONE)
            throw new ConflictException("incident " + id
                    + " stays in the state: this service keeps no read model of closed incidents to move it to");
        d.add(new Event.IncidentArchived(id, i.organisation()));
    }

    private void createIncident(Draft d, Command.CreateIncident c) {
        MusterState s = d.state();
        // an archived incident's id stays taken: the log and the read model name one call by it
        if (s.findIncident(c.id()).isPresent()
                || rules.closedIncidents().findIncident(c.id()).isPresent()) throw exists("incident", c.id());
        Organisation org = s.getOrganisation(c.organisation());
        // a type the catalogue lacks is bad input in the call's body, not a missing resource: say what is allowed
        IncidentType type = rules.catalogue()
                .findType(c.type())
                .orElseThrow(() -> InvalidInputException.of(
                        "type", c.type(), "is not an incident type; " + org.id() + "'s are " + typesOf(org)));
        Check check = Check.collecting();
        if (type.agency() != org.agency()) {
            // a call handed over from another agency (an EIDO) needs the receiver's own type: say which
            check.add(
                    "type",
                    c.type(),
                    "is a " + type.agency() + " incident type; " + org.id() + " is " + org.agency()
                            + ", whose types are " + typesOf(org));
        }
        Priority priority = c.priority().orElse(type.defaultPriority());
        if (!priority.appliesTo(org.agency())) {
            check.add("priority", priority, "is not a priority of " + org.agency() + " incidents");
        }
        check.throwIfAny();
        SortedSet<Hazard> hazards = new TreeSet<>(type.hazards());
        hazards.addAll(c.hazards());
        d.add(new Event.IncidentCreated(
                new Incident(
                        c.id(),
                        c.organisation(),
                        c.type(),
                        priority,
                        c.location(),
                        c.description(),
                        hazards,
                        type.requirements(),
                        IncidentStatus.OPEN,
                        d.now(),
                        List.of(),
                        new TreeSet<>(),
                        Optional.empty(),
                        List.of(),
                        clearanceAt(s, c.organisation(), c.location())),
                // never refused for where it is: a call off the roads, or outside the service's area, is taken,
                // with the walk and the place in words
                placeWarnings(s, org, c.location())));
    }

    /**
     * What a call handler should know of a call's place: a walk from the nearest road, and a place outside every
     * zone of the organisation (mistyped coordinates, or another service's area: its call to hand over).
     */
    private List<String> placeWarnings(MusterState s, Organisation org, org.muster.domain.GeoPoint at) {
        List<String> out = new ArrayList<>();
        // only where its zones' areas are known: a zone registered without geometry holds no point
        boolean hasZones = s.zones().values().stream()
                .anyMatch(
                        z -> z.organisation().equals(org.id()) && rules.zones().hasAreaOf(z.id()));
        boolean inOne = !Tasking.bindingZones(s, org.id(), at, rules.zones()).isEmpty();
        if (hasZones && !inOne)
            out.add("the place is outside every zone of " + org.name() + " ("
                    + org.id().value() + "): check it, or hand the call over to the service whose area it is");
        rules.locations().offRoadWarning(at).ifPresent(out::add);
        return out;
    }

    /** An incident in a closed zone of its own organisation waits for tactical clearance from the start. */
    private Clearance clearanceAt(
            MusterState s,
            org.muster.domain.organisation.OrganisationId organisation,
            org.muster.domain.GeoPoint location) {
        boolean closed = Tasking.bindingZones(s, organisation, location, rules.zones()).stream()
                .anyMatch(z -> z.operatingLevel() == OperatingLevel.CLOSED);
        return closed ? Clearance.AWAITING : Clearance.NOT_NEEDED;
    }

    private void linkDuplicate(Draft d, Command.LinkDuplicate c) {
        MusterState s = d.state();
        Incident duplicate = s.getIncident(c.duplicate());
        Incident primary = s.getIncident(c.primary());
        if (!duplicate.organisation().equals(primary.organisation())) {
            throw InvalidInputException.of(
                    "primary", primary.id(), "must be an incident of " + duplicate.organisation());
        }
        duplicate.status().checkMoveTo(IncidentStatus.MERGED);
        if (!primary.isOpen())
            throw new ConflictException("incident " + primary.id() + " is " + primary.status()
                    + "; a call can only be linked to an open incident");
        if (!duplicate.assignments().isEmpty()) {
            throw new ConflictException("incident " + duplicate.id()
                    + " has units assigned; release them before linking it as a duplicate");
        }
        d.add(new Event.IncidentMerged(duplicate.id(), primary.id()));
    }

    private void withdrawPeople(Draft d, Command.WithdrawPeople c) {
        List<Person> chosen = Selections.people(d.state(), c.selection(), p -> switch (c.mode()) {
            case PERSON -> p.duty() == DutyState.ON_DUTY;
            case SKILL -> p.hasActive(c.selection().skill().orElseThrow());
        });
        for (Person p : chosen) {
            switch (c.mode()) {
                case PERSON -> d.add(new Event.PersonDutyChanged(p.id(), p.duty(), DutyState.WITHDRAWN));
                case SKILL ->
                    d.add(new Event.SkillSuspended(p.id(), c.selection().skill().orElseThrow()));
            }
        }
        Crewing.reconcile(d, unitsOf(d.state(), chosen), rules);
    }

    private void returnPeople(Draft d, Command.ReturnPeople c) {
        List<Person> chosen = Selections.people(d.state(), c.selection(), p -> switch (c.mode()) {
            case PERSON -> p.duty() == DutyState.WITHDRAWN;
            case SKILL -> p.suspendedSkills().contains(c.selection().skill().orElseThrow());
        });
        for (Person p : chosen) {
            switch (c.mode()) {
                case PERSON -> d.add(new Event.PersonDutyChanged(p.id(), p.duty(), DutyState.ON_DUTY));
                case SKILL ->
                    d.add(new Event.SkillRestored(p.id(), c.selection().skill().orElseThrow()));
            }
        }
        Crewing.reconcile(d, unitsOf(d.state(), chosen), rules);
    }

    private static Set<UnitId> unitsOf(MusterState s, List<Person> people) {
        Set<UnitId> units = new TreeSet<>();
        for (Person p : people) s.findUnitOf(p.id()).ifPresent(u -> units.add(u.id()));
        return units;
    }

    private void withdrawUnits(Draft d, Command.WithdrawUnits c) {
        List<Unit> chosen = Selections.units(
                d.state(),
                c.selection(),
                rules,
                u -> !u.status().isCommitted() && u.status() != UnitStatus.UNAVAILABLE);
        for (Unit u : chosen) d.add(statusChange(u, UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.WITHDRAWN)));
    }

    private void returnUnits(Draft d, Command.ReturnUnits c) {
        List<Unit> chosen = Selections.units(
                d.state(),
                c.selection(),
                rules,
                u -> u.unavailableReason().equals(Optional.of(UnavailableReason.WITHDRAWN)));
        for (Unit u : chosen) {
            boolean roadworthy =
                    rules.crewing().isRoadworthy(u.type(), d.state().crewOf(u));
            d.add(
                    roadworthy
                            ? statusChange(u, UnitStatus.AVAILABLE, Optional.empty())
                            : statusChange(u, UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.UNDER_CREWED)));
        }
    }

    /** Picks a share of a list reproducibly from the command's seed. */
    static <T> List<T> share(List<T> candidates, double share, long seed) {
        if (share >= 1.0) return candidates;
        List<T> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new SplittableRandom(seed));
        int n = (int) Math.ceil(share * candidates.size());
        return List.copyOf(shuffled.subList(0, n));
    }

    static void requireSome(String field, Object selection, List<?> chosen, String what) {
        if (chosen.isEmpty()) throw InvalidInputException.of(field, selection, "matches no " + what);
    }

    /** The catalogue's incident types of the organisation's agency, for a refusal that says what is allowed. */
    private List<String> typesOf(Organisation org) {
        return rules.catalogue().listTypes().stream()
                .filter(t -> t.agency() == org.agency())
                .map(t -> t.code().value())
                .sorted()
                .toList();
    }
}
