package org.muster.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.muster.domain.NotFoundException;
import org.muster.domain.access.Viewer;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentOutline;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Organisations, zones and their operating levels, stations, units and their statuses. */
@RestController
@RequestMapping("/api/v1")
public class ResourcesController {
    private final MusterNode node;
    private final CurrentUser user;
    private final Visibility visibility;
    private final CommandGateway commands;

    private final double clockRate;

    public ResourcesController(
            MusterNode node,
            CurrentUser user,
            Visibility visibility,
            CommandGateway commands,
            org.muster.server.MusterProperties settings) {
        this.clockRate = settings.clockRate();
        this.node = node;
        this.user = user;
        this.visibility = visibility;
        this.commands = commands;
    }

    public record OrganisationList(List<Organisation> organisations) {}

    public record ZoneList(List<Zone> zones) {}

    public record StationList(List<Station> stations) {}

    /**
     * @param calls for each listed unit committed to a call, that call as the user may see it: in outline
     *     when it is another organisation's (the user's unit on a neighbour's call), with the unit's part in it
     * @param nextStatuses for each listed unit whose status the user may set (their role dispatches, and the
     *     unit works for one of their organisations or works one of their calls), the statuses the engine would
     *     accept for it now, in the order of a job's life: never TRANSPORTING for a unit that conveys no patients, nor ON_SCENE for one on no
     *     call. A unit the user may not move, or that can go nowhere now (unavailable, too few crew to be
     *     available), is not a key.
     */
    public record UnitList(
            long sequence,
            List<Unit> units,
            java.util.SortedMap<UnitId, UnitCall> calls,
            java.util.SortedMap<UnitId, List<UnitStatus>> nextStatuses) {}

    /**
     * The call a unit is committed to, in outline, and the unit's part in it: what its home organisation sees
     * of another organisation's call (the whole call stays its owner's, {@code GET /incidents/{id}}).
     *
     * @param role primary, support or escort
     * @param arrivedAt when the unit arrived, if it has
     */
    public record UnitCall(
            IncidentOutline incident, AssignmentRole role, Instant assignedAt, Optional<Instant> arrivedAt) {}

    /** A unit's trail in a window; {@code interval} is how often the trail keeps a fix. */
    public record Trail(UnitId unit, Instant from, Instant to, Duration interval, List<PositionTrack.Fix> fixes) {}

    private static final Duration DEFAULT_TRAIL_WINDOW = Duration.ofHours(1);

    /** The signed-in user as Muster sees them. */
    public record Me(
            String name,
            List<String> roles,
            List<String> organisations,
            boolean allOrganisations,
            List<String> actions,
            java.time.Instant now,
            double clockRate) {}

    @GetMapping("/me")
    public Me me() {
        MusterPrincipal p = user.get();
        return new Me(
                p.name(),
                p.roles().stream().map(Enum::name).sorted().toList(),
                List.copyOf(p.organisations()),
                p.allOrganisations(),
                java.util.Arrays.stream(Action.values())
                        .filter(p::can)
                        .map(Enum::name)
                        .toList(),
                node.clock().instant(),
                clockRate);
    }

    @GetMapping("/organisations")
    public OrganisationList organisations() {
        user.require(Action.READ);
        return new OrganisationList(node.engine().state().organisations().values().stream()
                .sorted(Comparator.comparing(Organisation::id))
                .toList());
    }

    /** Every zone with its operating level: levels are shared so that neighbours can plan around them. */
    @GetMapping("/zones")
    public ZoneList zones() {
        user.require(Action.READ);
        return new ZoneList(node.engine().state().zones().values().stream()
                .sorted(Comparator.comparing(Zone::id))
                .toList());
    }

    @GetMapping("/zones/{id}")
    public Zone zone(@PathVariable String id) {
        user.require(Action.READ);
        return node.engine().state().getZone(ZoneId.of(id));
    }

    @PutMapping("/zones/{id}/level")
    public CommandGateway.Accepted setLevel(
            @PathVariable String id,
            @RequestBody Requests.LevelChange body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        user.require(Action.READ);
        Zone zone = node.engine().state().getZone(ZoneId.of(id));
        if (body.reason() == null || body.reason().isBlank())
            throw org.muster.domain.InvalidInputException.of(
                    "reason", String.valueOf(body.reason()), "must say why the level changes");
        return commands.submit(
                new Command.SetOperatingLevel(zone.id(), body.level(), body.reviewAt(), body.rendezvous()),
                body.reason(),
                key);
    }

