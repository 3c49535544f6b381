package org.muster.cli.interop;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the official interchange schemas are: {@code --schemas}, else {@code MUSTER_SCHEMAS}, else {@value
 * #DEFAULT}, where the project keeps the published files beside the repository (the server's {@code
 * muster.schemas} has the same default).
 */
public final class SchemaOptions {
    public static final String DEFAULT = "../shared/schemas";

    @Option(
            names = "--schemas",
            paramLabel = "DIR",
            description = "The folder holding eido/openapi.yaml and CAP-v1.2.xsd (default: $MUSTER_SCHEMAS, else "
                    + DEFAULT + ")")
    Optional<Path> folder = Optional.empty();

    public Path folder() {
        return folder.orElseGet(() -> Path.of(Optional.ofNullable(System.getenv("MUSTER_SCHEMAS"))
                .filter(s -> !s.isBlank())
                .orElse(DEFAULT)));
    }
}
