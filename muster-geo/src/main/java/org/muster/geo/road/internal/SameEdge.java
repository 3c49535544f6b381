package org.muster.geo.road.internal;

/** Driving from one location to another on the same edge without reaching a junction. */
final class SameEdge {
    private SameEdge() {}

    /**
     * The direct travel time from {@code from} to {@code to}, both on the same edge, or -1 when the edge
     * may not be driven that way. Both anchors measure from the same base node and speed is constant
     * along an edge, so the time is the difference of their times to the end they both drive towards
     * (the way {@link NearestSearch} offers an origin on the destination's edge).
     */
    static long millis(Anchor from, Anchor to) {
        double gap = to.metersFromBase() - from.metersFromBase();
        if (gap == 0) {
            boolean drivable = from.millisToAdj() != Anchor.UNREACHABLE || from.millisToBase() != Anchor.UNREACHABLE;
            return drivable ? 0 : -1;
        }
        if (gap > 0) {
            if (from.millisToAdj() == Anchor.UNREACHABLE || to.millisToAdj() == Anchor.UNREACHABLE) return -1;
            return Math.max(0, from.millisToAdj() - to.millisToAdj());
        }
        if (from.millisToBase() == Anchor.UNREACHABLE || to.millisToBase() == Anchor.UNREACHABLE) return -1;
        return Math.max(0, from.millisToBase() - to.millisToBase());
    }
}
