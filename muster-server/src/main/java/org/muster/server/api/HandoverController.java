package org.muster.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.TransientException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.interop.eido.EidoWriter;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.server.security.AccessRefused;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Between two control rooms: an incident handed over to another Muster service (a peer, {@code muster.peers}) as
 * an EIDO over HTTP, the receiver's acknowledgement recorded on the incident, and the receiver's later statuses of
 * its copy taken in. The incident stays the sender's: a handover shares the call, it does not give it away.
 */
@RestController
public class HandoverController {
    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;
    private final Interchange interchange;
    private final Peers peers;

    public HandoverController(
            MusterNode node,
            CurrentUser user,
            Visibility visibility,
            CommandGateway commands,
            Interchange interchange,
            Peers peers) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
        this.interchange = interchange;
        this.peers = peers;
    }

    /**
     * @param peer the receiving service, by its name in {@code muster.peers}
     * @param organisation the organisation there that is to take the incident
     * @param type the receiver's incident type, when the sender's is not one of the receiving agency's
     */
    public record HandoverRequest(String peer, OrganisationId organisation, Optional<String> type) {}

    /** The receiver's acknowledgement: its copy, and the command that recorded it here. */
    public record Handover(
            IncidentId incident,
            String peer,
            OrganisationId receiver,
            IncidentId receiverIncident,
            Instant acknowledgedAt,
            CommandGateway.Accepted accepted) {}

    /** A service this one hands calls over to: its name and the organisations it holds (not its address or token). */
    public record PeerView(String name, List<String> organisations) {}

    public record PeerList(List<PeerView> peers) {}

    /** The peers a dispatcher may hand a call over to, for the incident panel's "Hand over"; none when alone. */
    @GetMapping("/api/v1/peers")
    public PeerList peers() {
        user.require(Action.READ);
        return new PeerList(peers.organisationsByPeer().entrySet().stream()
                .map(e -> new PeerView(e.getKey(), e.getValue()))
                .toList());
    }

    /**
     * Hands the incident over: its EIDO to the peer's import, for {@code organisation} there. Acknowledged, the
     * receiver's incident id is recorded on the incident ({@code IncidentHandedOver}); refused, or not answered,
     * that is recorded instead ({@code HandoverRefused}) and the caller hears why: 409 with what the receiver
     * said, or 503 when it did not answer. Needs the {@code DISPATCH} action in the incident's organisation.
     */
    @PostMapping("/api/v1/incidents/{id}/handover")
    public ResponseEntity<Handover> handOver(
            @PathVariable String id,
            @RequestBody HandoverRequest body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        MusterPrincipal p = user.require(Action.DISPATCH);
        Incident incident = node.getIncident(IncidentId.of(id));
        visibility.requireIncident(p, incident);
        if (!p.actsFor(incident.organisation()))
            throw new AccessRefused(p.name() + " does not act for organisation " + incident.organisation());
        if (body.organisation() == null)
            throw InvalidInputException.of("organisation", "", "must name the organisation that is to take it");
        MusterProperties.Peer peer = peers.get(body.peer() == null ? "" : body.peer());
        if (!peer.organisations().contains(body.organisation().value()))
            throw InvalidInputException.of(
                    "organisation",
                    body.organisation(),
                    "must be one that peer " + body.peer() + " holds: " + peer.organisations());
        // a standby could send the document but not record the answer: the receiver would hold a copy the sender
        // never heard of
        if (!node.isWriter())
            throw new TransientException(
                    "this node stands by and records nothing: hand " + incident.id() + " over on the writer node");
        Instant now = node.clock().instant();
        String eido = EidoWriter.write(interchange.eidoOf(incident), now);
        Peers.Answer answer = peers.handOver(
                peer,
                body.organisation(),
                body.type() == null ? Optional.empty() : body.type(),
                eido,
                key.map(k -> "handover:" + incident.organisation() + ":" + incident.id() + ":" + k));
        String reason = "handover to " + body.organisation() + " via " + body.peer();
        return switch (answer) {
            case Peers.Answer.Acknowledged a -> {
                Instant at = node.clock().instant();
                CommandGateway.Accepted accepted = commands.submit(
                        new Command.RecordHandover(incident.id(), body.peer(), body.organisation(), a.incident(), at),
                        reason,
                        key);
                yield ResponseEntity.status(HttpStatus.CREATED)
                        .body(new Handover(
                                incident.id(), body.peer(), body.organisation(), a.incident(), at, accepted));
            }
            case Peers.Answer.Refused r -> {
                String why = body.organisation() + " refused it (HTTP " + r.status() + "): " + r.problem();
                refused(incident, body, why, key);
                throw new ConflictException(
                        "the handover of " + incident.id() + " to " + body.organisation() + " via " + body.peer()
                                + " was refused; the incident stays with " + incident.organisation() + ". " + why);
            }
            case Peers.Answer.Unreachable u -> {
                refused(incident, body, u.why(), key);
                throw new TransientException("the handover of " + incident.id() + " to " + body.organisation()
                        + " via " + body.peer() + " failed: " + u.why() + "; the incident stays with "
                        + incident.organisation() + ". Try again when the peer answers.");
            }
        };
    }

    /**
     * Records the refusal on the incident. What the receiver said can be longer than a command's text (a list of
     * its types, say): the log keeps its first part, the caller hears it whole.
     */
    private void refused(Incident incident, HandoverRequest body, String why, Optional<String> key) {
        String kept = why.length() > Check.MAX_TEXT ? why.substring(0, Check.MAX_TEXT - 3) + "..." : why;
        commands.submit(
                new Command.RecordHandoverRefused(incident.id(), body.peer(), body.organisation(), kept),
                "handover to " + body.organisation() + " via " + body.peer(),
                key.map(k -> k + ":refused"));
    }

    /**
     * A status of the receiver's copy of an incident handed over from here, as the receiving service reports it
     * with the token this service issued to it (a call handler's of the incident's organisation). A status of a
     * copy the incident was never handed over as is refused as not found.
     */
    @PostMapping("/api/v1/incidents/{id}/handover/status")
    public CommandGateway.Accepted status(
            @PathVariable String id,
            @RequestBody Peers.StatusReport body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.RecordHandoverStatus(
                        IncidentId.of(id), body.organisation(), body.incident(), body.status(), body.at()),
                body.organisation() + " reported " + body.incident() + " " + body.status(),
                key);
    }
}
