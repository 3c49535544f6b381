package org.muster.engine.warning;

import java.util.random.RandomGenerator;

/** Synthetic counts for the detectors' tests. */
final class Streams {
    private Streams() {}

    /** A Poisson draw by inversion: exact, and quick for the means of a bin's count (up to about 100). */
    static int poisson(RandomGenerator random, double mean) {
        double u = random.nextDouble();
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && p > 0) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /**
     * A negative binomial draw with this mean and variance, as a Poisson whose mean is gamma distributed:
     * the usual way overdispersed counts arise (the rate itself varies from bin to bin).
     */
    static int negativeBinomial(RandomGenerator random, double mean, double variance) {
        double shape = mean * mean / (variance - mean);
        double scale = mean / shape;
        return poisson(random, gamma(random, shape) * scale);
    }

    /** Marsaglia and Tsang's method (2000), boosted by {@code U^(1/shape)} for shapes below 1. */
    static double gamma(RandomGenerator random, double shape) {
        if (shape < 1) return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }
}
