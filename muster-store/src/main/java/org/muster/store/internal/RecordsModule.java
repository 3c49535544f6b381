package org.muster.store.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;

/**
 * Jackson rules for the domain's annotation-free records.
 *
 * <ul>
 *   <li>A record is written as exactly its components, in declaration order. Jackson would otherwise also
 *       pick up bean-style helpers such as {@code Unit.isAvailable()}, which would put derived values in
 *       the log and make its bytes depend on which helpers a record happens to have.
 *   <li>A record whose only component is a {@code String} (the identifiers: {@code UnitId},
 *       {@code CommandId}, {@code Actor}, ...) is written as that bare string, also as a map key, and read
 *       back through its canonical constructor so its validation runs.
 * </ul>
 */
final class RecordsModule extends SimpleModule {

    RecordsModule() {
        super("muster-records");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addBeanSerializerModifier(new ComponentsOnly());
        context.addSerializers(new StringRecordSerializers());
        context.addKeySerializers(new StringRecordKeySerializers());
        context.addDeserializers(new StringRecordDeserializers());
        context.addDeserializers(new GeoPointDeserializers());
        context.addKeyDeserializers(new StringRecordKeyDeserializers());
    }

    /** The accessor of a record with one {@code String} component, if {@code type} is such a record. */
    static Optional<StringRecord> stringRecord(Class<?> type) {
        if (!type.isRecord()) return Optional.empty();
        RecordComponent[] components = type.getRecordComponents();
        if (components.length != 1 || components[0].getType() != String.class) return Optional.empty();
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(String.class);
            Method accessor = components[0].getAccessor();
            constructor.setAccessible(true);
            accessor.setAccessible(true);
            return Optional.of(new StringRecord(type, constructor, accessor));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the canonical constructor of " + type.getName(), e);
        }
    }

    /** The rule an identifier broke, in the domain's words when it gave them. */
    private static String ruleOf(Throwable failure) {
        return failure instanceof InvalidInputException invalid
                ? invalid.violations().getFirst().rule()
                : String.valueOf(failure.getMessage());
    }

    record StringRecord(Class<?> type, Constructor<?> constructor, Method accessor) {
        String valueOf(Object record) {
            try {
                return (String) accessor.invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Builds the record; its constructor's own check decides whether {@code value} is acceptable. */
        Object create(String value) throws InvocationTargetException {
            try {
                return constructor.newInstance(value);
            } catch (InstantiationException | IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class ComponentsOnly extends BeanSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(
                SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> properties) {
            Class<?> type = description.getBeanClass();
            if (!type.isRecord()) return properties;
            List<BeanPropertyWriter> ordered = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                BeanPropertyWriter writer = properties.stream()
                        .filter(p -> p.getName().equals(component.getName()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("record component " + type.getName() + "."
                                + component.getName() + " has no JSON property"));
                ordered.add(writer);
            }
            return ordered;
        }
    }

    private static final class StringRecordSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(
                SerializationConfig config, JavaType type, BeanDescription description) {
            return stringRecord(type.getRawClass())
                    .<JsonSerializer<?>>map(StringRecordSerializer::new)
                    .orElse(null);
        }
    }

    private static final class StringRecordKeySerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(
                SerializationConfig config, JavaType type, BeanDescription description) {
            return stringRecord(type.getRawClass())
                    .<JsonSerializer<?>>map(StringRecordKeySerializer::new)
                    .orElse(null);
        }
    }

    private static final class StringRecordDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription description) {
            return stringRecord(type.getRawClass())
                    .<JsonDeserializer<?>>map(StringRecordDeserializer::new)
                    .orElse(null);
        }
    }

    private static final class StringRecordKeyDeserializers implements KeyDeserializers {
        @Override
        public KeyDeserializer findKeyDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription description) {
            return stringRecord(type.getRawClass())
                    .<KeyDeserializer>map(StringRecordKeyDeserializer::new)
                    .orElse(null);
        }
    }

    private static final class StringRecordSerializer extends StdSerializer<Object> {
        private final StringRecord record;

        StringRecordSerializer(StringRecord record) {
            super(Object.class);
            this.record = record;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(record.valueOf(value));
        }
    }

    private static final class StringRecordKeySerializer extends StdSerializer<Object> {
        private final StringRecord record;

        StringRecordKeySerializer(StringRecord record) {
            super(Object.class);
            this.record = record;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeFieldName(record.valueOf(value));
        }
    }

    private static final class StringRecordDeserializer extends StdScalarDeserializer<Object> {
        private final StringRecord record;

        StringRecordDeserializer(StringRecord record) {
            super(record.type());
            this.record = record;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(record.type(), parser);
            }
            String text = parser.getText();
            try {
                return record.create(text);
            } catch (InvocationTargetException e) {
                throw InvalidFormatException.from(parser, ruleOf(e.getCause()), text, record.type());
            }
        }
    }

    private static final class StringRecordKeyDeserializer extends KeyDeserializer {
        private final StringRecord record;

        StringRecordKeyDeserializer(StringRecord record) {
            this.record = record;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            try {
                return record.create(key);
            } catch (InvocationTargetException e) {
                throw InvalidFormatException.from(context.getParser(), ruleOf(e.getCause()), key, record.type());
            }
        }
    }

    private static final class GeoPointDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription description) {
            return type.getRawClass() == GeoPoint.class ? new GeoPointDeserializer() : null;
        }
    }

    /**
     * A point needs both coordinates given as numbers: Jackson would read a missing or null {@code double}
     * as 0, which puts a call or a crew silently in the Gulf of Guinea.
     */
    private static final class GeoPointDeserializer extends JsonDeserializer<GeoPoint> {
        @Override
        public GeoPoint deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            try {
                if (node == null || !node.isObject())
                    throw InvalidInputException.of(
                            "lat", node == null ? null : node.toString(), "a point is an object {lat, lon}");
                for (var names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("lat") && !name.equals("lon"))
                        throw InvalidInputException.of(
                                name, node.get(name).toString(), "is not a field; allowed: lat, lon");
                }
                // both coordinates' faults named at once, a wrong one beside a missing one
                Check check = Check.collecting();
                double lat = coordinate(check, node, "lat", 90);
                double lon = coordinate(check, node, "lon", 180);
                check.throwIfAny();
                return new GeoPoint(lat, lon);
            } catch (InvalidInputException e) {
                // the codec names the path to the point and takes the field, value and rule from the cause
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
        }

        /** The coordinate, in range; its fault, if any, noted in {@code check} (NaN returned then). */
        private static double coordinate(Check check, JsonNode point, String field, int limit) {
            try {
                double value = coordinate(point, field, limit);
                Check.range(field, value, -limit, limit);
                return value;
            } catch (InvalidInputException e) {
                check.addAll(e);
                return Double.NaN;
            }
        }

        private static double coordinate(JsonNode point, String field, int limit) {
            JsonNode value = point.path(field);
            String number = "a number between -" + limit + " and " + limit;
            if (value.isMissingNode() || value.isNull())
                throw InvalidInputException.of(field, null, "is required: " + number);
            if (!value.isNumber()) throw InvalidInputException.of(field, value.toString(), "must be " + number);
            return value.doubleValue();
        }
    }
}
