package org.muster.geo.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A motorway between two towns: two one-way carriageways 24 m apart, ending at a terminal node at each
 * end that an A road links to the town, and junctions where it passes near other places. At a junction,
 * each carriageway has an exit slip road to a junction node beside it and an entry slip road back; the
 * two junction nodes are joined by a bridge and one of them by an A road to the place.
 */
final class MotorwayBuilder {
    private static final double STATION_SPACING_METERS = 500;
    private static final double CARRIAGEWAY_OFFSET_METERS = 12;
    private static final double JUNCTION_OFFSET_METERS = 250;
    /** A place whose edge lies within this distance of the motorway gets a junction. */
    private static final double JUNCTION_REACH_METERS = 6_000;
    /** Junctions at least this many stations (2 km) apart, so slip roads do not overlap. */
    private static final int MIN_JUNCTION_SPACING = 4;

    private static final double TERMINAL_CLEARANCE_METERS = 1_200;

    private record Junction(int station, Town town, double distance) {}

    private final RoadNodes nodes;
    private final List<WayPlan> ways;
    private final RoadBuilder roads;
    private final List<Town> towns;
    private int motorways;
    private int junctions;

    MotorwayBuilder(RoadNodes nodes, List<WayPlan> ways, RoadBuilder roads, List<Town> towns) {
        this.nodes = nodes;
        this.ways = ways;
        this.roads = roads;
        this.towns = towns;
    }

    int motorways() {
        return motorways;
    }

    int junctions() {
        return junctions;
    }

