package org.muster.store.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;

/**
 * The one Jackson configuration for everything the store writes. Its output is deterministic (record
 * component order, map entries by key, ISO-8601 instants), because the audit hash is taken over it.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = builder().build();

    /**
     * For values from outside ({@link #fromTree}): a number or flag the sender left out, or sent as null, is
     * refused rather than read as 0 or false. The log keeps the lenient reader, so that an event written
     * before a field existed still reads.
     */
    private static final ObjectMapper STRICT = builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasRequiredMarker(AnnotatedMember m) {
                    if (m instanceof AnnotatedParameter p && p.getRawType().isPrimitive()) return Boolean.TRUE;
                    return super.hasRequiredMarker(m);
                }
            })
            .build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                // after the time module, so that its reader of instants is the one used
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("instants")
                        .addDeserializer(java.time.Instant.class, new InstantReader()))
                .addModule(new RecordsModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS); // 5 is not EN_ROUTE
    }

    private JsonCodec() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * Reads {@code json} as a {@code type}.
     *
     * @throws IllegalArgumentException when the text is not a valid {@code type}
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A parser over {@code json}, for reading a large text in parts without building its tree. */
    static com.fasterxml.jackson.core.JsonParser parser(String json) throws java.io.IOException {
        return MAPPER.createParser(json);
    }

    /** Reads the value at the parser's current token as a {@code type}; the text may go on after it. */
    static <T> T read(com.fasterxml.jackson.core.JsonParser parser, Class<T> type) throws java.io.IOException {
        return MAPPER.readerFor(type)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue(parser);
    }

    /**
     * Reads part of a tree as a {@code type}, without writing it out as text first.
     *
     * @throws IllegalArgumentException when the tree is not a valid {@code type}
     */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A record (or map) as a JSON object tree, in the same form {@link #write} gives. */
    public static ObjectNode toTree(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        if (tree instanceof ObjectNode object) return object;
        throw new IllegalArgumentException(value.getClass().getName() + " is not written as a JSON object");
    }

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses JSON text from outside (a file, a pipe, a request).
     *
     * @throws InvalidInputException naming {@code $} when the text is not JSON
     */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw InvalidInputException.of("$", abbreviate(json), "must be valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Reads a value from outside as a {@code type}; a problem is reported against {@code field} and the
     * path inside it, such as {@code command.unit}.
     *
     * @throws InvalidInputException naming the field, the value and the rule, including the violations of
     *     the domain's own checks
     */
    public static <T> T fromTree(JsonNode tree, Class<T> type, String field) {
        try {
            return STRICT.treeToValue(tree, type);
        } catch (JacksonException e) {
            String at = e instanceof DatabindException mapping ? pathOf(field, mapping) : field;
            if (e instanceof UnrecognizedPropertyException unknown) {
                // the field named, with the ones that may be given: not the whole body and a Java class
                List<String> known = unknown.getKnownPropertyIds() == null
                        ? List.of()
                        : unknown.getKnownPropertyIds().stream()
                                .map(String::valueOf)
                                .sorted()
                                .toList();
                // the value given, not the field's name again ("body.kind='kind'")
                JsonNode given = nodeAt(tree, unknown);
                throw InvalidInputException.of(
                        at,
                        given.isTextual() ? abbreviate(given.asText()) : abbreviate(given.toString()),
                        "is not a field of this request" + (known.isEmpty() ? "" : ": one of " + known));
            }
            if (e instanceof InvalidFormatException format) {
                Class<?> target = format.getTargetType();
                if (target != null && target.isEnum()) {
                    throw InvalidInputException.of(
                            at,
                            format.getValue(),
                            "must be one of " + java.util.Arrays.toString(target.getEnumConstants()));
                }
                // what the field takes, not the parser's words ("Cannot deserialize value of type `java.time.Instant`")
                if (target != null && (target.getPackageName().startsWith("java.") || target.isPrimitive()))
                    throw InvalidInputException.of(at, format.getValue(), "must be " + expected(target));
                // a value of Muster's own whose check refused it: its rule, as the parser passes it on
                throw InvalidInputException.of(at, format.getValue(), format.getOriginalMessage());
            }
            // a number too large for its field ("Numeric value (99999999999) out of range of int")
            if (e instanceof JsonMappingException mapping
                    && mapping.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException coercion
                    && coercion.getTargetType() != null) {
                throw InvalidInputException.of(
                        at,
                        abbreviate(nodeAt(tree, mapping).toString()),
                        "must be " + expected(coercion.getTargetType()));
            }
            Optional<InvalidInputException> domain = domainCause(e);
            if (domain.isPresent()) {
                // A record's own check failed: its field names are relative to the record at this path.
                List<Violation> violations = domain.get().violations().stream()
                        .map(v -> new Violation(at + "." + v.field(), v.value(), v.rule()))
                        .toList();
                throw new InvalidInputException(violations);
            }
            JsonNode value = e instanceof JsonMappingException mapping ? nodeAt(tree, mapping) : tree;
            if (value != tree && (value.isMissingNode() || value.isNull()))
                throw InvalidInputException.of(at, null, "is required");
            throw InvalidInputException.of(
                    at,
                    abbreviate(tree.toString()),
                    "must be a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /**
     * What a value of this type takes, in words, with an example where the form is not obvious: the one wording
     * for a request's body and its query parameters.
     */
    public static String expected(Class<?> type) {
        if (type == null) return "a valid value";
        if (type == java.time.Instant.class) return "an ISO-8601 instant such as 2026-11-22T16:52:00Z";
        if (type == java.time.Duration.class) return "an ISO-8601 duration such as PT15M";
        if (type == java.time.LocalDate.class) return "a date such as 2026-11-22";
        // a value too large for the field is refused here too: say where the whole numbers end
        if (type == int.class || type == Integer.class) return "a whole number no larger than 2147483647";
        if (type == long.class || type == Long.class) return "a whole number no larger than 9223372036854775807";
        if (type == double.class || type == Double.class || type == float.class || type == Float.class)
            return "a number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type.isEnum())
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .toList();
        return "a valid " + type.getSimpleName();
    }

    private static Optional<InvalidInputException> domainCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) return Optional.of(invalid);
        }
        return Optional.empty();
    }

    /** The part of {@code tree} the failure points at (a missing node when it is not there). */
    private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (var r : e.getPath())
            node = r.getFieldName() != null ? node.path(r.getFieldName()) : node.path(r.getIndex());
        return node;
    }

    private static String pathOf(String field, DatabindException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) return field;
        return field
                + mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining());
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
