package org.muster.store;

import java.util.List;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;

/**
 * The event log as the store provides it: the domain's {@link EventLog} plus lookups by command, which the
 * engine uses to answer a retried command from the log instead of applying it twice.
 *
 * <p>All methods throw {@link org.muster.domain.TransientException} when the storage cannot be reached or
 * fails, and {@link IllegalStateException} once the store is closed.
 */
public interface EventStore extends EventLog {

    /** The backend this log is stored in. */
    StoreConfig.Backend backend();

    /**
     * Whether any event of this command is in the log, among the commands a retry is looked up in (see
     * {@link #listEventsOfCommands}).
     */
    boolean containsCommand(CommandId command);

    /**
     * The events of one command, in sequence order; empty when the command is not in the log or older than
     * the commands a retry is looked up in (see {@link #listEventsOfCommands}).
     */
    List<RecordedEvent> listCommandEvents(CommandId command);

    /** Every command with at least one event in the log, once each, in the order of its first event. */
    List<CommandId> listCommandIds();

    /**
     * The read model of closed incidents kept in the same database (its own table, outside the hash chain):
     * what the engine archives finished incidents to.
     */
    org.muster.domain.incident.ClosedIncidents closedIncidents();

    /**
     * The finished responses kept in the same database (its own table, outside the hash chain): what the
     * response times write before each snapshot and read back at a restore.
     */
    org.muster.domain.log.ResponseLog responses();

    /**
     * The incidents handed over from other control rooms, with the documents they came in, kept in the same
     * database (its own table, outside the hash chain).
     */
    org.muster.domain.incident.ReceivedIncidents receivedIncidents();

    /** The sequences of the saved snapshots, oldest first: how far apart a look at the past may have to replay. */
    List<Long> listSnapshotSequences();

    /**
     * The lease that elects the writer among nodes sharing this database; empty on SQLite, which one node
     * holds alone. See {@link WriterLease} and docs/standby.md.
     */
    java.util.Optional<WriterLease> writerLease();

    /**
     * From now on, every append checks in its own transaction that the writer lease is still at {@code epoch}
     * and is refused (a {@link org.muster.domain.TransientException} naming the writer) when another node took
     * it over: a writer paused past its lease can then never append after the new one started.
     *
     * @throws IllegalStateException on SQLite, which has no lease
     */
    void fenceAppends(long epoch);

    /** The last event's sequence and hash: what a {@link Checkpoint} keeps. */
    ChainHead head();

    /**
     * Checks the log for changes made behind Muster's back and names each, the first broken link of the chain
     * first; empty when the log is intact. The findings that are only warnings (an unsealed snapshot from an
     * older Muster) have {@link AuditFinding#tampering()} false.
     *
     * @param scope the whole log ({@code audit verify}) or the newest sealed snapshot and the chain after it
     *     (a start, which must not take as long as the log is old)
     */
    List<AuditFinding> audit(AuditScope scope);

    /**
     * As {@link #audit(AuditScope)}, and also whether the log still reaches {@code checkpoint} with the same
     * hash: events removed from the end leave a shorter chain that is otherwise intact.
     */
    List<AuditFinding> audit(AuditScope scope, ChainHead checkpoint);

    /**
     * Checks the events of {@code range} (the whole log: {@link AuditRange#all()}) as {@link
     * #audit(AuditScope)} checks the whole log, with the snapshots inside the range, several parts of the chain
     * at once; tells {@code progress} how far it has got. The first broken link is named first, as one walk
     * from the start would find it.
     *
     * @throws org.muster.domain.InvalidInputException when the range names events beyond the end of the log
     */
    List<AuditFinding> audit(AuditRange range, AuditProgress progress);

    /** As {@link #audit(AuditRange, AuditProgress)}, and also whether the log still reaches {@code checkpoint}. */
    List<AuditFinding> audit(AuditRange range, ChainHead checkpoint, AuditProgress progress);

    /** The archives the oldest events were moved to ({@code muster archive}), oldest first; empty when none. */
    List<ArchiveRecord> listArchives();

    /**
     * Moves the events recorded before {@code before} out of the live store into the archive file {@code out},
     * up to the newest saved snapshot whose events all were, with the snapshots older than it and the closed
     * incidents finished before {@code before}; see docs/archive.md. The file is written, synced and checked
     * before the store changes, and the store changes in one transaction.
     *
     * @param now when the archive is made (recorded with it, and the limit for {@code before})
     * @return what was moved; empty, with nothing written, when no snapshot lies wholly before {@code before}
     * @throws org.muster.domain.InvalidInputException when {@code before} is after {@code now} or {@code out}
     *     exists; nothing is changed
     * @throws TamperedLogException when the part to archive does not hold together; nothing is changed
     */
    java.util.Optional<ArchiveSummary> archive(
            java.time.Instant before, java.nio.file.Path out, java.time.Instant now, ArchiveProgress progress);

    /** How much of the log {@link #audit} checks. */
    enum AuditScope {
        /** Every event and every snapshot. */
        WHOLE_LOG,
        /** The newest sealed snapshot, the event it names, and every event after it. */
        FROM_LATEST_SNAPSHOT
    }
}
