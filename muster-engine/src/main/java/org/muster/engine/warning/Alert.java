package org.muster.engine.warning;

import java.time.Instant;
import java.util.Optional;

/**
 * A warning with its evidence: a surge of one incident type against its own baseline, or a space–time
 * cluster of hostile incidents. A supervisor accepts or dismisses it; that decision is a command, not
 * part of the alert.
 */
public sealed interface Alert permits SurgeAlert, HotspotAlert {

    /**
     * Identifies what the alert is about, stable from one time bin to the next while the same thing goes
     * on (for example {@code surge:zone:BHAM-N:OBSTRUCTED_ACCESS}), so a reader can keep the newest alert
     * per key.
     */
    String key();

    /** The end of the time bin whose closing raised the alert. */
    Instant raisedAt();

    /** The start of the window counted. */
    Instant windowStart();

    /**
     * The chance of evidence at least this strong if nothing unusual were going on: a tail probability
     * (surges, Bonferroni-adjusted for the windows tried) or a Monte Carlo p-value (hotspots).
     */
    double pValue();

    /** The alert in one sentence, with its numbers. */
    String summary();

    /** What Muster suggests doing, when it has a suggestion. */
    Optional<ProposedAction> proposedAction();
}
