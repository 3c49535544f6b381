package org.muster.server.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.interop.eido.EidoDocument;
import org.muster.interop.eido.EidoWriter;
import org.muster.server.MusterNode;
import org.muster.server.security.AccessRefused;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents handed between control rooms as NENA EIDO documents: an incident out, seen under the same rules
 * as the incident itself; a document in, which creates the incident in the caller's organisation through
 * {@code CreateIncident}, keeping the sender's identifiers and the whole document beside it.
 */
@RestController
public class EidoController {
    /** A document is an incident with its parts, not a data set: a few hundred kilobytes at most. */
    private static final int MAX_DOCUMENT_CHARS = 1 << 20;

    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;
    private final Interchange interchange;

    public EidoController(
            MusterNode node,
            CurrentUser user,
            Visibility visibility,
            CommandGateway commands,
            Interchange interchange) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
        this.interchange = interchange;
    }

    /** The incident as an EIDO ({@code EmergencyIncidentDataObjectType}), open or finished. */
    @GetMapping(value = "/api/v1/incidents/{id}/eido", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> export(@PathVariable String id) {
        MusterPrincipal p = user.require(Action.READ);
        Incident incident = node.getIncident(IncidentId.of(id));
        visibility.requireIncident(p, incident);
        String doc = EidoWriter.write(interchange.eidoOf(incident), node.clock().instant());
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .body(doc);
    }

    /**
     * What importing a document did: the incident created, the sender's identifiers kept, and the command's
     * answer.
     */
    public record Imported(
            IncidentId incident, String sender, String senderIncident, CommandGateway.Accepted accepted) {}

    /**
     * Creates the incident a document describes in the receiving organisation: {@code organisation} when the
     * caller acts for several, else the caller's one. The incident type is the document's {@code
     * incidentTypeInternalCode} unless {@code type} names one of Muster's (a handover between agencies whose
     * catalogues differ); the priority its {@code incidentPriorityInternalText} when that is one of the
     * receiving agency's, else the receiving agency's priority of the same {@code
     * incidentCommonPriorityNumber}, else the type's default. A document that fails NENA's schema is refused
     * with every violation, and nothing is created.
     *
     * <p>A sender's incident is one call in each organisation that receives it: its id here is made from the
     * sender and the sender's incident ({@link EidoDocument#incidentIn}), as an EDXL-RM request's is from its
     * message, so a document of an incident received already (a retry, an update, a re-send after the call was
     * closed) is refused by the engine as an id in use, with nothing logged, and answered 409 naming the call.
     */
    @PostMapping(value = "/api/v1/eido", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Imported> importEido(
            @RequestBody String body,
            @RequestParam Optional<String> organisation,
            @RequestParam Optional<String> type,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        MusterPrincipal p = user.require(Action.TAKE_CALLS);
        Organisation receiver = receiver(p, organisation);
        if (body.length() > MAX_DOCUMENT_CHARS)
            throw InvalidInputException.of("body", body.length() + " characters", "must be at most 1 MiB");
        EidoDocument doc = interchange.eidoReader().read(body);
        var command = doc.createIncident(receiver, type, node.rules().catalogue());
        doc.requireNotReceivedBefore(receiver.id(), node.log().receivedIncidents(), node::findIncident);
        CommandGateway.Accepted accepted;
        try {
            accepted = commands.submit(command, "EIDO from " + doc.sender() + " (" + doc.senderIncident() + ")", key);
        } catch (ConflictException e) {
            // the id is the sender's incident's here: in use, it has been received (a retry under the first
            // request's key is answered from the log instead, as the first was)
            throw node.findIncident(command.id()).map(doc::receivedAlready).orElseThrow(() -> e);
        }
        IncidentId created = createdIncident(accepted.events()).orElse(command.id());
        node.log()
                .receivedIncidents()
                .save(new ReceivedIncident(
                        created,
                        EidoDocument.STANDARD,
                        doc.sender(),
                        doc.senderIncident(),
                        doc.json(),
                        node.clock().instant()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/incidents/" + created.value())
                .body(new Imported(created, doc.sender(), doc.senderIncident(), accepted));
    }

    private Organisation receiver(MusterPrincipal p, Optional<String> organisation) {
        var orgs = node.engine().state().organisations();
        if (organisation.isPresent()) {
            Organisation o = orgs.get(OrganisationId.of(organisation.get()));
            if (o == null)
                throw InvalidInputException.of("organisation", organisation.get(), "must be a registered organisation");
            if (!p.actsFor(o.id())) throw new AccessRefused(p.name() + " does not act for organisation " + o.id());
            return o;
        }
        List<Organisation> own = orgs.values().stream()
                .filter(o -> !p.allOrganisations() && p.actsFor(o.id()))
                .toList();
        if (own.size() != 1)
            throw InvalidInputException.of(
                    "organisation",
                    "",
                    "must name the receiving organisation: " + p.name() + " acts for "
                            + (p.allOrganisations() ? "all organisations" : p.organisations()));
        return own.getFirst();
    }

    private static Optional<IncidentId> createdIncident(List<RecordedEvent> events) {
        for (RecordedEvent e : events) {
            if (e.event() instanceof Event.IncidentCreated c)
                return Optional.of(c.incident().id());
        }
        return Optional.empty();
    }
}
