package org.muster.geo.zone;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real boundary files kept beside the project, in {@code ../shared/data}: tests that read them are skipped,
 * saying why, where they are absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The file, or a failed JUnit assumption that skips the test when it is not there. */
    public static Path file(String name) {
        Path dir = sharedDir().resolve("data");
        Path file = dir.resolve(name);
        assumeTrue(
                Files.isReadable(file),
                () -> "skipped: real data file " + file.toAbsolutePath()
                        + " is absent (set -Dmuster.shared.dir to the directory holding data/)");
        return file;
    }

    private static Path sharedDir() {
        String property = System.getProperty("muster.shared.dir");
        if (property != null && !property.isBlank()) return Path.of(property);
        // Run from an IDE without the surefire configuration: the module directory is the working directory.
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) return p.resolveSibling("shared");
        }
        return here.resolveSibling("shared");
    }
}
