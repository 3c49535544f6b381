package org.muster.server.api;

import java.util.List;
import java.util.Map;
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
import org.muster.domain.unit.UnitId;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.RecordValues;
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
    /** What each command needs; a command not listed needs an administrator. */
    private static final Map<String, Action> ACTIONS = Map.ofEntries(
            Map.entry("CreateIncident", Action.TAKE_CALLS),
            Map.entry("LinkDuplicate", Action.TAKE_CALLS),
            Map.entry("CancelIncident", Action.TAKE_CALLS),
            Map.entry("AssignUnit", Action.DISPATCH),
            Map.entry("ReleaseUnit", Action.DISPATCH),
            Map.entry("CloseIncident", Action.DISPATCH),
            Map.entry("ChangeUnitStatus", Action.DISPATCH),
            Map.entry("ReportPosition", Action.DISPATCH),
            Map.entry("SetOperatingLevel", Action.SUPERVISE),
            Map.entry("GrantTacticalClearance", Action.SUPERVISE),
            Map.entry("SetSafeMinimum", Action.SUPERVISE),
            Map.entry("SetZoneCover", Action.SUPERVISE),
            // the escorting force consents: its supervisor gives or ends the agreement
            Map.entry("SetEscortAgreement", Action.SUPERVISE),
            Map.entry("AcceptAlert", Action.SUPERVISE),
            Map.entry("DismissAlert", Action.SUPERVISE),
            Map.entry("SetCrew", Action.SUPERVISE),
            Map.entry("WithdrawPeople", Action.SUPERVISE),
            Map.entry("ReturnPeople", Action.SUPERVISE),
            Map.entry("WithdrawUnits", Action.SUPERVISE),
            Map.entry("ReturnUnits", Action.SUPERVISE),
            Map.entry("RequestAid", Action.MUTUAL_AID),
            Map.entry("OpenAidRequest", Action.MUTUAL_AID),
            Map.entry("OfferAid", Action.MUTUAL_AID),
            Map.entry("DeclineAid", Action.MUTUAL_AID),
            Map.entry("AcceptOffer", Action.MUTUAL_AID),
            Map.entry("DeployAid", Action.MUTUAL_AID),
            Map.entry("ReleaseAid", Action.MUTUAL_AID),
            Map.entry("CloseAidRequest", Action.MUTUAL_AID),
            Map.entry("CancelAidRequest", Action.MUTUAL_AID),
            Map.entry("ExpireAidRequest", Action.MUTUAL_AID));

    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;

    public CommandGateway(MusterNode node, CurrentUser user, Visibility visibility) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
    }

    /** What the API answers for an accepted command. */
    public record Accepted(CommandId command, long lastSequence, boolean repeated, List<RecordedEvent> events) {}

    public static Action actionOf(Command command) {
        return ACTIONS.getOrDefault(command.getClass().getSimpleName(), Action.ADMINISTER);
    }

    /**
     * Checks and submits {@code command}; {@code key} is the client's idempotency key, so that a retry of
     * a request whose answer was lost is answered from the log instead of acting twice.
     */
    public Accepted submit(Command command, String reason, Optional<String> key) {
        MusterPrincipal p = user.require(actionOf(command));
        MusterState state = node.engine().state();
        Set<OrganisationId> acting = actingOrganisations(command, state, p);
        if (!acting.isEmpty()) {
            for (OrganisationId org : acting) {
                if (!p.actsFor(org)) throw new AccessRefused(p.name() + " does not act for organisation " + org);
            }
        } else if (!p.allOrganisations() && !sharedByAll(command, state)) {
            throw new AccessRefused(p.name() + " may not give a "
                    + command.getClass().getSimpleName() + " that belongs to no one organisation");
        }
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > 200))
            throw InvalidInputException.of("Idempotency-Key", key.get(), "must be 1 to 200 characters");
        // The key is the user's own: two users' equal keys are different commands.
        CommandId id = CommandId.of(key.map(k -> "api-"
                        + org.muster.server.security.Passwords.sha256(p.name() + "\n" + k)
                                .substring(0, 40))
                .orElseGet(() -> UUID.randomUUID().toString()));
        CommandResult r = node.engine().execute(new CommandEnvelope(id, p.actor(), reason, command));
        return new Accepted(id, r.lastSequence(), r.repeated(), r.events());
    }

    /**
     * Every organisation a command acts in. A bulk withdrawal or return acts in the organisation its selection
     * names and in those of the people or units it names one by one (all of which the user must act for); a
     * person or unit the user may not see is answered as if it did not exist. Any other command acts in one.
     */
    Set<OrganisationId> actingOrganisations(Command command, MusterState state, MusterPrincipal p) {
        return switch (command) {
            case Command.WithdrawPeople c -> selected(c.selection(), state, p);
            case Command.ReturnPeople c -> selected(c.selection(), state, p);
            case Command.WithdrawUnits c -> selected(c.selection(), state, p);
            case Command.ReturnUnits c -> selected(c.selection(), state, p);
            default -> actingOrganisation(command, state, p).map(Set::of).orElse(Set.of());
        };
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
            if (Visibility.viewer(p).canSee(unit)) return;
            if (Tasking.of(state, incident, node.rules()).allows(unit, a.role())) return;
            throw new NotFoundException("unit", unit.id().value());
        });
    }

    /**
     * The organisation a command acts in: the incident's for anything about an incident (so a dispatcher
     * may pair another service's unit with their call as an escort, the engine judging suitability), else
     * the first organisation the command names, else the unit's host or home, the zone's or the alert's.
     * A reference to something the user may not see is answered as if it did not exist.
     */
    Optional<OrganisationId> actingOrganisation(Command command, MusterState state, MusterPrincipal p) {
        List<Object> values = RecordValues.of(command);
        for (Object v : values) {
            if (v instanceof IncidentId id && state.findIncident(id).isPresent()) {
                var incident = state.getIncident(id);
                visibility.requireIncident(p, incident);
                if (command instanceof Command.AssignUnit a) requireTaskable(p, state, incident, a);
                return Optional.of(incident.organisation());
            }
        }
        for (Object v : values) {
            if (v instanceof OrganisationId org) return Optional.of(org);
        }
        for (Object v : values) {
            // a request's own steps (open, accept, deploy, release, close) are the requester's
            if (v instanceof AidRequestId id && state.findAidRequest(id).isPresent()) {
                var request = state.getAidRequest(id);
                visibility.requireRequest(p, request);
                return Optional.of(request.requester());
            }
        }
        for (Object v : values) {
            if (v instanceof UnitId id && state.findUnit(id).isPresent()) {
                var unit = state.getUnit(id);
                visibility.requireUnit(p, unit);
                return Optional.of(unit.workingFor());
            }
            if (v instanceof ZoneId id && state.findZone(id).isPresent())
                return Optional.of(state.getZone(id).organisation());
            if (v instanceof AlertId id && state.findAlert(id).isPresent()) {
                // an alert is decided by a supervisor of an organisation it is addressed to
                var alert = state.getAlert(id);
                visibility.requireAlert(p, alert);
                return alert.organisations().stream()
                        .filter(p::actsFor)
                        .findFirst()
                        .or(() -> alert.organisations().stream().findFirst());
            }
        }
        return Optional.empty();
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
