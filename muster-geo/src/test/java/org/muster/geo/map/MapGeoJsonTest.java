package org.muster.geo.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.road.RoadLine;
import org.muster.geo.zone.Area;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.GeoJsonZoneWriter;
import org.muster.geo.zone.ZoneShape;

/** What the map and the other modules get of geometry without touching it: GeoJSON, areas, bounds. */
class MapGeoJsonTest {
    private static final GeometryFactory G = new GeometryFactory();

    /** A square a tenth of a degree across, its south-west corner at (lat, lon). */
    private static ZoneShape square(String id, double lat, double lon, double size) {
        var ring = new Coordinate[] {
            new Coordinate(lon, lat),
            new Coordinate(lon + size, lat),
            new Coordinate(lon + size, lat + size),
            new Coordinate(lon, lat + size),
            new Coordinate(lon, lat)
        };
        return new ZoneShape(ZoneId.of(id), OrganisationId.of("WSP"), id, Optional.empty(), G.createPolygon(ring));
    }

    @Test
    void roads_come_one_feature_per_class_motorways_last_at_five_decimals() {
        String json = MapGeoJson.roads(List.of(
                new RoadLine("motorway", List.of(GeoPoint.of(52.1, -0.7), GeoPoint.of(52.2, -0.6))),
                new RoadLine("residential", List.of(GeoPoint.of(52.123456789, -0.7), GeoPoint.of(52.13, -0.71)))));
        assertThat(json).startsWith("{\"type\":\"FeatureCollection\"");
        assertThat(json.indexOf("\"residential\"")).isLessThan(json.indexOf("\"motorway\""));
        assertThat(json).contains("52.12346").doesNotContain("52.123456");
    }

    @Test
    void a_wiggly_road_is_simplified_to_within_ten_metres() {
        List<GeoPoint> wiggly = new ArrayList<>();
        for (int i = 0; i <= 100; i++) wiggly.add(GeoPoint.of(52 + (i % 2) * 0.00001, -0.7 + i * 0.001));
        String json = MapGeoJson.roads(List.of(new RoadLine("primary", wiggly)));
        long points = json.chars().filter(c -> c == '[').count();
        assertThat(points).isLessThan(20);
    }

    @Test
    void zones_written_for_the_map_read_back_as_the_same_zones() {
        var zones = List.of(square("WSP-A", 52.0, -0.8, 0.1), square("WSP-B", 52.0, -0.7, 0.1));
        String json = MapGeoJson.zones(zones);
        var read = GeoJsonZoneReader.read(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        "map",
                        GeoJsonZoneWriter.FORMAT)
                .zones();
        assertThat(read).extracting(ZoneShape::id).containsExactlyInAnyOrder(ZoneId.of("WSP-A"), ZoneId.of("WSP-B"));
    }

    @Test
    void an_area_answers_where_points_lie_and_how_big_it_is() {
        ZoneShape z = square("WSP-A", 52.0, -0.8, 0.1);
        Area area = z.area();
        assertThat(area.covers(GeoPoint.of(52.05, -0.75))).isTrue();
        assertThat(area.covers(GeoPoint.of(52.15, -0.75))).isFalse();
        assertThat(area.covers(area.interiorPoint())).isTrue();
        assertThat(area.bounds().southWest()).isEqualTo(GeoPoint.of(52.0, -0.8));
        assertThat(area.bounds().northEast().lat()).isCloseTo(52.1, within(1e-9));
        // 0.1° of latitude is 11.1 km; of longitude at 52°, 6.9 km
        assertThat(area.areaKm2()).isCloseTo(11.13 * 6.85, within(2.0));
    }

    @Test
    void neighbours_touch_without_overlapping_and_bounds_join() {
        ZoneShape a = square("WSP-A", 52.0, -0.8, 0.1);
        ZoneShape b = square("WSP-B", 52.0, -0.7, 0.1);
        ZoneShape far = square("WSP-C", 53.0, -0.8, 0.1);
        ZoneShape inside = square("WSP-D", 52.02, -0.78, 0.05);
        assertThat(a.overlaps(b)).isFalse();
        assertThat(a.overlaps(inside)).isTrue();
        assertThat(a.separation(b)).isCloseTo(0, within(1e-9));
        assertThat(a.separation(far)).isCloseTo(0.9, within(1e-9));
        var both = a.bounds().union(far.bounds());
        assertThat(both.southWest()).isEqualTo(GeoPoint.of(52.0, -0.8));
        assertThat(both.northEast().lat()).isCloseTo(53.1, within(1e-9));
    }
}
