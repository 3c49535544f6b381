package org.muster.interop.eido;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.function.Function;
import org.muster.domain.Check;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.Violation;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.incident.ReceivedIncidents;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.interop.ReceivedIds;

/**
 * What Muster reads of an EIDO that validates: the sender's identifiers and the parts of the incident it
 * models. The rest stays in {@code json}, to be kept with the incident.
 *
 * @param sender the document's {@code issuingElementIdentification}
 * @param senderIncident the sender's incident component's {@code $id}, or the document's without one
 * @param senderIncidentField the field {@code senderIncident} was read from: {@code incidentComponent.$id}, or
 *     {@code $id}
 * @param type the incident component's {@code incidentTypeInternalCode}
 * @param priority its {@code incidentPriorityInternalText}
 * @param urgency its {@code incidentCommonPriorityNumber}
 * @param location the first GML position of the incident's location (or of any location, when the
 *     incident names none)
 * @param description the text of the incident's first note, or of the first note
 * @param hazards the cautions whose internal text names one of Muster's hazards
 * @param json the document as received
 */
public record EidoDocument(
        String sender,
        String senderIncident,
        String senderIncidentField,
        Optional<String> type,
        Optional<String> priority,
        OptionalInt urgency,
        Optional<GeoPoint> location,
        String description,
        SortedSet<Hazard> hazards,
        String json) {
    /** The standard a received incident's document is kept as ({@link ReceivedIncident#standard()}). */
    public static final String STANDARD = "EIDO";

    public EidoDocument {
        Check.present("sender", sender);
        Check.present("senderIncident", senderIncident);
        Check.present("senderIncidentField", senderIncidentField);
        Check.present("type", type);
        Check.present("priority", priority);
        Check.present("urgency", urgency);
        Check.present("location", location);
        Check.present("description", description);
        hazards = Sorted.setOf(Check.present("hazards", hazards));
        Check.present("json", json);
    }

    /**
     * The id of the incident this document becomes in {@code receiver}, the same each time the sender's incident
     * comes in (see {@link ReceivedIds}): the sender ({@code issuingElementIdentification}) and its incident's
     * {@code $id}, which NENA has globally unique, make one call in each organisation that receives it. A second
     * document of it, live or finished, finds the id in use and is refused.
     */
    public IncidentId incidentIn(OrganisationId receiver) {
        return IncidentId.of(ReceivedIds.of(STANDARD, receiver.value(), sender, senderIncident));
    }

    /**
     * Refuses this document when {@code receiver} took its incident in before its id was made from the sender's
     * incident ({@link #incidentIn}): such an incident has an {@code I-...} id the engine cannot know it by, and
     * is found by the sender's reference in {@code received}. An incident under the {@link #incidentIn} id is
     * left to the engine, which refuses it as an id in use, or answers a retry under the first request's key as
     * the first.
     *
     * @param incidents the incident of an id, live or finished
     * @throws ConflictException {@link #receivedAlready} of the incident found
     */
    public void requireNotReceivedBefore(
            OrganisationId receiver, ReceivedIncidents received, Function<IncidentId, Optional<Incident>> incidents) {
        IncidentId now = incidentIn(receiver);
        for (ReceivedIncident r : received.findBySender(STANDARD, sender, senderIncident)) {
            if (r.incident().equals(now)) continue;
            Optional<Incident> earlier =
                    incidents.apply(r.incident()).filter(i -> i.organisation().equals(receiver));
            if (earlier.isPresent()) throw receivedAlready(earlier.get());
        }
    }

    /**
     * The refusal of this document when its incident has been received already, as {@code earlier}: naming the
     * field, the sender's incident, what was allowed and the call it is (or was), so that a dispatcher goes to
     * that call rather than taking a second one.
     */
    public ConflictException receivedAlready(Incident earlier) {
        String is = earlier.isOpen() ? "it is " : "it was ";
        String then = earlier.isOpen()
                ? "; a document of it sent again (a retry, an update) is not another call: add what is new to "
                        + earlier.id()
                : "; a document of it sent again is not another call, also once that call is finished: a new call is"
                        + " taken as one";
        return new ConflictException(Violation.of(
                        senderIncidentField,
                        senderIncident,
                        "must be an incident " + earlier.organisation() + " has not received from " + sender
                                + " (issuingElementIdentification)")
                + ": " + is + earlier.organisation() + "'s incident " + earlier.id() + ", "
                + earlier.status() + then);
    }

    /**
     * The command that creates the incident this document describes in the receiving organisation, under {@link
     * #incidentIn its id there}. The type
     * is {@code type} when given (a handover between agencies whose catalogues differ), else the document's
     * {@code incidentTypeInternalCode}; the priority the document's {@code incidentPriorityInternalText}
     * when that is one of the receiving agency's, else the receiving agency's priority of the same {@code
     * incidentCommonPriorityNumber}, else the type's default.
     *
     * @throws InvalidInputException when the type is missing or not in the catalogue, or the document gives
     *     no location by value
     */
    public Command.CreateIncident createIncident(
            Organisation receiver, Optional<String> type, IncidentTypeCatalogue catalogue) {
        String code = type.or(this::type)
                .orElseThrow(() -> InvalidInputException.of(
                        "incidentComponent.incidentTypeInternalCode",
                        "",
                        "must name one of Muster's incident types, or the type parameter must"));
        String field = type.isPresent() ? "type" : "incidentComponent.incidentTypeInternalCode";
        Optional<IncidentTypeCode> known;
        try {
            known = Optional.of(IncidentTypeCode.of(code))
                    .filter(t -> catalogue.findType(t).isPresent());
        } catch (InvalidInputException e) {
            known = Optional.empty();
        }
        if (known.isEmpty())
            throw InvalidInputException.of(
                    field,
                    code,
                    "must be one of Muster's incident types (GET /api/v1/incident-types); name one in"
                            + " the type parameter");
        GeoPoint at = location.orElseThrow(() -> InvalidInputException.of(
                "locationComponent",
                "no gml:pos",
                "must hold the incident's location by value: a PIDF-LO with a GML position"));
        return new Command.CreateIncident(
                incidentIn(receiver.id()),
                receiver.id(),
                known.get(),
                priorityFor(receiver.agency()),
                at,
                description,
                hazards);
    }

    /** The receiving agency's priority for this document: see {@link #createIncident}. */
    public Optional<Priority> priorityFor(Agency agency) {
        for (Priority p : Priority.values()) {
            if (priority.filter(p.name()::equalsIgnoreCase).isPresent() && p.appliesTo(agency)) return Optional.of(p);
        }
        if (urgency.isEmpty()) return Optional.empty();
        for (Priority p : Priority.values()) {
            if (p.appliesTo(agency) && p.urgency() == urgency.getAsInt()) return Optional.of(p);
        }
        return Optional.empty();
    }
}
