package org.muster.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertContent;
import org.muster.domain.publicalert.PublicAlertId;
import org.muster.engine.state.MusterState;
import org.muster.interop.cap.AtomFeed;
import org.muster.interop.cap.Cap;
import org.muster.server.MusterNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Warnings to the public as OASIS CAP 1.2: a supervisor issues one for the organisation's zones or an area
 * drawn on the map, updates and cancels it, each a command in the log; the current ones are listed in an Atom
 * feed, and each alert's latest message is its CAP XML. The feed and the messages are public: anyone may read
 * them, signed in or not.
 */
@RestController
@RequestMapping("/api/v1/cap")
public class CapController {
    static final MediaType CAP = new MediaType("application", "cap+xml", StandardCharsets.UTF_8);
    static final MediaType ATOM = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

    private final MusterNode node;
    private final CommandGateway commands;

    public CapController(MusterNode node, CommandGateway commands) {
        this.node = node;
        this.commands = commands;
    }

    /** A new public alert; {@code id} is made up when not given. */
    public record NewPublicAlert(
            Optional<PublicAlertId> id,
            OrganisationId organisation,
            PublicAlertContent content,
            Optional<String> reason) {}

    /** What an update says instead. */
    public record PublicAlertChange(PublicAlertContent content, Optional<String> reason) {}

    @PostMapping("/alerts")
    public ResponseEntity<CommandGateway.Accepted> issue(
            @RequestBody NewPublicAlert body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        PublicAlertId id = body.id()
                .orElseGet(() -> PublicAlertId.of(NewIds.next("PA", node.clock().instant())));
        var accepted = commands.submit(
                new Command.IssuePublicAlert(id, body.organisation(), body.content()),
                body.reason().orElse(""),
                key);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/cap/alerts/" + id.value())
                .body(accepted);
    }

    @PutMapping("/alerts/{id}")
    public CommandGateway.Accepted update(
            @PathVariable String id,
            @RequestBody PublicAlertChange body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.UpdatePublicAlert(PublicAlertId.of(id), body.content()),
                body.reason().orElse(""),
                key);
    }

    @PostMapping("/alerts/{id}/cancel")
    public CommandGateway.Accepted cancel(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.CancelPublicAlert(PublicAlertId.of(id)), IncidentsController.reason(body), key);
    }

    /** The alerts as of the event {@code sequence}, in the API's one JSON form (ids as bare strings). */
    public record PublicAlertList(long sequence, List<PublicAlert> alerts) {}

    /** The alerts as Muster holds them: the current ones, with {@code all=true} the cancelled and expired too. */
    @GetMapping("/alerts")
    public PublicAlertList list(@RequestParam(defaultValue = "false") boolean all) {
        MusterState state = node.engine().state();
        return new PublicAlertList(state.sequence(), alerts(state, all));
    }

    /** The alert's latest message: an Alert, an Update, or its Cancel. */
    @GetMapping(value = "/alerts/{id}", produces = "application/cap+xml")
    public ResponseEntity<String> message(@PathVariable String id) {
        MusterState state = node.engine().state();
        PublicAlert alert = state.getPublicAlert(PublicAlertId.of(id));
        return ResponseEntity.ok()
                .contentType(CAP)
                .body(Cap.write(alert, state.getOrganisation(alert.organisation()), state.zones()));
    }

    @GetMapping(value = "/feed.atom", produces = "application/atom+xml")
    public ResponseEntity<String> feed() {
        MusterState state = node.engine().state();
        return ResponseEntity.ok()
                .contentType(ATOM)
                .body(AtomFeed.write(
                        alerts(state, false),
                        state.organisations(),
                        "/api/v1/cap/feed.atom",
                        "/api/v1/cap/alerts/{id}",
                        node.clock().instant()));
    }

    private List<PublicAlert> alerts(MusterState state, boolean all) {
        var now = node.clock().instant();
        return state.publicAlerts().values().stream()
                .filter(a -> all || a.isCurrent(now))
                .sorted(Comparator.comparing(PublicAlert::sent).reversed().thenComparing(PublicAlert::id))
                .toList();
    }
}
