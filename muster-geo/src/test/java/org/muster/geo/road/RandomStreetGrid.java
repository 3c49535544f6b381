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
        Path file = dir.resolve("grid-" + seed + ".osm");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version='1.0' encoding='UTF-8'?>\n");
            out.write("<osm version=\"0.6\" generator=\"muster-test\">\n");
            out.write(grid.nodes.toString());
            out.write(grid.ways.toString());
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
        way(refs, tags);
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
