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

    /** As {@link #verify(List, List, AuditProgress)}, for files without their store. */
    public static ArchiveCheck verify(List<Path> files, AuditProgress progress) {
        return ArchiveAudit.verify(files, java.util.Optional.empty(), progress);
    }
}
