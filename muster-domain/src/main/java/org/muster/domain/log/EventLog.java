package org.muster.domain.log;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;

/**
 * The durable, append-only, hash-chained log of every event. The engine writes to it from one thread;
 * reads may come from any.
 *
 * <p>Implementations live in the store module; the domain only names what the engine needs.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends a batch in one transaction and returns once it is durable. The batch's sequences must
     * follow on from {@link #lastSequence()} without gaps.
     *
     * @throws org.muster.domain.TransientException when storage fails; nothing of the batch is kept then
     */
    void append(List<RecordedEvent> batch);

    /**
     * Appends the batch as {@link #append(List)} does and keeps, with it, the records of the finished
     * incidents its {@code IncidentArchived} events take out of the live state ({@code leaving}, as they
     * stood) in {@link #closedIncidents()}: in the same transaction where the log keeps them in the same
     * database, so an incident is always in the state a replay rebuilds or in the read model, and archiving
     * costs a busy store no second transaction. By default the records are saved first, then the batch
     * appended: a failed append leaves a record that the state still holds too, which reads the same.
     *
     * @throws org.muster.domain.TransientException when storage fails; nothing of the batch is kept then
     */
    default void append(List<RecordedEvent> batch, List<Incident> leaving) {
        closedIncidents().saveAll(leaving);
        append(batch);
    }

    /**
     * The read model of closed incidents kept beside this log: where finished incidents go when they leave
     * the live state. {@link ClosedIncidents#NONE} by default, and then nothing leaves it.
     */
    default ClosedIncidents closedIncidents() {
        return ClosedIncidents.NONE;
    }

    /**
     * Says that {@code events} will be appended soon, in this order and after the events prepared before
     * them, so that a log can do its work per event (a durable one encodes and chains them) now, on the
     * caller's thread: the engine calls it while deciding, and the appending thread, whose time every
     * waiting caller shares, is left the writing and the sync. A hint only: an append of events that were
     * not prepared, or prepared differently, is as correct, just slower. Does nothing by default.
     */
    default void prepare(List<RecordedEvent> events) {}

    /**
     * As {@link #prepare(List)}, with the records of the finished incidents the events will take out of the
     * live state ({@code leaving}, as {@link #append(List, List)} will be given them), so that a log can encode
     * those now too. By default prepares the events alone.
     */
    default void prepare(List<RecordedEvent> events, List<Incident> leaving) {
        prepare(events);
    }

    /** The sequence of the last durable event, 0 when the log is empty. */
    long lastSequence();

    /**
     * The sequence of the first event the log still holds: 1, unless the events before it were moved out
     * (archived); 1 for an empty log. A reader resuming after an earlier sequence has missed events this
     * log can no longer give it.
     */
    default long firstSequence() {
        return 1;
    }

    /**
     * When the first event the log still holds was recorded: where the service's record begins (or, once older
     * months were archived, where the live log's does). Empty for an empty log.
     */
    default Optional<java.time.Instant> findFirstEventTime() {
        long first = firstSequence();
        if (lastSequence() < first) return Optional.empty();
        return listRange(first - 1, first).stream().findFirst().map(RecordedEvent::at);
    }

    /** Calls {@code sink} with every event after {@code afterSequence}, in order. */
    void readAfter(long afterSequence, Consumer<RecordedEvent> sink);

    /** The events with {@code afterSequence < sequence <= toSequence}, in order. */
    List<RecordedEvent> listRange(long afterSequence, long toSequence);

    /**
     * The events of any of these commands, in sequence order; none for a command not in the log. The
     * writer asks this for ids older than the recent ones it keeps in memory, so a retry is answered, not
     * applied twice, across restarts and a change of writer. A durable log may look only among its recent
     * commands (the store: those of its last two million events, about a day of a national service) and
     * answer none for an older one, whose retry is then a new command.
     */
    List<RecordedEvent> listEventsOfCommands(Set<CommandId> commands);

    /** The hash chain's value after {@code sequence} (the empty string for 0). */
    String hashAt(long sequence);

    void saveSnapshot(Snapshot snapshot);

    /** The newest snapshot, if any was taken. */
    Optional<Snapshot> findLatestSnapshot();

    /** The newest snapshot at or before {@code sequence}. */
    Optional<Snapshot> findSnapshotAtOrBefore(long sequence);

    /**
     * Saves the snapshot with the projections' parts at its sequence, sealed together: an edited part is
     * refused as an edited snapshot is. A log that cannot keep parts saves the state alone, and the
     * projections are then rebuilt from the events.
     */
    default void saveSnapshot(Snapshot snapshot, java.util.List<SnapshotPart> parts) {
        saveSnapshot(snapshot);
    }

    /**
     * The newest snapshot at or before {@code sequence} with the parts saved beside it, each read back as
     * the type {@code partTypes} gives for its name (parts not named there are left out).
     */
    default Optional<SavedSnapshot> findSnapshotAtOrBefore(long sequence, java.util.Map<String, Class<?>> partTypes) {
        return findSnapshotAtOrBefore(sequence).map(SavedSnapshot::of);
    }

    /**
     * The units' positions kept beside this log in the same store: not events of the log, and pruned by
     * age (see {@link PositionTrack}).
     */
    PositionTrack positions();

    /** Recomputes the hash chain; empty when intact, else the first broken link. */
    Optional<BrokenLink> verify();

    /** The first event whose stored hash does not match the chain. */
    record BrokenLink(long sequence, String expectedHash, String storedHash) {}

    /** The kinds of event, for codecs that need to know them all. */
    static List<Class<?>> eventTypes() {
        return List.of(Event.class.getPermittedSubclasses());
    }

    @Override
    void close();
}
