package org.muster.engine.rules;

import java.util.Optional;
import java.util.Set;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;

/** Committing units to incidents and letting them go again, with the incident's status kept in step. */
final class Dispatching {
    private Dispatching() {}

    static void assign(Draft d, Command.AssignUnit c, Rules rules) {
        Incident incident = d.state().getIncident(c.incident());
        Unit unit = d.state().getUnit(c.unit());
        if (!incident.isOpen()) throw new ConflictException("incident " + incident.id() + " is " + incident.status());
        // the one rule the recommender also follows: what it proposes, dispatch accepts
        Tasking.of(d.state(), incident, rules).refusal(unit, c.role()).ifPresent(why -> {
            throw InvalidInputException.of("unit", unit.id(), why);
        });
        if (incident.findAssignment(unit.id()).isPresent()) {
            throw new ConflictException(unit.callsign() + " is already assigned to incident " + incident.id());
        }
        Optional<Incident> current = d.state().findIncidentOf(unit.id());
        if (current.isPresent()
                && Set.of(UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.AT_RENDEZVOUS)
                        .contains(unit.status())) {
            Incident from = current.get();
            if (!rules.dispatch().allowsDiversion(incident.priority(), from.priority())) {
                throw new ConflictException(
                        unit.callsign() + " is " + unit.status() + " to incident " + from.id() + " (" + from.priority()
                                + "); "
                                + (rules.dispatch().diversion()
                                        ? "only a more urgent incident of the highest priority may divert it, and "
                                                + incident.id() + " is " + incident.priority()
                                        : "diversion is off: a unit finishes the call it was sent to"));
            }
            detach(d, from.id(), unit.id());
        } else if (!unit.status().canMoveTo(UnitStatus.DISPATCHED)) {
            // said with the unit and the call: "a unit cannot go from ON_SCENE" named neither
            throw new ConflictException(unit.callsign() + " cannot be sent to incident " + incident.id() + ": it is "
                    + unit.status() + ", and from " + unit.status() + " a unit may go to "
                    + unit.status().allowedNext());
        }
        d.add(Decider.statusChange(d.state().getUnit(unit.id()), UnitStatus.DISPATCHED, Optional.empty()));
        d.add(new Event.UnitAssigned(incident.id(), unit.id(), c.role()));
        // held by a mutual aid request but not lent yet: its home's to task; the request gives way
        MutualAid.taskedByHome(d, unit.id(), incident, rules);
        if (Set.of(IncidentStatus.OPEN, IncidentStatus.WAITING).contains(incident.status())) {
            d.add(new Event.IncidentStatusChanged(incident.id(), incident.status(), IncidentStatus.ASSIGNED));
        }
    }

    /**
     * Takes the unit off the incident and makes it available (or unavailable for {@code reason}) where its
     * status allows; a unit still conveying a patient is only detached.
     */
    static void release(Draft d, IncidentId incident, UnitId unit, Rules rules, Optional<UnavailableReason> reason) {
        detach(d, incident, unit);
        Unit u = d.state().getUnit(unit);
        UnitStatus to = reason.isPresent() ? UnitStatus.UNAVAILABLE : UnitStatus.AVAILABLE;
        if (u.status().canMoveTo(to)) {
            d.add(Decider.statusChange(u, to, reason));
            Crewing.reconcile(d, Set.of(unit), rules);
        }
    }

    /**
     * Removes the assignment and moves the incident on: with no unit left, one that had units on scene is
     * closed (the job is done) and one whose units never arrived goes back to waiting.
     */
    static void detach(Draft d, IncidentId incidentId, UnitId unit) {
        d.add(new Event.UnitReleased(incidentId, unit));
        Incident incident = d.state().getIncident(incidentId);
        if (!incident.assignments().isEmpty() || !incident.isOpen()) return;
        IncidentStatus next =
                incident.status() == IncidentStatus.ON_SCENE ? IncidentStatus.CLOSED : IncidentStatus.WAITING;
        if (incident.status().canMoveTo(next))
            d.add(new Event.IncidentStatusChanged(incidentId, incident.status(), next));
    }

    /** Closes or cancels an incident, standing down every unit still on it. */
    static void finish(Draft d, IncidentId incidentId, IncidentStatus target, Rules rules) {
        Incident incident = d.state().getIncident(incidentId);
        incident.status().checkMoveTo(target);
        for (Assignment a : incident.assignments()) {
            d.add(new Event.UnitReleased(incidentId, a.unit()));
            Unit u = d.state().getUnit(a.unit());
            if (u.status().canMoveTo(UnitStatus.AVAILABLE)) {
                d.add(Decider.statusChange(u, UnitStatus.AVAILABLE, Optional.empty()));
                Crewing.reconcile(d, Set.of(u.id()), rules);
            }
        }
        d.add(new Event.IncidentStatusChanged(incidentId, incident.status(), target));
    }
}