    @PutMapping("/zones/{id}/safe-minimums/{type}")
    public CommandGateway.Accepted setSafeMinimum(
            @PathVariable String id,
            @PathVariable UnitType type,
            @RequestBody Requests.SafeMinimumChange body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        user.require(Action.READ);
        Zone zone = node.engine().state().getZone(ZoneId.of(id));
        return commands.submit(new Command.SetSafeMinimum(zone.id(), type, body.minimum()), body.reason(), key);
    }

    @GetMapping("/stations")
    public StationList stations() {
        user.require(Action.READ);
        return new StationList(node.engine().state().stations().values().stream()
                .sorted(Comparator.comparing(Station::id))
                .toList());
    }

    /**
     * The units the user may see (their own, those lent to them, and those committed to their calls),
     * optionally of one status, with the call each is committed to.
     */
    @GetMapping("/units")
    public UnitList units(@RequestParam Optional<UnitStatus> status) {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        var viewer = Visibility.viewer(p);
        List<Unit> units = state.units().values().stream()
                .filter(u -> viewer.canSee(u, state))
                .filter(u -> status.isEmpty() || u.status() == status.get())
                .sorted(Comparator.comparing(Unit::id))
                .toList();
        java.util.SortedMap<UnitId, UnitCall> calls = new java.util.TreeMap<>();
        java.util.SortedMap<UnitId, List<UnitStatus>> next = new java.util.TreeMap<>();
        for (Unit u : units) {
            findCall(viewer, state, u).ifPresent(c -> calls.put(u.id(), c));
            var open = commands.listStatusesOpenTo(p, u, state);
            if (!open.isEmpty()) next.put(u.id(), open);
        }
        return new UnitList(state.sequence(), units, calls, next);
    }

    @GetMapping("/units/{id}")
    public Unit unit(@PathVariable String id) {
        return visibleUnit(id);
    }

    /**
     * The call the unit is committed to now, in outline, with the unit's part in it: how its home organisation
     * follows it on another organisation's call. 404 when the unit is on no call (or not the user's to see).
     */
    @GetMapping("/units/{id}/call")
    public UnitCall call(@PathVariable String id) {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        Unit unit = state.getUnit(UnitId.of(id));
        visibility.requireUnit(p, unit);
        return findCall(Visibility.viewer(p), state, unit)
                .orElseThrow(
                        () -> new NotFoundException("call of unit", unit.id().value()));
    }

    private static Optional<UnitCall> findCall(Viewer viewer, MusterState state, Unit unit) {
        return state.findIncidentOf(unit.id())
                .filter(i -> viewer.canSeeOutline(i, state))
                .flatMap(i -> i.findAssignment(unit.id()).map(a -> callOf(i, a)));
    }

    private static UnitCall callOf(Incident incident, org.muster.domain.incident.Assignment a) {
        return new UnitCall(IncidentOutline.of(incident), a.role(), a.assignedAt(), a.arrivedAt());
    }

    @PostMapping("/units/{id}/status")
    public CommandGateway.Accepted status(
            @PathVariable String id,
            @RequestBody Requests.StatusChange body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        Unit unit = visibleUnit(id);
        return commands.submit(body.command(unit.id()), body.reason().orElse(""), key);
    }

    @PostMapping("/units/{id}/position")
    public CommandGateway.Accepted position(
            @PathVariable String id,
            @RequestBody Requests.PositionReport body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        Unit unit = visibleUnit(id);
        return commands.submit(new Command.ReportPosition(unit.id(), body.point()), "", key);
    }

    /**
     * Where a unit has been: its trail between {@code from} and {@code to} (default: the hour up to now),
     * oldest first, sampled at most once per {@code muster.trail-interval} and always with its latest fix,
     * kept for {@code muster.trail-retention}. Seen by exactly those who may see the unit.
     */
    @GetMapping("/units/{id}/trail")
    public Trail trail(
            @PathVariable String id, @RequestParam Optional<Instant> from, @RequestParam Optional<Instant> to) {
        Unit unit = visibleUnit(id);
        Instant end = to.orElseGet(() -> node.clock().instant());
        Instant start = from.orElseGet(() -> end.minus(DEFAULT_TRAIL_WINDOW));
        if (start.isAfter(end))
            throw org.muster.domain.InvalidInputException.of("from", start, "must not be after to (" + end + ")");
        PositionTrack track = node.positions();
        return new Trail(unit.id(), start, end, track.interval(), track.listTrail(unit.id(), start, end));
    }

    private Unit visibleUnit(String id) {
        MusterPrincipal p = user.require(Action.READ);
        Unit unit = node.engine().state().getUnit(UnitId.of(id));
        visibility.requireUnit(p, unit);
        return unit;
    }
}
