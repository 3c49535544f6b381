package org.muster.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.muster.domain.event.RecordedEvent;

/**
 * Event rows encoded and chained ahead of their append, by the engine's decider (see
 * {@link org.muster.domain.log.EventLog#prepare}), so that the appending thread, whose time every waiting
 * caller shares, only writes and syncs: the payloads are compressed here too.
 *
 * <p>Nothing here is trusted: a prepared row is used only for the very event object it was made from, and
 * its hashes only when it chains on from the hash the append actually follows. Anything else (an event
 * not prepared, a batch refused and decided again, a row chained from a guess) is encoded and hashed again
 * at the append, as it would be without this. So the log's rows and hashes are exactly what they would
 * be; only where the work is done changes.
 */
final class PreparedRows {
    /** An event's row and its payload as {@code payload_z} holds it ({@link Zlib#deflateEvent}). */
    private record Prepared(RecordedEvent event, EventRow row, byte[] payloadZ) {}

    private record Head(long sequence, String hash) {}

    /**
     * By sequence, from the last appended on. Entries of refused batches are replaced when their sequences
     * are decided again, or dropped once the log has moved past them.
     */
    private final ConcurrentSkipListMap<Long, Prepared> bySequence = new ConcurrentSkipListMap<>();

    private volatile Head appended = new Head(-1, "");

    /** Encodes {@code events} and, when the hash they follow is known here, chains them. */
    void prepare(List<RecordedEvent> events) {
        if (events.isEmpty()) return;
        Optional<String> chain = hashBefore(events.getFirst().sequence());
        for (RecordedEvent event : events) {
            EventRow row = EventRow.draft(event);
            if (chain.isPresent()) {
                row = row.chainedTo(chain.get());
                chain = Optional.of(row.hash());
            }
            bySequence.put(event.sequence(), new Prepared(event, row, Zlib.deflateEvent(row.payload())));
        }
    }

    /** The rows for {@code batch}, as prepared where they were, encoded now where not; not yet chained. */
    List<EventRow> drafts(List<RecordedEvent> batch) {
        List<EventRow> drafts = new ArrayList<>(batch.size());
        for (RecordedEvent event : batch) {
            Prepared prepared = bySequence.get(event.sequence());
            drafts.add(prepared != null && prepared.event() == event ? prepared.row() : EventRow.draft(event));
        }
        return drafts;
    }

    /**
     * {@code draft}'s payload compressed as {@code payload_z} holds it: as prepared when {@code draft} is the
     * prepared row of its sequence (or that row chained), compressed now otherwise.
     */
    byte[] payloadZ(EventRow draft) {
        Prepared prepared = bySequence.get(draft.sequence());
        return prepared != null && prepared.row().payload() == draft.payload()
                ? prepared.payloadZ()
                : Zlib.deflateEvent(draft.payload());
    }

    /**
     * {@code draft} as the successor of a row whose hash is {@code prevHash}: as prepared when it was
     * chained from that very hash, hashed now otherwise.
     */
    static EventRow chained(EventRow draft, String prevHash) {
        boolean chainedHere = !draft.hash().isEmpty() && draft.prevHash().equals(prevHash);
        return chainedHere ? draft : draft.chainedTo(prevHash);
    }

    /**
     * The log now ends at {@code sequence} with {@code hash}: rows before it are dropped; its own stays so
     * that the next batch prepared can chain on from it.
     */
    void appended(long sequence, String hash) {
        appended = new Head(sequence, hash);
        bySequence.headMap(sequence, false).clear();
    }

    /**
     * The hash of the event before {@code sequence}, when known: a prepared row's, or the last appended
     * one's; empty when neither (the rows are then chained at the append). A wrong guess (a refused
     * batch's row) costs a second hash at the append, never a wrong one.
     */
    private Optional<String> hashBefore(long sequence) {
        Prepared before = bySequence.get(sequence - 1);
        if (before != null && !before.row().hash().isEmpty())
            return Optional.of(before.row().hash());
        Head head = appended;
        if (head.sequence() == sequence - 1) return Optional.of(head.hash());
        return sequence == 1 ? Optional.of("") : Optional.empty();
    }
}
