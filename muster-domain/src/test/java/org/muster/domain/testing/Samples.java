package org.muster.domain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitType;

/**
 * A valid instance of any record of the domain, built from its components' types: "x" for text and codes,
 * 1 for counts, 0.5 for fractions and degrees, the first constant of an enum, one element in a collection,
 * nothing in an Optional. Where that combination breaks a record's own rule, {@link #OVERRIDES} gives the
 * component a value that keeps it. Tests then change one component at a time.
 */
public final class Samples {
    private Samples() {}

    /** Component values that the generic choice would make invalid, by {@code Record.component}. */
    private static final Map<String, Object> OVERRIDES = Map.of(
            // the first agency, POLICE, does not use the first priority, C1
            "IncidentType.defaultPriority",
            Priority.EMERGENCY,
            // a need names a unit type or a skill, exactly one
            "AidNeed.unitType",
            Optional.of(UnitType.POLICE_RESPONSE_CAR),
            // the two sides of a pair must differ
            "LinkDuplicate.primary",
            IncidentId.of("y"),
            "SetEscortAgreement.escorted",
            OrganisationId.of("y"),
            // a request is not addressed to its own requester
            "RequestAid.requester",
            OrganisationId.of("y"),
            "Organisation.escortsFor",
            new TreeSet<>(Set.of(OrganisationId.of("y"))),
            // an area with no corners is a circle, with its radius
            "MajorIncidentArea.polygon",
            List.of(),
            // casualties are counted by triage category
            "CasualtyCount.counts",
            new TreeMap<>(Map.of(TriageCategory.P1, 1)),
            "ReportCasualties.counts",
            new TreeMap<>(Map.of(TriageCategory.P1, 1)),
            // an area named by its zones and drawn too (a closed ring), so that either alone still says where
            "AlertArea.polygon",
            List.of(
                    org.muster.domain.GeoPoint.of(52, -1),
                    org.muster.domain.GeoPoint.of(52.1, -1),
                    org.muster.domain.GeoPoint.of(52.1, -0.9),
                    org.muster.domain.GeoPoint.of(52, -1)));

    /** Every record class of the domain's main code, found on the class path, in name order. */
    public static List<Class<?>> domainRecords() {
        try {
            Path root = Path.of(Check.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            try (Stream<Path> files = Files.walk(root)) {
                List<Class<?>> records = new ArrayList<>();
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name =
                            root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> c = Class.forName(name, false, Samples.class.getClassLoader());
                    if (c.isRecord()) records.add(c);
                }
                records.sort(Comparator.comparing(Class::getName));
                return records;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid instance of the record. */
    public static <R> R of(Class<R> record) {
        return record.cast(construct(record, args(record)));
    }

    /** The record's canonical constructor arguments for a valid instance, in component order. */
    public static Object[] args(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = record.getSimpleName() + "." + components[i].getName();
            args[i] = OVERRIDES.containsKey(key) ? OVERRIDES.get(key) : value(components[i].getGenericType());
        }
        return args;
    }

    /** A valid instance of the record but for one component. */
    public static Object with(Class<?> record, String component, Object value) {
        return with(record, Map.of(component, Optional.ofNullable(value)));
    }

    /** A valid instance of the record but for some components (an empty Optional here stands for null). */
    public static Object with(Class<?> record, Map<String, Optional<Object>> changes) {
        Object[] args = args(record);
        RecordComponent[] components = record.getRecordComponents();
        for (var change : changes.entrySet()) {
            int i = indexOf(components, change.getKey());
            args[i] = change.getValue().orElse(null);
        }
        return construct(record, args);
    }

    public static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) if (components[i].getName().equals(name)) return i;
        throw new IllegalArgumentException("no component " + name);
    }

    /** Calls the canonical constructor, rethrowing what the constructor threw. */
    public static Object construct(Class<?> record, Object[] args) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<?> ctor = record.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object value(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        if (raw == String.class) return "x";
        if (raw == int.class || raw == Integer.class) return 1;
        if (raw == long.class || raw == Long.class) return 1L;
        if (raw == double.class || raw == Double.class) return 0.5;
        if (raw == boolean.class || raw == Boolean.class) return false;
        if (raw == Instant.class) return Instant.parse("2026-01-01T00:00:00Z");
        if (raw == Duration.class) return Duration.ofHours(1);
        if (raw == Optional.class) return Optional.empty();
        if (raw == List.class) return List.of(value(element));
        if (raw == SortedSet.class) return new TreeSet<>(List.of(value(element)));
        if (raw == Set.class) return Set.of(value(element));
        if (raw == SortedMap.class) return new TreeMap<>(Map.of("k", "v"));
        if (raw == Map.class) return Map.of();
        if (raw == Object.class) return "x";
        if (raw.isEnum()) return raw.getEnumConstants()[0];
        if (raw.isRecord()) return of(raw);
        if (raw.isSealed()) return of(raw.getPermittedSubclasses()[0]);
        throw new IllegalArgumentException("no sample for " + type + ": add one to Samples");
    }
}
