package org.muster.engine.warning;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * Upper tail probabilities of count distributions, {@code P(X >= x)}, through the regularized incomplete
 * gamma and beta functions (Apache Commons Numbers), which stay accurate far into the tail where summing
 * the probability mass function term by term would lose everything to rounding.
 */
final class CountTails {
    private CountTails() {}

    /**
     * {@code P(X >= x)} for {@code X ~ Poisson(mean)}: the lower regularized gamma function {@code P(x,
     * mean)}, by the identity between the Poisson and gamma distributions.
     */
    static double poissonAtLeast(long x, double mean) {
        if (x <= 0) return 1.0;
        if (mean <= 0) return 0.0;
        return RegularizedGamma.P.value(x, mean);
    }

    /**
     * {@code P(X >= x)} for a negative binomial with this mean and variance ({@code variance > mean}),
     * taken as {@code r} successes of probability {@code p = mean / variance} with {@code r = mean² /
     * (variance - mean)}, which need not be a whole number. {@code P(X <= x - 1) = I_p(r, x)}, so the
     * upper tail is {@code I_(1-p)(x, r)}.
     */
    static double negativeBinomialAtLeast(long x, double mean, double variance) {
        if (x <= 0) return 1.0;
        if (mean <= 0) return 0.0;
        if (!(variance > mean)) return poissonAtLeast(x, mean);
        double p = mean / variance;
        double r = mean * mean / (variance - mean);
        return RegularizedBeta.value(1 - p, x, r);
    }

    /**
     * {@code P(X >= x)} for {@code X ~ Binomial(trials, p)}: {@code I_p(x, trials - x + 1)}.
     */
    static double binomialAtLeast(long x, long trials, double p) {
        if (x <= 0) return 1.0;
        if (x > trials) return 0.0;
        return RegularizedBeta.value(p, x, trials - x + 1);
    }

    /**
     * The one-sided p-value of the exact conditional test that a window's count {@code x} over {@code w}
     * bins comes from the same Poisson rate as a baseline's total {@code s} over {@code n} bins
     * (Przyborowski and Wilenski, 1940): given the sum {@code x + s}, {@code x} is binomial with
     * probability {@code w / (w + n)} under that hypothesis. Unlike plugging the baseline's mean into a
     * Poisson tail, it allows for the baseline's own chance variation, which matters when the baseline
     * holds only a few incidents.
     */
    static double conditionalPoissonAtLeast(long x, int windowBins, long baselineTotal, int baselineBins) {
        return binomialAtLeast(x, x + baselineTotal, (double) windowBins / (windowBins + baselineBins));
    }

    /**
     * The point of a chi-squared distribution with {@code df} degrees of freedom below which lies {@code
     * probability} (0.05 or 0.95), by the Wilson–Hilferty cube-root approximation: within 1% of the exact
     * value from about 10 degrees of freedom up, which is all the baseline's dispersion needs.
     */
    static double chiSquared(int df, double probability) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom must be at least 1: " + df);
        double z;
        if (probability == 0.95) z = 1.6448536269514722;
        else if (probability == 0.05) z = -1.6448536269514722;
        else throw new IllegalArgumentException("only the 5% and 95% points are tabled: " + probability);
        double a = 2.0 / (9.0 * df);
        double t = 1 - a + z * Math.sqrt(a);
        return df * t * t * t;
    }
}
