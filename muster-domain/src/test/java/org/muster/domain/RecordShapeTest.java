package org.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.domain.testing.Samples;

/**
 * Two promises every record of the domain keeps, checked over all of them (a new record is covered without
 * anyone adding a test): no null gets in, and no collection it holds or hands out can be changed.
 */
class RecordShapeTest {

    static Stream<Class<?>> records() {
        return Samples.domainRecords().stream();
    }

    @Test
    void everyRecordOfTheDomainHasAValidSample() {
        List<String> failures = new ArrayList<>();
        for (Class<?> r : Samples.domainRecords()) {
            try {
                Samples.of(r);
            } catch (RuntimeException e) {
                failures.add(r.getName() + ": " + e);
            }
        }
        assertThat(failures).as("add an override to Samples").isEmpty();
        assertThat(Samples.domainRecords()).hasSizeGreaterThan(100);
    }

    /**
     * A null component is refused with an InvalidInputException whose violation names the component, with
     * the value "null"; or, where the record reads data written before the component existed, replaced by
     * an empty value. It never gets into the record, and it never surfaces as a NullPointerException.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void aMissingComponentIsRefusedNamingItOrDefaultedNeverHeld(Class<?> record) throws Exception {
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getType().isPrimitive() || NOT_CHECKED_FOR_NULL.stream().anyMatch(record.getName()::startsWith))
                continue;
            Object built;
            try {
                built = Samples.with(record, Map.of(c.getName(), Optional.empty()));
            } catch (InvalidInputException e) {
                String expected = FIELD_NAMES.getOrDefault(record.getSimpleName() + "." + c.getName(), c.getName());
                // a record a command carries is read from a request or a file, whose reader prefixes its path
                // (body.content.area.); its own names are relative, or the path names it twice
                String field = INPUT.contains(record)
                        ? java.util.regex.Pattern.quote(expected)
                        : "(.*\\.)?" + java.util.regex.Pattern.quote(expected);
                assertThat(e.violations())
                        .as(record.getSimpleName() + "." + c.getName())
                        .anySatisfy(v -> {
                            assertThat(v.field()).matches(field);
                            assertThat(v.value()).isEqualTo(Violation.MISSING);
                            // the message a user reads says it is missing, not 'null'
                            assertThat(v.toString()).contains(" (missing): ").doesNotContain("'null'");
                            assertThat(v.rule()).isNotBlank();
                        });
                continue;
            }
            assertThat(c.getAccessor().invoke(built))
                    .as(record.getSimpleName() + "." + c.getName() + " was let in as null")
                    .isNotNull();
        }
    }

    /** The records a command carries, and the records they carry, and so on: what is read from outside. */
    private static final java.util.Set<Class<?>> INPUT = carriedBy(org.muster.domain.command.Command.class);

    private static java.util.Set<Class<?>> carriedBy(Class<?> sealed) {
        java.util.Set<Class<?>> found = new java.util.HashSet<>();
        java.util.Deque<java.lang.reflect.Type> todo =
                new java.util.ArrayDeque<>(List.of(sealed.getPermittedSubclasses()));
        while (!todo.isEmpty()) {
            java.lang.reflect.Type t = todo.pop();
            if (t instanceof java.lang.reflect.ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
                todo.push(p.getRawType());
            } else if (t instanceof Class<?> c
                    && c.isRecord()
                    && c.getName().startsWith("org.muster.")
                    && found.add(c)) {
                for (RecordComponent rc : c.getRecordComponents()) todo.push(rc.getGenericType());
            }
        }
        return found;
    }

    /**
     * Records that are not input and do not check for null, by class name prefix, and why. A record added
     * anywhere else is checked.
     */
    private static final List<String> NOT_CHECKED_FOR_NULL = List.of(
            // the violation is the error itself: Muster's own checks build it, and refuse a null with an
            // IllegalArgumentException, a bug in Muster rather than bad input
            "org.muster.domain.Violation",
            // events are facts the engine derives from checked commands and state, and the codec reads back
            // what the engine wrote; they carry no checks of their own
            "org.muster.domain.event.Event$",
            // what the store reads back from its own tables: snapshots and the audit's broken links
            "org.muster.domain.log.");

