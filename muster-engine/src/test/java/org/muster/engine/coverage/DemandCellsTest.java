package org.muster.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestCells;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.RoadNetwork;

/** Demand cells over the generated region: which cells, what weight, which zones, and bad input. */
class DemandCellsTest {
    private final RoadNetwork network = RegionFixture.network();

    @Test
    void resolutionEightCellsCoverTheRegionInH3Order() {
        DemandCells cells = RegionCells.cells();
        GeoBounds b = network.bounds();
        double areaKm2 = b.southWest()
                        .distanceMetersTo(
                                GeoPoint.of(b.southWest().lat(), b.northEast().lon()))
                * b.southWest()
                        .distanceMetersTo(
                                GeoPoint.of(b.northEast().lat(), b.southWest().lon()))
                / 1e6;
        // A resolution-8 cell averages 0.737 km²; the proxy leaves out those with no road near any part.
        int all = (int) (areaKm2 / 0.737);
        assertThat(cells.size()).isBetween(all / 10, all);
        assertThat(cells.resolution()).isEqualTo(8);
        List<Long> ids = cells.listCells().stream().map(DemandCell::h3Index).toList();
        assertThat(ids).isSorted();
        assertThat(cells.totalDemand())
                .isCloseTo(
                        cells.listCells().stream()
                                .mapToDouble(DemandCell::demand)
                                .sum(),
                        within(1e-9));
        // The region's roads are its towns and the links between them: the proxy leaves the empty country out.
        assertThat(cells.countUnplaced()).isLessThan(cells.size() / 20);
        assertThat(cells.listCells()).allSatisfy(c -> assertThat(c.demand()).isBetween(0.001, 1.0));
        assertThat(cells.listCells()).allSatisfy(c -> assertThat(c.address()).hasSize(15));
    }

    @Test
    void cellsLieInTheZonesOfTheirCentres() {
        DemandCells cells = RegionCells.cells();
        assertThat(cells.listZones()).isNotEmpty().isSorted();
        for (DemandCell c : cells.listCells().subList(0, 50)) {
            List<ZoneId> expected = RegionCells.zones().listContaining(c.centre()).stream()
                    .map(z -> z.id())
                    .sorted()
                    .toList();
            assertThat(c.zones()).isEqualTo(expected);
        }
    }

    @Test
    void recentIncidentsWeighTheirCellsAndEmptyCellsAreLeftOut() {
        GeoPoint centre = onARoadNear(0.5);
        List<GeoPoint> incidents = new ArrayList<>();
        for (int i = 0; i < 5; i++) incidents.add(centre);
        incidents.add(onARoadNear(0.8));
        DemandCells cells = DemandCells.over(network, TestCells.grid())
                .demand(DemandWeights.incidents(TestCells.grid(), incidents))
                .build();
        assertThat(cells.size()).isEqualTo(2);
        assertThat(cells.totalDemand()).isEqualTo(6);
        assertThat(cells.listCells()).extracting(DemandCell::demand).containsExactlyInAnyOrder(5.0, 1.0);
        assertThat(cells.listCells()).allSatisfy(c -> assertThat(c.onRoad()).isPresent());
    }

    /** A point on a road, the first found walking east from a point {@code share} of the way up the region. */
    private GeoPoint onARoadNear(double share) {
        GeoBounds b = network.bounds();
        double lat = b.southWest().lat()
                + share * (b.northEast().lat() - b.southWest().lat());
        for (double lon = b.southWest().lon(); lon < b.northEast().lon(); lon += 0.002) {
            var snapped = network.findSnap(GeoPoint.of(lat, lon));
            if (snapped.isPresent()) return snapped.get().onRoad();
        }
        throw new AssertionError("no road at " + share + " of the region's height");
    }

    @Test
    void aRoadDensityProxyWeighsTownsAboveCountryside() {
        DemandCells coarse = DemandCells.over(network, TestCells.grid())
                .resolution(6)
                .demand(DemandWeights.nearRoads(TestCells.grid(), network, 100))
                .build();
        assertThat(coarse.listCells()).allSatisfy(c -> assertThat(c.demand()).isBetween(0.0, 1.0));
        double max = coarse.listCells().stream()
                .mapToDouble(DemandCell::demand)
                .max()
                .orElseThrow();
        double min = coarse.listCells().stream()
                .mapToDouble(DemandCell::demand)
                .min()
                .orElseThrow();
        assertThat(max).isGreaterThan(2 * min);
    }

    @Test
    void badWeightsAreRefusedNamingEveryCell() {
        assertThatThrownBy(() -> DemandCells.over(network, TestCells.grid())
                        .resolution(5)
                        .demand((cell, centre) -> -1)
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("demand")
                .hasMessageContaining("-1.0")
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).violations()).hasSizeGreaterThan(1));
        assertThatThrownBy(() -> DemandCells.over(network, TestCells.grid())
                        .resolution(5)
                        .demand((cell, centre) -> Double.NaN)
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void aResolutionOutsideTheUsefulRangeIsRefused() {
        assertThatThrownBy(() -> DemandCells.over(network, TestCells.grid()).resolution(3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("resolution")
                .hasMessageContaining("3")
                .hasMessageContaining("4 to 11");
        assertThatThrownBy(() -> DemandCells.over(network, TestCells.grid()).resolution(12))
                .isInstanceOf(InvalidInputException.class);
    }
}
