package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class CountTailsTest {

    @Test
    void poissonTailMatchesTheSumOfItsTerms() {
        // P(X >= 3 | 1) = 1 − e^−1 (1 + 1 + 1/2).
        assertThat(CountTails.poissonAtLeast(3, 1)).isCloseTo(1 - Math.exp(-1) * 2.5, within(1e-14));
        assertThat(CountTails.poissonAtLeast(0, 5)).isEqualTo(1.0);
        assertThat(CountTails.poissonAtLeast(1, 0)).isEqualTo(0.0);
        for (double mean : new double[] {0.01, 0.3, 2, 17}) {
            for (int x = 1; x < 40; x++) {
                assertThat(CountTails.poissonAtLeast(x, mean))
                        .as("x = %d, mean = %s", x, mean)
                        .isCloseTo(poissonTailBySum(x, mean), Percentage.withPercentage(1e-8));
            }
        }
    }

    @Test
    void negativeBinomialTailMatchesTheSumOfItsTerms() {
        double[][] meanAndVariance = {{0.3, 0.6}, {3, 12}, {10, 11}};
        for (double[] mv : meanAndVariance) {
            double p = mv[0] / mv[1];
            double r = mv[0] * mv[0] / (mv[1] - mv[0]);
            for (int x = 1; x < 40; x++) {
                double below = 0;
                for (int k = 0; k < x; k++) below += negativeBinomialPmf(k, r, p);
                assertThat(CountTails.negativeBinomialAtLeast(x, mv[0], mv[1]))
                        .as("x = %d, mean = %s, variance = %s", x, mv[0], mv[1])
                        .isCloseTo(1 - below, within(1e-12));
            }
        }
        assertThat(CountTails.negativeBinomialAtLeast(4, 2, 2)).isEqualTo(CountTails.poissonAtLeast(4, 2));
    }

    @Test
    void conditionalTestIsTheBinomialSplitOfBothCounts() {
        // 5 in the window against 10 in a baseline 4 times as long: P(Bin(15, 1/5) >= 5).
        double expected = 0;
        for (int k = 5; k <= 15; k++) expected += binomial(15, k) * Math.pow(0.2, k) * Math.pow(0.8, 15 - k);
        assertThat(CountTails.conditionalPoissonAtLeast(5, 1, 10, 4)).isCloseTo(expected, within(1e-14));
        // An empty baseline: every one of the x incidents had to fall in the window.
        assertThat(CountTails.conditionalPoissonAtLeast(3, 1, 0, 168)).isCloseTo(Math.pow(1.0 / 169, 3), within(1e-18));
    }

    @Test
    void chiSquaredPointsAreWithinOnePercentOfTheTables() {
        assertThat(CountTails.chiSquared(10, 0.95)).isCloseTo(18.307, Percentage.withPercentage(1));
        assertThat(CountTails.chiSquared(10, 0.05)).isCloseTo(3.940, Percentage.withPercentage(1));
        assertThat(CountTails.chiSquared(167, 0.95)).isCloseTo(198.0, Percentage.withPercentage(0.5));
    }

    private static double poissonTailBySum(int x, double mean) {
        // Summing the upper terms directly keeps the far tail's precision.
        double term = Math.exp(-mean);
        for (int k = 1; k <= x; k++) term *= mean / k;
        double sum = 0;
        for (int k = x; k < x + 400 && term > 0; k++) {
            sum += term;
            term *= mean / (k + 1);
        }
        return sum;
    }

    private static double negativeBinomialPmf(int k, double r, double p) {
        double logCoefficient = org.apache.commons.numbers.gamma.LogGamma.value(k + r)
                - org.apache.commons.numbers.gamma.LogGamma.value(r)
                - org.apache.commons.numbers.gamma.LogGamma.value(k + 1);
        return Math.exp(logCoefficient + r * Math.log(p) + k * Math.log1p(-p));
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }
}
