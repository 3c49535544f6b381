package org.muster.sim.report;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.muster.sim.des.RecordedCall;

/**
 * A scenario's parameters in words for the report, whatever they hold: a record as its components' names and
 * values, a duration as "12 h" or "1 min 30 s", a policy's switch as on or off, nothing as "none". A variant of a
 * sealed family (a shock) is named by its type. Sets and maps are written in the order of what they print, so
 * that the same scenario writes the same bytes in any Java process, whatever order its collections keep.
 */
final class ParameterWords {
    private ParameterWords() {}

    /** The value in words, a record without its type's name (the row names it). */
    static String of(Object value) {
        return words(value, false);
    }

    private static String words(Object v, boolean named) {
        return switch (v) {
            case null -> "none";
            case Optional<?> o -> o.map(x -> words(x, named)).orElse("none");
            case OptionalInt o -> o.isPresent() ? Integer.toString(o.getAsInt()) : "none";
            case OptionalLong o -> o.isPresent() ? Long.toString(o.getAsLong()) : "none";
            case OptionalDouble o -> o.isPresent() ? Double.toString(o.getAsDouble()) : "none";
            case Duration d -> duration(d);
            case Boolean b -> b ? "on" : "off";
            case Enum<?> e -> e.name();
            case Record r -> record(r, named);
            case Map<?, ?> m -> map(m);
            case Collection<?> c when !c.isEmpty() && c.iterator().next() instanceof RecordedCall -> recorded(c);
            case Collection<?> c -> collection(c);
            default -> v.getClass().isArray() ? array(v) : String.valueOf(v);
        };
    }

    private static String record(Record r, boolean named) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        // an identifier (a zone's, a type's) is its value
        if (components.length == 1 && !named && !isVariant(r)) return words(component(components[0], r), false);
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : components) {
            Object value = component(c, r);
            // a component of an interface type may hold any of its variants: name the one it holds
            parts.add(c.getName() + " " + words(value, c.getType().isInterface()));
        }
        String body = String.join("; ", parts);
        boolean variant = named || isVariant(r);
        return variant ? r.getClass().getSimpleName() + " (" + body + ")" : "(" + body + ")";
    }

    /** One of a sealed family's records (a kind of shock): the reader needs its name. */
    private static boolean isVariant(Record r) {
        for (Class<?> i : r.getClass().getInterfaces()) if (i.isSealed()) return true;
        return false;
    }

    private static Object component(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    private static String map(Map<?, ?> m) {
        if (m.isEmpty()) return "none";
        List<String> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet())
            entries.add(words(e.getKey(), false) + ": " + words(e.getValue(), false));
        if (!(m instanceof SortedMap<?, ?>) && !(m instanceof java.util.EnumMap<?, ?>))
            entries.sort(Comparator.naturalOrder());
        return "{" + String.join("; ", entries) + "}";
    }

    private static String collection(Collection<?> c) {
        if (c.isEmpty()) return "none";
        List<String> items = c.stream().map(x -> words(x, false)).collect(Collectors.toCollection(ArrayList::new));
        if (c instanceof Set<?> && !(c instanceof SortedSet<?>)) items.sort(Comparator.naturalOrder());
        return "[" + String.join(", ", items) + "]";
    }

    /**
     * Recorded calls to replay, which may be thousands: how many, from when to when, and whose, the most first
     * ("51 recorded calls from 2026-12-04 18:13 to 19:40 UTC: MAS 25, WSP 18, ESP 5, MFRS 3").
     */
    private static String recorded(Collection<?> calls) {
        List<RecordedCall> list = calls.stream().map(RecordedCall.class::cast).toList();
        Instant first = list.stream()
                .map(RecordedCall::received)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = list.stream()
                .map(RecordedCall::received)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Map<String, Long> byOrganisation = list.stream()
                .collect(Collectors.groupingBy(c -> c.organisation().value(), TreeMap::new, Collectors.counting()));
        String whose = byOrganisation.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String from = MINUTE.format(first);
        String to = MINUTE.format(last);
        // the same day once
        if (from.substring(0, 10).equals(to.substring(0, 10))) to = to.substring(11);
        if (list.size() == 1) return "1 recorded call at " + from + " UTC: " + whose;
        return list.size() + " recorded calls from " + from + " to " + to + " UTC: " + whose;
    }

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static String array(Object a) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < Array.getLength(a); i++) items.add(words(Array.get(a, i), false));
        return "[" + String.join(", ", items) + "]";
    }

    /** "12 h", "2 h 30 min", "20 min", "1 min 30 s", "15 s", "0.5 s". */
    static String duration(Duration d) {
        if (d.isNegative()) return "-" + duration(d.negated());
        long s = d.getSeconds();
        if (d.getNano() != 0) return String.valueOf(d.toMillis() / 1000.0).replaceAll("\\.?0+$", "") + " s";
        if (s == 0) return "0 s";
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        List<String> parts = new ArrayList<>();
        if (h > 0) parts.add(h + " h");
        if (m > 0) parts.add(m + " min");
        if (sec > 0) parts.add(sec + " s");
        return String.join(" ", parts);
    }
}
