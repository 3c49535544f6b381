package org.muster.geo.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.ZoneShape;

class ZoneOutlineTest {
    private static final GeometryFactory G = new GeometryFactory();

    private static LinearRing ring(double lat, double lon, double size) {
        return G.createLinearRing(new Coordinate[] {
            new Coordinate(lon, lat),
            new Coordinate(lon + size, lat),
            new Coordinate(lon + size, lat + size),
            new Coordinate(lon, lat + size),
            new Coordinate(lon, lat)
        });
    }

    @Test
    void everyRingOfEveryPolygonComesOutAsPointsLatitudeAndLongitudeTheRightWayRound() {
        // a square with a square hole, and a second square beside it
        var withHole = G.createPolygon(ring(52.0, -1.0, 0.125), new LinearRing[] {ring(52.03125, -0.96875, 0.03125)});
        var beside = G.createPolygon(ring(52.0, -0.75, 0.0625));
        ZoneShape zone = new ZoneShape(
                ZoneId.of("WSP-Z1"),
                OrganisationId.of("WSP"),
                "Riverside",
                Optional.of(ZoneId.of("WSP-ALL")),
                G.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {withHole, beside}));
        ZoneOutline outline = ZoneOutline.of(List.of(zone)).getFirst();
        assertThat(outline.id()).isEqualTo(ZoneId.of("WSP-Z1"));
        assertThat(outline.organisation()).isEqualTo(OrganisationId.of("WSP"));
        assertThat(outline.parent()).contains(ZoneId.of("WSP-ALL"));
        assertThat(outline.rings()).hasSize(3);
        assertThat(outline.rings().getFirst()).hasSize(5).contains(GeoPoint.of(52.125, -0.875));
        assertThat(outline.rings().get(1)).contains(GeoPoint.of(52.03125, -0.96875));
        assertThat(outline.rings().get(2)).contains(GeoPoint.of(52.0625, -0.6875));
        // closed, as SVG and GeoJSON rings are
        for (List<GeoPoint> r : outline.rings()) assertThat(r.getFirst()).isEqualTo(r.getLast());
    }
}
