package org.muster.server.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.StatusChanges;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.security.AccessRefused;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.stereotype.Component;

/**
 * The one way the API changes anything: checks that the user's roles grant the command's action for the
 * organisation it acts in, stamps the user as the actor, and submits it to the single writer. The answer
 * comes once the events are durable.
 */
@Component
public final class CommandGateway {
    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;

    public CommandGateway(MusterNode node, CurrentUser user, Visibility visibility) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
    }

    /**
     * What the API answers for an accepted command. {@code lastSequence} is the sequence of its last event
     * in the log, or 0 when it wrote none: a position report, whose one event ({@code UnitMoved}, sequence
     * 0) went to the units' trails instead.
     */
    public record Accepted(CommandId command, long lastSequence, boolean repeated, List<RecordedEvent> events) {}

    /**
     * The action each command needs. Exhaustive over the sealed {@link Command}: a new command does not
     * compile until someone decides who may give it.
     */
    public static Action actionOf(Command command) {
        return switch (command) {
            case Command.CreateIncident c -> Action.TAKE_CALLS;
            case Command.LinkDuplicate c -> Action.TAKE_CALLS;
            case Command.CancelIncident c -> Action.TAKE_CALLS;
            case Command.ArchiveIncident c -> Action.ADMINISTER;
            // a control room hands its own call over; the receiver's service reports back as a call taker there
            case Command.RecordHandover c -> Action.DISPATCH;
            case Command.RecordHandoverRefused c -> Action.DISPATCH;
            case Command.RecordHandoverStatus c -> Action.TAKE_CALLS;
            case Command.AssignUnit c -> Action.DISPATCH;
            case Command.ReleaseUnit c -> Action.DISPATCH;
            case Command.CloseIncident c -> Action.DISPATCH;
            case Command.ChangeUnitStatus c -> Action.DISPATCH;
            case Command.ReportPosition c -> Action.DISPATCH;
            case Command.SetOperatingLevel c -> Action.SUPERVISE;
            case Command.GrantTacticalClearance c -> Action.SUPERVISE;
            case Command.SetSafeMinimum c -> Action.SUPERVISE;
            case Command.SetZoneCover c -> Action.SUPERVISE;
            // the escorting force consents: its supervisor gives or ends the agreement
            case Command.SetEscortAgreement c -> Action.SUPERVISE;
            case Command.AcceptAlert c -> Action.SUPERVISE;
            case Command.DismissAlert c -> Action.SUPERVISE;
            case Command.IssuePublicAlert c -> Action.SUPERVISE;
            case Command.UpdatePublicAlert c -> Action.SUPERVISE;
            case Command.CancelPublicAlert c -> Action.SUPERVISE;
            case Command.SetCrew c -> Action.SUPERVISE;
            case Command.WithdrawPeople c -> Action.SUPERVISE;
            case Command.ReturnPeople c -> Action.SUPERVISE;
            case Command.WithdrawUnits c -> Action.SUPERVISE;
            case Command.ReturnUnits c -> Action.SUPERVISE;
            case Command.RequestAid c -> Action.MUTUAL_AID;
            case Command.OpenAidRequest c -> Action.MUTUAL_AID;
            case Command.OfferAid c -> Action.MUTUAL_AID;
            case Command.DeclineAid c -> Action.MUTUAL_AID;
            case Command.AcceptOffer c -> Action.MUTUAL_AID;
            case Command.DeployAid c -> Action.MUTUAL_AID;
            case Command.ReleaseAid c -> Action.MUTUAL_AID;
            case Command.CloseAidRequest c -> Action.MUTUAL_AID;
            case Command.CancelAidRequest c -> Action.MUTUAL_AID;
            case Command.ExpireAidRequest c -> Action.MUTUAL_AID;
            // a major incident is declared, marked out and stood down by a supervisor; its calls are linked
            // and its reports filed by the control room that works it
            case Command.DeclareMajorIncident c -> Action.SUPERVISE;
            case Command.MarkMajorIncidentPlace c -> Action.SUPERVISE;
            case Command.StandDownMajorIncident c -> Action.SUPERVISE;
            case Command.LinkToMajorIncident c -> Action.DISPATCH;
            case Command.FileMethaneReport c -> Action.DISPATCH;
            case Command.ReportCasualties c -> Action.DISPATCH;
            case Command.SetEscalationLevel c -> Action.SUPERVISE;
            case Command.SuspendTargets c -> Action.SUPERVISE;
            case Command.HoldBackPriorities c -> Action.SUPERVISE;
            case Command.CloseRoad c -> Action.CLOSE_ROADS;
            case Command.ReopenRoad c -> Action.CLOSE_ROADS;
            // setting up the region, and what Muster itself raises and resolves
            case Command.RegisterOrganisation c -> Action.ADMINISTER;
            case Command.RegisterZone c -> Action.ADMINISTER;
            case Command.RegisterStation c -> Action.ADMINISTER;
            case Command.RegisterUnit c -> Action.ADMINISTER;
            case Command.RegisterPerson c -> Action.ADMINISTER;
            case Command.RaiseAlert c -> Action.ADMINISTER;
            case Command.ResolveAlert c -> Action.ADMINISTER;
        };
    }

    /** Alerts a dispatcher acts on: a move-up proposal, a unit's journey lengthened by a road closure. */
    private static final java.util.Set<String> CONTROL_ROOMS_ALERTS = java.util.Set.of("move-up", "closed-route");

    /**
     * As {@link #actionOf(Command)}, except that a move-up proposal is the control room's to take or
     * leave: its dispatchers accept or dismiss it, as they move the crews (docs/roads.md).
     */
    static Action actionOf(Command command, MusterState state) {
        var alert = switch (command) {
            case Command.AcceptAlert c -> state.findAlert(c.alert());
            case Command.DismissAlert c -> state.findAlert(c.alert());
            default -> java.util.Optional.<org.muster.domain.alert.Alert>empty();
        };
        if (alert.isPresent() && CONTROL_ROOMS_ALERTS.contains(alert.get().kind())) return Action.DISPATCH;
        return actionOf(command);
    }

    /**
     * Checks and submits {@code command}; {@code key} is the client's idempotency key, so that a retry of
     * a request whose answer was lost is answered from the log instead of acting twice.
     */
    public Accepted submit(Command command, String reason, Optional<String> key) {
        MusterState state = node.engine().state();
        MusterPrincipal p = user.require(actionOf(command, state));
        // a user's safe minimum says why, as a level does: it decides when the zone turns amber or red and what
        // it may lend (the region's set-up, which is no one's decision, gives its own through the engine)
        if (command instanceof Command.SetSafeMinimum && (reason == null || reason.isBlank()))
            throw org.muster.domain.InvalidInputException.of(
                    "reason", reason == null ? "(missing)" : reason, "must say why the safe minimum changes");
        requireActsFor(command, state, p);
        return execute(p, command, reason, key);
    }

    /** Refuses {@code command} unless {@code p} acts for every organisation it is given in. */
    private void requireActsFor(Command command, MusterState state, MusterPrincipal p) {
        Set<OrganisationId> acting = actingOrganisations(command, state, p);
        if (!acting.isEmpty()) {
            for (OrganisationId org : acting) {
                if (!p.actsFor(org)) throw new AccessRefused(p.name() + " does not act for organisation " + org);
            }
        } else if (!p.allOrganisations() && !sharedByAll(command, state)) {
            throw new AccessRefused(p.name() + " may not give a "
                    + command.getClass().getSimpleName() + " that belongs to no one organisation");
        }
    }

    /**
     * Whether {@code p} may give {@code command} in {@code state}: the checks {@link #submit} makes, without
     * giving it. What a screen offers (an alert's Accept and Dismiss) is what the gateway would take.
     */
    public boolean mayGive(MusterPrincipal p, Command command, MusterState state) {
        if (!p.can(actionOf(command, state))) return false;
        try {
            requireActsFor(command, state, p);
            return true;
        } catch (AccessRefused | org.muster.domain.NotFoundException refused) {
            return false;
        }
    }

    /**
     * Submits a step of mutual aid that another service's message says one of the parties took (an EDXL-RM
     * message imported): the user needs the command's action in {@code receiver}, the organisation the message
     * came to, and {@code receiver} must be party to the request (for a new request, one of its addressees).
     * The command acts in the sender's organisation, which the user does not act for: the message speaks for
     * it, and {@code reason} names the message in the log. A message may speak only for an organisation the user
     * acts for or one {@code heldElsewhere}, whose own service is another (a peer's): otherwise a supervisor could
     * make a force served here offer, or lend, its units by writing a message. Anything but a mutual aid step is
     * refused.
     */
    public Accepted submitReceived(
            Command command,
            OrganisationId receiver,
            java.util.function.Predicate<OrganisationId> heldElsewhere,
            String reason,
            Optional<String> key) {
        MusterState state = node.engine().state();
        MusterPrincipal p = user.require(actionOf(command, state));
        if (!p.actsFor(receiver)) throw new AccessRefused(p.name() + " does not act for organisation " + receiver);
        AidRequestId request = switch (command) {
            case Command.RequestAid c -> {
                if (!c.addressees().organisations().contains(receiver))
                    throw new AccessRefused("a request received by " + receiver + " must be addressed to it");
                yield c.id();
            }
            case Command.OfferAid c -> c.request();
            case Command.DeclineAid c -> c.request();
            case Command.AcceptOffer c -> c.request();
            case Command.DeployAid c -> c.request();
            case Command.ReleaseAid c -> c.request();
            default ->
                throw new AccessRefused("only the steps of mutual aid come in another service's messages, not a "
                        + command.getClass().getSimpleName());
        };
        if (!(command instanceof Command.RequestAid)
                && !state.getAidRequest(request).parties().contains(receiver))
            throw new NotFoundException("aid request", request.value());
        for (OrganisationId org : actingOrganisations(command, state, p)) {
            if (!p.actsFor(org) && !heldElsewhere.test(org))
                throw new AccessRefused("a message may speak for " + org + " only when another service holds it"
                        + " (muster.peers): " + org + " is served here, and acts here through its own users");
        }
        return execute(p, command, reason, key);
    }

    private Accepted execute(MusterPrincipal p, Command command, String reason, Optional<String> key) {
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > 200))
            throw InvalidInputException.of("Idempotency-Key", key.get(), "must be 1 to 200 characters");
        // The key is the user's own, and names one request: two users' equal keys, or one user's key sent with
        // another request, are different commands (IdempotentRequests)
        String request = IdempotentRequests.fingerprint();
        CommandId id = CommandId.of(key.map(k -> "api-"
                        + org.muster.server.security.Passwords.sha256(p.name() + "\n" + k + "\n" + request)
                                .substring(0, 40))
                .orElseGet(() -> UUID.randomUUID().toString()));
        CommandResult r = node.engine().execute(new CommandEnvelope(id, p.actor(), reason, command));
        return new Accepted(id, r.lastSequence(), r.repeated(), r.events());
    }

    /**
     * Every organisation a command acts in, read from the command's own fields; exhaustive over the sealed
     * {@link Command}, so a new command does not compile without its rule. Anything about an incident acts
     * in the incident's organisation (so a dispatcher may pair another service's unit with their call as an
     * escort, the engine judging suitability); a request's own steps are the requester's; a unit is acted on
     * by its host or home, a zone by its owner, an alert by an organisation it is addressed to. A bulk
     * withdrawal or return acts in the organisation its selection names and in those of the people or units
     * it names one by one. Everything else a command names that the user may not see (the primary of a
     * duplicate, units, aid requests, alerts) is answered exactly as if it did not exist.
     */
    Set<OrganisationId> actingOrganisations(Command command, MusterState state, MusterPrincipal p) {
        return switch (command) {
            case Command.RegisterOrganisation c -> Set.of(c.id());
            case Command.SetEscortAgreement c -> Set.of(c.escorting());
            case Command.RegisterZone c -> Set.of(c.organisation());
            case Command.RegisterStation c -> Set.of(c.organisation());
            case Command.RegisterUnit c -> Set.of(c.organisation());
            case Command.RegisterPerson c -> Set.of(c.organisation());
            case Command.SetCrew c -> workingFor(c.unit(), state, p);
            case Command.SetOperatingLevel c -> zone(c.zone(), state);
            case Command.GrantTacticalClearance c -> incident(c.incident(), state, p);
            case Command.RaiseAlert c -> Set.of();
            case Command.AcceptAlert c -> alert(c.alert(), state, p);
            case Command.ResolveAlert c -> alert(c.alert(), state, p);
            case Command.DismissAlert c -> alert(c.alert(), state, p);
            // a public alert is its organisation's to change; it is public, so its existence is no secret
            case Command.IssuePublicAlert c -> Set.of(c.organisation());
            case Command.UpdatePublicAlert c ->
                Set.of(state.getPublicAlert(c.id()).organisation());
            case Command.CancelPublicAlert c ->
                Set.of(state.getPublicAlert(c.id()).organisation());
            case Command.SetZoneCover c -> zone(c.zone(), state);
            case Command.SetSafeMinimum c -> zone(c.zone(), state);
            case Command.ChangeUnitStatus c -> directing(c.unit(), state, p, "set the status of");
            case Command.ReportPosition c -> directing(c.unit(), state, p, "report the position of");
            // a call taken under an id that is already another force's answers as if the id were free
            case Command.CreateIncident c ->
                node.findIncident(c.id()).isPresent() ? incident(c.id(), state, p) : Set.of(c.organisation());
            case Command.LinkDuplicate c -> {
                Set<OrganisationId> acting = incident(c.duplicate(), state, p);
                incident(c.primary(), state, p);
                yield acting;
            }
            case Command.AssignUnit c -> {
                Set<OrganisationId> acting = incident(c.incident(), state, p);
                requireTaskable(p, state, node.getIncident(c.incident()), c);
                yield acting;
            }
            case Command.ReleaseUnit c -> releasing(c, state, p);
            case Command.CloseIncident c -> incident(c.incident(), state, p);
            case Command.CancelIncident c -> incident(c.incident(), state, p);
            case Command.RecordHandover c -> incident(c.incident(), state, p);
            case Command.RecordHandoverRefused c -> incident(c.incident(), state, p);
            case Command.RecordHandoverStatus c -> incident(c.incident(), state, p);
            // Muster's own step once an incident's record is saved; a user's would only be refused later
            case Command.ArchiveIncident c ->
                throw new AccessRefused("archiving an incident is Muster's own step, not a user's command");
            case Command.WithdrawPeople c -> selected(c.selection(), state, p);
            case Command.ReturnPeople c -> selected(c.selection(), state, p);
            case Command.WithdrawUnits c -> selected(c.selection(), state, p);
            case Command.ReturnUnits c -> selected(c.selection(), state, p);
            case Command.RequestAid c -> Set.of(c.requester());
            case Command.OpenAidRequest c -> request(c.request(), state, p);
            case Command.OfferAid c -> {
                request(c.request(), state, p);
                // offering for an organisation one does not act for is refused as such, whatever the units
                if (p.actsFor(c.offerer())) c.units().forEach(u -> visibility.requireUnit(p, state.getUnit(u)));
                yield Set.of(c.offerer());
            }
            case Command.DeclineAid c -> {
                request(c.request(), state, p);
                yield Set.of(c.organisation());
            }
            // the donor's units are the requester's to accept, deploy and release without seeing them
            case Command.AcceptOffer c -> request(c.request(), state, p);
            case Command.DeployAid c -> request(c.request(), state, p);
            case Command.ReleaseAid c -> request(c.request(), state, p);
            case Command.CloseAidRequest c -> request(c.request(), state, p);
            case Command.CancelAidRequest c -> request(c.request(), state, p);
            case Command.ExpireAidRequest c -> request(c.request(), state, p);
            case Command.DeclareMajorIncident c -> Set.of(c.organisation());
            case Command.LinkToMajorIncident c -> {
                major(c.majorIncident(), state, p);
                yield incident(c.incident(), state, p);
            }
            case Command.FileMethaneReport c -> {
                major(c.majorIncident(), state, p);
                yield Set.of(c.organisation());
            }
            case Command.ReportCasualties c -> {
                major(c.majorIncident(), state, p);
                yield Set.of(c.organisation());
            }
            case Command.MarkMajorIncidentPlace c -> {
                major(c.majorIncident(), state, p);
                yield Set.of(c.place().organisation());
            }
            // the organisation that declared it stands it down
            case Command.StandDownMajorIncident c ->
                Set.of(major(c.majorIncident(), state, p).declaredBy());
            case Command.SetEscalationLevel c -> Set.of(c.organisation());
            case Command.SuspendTargets c -> Set.of(c.organisation());
            case Command.HoldBackPriorities c -> Set.of(c.organisation());
            // a closure is its organisation's: another force's supervisor neither makes nor lifts it
            case Command.CloseRoad c -> Set.of(c.organisation());
            case Command.ReopenRoad c ->
                Set.of(state.getRoadClosure(c.closure()).organisation());
        };
    }

    /**
     * The incident's organisation. An id that names nothing, and one the user may not see, get the same
     * answer: the engine's own not-found. A finished incident that has left the state is found in the read
     * model, so that its owner hears from the engine that it is closed, and anyone else the same not-found.
     */
    private Set<OrganisationId> incident(IncidentId id, MusterState state, MusterPrincipal p) {
        var incident = state.findIncident(id).orElseGet(() -> node.getIncident(id));
        visibility.requireIncident(p, incident);
        return Set.of(incident.organisation());
    }

    /** A unit's crew is its organisation's to set: the one it works for (its host while lent). */
    private Set<OrganisationId> workingFor(UnitId id, MusterState state, MusterPrincipal p) {
        var unit = state.getUnit(id);
        visibility.requireUnit(p, unit);
        return Set.of(unit.workingFor());
    }

    /**
     * The statuses the user may set the unit to now, as the dashboard offers them: none unless their role gives
     * the action a status change needs and they direct the unit ({@link #directing}); else every status the
     * engine would accept for it ({@link StatusChanges}), so that what is offered is accepted.
     */
    public List<UnitStatus> listStatusesOpenTo(MusterPrincipal p, Unit unit, MusterState state) {
        if (!p.can(actionOf(new Command.ChangeUnitStatus(unit.id(), UnitStatus.AVAILABLE, Optional.empty()))))
            return List.of();
        if (Viewer.organisationsDirecting(unit, state).stream().noneMatch(p::actsFor)) return List.of();
        return StatusChanges.listOpenTo(state, unit, node.rules().crewing());
    }

    /**
     * The organisations of the user's that direct the unit now, by the one rule ({@link
     * Viewer#organisationsDirecting}): the one it works for, and the one whose call it works. A unit the user
     * may not see is not found; one they see but do not direct (their own, lent to another) is refused, naming
     * the unit, the user's organisations and who directs it.
     */
    private Set<OrganisationId> directing(UnitId id, MusterState state, MusterPrincipal p, String doing) {
        var unit = state.getUnit(id);
        visibility.requireUnit(p, unit);
        Set<OrganisationId> directing = Viewer.organisationsDirecting(unit, state);
        Set<OrganisationId> mine = new TreeSet<>();
        for (OrganisationId org : directing) if (p.actsFor(org)) mine.add(org);
        if (mine.isEmpty())
            throw new AccessRefused(p.name() + ", acting for " + String.join(", ", p.organisations()) + ", may not "
                    + doing + " unit " + unit.id() + ": " + Viewer.whoDirects(unit, state));
        return mine;
    }

    private static Set<OrganisationId> zone(ZoneId id, MusterState state) {
        return Set.of(state.getZone(id).organisation());
    }

    /** A major incident the user may not see is answered as if it did not exist. */
    private org.muster.domain.major.MajorIncident major(
            org.muster.domain.major.MajorIncidentId id, MusterState state, MusterPrincipal p) {
        var major = state.getMajorIncident(id);
        visibility.requireMajorIncident(p, major);
        return major;
    }

    /** A request's own steps (open, accept, deploy, release, close) are the requester's. */
    private Set<OrganisationId> request(AidRequestId id, MusterState state, MusterPrincipal p) {
        var request = state.getAidRequest(id);
        visibility.requireRequest(p, request);
        return Set.of(request.requester());
    }

    /** An alert is decided by a supervisor of an organisation it is addressed to. */
    private Set<OrganisationId> alert(AlertId id, MusterState state, MusterPrincipal p) {
        var alert = state.getAlert(id);
        visibility.requireAlert(p, alert);
        return alert.organisations().stream()
                .filter(p::actsFor)
                .findFirst()
                .or(() -> alert.organisations().stream().findFirst())
                .map(Set::of)
                .orElse(Set.of());
    }

    private Set<OrganisationId> selected(PeopleSelection selection, MusterState state, MusterPrincipal p) {
        Set<OrganisationId> out = new TreeSet<>();
        selection.organisation().ifPresent(out::add);
        Viewer viewer = Visibility.viewer(p);
        for (PersonId id : selection.people()) {
            state.findPerson(id).ifPresent(person -> {
                if (!viewer.coordinator() && !viewer.belongsTo(person.organisation()))
                    throw new NotFoundException("person", id.value());
                out.add(person.organisation());
            });
        }
        return out;
    }

    private Set<OrganisationId> selected(UnitSelection selection, MusterState state, MusterPrincipal p) {
        Set<OrganisationId> out = new TreeSet<>();
        selection.organisation().ifPresent(out::add);
        for (UnitId id : selection.units()) {
            state.findUnit(id).ifPresent(unit -> {
                visibility.requireUnit(p, unit);
                out.add(unit.workingFor());
            });
        }
        return out;
    }

    /**
     * Nobody tasks a unit they cannot see: a unit the user may neither see nor send to this incident under
     * the tasking rule (a neighbour's unit for a downgraded zone, an escort by agreement) is answered as if
     * it did not exist. One they may see but not send is the engine's to refuse, saying why.
     */
    private void requireTaskable(MusterPrincipal p, MusterState state, Incident incident, Command.AssignUnit a) {
        state.findUnit(a.unit()).ifPresent(unit -> {
            if (Visibility.viewer(p).canSee(unit, state)) return;
            if (Tasking.of(state, incident, node.rules()).allows(unit, a.role())) return;
            throw new NotFoundException("unit", unit.id().value());
        });
    }

    /**
     * A unit on the call is stood down from it by whoever directs it ({@link #directing}): the call's dispatcher,
     * and the organisation the unit works for, which sees the call only in outline (its own crew pulled back, as
     * it could by setting the crew's status). Otherwise the call is its organisation's to name, answered as if
     * it did not exist to anyone else, and a unit the user may not see is not found: the one visibility rule,
     * whichever call it is on.
     */
    private Set<OrganisationId> releasing(Command.ReleaseUnit c, MusterState state, MusterPrincipal p) {
        Optional<Unit> onIt = state.findUnit(c.unit())
                .filter(u -> state.findIncidentOf(u.id())
                        .map(i -> i.id().equals(c.incident()))
                        .orElse(false))
                .filter(u -> Visibility.viewer(p).canSee(u, state));
        if (onIt.isPresent()) return directing(c.unit(), state, p, "stand down");
        Set<OrganisationId> acting = incident(c.incident(), state, p);
        state.findUnit(c.unit()).ifPresent(u -> visibility.requireUnit(p, u));
        return acting;
    }

    /** An alert recorded before alerts were addressed, and about no zone, is any supervisor's to decide. */
    private static boolean sharedByAll(Command command, MusterState state) {
        return switch (command) {
            case Command.AcceptAlert a -> true;
            case Command.DismissAlert d -> true;
            default -> false;
        };
    }
}
