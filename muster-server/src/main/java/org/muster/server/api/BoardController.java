package org.muster.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.access.Viewer;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.coverage.CoverageReport;
import org.muster.engine.dispatch.DispatchQueue;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The control room's boards: the queue, capacity, response times, coverage, alerts. */
@RestController
@RequestMapping("/api/v1")
public class BoardController {
    private final MusterNode node;
    private final CurrentUser user;
    private final CommandGateway commands;

    public BoardController(MusterNode node, CurrentUser user, CommandGateway commands) {
        this.node = node;
        this.user = user;
        this.commands = commands;
    }

    /**
     * One waiting call: how long it has waited, what Muster recommends (none without roads), and when the
     * demo's simulated dispatcher will send units if nobody does first (none in a real control room, nor for
     * a call its organisation's escalation level holds back: {@code heldBack}). {@code noEscortAvailable}: what
     * no unit can be found for is only a police escort, the crews' own service having them.
     */
    public record Waiting(
            IncidentId incident,
            OrganisationId organisation,
            Priority priority,
            Duration waiting,
            boolean noUnitsAvailable,
            boolean noEscortAvailable,
            Optional<Recommendation> recommendation,
            Optional<Instant> autoDispatchAt,
            boolean heldBack) {}

    public record Queue(long sequence, Instant now, List<Waiting> waiting) {}

    /** @param organisations each of the user's organisations: its worst zone's colour beside its escalation level */
    public record Capacity(
            long sequence, List<ZoneView> zones, List<Overdue> overdue, List<OrganisationLevel> organisations) {}

    /**
     * A zone's capacity as the board shows it.
     *
     * @param outOf what "no units" means for a zone that still has some: the types it keeps a safe minimum of
     *     and has none of (empty when it has no units at all, or is not out of any)
     * @param standing where it stands, in the words its capacity alert uses ("is red: 2 armed response vehicles
     *     available, safe minimum 4"), so an alert raised hours ago can be read beside it
     */
    public record ZoneView(
            ZoneId zone,
            OrganisationId organisation,
            org.muster.engine.capacity.Colour colour,
            List<CapacityBoard.Line> lines,
            Optional<ZoneId> coveredFrom,
            List<org.muster.domain.unit.UnitType> outOf,
            String standing) {
        static ZoneView of(CapacityBoard.ZoneCapacity z) {
            return new ZoneView(
                    z.zone(),
                    z.organisation(),
                    z.colour(),
                    z.lines(),
                    z.coveredFrom(),
                    z.outOf(),
                    org.muster.engine.capacity.CapacityMonitor.standing(z));
        }
    }

    /**
     * An organisation's colour and escalation level side by side, with the level's measures in force, and where
     * its capacity stands in its alert's words ("is red: 2 of 4 zones not green (2 red); red in WSP-01, WSP-AREA").
     */
    public record OrganisationLevel(
            OrganisationId organisation,
            org.muster.engine.capacity.Colour colour,
            String standing,
            int level,
            String label,
            boolean targetsSuspended,
            java.util.SortedSet<Priority> heldBack) {}

    public record Overdue(String unit, String callsign, String status, Duration inStatus, Duration limit) {}

    /**
     * @param stats judged under the organisation's escalation ({@link ResponseStats#judgedUnder}): no breach while
     *     its targets are suspended
     * @param targetsSuspended the organisation's escalation level has suspended its targets: the figures still
     *     count, but no breach is held against it while they are
     */
    public record Kpi(OrganisationId organisation, Priority priority, ResponseStats stats, boolean targetsSuspended) {}

    public record Kpis(Instant now, ResponseTimes.Window window, List<Kpi> kpis) {}

    /**
     * One zone's response times for one priority of its organisation, with its calls still waiting, judged under
     * the organisation's escalation as {@link Kpi}'s are.
     */
    public record ZoneKpi(
            org.muster.domain.organisation.ZoneId zone,
            String name,
            OrganisationId organisation,
            Priority priority,
            ResponseStats stats) {}

    /**
     * Response times per zone, and the calls in a downgraded zone served from outside it (rerouted), per zone
     * and day.
     */
    public record ZoneKpis(Instant now, ResponseTimes.Window window, List<ZoneKpi> zones, List<Rerouted> rerouted) {}

    /** Calls of a zone served by a unit from outside it, by day. */
    public record Rerouted(
            org.muster.domain.organisation.ZoneId zone,
            OrganisationId organisation,
            java.util.SortedMap<java.time.LocalDate, Integer> byDay) {}

    /**
     * @param now for active alerts whose figures are those of when they were raised while what raised them goes on
     *     (calls standing off for an escort), where it stands now in words, by alert id
     * @param decidable the ids of the active alerts listed that the user may accept or dismiss
     */
    public record AlertList(
            List<Alert> alerts, java.util.SortedMap<String, String> now, java.util.SortedSet<String> decidable) {}

