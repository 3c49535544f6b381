package org.muster.sim.project;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;

/**
 * A projection of the next hours from the live state.
 *
 * @param at the instant projected from
 * @param horizon how far ahead
 * @param replications how many runs the times are drawn from
 * @param seed of the first run (the others follow it)
 * @param trend the calls received since {@code trendSince} against the demand model's for that time, all
 *     services' together
 * @param trendByAgency the same for each service's calls on its own: the factor its demand was scaled by
 * @param trendSince where the calls the trend counts begin: {@link Projector#TREND_WINDOW} before {@code at}, or
 *     when the service's record began if that is later
 * @param demand what the calls were drawn from, in words: the region's model, or the service's own calls
 * @param zones each zone and priority with a target, most pressing first
 * @param withoutTargets the organisations none of whose zones has a 90th-centile target (police and fire have none
 *     built in), so none of their zones is in {@code zones}
 */
public record Outlook(
        Instant at,
        Duration horizon,
        int replications,
        long seed,
        double trend,
        Map<Agency, Double> trendByAgency,
        Instant trendSince,
        String demand,
        List<ZoneOutlook> zones,
        List<OrganisationId> withoutTargets) {
    public Outlook {
        org.muster.domain.Check.present("demand", demand);
        org.muster.domain.Check.present("trendSince", trendSince);
        trendByAgency = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(trendByAgency));
        zones = List.copyOf(zones);
        withoutTargets = List.copyOf(withoutTargets);
    }

    /**
     * What the trend was judged on, in words: "the last 2 hours' calls", or "the calls since 18:00 UTC, when the
     * service's record began" for a record shorter than that.
     */
    public String trendBasis() {
        Duration span = Duration.between(trendSince, at);
        if (span.isZero()) return "no calls recorded yet";
        if (span.compareTo(Projector.TREND_WINDOW) >= 0)
            return "the last " + Projector.TREND_WINDOW.toHours() + " hours' calls";
        return "the calls since "
                + java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(trendSince)
                + ", when the service's record began";
    }
}
