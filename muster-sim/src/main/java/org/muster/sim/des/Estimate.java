package org.muster.sim.des;

import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.TDistribution;
import org.muster.domain.Check;

/**
 * A figure estimated over replications: the mean of its values and the 95 % confidence interval of that
 * mean from Student's t with n - 1 degrees of freedom (the replications are independent; their number is
 * small, so the normal quantile would be too narrow).
 *
 * @param n the replications that gave the figure a value (a group without responses has no mean)
 * @param mean their mean; empty when none did
 * @param low the interval's lower end; empty with fewer than two values
 * @param high its upper end; empty with fewer than two values
 */
public record Estimate(int n, OptionalDouble mean, OptionalDouble low, OptionalDouble high) {
    /** The confidence level of the interval. */
    public static final double CONFIDENCE = 0.95;

    public Estimate {
        Check.atLeast("n", n, 0);
        Check.present("mean", mean);
        Check.present("low", low);
        Check.present("high", high);
    }

    /**
     * The estimate of an amount that cannot be negative (a count, a time): its interval ends no lower than 0.
     * Student's interval is symmetric; with a few replications of a skewed figure it would otherwise reach
     * below anything the figure can be.
     */
    public static Estimate ofAmounts(List<Double> values) {
        return of(values).within(0, Double.POSITIVE_INFINITY);
    }

    /** The estimate of a share, whose interval stays within 0 and 1. */
    public static Estimate ofShares(List<Double> values) {
        return of(values).within(0, 1);
    }

    /** This estimate with its interval cut to what the figure can be. */
    public Estimate within(double lowest, double highest) {
        return new Estimate(n, mean, clamp(low, lowest, highest), clamp(high, lowest, highest));
    }

    private static OptionalDouble clamp(OptionalDouble d, double lowest, double highest) {
        return d.isEmpty() ? d : OptionalDouble.of(Math.max(lowest, Math.min(highest, d.getAsDouble())));
    }

    /** The estimate from the replications' values. */
    public static Estimate of(List<Double> values) {
        Check.present("values", values);
        int n = values.size();
        if (n == 0) return new Estimate(0, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n;
        if (n == 1) return new Estimate(1, OptionalDouble.of(mean), OptionalDouble.empty(), OptionalDouble.empty());
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        double standardError = Math.sqrt(squares / (n - 1) / n);
        // no random generator: only the quantile is asked for, and the default one is seeded from the clock
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * standardError;
        return new Estimate(n, OptionalDouble.of(mean), OptionalDouble.of(mean - half), OptionalDouble.of(mean + half));
    }
}
