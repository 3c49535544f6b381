package org.muster.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.domain.access.Commitments;
import org.muster.domain.access.Viewer;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.Zone;
import org.muster.domain.unit.Unit;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.muster.server.stream.EventHub;
import org.muster.server.stream.EventScope;
import org.muster.store.AuditFinding;
import org.muster.store.AuditProgress;
import org.muster.store.AuditRange;
import org.muster.store.ChainHead;
import org.muster.store.Checkpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tamper-evident log: its chain checked, its events read, and the boards as they stood at an instant. */
@RestController
public class AuditController {
    private final MusterNode node;
    private final CurrentUser user;
    private final BoardController boards;

    public AuditController(MusterNode node, CurrentUser user, BoardController boards) {
        this.node = node;
        this.user = user;
        this.boards = boards;
    }

    /**
     * @param intact whether nothing shows the log was changed (warnings may still be listed)
     * @param brokenAt the first broken link's sequence (for missing events, the first missing one)
     * @param detail the first finding in words, or "intact"
     * @param findings everything found, the first broken link first; checked against the node's checkpoint
     *     file when one is configured
     * @param from the first event checked
     * @param to the last event checked
     */
    public record Verification(
            boolean intact,
            long events,
            String head,
            Optional<Long> brokenAt,
            String detail,
            List<AuditFinding> findings,
            long from,
            long to) {}

    public record EventPage(List<Map<String, Object>> events, long next) {}

    /**
     * What the control room's boards showed at {@code at}: zones, capacity, units, open calls and those waiting,
     * and the public warnings in force and roads closed then.
     */
    public record PastState(
            Instant at,
            long sequence,
            List<Zone> zones,
            BoardController.Capacity capacity,
            List<Unit> units,
            List<Incident> openIncidents,
            List<ResponseTimes.Waiting> waiting,
            List<org.muster.domain.publicalert.PublicAlert> publicAlerts,
            List<org.muster.domain.road.RoadClosure> roadClosures) {}

    /**
     * The whole log, or the events {@code from..to} (either end left out: the log's), parts of the chain
     * checked in parallel. A range starts from the hash stored for the event before it.
     */
    @GetMapping("/api/v1/audit/verify")
    public Verification verify(@RequestParam Optional<Long> from, @RequestParam Optional<Long> to) {
        user.require(Action.AUDIT);
        AuditRange range =
                to.map(last -> new AuditRange(from.orElse(1L), last)).orElseGet(() -> AuditRange.from(from.orElse(1L)));
        ChainHead head = node.log().head();
        List<AuditFinding> findings = node.checkpointFile()
                .flatMap(Checkpoint::find)
                .map(kept -> node.log().audit(range, kept, AuditProgress.NONE))
                .orElseGet(() -> node.log().audit(range, AuditProgress.NONE));
        Optional<AuditFinding> first =
                findings.stream().filter(AuditFinding::tampering).findFirst();
        return new Verification(
                first.isEmpty(),
                head.sequence(),
                head.hash(),
                first.map(AuditFinding::sequence),
                first.map(AuditFinding::detail).orElse("intact"),
                findings,
                range.from(),
                range.toTheEnd() ? head.sequence() : range.to());
    }

    @GetMapping("/api/v1/audit/events")
    public EventPage events(
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        MusterPrincipal p = user.require(Action.AUDIT);
        if (after < 0) throw InvalidInputException.of("after", after, "must be 0 or more");
        if (limit < 1 || limit > 1000) throw InvalidInputException.of("limit", limit, "must be 1 to 1000");
        long head = node.log().lastSequence();
        long to = Math.min(head, after + limit);
        MusterState state = node.engine().state();
        var viewer = Visibility.viewer(p);
        List<Map<String, Object>> out = new ArrayList<>();
        if (after < to)
            for (var e : node.log().listRange(after, to))
                if (EventScope.visible(viewer, e.event(), state, node.closedIncidents())) out.add(EventHub.wire(e));
        return new EventPage(out, to);
    }

    /** The state and boards rebuilt from the log as they stood at an instant ({@code at}, ISO-8601). */
    @GetMapping("/api/v1/history")
    public PastState at(@RequestParam Instant at) {
        MusterPrincipal p = user.require(Action.READ);
        if (at.isAfter(node.clock().instant())) throw InvalidInputException.of("at", at, "must not be in the future");
        var viewer = Visibility.viewer(p);
        // the units the viewer sees whatever they were committed to then; those seen only because they were on
        // one of the viewer's calls then are placed once that is known, from the state rebuilt
        MusterNode.History past = node.history(at, u -> viewer.canSee(u, Commitments.NONE));
        long sequence = past.sequence();
        MusterState state = placeTasked(past.state(), viewer, at);
        ResponseTimes responses = past.responses();
        return new PastState(
                at,
                sequence,
                // zones and their levels are the shared directory, as /zones shows them now
                state.zones().values().stream()
                        .sorted(Comparator.comparing(Zone::id))
                        .toList(),
                boards.capacityOf(state, p, at),
                state.units().values().stream()
                        .filter(u -> viewer.canSee(u, state))
                        .sorted(Comparator.comparing(Unit::id))
                        .toList(),
                state.listOpenIncidents().stream().filter(viewer::canSee).toList(),
                // the calls waiting for units by the dispatch queue's own rule, most urgent first, as the
                // control room's queue stood: not the calls whose response clock was still running
                org.muster.engine.dispatch.DispatchQueue.waiting(
                                state, node.engine().rules().zones())
                        .stream()
                        .filter(viewer::canSee)
                        .map(i -> new ResponseTimes.Waiting(
                                i.id(), i.priority(), i.organisation(), java.time.Duration.between(i.receivedAt(), at)))
                        .toList(),
                // what the public had been told, and the roads closed, are every control room's to see, as now
                state.publicAlerts().values().stream()
                        .filter(a -> a.isCurrent(at))
                        .sorted(Comparator.comparing(org.muster.domain.publicalert.PublicAlert::id))
                        .toList(),
                state.listRoadClosures());
    }

    /**
     * {@code past} with the units the viewer saw then only because they were committed to one of its calls
     * put at their last trail fix at or before {@code at}, as the history placed the units it knew to place.
     */
    private MusterState placeTasked(MusterState past, Viewer viewer, Instant at) {
        List<org.muster.domain.unit.UnitId> tasked = past.units().values().stream()
                .filter(u -> !viewer.canSee(u, Commitments.NONE) && viewer.canSee(u, past))
                .map(Unit::id)
                .toList();
        return org.muster.engine.writer.Recovery.placedAsAt(past, node.positions(), tasked, at);
    }
}
