package org.muster.domain.log;

import java.util.Map;
import java.util.Optional;

/**
 * A snapshot as it was read back, with the projections' parts saved beside it, by name. A part is absent
 * when the snapshot was saved without it (by an older Muster, or before the projection existed): the
 * projection must then be rebuilt from the events.
 */
public record SavedSnapshot(Snapshot state, Map<String, Object> parts) {
    public SavedSnapshot {
        parts = Map.copyOf(parts);
    }

    /** The state alone, with no parts. */
    public static SavedSnapshot of(Snapshot state) {
        return new SavedSnapshot(state, Map.of());
    }

    public long sequence() {
        return state.sequence();
    }

    /** The part saved under {@code name}, if it was saved and is a {@code type}. */
    public <M> Optional<M> findPart(String name, Class<M> type) {
        return Optional.ofNullable(parts.get(name)).filter(type::isInstance).map(type::cast);
    }
}
