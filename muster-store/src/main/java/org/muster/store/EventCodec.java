package org.muster.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.event.Event;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.Snapshot;
import org.muster.store.internal.JsonCodec;

/**
 * Events and snapshots as JSON text, the form the log stores and hashes.
 *
 * <p>An event is its type's simple name ({@code UnitStatusChanged}) and the record's components as a JSON
 * object. The types are found from the sealed {@link Event} hierarchy itself, so a new event type needs no
 * change here. The same value always gives the same text: components in declaration order, map entries by
 * key, instants as ISO-8601 strings, identifiers (single-string records) as bare strings.
 */
public final class EventCodec {
    private static final Map<String, Class<? extends Event>> TYPES = eventTypesByName();

    private EventCodec() {}

    /** The name stored beside an event's payload: its record's simple name. */
    public static String typeOf(Event event) {
        return event.getClass().getSimpleName();
    }

    public static String encode(Event event) {
        return JsonCodec.write(event);
    }

    /**
     * Reads an event written by {@link #encode}.
     *
     * @throws IllegalArgumentException when {@code type} names no event type or the payload does not fit it
     */
    public static Event decode(String type, String payload) {
        Class<? extends Event> eventType = findType(type)
                .orElseThrow(() ->
                        new IllegalArgumentException("'" + type + "' is not an event type; known: " + TYPES.keySet()));
        return JsonCodec.read(payload, eventType);
    }

    /** The event type with this simple name, if there is one. */
    public static Optional<Class<? extends Event>> findType(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** Every event type's stored name, in declaration order. */
    public static List<String> listTypeNames() {
        return List.copyOf(TYPES.keySet());
    }

    public static String encodeSnapshot(Snapshot snapshot) {
        return JsonCodec.write(snapshot);
    }

    /** @throws IllegalArgumentException when the text is not a snapshot */
    public static Snapshot decodeSnapshot(String payload) {
        return JsonCodec.read(payload, Snapshot.class);
    }

    private static Map<String, Class<? extends Event>> eventTypesByName() {
        Map<String, Class<? extends Event>> byName = new LinkedHashMap<>();
        for (Class<?> type : EventLog.eventTypes()) collect(type, byName);
        return Collections.unmodifiableMap(byName);
    }

    /** Descends into sealed sub-hierarchies so that only concrete records are named. */
    private static void collect(Class<?> type, Map<String, Class<? extends Event>> byName) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) collect(sub, byName);
            return;
        }
        Class<? extends Event> eventType = type.asSubclass(Event.class);
        Class<? extends Event> clash = byName.putIfAbsent(type.getSimpleName(), eventType);
        if (clash != null) {
            // The simple name is the stored discriminator, so two types may not share one.
            throw new IllegalStateException("event types " + clash.getName() + " and " + type.getName()
                    + " share the name " + type.getSimpleName());
        }
    }
}