    /** Where a violation names a component by another name than the component's own, and why. */
    private static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            // identifiers name their kind, so "incidentId='': ..." reads well wherever it is nested
            Map.entry("AidRequestId.value", "aidRequestId"),
            Map.entry("MajorIncidentId.value", "majorIncidentId"),
            Map.entry("PublicAlertId.value", "publicAlertId"),
            Map.entry("AlertId.value", "alertId"),
            Map.entry("IncidentId.value", "incidentId"),
            Map.entry("IncidentTypeCode.value", "incidentTypeCode"),
            Map.entry("OfferId.value", "offerId"),
            Map.entry("OrganisationId.value", "organisationId"),
            Map.entry("StationId.value", "stationId"),
            Map.entry("ZoneId.value", "zoneId"),
            Map.entry("PersonId.value", "personId"),
            Map.entry("RoadClosureId.value", "roadClosureId"),
            Map.entry("UnitId.value", "unitId"),
            Map.entry("Callsign.value", "callsign"),
            Map.entry("CommandId.value", "commandId"),
            Map.entry("Actor.id", "actor"),
            Map.entry("CommandEnvelope.id", "commandId"),
            // the catalogue's column names
            Map.entry("IncidentType.defaultPriority", "priority"),
            Map.entry("IncidentType.requirements", "requires"));

    /**
     * What a record holds cannot be changed through its accessors, nor through the collection it was built
     * from, nor through a collection one of its methods hands out.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void noCollectionARecordHoldsOrHandsOutCanBeChanged(Class<?> record) throws Exception {
        Object sample = Samples.of(record);
        for (Method m : record.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) continue;
            if (!Collection.class.isAssignableFrom(m.getReturnType()) && !Map.class.isAssignableFrom(m.getReturnType()))
                continue;
            Object handedOut = m.invoke(sample);
            String what = record.getSimpleName() + "." + m.getName() + "()";
            if (handedOut instanceof Collection<?> c) {
                assertThatThrownBy(c::clear).as(what).isInstanceOf(UnsupportedOperationException.class);
                assertThatThrownBy(() -> addTo(c)).as(what).isInstanceOf(UnsupportedOperationException.class);
            } else if (handedOut instanceof Map<?, ?> map) {
                assertThatThrownBy(map::clear).as(what).isInstanceOf(UnsupportedOperationException.class);
                assertThatThrownBy(() -> putIn(map)).as(what).isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addTo(Collection c) {
        c.add(c.isEmpty() ? "x" : c.iterator().next());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void putIn(Map m) {
        m.put("k2", "v2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void aRecordKeepsItsOwnCopyOfTheCollectionsItWasBuiltFrom(Class<?> record) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        for (RecordComponent c : components) {
            Object[] args = Samples.args(record);
            int i = Samples.indexOf(components, c.getName());
            Object given = mutableCopy(args[i]);
            if (given == null) continue;
            args[i] = given;
            Object built = Samples.construct(record, args);
            Object before = String.valueOf(c.getAccessor().invoke(built));
            if (given instanceof Collection<?> g) g.clear();
            if (given instanceof Map<?, ?> g) g.clear();
            assertThat(String.valueOf(c.getAccessor().invoke(built)))
                    .as(record.getSimpleName() + "." + c.getName() + " changed with the caller's collection")
                    .isEqualTo(before);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object mutableCopy(Object value) {
        if (value instanceof java.util.SortedSet s) return new java.util.TreeSet<>(s);
        if (value instanceof java.util.Set s) return new java.util.HashSet<>(s);
        if (value instanceof List l) return new ArrayList<>(l);
        if (value instanceof java.util.SortedMap m) return new java.util.TreeMap<>(m);
        if (value instanceof Map m) return new java.util.HashMap<>(m);
        return null;
    }
}
