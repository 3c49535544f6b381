package org.muster.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.muster.domain.command.Command;
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

    public record UnitList(long sequence, List<Unit> units) {}

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
     * optionally of one status.
     */
    @GetMapping("/units")
    public UnitList units(@RequestParam Optional<UnitStatus> status) {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        var viewer = Visibility.viewer(p);
        return new UnitList(
                state.sequence(),
                state.units().values().stream()
                        .filter(u -> viewer.canSee(u, state))
                        .filter(u -> status.isEmpty() || u.status() == status.get())
                        .sorted(Comparator.comparing(Unit::id))
                        .toList());
    }

    @GetMapping("/units/{id}")
    public Unit unit(@PathVariable String id) {
        return visibleUnit(id);
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
