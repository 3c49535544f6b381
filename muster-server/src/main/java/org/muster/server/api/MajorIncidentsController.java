package org.muster.server.api;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentPlace;
import org.muster.domain.major.Methane;
import org.muster.domain.major.MethaneReport;
import org.muster.domain.major.PlaceKind;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.major.MajorIncidentBoard;
import org.muster.engine.major.MajorIncidentText;
import org.muster.server.MusterNode;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Major incidents: declared by a supervisor, seen by every organisation attending (the declarer's, those
 * whose zones the area touches, those that linked a call) and the coordinator, with their shared board,
 * METHANE reports in JSON or text, and the timeline report at stand-down. A major incident the user may
 * not see is answered as not found.
 */
@RestController
@RequestMapping("/api/v1/major-incidents")
public class MajorIncidentsController {
    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;

    public MajorIncidentsController(MusterNode node, CurrentUser user, Visibility visibility, CommandGateway commands) {
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
    }

    /** One line of the list: enough to pick a board. */
    public record Summary(
            MajorIncidentId id,
            String name,
            org.muster.domain.major.MajorIncidentStatus status,
            GeoPoint location,
            OrganisationId declaredBy,
            java.time.Instant declaredAt,
            java.util.SortedSet<OrganisationId> organisations,
            int calls,
            int methaneReports) {
        static Summary of(MajorIncident m) {
            return new Summary(
                    m.id(),
                    m.name(),
                    m.status(),
                    m.location(),
                    m.declaredBy(),
                    m.declaredAt(),
                    m.organisations(),
                    m.linkedIncidents().size(),
                    m.methane().size());
        }
    }

    public record MajorIncidentList(long sequence, List<Summary> majorIncidents) {}

    /** A declaration; {@code standby} for a standby, the id made up when not given. */
    public record Declaration(
            Optional<MajorIncidentId> id,
            OrganisationId organisation,
            String name,
            GeoPoint location,
            MajorIncidentArea area,
            Optional<Boolean> standby,
            Optional<String> reason) {}

    public record Link(IncidentId incident, Optional<String> reason) {}

    public record MethaneFiling(OrganisationId organisation, Methane report, Optional<String> reason) {}

    public record Casualties(
            OrganisationId organisation, SortedMap<TriageCategory, Integer> counts, Optional<String> reason) {}

    public record Place(
            PlaceKind kind,
            String name,
            OrganisationId organisation,
            MajorIncidentArea area,
            Optional<String> reason) {}

    /** Every METHANE report of a major incident: each organisation's latest, and all of them in order. */
    public record MethaneExport(
            MajorIncidentId majorIncident, String name, List<MethaneReport> latest, List<MethaneReport> all) {}

    /** The timeline report; {@code text} is the same in words, for a handover by email. */
    public record Report(MajorIncidentBoard board, boolean stoodDown, String text) {}

    /** The major incidents the user may see, newest first; stood-down ones only with {@code all}. */
    @GetMapping
    public MajorIncidentList list(@RequestParam(defaultValue = "false") boolean all) {
        MusterPrincipal p = user.require(Action.READ);
        var state = node.engine().state();
        return new MajorIncidentList(
                state.sequence(),
                state.listMajorIncidentsVisibleTo(Visibility.viewer(p)).stream()
                        .filter(m -> all || m.isActive())
                        .map(Summary::of)
                        .toList());
    }

    @GetMapping("/{id}")
    public MajorIncidentBoard board(@PathVariable String id) {
        return MajorIncidentBoard.of(node.engine().state(), visible(id));
    }

    /** {@code format=json} (the default) or {@code text}, for a radio or email handover. */
    @GetMapping("/{id}/methane")
    public ResponseEntity<?> methane(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        MajorIncident m = visible(id);
        return switch (format) {
            case "json" -> ResponseEntity.ok(new MethaneExport(m.id(), m.name(), m.listLatestMethane(), m.methane()));
            case "text" -> text(MajorIncidentText.methane(m));
            default -> throw InvalidInputException.of("format", format, "must be json or text");
        };
    }

    /** The timeline report: final once the major incident is stood down, as it stands until then. */
    @GetMapping("/{id}/report")
    public ResponseEntity<?> report(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        MajorIncident m = visible(id);
        MajorIncidentBoard board = MajorIncidentBoard.of(node.engine().state(), m);
        String text = MajorIncidentText.report(board, node.clock().instant());
        return switch (format) {
            case "json" -> ResponseEntity.ok(new Report(board, !m.isActive(), text));
            case "text" -> text(text);
            default -> throw InvalidInputException.of("format", format, "must be json or text");
        };
    }

    @PostMapping
    public ResponseEntity<CommandGateway.Accepted> declare(
            @RequestBody Declaration body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        MajorIncidentId id = body.id()
                .orElseGet(
                        () -> MajorIncidentId.of(NewIds.next("MI", node.clock().instant())));
        var command = new Command.DeclareMajorIncident(
                id,
                body.organisation(),
                body.name(),
                body.location(),
                body.area(),
                body.standby().orElse(false));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/major-incidents/" + id.value())
                .body(commands.submit(command, body.reason().orElse(""), key));
    }

    @PostMapping("/{id}/links")
    public CommandGateway.Accepted link(
            @PathVariable String id, @RequestBody Link body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.LinkToMajorIncident(MajorIncidentId.of(id), body.incident()),
                body.reason().orElse(""),
                key);
    }

    @PostMapping("/{id}/methane")
    public ResponseEntity<CommandGateway.Accepted> fileMethane(
            @PathVariable String id,
            @RequestBody MethaneFiling body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(commands.submit(
                        new Command.FileMethaneReport(MajorIncidentId.of(id), body.organisation(), body.report()),
                        body.reason().orElse(""),
                        key));
    }

    @PostMapping("/{id}/casualties")
    public CommandGateway.Accepted casualties(
            @PathVariable String id,
            @RequestBody Casualties body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.ReportCasualties(MajorIncidentId.of(id), body.organisation(), body.counts()),
                body.reason().orElse(""),
                key);
    }

    @PostMapping("/{id}/places")
    public CommandGateway.Accepted place(
            @PathVariable String id, @RequestBody Place body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.MarkMajorIncidentPlace(
                        MajorIncidentId.of(id),
                        new MajorIncidentPlace(body.kind(), body.name(), body.organisation(), body.area())),
                body.reason().orElse(""),
                key);
    }

    @PostMapping("/{id}/stand-down")
    public CommandGateway.Accepted standDown(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.StandDownMajorIncident(MajorIncidentId.of(id)), IncidentsController.reason(body), key);
    }

    private MajorIncident visible(String id) {
        MusterPrincipal p = user.require(Action.READ);
        MajorIncident m = node.engine().state().getMajorIncident(MajorIncidentId.of(id));
        visibility.requireMajorIncident(p, m);
        return m;
    }

    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .body(body);
    }
}
