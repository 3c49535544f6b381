package org.muster.geo.zone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.muster.domain.Check;

/**
 * Turns the {@code coordinates} of a GeoJSON Polygon or MultiPolygon into JTS, recording what is
 * unusable in a {@link Check} and what was repaired (an unclosed ring) in a list of problems. Reports at
 * most one bad position per feature: a file with one bad ring usually has it everywhere in that ring.
 */
final class GeoJsonPolygons {
    private static final int MIN_RING_POSITIONS = 4;

    private final Check check;
    private final String field;
    private final List<String> problems;
    private boolean badPositionReported;

    GeoJsonPolygons(Check check, String field, List<String> problems) {
        this.check = check;
        this.field = field;
        this.problems = problems;
    }

    Optional<Geometry> read(String type, JsonNode coordinates) {
        String at = field + ".coordinates";
        if (!coordinates.isArray() || coordinates.isEmpty()) {
            check.add(at, coordinates.isMissingNode() ? null : coordinates.toString(), "must be a non-empty array");
            return Optional.empty();
        }
        if (type.equals("Polygon")) return polygon(at, coordinates).map(p -> p);
        List<Polygon> polygons = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < coordinates.size(); i++) {
            Optional<Polygon> polygon = polygon(at + "[" + i + "]", coordinates.get(i));
            polygon.ifPresent(polygons::add);
            ok &= polygon.isPresent();
        }
        if (!ok) return Optional.empty();
        return Optional.of(Wgs84.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new)));
    }

    private Optional<Polygon> polygon(String at, JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            check.add(at, rings.toString(), "must be a non-empty array of rings");
            return Optional.empty();
        }
        List<LinearRing> parsed = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            ring(at + "[" + r + "]", rings.get(r)).ifPresent(parsed::add);
        }
        if (parsed.size() != rings.size()) return Optional.empty();
        LinearRing shell = parsed.getFirst();
        LinearRing[] holes = parsed.subList(1, parsed.size()).toArray(LinearRing[]::new);
        return Optional.of(Wgs84.FACTORY.createPolygon(shell, holes));
    }

    private Optional<LinearRing> ring(String at, JsonNode positions) {
        if (!positions.isArray()) {
            check.add(at, positions.toString(), "must be an array of [longitude, latitude] positions");
            return Optional.empty();
        }
        List<Coordinate> coordinates = new ArrayList<>(positions.size() + 1);
        for (int p = 0; p < positions.size(); p++) {
            Optional<Coordinate> c = position(at + "[" + p + "]", positions.get(p));
            if (c.isEmpty()) return Optional.empty();
            coordinates.add(c.get());
        }
        if (!coordinates.isEmpty() && !coordinates.getFirst().equals2D(coordinates.getLast())) {
            // GeoJSON requires closed rings, but the author's intent is plain: close it and say so.
            problems.add("ring " + at.substring(field.length() + 1) + " was not closed");
            coordinates.add(new Coordinate(coordinates.getFirst()));
        }
        if (coordinates.size() < MIN_RING_POSITIONS) {
            check.add(at, coordinates.size() + " positions", "a ring needs at least 4 positions, first and last equal");
            return Optional.empty();
        }
        return Optional.of(Wgs84.FACTORY.createLinearRing(coordinates.toArray(Coordinate[]::new)));
    }

    private Optional<Coordinate> position(String at, JsonNode position) {
        if (!position.isArray()
                || position.size() < 2
                || !position.get(0).isNumber()
                || !position.get(1).isNumber()) {
            reportOnce(at, position.toString(), "must be [longitude, latitude] in decimal degrees");
            return Optional.empty();
        }
        double lon = position.get(0).asDouble();
        double lat = position.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            reportOnce(at, position.toString(), "longitude must be within -180..180 and latitude within -90..90");
            return Optional.empty();
        }
        return Optional.of(new Coordinate(lon, lat));
    }

    private void reportOnce(String at, String value, String rule) {
        if (badPositionReported) return;
        badPositionReported = true;
        check.add(at, value, rule);
    }
}
