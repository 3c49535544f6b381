package org.muster.engine.aid;

import org.muster.domain.incident.Priority;

/**
 * The share of an organisation's demand its available units reach within the target of {@code category}
 * (covered at least once), now and without the units it would lend.
 */
public record CoverageLoss(Priority category, double shareBefore, double shareAfter) {
    /** The fall in percentage points, 0 or more. */
    public double pointsLost() {
        return Math.max(0, 100 * (shareBefore - shareAfter));
    }
}
