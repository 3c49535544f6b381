package org.muster.geo.road;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.muster.domain.GeoPoint;

/**
 * A tiny OSM file for tests: a short street from {@link #WEST} to {@link #EAST} through a middle node,
 * tagged as the test says, a residential detour round it, and a stub beyond each end.
 */
final class Corridor {
    static final GeoPoint WEST = GeoPoint.of(52.60, -0.70);
    static final GeoPoint MIDDLE = GeoPoint.of(52.60, -0.697);
    static final GeoPoint EAST = GeoPoint.of(52.60, -0.694); // about 400 m east
    static final double SHORT_METERS = 400;
    static final double DETOUR_METERS = 400 + 2 * 1700;

    private Corridor() {}

    /**
     * West and east joined by the short street through a middle node, and by a residential detour 1.7 km
     * north and back.
     */
    static Path write(Path dir, String name, Map<String, String> wayTags, Map<String, String> middleNodeTags)
            throws IOException {
        double north = 52.60 + 1700 / 111_200.0;
        StringBuilder osm = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n");
        osm.append(node(1, WEST, Map.of()));
        osm.append(node(2, MIDDLE, middleNodeTags));
        osm.append(node(3, EAST, Map.of()));
        osm.append(node(4, GeoPoint.of(north, WEST.lon()), Map.of()));
        osm.append(node(5, GeoPoint.of(north, EAST.lon()), Map.of()));
        // Stubs west and east, so that the two ends are junctions of roads every profile may drive.
        osm.append(node(6, GeoPoint.of(52.60, -0.703), Map.of()));
        osm.append(node(7, GeoPoint.of(52.60, -0.691), Map.of()));
        Map<String, String> shortStreet = new java.util.TreeMap<>(Map.of("highway", "residential"));
        shortStreet.putAll(wayTags);
        osm.append(way(1, List.of(1, 2, 3), shortStreet));
        osm.append(way(2, List.of(1, 4, 5, 3), Map.of("highway", "residential")));
        osm.append(way(3, List.of(6, 1), Map.of("highway", "residential")));
        osm.append(way(4, List.of(3, 7), Map.of("highway", "residential")));
        osm.append("</osm>\n");
        Path file = dir.resolve(name.toLowerCase(Locale.ROOT) + ".osm");
        Files.writeString(file, osm, StandardCharsets.UTF_8);
        return file;
    }

    private static String node(long id, GeoPoint at, Map<String, String> tags) {
        return String.format(
                Locale.ROOT,
                "  <node id=\"%d\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\">%s</node>\n",
                id,
                at.lat(),
                at.lon(),
                tags(tags));
    }

    private static String way(long id, List<Integer> nodes, Map<String, String> tags) {
        String refs = nodes.stream().map(n -> "<nd ref=\"" + n + "\"/>").collect(Collectors.joining());
        return "  <way id=\"" + id + "\" version=\"1\">" + refs + tags(tags) + "</way>\n";
    }

    private static String tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> "<tag k=\"" + e.getKey() + "\" v=\"" + e.getValue() + "\"/>")
                .collect(Collectors.joining());
    }
}
