package org.muster.engine.coverage;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How much of an area's demand available units can reach within target.
 *
 * @param demand the area's total demand
 * @param coveredOnce the demand at least one available unit can reach
 * @param coveredTwice the demand at least two can reach: what stays covered when one of them is sent
 */
public record CoverageFigure(double demand, double coveredOnce, double coveredTwice) {
    static CoverageFigure ofMilli(long demandMilli, long onceMilli, long twiceMilli) {
        double milli = DemandCells.MILLI;
        return new CoverageFigure(demandMilli / milli, onceMilli / milli, twiceMilli / milli);
    }

    /** The share of demand covered at least once, 0 to 1; empty when the area holds no demand. */
    public OptionalDouble shareOnce() {
        return demand == 0 ? OptionalDouble.empty() : OptionalDouble.of(coveredOnce / demand);
    }

    /** The share of demand covered at least twice, 0 to 1; empty when the area holds no demand. */
    public OptionalDouble shareTwice() {
        return demand == 0 ? OptionalDouble.empty() : OptionalDouble.of(coveredTwice / demand);
    }

    @Override
    public String toString() {
        if (demand == 0) return "no demand";
        return String.format(
                Locale.ROOT, "%.1f%% once, %.1f%% twice", 100 * coveredOnce / demand, 100 * coveredTwice / demand);
    }
}
