package org.muster.engine.warning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;

/**
 * A space–time cluster of hostile or obstructed incidents: more of them in a few neighbouring cells over
 * the last few bins than those cells' own history and the area's recent total would lead one to expect.
 *
 * @param cells the H3 cells of the cluster (the centre and its neighbours within {@code ringK} steps), as H3
 *     addresses
 * @param centreCell the H3 address of the cluster's centre cell
 * @param centre the centre cell's centre point
 * @param ringK how many steps of neighbours around the centre the cluster takes in
 * @param windowStart the start of the cluster's time window
 * @param raisedAt the end of the cluster's time window, when the alert was raised
 * @param windowBins the window's length in bins
 * @param count incidents in the cluster's cells and window
 * @param expected incidents expected there under the space–time permutation model: {@code (incidents in
 *     those cells over the study period) × (incidents anywhere in the window) / (all incidents in the study
 *     period)}
 * @param ratio {@code count / expected}
 * @param logLikelihoodRatio Kulldorff's Poisson log-likelihood ratio, the scan statistic
 * @param pValue the Monte Carlo p-value: {@code (1 + replicas whose largest statistic is at least this) /
 *     (1 + replications)}
 * @param replications how many random permutations the p-value came from (its smallest possible value is
 *     {@code 1 / (1 + replications)})
 * @param studyCases incidents in the whole study period and area the scan looked at
 * @param organisations the organisations whose calls are in the cluster: it is addressed to them
 * @param summary the alert in words
 * @param proposedAction what Muster suggests, if anything
 */
public record HotspotAlert(
        List<String> cells,
        String centreCell,
        GeoPoint centre,
        int ringK,
        Instant windowStart,
        Instant raisedAt,
        int windowBins,
        long count,
        double expected,
        double ratio,
        double logLikelihoodRatio,
        double pValue,
        int replications,
        long studyCases,
        SortedSet<OrganisationId> organisations,
        String summary,
        Optional<ProposedAction> proposedAction)
        implements Alert {

    public HotspotAlert {
        cells = List.copyOf(Check.nonEmpty("cells", cells));
        Check.present("centreCell", centreCell);
        Check.present("centre", centre);
        Check.present("windowStart", windowStart);
        Check.present("raisedAt", raisedAt);
        organisations = Sorted.setOf(Check.present("organisations", organisations));
        Check.present("summary", summary);
        Check.present("proposedAction", proposedAction);
    }

    @Override
    public String key() {
        return "hotspot:" + centreCell;
    }
}
