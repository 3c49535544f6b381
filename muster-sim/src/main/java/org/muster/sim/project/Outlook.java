package org.muster.sim.project;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A projection of the next hours from the live state.
 *
 * @param at the instant projected from
 * @param horizon how far ahead
 * @param replications how many runs the times are drawn from
 * @param seed of the first run (the others follow it)
 * @param trend the calls of the last two hours against the demand model's: the factor the demand was scaled by
 * @param demand what the calls were drawn from, in words: the region's model, or the service's own calls
 * @param zones each zone and priority with a target, most pressing first
 */
public record Outlook(
        Instant at,
        Duration horizon,
        int replications,
        long seed,
        double trend,
        String demand,
        List<ZoneOutlook> zones) {
    public Outlook {
        org.muster.domain.Check.present("demand", demand);
        zones = List.copyOf(zones);
    }
}
