package org.muster.geo.map;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.RoadLine;
import org.muster.geo.zone.GeoJsonZoneWriter;
import org.muster.geo.zone.ZoneShape;

/**
 * Road lines and zone shapes made light enough for a browser: shapes simplified to within about ten
 * metres, coordinates to five decimals (about a metre), which is all a control-room map needs.
 */
public final class MapGeoJson {
    /** Ten metres in degrees of latitude; near enough for longitude at British latitudes. */
    static final double TOLERANCE_DEGREES = 0.0001;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private MapGeoJson() {}

    /**
     * A FeatureCollection with one MultiLineString per road class (its {@code class} property), major
     * roads last so that they are drawn on top.
     */
    public static String roads(List<RoadLine> lines) {
        Map<String, List<RoadLine>> byClass =
                new TreeMap<>(Comparator.comparingInt(MapGeoJson::rank).thenComparing(Comparator.naturalOrder()));
        for (RoadLine line : lines)
            byClass.computeIfAbsent(line.roadClass(), c -> new ArrayList<>()).add(line);
        StringBuilder out = new StringBuilder(64 + lines.size() * 60);
        out.append("{\"type\":\"FeatureCollection\",\"features\":[");
        String featureSeparator = "";
        for (Map.Entry<String, List<RoadLine>> e : byClass.entrySet()) {
            out.append(featureSeparator)
                    .append("\n{\"type\":\"Feature\",\"properties\":{\"class\":\"")
                    .append(e.getKey().replaceAll("[^a-z_]", ""))
                    .append("\"},\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[");
            featureSeparator = ",";
            String lineSeparator = "";
            for (RoadLine line : e.getValue()) {
                out.append(lineSeparator).append('[');
                lineSeparator = ",\n";
                Coordinate[] points = simplified(line.points());
                for (int i = 0; i < points.length; i++) {
                    if (i > 0) out.append(',');
                    out.append('[')
                            .append(fiveDecimals(points[i].x))
                            .append(',')
                            .append(fiveDecimals(points[i].y))
                            .append(']');
                }
                out.append(']');
            }
            out.append("]}}");
        }
        return out.append("\n]}\n").toString();
    }

    /** Minor roads first, so that a map drawing the features in order puts the motorways on top. */
    private static int rank(String roadClass) {
        return switch (roadClass) {
            case "motorway" -> 6;
            case "trunk" -> 5;
            case "primary" -> 4;
            case "secondary" -> 3;
            case "tertiary" -> 2;
            case "unclassified", "road" -> 1;
            default -> 0;
        };
    }

    static Coordinate[] simplified(List<GeoPoint> points) {
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < coordinates.length; i++)
            coordinates[i] = new Coordinate(points.get(i).lon(), points.get(i).lat());
        if (coordinates.length <= 2) return coordinates;
        LineString line = GEOMETRY.createLineString(coordinates);
        return DouglasPeuckerSimplifier.simplify(line, TOLERANCE_DEGREES).getCoordinates();
    }

    /** The zones as a GeoJSON FeatureCollection (see {@link GeoJsonZoneWriter}), outlines simplified. */
    public static String zones(List<ZoneShape> zones) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            GeoJsonZoneWriter.write(zones.stream().map(MapGeoJson::simplified).toList(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The zone with its outline simplified, kept as it was when simplifying would make it invalid. */
    static ZoneShape simplified(ZoneShape zone) {
        var geometry = TopologyPreservingSimplifier.simplify(zone.geometry(), TOLERANCE_DEGREES);
        if (geometry.isEmpty() || !geometry.isValid()) return zone;
        return new ZoneShape(zone.id(), zone.organisation(), zone.name(), zone.parent(), geometry);
    }

    private static String fiveDecimals(double degrees) {
        return String.format(Locale.ROOT, "%.5f", degrees).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
