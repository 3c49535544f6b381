package org.muster.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.muster.domain.ConflictException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
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
     */
    public record IncidentList(
            long sequence, List<Incident> incidents, java.util.SortedMap<UnitId, Callsign> callsigns) {}

    /** The incidents the user may see: the open ones, or every one with {@code all=true}. */
    @GetMapping
    public IncidentList list(@RequestParam(defaultValue = "false") boolean all) {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        var viewer = Visibility.viewer(p);
        List<Incident> out = (all ? new ArrayList<>(state.incidents().values()) : state.listOpenIncidents())
                .stream()
                        .filter(viewer::canSee)
                        .sorted(java.util.Comparator.comparing(Incident::receivedAt)
                                .thenComparing(Incident::id))
                        .toList();
        return new IncidentList(
                state.sequence(),
                out,
                Callsigns.of(
                        state,
                        out.stream().flatMap(i -> i.assignments().stream().map(a -> a.unit()))));
    }

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
        if (out.isEmpty())
            throw new ConflictException("no units available for " + incident.id() + ": "
                    + r.shortfalls().stream().map(Object::toString).toList());
        return new Dispatched(out);
    }

    @DeleteMapping("/{id}/assignments/{unit}")
    public CommandGateway.Accepted release(
            @PathVariable String id,
            @PathVariable String unit,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        Incident incident = visible(id);
        return commands.submit(
                new Command.ReleaseUnit(incident.id(), org.muster.domain.unit.UnitId.of(unit)), reason(body), key);
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

    private Incident visible(String id) {
        MusterPrincipal p = user.require(Action.READ);
        Incident incident = node.engine().state().getIncident(IncidentId.of(id));
        visibility.requireIncident(p, incident);
        return incident;
    }
}
