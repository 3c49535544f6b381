package org.muster.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.muster.domain.ConflictException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.engine.dispatch.Candidate;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Calls: taking them, seeing them, the recommendation, dispatch and release, closing. */
@RestController
@RequestMapping("/api/v1/incidents")
public class IncidentsController {
    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;

    public IncidentsController(MusterNode node, CurrentUser user, Visibility visibility, CommandGateway commands) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
    }

    /**
     * @param callsigns the callsigns of the units assigned to these incidents, another service's escort
     *     included, which the user may not otherwise see
     * @param nextClosedBefore when the finished incidents filled the page ({@code limit}): the {@code
     *     closedBefore} that asks for the next, older page
     */
    public record IncidentList(
            long sequence,
            List<Incident> incidents,
            java.util.SortedMap<UnitId, Callsign> callsigns,
            Optional<Instant> nextClosedBefore) {}

    /**
     * The incidents the user may see: the open ones; with {@code all=true} also the finished ones, with
     * {@code closed=true} only those. Finished incidents are read from the table of closed incidents (and
     * the few not yet archived from the state), the {@code limit} most recently finished before {@code
     * closedBefore}; the list is in the order the calls were received.
     */
    @GetMapping
    public IncidentList list(
            @RequestParam(defaultValue = "false") boolean all,
            @RequestParam(defaultValue = "false") boolean closed,
            @RequestParam(defaultValue = "200") int limit,
            @RequestParam Optional<Instant> closedBefore) {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        var viewer = Visibility.viewer(p);
        List<Incident> out = new ArrayList<>();
        if (!closed)
            out.addAll(state.listOpenIncidents().stream().filter(viewer::canSee).toList());
        Optional<Instant> next = Optional.empty();
        if (all || closed) {
            List<Incident> finished = listFinished(state, viewer, limit, closedBefore.orElse(FAR_FUTURE));
            if (finished.size() == limit) next = Optional.of(ClosedIncidents.finishedAt(finished.getLast()));
            out.addAll(finished);
        }
        out.sort(java.util.Comparator.comparing(Incident::receivedAt).thenComparing(Incident::id));
        return new IncidentList(
                state.sequence(),
                out,
                Callsigns.of(
                        state,
                        out.stream().flatMap(i -> i.assignments().stream().map(a -> a.unit()))),
                next);
    }

    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The viewer's finished incidents, most recently finished first: the table's and those finished in the
     * state but not yet archived (the archiver's moment between the two), each once.
     */
    private List<Incident> listFinished(
            MusterState state, org.muster.domain.access.Viewer viewer, int limit, Instant before) {
        List<OrganisationId> orgs = state.organisations().keySet().stream()
                .filter(o -> viewer.coordinator() || viewer.belongsTo(o))
                .toList();
        java.util.Map<IncidentId, Incident> byId = new java.util.LinkedHashMap<>();
        for (Incident i : node.closedIncidents().listClosed(orgs, Instant.EPOCH, before, limit)) byId.put(i.id(), i);
        for (Incident i : state.incidents().values()) {
            if (!i.isOpen() && ClosedIncidents.finishedAt(i).isBefore(before)) byId.put(i.id(), i);
        }
        return byId.values().stream()
                .filter(viewer::canSee)
                .sorted(java.util.Comparator.comparing(ClosedIncidents::finishedAt)
                        .reversed()
                        .thenComparing(Incident::id))
                .limit(limit)
                .toList();
    }

    /** The incident, open or finished (then read from the table of closed incidents). */
    @GetMapping("/{id}")
    public Incident get(@PathVariable String id) {
        return visible(id);
    }

    @PostMapping
    public ResponseEntity<CommandGateway.Accepted> create(
            @RequestBody Requests.NewIncident body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        IncidentId id = body.id()
                .orElseGet(() -> IncidentId.of(NewIds.next("I", node.clock().instant())));
        var command = new Command.CreateIncident(
                id,
                body.organisation(),
                body.type(),
                body.priority(),
                body.location(),
                body.description().orElse(""),
                body.hazards().orElse(new TreeSet<>()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/incidents/" + id.value())
                .body(commands.submit(command, body.reason().orElse(""), key));
    }

    /** Who can get there first, with the reasons; needs a road network. */
    @GetMapping("/{id}/recommendation")
    public Recommendation recommend(@PathVariable String id, @RequestParam(defaultValue = "false") boolean all) {
        Incident incident = visible(id);
        if (!incident.isOpen())
            throw new ConflictException("incident " + incident.id() + " is "
                    + incident.status().toString().toLowerCase(java.util.Locale.ROOT));
        var recommender = node.recommender()
                .orElseThrow(() -> new ConflictException(
                        "no road network is configured (muster.osm), so there are no recommendations"));
        return recommender.recommend(
                node.engine().state(), incident.id(), node.clock().instant(), all);
    }

    @PostMapping("/{id}/assignments")
    public CommandGateway.Accepted assign(
            @PathVariable String id,
            @RequestBody Requests.Assign body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        Incident incident = visible(id);
        return commands.submit(
                new Command.AssignUnit(incident.id(), body.unit(), body.role().orElse(AssignmentRole.PRIMARY)),
                body.reason().orElse(""),
                key);
    }

    /**
     * One click: assigns every unit the current recommendation proposes, each in its role (an escort as
     * an escort). Refused (409) when it proposes nobody.
     */
    /** The assignments one click made, one per unit. */
    public record Dispatched(List<CommandGateway.Accepted> assignments) {}

    @PostMapping("/{id}/dispatch-recommended")
    public Dispatched dispatchRecommended(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        // a body, when sent, is read like any other (a broken one is refused, not ignored); its reason is logged
        String why = body == null || reason(body).isBlank() ? "" : reason(body) + "; ";
        // who may not dispatch is told so, whatever state the call is in
        user.require(Action.DISPATCH);
        Incident incident = visible(id);
        Recommendation r = recommend(id, false);
        List<CommandGateway.Accepted> out = new ArrayList<>();
        for (Recommendation.Fill f : r.fills()) {
            for (Candidate c : f.proposed()) {
                out.add(commands.submit(
                        new Command.AssignUnit(incident.id(), c.unit(), f.role()),
                        why + "recommended: " + c.reason(),
                        key.map(k -> k + ":" + c.unit().value())));
            }
        }
        if (out.isEmpty()) {
            if (r.fills().stream().allMatch(f -> f.stillNeeded() == 0))
                throw new ConflictException(
                        "nothing left to send to " + incident.id() + ": every requirement has its units assigned");
            throw new ConflictException("no units available for " + incident.id()
                    + (r.shortfalls().isEmpty()
                            ? ""
                            : ": "
                                    + r.shortfalls().stream()
                                            .map(Recommendation.Shortfall::reason)
                                            .collect(java.util.stream.Collectors.joining("; "))));
        }
        return new Dispatched(out);
    }

    @DeleteMapping("/{id}/assignments/{unit}")
    public CommandGateway.Accepted release(
            @PathVariable String id,
            @PathVariable String unit,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        // the gateway decides whether the call may be named: the unit's own organisation stands its crew down
        // from a call it sees only in outline, and anyone else gets the call's 404 as before
        user.require(Action.READ);
        return commands.submit(
                new Command.ReleaseUnit(IncidentId.of(id), org.muster.domain.unit.UnitId.of(unit)), reason(body), key);
    }

    @PostMapping("/{id}/close")
    public CommandGateway.Accepted close(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.CloseIncident(visible(id).id()), reason(body), key);
    }

    @PostMapping("/{id}/cancel")
    public CommandGateway.Accepted cancel(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.CancelIncident(visible(id).id()), reason(body), key);
    }

    /** A supervisor lets units into a closed zone for this incident. */
    @PostMapping("/{id}/clearance")
    public CommandGateway.Accepted clearance(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.GrantTacticalClearance(visible(id).id()), reason(body), key);
    }

    static String reason(Requests.Reason body) {
        return body == null ? "" : body.text();
    }

    /**
     * The incident as the user may see it, from the state or the table of closed incidents: one they may
     * not see is answered exactly as one that does not exist. A command on a finished one goes on to the
     * engine, which answers that it is closed.
     */
    private Incident visible(String id) {
        MusterPrincipal p = user.require(Action.READ);
        Incident incident = node.getIncident(IncidentId.of(id));
        visibility.requireIncident(p, incident);
        return incident;
    }
}
