package org.muster.interop.eido;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.muster.domain.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * NENA's EIDO schema as published ({@code openapi.yaml} and the NIEM component files beside it), read from
 * a folder and checked with a real JSON-schema validator in OpenAPI 3.0's dialect. The files are used
 * unchanged; the two defects of the published schema are read as their obviously intended values when a
 * file is loaded: {@code minItems: 1,} (a YAML string) as 1, and the doubled slash of {@code
 * NIEMComponents//j.yaml} as one.
 */
public final class EidoSchema {
    /** Where the files are said to live, so that their relative references resolve among themselves. */
    private static final String BASE = "https://schemas.muster.invalid/eido/";

    private static final Pattern COUNT_WITH_STRAY_COMMA = Pattern.compile("\\s*(\\d+)\\s*,\\s*");
    private static final List<String> COUNT_KEYWORDS =
            List.of("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties");

    private final Schema schema;

    private EidoSchema(Schema schema) {
        this.schema = schema;
    }

    /**
     * Loads the schema from {@code folder} (holding {@code openapi.yaml} and {@code NIEMComponents/}); the
     * component files are read when a reference first needs them.
     *
     * @throws UncheckedIOException when {@code openapi.yaml} cannot be read
     */
    public static EidoSchema load(Path folder) {
        if (!Files.isRegularFile(folder.resolve("openapi.yaml")))
            throw new UncheckedIOException(new IOException("no EIDO schema at " + folder.resolve("openapi.yaml")));
        SchemaRegistry registry = SchemaRegistry.withDialect(
                Dialects.getOpenApi30(), b -> b.schemas(iri -> iri.startsWith(BASE) ? read(folder, iri) : null));
        Schema schema = registry.getSchema(
                SchemaLocation.of(BASE + "openapi.yaml#/components/schemas/EmergencyIncidentDataObjectType"));
        // every reference resolved now, so that a schema file that cannot be read fails the start, not a request
        schema.initializeValidators();
        return new EidoSchema(schema);
    }

    /**
     * Every way the document breaks the schema, each as the path in the document (a JSON pointer, {@code /} for the whole) and the reason; empty
     * when it validates.
     */
    public List<Violation> check(String json) {
        return check(Eido.read(json));
    }

    /** The same for a document already read. */
    public List<Violation> check(JsonNode document) {
        List<Violation> out = new ArrayList<>();
        for (Error e : schema.validate(document)) {
            String path = e.getInstanceLocation() == null
                    ? ""
                    : e.getInstanceLocation().toString();
            if (path.isEmpty()) path = "/";
            out.add(Violation.of(path, e.getInstanceNode() == null ? "" : brief(e.getInstanceNode()), e.getMessage()));
        }
        return List.copyOf(out);
    }

    private static String brief(JsonNode node) {
        String text = node.isValueNode() ? node.asString() : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String read(Path folder, String iri) {
        String relative = iri.substring(BASE.length());
        int hash = relative.indexOf('#');
        if (hash >= 0) relative = relative.substring(0, hash);
        Path file = folder.resolve(relative.replaceAll("/{2,}", "/")).normalize();
        if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) return null;
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            tolerateDefects(tree);
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            throw new IllegalStateException("the EIDO schema file " + file + " is not YAML: " + e.getMessage(), e);
        }
    }

    /** The published schema's two defects, read as meant: see the class comment. */
    private static void tolerateDefects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (COUNT_KEYWORDS.contains(field.getKey()) && value.isString()) {
                    var m = COUNT_WITH_STRAY_COMMA.matcher(value.asString());
                    if (m.matches()) object.put(field.getKey(), Integer.parseInt(m.group(1)));
                } else if (field.getKey().equals("$ref") && value.isString()) {
                    object.put("$ref", value.asString().replaceAll("(?<!:)/{2,}", "/"));
                } else {
                    tolerateDefects(value);
                }
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode item : node) tolerateDefects(item);
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
}
