package org.muster.geo.region;

import java.util.random.RandomGenerator;
import org.muster.domain.organisation.Organisation;

/**
 * The wavy line from the region's south edge to its north edge that divides the two police forces. It
 * avoids cutting through the first city when it can, as real force boundaries run between towns.
 */
final class PoliceBoundary {
    private static final int SEGMENTS = 24;
    private static final int ATTEMPTS = 40;

    private final double minY;
    private final double stepY;
    private final double[] xs;

    private PoliceBoundary(double minY, double stepY, double[] xs) {
        this.minY = minY;
        this.stepY = stepY;
        this.xs = xs;
    }

    static PoliceBoundary plan(RegionLayout layout, RandomGenerator rng) {
        double w = layout.widthMeters();
        double h = layout.heightMeters();
        Town city = layout.towns().getFirst();
        PoliceBoundary boundary = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double x0 = rng.nextDouble(-0.12, 0.12) * w;
            double amplitude = 0.06 * w;
            double wavelength = rng.nextDouble(0.6, 1.2) * h;
            double phase = rng.nextDouble(0, 2 * StrictMath.PI);
            double[] xs = new double[SEGMENTS + 1];
            for (int k = 0; k <= SEGMENTS; k++) {
                double y = layout.minY() + k * h / SEGMENTS;
                xs[k] = x0
                        + amplitude * StrictMath.sin(2 * StrictMath.PI * y / wavelength + phase)
                        + rng.nextDouble(-0.01, 0.01) * w;
            }
            boundary = new PoliceBoundary(layout.minY(), h / SEGMENTS, xs);
            if (!boundary.crosses(city)) break;
        }
        return boundary;
    }

    int vertexCount() {
        return xs.length;
    }

    double vertexX(int k) {
        return xs[k];
    }

    double vertexY(int k) {
        return minY + k * stepY;
    }

    /** The boundary's x at height y, along the same straight segments as the zones' polygons. */
    double xAt(double y) {
        double k = (y - minY) / stepY;
        int i = (int) Math.max(0, Math.min(SEGMENTS - 1, Math.floor(k)));
        double t = Math.max(0, Math.min(1, k - i));
        return xs[i] + t * (xs[i + 1] - xs[i]);
    }

    boolean isWest(double x, double y) {
        return x < xAt(y);
    }

    Organisation forceAt(double x, double y) {
        return isWest(x, y) ? RegionOrganisations.WEST_POLICE : RegionOrganisations.EAST_POLICE;
    }

    private boolean crosses(Town t) {
        for (double y = t.centreY - t.halfHeight() - t.spacingMeters;
                y <= t.centreY + t.halfHeight() + t.spacingMeters;
                y += t.spacingMeters) {
            if (Math.abs(xAt(y) - t.centreX) <= t.halfWidth() + t.spacingMeters) return true;
        }
        return false;
    }
}
