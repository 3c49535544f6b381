package org.muster.server.api;

import java.util.Optional;
import org.muster.domain.command.Command;
import org.muster.domain.escalation.Escalation;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.national.NationalPicture;
import org.muster.engine.rules.EscalationPolicy;
import org.muster.server.MusterNode;
import org.muster.server.security.AccessRefused;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.MusterPrincipal;
import org.muster.server.security.Role.Action;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The national picture, the coordinator's alone, and each organisation's escalation level: set by its own
 * supervisor, read by anyone (a level is public, as a zone's operating level is, so that neighbours can plan
 * around it), its measures (targets, categories held back) by the organisation's own users.
 */
@RestController
@RequestMapping("/api/v1")
public class NationalController {
    private final MusterNode node;
    private final CurrentUser user;
    private final CommandGateway commands;

    public NationalController(MusterNode node, CurrentUser user, CommandGateway commands) {
        this.node = node;
        this.user = user;
        this.commands = commands;
    }

    /** A new level, 1 to 4, and why. */
    public record LevelChange(int level, Optional<String> reason) {}

    /** An organisation's level in its agency's words; the measures only for its own users and the coordinator. */
    public record Level(
            OrganisationId organisation,
            int level,
            String label,
            Optional<java.time.Instant> since,
            String reason,
            Optional<Boolean> targetsSuspended,
            Optional<java.util.SortedSet<org.muster.domain.incident.Priority>> heldBack) {
        static Level of(Organisation o, Escalation e, boolean own) {
            return new Level(
                    o.id(),
                    e.level(),
                    EscalationPolicy.label(o.agency(), e.level()),
                    e.since(),
                    e.reason(),
                    own ? Optional.of(e.targetsSuspended()) : Optional.empty(),
                    own ? Optional.of(e.heldBack()) : Optional.empty());
        }
    }

    /** Every organisation's capacity, people, aid and levels, and the major incidents: the coordinator's view. */
    @GetMapping("/national")
    public NationalPicture national() {
        MusterPrincipal p = user.require(Action.READ);
        if (!p.allOrganisations())
            throw new AccessRefused(p.name() + " is not the national coordinator: the national picture covers"
                    + " every organisation's capacity and people");
        var state = node.engine().state();
        return NationalPicture.of(
                state,
                node.capacity().compute(state),
                node.rules().crewing(),
                node.clock().instant());
    }

    @GetMapping("/organisations/{id}/escalation")
    public Level level(@PathVariable String id) {
        MusterPrincipal p = user.require(Action.READ);
        var state = node.engine().state();
        Organisation o = state.getOrganisation(OrganisationId.of(id));
        return Level.of(o, state.escalationOf(o.id()), p.actsFor(o.id()) || p.allOrganisations());
    }

    /** Sets the level; its configured actions are applied with it, each as its own command in the log. */
    @PostMapping("/organisations/{id}/escalation")
    public CommandGateway.Accepted setLevel(
            @PathVariable String id,
            @RequestBody LevelChange body,
            @RequestHeader("Idempotency-Key") Optional<String> key) {
        return commands.submit(
                new Command.SetEscalationLevel(OrganisationId.of(id), body.level()),
                body.reason().orElse(""),
                key);
    }
}
