package org.muster.interop.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The official interchange schemas kept beside the project, in {@code ../shared/schemas}, read in place: tests
 * that need them are skipped, saying why, where they are absent.
 */
public final class SharedSchemas {
    private SharedSchemas() {}

    /** {@code ../shared/schemas}, or a failed assumption that skips the test when it is not there. */
    public static Path folder() {
        Path dir = sharedDir().resolve("schemas");
        assumeTrue(
                Files.isRegularFile(dir.resolve("eido/openapi.yaml"))
                        && Files.isRegularFile(dir.resolve("CAP-v1.2.xsd")),
                () -> "skipped: the interchange schemas are absent from " + dir.toAbsolutePath()
                        + " (set -Dmuster.shared.dir to the directory holding schemas/)");
        return dir;
    }

    public static Path eido() {
        return folder().resolve("eido");
    }

    public static Path cap() {
        return folder().resolve("CAP-v1.2.xsd");
    }

    private static Path sharedDir() {
        String property = System.getProperty("muster.shared.dir");
        if (property != null && !property.isBlank()) return Path.of(property);
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) return p.resolveSibling("shared");
        }
        return here.resolveSibling("shared");
    }
}
