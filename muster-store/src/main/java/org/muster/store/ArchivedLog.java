package org.muster.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.SavedSnapshot;

/**
 * The events and snapshots archive files hold, read back to rebuild the state at a moment the live log no
 * longer holds (docs/archive.md). Read-only, streamed from the files: a month's archive is never held in
 * memory. Opened with {@link Archives#open}.
 */
public interface ArchivedLog {
    /** The first event the files hold. */
    long firstSequence();

    /** The last event the files hold. */
    long lastSequence();

    /**
     * The sequence of the last event recorded at or before {@code instant}.
     *
     * @throws org.muster.domain.InvalidInputException naming {@code at} when the instant lies outside the
     *     files' events
     */
    long sequenceAt(Instant instant);

    /**
     * The newest snapshot the files carry at or before {@code sequence}, with the parts of {@code partTypes}
     * it was saved with, its digest checked against its content.
     *
     * @throws TamperedLogException when its digest does not match
     */
    Optional<SavedSnapshot> findSnapshotAtOrBefore(long sequence, Map<String, Class<?>> partTypes);

    /**
     * Tells {@code sink} every event after {@code afterSequence} up to {@code toSequence}, in order, each
     * checked as a link of the chain from the hash of the event at {@code afterSequence}
     * ({@code afterHash}; the empty text before the first event of all).
     *
     * @throws TamperedLogException at the first event whose link or hash is not what its contents give
     */
    void replay(long afterSequence, String afterHash, long toSequence, Consumer<RecordedEvent> sink);
}