    void build(RandomGenerator rng, Town a, Town b) {
        double dist = LayoutPlanner.distance(a, b);
        double ux = (b.centreX - a.centreX) / dist;
        double uy = (b.centreY - a.centreY) / dist;
        double ax = a.centreX + ux * (a.radiusMeters() + TERMINAL_CLEARANCE_METERS);
        double ay = a.centreY + uy * (a.radiusMeters() + TERMINAL_CLEARANCE_METERS);
        double bx = b.centreX - ux * (b.radiusMeters() + TERMINAL_CLEARANCE_METERS);
        double by = b.centreY - uy * (b.radiusMeters() + TERMINAL_CLEARANCE_METERS);
        double length = (bx - ax) * ux + (by - ay) * uy;
        int n = (int) Math.ceil(length / STATION_SPACING_METERS);
        if (n < 2 * MIN_JUNCTION_SPACING) return; // the towns are too close for a motorway to be worth it
        motorways++;
        String ref = "M" + motorways;
        double px = -uy;
        double py = ux;
        double bend = length * 0.03 * rng.nextDouble(-1, 1);
        double[] sx = new double[n + 1];
        double[] sy = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double t = (double) k / n;
            double offset = bend * StrictMath.sin(StrictMath.PI * t);
            sx[k] = ax + t * (bx - ax) + px * offset;
            sy[k] = ay + t * (by - ay) + py * offset;
        }
        long[] forward = new long[n + 1];
        long[] backward = new long[n + 1];
        forward[0] = backward[0] = nodes.add(sx[0], sy[0]);
        for (int k = 1; k < n; k++) {
            forward[k] = nodes.add(sx[k] + px * CARRIAGEWAY_OFFSET_METERS, sy[k] + py * CARRIAGEWAY_OFFSET_METERS);
            backward[k] = nodes.add(sx[k] - px * CARRIAGEWAY_OFFSET_METERS, sy[k] - py * CARRIAGEWAY_OFFSET_METERS);
        }
        forward[n] = backward[n] = nodes.add(sx[n], sy[n]);
        ways.add(carriageway(forward, ref));
        ways.add(carriageway(reversed(backward), ref));
        roads.spur(rng, forward[0], sx[0], sy[0], a);
        roads.spur(rng, forward[n], sx[n], sy[n], b);
        int number = 0;
        for (Junction j : junctions(a, b, sx, sy, px, py)) {
            junction(rng, j, ++number, forward, backward, sx[j.station()], sy[j.station()], px, py);
        }
    }

    private void junction(
            RandomGenerator rng,
            Junction j,
            int number,
            long[] forward,
            long[] backward,
            double x,
            double y,
            double px,
            double py) {
        int k = j.station();
        double lx = x + px * JUNCTION_OFFSET_METERS;
        double ly = y + py * JUNCTION_OFFSET_METERS;
        double rx = x - px * JUNCTION_OFFSET_METERS;
        double ry = y - py * JUNCTION_OFFSET_METERS;
        long left = nodes.add(lx, ly);
        long right = nodes.add(rx, ry);
        nodes.markJunction(forward[k - 1], String.valueOf(number));
        nodes.markJunction(backward[k + 1], String.valueOf(number));
        ways.add(slip(forward[k - 1], left));
        ways.add(slip(left, forward[k + 1]));
        ways.add(slip(backward[k + 1], right));
        ways.add(slip(right, backward[k - 1]));
        ways.add(WayPlan.of(
                new long[] {left, right}, "highway", "primary", "bridge", "yes", "layer", "1", "maxspeed", "40 mph"));
        boolean townOnLeft = (j.town().centreX - x) * px + (j.town().centreY - y) * py >= 0;
        if (townOnLeft) roads.spur(rng, left, lx, ly, j.town());
        else roads.spur(rng, right, rx, ry, j.town());
        junctions++;
    }

    /**
     * Where the motorway comes within reach of a place other than its ends: at the station nearest the
     * place, keeping the nearer place when two want stations too close together. With none in reach, one
     * junction half way, to the nearest place.
     */
    private List<Junction> junctions(Town a, Town b, double[] sx, double[] sy, double px, double py) {
        int n = sx.length - 1;
        List<Junction> candidates = new ArrayList<>();
        for (Town t : towns) {
            if (t == a || t == b) continue;
            int k = nearestStation(t, sx, sy);
            double d = Math.sqrt(sq(t.centreX - sx[k]) + sq(t.centreY - sy[k]));
            if (k >= 2 && k <= n - 2 && d - t.radiusMeters() <= JUNCTION_REACH_METERS) {
                candidates.add(new Junction(k, t, d));
            }
        }
        if (candidates.isEmpty()) {
            int k = n / 2;
            towns.stream()
                    .filter(t -> t != a && t != b)
                    .min(Comparator.comparingDouble((Town t) -> sq(t.centreX - sx[k]) + sq(t.centreY - sy[k]))
                            .thenComparingInt(t -> t.index))
                    .ifPresent(t -> candidates.add(new Junction(k, t, 0)));
        }
        candidates.sort(Comparator.comparingDouble(Junction::distance).thenComparingInt(j -> j.town().index));
        List<Junction> chosen = new ArrayList<>();
        for (Junction c : candidates) {
            if (chosen.stream().allMatch(o -> Math.abs(o.station() - c.station()) >= MIN_JUNCTION_SPACING)) {
                chosen.add(c);
            }
        }
        chosen.sort(Comparator.comparingInt(Junction::station));
        return chosen;
    }

    private static int nearestStation(Town t, double[] sx, double[] sy) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < sx.length; k++) {
            double d = sq(t.centreX - sx[k]) + sq(t.centreY - sy[k]);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    private static WayPlan carriageway(long[] refs, String ref) {
        return WayPlan.of(refs, "highway", "motorway", "ref", ref, "oneway", "yes", "maxspeed", "70 mph");
    }

    private static WayPlan slip(long from, long to) {
        return WayPlan.of(new long[] {from, to}, "highway", "motorway_link", "oneway", "yes", "maxspeed", "40 mph");
    }

    private static long[] reversed(long[] refs) {
        long[] r = new long[refs.length];
        for (int i = 0; i < refs.length; i++) r[i] = refs[refs.length - 1 - i];
        return r;
    }

    private static double sq(double v) {
        return v * v;
    }
}
