package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;

class RoadLinesTest {
    @TempDir
    static Path dir;

    static RoadNetwork network;

    @BeforeAll
    static void load() {
        network = RandomStreetGrid.load(7, dir);
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void listsEveryEdgeOnceWithItsShapeInsideTheBounds() {
        List<RoadLine> lines = network.listRoadLines();
        assertThat(lines).hasSize(network.info().edgeCount());
        GeoBounds b = network.bounds();
        for (RoadLine line : lines) {
            assertThat(line.points()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(line.roadClass()).matches("[a-z_]+");
            for (GeoPoint p : line.points()) {
                assertThat(p.lat()).isBetween(b.southWest().lat(), b.northEast().lat());
                assertThat(p.lon()).isBetween(b.southWest().lon(), b.northEast().lon());
            }
        }
    }
}
