package org.muster.geo.road;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The Rutland extract's network, loaded once per test JVM and cached in the build directory, so only the
 * first test class of the first run pays for the import.
 */
public final class SharedRutland {
    private static RoadNetwork network;

    private SharedRutland() {}

    /** The network, or skips the calling test with a message when the extract is absent. */
    public static synchronized RoadNetwork network() {
        Optional<Path> file = TestData.rutland();
        assumeTrue(
                file.isPresent(),
                () -> "skipped: the Rutland extract is not at "
                        + TestData.sharedDir().resolve("data/rutland-2022.osm.pbf")
                        + " (set -Dmuster.shared.dir to the directory holding data/)");
        if (network == null) {
            network = RoadNetwork.load(file.get(), RoadNetworkConfig.defaults(TestData.buildCacheDir()));
        }
        return network;
    }
}
