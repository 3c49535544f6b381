package org.muster.geo.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Plans the towns and the roads between them. Settlements are dropped at random where they keep clear of
 * each other; every settlement is linked to the network by a spanning tree of roads (so every town can
 * reach every other), with extra links between nearby towns for alternative routes; motorways join the
 * cities (or, with one city, the city and the biggest town), with junctions near the places they pass.
 */
final class LayoutPlanner {
    private record Size(SettlementKind kind, double halfX, double halfY, double spacing) {}

    private record Placed(Size size, double x, double y) {}

    /** How far apart settlements' grids must stay, so roads have room between them. */
    private static final double TOWN_GAP_METERS = 2_500;

    private static final double VILLAGE_GAP_METERS = 1_200;
    private static final double EDGE_MARGIN_METERS = 1_500;
    private static final double ROAD_NODE_SPACING_METERS = 400;
    private static final int PLACEMENT_ATTEMPTS = 400;
    private static final double MIN_MOTORWAY_METERS = 12_000;

    private final RegionSpec spec;
    private final double width;
    private final double height;

    private LayoutPlanner(RegionSpec spec) {
        this.spec = spec;
        this.width = spec.widthMeters();
        this.height = spec.heightMeters();
    }

    /** Plans the region; {@code rng} is split per concern so one concern's draws do not shift another's. */
    static RegionLayout plan(RegionSpec spec, RandomGenerator.SplittableGenerator rng) {
        return new LayoutPlanner(spec).plan(rng.split(), rng.split(), rng.split(), rng.split());
    }

    private RegionLayout plan(
            RandomGenerator placement, RandomGenerator naming, RandomGenerator roads, RandomGenerator motorwayRng) {
        List<Placed> placed = place(placement, sizes(placement));
        List<Town> towns = new ArrayList<>(placed.size());
        Set<String> names = new HashSet<>();
        long nextNode = 1;
        for (Placed p : placed) {
            int nx =
                    2 * (int) Math.max(1, Math.round(p.size().halfX() / p.size().spacing())) + 1;
            int ny =
                    2 * (int) Math.max(1, Math.round(p.size().halfY() / p.size().spacing())) + 1;
            Town town = new Town(
                    towns.size(),
                    Names.uniquePlace(naming, names),
                    p.size().kind(),
                    p.x(),
                    p.y(),
                    nx,
                    ny,
                    p.size().spacing(),
                    nextNode,
                    naming.nextLong());
            towns.add(town);
            nextNode += town.nodeCount();
        }
        RoadNodes nodes = new RoadNodes(nextNode);
        List<WayPlan> ways = new ArrayList<>();
        RoadBuilder builder = new RoadBuilder(nodes, ways);
        for (long edge : roadEdges(towns)) {
            Town a = towns.get((int) (edge >>> 32));
            Town b = towns.get((int) edge);
            builder.road(roads, a, b);
        }
        MotorwayBuilder motorways = new MotorwayBuilder(nodes, ways, builder, towns);
        for (long edge : motorwayEdges(towns)) {
            motorways.build(motorwayRng, towns.get((int) (edge >>> 32)), towns.get((int) edge));
        }
        return new RegionLayout(
                spec,
                new LocalProjection(spec.centre()),
                width,
                height,
                towns,
                nodes,
                ways,
                motorways.motorways(),
                motorways.junctions());
    }

    private List<Size> sizes(RandomGenerator rng) {
        double countFactor = StrictMath.pow(spec.scale(), 0.8);
        double sizeFactor = StrictMath.pow(spec.scale(), 0.1);
        List<Size> sizes = new ArrayList<>();
        int cities = (int) Math.max(1, Math.round(countFactor));
        int towns = (int) Math.max(1, Math.round(4 * countFactor));
        int villages = (int) Math.max(2, Math.round(12 * countFactor));
        for (int i = 0; i < cities; i++) sizes.add(size(rng, SettlementKind.CITY, 1_900, 2_500, 100, 120, sizeFactor));
        for (int i = 0; i < towns; i++) sizes.add(size(rng, SettlementKind.TOWN, 700, 1_150, 105, 130, sizeFactor));
        for (int i = 0; i < villages; i++) sizes.add(size(rng, SettlementKind.VILLAGE, 200, 420, 85, 110, sizeFactor));
        return sizes;
    }

    private static Size size(
            RandomGenerator rng,
            SettlementKind kind,
            double minHalf,
            double maxHalf,
            double minSpacing,
            double maxSpacing,
            double factor) {
        double half = rng.nextDouble(minHalf, maxHalf) * factor;
        double aspect = rng.nextDouble(0.8, 1.25);
        return new Size(kind, half * aspect, half / aspect, rng.nextDouble(minSpacing, maxSpacing));
    }

