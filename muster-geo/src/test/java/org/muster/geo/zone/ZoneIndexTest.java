package org.muster.geo.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/** Hand-made squares one degree wide on the equator, where a degree is 111.2 km either way. */
class ZoneIndexTest {
    private static final OrganisationId ORG = OrganisationId.of("T");
    private static final double METERS_PER_DEGREE = 111_195;

    private static ZoneShape box(String id, double minLon, double minLat, double maxLon, double maxLat) {
        return new ZoneShape(
                ZoneId.of(id),
                ORG,
                id,
                Optional.empty(),
                Wgs84.FACTORY.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat)));
    }

    private static ZoneShape child(
            String id, String parent, double minLon, double minLat, double maxLon, double maxLat) {
        ZoneShape b = box(id, minLon, minLat, maxLon, maxLat);
        return new ZoneShape(b.id(), ORG, id, Optional.of(ZoneId.of(parent)), b.geometry());
    }

    // P is the parent area; A, B, C its sectors; G sits 0.002 degrees (222 m) east of B; F is far away.
    private static final List<ZoneShape> ZONES = List.of(
            box("P", 0, 0, 2, 2),
            child("A", "P", 0, 0, 1, 1),
            child("B", "P", 1, 0, 2, 1),
            child("C", "P", 0, 1, 2, 2),
            box("G", 2.002, 0, 3, 1),
            box("F", 10, 10, 11, 11));

    private static List<String> ids(List<ZoneShape> zones) {
        return zones.stream().map(z -> z.id().value()).toList();
    }

    @Test
    void findsTheMostSpecificZoneHoldingAPoint() {
        ZoneIndex index = ZoneIndex.of(ZONES);

        assertThat(ids(index.listContaining(GeoPoint.of(0.5, 0.5)))).containsExactly("A", "P");
        assertThat(index.findContaining(GeoPoint.of(0.5, 0.5)).map(z -> z.id().value()))
                .hasValue("A");
        // A point on the shared edge of A and B belongs to both; the tie goes to the lower id.
        assertThat(ids(index.listContaining(GeoPoint.of(0.5, 1.0)))).containsExactly("A", "B", "P");
        assertThat(index.findContaining(GeoPoint.of(5, 5))).isEmpty();
    }

    @Test
    void neighboursShareABoundaryWithinTheToleranceAndDoNotOverlap() {
        ZoneIndex index = ZoneIndex.of(ZONES);

        assertThat(ids(index.listNeighbours(ZoneId.of("A")))).containsExactly("B", "C");
        assertThat(ids(index.listNeighbours(ZoneId.of("B")))).containsExactly("A", "C", "G");
        // C's south-east corner comes within 222 m of G's north-west corner: near enough.
        assertThat(ids(index.listNeighbours(ZoneId.of("G")))).containsExactly("B", "C", "P");
        assertThat(ids(index.listNeighbours(ZoneId.of("F")))).isEmpty();
        assertThat(ids(ZoneIndex.of(ZONES, 100).listNeighbours(ZoneId.of("B")))).containsExactly("A", "C");
    }

    @Test
    void aPointInAGapGetsTheNearestZoneAndItsDistance() {
        ZoneIndex index = ZoneIndex.of(ZONES);

        NearestZone inGap = index.findNearest(GeoPoint.of(0.5, 2.0015)).orElseThrow();
        assertThat(inGap.zone().id().value()).isEqualTo("G");
        assertThat(inGap.distanceMeters()).isCloseTo(0.0005 * METERS_PER_DEGREE, Offset.offset(1.0));

        NearestZone farOut = index.findNearest(GeoPoint.of(0.5, 6)).orElseThrow();
        assertThat(farOut.zone().id().value()).isEqualTo("G");
        assertThat(farOut.distanceMeters()).isCloseTo(3 * METERS_PER_DEGREE, Offset.offset(500.0));

        assertThat(index.findNearest(GeoPoint.of(0.5, 0.5)).orElseThrow())
                .isEqualTo(new NearestZone(index.getZone(ZoneId.of("A")), 0));
        assertThat(ZoneIndex.of(List.of()).findNearest(GeoPoint.of(0, 0))).isEmpty();
    }

    @Test
    void selectBuildsAnIndexOfOneLayer() {
        ZoneIndex sectors = ZoneIndex.of(ZONES).select(z -> z.parent().isPresent());

        assertThat(ids(sectors.listZones())).containsExactly("A", "B", "C");
        assertThat(sectors.findNearest(GeoPoint.of(0.5, 2.5))
                        .orElseThrow()
                        .zone()
                        .id()
                        .value())
                .isEqualTo("B");
    }

    @Test
    void unknownAndDuplicateZonesAreRefused() {
        ZoneIndex index = ZoneIndex.of(ZONES);

        assertThatThrownBy(() -> index.listNeighbours(ZoneId.of("nope"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> index.getZone(ZoneId.of("nope"))).isInstanceOf(NotFoundException.class);
        assertThat(index.findZone(ZoneId.of("nope"))).isEmpty();
        assertThatThrownBy(() -> ZoneIndex.of(List.of(ZONES.get(0), ZONES.get(0))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ZoneIndex.of(ZONES, -1)).isInstanceOf(InvalidInputException.class);
    }
}
