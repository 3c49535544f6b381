package org.muster.store;

import java.nio.file.Path;
import java.util.List;
import org.muster.store.internal.ArchiveAudit;

/** Archive files on their own, without a store: what {@code audit verify --archive} reads. */
public final class Archives {
    private Archives() {}

    /**
     * Checks {@code files}, oldest first, as one chain from the log's first event: every event's hash
     * recomputed, each file's first event chained on from the previous file's last (from nothing for the first
     * file), the snapshots each carries against its digest and the events' hashes, and each header against what
     * the file holds. With {@code recorded} (the store's {@link EventStore#listArchives()}), also each file's
     * SHA-256, events and last hash against its row, and that every row has its file.
     *
     * @param recorded the store's archive rows, oldest first
     */
    public static ArchiveCheck verify(List<Path> files, List<ArchiveRecord> recorded, AuditProgress progress) {
        return ArchiveAudit.verify(files, java.util.Optional.of(recorded), progress);
    }

    /**
     * Opens {@code files}, oldest first, to rebuild the state at a moment the live log no longer holds.
     *
     * @throws org.muster.domain.InvalidInputException naming {@code archive} and the file when one is not an
     *     archive, or the files leave a gap or overlap
     */
    public static ArchivedLog open(List<Path> files) {
        return org.muster.store.internal.ArchiveReplay.open(files);
    }

    /**
     * Refuses a moment before the first event {@code log} holds when the events before it were archived: the
     * state then can only be rebuilt from the archive files ({@code muster state --archive}), and rebuilding it
     * from what is left would be wrong without a word. The one rule for every look at the past.
     *
     * @throws org.muster.domain.InvalidInputException naming {@code field}, the first moment the log can answer
     *     and the archive files that hold the earlier events
     */
    public static void requireHeld(EventStore log, String field, java.time.Instant at) {
        long first = log.firstSequence();
        if (first <= 1 || log.lastSequence() < first) return;
        java.time.Instant firstHeld = log.listRange(first - 1, first).getFirst().at();
        if (!at.isBefore(firstHeld)) return;
        throw org.muster.domain.InvalidInputException.of(
                field,
                at,
                "must be at or after " + firstHeld + ", the time of event " + first + ", the first the live log holds:"
                        + " the events before it were archived to " + archiveNames(log)
                        + " (rebuild that moment with `muster state --archive FILE --time " + at + "`)");
    }

    /** As {@link #requireHeld(EventStore, String, java.time.Instant)}, for the state after event {@code sequence}. */
    public static void requireHeld(EventStore log, String field, long sequence) {
        long first = log.firstSequence();
        if (first <= 1 || sequence >= first - 1) return;
        throw org.muster.domain.InvalidInputException.of(
                field,
                sequence,
                "must be at least " + (first - 1) + ": the live log holds the events from " + first
                        + " on; the earlier ones were archived to " + archiveNames(log)
                        + " (rebuild that moment with `muster state --archive FILE --at " + sequence + "`)");
    }

    private static String archiveNames(EventStore log) {
        return String.join(
                ", ",
                log.listArchives().stream()
                        .map(a -> a.fileName() + " (events " + a.firstSequence() + ".." + a.lastSequence() + ")")
                        .toList());
    }

    /** As {@link #verify(List, List, AuditProgress)}, for files without their store. */
    public static ArchiveCheck verify(List<Path> files, AuditProgress progress) {
        return ArchiveAudit.verify(files, java.util.Optional.empty(), progress);
    }
}
