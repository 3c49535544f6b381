package org.muster.engine.writer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.log.SavedSnapshot;
import org.muster.domain.log.Snapshot;
import org.muster.domain.log.SnapshotPart;

/**
 * An event log held in memory: nothing is durable. For simulation runs that need the engine's speed and
 * not its record, and for fast tests of the engine's own logic. It keeps no hash chain.
 */
public final class MemoryEventLog implements EventLog {
    private final List<RecordedEvent> events = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final PositionTrack positions = new MemoryPositionTrack();
    /** The projections' parts saved with each snapshot, by the snapshot's sequence. */
    private final Map<Long, List<SnapshotPart>> parts = new HashMap<>();
    /** The first and last sequence of each command's events: the index a durable log keeps on the column. */
    private final Map<CommandId, long[]> commands = new HashMap<>();

    private final ClosedIncidents closedIncidents;
    /** The sequence the log starts after: 0, or a fork's state's (the events up to it are not here). */
    private final long first;

    /** A log without a read model of closed incidents: every incident stays in the live state. */
    public MemoryEventLog() {
        this(ClosedIncidents.NONE);
    }

    /** A log that keeps finished incidents leaving the state in {@code closedIncidents}. */
    public MemoryEventLog(ClosedIncidents closedIncidents) {
        this(closedIncidents, 0);
    }

    private MemoryEventLog(ClosedIncidents closedIncidents, long first) {
        this.closedIncidents = java.util.Objects.requireNonNull(closedIncidents, "closedIncidents");
        this.first = first;
    }

    /**
     * An empty log whose next event is numbered {@code sequence + 1}: the log of a writer forked from a state
     * at {@code sequence} ({@link SingleWriter#synchronousFrom}), which keeps the state's numbering without
     * holding the events that led to it. Without a read model of closed incidents.
     */
    public static MemoryEventLog after(long sequence) {
        if (sequence < 0) throw org.muster.domain.InvalidInputException.of("sequence", sequence, "must be 0 or more");
        return new MemoryEventLog(ClosedIncidents.NONE, sequence);
    }

    @Override
    public ClosedIncidents closedIncidents() {
        return closedIncidents;
    }

    @Override
    public synchronized void append(List<RecordedEvent> batch) {
        long expected = first + events.size() + 1L;
        for (RecordedEvent e : batch) {
            if (e.sequence() != expected++)
                throw new IllegalStateException("sequence " + e.sequence() + " does not follow " + (expected - 2));
        }
        events.addAll(batch);
        for (RecordedEvent e : batch)
            commands.computeIfAbsent(e.command(), c -> new long[] {e.sequence(), e.sequence()})[1] = e.sequence();
    }

    @Override
    public synchronized long lastSequence() {
        return first + events.size();
    }

    @Override
    public void readAfter(long afterSequence, Consumer<RecordedEvent> sink) {
        listRange(afterSequence, Long.MAX_VALUE).forEach(sink);
    }

    @Override
    public synchronized List<RecordedEvent> listRange(long afterSequence, long toSequence) {
        int from = (int) Math.min(Math.max(afterSequence - first, 0), events.size());
        int to = (int) Math.min(Math.max(toSequence - first, from), events.size());
        return List.copyOf(events.subList(from, to));
    }

    @Override
    public synchronized List<RecordedEvent> listEventsOfCommands(Set<CommandId> ids) {
        List<RecordedEvent> found = new ArrayList<>();
        for (CommandId id : ids) {
            long[] span = commands.get(id);
            if (span == null) continue;
            for (RecordedEvent e : events.subList((int) (span[0] - 1 - first), (int) (span[1] - first)))
                if (e.command().equals(id)) found.add(e);
        }
        found.sort(Comparator.comparingLong(RecordedEvent::sequence));
        return List.copyOf(found);
    }

    @Override
    public String hashAt(long sequence) {
        return "";
    }

    @Override
    public synchronized void saveSnapshot(Snapshot snapshot) {
        snapshots.add(snapshot);
    }

    @Override
    public synchronized void saveSnapshot(Snapshot snapshot, List<SnapshotPart> saved) {
        snapshots.add(snapshot);
        parts.put(snapshot.sequence(), List.copyOf(saved));
    }

    @Override
    public synchronized Optional<SavedSnapshot> findSnapshotAtOrBefore(long sequence, Map<String, Class<?>> partTypes) {
        return findSnapshotAtOrBefore(sequence).map(s -> {
            Map<String, Object> found = new HashMap<>();
            for (SnapshotPart p : parts.getOrDefault(s.sequence(), List.of()))
                if (partTypes.containsKey(p.name()) && partTypes.get(p.name()).isInstance(p.memento()))
                    found.put(p.name(), p.memento());
            return new SavedSnapshot(s, found);
        });
    }

    @Override
    public synchronized Optional<Snapshot> findLatestSnapshot() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    @Override
    public synchronized Optional<Snapshot> findSnapshotAtOrBefore(long sequence) {
        return snapshots.stream().filter(s -> s.sequence() <= sequence).reduce((a, b) -> b);
    }

    @Override
    public PositionTrack positions() {
        return positions;
    }

    @Override
    public Optional<BrokenLink> verify() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
