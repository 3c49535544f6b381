package org.muster.geo.road;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.muster.domain.GeoPoint;

/**
 * Writes a small OSM XML street network drawn from a seed: a jittered grid of junctions joined by streets
 * of varied road classes, some one-way either way, some bent (shape points between junctions), some
 * missing, a few long diagonal roads that cross the grid without meeting it, a few footways a car may
 * not use, and two traps: a one-way spur into a dead end (a car on it cannot leave) and a street joined to
 * nothing. Small enough to import in well under a second; varied enough to exercise one-way streets,
 * partial edges and islands.
 */
public final class RandomStreetGrid {
    private static final double ORIGIN_LAT = 52.60;
    private static final double ORIGIN_LON = -0.70;
    private static final double STEP_LAT = 0.0018; // about 200 m
    private static final double STEP_LON = 0.0030; // about 200 m at this latitude
    private static final String[] CLASSES = {
        "primary",
        "secondary",
        "tertiary",
        "unclassified",
        "residential",
        "residential",
        "residential",
        "service",
        "living_street",
        "trunk"
    };

    private final Random random;
    private final int rows;
    private final int cols;
    private final StringBuilder nodes = new StringBuilder();
    private final StringBuilder ways = new StringBuilder();
    private long nextNodeId = 1;
    private long nextWayId = 1;
    private final long[][] junction;
    private final double[][] lat;
    private final double[][] lon;
    private final List<GeoPoint> traps = new ArrayList<>();
    /** The way of each grid street, by its two junctions ({@link #streetKey}); absent where a block is missing. */
    private final java.util.Map<Long, Long> streetWays = new java.util.HashMap<>();

    private final StringBuilder relations = new StringBuilder();
    private long nextRelationId = 1;

    private RandomStreetGrid(long seed) {
        random = new Random(seed);
        rows = 8 + random.nextInt(6);
        cols = 8 + random.nextInt(6);
        junction = new long[rows][cols];
        lat = new double[rows][cols];
        lon = new double[rows][cols];
    }

    /** Writes the network for {@code seed} to {@code dir/grid-<seed>.osm}. */
    public static Path write(long seed, Path dir) {
        RandomStreetGrid grid = new RandomStreetGrid(seed);
        grid.build();
        return grid.writeTo(dir.resolve("grid-" + seed + ".osm"));
    }

    /**
     * Writes the network for {@code seed} with {@code count} turn restrictions drawn from it too, to {@code
     * dir/grid-<seed>-turns.osm}: {@code no_*} and {@code only_*} relations from one street to another at a
     * junction, a few of them through a whole street ({@code via} a way), some for every vehicle and some
     * for motor cars alone; the grid itself is the one {@link #write} draws.
     */
    public static Path writeWithTurnRestrictions(long seed, int count, Path dir) {
        RandomStreetGrid grid = new RandomStreetGrid(seed);
        grid.build();
        grid.turnRestrictions(new Random(seed * 7919 + 1), count);
        return grid.writeTo(dir.resolve("grid-" + seed + "-turns.osm"));
    }

