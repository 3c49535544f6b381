package org.muster.engine.writer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.log.Snapshot;

/**
 * An in-memory log whose appends a test can intercept (fail them, hold them back) by overriding
 * {@link #append}; everything else is the {@link MemoryEventLog}'s, without snapshots or a hash chain.
 */
class DelegatingLog implements EventLog {
    final MemoryEventLog log = new MemoryEventLog();

    @Override
    public void append(List<RecordedEvent> batch) {
        log.append(batch);
    }

    @Override
    public long lastSequence() {
        return log.lastSequence();
    }

    @Override
    public void readAfter(long afterSequence, Consumer<RecordedEvent> sink) {
        log.readAfter(afterSequence, sink);
    }

    @Override
    public List<RecordedEvent> listRange(long afterSequence, long toSequence) {
        return log.listRange(afterSequence, toSequence);
    }

    @Override
    public List<RecordedEvent> listEventsOfCommands(Set<CommandId> commands) {
        return log.listEventsOfCommands(commands);
    }

    @Override
    public String hashAt(long sequence) {
        return "";
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {}

    @Override
    public Optional<Snapshot> findLatestSnapshot() {
        return Optional.empty();
    }

    @Override
    public Optional<Snapshot> findSnapshotAtOrBefore(long sequence) {
        return Optional.empty();
    }

    @Override
    public PositionTrack positions() {
        return log.positions();
    }

    @Override
    public Optional<BrokenLink> verify() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
