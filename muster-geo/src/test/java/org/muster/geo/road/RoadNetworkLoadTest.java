package org.muster.geo.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.InvalidInputException;

/** Import, the on-disk cache, and files that must be refused. */
class RoadNetworkLoadTest {
    @TempDir
    Path dir;

    private RoadNetworkConfig config() {
        return RoadNetworkConfig.defaults(dir.resolve("cache"))
                .withContractionHierarchies(false)
                .withMinNetworkSize(10)
                .withShowProgress(false);
    }

    @Test
    void secondLoadComesFromTheCache() {
        Path osm = RandomStreetGrid.write(5, dir);
        RoadNetworkInfo first;
        try (RoadNetwork network = RoadNetwork.load(osm, config())) {
            first = network.info();
        }
        try (RoadNetwork network = RoadNetwork.load(osm, config())) {
            RoadNetworkInfo second = network.info();
            assertThat(first.importedNow()).isTrue();
            assertThat(second.importedNow()).as("second load imports again").isFalse();
            assertThat(second.graphDir()).isEqualTo(first.graphDir());
            assertThat(second.junctionCount()).isEqualTo(first.junctionCount()).isPositive();
            assertThat(second.edgeCount()).isEqualTo(first.edgeCount()).isPositive();
        }
        assertThat(listCache()).containsExactly(first.graphDir().getFileName().toString());
    }

    @Test
    void cacheKeyFollowsFileContentAndSpeedSettings() throws IOException {
        Path osm = RandomStreetGrid.write(5, dir);
        Path copy = Files.copy(osm, dir.resolve("renamed.osm"));
        Path first, renamed, faster;
        try (RoadNetwork network = RoadNetwork.load(osm, config())) {
            first = network.info().graphDir();
        }
        try (RoadNetwork network = RoadNetwork.load(copy, config())) {
            renamed = network.info().graphDir();
            assertThat(network.info().importedNow())
                    .as("same bytes under another name")
                    .isFalse();
        }
        RoadNetworkConfig fasterConfig =
                config().withEmergencySpeeds(EmergencySpeeds.defaults().withFactor(RoadClass.RESIDENTIAL, 1.5));
        try (RoadNetwork network = RoadNetwork.load(osm, fasterConfig)) {
            faster = network.info().graphDir();
            assertThat(network.info().importedNow()).as("new speed settings").isTrue();
        }
        assertThat(renamed).isEqualTo(first);
        assertThat(faster).isNotEqualTo(first);
        // The profiles themselves are part of the key, so a graph prepared under other access rules or
        // custom models is never loaded.
        assertThat(config().graphSettingsText())
                .contains(org.muster.geo.road.internal.EmergencyAccess.RULES_VERSION)
                .contains(GraphHopperSetup.emergencyModel(EmergencySpeeds.defaults())
                        .toString())
                // Turn restrictions are imported: a graph cached before them has none and is not reused.
                .contains("turns{car=[motorcar, motor_vehicle],emergency=[motorcar, motor_vehicle, emergency]");
        assertThat(first.getFileName().toString()).startsWith(network(osm).osmSha256());
    }

    @Test
    void anIncompleteCacheDirectoryIsImportedAgain() throws IOException {
        Path osm = RandomStreetGrid.write(6, dir);
        Path graphDir;
        try (RoadNetwork network = RoadNetwork.load(osm, config())) {
            graphDir = network.info().graphDir();
        }
        // As if an older tool had crashed after writing part of the graph: no completion marker.
        Files.delete(graphDir.resolve("muster-road.properties"));
        try (RoadNetwork network = RoadNetwork.load(osm, config())) {
            assertThat(network.info().importedNow()).isTrue();
        }
    }

    @Test
    void refusesAMissingFile() {
        assertRefused(dir.resolve("nowhere.osm.pbf"), "does not exist");
    }

    @Test
    void refusesADirectory() {
        assertRefused(dir, "is not a regular file");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        assertRefused(Files.createFile(dir.resolve("empty.osm.pbf")), "is empty");
    }

    @Test
    void refusesBytesThatAreNotOsm() throws IOException {
        byte[] noise = new byte[5000];
        new java.util.Random(3).nextBytes(noise);
        assertRefused(Files.write(dir.resolve("noise.osm.pbf"), noise), "is not an OpenStreetMap file");
        assertRefused(write("page.osm", "<html><body>not a map</body></html>"), "is not an OpenStreetMap file");
        assertRefused(write("notes.txt", "roads: many"), "is not an OpenStreetMap file");
    }

    @Test
    void refusesOsmXmlUnderANameGraphHopperCannotRead() throws IOException {
        Path osm = RandomStreetGrid.write(5, dir);
        assertRefused(Files.copy(osm, dir.resolve("grid.txt")), "name must end in .osm or .xml");
    }

    @Test
    void refusesBrokenXml() throws IOException {
        Path broken =
                write("broken.osm", "<?xml version='1.0'?>\n<osm version=\"0.6\">\n  <node id=\"1\" lat=\"52.6\"");
        assertRefused(broken, "cannot be imported");
    }

    @Test
    void refusesAFileWithoutRoads() throws IOException {
        Path noRoads = write("footpaths.osm", """
                <?xml version='1.0' encoding='UTF-8'?>
                <osm version="0.6">
                  <node id="1" lat="52.60" lon="-0.70"/>
                  <node id="2" lat="52.61" lon="-0.70"/>
                  <node id="3" lat="52.61" lon="-0.71"/>
                  <way id="1"><nd ref="1"/><nd ref="2"/><tag k="building" v="yes"/></way>
                  <way id="2"><nd ref="2"/><nd ref="3"/><tag k="highway" v="track"/><tag k="motor_vehicle" v="no"/></way>
                </osm>
                """);
        assertRefused(noRoads, "holds no connected roads a car may use");
    }

    private void assertRefused(Path file, String problem) {
        assertThatThrownBy(() -> RoadNetwork.load(file, config()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("osmFile")
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
        assertThat(listCache())
                .as("nothing left in the cache after refusing " + file)
                .isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private RoadNetworkInfo network(Path osm) {
        try (RoadNetwork network = RoadNetwork.load(osm, config())) {
            return network.info();
        }
    }

    private java.util.List<String> listCache() {
        Path cache = dir.resolve("cache");
        if (!Files.isDirectory(cache)) return java.util.List.of();
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
