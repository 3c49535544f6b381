package org.muster.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.Role.Action;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Roads closed and areas to avoid: listed to every signed-in user (every service drives the same roads),
 * closed and reopened by a supervisor of the organisation whose area it is, or by the coordinator. Road
 * travel times avoid a closure from the next recommendation on.
 */
@RestController
@RequestMapping("/api/v1/road-closures")
public class RoadClosuresController {
    private final MusterNode node;
    private final CurrentUser user;
    private final CommandGateway commands;

    public RoadClosuresController(MusterNode node, CurrentUser user, CommandGateway commands) {
        this.node = node;
        this.user = user;
        this.commands = commands;
    }

    /**
     * The closures in force.
     *
     * @param stretches per closure, how many stretches of road (junction to junction) it closes on the
     *     node's road network: 0 for one drawn away from every road; empty when the node has no roads
     */
    public record ClosureList(long sequence, List<RoadClosure> closures, SortedMap<RoadClosureId, Integer> stretches) {}

    /** A closure to make; {@code id} is made up when not given. */
    public record NewClosure(
            Optional<RoadClosureId> id,
            OrganisationId organisation,
            ClosureKind kind,
            List<GeoPoint> points,
            String reason,
            Instant reviewAt) {}

    @GetMapping
    public ClosureList list() {
        user.require(Action.READ);
        MusterState state = node.engine().state();
        List<RoadClosure> closures = state.listRoadClosures();
        SortedMap<RoadClosureId, Integer> stretches = node.roads()
                .map(roads -> roads.closeRoads(closures).stretches())
                .orElseGet(TreeMap::new);
        return new ClosureList(state.sequence(), closures, stretches);
    }

    @GetMapping("/{id}")
    public RoadClosure get(@PathVariable String id) {
        user.require(Action.READ);
        return node.engine().state().getRoadClosure(RoadClosureId.of(id));
    }

    @PostMapping
    public ResponseEntity<CommandGateway.Accepted> close(
            @RequestBody NewClosure body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        RoadClosureId id = body.id()
                .orElseGet(() -> RoadClosureId.of(NewIds.next("RC", node.clock().instant())));
        var command = new Command.CloseRoad(
                id, body.organisation(), body.kind(), body.points(), body.reason(), body.reviewAt());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/road-closures/" + id.value())
                .body(commands.submit(command, command.reason(), key));
    }

    @PostMapping("/{id}/reopen")
    public CommandGateway.Accepted reopen(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.ReopenRoad(RoadClosureId.of(id)), IncidentsController.reason(body), key);
    }
}
