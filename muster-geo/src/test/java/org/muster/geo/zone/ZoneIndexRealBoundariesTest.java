package org.muster.geo.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/** The index against the real police force areas and ambulance services of England and Wales. */
class ZoneIndexRealBoundariesTest {
    private static final GeoPoint LEEDS_CITY_CENTRE = GeoPoint.of(53.7997, -1.5492);
    private static final GeoPoint OAKHAM = GeoPoint.of(52.67, -0.73);
    private static final GeoPoint NEWPORT_ISLE_OF_WIGHT = GeoPoint.of(50.70, -1.29);
    private static final GeoPoint NORTH_SEA_OFF_SKEGNESS = GeoPoint.of(53.15, 0.60);

    private static LoadedZones police() {
        return GeoJsonZoneReader.read(
                SharedData.file("police_force_areas_ew_2020.geojson"),
                ZoneFileFormat.of("PFA20NM", OrganisationId.of("EW-POLICE")).withIdProperty("PFA20CD"));
    }

    private static LoadedZones ambulance() {
        return GeoJsonZoneReader.read(
                SharedData.file("england_ambulance_services_2016.geojson"),
                ZoneFileFormat.of("name", OrganisationId.of("NHS-AMB")).withIdProperty("service"));
    }

    private static String nameAt(ZoneIndex index, GeoPoint p) {
        return index.findContaining(p).map(ZoneShape::name).orElse("none");
    }

    @Test
    void loadsEveryForceAndRepairsHampshiresSelfIntersectingRing() {
        LoadedZones police = police();

        assertThat(police.zones()).hasSize(43);
        assertThat(police.repairs()).singleElement().satisfies(r -> {
            assertThat(r.zone()).isEqualTo(ZoneId.of("E23000030"));
            assertThat(r.featureIndex()).isEqualTo(29);
            assertThat(r.problem()).contains("Self-intersection");
        });
        assertThat(police.zones())
                .allSatisfy(z -> assertThat(z.geometry().isValid()).isTrue());
        assertThat(police.zones().get(29).name()).isEqualTo("Hampshire");
    }

    @Test
    void findsTheForceAndServiceHoldingAPoint() {
        ZoneIndex police = ZoneIndex.of(police().zones());
        ZoneIndex ambulance = ZoneIndex.of(ambulance().zones());

        assertThat(nameAt(police, LEEDS_CITY_CENTRE)).isEqualTo("West Yorkshire");
        assertThat(ambulance.findContaining(LEEDS_CITY_CENTRE).map(z -> z.id().value()))
                .hasValue("YAS");
        assertThat(nameAt(police, OAKHAM)).isEqualTo("Leicestershire");
        assertThat(ambulance.findContaining(OAKHAM).map(z -> z.id().value())).hasValue("EMAS");
        assertThat(nameAt(police, NEWPORT_ISLE_OF_WIGHT)).isEqualTo("Hampshire");
        assertThat(police.listContaining(LEEDS_CITY_CENTRE)).hasSize(1);
    }

    @Test
    void theForcePolicingRutlandBordersItsNeighboursOnly() {
        ZoneIndex police = ZoneIndex.of(police().zones());
        ZoneShape leicestershire = police.findContaining(OAKHAM).orElseThrow();

        List<String> neighbours = police.listNeighbours(leicestershire.id()).stream()
                .map(ZoneShape::name)
                .sorted()
                .toList();

        // Rutland itself touches Lincolnshire, Northamptonshire and (at a point) Cambridgeshire.
        assertThat(neighbours)
                .containsExactly(
                        "Cambridgeshire",
                        "Derbyshire",
                        "Lincolnshire",
                        "Northamptonshire",
                        "Nottinghamshire",
                        "Staffordshire",
                        "Warwickshire");
    }

    @Test
    void neighboursAreSymmetricAndToleranceBridgesGeneralisedGaps() {
        ZoneIndex police = ZoneIndex.of(police().zones());
        for (ZoneShape zone : police.listZones()) {
            for (ZoneShape neighbour : police.listNeighbours(zone.id())) {
                assertThat(police.listNeighbours(neighbour.id()))
                        .as("%s borders %s", neighbour.name(), zone.name())
                        .contains(zone);
            }
        }
        // Kent and Surrey share a border that the generalised file draws a little apart.
        ZoneId kent = ZoneId.of("E23000032");
        assertThat(ZoneIndex.of(police().zones(), 0).listNeighbours(kent))
                .extracting(ZoneShape::name)
                .doesNotContain("Surrey");
        assertThat(police.listNeighbours(kent)).extracting(ZoneShape::name).contains("Surrey", "Sussex");
    }

    @Test
    void aPointInTheSeaGetsTheNearestForceWithItsDistance() {
        ZoneIndex police = ZoneIndex.of(police().zones());

        assertThat(police.findContaining(NORTH_SEA_OFF_SKEGNESS)).isEmpty();
        NearestZone nearest = police.findNearest(NORTH_SEA_OFF_SKEGNESS).orElseThrow();

        assertThat(nearest.zone().name()).isEqualTo("Lincolnshire");
        assertThat(nearest.distanceMeters()).isBetween(5_000.0, 40_000.0);
        assertThat(police.findNearest(LEEDS_CITY_CENTRE).orElseThrow())
                .isEqualTo(
                        new NearestZone(police.findContaining(LEEDS_CITY_CENTRE).orElseThrow(), 0));
    }

    @Test
    void theIsleOfWightIsOutsideEveryAmbulanceServiceAndNearestSouthCentral() {
        ZoneIndex ambulance = ZoneIndex.of(ambulance().zones());

        assertThat(ambulance.findContaining(NEWPORT_ISLE_OF_WIGHT)).isEmpty();
        NearestZone nearest = ambulance.findNearest(NEWPORT_ISLE_OF_WIGHT).orElseThrow();

        assertThat(nearest.zone().id().value()).isEqualTo("SCAS");
        assertThat(nearest.distanceMeters()).isBetween(2_000.0, 20_000.0);
    }

    @Test
    void aPointInASimplificationGapBetweenServicesSnapsToAServiceAFewMetresAway() {
        ZoneIndex ambulance = ZoneIndex.of(ambulance().zones());
        ZoneShape emas = ambulance.getZone(ZoneId.of("EMAS"));

        Optional<GeoPoint> gap = findGapAlongBoundary(ambulance, emas);

        assertThat(gap)
                .as("the simplified file has a gap along the EMAS border")
                .isPresent();
        NearestZone nearest = ambulance.findNearest(gap.get()).orElseThrow();
        assertThat(nearest.distanceMeters()).isGreaterThan(0).isLessThan(1_000);
    }

    /** Points just outside the zone's boundary that no zone holds but some zone is within 200 m of. */
    private static Optional<GeoPoint> findGapAlongBoundary(ZoneIndex index, ZoneShape zone) {
        double offsetDegrees = 0.0005;
        for (Coordinate c : zone.geometry().getCoordinates()) {
            for (double[] d : new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                GeoPoint p = GeoPoint.of(c.y + d[1] * offsetDegrees, c.x + d[0] * offsetDegrees);
                if (index.findContaining(p).isEmpty()
                        && index.findNearest(p).orElseThrow().distanceMeters() < 200
                        && inEnglandInland(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Well inland of the Midlands: a point missed there is a gap between services, not the coast. */
    private static boolean inEnglandInland(GeoPoint p) {
        return p.lat() > 52.0 && p.lat() < 53.3 && p.lon() > -2.0 && p.lon() < -0.5;
    }
}
