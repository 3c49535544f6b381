package org.muster.engine.rules;

import org.muster.domain.NotFoundException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;

/**
 * Incidents handed over to another service: the sender's record of what the receiver answered, each a line of
 * the incident's timeline, which is where a control room reads an incident's story. The incident stays the
 * sender's whatever the answer.
 */
final class Handovers {
    private Handovers() {}

    static void record(Draft d, Command.RecordHandover c) {
        Incident i = d.state().getIncident(c.incident());
        d.add(new Event.IncidentHandedOver(i.id(), c.peer(), c.receiver(), c.receiverIncident(), c.acknowledgedAt()));
    }

    static void refused(Draft d, Command.RecordHandoverRefused c) {
        Incident i = d.state().getIncident(c.incident());
        d.add(new Event.HandoverRefused(i.id(), c.peer(), c.receiver(), c.reason()));
    }

    /** A status of a copy the incident was never handed over as is answered as a copy that does not exist. */
    static void status(Draft d, Command.RecordHandoverStatus c) {
        Incident i = d.state().getIncident(c.incident());
        String acknowledged = handedOver(c.receiver(), c.receiverIncident()) + " via ";
        if (i.timeline().stream().noneMatch(t -> t.what().startsWith(acknowledged)))
            throw new NotFoundException(
                    "handover of incident " + i.id() + " to " + c.receiver(),
                    c.receiverIncident().value());
        d.add(new Event.HandoverStatusReported(i.id(), c.receiver(), c.receiverIncident(), c.status(), c.at()));
    }

    static String acknowledged(Event.IncidentHandedOver e) {
        return handedOver(e.receiver(), e.receiverIncident()) + " via " + e.peer() + ", acknowledged at "
                + e.acknowledgedAt();
    }

    static String refused(Event.HandoverRefused e) {
        return "handover to " + e.receiver() + " via " + e.peer() + " refused: " + e.reason();
    }

    static String status(Event.HandoverStatusReported e) {
        return e.receiver() + " " + e.receiverIncident() + " " + e.status() + " at " + e.at() + " (as " + e.receiver()
                + " reported)";
    }

    private static String handedOver(OrganisationId receiver, IncidentId receiverIncident) {
        return "handed over to " + receiver + " as " + receiverIncident;
    }
}
