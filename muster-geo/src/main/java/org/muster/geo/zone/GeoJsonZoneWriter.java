package org.muster.geo.zone;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes zones as a GeoJSON FeatureCollection with properties {@code zone_id}, {@code name}, {@code
 * organisation}, {@code parent} (when there is one) and any extra ones; coordinates to seven decimals
 * (about a centimetre), so the output is byte-stable. {@link GeoJsonZoneReader} reads it back with
 * {@link #FORMAT}.
 */
public final class GeoJsonZoneWriter {
    /** How to read a file this writer wrote. */
    public static final ZoneFileFormat FORMAT = ZoneFileFormat.perFeatureOrganisation("name", "organisation")
            .withIdProperty("zone_id")
            .withParentProperty("parent");

    private static final JsonFactory JSON = new JsonFactory();

    private GeoJsonZoneWriter() {}

    public static void write(Collection<ZoneShape> zones, OutputStream out) throws IOException {
        write(zones, z -> Map.of(), out);
    }

    /**
     * @param extraProperties properties to add to each zone's feature, written in the map's order
     */
    public static void write(
            Collection<ZoneShape> zones, Function<ZoneShape, Map<String, String>> extraProperties, OutputStream out)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // 10 degrees must come out as 10, not 1E+1.
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (ZoneShape zone : zones) {
                g.writeRaw('\n');
                feature(g, zone, extraProperties.apply(zone));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void feature(JsonGenerator g, ZoneShape zone, Map<String, String> extra) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("properties");
        g.writeStringField("zone_id", zone.id().value());
        g.writeStringField("name", zone.name());
        g.writeStringField("organisation", zone.organisation().value());
        if (zone.parent().isPresent())
            g.writeStringField("parent", zone.parent().get().value());
        for (Map.Entry<String, String> e : extra.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
        g.writeObjectFieldStart("geometry");
        Geometry geometry = zone.geometry();
        if (geometry instanceof Polygon polygon) {
            g.writeStringField("type", "Polygon");
            g.writeFieldName("coordinates");
            polygon(g, polygon);
        } else {
            g.writeStringField("type", "MultiPolygon");
            g.writeArrayFieldStart("coordinates");
            for (int i = 0; i < geometry.getNumGeometries(); i++) polygon(g, (Polygon) geometry.getGeometryN(i));
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void polygon(JsonGenerator g, Polygon polygon) throws IOException {
        g.writeStartArray();
        ring(g, polygon.getExteriorRing());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) ring(g, polygon.getInteriorRingN(i));
        g.writeEndArray();
    }

    private static void ring(JsonGenerator g, LineString ring) throws IOException {
        g.writeStartArray();
        for (Coordinate c : ring.getCoordinates()) {
            g.writeStartArray();
            g.writeNumber(sevenDecimals(c.getX()));
            g.writeNumber(sevenDecimals(c.getY()));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static BigDecimal sevenDecimals(double degrees) {
        return BigDecimal.valueOf(Math.round(degrees * 1e7), 7).stripTrailingZeros();
    }
}
