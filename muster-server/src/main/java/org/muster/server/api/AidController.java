package org.muster.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.OfferId;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.engine.aid.AidHours;
import org.muster.engine.aid.AidSuggester;
import org.muster.engine.aid.AidSuggestions;
import org.muster.server.MusterNode;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mutual aid: requests and their offers, declines, acceptance, deployment and release; suggestions of who
 * could help; the hours lent for cost recovery. A request is seen by its parties and the coordinator.
 */
@RestController
@RequestMapping("/api/v1/aid")
public class AidController {
    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;

    public AidController(MusterNode node, CurrentUser user, Visibility visibility, CommandGateway commands) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
    }

    /**
     * @param callsigns the callsigns of the units offered, accepted or lent under these requests
     * @param declinedByAllAsked those of them every organisation they named has declined: referred to the
     *     national coordinator, who may broker them for any organisation ({@link AidRequest#mayAnswer})
     */
    public record RequestList(
            long sequence,
            List<AidRequest> requests,
            java.util.SortedMap<UnitId, org.muster.domain.unit.Callsign> callsigns,
            SortedSet<AidRequestId> declinedByAllAsked) {}

    /** A new request; opened at once unless {@code draft}. */
    public record NewRequest(
            Optional<AidRequestId> id,
            OrganisationId requester,
            AidNeed need,
            GeoPoint rendezvous,
            Instant reportBy,
            Duration duration,
            String reason,
            AidPriority priority,
            Addressees addressees,
            Optional<Boolean> draft) {}

    public record NewOffer(
            Optional<OfferId> id,
            OrganisationId offerer,
            SortedSet<UnitId> units,
            Optional<Boolean> provisional,
            Optional<String> note) {}

    public record NewDecline(OrganisationId organisation, String reason) {}

    /** Units of an offer or request; for acceptance, none means every unit offered. */
    public record Units(Optional<SortedSet<UnitId>> units, Optional<String> reason) {}

    @GetMapping("/requests")
    public RequestList list(@RequestParam(defaultValue = "false") boolean all) {
        MusterPrincipal p = user.require(Action.READ);
        var state = node.engine().state();
        var viewer = Visibility.viewer(p);
        List<AidRequest> out = (all ? state.listAidRequests() : state.listOpenAidRequests())
                .stream().filter(viewer::canSee).toList();
        return new RequestList(
                state.sequence(),
                out,
                Callsigns.of(
                        state, out.stream().flatMap(r -> r.offers().stream().flatMap(o -> o.units().stream()))),
                out.stream()
                        .filter(AidRequest::isDeclinedByAllAsked)
                        .map(AidRequest::id)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @GetMapping("/requests/{id}")
    public AidRequest get(@PathVariable String id) {
        return visible(id);
    }

    /**
     * Who could help, ranked: spare suitable units above their own safe minimums, travel time, coverage lost.
     * The requester's users and the coordinator see every organisation's line; an addressee only its own.
     */
    @GetMapping("/requests/{id}/suggestions")
    public AidSuggestions suggestions(@PathVariable String id) {
        AidRequest r = visible(id);
        AidSuggestions all = suggester().suggest(node.engine().state(), r.id());
        MusterPrincipal p = user.require(Action.READ);
        if (p.actsFor(r.requester())) return all;
        // an addressee weighs what it could offer itself; the other organisations' spare units are theirs and
        // the requester's to know (the requester and the coordinator see every line)
        return new AidSuggestions(
                all.request(),
                all.sequence(),
                all.stillNeeded(),
                all.byRoad(),
                all.suggestions().stream()
                        .filter(x -> p.actsFor(x.organisation()))
                        .toList(),
                all.notes());
    }

    /**
     * Who could help with a request not made yet, as the request form is filled in: the same ranking as
     * {@link #suggestions} for a draft of this need and rendezvous point, which is not recorded. The draft
     * goes to the national coordinator, so every organisation is weighed.
     */
    @GetMapping("/suggestions")
    public AidSuggestions preview(
            @RequestParam String requester,
            @RequestParam Optional<UnitType> unitType,
            @RequestParam Optional<Skill> skill,
            @RequestParam(defaultValue = "1") int count,
            @RequestParam double lat,
            @RequestParam double lon) {
        MusterPrincipal p = user.require(Action.MUTUAL_AID);
        var state = node.engine().state();
        OrganisationId org = state.getOrganisation(OrganisationId.of(requester)).id();
        if (!p.actsFor(org)) throw new AccessRefused(p.name() + " does not act for organisation " + org);
        // a rendezvous point the request would be refused for is refused here too, by the same rule
        GeoPoint rendezvous = new GeoPoint(lat, lon);
        node.rules().locations().check("rendezvous", rendezvous);
        Instant now = node.clock().instant();
        AidRequest draft = new AidRequest(
                AidRequestId.of("PREVIEW"),
                org,
                new AidNeed(unitType, skill, count, new TreeSet<>()),
                rendezvous,
                now.plus(Duration.ofHours(1)),
                Duration.ofHours(1),
                "preview of a request not yet made",
                AidPriority.URGENT,
                Addressees.coordinator(),
                AidRequestStatus.DRAFT,
                List.of(),
                List.of(),
                List.of(),
                now,
                now);
        return suggester().suggest(state.withAidRequest(draft), draft.id());
    }

    private AidSuggester suggester() {
        AidSuggester suggester = new AidSuggester(node.rules());
        if (node.roads().isPresent())
            suggester = suggester.withRoads(node.roads().get());
        if (node.coverage().isPresent())
            suggester = suggester.withCoverage(node.coverage().get());
        return suggester;
    }

    /**
     * Hours lent per unit, request and pair of organisations, as far as the user may see: unit-hours beside
     * officer-hours with the journeys there and back (home by road when the node has roads).
     */
    @GetMapping("/hours")
    public AidHours.Report hours() {
        MusterPrincipal p = user.require(Action.READ);
        AidHours hours = AidHours.of(node.roads());
        return hours.reportVisibleTo(
                node.engine().state(), Visibility.viewer(p), node.clock().instant());
    }

    /** One request's hours, unit-hours beside officer-hours, for those who may see the request. */
    @GetMapping("/requests/{id}/hours")
    public AidHours.Report requestHours(@PathVariable String id) {
        AidRequest r = visible(id);
        AidHours hours = AidHours.of(node.roads());
        return hours.report(node.engine().state(), r.id(), node.clock().instant());
    }

    @PostMapping("/requests")
    public ResponseEntity<CommandGateway.Accepted> request(
            @RequestBody NewRequest body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        AidRequestId id = body.id()
                .orElseGet(() -> AidRequestId.of(NewIds.next("AID", node.clock().instant())));
        var command = new Command.RequestAid(
                id,
                body.requester(),
                body.need(),
                body.rendezvous(),
                body.reportBy(),
                body.duration(),
                body.reason(),
                body.priority(),
                body.addressees(),
                body.draft().orElse(false));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/aid/requests/" + id.value())
                .body(commands.submit(command, body.reason(), key));
    }

    @PostMapping("/requests/{id}/open")
    public CommandGateway.Accepted open(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.OpenAidRequest(visible(id).id()), IncidentsController.reason(body), key);
    }

    @PostMapping("/requests/{id}/offers")
    public ResponseEntity<CommandGateway.Accepted> offer(
            @PathVariable String id,
            @RequestBody NewOffer body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        AidRequest r = visible(id);
        OfferId offer = body.id()
                .orElseGet(() -> OfferId.of(NewIds.next("OFR", node.clock().instant())));
        OrganisationId offerer = answering(body.offerer(), r, "offerer");
        if (body.units() == null)
            throw org.muster.domain.InvalidInputException.of(
                    "units", null, "is required: the ids of the units " + offerer + " offers, one or more");
        var command = new Command.OfferAid(
                offer,
                r.id(),
                offerer,
                body.units(),
                body.provisional().orElse(false),
                body.note().orElse(""));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(commands.submit(command, body.note().orElse(""), key));
    }

    @PostMapping("/requests/{id}/declines")
    public CommandGateway.Accepted decline(
            @PathVariable String id,
            @RequestBody NewDecline body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        AidRequest r = visible(id);
        return commands.submit(
                new Command.DeclineAid(r.id(), answering(body.organisation(), r, "organisation"), body.reason()),
                body.reason(),
                key);
    }

    /**
     * The organisation answering a request: as named, or, left out, the user's own where they act for one
     * organisation besides the requester (a force's supervisor answers for their force). Someone acting for
     * several must name one.
     */
    private OrganisationId answering(OrganisationId named, AidRequest r, String field) {
        if (named != null) return named;
        MusterPrincipal p = user.require(Action.READ);
        List<OrganisationId> own = node.engine().state().organisations().keySet().stream()
                .filter(o -> !o.equals(r.requester()) && p.actsFor(o))
                .sorted()
                .toList();
        if (own.size() == 1) return own.getFirst();
        throw org.muster.domain.InvalidInputException.of(
                field,
                null,
                "is required: the organisation answering, one of "
                        + own.stream().map(OrganisationId::value).toList());
    }

    @PostMapping("/requests/{id}/offers/{offer}/accept")
    public CommandGateway.Accepted accept(
            @PathVariable String id,
            @PathVariable String offer,
            @RequestBody(required = false) Units body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        AidRequest r = visible(id);
        OfferId o = OfferId.of(offer);
        SortedSet<UnitId> units = named(
                body,
                () -> r.findOffer(o)
                        .map(x -> (SortedSet<UnitId>) new TreeSet<>(x.units()))
                        .orElseThrow(() -> new org.muster.domain.NotFoundException("offer", offer)));
        return commands.submit(new Command.AcceptOffer(r.id(), o, units), reasonOf(body), key);
    }

    @PostMapping("/requests/{id}/deploy")
    public CommandGateway.Accepted deploy(
            @PathVariable String id,
            @RequestBody(required = false) Units body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        AidRequest r = visible(id);
        // none named: the engine deploys the accepted units not yet deployed, so a second deploy after a
        // partial one sends the rest rather than naming the first ones again (409)
        SortedSet<UnitId> units = named(body, TreeSet::new);
        return commands.submit(new Command.DeployAid(r.id(), units), reasonOf(body), key);
    }

    @PostMapping("/requests/{id}/release")
    public CommandGateway.Accepted release(
            @PathVariable String id,
            @RequestBody(required = false) Units body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        AidRequest r = visible(id);
        SortedSet<UnitId> units = named(body, r::lentUnits);
        return commands.submit(new Command.ReleaseAid(r.id(), units), reasonOf(body), key);
    }

    @PostMapping("/requests/{id}/close")
    public CommandGateway.Accepted close(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.CloseAidRequest(visible(id).id()), IncidentsController.reason(body), key);
    }

    @PostMapping("/requests/{id}/cancel")
    public CommandGateway.Accepted cancel(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.CancelAidRequest(visible(id).id()), IncidentsController.reason(body), key);
    }

    /** The units the body names, or, when it names none, {@code all} of those the step applies to. */
    private static SortedSet<UnitId> named(Units body, java.util.function.Supplier<SortedSet<UnitId>> all) {
        return body == null || body.units().isEmpty() ? all.get() : body.units().get();
    }

    private static String reasonOf(Units body) {
        return body == null ? "" : body.reason().orElse("");
    }

    private AidRequest visible(String id) {
        MusterPrincipal p = user.require(Action.READ);
        AidRequest r = node.engine().state().getAidRequest(AidRequestId.of(id));
        visibility.requireRequest(p, r);
        return r;
    }
}