    @GetMapping("/queue")
    public Queue queue() {
        MusterPrincipal p = user.require(Action.READ);
        Viewer viewer = Visibility.viewer(p);
        Instant now = node.clock().instant();
        MusterState state = node.engine().state();
        List<Waiting> out = new ArrayList<>();
        if (node.queue().isPresent()) {
            for (var e : node.queue().get().listWaiting()) {
                if (!viewer.canSee(e.incident())) continue;
                out.add(new Waiting(
                        e.incident().id(),
                        e.incident().organisation(),
                        e.incident().priority(),
                        e.waiting(),
                        e.noUnitsAvailable(),
                        e.noEscortAvailable(),
                        Optional.of(e.recommendation()),
                        heldBack(state, e.incident())
                                ? Optional.empty()
                                : node.autoDispatch().dispatchAt(e.incident(), now),
                        heldBack(state, e.incident())));
            }
        } else {
            // no road network, so no recommendations: the same calls by the same rule, without them
            for (var i : DispatchQueue.waiting(state, node.engine().rules().zones())) {
                if (!viewer.canSee(i)) continue;
                out.add(new Waiting(
                        i.id(),
                        i.organisation(),
                        i.priority(),
                        Duration.between(i.receivedAt(), now),
                        false,
                        false,
                        Optional.empty(),
                        heldBack(state, i)
                                ? Optional.empty()
                                : node.autoDispatch().dispatchAt(i, now),
                        heldBack(state, i)));
            }
        }
        return new Queue(state.sequence(), now, out);
    }

    private static boolean heldBack(MusterState state, org.muster.domain.incident.Incident incident) {
        return state.escalationOf(incident.organisation()).holdsBack(incident.priority());
    }

    /** Capacity per zone and unit type against safe minimums, for the zones of the user's organisations. */
    @GetMapping("/capacity")
    public Capacity capacity() {
        MusterPrincipal p = user.require(Action.READ);
        MusterState state = node.engine().state();
        return capacityOf(state, p, node.clock().instant());
    }

    Capacity capacityOf(MusterState state, MusterPrincipal p, Instant now) {
        var board = node.capacity().compute(state);
        var viewer = Visibility.viewer(p);
        List<ZoneView> zones = board.zones().stream()
                .filter(z -> p.actsFor(z.organisation()))
                .map(ZoneView::of)
                .toList();
        List<Overdue> overdue = node.capacity().listOverdue(state, now).stream()
                .filter(o -> viewer.canSee(o.unit(), state))
                .map(o -> new Overdue(
                        o.unit().id().value(),
                        o.unit().callsign().value(),
                        o.status().name(),
                        o.inStatus(),
                        o.limit()))
                .toList();
        List<OrganisationLevel> levels = state.organisations().values().stream()
                .filter(o -> p.actsFor(o.id()))
                .sorted(java.util.Comparator.comparing(Organisation::id))
                .map(o -> {
                    var e = state.escalationOf(o.id());
                    var colour = board.colourOf(o.id());
                    return new OrganisationLevel(
                            o.id(),
                            colour,
                            org.muster.engine.capacity.CapacityMonitor.standing(o.id(), colour, board),
                            e.level(),
                            org.muster.engine.rules.EscalationPolicy.label(o.agency(), e.level()),
                            e.targetsSuspended(),
                            e.heldBack());
                })
                .toList();
        return new Capacity(state.sequence(), zones, overdue, levels);
    }

    /**
     * Response times per organisation and category over a window, against its target: the national ARP
     * standard for ambulance categories, the organisation's own where configured, none otherwise.
     */
    @GetMapping("/kpis")
    public Kpis kpis(@RequestParam(defaultValue = "DAY") ResponseTimes.Window window) {
        MusterPrincipal p = user.require(Action.READ);
        Instant now = node.clock().instant();
        MusterState state = node.engine().state();
        List<Kpi> out = new ArrayList<>();
        for (Organisation o : state.organisations().values()) {
            if (!p.actsFor(o.id())) continue;
            var escalation = state.escalationOf(o.id());
            for (Priority pr : Priority.values()) {
                if (!pr.appliesTo(o.agency())) continue;
                out.add(new Kpi(
                        o.id(),
                        pr,
                        node.responses()
                                .statsForOrganisation(o.id(), pr, window, now)
                                .judgedUnder(escalation),
                        escalation.targetsSuspended()));
            }
        }
        out.sort(java.util.Comparator.comparing((Kpi k) -> k.organisation()).thenComparing(Kpi::priority));
        return new Kpis(now, window, out);
    }

