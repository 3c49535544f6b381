package org.muster.server.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.engine.CommandResult;
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
        Optional<OrganisationId> acting = actingOrganisation(command, state, p);
        if (acting.isPresent()) {
            if (!p.actsFor(acting.get()))
                throw new AccessRefused(p.name() + " does not act for organisation " + acting.get());
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
                var alert = state.getAlert(id);
                return alert.proposedZone().flatMap(state::findZone).map(z -> z.organisation());
            }
        }
        return Optional.empty();
    }

    /** An alert about no zone (a surge across an organisation's area, say) is any supervisor's to decide. */
    private static boolean sharedByAll(Command command, MusterState state) {
        return switch (command) {
            case Command.AcceptAlert a -> true;
            case Command.DismissAlert d -> true;
            default -> false;
        };
    }
}
