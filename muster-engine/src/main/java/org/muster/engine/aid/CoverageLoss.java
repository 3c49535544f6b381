package org.muster.engine.aid;

import java.util.Locale;
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

    /**
     * In words, as the suggestion's reasons give it: "its EMERGENCY coverage would fall from 41.2% to 38.0%", or
     * "would stay at 23.2%" when the units lent reach none of its demand that others do not (a public order
     * carrier counts for no response's reach), rather than a fall from a figure to the same figure.
     */
    public String words() {
        String before = String.format(Locale.ROOT, "%.1f%%", 100 * shareBefore);
        String after = String.format(Locale.ROOT, "%.1f%%", 100 * shareAfter);
        return "its " + category + " coverage would "
                + (before.equals(after) ? "stay at " + before : "fall from " + before + " to " + after);
    }
}
