package org.muster.engine.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.OfferId;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;

/** Short ways to build command envelopes in tests. */
public final class Commands {
    private static final AtomicLong NEXT = new AtomicLong();

    private Commands() {}

    /**
     * Submits {@code command} and sends it again, as a client does on a 503, while the engine refuses it as
     * transient (a few times, a pause between); fails on any other refusal or when it is refused every time.
     */
    public static org.muster.engine.CommandResult answered(org.muster.engine.Engine engine, CommandEnvelope command)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.submit(command).get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.muster.domain.TransientException) || attempt == 5)
                    throw new AssertionError(
                            "refused " + attempt + " times: " + e.getCause().getMessage(), e);
                Thread.sleep(100);
            }
        }
    }

    public static CommandEnvelope env(Command c) {
        return env(c, "");
    }

    public static CommandEnvelope env(Command c, String reason) {
        return new CommandEnvelope(CommandId.of("cmd-" + NEXT.incrementAndGet()), Actor.of("tester"), reason, c);
    }

    public static Command.CreateIncident incident(String id, String org, String type, GeoPoint at) {
        return new Command.CreateIncident(
                IncidentId.of(id), org(org), IncidentTypeCode.of(type), Optional.empty(), at, "", new TreeSet<>());
    }

    public static Command.AssignUnit assign(String incident, String unit) {
        return new Command.AssignUnit(IncidentId.of(incident), UnitId.of(unit), AssignmentRole.PRIMARY);
    }

    public static Command.ChangeUnitStatus status(String unit, UnitStatus status) {
        return new Command.ChangeUnitStatus(UnitId.of(unit), status, Optional.empty());
    }

    /** A request sent at once to the named organisations, for eight hours, URGENT. */
    public static Command.RequestAid requestAid(
            String id, String requester, AidNeed need, GeoPoint rendezvous, Instant reportBy, String... addressees) {
        return new Command.RequestAid(
                AidRequestId.of(id),
                org(requester),
                need,
                rendezvous,
                reportBy,
                Duration.ofHours(8),
                "armed stand-off; own armed officers committed",
                AidPriority.URGENT,
                Addressees.organisations(
                        set(Arrays.stream(addressees).map(Commands::org).collect(java.util.stream.Collectors.toSet()))),
                false);
    }

    public static Command.OfferAid offer(String id, String request, String offerer, String... units) {
        return new Command.OfferAid(OfferId.of(id), AidRequestId.of(request), org(offerer), units(units), false, "");
    }

    public static Command.DeclineAid decline(String request, String organisation, String reason) {
        return new Command.DeclineAid(AidRequestId.of(request), org(organisation), reason);
    }

    /** Accepts the units named, or the whole offer when none are. */
    public static Command.AcceptOffer accept(String request, String offer, String... units) {
        return new Command.AcceptOffer(AidRequestId.of(request), OfferId.of(offer), units(units));
    }

    public static Command.DeployAid deploy(String request, String... units) {
        return new Command.DeployAid(AidRequestId.of(request), units(units));
    }

    public static Command.ReleaseAid releaseAid(String request, String... units) {
        return new Command.ReleaseAid(AidRequestId.of(request), units(units));
    }

    public static TreeSet<UnitId> units(String... ids) {
        TreeSet<UnitId> out = new TreeSet<>();
        for (String id : ids) out.add(UnitId.of(id));
        return out;
    }

    public static org.muster.domain.organisation.OrganisationId org(String id) {
        return org.muster.domain.organisation.OrganisationId.of(id);
    }

    public static <T extends Comparable<? super T>> TreeSet<T> set(Set<T> values) {
        return new TreeSet<>(values);
    }
}
