package org.muster.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.muster.domain.InvalidInputException;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.muster.sim.project.Outlook;
import org.muster.sim.project.Projector;
import org.muster.sim.project.ZoneOutlook;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "At this rate, when does zone X breach its target?": the next hours projected from the live state, for the
 * zones of the user's organisations (every zone for the coordinator). Forks of the state run on simulated time
 * (see {@link Projector}); the live service is not touched. Takes a few seconds; one projection runs at a time
 * (another asked meanwhile gets 503 with Retry-After).
 */
@RestController
@RequestMapping("/api/v1")
public class ProjectionController {
    private final MusterNode node;
    private final CurrentUser user;

    public ProjectionController(MusterNode node, CurrentUser user) {
        this.node = node;
        this.user = user;
    }

    /**
     * The projection as answered: its zones only those the user may see.
     *
     * @param withoutTargets the user's organisations none of whose zones has a 90th-centile target to project
     *     against (police and fire have none built in), so none of their zones is in {@code zones}
     */
    public record Projection(
            Instant at,
            double hours,
            int replications,
            long seed,
            double trend,
            java.util.Map<org.muster.domain.organisation.Agency, Double> trendByAgency,
            Instant trendSince,
            String trendBasis,
            String demand,
            List<ZoneOutlook> zones,
            List<String> withoutTargets) {}

    /** The longest span of calls one request takes: a year, as the longest scenario runs. */
    static final Duration LONGEST_CALLS = Duration.ofDays(366);

    /**
     * The calls the user's organisations received in {@code [from, to)} (every organisation's for the
     * coordinator), as the CSV file a scenario's {@code demand.replay} reads: a planner rehearses the service's
     * own evening under a walkout (docs/simulator.md). {@code to} is now when left out.
     */
    @GetMapping("/calls")
    public org.springframework.http.ResponseEntity<String> calls(
            @RequestParam Instant from, @RequestParam(required = false) Instant to) {
        MusterPrincipal p = user.require(Action.READ);
        Instant now = node.clock().instant();
        Instant end = to == null ? now : to;
        org.muster.domain.Check problems = org.muster.domain.Check.collecting();
        if (!from.isBefore(end)) problems.add("from", from, "must be before to (" + end + ")");
        else if (Duration.between(from, end).compareTo(LONGEST_CALLS) > 0)
            problems.add("from", from, "must be at most " + LONGEST_CALLS.toDays() + " days before to (" + end + ")");
        if (end.isAfter(now)) problems.add("to", end, "must not be in the future");
        problems.throwIfAny();
        String csv = org.muster.sim.des.RecordedCall.csv(node.receivedCalls(from, end).stream()
                .filter(c -> p.actsFor(c.organisation()))
                .toList());
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"calls.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(csv);
    }

    @GetMapping("/projection")
    public Projection project(
            @RequestParam(defaultValue = "6") double hours,
            @RequestParam(defaultValue = "5") int replications,
            @RequestParam(defaultValue = "1") long seed) {
        MusterPrincipal p = user.require(Action.READ);
        if (!(hours >= 0.25 && hours <= 24)) throw InvalidInputException.of("hours", hours, "must be 0.25 to 24");
        Outlook o = node.project(
                new Projector.Request(Duration.ofMillis(Math.round(hours * 3_600_000)), replications, seed));
        return new Projection(
                o.at(),
                hours,
                o.replications(),
                o.seed(),
                o.trend(),
                o.trendByAgency(),
                o.trendSince(),
                o.trendBasis(),
                o.demand(),
                o.zones().stream().filter(z -> p.actsFor(z.organisation())).toList(),
                withoutTargets(o, p));
    }

    private static List<String> withoutTargets(Outlook o, MusterPrincipal p) {
        return o.withoutTargets().stream()
                .filter(p::actsFor)
                .map(org.muster.domain.organisation.OrganisationId::value)
                .toList();
    }
}