    private Path writeTo(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version='1.0' encoding='UTF-8'?>\n");
            out.write("<osm version=\"0.6\" generator=\"muster-test\">\n");
            out.write(nodes.toString());
            out.write(ways.toString());
            out.write(relations.toString());
            out.write("</osm>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Points on the traps of the network for {@code seed}: no route leaves them. */
    /** The grid of {@code seed} written into {@code dir} and loaded quickly: no speed-up, no progress bar. */
    public static RoadNetwork load(long seed, Path dir) {
        return RoadNetwork.load(
                write(seed, dir),
                RoadNetworkConfig.defaults(dir.resolve("cache"))
                        .withContractionHierarchies(false)
                        .withMinNetworkSize(10)
                        .withShowProgress(false));
    }

    public static List<GeoPoint> traps(long seed) {
        RandomStreetGrid grid = new RandomStreetGrid(seed);
        grid.build();
        return List.copyOf(grid.traps);
    }

    private void build() {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                lat[r][c] = ORIGIN_LAT + r * STEP_LAT + (random.nextDouble() - 0.5) * STEP_LAT * 0.4;
                lon[r][c] = ORIGIN_LON + c * STEP_LON + (random.nextDouble() - 0.5) * STEP_LON * 0.4;
                junction[r][c] = node(lat[r][c], lon[r][c]);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c + 1 < cols) street(r, c, r, c + 1);
                if (r + 1 < rows) street(r, c, r + 1, c);
            }
        }
        for (int i = 0; i < 3; i++) diagonal();
        oneWaySpur();
        detachedStreet();
    }

    private void street(int r1, int c1, int r2, int c2) {
        if (random.nextDouble() < 0.08) return; // a missing block
        List<Long> refs = new ArrayList<>();
        refs.add(junction[r1][c1]);
        int bends = random.nextInt(3);
        for (int b = 1; b <= bends; b++) {
            double t = b / (double) (bends + 1);
            double la = lat[r1][c1] + t * (lat[r2][c2] - lat[r1][c1]) + (random.nextDouble() - 0.5) * STEP_LAT * 0.2;
            double lo = lon[r1][c1] + t * (lon[r2][c2] - lon[r1][c1]) + (random.nextDouble() - 0.5) * STEP_LON * 0.2;
            refs.add(node(la, lo));
        }
        refs.add(junction[r2][c2]);
        double kind = random.nextDouble();
        List<String[]> tags = new ArrayList<>();
        if (kind < 0.06) {
            tags.add(new String[] {"highway", "footway"});
        } else {
            tags.add(new String[] {"highway", CLASSES[random.nextInt(CLASSES.length)]});
            double oneway = random.nextDouble();
            if (oneway < 0.15) tags.add(new String[] {"oneway", "yes"});
            else if (oneway < 0.22) tags.add(new String[] {"oneway", "-1"});
            if (random.nextDouble() < 0.2)
                tags.add(new String[] {"maxspeed", String.valueOf(20 + 10 * random.nextInt(6))});
        }
        streetWays.put(streetKey(r1, c1, r2, c2), nextWayId);
        way(refs, tags);
    }

    private long streetKey(int r1, int c1, int r2, int c2) {
        long a = (long) r1 * cols + c1;
        long b = (long) r2 * cols + c2;
        return Math.min(a, b) * 1_000_000L + Math.max(a, b);
    }

    /** The streets meeting at junction (r, c), as {row, col} of their other ends. */
    private List<int[]> streetsAt(int r, int c) {
        List<int[]> out = new ArrayList<>();
        int[][] steps = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}};
        for (int[] step : steps) {
            int r2 = r + step[0], c2 = c + step[1];
            if (r2 < 0 || r2 >= rows || c2 < 0 || c2 >= cols) continue;
            if (streetWays.containsKey(streetKey(r, c, r2, c2))) out.add(new int[] {r2, c2});
        }
        return out;
    }

    private void turnRestrictions(Random random, int count) {
        String[] no = {"no_left_turn", "no_right_turn", "no_straight_on", "no_u_turn", "no_entry"};
        String[] only = {"only_left_turn", "only_right_turn", "only_straight_on"};
        for (int i = 0; i < count; i++) {
            int r = random.nextInt(rows), c = random.nextInt(cols);
            List<int[]> streets = streetsAt(r, c);
            if (streets.size() < 2) continue;
            int[] from = streets.get(random.nextInt(streets.size()));
            int[] to = streets.get(random.nextInt(streets.size()));
            if (from == to && random.nextBoolean()) continue;
            String value =
                    random.nextDouble() < 0.7 ? no[random.nextInt(no.length)] : only[random.nextInt(only.length)];
            boolean motorCarsOnly = random.nextDouble() < 0.2;
            String restrictionKey = motorCarsOnly ? "restriction:motorcar" : "restriction";
            long fromWay = streetWays.get(streetKey(from[0], from[1], r, c));
            List<int[]> beyond = streetsAt(to[0], to[1]);
            if (random.nextDouble() < 0.15 && !beyond.isEmpty()) {
                // Through a whole street: from one street, along the next, into a third.
                int[] last = beyond.get(random.nextInt(beyond.size()));
                if (last[0] == r && last[1] == c) continue;
                long viaWay = streetWays.get(streetKey(r, c, to[0], to[1]));
                long toWay = streetWays.get(streetKey(to[0], to[1], last[0], last[1]));
                relation(restrictionKey, value, "way", fromWay, viaWay, toWay);
            } else {
                long toWay = streetWays.get(streetKey(r, c, to[0], to[1]));
                relation(restrictionKey, value, "node", fromWay, junction[r][c], toWay);
            }
        }
    }

    private void relation(String key, String value, String viaType, long from, long via, long to) {
        relations
                .append("  <relation id=\"")
                .append(nextRelationId++)
                .append("\">\n")
                .append("    <member type=\"way\" ref=\"")
                .append(from)
                .append("\" role=\"from\"/>\n")
                .append("    <member type=\"")
                .append(viaType)
                .append("\" ref=\"")
                .append(via)
                .append("\" role=\"via\"/>\n")
                .append("    <member type=\"way\" ref=\"")
                .append(to)
                .append("\" role=\"to\"/>\n")
                .append("    <tag k=\"type\" v=\"restriction\"/>\n")
                .append("    <tag k=\"")
                .append(key)
                .append("\" v=\"")
                .append(value)
                .append("\"/>\n")
                .append("  </relation>\n");
    }

    /** A one-way road leaving the grid's south edge and ending nowhere. */
    private void oneWaySpur() {
        int c = 1 + random.nextInt(cols - 2);
        double endLat = lat[0][c] - STEP_LAT * 0.8;
        long end = node(endLat, lon[0][c]);
        way(List.of(junction[0][c], end), List.of(new String[] {"highway", "residential"}, new String[] {"oneway", "yes"
        }));
        traps.add(GeoPoint.of((lat[0][c] + endLat) / 2, lon[0][c]));
    }

    /**
     * A two-way street north of the grid that meets no other road. It bends further north so its trap point
     * lies inside the network's bounding box (GraphHopper refuses route points outside it).
     */
    private void detachedStreet() {
        double la = lat[rows - 1][0] + STEP_LAT * 1.2;
        long a = node(la, lon[rows - 1][1]);
        long b = node(la, lon[rows - 1][2]);
        long c = node(la + STEP_LAT * 0.5, lon[rows - 1][2]);
        way(List.of(a, b, c), List.<String[]>of(new String[] {"highway", "residential"}));
        traps.add(GeoPoint.of(la, (lon[rows - 1][1] + lon[rows - 1][2]) / 2));
    }

    /** A long road across the grid on its own nodes: it meets the grid only at its two ends. */
    private void diagonal() {
        int r1 = random.nextInt(rows), c1 = random.nextInt(cols);
        int r2 = random.nextInt(rows), c2 = random.nextInt(cols);
        if (r1 == r2 && c1 == c2) return;
        List<Long> refs = new ArrayList<>();
        refs.add(junction[r1][c1]);
        int steps = 4 + random.nextInt(4);
        for (int s = 1; s < steps; s++) {
            double t = s / (double) steps;
            refs.add(node(
                    lat[r1][c1] + t * (lat[r2][c2] - lat[r1][c1]) + STEP_LAT * 0.13,
                    lon[r1][c1] + t * (lon[r2][c2] - lon[r1][c1]) + STEP_LON * 0.11));
        }
        refs.add(junction[r2][c2]);
        String highway = random.nextBoolean() ? "primary" : "motorway";
        List<String[]> tags = new ArrayList<>();
        tags.add(new String[] {"highway", highway});
        if (random.nextBoolean()) tags.add(new String[] {"oneway", "yes"});
        way(refs, tags);
    }

    private long node(double la, double lo) {
        long id = nextNodeId++;
        nodes.append(String.format(Locale.ROOT, "  <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>%n", id, la, lo));
        return id;
    }

    private void way(List<Long> refs, List<String[]> tags) {
        ways.append("  <way id=\"").append(nextWayId++).append("\">\n");
        for (long ref : refs) ways.append("    <nd ref=\"").append(ref).append("\"/>\n");
        for (String[] tag : tags) {
            ways.append("    <tag k=\"")
                    .append(tag[0])
                    .append("\" v=\"")
                    .append(tag[1])
                    .append("\"/>\n");
        }
        ways.append("  </way>\n");
    }
}
