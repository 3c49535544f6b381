package org.muster.domain.aid;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;

/**
 * One unit's time lent under a request: from its arrival at the rendezvous point to its release, for cost
 * recovery. The times are those of the events that lent and returned it.
 *
 * @param end empty while the unit is still lent
 */
public record AidDeployment(
        UnitId unit, OrganisationId home, OrganisationId host, Instant start, Optional<Instant> end) {
    public AidDeployment {
        Check.present("deployment.unit", unit);
        Check.present("deployment.home", home);
        Check.present("deployment.host", host);
        Check.present("deployment.start", start);
        Check.present("deployment.end", end);
    }

    public boolean isOngoing() {
        return end.isEmpty();
    }

    public AidDeployment endedAt(Instant at) {
        return new AidDeployment(unit, home, host, start, Optional.of(at));
    }

    /** How long the unit has been lent: to its end, or to {@code now} while still lent. */
    public Duration lentFor(Instant now) {
        Duration d = Duration.between(start, end.orElse(now));
        return d.isNegative() ? Duration.ZERO : d;
    }
}
