package org.muster.domain.aid;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;

/**
 * One unit's time lent under a request, for cost recovery. It is deployed (lent, and sent on the roads to the
 * rendezvous point), arrives there, and is released. The unit-hours lent run from its arrival to its release;
 * the officer-hours a home service recovers also count the journey there and back. The times are those of
 * the events that lent it, recorded its arrival and returned it.
 *
 * @param start when it was deployed: lent to its host and sent to the rendezvous point
 * @param arrived when it reached the rendezvous point (or its host first tasked it, if sooner); empty while
 *     it is still on its way
 * @param end when it was released; empty while the unit is still lent
 * @param crew how many people were on board when it was deployed
 */
public record AidDeployment(
        UnitId unit,
        OrganisationId home,
        OrganisationId host,
        Instant start,
        Optional<Instant> arrived,
        Optional<Instant> end,
        int crew) {
    public AidDeployment {
        Check.present("deployment.unit", unit);
        Check.present("deployment.home", home);
        Check.present("deployment.host", host);
        Check.present("deployment.start", start);
        Check.present("deployment.arrived", arrived);
        Check.present("deployment.end", end);
        Check.atLeast("deployment.crew", crew, 0);
    }

    /** A unit just deployed: on its way to the rendezvous point. */
    public static AidDeployment deployed(UnitId unit, OrganisationId home, OrganisationId host, Instant at, int crew) {
        return new AidDeployment(unit, home, host, at, Optional.empty(), Optional.empty(), crew);
    }

    public boolean isOngoing() {
        return end.isEmpty();
    }

    /** Whether it is lent and has not reached the rendezvous point yet. */
    public boolean isTravelling() {
        return isOngoing() && arrived.isEmpty();
    }

    public AidDeployment arrivedAt(Instant at) {
        return new AidDeployment(unit, home, host, start, Optional.of(at), end, crew);
    }

    public AidDeployment endedAt(Instant at) {
        return new AidDeployment(unit, home, host, start, arrived, Optional.of(at), crew);
    }

    /**
     * The unit-hours lent: from its arrival at the rendezvous point to its end, or to {@code now} while still
     * lent; none while it has not arrived, nor for a unit released before it got there.
     */
    public Duration lentFor(Instant now) {
        if (arrived.isEmpty()) return Duration.ZERO;
        return positive(Duration.between(arrived.get(), end.orElse(now)));
    }

    /** The journey to the rendezvous point, as measured: from deployment to arrival (or its end, or now). */
    public Duration travelOut(Instant now) {
        return positive(Duration.between(start, arrived.or(() -> end).orElse(now)));
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
