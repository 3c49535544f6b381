package org.muster.engine.rules;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Incident;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;

/**
 * The one rule of which status a unit may be set to now, by a {@code ChangeUnitStatus}: the decider refuses a
 * change by it, and the API lists by it the statuses a dashboard offers for each unit, so that what is offered
 * is accepted. Beyond the transition table ({@link UnitStatus#allowedNext()}) it asks what the unit is and
 * where it stands:
 *
 * <ul>
 *   <li>only a unit whose vehicle conveys patients is TRANSPORTING (and so ever AT_HOSPITAL): a police car or a
 *       fire appliance is not;
 *   <li>an AVAILABLE unit goes EN_ROUTE only when mutual aid deploys it, and DISPATCHED only when assigned, never
 *       by a status change;
 *   <li>AT_RENDEZVOUS only with a rendezvous point to wait at: sent to a call in a closed zone, or lent;
 *   <li>ON_SCENE only on a call, and not while it awaits tactical clearance (nor EN_ROUTE from the rendezvous
 *       point then);
 *   <li>back to AVAILABLE from UNAVAILABLE only with a crew that makes it roadworthy.
 * </ul>
 *
 * A hospital named with the change is the decider's own question: it is no part of the status.
 */
public final class StatusChanges {
    private StatusChanges() {}

    /** The order of a job's life, a crew's next step first: en route before on scene, free again last. */
    private static final List<UnitStatus> JOB_ORDER = List.of(
            UnitStatus.DISPATCHED,
            UnitStatus.EN_ROUTE,
            UnitStatus.AT_RENDEZVOUS,
            UnitStatus.ON_SCENE,
            UnitStatus.TRANSPORTING,
            UnitStatus.AT_HOSPITAL,
            UnitStatus.RETURNING,
            UnitStatus.AVAILABLE,
            UnitStatus.UNAVAILABLE);

    /** Every status {@code unit} may be set to now, in the order of a job's life: what a dashboard offers. */
    public static List<UnitStatus> listOpenTo(MusterState state, Unit unit, CrewingRules crewing) {
        return JOB_ORDER.stream()
                .filter(to -> refusal(state, unit, to, crewing).isEmpty())
                .toList();
    }

    /** Throws what the decider answers when {@code unit} may not be set to {@code to} now, saying why. */
    public static void check(MusterState state, Unit unit, UnitStatus to, CrewingRules crewing) {
        Optional<Supplier<RuntimeException>> refused = refusal(state, unit, to, crewing);
        if (refused.isPresent()) throw refused.get().get();
    }

    /**
     * Why the change is refused, as the exception to throw (made only when it is thrown: the listing asks every
     * status of every unit); empty when it is allowed.
     */
    private static Optional<Supplier<RuntimeException>> refusal(
            MusterState state, Unit unit, UnitStatus to, CrewingRules crewing) {
        if (!unit.status().canMoveTo(to))
            return conflict(() -> unit.callsign() + " cannot go from " + unit.status() + " to " + to + "; from "
                    + unit.status() + " " + unit.callsign() + " may go to " + listOpenTo(state, unit, crewing));
        Optional<Incident> incident = state.findIncidentOf(unit.id());
        return switch (to) {
            case DISPATCHED ->
                // the command's own check refuses it first; a dispatch is an assignment, not a status
                conflict(() -> unit.callsign() + " is DISPATCHED by assigning it to an incident, not by its status");
            case EN_ROUTE -> {
                if (unit.status() == UnitStatus.AVAILABLE)
                    yield conflict(() -> unit.callsign() + " is AVAILABLE and has nowhere to go: assign it"
                            + " to an incident, or deploy it under mutual aid");
                if (unit.status() == UnitStatus.AT_RENDEZVOUS) yield awaitingClearance(unit, incident);
                yield Optional.empty();
            }
            case AT_RENDEZVOUS -> {
                // a rendezvous point exists for a call in a closed zone, or for a unit lent under mutual aid
                boolean hasRendezvous =
                        incident.map(i -> i.clearance() != Clearance.NOT_NEEDED).orElse(unit.isLent());
                yield hasRendezvous
                        ? Optional.empty()
                        : conflict(() -> unit.callsign() + " has no rendezvous point to wait at: it is"
                                + " neither sent to an incident in a closed zone nor lent under mutual aid");
            }
            case ON_SCENE -> {
                if (incident.isEmpty()) yield conflict(() -> unit.callsign() + " is not assigned to an incident");
                yield awaitingClearance(unit, incident);
            }
            case TRANSPORTING ->
                unit.type().conveysPatients()
                        ? Optional.empty()
                        : Optional.of(() -> InvalidInputException.of(
                                "status",
                                UnitStatus.TRANSPORTING,
                                "is only for a unit that conveys patients, of type " + UnitType.listConveying() + "; "
                                        + unit.callsign() + " is a " + unit.type()));
            case AVAILABLE -> {
                if (unit.status() == UnitStatus.UNAVAILABLE && !crewing.isRoadworthy(unit.type(), state.crewOf(unit)))
                    yield conflict(() -> unit.callsign() + " cannot be AVAILABLE: its crew lacks "
                            + crewing.shortfall(unit.type(), state.crewOf(unit)));
                yield Optional.empty();
            }
            case AT_HOSPITAL, RETURNING, UNAVAILABLE -> Optional.empty();
        };
    }

    private static Optional<Supplier<RuntimeException>> awaitingClearance(Unit unit, Optional<Incident> incident) {
        if (incident.map(i -> i.clearance() == Clearance.AWAITING).orElse(false))
            return conflict(() -> "incident " + incident.get().id() + " is awaiting tactical clearance; "
                    + unit.callsign() + " waits at the rendezvous point");
        return Optional.empty();
    }

    private static Optional<Supplier<RuntimeException>> conflict(Supplier<String> message) {
        return Optional.of(() -> new ConflictException(message.get()));
    }
}
