package org.muster.geo.zone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * Reads zones from a GeoJSON FeatureCollection of Polygon and MultiPolygon features.
 *
 * <p>A file is refused whole, with every problem found listed, when it cannot be read, is not a
 * FeatureCollection, holds no features, or has a feature without a name, with a bad id, or with a
 * geometry that is not a polygon. A polygon whose rings are invalid (self-intersecting, unclosed) is
 * repaired instead, because real boundary files have such rings and their authors meant an area; each
 * repair is reported in {@link LoadedZones#repairs()}.
 */
public final class GeoJsonZoneReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ID_LENGTH = 64;

    private final ZoneFileFormat format;

    private GeoJsonZoneReader(ZoneFileFormat format) {
        this.format = format;
    }

    /** Reads the zones of {@code file}; throws {@link InvalidInputException} listing every problem. */
    public static LoadedZones read(Path file, ZoneFileFormat format) {
        Check.present("file", file);
        Check.present("format", format);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw InvalidInputException.of("file", file, "must be a readable GeoJSON file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), format);
        } catch (IOException e) {
            throw InvalidInputException.of("file", file, "must be a readable GeoJSON file (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads the zones of a GeoJSON document.
     *
     * @param sourceName names the document in error messages, such as its file name
     */
    public static LoadedZones read(InputStream in, String sourceName, ZoneFileFormat format) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("file", sourceName, "must be GeoJSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidInputException.of("file", sourceName, "must be readable (" + e.getMessage() + ")");
        }
        return new GeoJsonZoneReader(format).readCollection(root, sourceName);
    }

    /**
     * The id given to a zone whose file has no id property: the organisation's code, a dot, and the name
     * in lower case with runs of other characters turned into a hyphen, such as {@code WYP.leeds-district}.
     * The organisation is part of it because sub-area names ("Central", "North") repeat between services.
     */
    public static Optional<ZoneId> deriveId(OrganisationId organisation, String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) return Optional.empty();
        String id = organisation.value() + "." + slug;
        if (id.length() > MAX_ID_LENGTH) {
            id = id.substring(0, MAX_ID_LENGTH).replaceAll("-+$", "");
        }
        return Optional.of(ZoneId.of(id));
    }

    private LoadedZones readCollection(JsonNode root, String sourceName) {
        if (root == null
                || !root.isObject()
                || !"FeatureCollection".equals(root.path("type").asText())) {
            String type = root != null && root.isObject() ? root.path("type").asText("") : describe(root);
            throw InvalidInputException.of("type", type, "must be a GeoJSON FeatureCollection (in " + sourceName + ")");
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw InvalidInputException.of("features", describe(features), "must hold at least one feature");
        }
        Check check = Check.collecting();
        List<ParsedFeature> parsed = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            readFeature(check, i, features.get(i)).ifPresent(parsed::add);
        }
        checkUniqueIds(check, parsed);
        check.throwIfAny();
        List<ZoneShape> zones = new ArrayList<>();
        List<ZoneRepair> repairs = new ArrayList<>();
        for (ParsedFeature f : parsed) {
            f.problems().forEach(p -> repairs.add(new ZoneRepair(f.index(), f.id(), p)));
            zones.add(new ZoneShape(f.id(), f.organisation(), f.name(), f.parent(), f.geometry()));
        }
        return new LoadedZones(zones, repairs);
    }

    private record ParsedFeature(
            int index,
            ZoneId id,
            OrganisationId organisation,
            String name,
            Optional<ZoneId> parent,
            Geometry geometry,
            List<String> problems) {}

    private Optional<ParsedFeature> readFeature(Check check, int index, JsonNode feature) {
        String at = "features[" + index + "]";
        if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
            check.add(at + ".type", feature.path("type").asText(describe(feature)), "must be 'Feature'");
            return Optional.empty();
        }
        JsonNode properties = feature.path("properties");
        Optional<String> name = text(check, properties, at, format.nameProperty(), true);
        Optional<OrganisationId> organisation = organisation(check, properties, at);
        Optional<ZoneId> id = zoneId(check, properties, at, organisation, name);
        Optional<ZoneId> parent = format.parentProperty()
                .flatMap(p -> text(check, properties, at, p, false)
                        .flatMap(v -> code(check, at + ".properties." + p, v, ZoneId::of)));
        List<String> problems = new ArrayList<>();
        Optional<Geometry> geometry = readGeometry(check, at, feature.path("geometry"), problems);
        if (name.isEmpty() || organisation.isEmpty() || id.isEmpty() || geometry.isEmpty()) return Optional.empty();
        return Optional.of(new ParsedFeature(
                index, id.get(), organisation.get(), name.get(), parent, geometry.get(), List.copyOf(problems)));
    }

    private Optional<OrganisationId> organisation(Check check, JsonNode properties, String at) {
        if (format.organisation().isPresent()) return format.organisation();
        String property = format.organisationProperty().orElseThrow();
        return text(check, properties, at, property, true)
                .flatMap(v -> code(check, at + ".properties." + property, v, OrganisationId::of));
    }

    private Optional<ZoneId> zoneId(
            Check check, JsonNode properties, String at, Optional<OrganisationId> org, Optional<String> name) {
        if (format.idProperty().isPresent()) {
            String property = format.idProperty().get();
            return text(check, properties, at, property, true)
                    .flatMap(v -> code(check, at + ".properties." + property, v, ZoneId::of));
        }
        if (org.isEmpty() || name.isEmpty()) return Optional.empty();
        Optional<ZoneId> derived = deriveId(org.get(), name.get());
        if (derived.isEmpty()) {
            check.add(
                    at + ".properties." + format.nameProperty(),
                    name.get(),
                    "must hold a letter or digit to derive the zone's id from, or name an id property");
        }
        return derived;
    }

    private static Optional<String> text(
            Check check, JsonNode properties, String at, String property, boolean required) {
        JsonNode value = properties.path(property);
        String field = at + ".properties." + property;
        if (value.isMissingNode() || value.isNull()) {
            if (required) check.add(field, null, "is required");
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            check.add(field, value.toString(), "must be a string");
            return Optional.empty();
        }
        String text = value.asText();
        if (text.isBlank()) {
            if (required) check.add(field, text, "must not be blank");
            return Optional.empty();
        }
        if (text.length() > 500) {
            check.add(field, text.substring(0, 40) + "...", "must be at most 500 characters");
            return Optional.empty();
        }
        return Optional.of(text.strip());
    }

    private static <T> Optional<T> code(Check check, String field, String value, Function<String, T> of) {
        try {
            return Optional.of(of.apply(value));
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> check.add(field, value, v.rule()));
            return Optional.empty();
        }
    }

    private static Optional<Geometry> readGeometry(Check check, String at, JsonNode geometry, List<String> problems) {
        String field = at + ".geometry";
        if (geometry.isMissingNode() || geometry.isNull()) {
            check.add(field, null, "is required: a Polygon or MultiPolygon");
            return Optional.empty();
        }
        String type = geometry.path("type").asText("");
        Optional<Geometry> parsed = switch (type) {
            case "Polygon", "MultiPolygon" ->
                new GeoJsonPolygons(check, field, problems).read(type, geometry.path("coordinates"));
            default -> {
                check.add(field + ".type", type, "must be Polygon or MultiPolygon");
                yield Optional.empty();
            }
        };
        return parsed.flatMap(g -> repaired(check, field, g, problems));
    }

    /** The geometry itself when valid; otherwise its repair, with what was wrong added to problems. */
    private static Optional<Geometry> repaired(Check check, String field, Geometry geometry, List<String> problems) {
        IsValidOp validity = new IsValidOp(geometry);
        if (validity.isValid()) return Optional.of(geometry);
        problems.add(validity.getValidationError().toString());
        Geometry fixed = GeometryFixer.fix(geometry);
        if (!(fixed instanceof Polygonal) || fixed.isEmpty()) {
            check.add(field, validity.getValidationError(), "must enclose an area (nothing is left after repair)");
            return Optional.empty();
        }
        return Optional.of(fixed);
    }

    private void checkUniqueIds(Check check, List<ParsedFeature> parsed) {
        Map<ZoneId, Integer> firstUse = new HashMap<>();
        String property = format.idProperty().orElse(format.nameProperty());
        for (ParsedFeature f : parsed) {
            Integer first = firstUse.putIfAbsent(f.id(), f.index());
            if (first != null) {
                check.add(
                        "features[" + f.index() + "].properties." + property,
                        f.id(),
                        "must give a zone id used once; features[" + first + "] has it too");
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "missing";
        if (node.isArray()) return node.isEmpty() ? "[]" : "an array";
        if (node.isObject()) return "an object";
        return node.asText();
    }
}
