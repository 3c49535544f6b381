package org.muster.geo.road;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where tests find shared data and keep cached graphs. */
final class TestData {
    private TestData() {}

    /** {@code ../shared} beside the repository, as the build passes it in {@code muster.shared.dir}. */
    static Path sharedDir() {
        String configured = System.getProperty("muster.shared.dir");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        Path dir = Path.of("").toAbsolutePath();
        // Run from the module or from the repository root: look upwards for the repository's parent.
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && p.getParent() != null)
                return p.getParent().resolve("shared");
        }
        return dir.resolve("../shared").normalize();
    }

    /** The real Rutland extract, when present. */
    static Optional<Path> rutland() {
        Path file = sharedDir().resolve("data/rutland-2022.osm.pbf");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * A cache directory inside this module's build directory (whatever {@code muster.target} names it), so
     * one run imports Rutland once and {@code mvn clean} removes it.
     */
    static Path buildCacheDir() {
        try {
            Path testClasses = Path.of(TestData.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return testClasses.getParent().resolve("road-cache");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