    /**
     * Drops each settlement where it keeps clear of those placed before it; the first city near the
     * middle. A settlement that finds no room even with half the gap is left out.
     */
    private List<Placed> place(RandomGenerator rng, List<Size> sizes) {
        List<Placed> placed = new ArrayList<>();
        for (Size size : sizes) {
            boolean first = placed.isEmpty();
            double spanX = first ? width * 0.15 : width / 2 - size.halfX() - EDGE_MARGIN_METERS;
            double spanY = first ? height * 0.15 : height / 2 - size.halfY() - EDGE_MARGIN_METERS;
            if (spanX <= 0 || spanY <= 0) continue;
            double gap = size.kind() == SettlementKind.VILLAGE ? VILLAGE_GAP_METERS : TOWN_GAP_METERS;
            found:
            for (double shrink : new double[] {1, 0.5}) {
                for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
                    Placed candidate = new Placed(size, rng.nextDouble(-spanX, spanX), rng.nextDouble(-spanY, spanY));
                    if (clear(candidate, placed, gap * shrink)) {
                        placed.add(candidate);
                        break found;
                    }
                }
            }
        }
        return placed;
    }

    private static boolean clear(Placed c, List<Placed> placed, double gap) {
        for (Placed p : placed) {
            boolean apartX =
                    Math.abs(c.x() - p.x()) >= c.size().halfX() + p.size().halfX() + gap;
            boolean apartY =
                    Math.abs(c.y() - p.y()) >= c.size().halfY() + p.size().halfY() + gap;
            if (!apartX && !apartY) return false;
        }
        return true;
    }

    /**
     * A minimum spanning tree over every settlement, so all are connected, plus links from each town to
     * its two nearest towns and from each village to its nearest town. Edges are {@code a << 32 | b} with
     * a < b, in order.
     */
    private static TreeSet<Long> roadEdges(List<Town> towns) {
        TreeSet<Long> edges = new TreeSet<>(spanningTree(towns));
        List<Town> bigger =
                towns.stream().filter(t -> t.kind != SettlementKind.VILLAGE).toList();
        for (Town t : towns) {
            int links = t.kind == SettlementKind.VILLAGE ? 1 : 2;
            bigger.stream()
                    .filter(o -> o != t)
                    .sorted(Comparator.comparingDouble((Town o) -> distance(t, o))
                            .thenComparingInt(o -> o.index))
                    .limit(links)
                    .forEach(o -> edges.add(edge(t.index, o.index)));
        }
        return edges;
    }

    /**
     * Cities joined by a spanning tree; with a single city, the city and the biggest town far enough
     * away for a motorway to be worth building (else the farthest town).
     */
    private static List<Long> motorwayEdges(List<Town> towns) {
        List<Town> ends = new ArrayList<>(
                towns.stream().filter(t -> t.kind == SettlementKind.CITY).toList());
        if (ends.size() == 1) {
            Town city = ends.getFirst();
            List<Town> others =
                    towns.stream().filter(t -> t.kind == SettlementKind.TOWN).toList();
            others.stream()
                    .filter(t -> distance(city, t) >= MIN_MOTORWAY_METERS)
                    .max(Comparator.comparingLong(Town::nodeCount).thenComparingInt(t -> -t.index))
                    .or(() -> others.stream().max(Comparator.comparingDouble(t -> distance(city, t))))
                    .ifPresent(ends::add);
        }
        List<Long> edges = new ArrayList<>();
        for (long e : spanningTree(ends)) {
            edges.add(edge(ends.get((int) (e >>> 32)).index, ends.get((int) e).index));
        }
        edges.sort(Comparator.naturalOrder());
        return edges;
    }

    /** Prim's algorithm on straight-line distances; edges as indices into {@code towns}. */
    private static List<Long> spanningTree(List<Town> towns) {
        int n = towns.size();
        List<Long> edges = new ArrayList<>();
        if (n < 2) return edges;
        boolean[] in = new boolean[n];
        double[] best = new double[n];
        int[] from = new int[n];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        best[0] = 0;
        for (int step = 0; step < n; step++) {
            int next = -1;
            for (int i = 0; i < n; i++) if (!in[i] && (next < 0 || best[i] < best[next])) next = i;
            in[next] = true;
            if (step > 0) edges.add(edge(from[next], next));
            for (int i = 0; i < n; i++) {
                double d = distance(towns.get(next), towns.get(i));
                if (!in[i] && d < best[i]) {
                    best[i] = d;
                    from[i] = next;
                }
            }
        }
        return edges;
    }

    private static long edge(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    static double distance(Town a, Town b) {
        double dx = a.centreX - b.centreX;
        double dy = a.centreY - b.centreY;
        return Math.sqrt(dx * dx + dy * dy);
    }

    static int roadNodeCount(double lengthMeters) {
        return (int) Math.max(2, Math.ceil(lengthMeters / ROAD_NODE_SPACING_METERS));
    }
}
