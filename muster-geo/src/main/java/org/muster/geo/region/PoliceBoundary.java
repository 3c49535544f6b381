package org.muster.geo.region;

import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.muster.domain.organisation.Organisation;

/**
 * The police force boundaries: a wavy line from the region's south edge to its north edge that divides
 * Westshire from Eastshire, and a gentler one from the west edge to the east edge above which lies
 * Northshire, a third force bordering both, so that a force asking its neighbours has more than one to ask.
 * Both avoid cutting through the first city when they can, as real force boundaries run between towns, and
 * Northshire's holds about a third of the settlements, a town among them.
 */
final class PoliceBoundary {
    private static final int SEGMENTS = 24;
    private static final int ATTEMPTS = 40;

    private final double minY;
    private final double stepY;
    private final double[] xs;
    private double minX;
    private double stepX;
    /** Northshire's southern edge: its y at each of SEGMENTS + 1 evenly spaced x. */
    private double[] northYs;

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
        // drawn after the west-east line, so that line is the same as before Northshire existed
        boundary.planNorth(layout, rng);
        return boundary;
    }

    private void planNorth(RegionLayout layout, RandomGenerator rng) {
        double w = layout.widthMeters();
        double h = layout.heightMeters();
        minX = layout.minX();
        stepX = w / SEGMENTS;
        double y0 = northEdge(layout);
        double amplitude = 0.015 * h;
        double phase = rng.nextDouble(0, 2 * StrictMath.PI);
        northYs = new double[SEGMENTS + 1];
        for (int k = 0; k <= SEGMENTS; k++) {
            double x = minX + k * stepX;
            northYs[k] = y0 + amplitude * StrictMath.sin(2 * StrictMath.PI * x / w + phase);
        }
    }

    /**
     * A height between two settlements with about a third of them above it, a town or city among them, not
     * through the first city; the top third of the region if no gap will do.
     */
    private static double northEdge(RegionLayout layout) {
        List<Town> byNorth = layout.towns().stream()
                .sorted(Comparator.comparingDouble((Town t) -> -t.centreY).thenComparingInt(t -> t.index))
                .toList();
        Town city = layout.towns().getFirst();
        int n = byNorth.size();
        int target = Math.max(2, (int) Math.round(n / 3.0));
        // gaps nearest a third first, never leaving Northshire more than half of the settlements
        List<Integer> gaps = new java.util.ArrayList<>();
        for (int k = 2; k <= n / 2; k++) gaps.add(k);
        gaps.sort(Comparator.comparingInt((Integer k) -> Math.abs(k - target)).thenComparingInt(k -> k));
        for (int k : gaps) {
            double y = (byNorth.get(k - 1).centreY + byNorth.get(k).centreY) / 2;
            boolean hasTown = byNorth.subList(0, k).stream().anyMatch(t -> t.kind != SettlementKind.VILLAGE);
            boolean clearOfCity = Math.abs(y - city.centreY) > city.halfHeight() + 2 * city.spacingMeters;
            boolean clearOfNeighbours = byNorth.get(k - 1).centreY - y > 1_500 && y - byNorth.get(k).centreY > 1_500;
            if (hasTown && clearOfCity && clearOfNeighbours) return y;
        }
        return layout.maxY() - layout.heightMeters() / 3;
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

    int northVertexCount() {
        return northYs.length;
    }

    double northVertexX(int k) {
        return minX + k * stepX;
    }

    double northVertexY(int k) {
        return northYs[k];
    }

    /** Northshire's southern edge at x, along the same straight segments as the zones' polygons. */
    double northYAt(double x) {
        double k = (x - minX) / stepX;
        int i = (int) Math.max(0, Math.min(SEGMENTS - 1, Math.floor(k)));
        double t = Math.max(0, Math.min(1, k - i));
        return northYs[i] + t * (northYs[i + 1] - northYs[i]);
    }

    boolean isNorth(double x, double y) {
        return y > northYAt(x);
    }

    Organisation forceAt(double x, double y) {
        if (isNorth(x, y)) return RegionOrganisations.NORTH_POLICE;
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
