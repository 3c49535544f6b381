package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The API reference (docs/api/README.md) says "every path not listed below is denied", so an engineer wiring an
 * integration reads it as the whole API. Every path and method the server serves (docs/api/openapi.json, which
 * {@link ApiIT} keeps equal to what is served) must be named there, written out whole.
 */
class ApiReferenceTest {

    private static final Path DOCS = Path.of("..", "docs", "api");

    @Test
    void everyPathTheServerServesIsNamedInTheReference() throws Exception {
        var paths = new ObjectMapper()
                .readTree(DOCS.resolve("openapi.json").toFile())
                .get("paths");
        String reference = withoutParameterNames(Files.readString(DOCS.resolve("README.md")));

        List<String> missing = new ArrayList<>();
        var names = new TreeSet<String>();
        paths.fieldNames().forEachRemaining(names::add);
        for (String path : names) {
            String relative = withoutParameterNames(path.replaceFirst("^/api/v1", ""));
            paths.get(path).fieldNames().forEachRemaining(method -> {
                String name = method.toUpperCase(java.util.Locale.ROOT) + " " + relative;
                if (!namedIn(reference, method.toUpperCase(java.util.Locale.ROOT), relative)) {
                    missing.add(name);
                }
            });
        }
        assertThat(missing)
                .as("paths the server serves that docs/api/README.md does not name (write each out whole, as"
                        + " `METHOD /path`, in its table)")
                .isEmpty();
    }

    /** {@code `GET /zones/{id}`}, or a row naming several of one path's methods: {@code `GET`, `PUT /zones/{id}`}. */
    private static boolean namedIn(String reference, String method, String path) {
        if (path.startsWith("/login") || path.startsWith("/v3")) {
            return reference.contains(path);
        }
        return reference.contains("`" + method + " " + path + "`")
                || reference.contains("`" + method + " " + path + "?")
                || reference.contains("`" + method + " " + path + "[");
    }

    private static String withoutParameterNames(String text) {
        return text.replaceAll("\\{[A-Za-z]+}", "{}");
    }
}
