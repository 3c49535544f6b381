package org.muster.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.OfferId;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.state.MusterState;
import org.muster.interop.ReceivedIds;
import org.muster.interop.edxlrm.EdxlRm;
import org.muster.interop.edxlrm.EdxlRmReader;
import org.muster.interop.edxlrm.RmMessage;
import org.muster.server.MusterNode;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mutual aid as OASIS EDXL-RM 1.0 messages: a request's conversation out, for whoever may see the request;
 * one message in, recorded as the step it reports (a request, an offer or a decline, a commitment, a release),
 * taken by the organisation that sent it, received by one that is party to it.
 *
 * <p>A request or an offer keeps the id its Muster sender gave it ({@code urn:muster:WSP:aid:R1:request} is R1,
 * {@code urn:muster:ESP:aid:R1:offer:O1} is O1) in every service the conversation reaches: each then writes the
 * same message ids for it, so the messages one service sends find the request and its offers in the other, with
 * no table of references. A request or an offer from another system gets {@code RM-} and a digest of its
 * message's id, the same each time that message is named.
 */
@RestController
public class EdxlRmController {
    /** A message is one request and its units, never a data set. */
    private static final int MAX_MESSAGE_CHARS = 1 << 20;

    /** A message Muster wrote: {@code urn:muster:SENDER:aid:REQUEST:request}, {@code ...:offer:OFFER}, ... */
    private static final Pattern MUSTER_MESSAGE =
            Pattern.compile("urn:muster:([^:]+):aid:([^:]+):(request|offer:([^:]+)|.+)");

    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;
    private final Peers peers;

