package org.muster.engine.rules;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.command.Command;
import org.muster.domain.escalation.Escalation;
import org.muster.domain.event.Event;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.engine.state.MusterState;

/**
 * Escalation levels, and the measures they bring, each of which is also a command a supervisor may give
 * alone. A level's actions come from the {@link EscalationPolicy} and are decided here as their own
 * commands, in the same draft, so that they stand in the log under the level's reason.
 */
final class Escalations {
    /** How soon automatically asked units should report, and for how long they are wanted. */
    static final Duration AID_REPORT_BY = Duration.ofHours(1);

    static final Duration AID_DURATION = Duration.ofHours(12);

    private Escalations() {}

    static void setLevel(Draft d, Command.SetEscalationLevel c, String reason, Rules rules) {
        MusterState s = d.state();
        Organisation o = s.getOrganisation(c.organisation());
        Escalation before = s.escalationOf(o.id());
        if (reason.isBlank())
            throw InvalidInputException.of(
                    "reason", reason, "is required to set an escalation level: the log keeps why");
        if (before.level() == c.level())
            throw new ConflictException(o.id() + " is already at escalation level " + c.level());
        d.add(new Event.EscalationLevelChanged(o.id(), before.level(), c.level()));
        EscalationPolicy.Actions actions = rules.escalation().actionsFor(o.agency(), c.level());
        if (before.targetsSuspended() != actions.suspendTargets())
            suspendTargets(d, new Command.SuspendTargets(o.id(), actions.suspendTargets()));
        if (!before.heldBack().equals(actions.holdBack()))
            holdBack(d, new Command.HoldBackPriorities(o.id(), actions.holdBack()));
        if (c.level() > before.level() && actions.askAid().isPresent())
            askAid(d, o, actions.askAid().get(), c.level(), reason, rules);
        if (c.level() < before.level()) withdrawUnansweredAsks(d, o, c.level(), reason);
    }

    /**
     * Stepping down below a level that asked for aid withdraws that level's request while nobody has offered
     * anything: the measure goes with the level, as its held-back calls do, and the coordinator is not left
     * brokering units for a pressure that has passed. A request with offers in play or units accepted has people
     * acting on it and stays for its requester to cancel or deploy.
     */
    private static void withdrawUnansweredAsks(Draft d, Organisation o, int level, String reason) {
        for (AidRequest r : d.state().listOpenAidRequests()) {
            int askedAt = levelThatAsked(o, r);
            if (askedAt <= level
                    || r.status() != AidRequestStatus.OPEN
                    || !r.offers().isEmpty()) continue;
            MutualAid.cancel(
                    d,
                    new Command.CancelAidRequest(r.id()),
                    "escalation stepped down to level " + level + ": " + reason);
        }
    }

    /** The level whose measures asked for the request ({@link #askAid}'s id), or 0 when a person asked. */
    static int levelThatAsked(Organisation o, AidRequest r) {
        if (!r.requester().equals(o.id())) return 0;
        Matcher m = ASKED_BY_LEVEL.matcher(r.id().value());
        if (!m.matches() || !m.group(1).equals(o.id().value())) return 0;
        return Integer.parseInt(m.group(2));
    }

    private static final Pattern ASKED_BY_LEVEL = Pattern.compile("(.+)-L([1-9][0-9]?)-[0-9]+");

    static void suspendTargets(Draft d, Command.SuspendTargets c) {
        Escalation e = d.state()
                .escalationOf(d.state().getOrganisation(c.organisation()).id());
        if (e.targetsSuspended() == c.suspended())
            throw new ConflictException(c.organisation() + "'s response time targets are already "
                    + (c.suspended() ? "suspended" : "in force"));
        d.add(new Event.TargetsSuspended(c.organisation(), c.suspended()));
    }

    static void holdBack(Draft d, Command.HoldBackPriorities c) {
        Organisation o = d.state().getOrganisation(c.organisation());
        for (Priority p : c.priorities())
            if (!p.appliesTo(o.agency()))
                throw InvalidInputException.of(
                        "priorities", p, "is not a category of " + o.agency() + " calls, which " + o.id() + " takes");
        if (d.state().escalationOf(o.id()).heldBack().equals(c.priorities()))
            throw new ConflictException(o.id() + " already holds back exactly " + c.priorities());
        d.add(new Event.PrioritiesHeldBack(o.id(), c.priorities()));
    }

    /**
     * Asks the national coordinator for units, met at the organisation's first station; an organisation
     * with no station has nowhere to meet them and asks nothing (the level still stands).
     */
    private static void askAid(
            Draft d, Organisation o, EscalationPolicy.AidAsk ask, int level, String reason, Rules rules) {
        Optional<Station> base = d.state().stations().values().stream()
                .filter(st -> st.organisation().equals(o.id()) && st.kind() != StationKind.HOSPITAL)
                .min(Comparator.comparing(st -> st.id().value()));
        if (base.isEmpty()) return;
        // the level's own, at its moment: one organisation reaches one level at most once in an instant
        AidRequestId id =
                AidRequestId.of(o.id().value() + "-L" + level + "-" + d.now().toEpochMilli());
        MutualAid.request(
                d,
                new Command.RequestAid(
                        id,
                        o.id(),
                        AidNeed.units(ask.type(), ask.count(), java.util.Set.of()),
                        base.get().location(),
                        d.now().plus(AID_REPORT_BY),
                        AID_DURATION,
                        "escalation level " + level + ": " + reason,
                        AidPriority.URGENT,
                        Addressees.coordinator(),
                        false),
                rules);
    }
}
