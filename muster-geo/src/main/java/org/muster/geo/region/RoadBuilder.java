package org.muster.geo.region;

import java.util.List;
import java.util.random.RandomGenerator;

/** Lays out A and B roads between towns' gates: gently winding lines with a node every 400 m or so. */
final class RoadBuilder {
    /** How far a road may wander from the straight line, as a share of its length. */
    private static final double MAX_MEANDER_SHARE = 0.08;

    private static final double MAX_MEANDER_METERS = 2_000;

    private final RoadNodes nodes;
    private final List<WayPlan> ways;
    private int aRoads;
    private int bRoads;

    RoadBuilder(RoadNodes nodes, List<WayPlan> ways) {
        this.nodes = nodes;
        this.ways = ways;
    }

    /** An A road between two towns or cities, a B road when a village is at either end. */
    void road(RandomGenerator rng, Town a, Town b) {
        int[] ga = a.gateFacing(b.centreX, b.centreY);
        int[] gb = b.gateFacing(a.centreX, a.centreY);
        long[] refs = line(
                rng,
                a.nodeId(ga[0], ga[1]),
                a.x(ga[0], ga[1]),
                a.y(ga[0], ga[1]),
                b.nodeId(gb[0], gb[1]),
                b.x(gb[0], gb[1]),
                b.y(gb[0], gb[1]));
        boolean major = a.kind != SettlementKind.VILLAGE && b.kind != SettlementKind.VILLAGE;
        ways.add(major ? aRoad(refs) : bRoad(refs));
    }

    /** An A road from a node off the grids (a motorway junction) to a town's gate facing it. */
    void spur(RandomGenerator rng, long fromId, double fromX, double fromY, Town town) {
        int[] g = town.gateFacing(fromX, fromY);
        ways.add(aRoad(
                line(rng, fromId, fromX, fromY, town.nodeId(g[0], g[1]), town.x(g[0], g[1]), town.y(g[0], g[1]))));
    }

    private WayPlan aRoad(long[] refs) {
        return WayPlan.of(refs, "highway", "primary", "ref", "A" + (500 + ++aRoads), "maxspeed", "60 mph");
    }

    private WayPlan bRoad(long[] refs) {
        return WayPlan.of(refs, "highway", "secondary", "ref", "B" + (5000 + ++bRoads), "maxspeed", "50 mph");
    }

    /** Node ids from one end to the other, adding the nodes in between. */
    private long[] line(RandomGenerator rng, long fromId, double x0, double y0, long toId, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = Math.sqrt(dx * dx + dy * dy);
        int segments = LayoutPlanner.roadNodeCount(length);
        double meander = Math.min(MAX_MEANDER_METERS, length * MAX_MEANDER_SHARE) * rng.nextDouble(-1, 1);
        double wiggle = meander * rng.nextDouble(-0.3, 0.3);
        double px = length == 0 ? 0 : -dy / length;
        double py = length == 0 ? 0 : dx / length;
        long[] refs = new long[segments + 1];
        refs[0] = fromId;
        refs[segments] = toId;
        for (int k = 1; k < segments; k++) {
            double t = (double) k / segments;
            double offset =
                    meander * StrictMath.sin(StrictMath.PI * t) + wiggle * StrictMath.sin(2 * StrictMath.PI * t);
            refs[k] = nodes.add(x0 + t * dx + px * offset, y0 + t * dy + py * offset);
        }
        return refs;
    }
}
