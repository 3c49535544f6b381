package org.muster.engine;

import java.util.function.Supplier;

/**
 * A projection whose state is saved with each snapshot, at the snapshot's sequence, and restored from it:
 * a start, or a look at the past, then replays only the events after the snapshot instead of the whole
 * log. It is fed each event with the state as it stood right after that event ({@code ProjectionFeed}).
 *
 * @param <M> the memento: plain data (records, lists of domain values), no persistent collections, which
 *     the store writes as JSON inside the sealed snapshot
 */
public interface SavedProjection<M extends Record> extends EventListener {

    /** Unique among a node's projections: the name of its part in a snapshot. */
    String name();

    Class<M> mementoType();

    /**
     * Takes the projection as it stands, on the writer's thread, right after the listeners heard the
     * snapshot's last event; must be quick. The supplier builds the memento later, off that thread, from
     * what was taken here.
     */
    Supplier<M> capture();

    /** Puts the projection back as the memento has it; called before any event is fed to it. */
    void restore(M memento);
}
