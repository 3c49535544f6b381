package org.muster.sim.project;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * When one zone is projected to breach its organisation's target for one priority.
 *
 * @param targetP90 the 90th-centile target judged against
 * @param breachingNow whether the last hour already breaches it
 * @param breaching in how many of the {@code replications} runs it breached within the horizon
 * @param earliest the earliest of the runs' first breaches; empty when none breached
 * @param median their median (the lower middle of an even count)
 * @param latest the latest of them
 */
public record ZoneOutlook(
        OrganisationId organisation,
        ZoneId zone,
        String name,
        Priority priority,
        Duration targetP90,
        boolean breachingNow,
        int breaching,
        int replications,
        Optional<Instant> earliest,
        Optional<Instant> median,
        Optional<Instant> latest) {

    /** Breaching now first, then by how likely a breach is, then by how soon; then by zone and priority. */
    static final Comparator<ZoneOutlook> MOST_PRESSING = Comparator.comparing((ZoneOutlook z) -> !z.breachingNow())
            .thenComparing(Comparator.comparingInt(ZoneOutlook::breaching).reversed())
            .thenComparing(z -> z.median().orElse(Instant.MAX))
            .thenComparing(z -> z.zone().value())
            .thenComparing(ZoneOutlook::priority);

    /** The share of runs in which it breached. */
    public double likelihood() {
        return replications == 0 ? 0 : (double) breaching / replications;
    }
}
