package org.muster.domain.log;

import java.util.Objects;
import org.muster.domain.InvalidInputException;

/**
 * A projection's state saved beside a snapshot, at the snapshot's sequence, under the projection's name.
 * The domain carries it without knowing its type: the store writes the memento as JSON inside the sealed
 * snapshot and reads it back as the type the caller names.
 *
 * @param name the projection's name, unique among the parts of one snapshot
 * @param memento plain data (records, lists, maps of domain values) as the projection stood at the sequence
 */
public record SnapshotPart(String name, Object memento) {
    public SnapshotPart {
        if (name == null || name.isBlank()) throw InvalidInputException.of("name", name, "must not be blank");
        Objects.requireNonNull(memento, "memento");
    }
}