    public EdxlRmController(
            MusterNode node, CurrentUser user, Visibility visibility, CommandGateway commands, Peers peers) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
        this.peers = peers;
    }

    /** One message of the conversation, with its XML. */
    public record Message(EdxlRm.Kind kind, String messageId, Instant sent, String xml) {}

    public record Conversation(AidRequestId request, List<Message> messages) {}

    /** The request's messages, oldest first: seen by the request's parties and the coordinator. */
    @GetMapping("/api/v1/aid/requests/{id}/edxl-rm")
    public Conversation export(@PathVariable String id) {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        AidRequest r = state.getAidRequest(AidRequestId.of(id));
        visibility.requireRequest(p, r);
        return new Conversation(
                r.id(),
                EdxlRm.messages(r, state.organisations(), state.units()).stream()
                        .map(m -> new Message(m.kind(), m.messageId(), m.sent(), m.xml()))
                        .toList());
    }

    /**
     * What importing a message did: the request here it concerns and the commands it gave (a commitment is
     * two: the acceptance of the offer's units and their deployment).
     */
    public record Imported(
            EdxlRm.Kind kind, String messageId, AidRequestId request, List<CommandGateway.Accepted> accepted) {}

    /**
     * Records the step one EDXL-RM message reports, received by {@code organisation} (else the caller's one
     * organisation), which must be party to the request. A message that fails the schema is refused with every
     * violation, and nothing is recorded.
     */
    @PostMapping("/api/v1/aid/edxl-rm")
    public ResponseEntity<Imported> importMessage(
            @RequestBody String body,
            @RequestParam Optional<String> organisation,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        MusterPrincipal p = user.require(Action.MUTUAL_AID);
        if (body.length() > MAX_MESSAGE_CHARS)
            throw InvalidInputException.of("body", body.length() + " characters", "must be at most 1 MiB");
        OrganisationId receiver = receiver(p, organisation);
        RmMessage message = EdxlRmReader.read(body);
        MusterState state = node.engine().state();
        String reason = "EDXL-RM " + kindOf(message) + " " + message.messageId();
        List<CommandGateway.Accepted> accepted = new ArrayList<>();
        AidRequestId request = switch (message) {
            case RmMessage.Requested m -> {
                var command = requestOf(m, receiver, state);
                try {
                    accepted.add(commands.submitReceived(command, receiver, peers::holds, reason, key));
                } catch (org.muster.domain.ConflictException e) {
                    // its id is the sender's message's: in use, the request has been received already
                    throw node.engine()
                            .state()
                            .findAidRequest(command.id())
                            .map(r -> receivedAlready(m.messageId(), r))
                            .orElseThrow(() -> e);
                }
                yield command.id();
            }
            case RmMessage.Responded m -> {
                AidRequestId r = localRequest(m.originatingMessageId());
                OrganisationId from = organisation(m.responder(), "ContactInformation[RespondingOrg]", state);
                Command command = m.answer() == RmMessage.Answer.DECLINE
                        ? new Command.DeclineAid(r, from, m.reason())
                        : new Command.OfferAid(
                                localOffer(m.messageId()),
                                r,
                                from,
                                m.units(),
                                m.answer() != RmMessage.Answer.ACCEPT,
                                m.reason());
                accepted.add(commands.submitReceived(command, receiver, peers::holds, reason, key));
                yield r;
            }
            case RmMessage.Committed m -> {
                AidRequestId r = localRequest(m.originatingMessageId());
                OfferId offer = localOffer(m.precedingMessageId());
                accepted.add(commands.submitReceived(
                        new Command.AcceptOffer(r, offer, m.units()), receiver, peers::holds, reason, key));
                accepted.add(commands.submitReceived(
                        new Command.DeployAid(r, m.units()),
                        receiver,
                        peers::holds,
                        reason,
                        key.map(k -> k + ":deploy")));
                yield r;
            }
            case RmMessage.Released m -> {
                AidRequestId r = localRequest(m.originatingMessageId());
                accepted.add(commands.submitReceived(
                        new Command.ReleaseAid(r, m.units()), receiver, peers::holds, reason, key));
                yield r;
            }
        };
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/aid/requests/" + request.value())
                .body(new Imported(kindOf(message), message.messageId(), request, accepted));
    }

    /**
     * The refusal of a request message received already (a retry, a re-send), as EIDO refuses an incident received
     * twice: naming the message, what was allowed and the request it is, so that its parties answer that one.
     */
    static org.muster.domain.ConflictException receivedAlready(String messageId, AidRequest earlier) {
        return new org.muster.domain.ConflictException(org.muster.domain.Violation.of(
                        "MessageID", messageId, "must be a RequestResource message not received before")
                + ": it is " + earlier.requester() + "'s mutual aid request " + earlier.id() + ", "
                + earlier.status() + "; a message sent again is not another request: offer, decline or update"
                + " under that one");
    }

    private Command.RequestAid requestOf(RmMessage.Requested m, OrganisationId receiver, MusterState state) {
        OrganisationId requester = organisation(m.requester(), "ContactInformation[Requester]", state);
        TreeSet<OrganisationId> addressees = new TreeSet<>();
        addressees.add(receiver);
        for (RmMessage.Party party : m.responders())
            findOrganisation(party, state).ifPresent(addressees::add);
        addressees.remove(requester);
        return new Command.RequestAid(
                localRequest(m.messageId()),
                requester,
                m.need(),
                m.rendezvous(),
                m.reportBy(),
                m.duration(),
                m.reason(),
                m.priority(),
                Addressees.organisations(addressees),
                false);
    }

    /** The request a conversation is about, by the id of the message that started it. */
    static AidRequestId localRequest(String requestMessageId) {
        Matcher m = MUSTER_MESSAGE.matcher(requestMessageId);
        String id = m.matches() && m.group(3).equals("request") ? m.group(2) : localId(requestMessageId);
        return AidRequestId.of(isCode(id) ? id : localId(requestMessageId));
    }

    /** The offer an answer made, by the answer's message id. */
    static OfferId localOffer(String offerMessageId) {
        Matcher m = MUSTER_MESSAGE.matcher(offerMessageId);
        String id = m.matches() && m.group(4) != null ? m.group(4) : localId(offerMessageId);
        return OfferId.of(isCode(id) ? id : localId(offerMessageId));
    }

    /** One rule with the EIDO import's: {@link ReceivedIds}. */
    private static String localId(String messageId) {
        return ReceivedIds.of("RM", messageId);
    }

    /** Whether an id a message names may be taken as it is: one from elsewhere may be anything. */
    private static boolean isCode(String id) {
        try {
            AidRequestId.of(id);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static OrganisationId organisation(RmMessage.Party party, String field, MusterState state) {
        return findOrganisation(party, state)
                .orElseThrow(() -> InvalidInputException.of(
                        field,
                        party.organisation().orElse(party.name()),
                        "must name an organisation registered here, by its identifier urn:muster:ID or its name"));
    }

    private static Optional<OrganisationId> findOrganisation(RmMessage.Party party, MusterState state) {
        if (party.organisation().isPresent()) {
            Organisation o = state.organisations()
                    .get(OrganisationId.of(party.organisation().get()));
            if (o != null) return Optional.of(o.id());
        }
        return state.organisations().values().stream()
                .filter(o -> o.name().equalsIgnoreCase(party.name()))
                .map(Organisation::id)
                .findFirst();
    }

    private OrganisationId receiver(MusterPrincipal p, Optional<String> organisation) {
        var orgs = node.engine().state().organisations();
        if (organisation.isPresent()) {
            Organisation o = orgs.get(OrganisationId.of(organisation.get()));
            if (o == null)
                throw InvalidInputException.of("organisation", organisation.get(), "must be a registered organisation");
            return o.id();
        }
        List<OrganisationId> own = orgs.keySet().stream()
                .filter(o -> !p.allOrganisations() && p.actsFor(o))
                .toList();
        if (own.size() != 1)
            throw InvalidInputException.of(
                    "organisation",
                    "",
                    "must name the receiving organisation: " + p.name() + " acts for "
                            + (p.allOrganisations() ? "all organisations" : p.organisations()));
        return own.getFirst();
    }

    private static EdxlRm.Kind kindOf(RmMessage m) {
        return switch (m) {
            case RmMessage.Requested r -> EdxlRm.Kind.RequestResource;
            case RmMessage.Responded r -> EdxlRm.Kind.ResponseToRequestResource;
            case RmMessage.Committed r -> EdxlRm.Kind.CommitResource;
            case RmMessage.Released r -> EdxlRm.Kind.ReleaseResource;
        };
    }
}