    /**
     * Response times per zone and category over a window (mean, 90th centile, the calls still waiting and
     * those already past the target), for the zones of the user's organisations, by zone then priority.
     */
    @GetMapping("/kpis/zones")
    public ZoneKpis zoneKpis(@RequestParam(defaultValue = "DAY") ResponseTimes.Window window) {
        MusterPrincipal p = user.require(Action.READ);
        Instant now = node.clock().instant();
        MusterState state = node.engine().state();
        List<ZoneKpi> out = new ArrayList<>();
        for (var zone : state.zones().values()) {
            if (!p.actsFor(zone.organisation())) continue;
            var agency = state.getOrganisation(zone.organisation()).agency();
            for (Priority pr : Priority.values()) {
                if (!pr.appliesTo(agency)) continue;
                out.add(new ZoneKpi(
                        zone.id(),
                        zone.name(),
                        zone.organisation(),
                        pr,
                        node.responses()
                                .statsForZone(zone.id(), zone.organisation(), pr, window, now)
                                .judgedUnder(state.escalationOf(zone.organisation()))));
            }
        }
        out.sort(java.util.Comparator.comparing((ZoneKpi k) -> k.zone().value()).thenComparing(ZoneKpi::priority));
        List<Rerouted> rerouted = new ArrayList<>();
        for (var zone : state.zones().values()) {
            if (!p.actsFor(zone.organisation())) continue;
            var days = node.responses().reroutedIn(zone.id());
            if (!days.isEmpty())
                rerouted.add(new Rerouted(zone.id(), zone.organisation(), new java.util.TreeMap<>(days)));
        }
        rerouted.sort(java.util.Comparator.comparing(r -> r.zone().value()));
        return new ZoneKpis(now, window, out, rerouted);
    }

    /**
     * The share of demand within the standard's reach now, per layer and zone, for the layers of the user's
     * organisations (all of them for the coordinator); needs a road network.
     */
    @GetMapping("/coverage")
    public CoverageReport coverage() {
        MusterPrincipal p = user.require(Action.READ);
        CoverageReport report = node.coverage()
                .orElseThrow(() -> new ConflictException("no road network is configured (muster.osm), so no coverage"))
                .report();
        // another organisation's counts of available units are its own business, as its units are
        return new CoverageReport(
                report.sequence(),
                report.layers().stream()
                        .filter(l -> p.actsFor(l.layer().organisation()))
                        .toList());
    }

    /**
     * The alerts addressed to the user's organisations, oldest first: the open ones, or with {@code all}
     * every one (open, accepted, dismissed, resolved), or those of the statuses named; {@code limit} keeps
     * the newest so many.
     */
    @GetMapping("/alerts")
    public AlertList alerts(
            @RequestParam(defaultValue = "false") boolean all,
            @RequestParam(required = false) List<AlertStatus> status,
            @RequestParam(defaultValue = "1000") int limit) {
        MusterPrincipal p = user.require(Action.READ);
        if (limit < 1 || limit > 10_000) throw InvalidInputException.of("limit", limit, "must be from 1 to 10000");
        Viewer viewer = Visibility.viewer(p);
        Set<AlertStatus> wanted = status != null && !status.isEmpty()
                ? EnumSet.copyOf(status)
                : all ? EnumSet.allOf(AlertStatus.class) : EnumSet.of(AlertStatus.OPEN);
        List<Alert> alerts = node.engine().state().alerts().values().stream()
                .filter(a -> wanted.contains(a.status()) && viewer.canSee(a))
                .sorted(java.util.Comparator.comparing(Alert::raisedAt).thenComparing(a -> a.id().value()))
                .toList();
        List<Alert> kept = alerts.subList(Math.max(0, alerts.size() - limit), alerts.size());
        var state = node.engine().state();
        java.util.SortedMap<String, String> now = new java.util.TreeMap<>();
        for (Alert a : kept) node.alertStandingNow(a, state).ifPresent(words -> now.put(a.id().value(), words));
        // the active ones the user may accept or dismiss, by the gateway's own rule: a move-up is its
        // dispatchers' to take, a level proposal its supervisors'
        java.util.SortedSet<String> decidable = new java.util.TreeSet<>();
        for (Alert a : kept) {
            if (a.status().isActive() && commands.mayGive(p, new Command.AcceptAlert(a.id()), state))
                decidable.add(a.id().value());
        }
        return new AlertList(kept, now, decidable);
    }

    /** One alert, for the organisations it is addressed to and the coordinator; 404 for anyone else. */
    @GetMapping("/alerts/{id}")
    public Alert alert(@PathVariable String id) {
        MusterPrincipal p = user.require(Action.READ);
        AlertId alert = AlertId.of(id);
        return node.engine()
                .state()
                .findAlert(alert)
                .filter(Visibility.viewer(p)::canSee)
                .orElseThrow(() -> new org.muster.domain.NotFoundException("alert", alert.value()));
    }

    @PostMapping("/alerts/{id}/accept")
    public CommandGateway.Accepted accept(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.AcceptAlert(AlertId.of(id)), IncidentsController.reason(body), key);
    }

    @PostMapping("/alerts/{id}/dismiss")
    public CommandGateway.Accepted dismiss(
            @PathVariable String id,
            @RequestBody(required = false) Requests.Reason body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(new Command.DismissAlert(AlertId.of(id)), IncidentsController.reason(body), key);
    }
}
