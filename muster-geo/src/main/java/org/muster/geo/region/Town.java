package org.muster.geo.region;

/**
 * A settlement's street grid: {@code nx} by {@code ny} junctions about {@code spacingMeters} apart,
 * nudged off the lattice so that streets are not ruler-straight. Node positions and ids are computed, not
 * stored, so a million-junction region costs no memory for its streets.
 */
final class Town {
    enum Side {
        EAST,
        WEST,
        NORTH,
        SOUTH
    }

    /** How far a junction may sit from its lattice point, as a share of the spacing. */
    private static final double JITTER_SHARE = 0.15;

    final int index;
    final String name;
    final SettlementKind kind;
    final double centreX;
    final double centreY;
    final int nx;
    final int ny;
    final double spacingMeters;
    final long firstNodeId;
    final long hashSeed;

    Town(
            int index,
            String name,
            SettlementKind kind,
            double centreX,
            double centreY,
            int nx,
            int ny,
            double spacingMeters,
            long firstNodeId,
            long hashSeed) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.centreX = centreX;
        this.centreY = centreY;
        this.nx = nx;
        this.ny = ny;
        this.spacingMeters = spacingMeters;
        this.firstNodeId = firstNodeId;
        this.hashSeed = hashSeed;
    }

    long nodeCount() {
        return (long) nx * ny;
    }

    long nodeId(int i, int j) {
        return firstNodeId + (long) j * nx + i;
    }

    double halfWidth() {
        return (nx - 1) / 2.0 * spacingMeters;
    }

    double halfHeight() {
        return (ny - 1) / 2.0 * spacingMeters;
    }

    /** Half the diagonal: every junction lies within this distance of the centre (plus jitter). */
    double radiusMeters() {
        return Math.sqrt(halfWidth() * halfWidth() + halfHeight() * halfHeight()) + spacingMeters;
    }

    double x(int i, int j) {
        return centreX - halfWidth() + i * spacingMeters + jitter(i, j, 1);
    }

    double y(int i, int j) {
        return centreY - halfHeight() + j * spacingMeters + jitter(i, j, 2);
    }

    int middleColumn() {
        return nx / 2;
    }

    int middleRow() {
        return ny / 2;
    }

    /** The junction where the main street leaves the grid on the given side. */
    int[] gate(Side side) {
        return switch (side) {
            case EAST -> new int[] {nx - 1, middleRow()};
            case WEST -> new int[] {0, middleRow()};
            case NORTH -> new int[] {middleColumn(), ny - 1};
            case SOUTH -> new int[] {middleColumn(), 0};
        };
    }

    /** The gate on the side facing a point, so a road leaving it heads away from the grid at once. */
    int[] gateFacing(double x, double y) {
        double dx = x - centreX;
        double dy = y - centreY;
        if (Math.abs(dx) / Math.max(1, halfWidth()) >= Math.abs(dy) / Math.max(1, halfHeight())) {
            return gate(dx >= 0 ? Side.EAST : Side.WEST);
        }
        return gate(dy >= 0 ? Side.NORTH : Side.SOUTH);
    }

    boolean contains(double x, double y, double marginMeters) {
        return Math.abs(x - centreX) <= halfWidth() + marginMeters
                && Math.abs(y - centreY) <= halfHeight() + marginMeters;
    }

    /** A number in [0, 1) fixed by this town, the two indices and a salt: per-street choices without state. */
    double hash(long a, long b, long salt) {
        long h = hashSeed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL) ^ (salt * 0x165667B19E3779F9L);
        return (mix(h) >>> 11) * 0x1.0p-53;
    }

    private double jitter(int i, int j, int axis) {
        return (hash(i, j, axis) * 2 - 1) * JITTER_SHARE * spacingMeters;
    }

    /** The SplitMix64 finaliser: spreads nearby inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
