package org.muster.engine.writer;

import java.time.Duration;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * How the single writer batches, snapshots, queues and remembers.
 *
 * @param maxBatchCommands the most commands committed in one transaction (group commit)
 * @param snapshotEveryEvents take a snapshot after this many events since the last one; 0 for never. A
 *     snapshot serialises the whole state, so taking one too often costs more CPU than the replay it saves
 * @param inboxCapacity the most commands waiting for the writer; past it a command is refused at once with
 *     a {@link org.muster.domain.TransientException} rather than queued behind minutes of work (overload is
 *     answered, not hidden in a queue that grows until memory runs out)
 * @param executeTimeout how long {@link SingleWriter#execute} waits for a command's answer before giving
 *     up with a {@link org.muster.domain.TransientException}; the command may still be applied, and a retry
 *     with the same id learns its outcome
 * @param recentCommandIds how many recent command ids the writer keeps in memory to spot a retry; older
 *     ones are looked up in the log (which looks among its own recent commands: see
 *     {@link org.muster.domain.log.EventLog#listEventsOfCommands}). At least four batches, so that a batch's ids are still remembered
 *     when it is committed
 */
public record WriterConfig(
        int maxBatchCommands,
        long snapshotEveryEvents,
        int inboxCapacity,
        Duration executeTimeout,
        int recentCommandIds) {
    public static final int DEFAULT_INBOX_CAPACITY = 10_000;
    public static final Duration DEFAULT_EXECUTE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_RECENT_COMMAND_IDS = 100_000;
    /**
     * Snapshots are kept and a look at the past ({@code /history?at=}) starts from the nearest one, so at
     * most this many events are replayed for it: see docs/projections.md for what it costs and saves.
     */
    public static final long DEFAULT_SNAPSHOT_EVERY_EVENTS = 2_000;

    public static final WriterConfig DEFAULTS = new WriterConfig(2_000, DEFAULT_SNAPSHOT_EVERY_EVENTS);

    public WriterConfig {
        Check.atLeast("maxBatchCommands", maxBatchCommands, 1);
        if (snapshotEveryEvents < 0)
            throw InvalidInputException.of("snapshotEveryEvents", snapshotEveryEvents, "must be 0 (never) or more");
        Check.atLeast("inboxCapacity", inboxCapacity, 1);
        if (executeTimeout == null || executeTimeout.isNegative() || executeTimeout.isZero())
            throw InvalidInputException.of("executeTimeout", executeTimeout, "must be a positive duration");
        if (recentCommandIds < 4L * maxBatchCommands)
            throw InvalidInputException.of(
                    "recentCommandIds",
                    recentCommandIds,
                    "must be at least 4 x maxBatchCommands (" + maxBatchCommands + ")");
    }

    /** Batching and snapshots as given; the queue, the wait and the memory of ids at their defaults. */
    public WriterConfig(int maxBatchCommands, long snapshotEveryEvents) {
        this(
                maxBatchCommands,
                snapshotEveryEvents,
                DEFAULT_INBOX_CAPACITY,
                DEFAULT_EXECUTE_TIMEOUT,
                Math.max(DEFAULT_RECENT_COMMAND_IDS, 4 * maxBatchCommands));
    }

    public WriterConfig withInboxCapacity(int capacity) {
        return new WriterConfig(maxBatchCommands, snapshotEveryEvents, capacity, executeTimeout, recentCommandIds);
    }

    public WriterConfig withExecuteTimeout(Duration timeout) {
        return new WriterConfig(maxBatchCommands, snapshotEveryEvents, inboxCapacity, timeout, recentCommandIds);
    }

    /** As this, with a snapshot after every {@code events} events (0 for never). */
    public WriterConfig withSnapshotEveryEvents(long events) {
        return new WriterConfig(maxBatchCommands, events, inboxCapacity, executeTimeout, recentCommandIds);
    }

    public WriterConfig withRecentCommandIds(int count) {
        return new WriterConfig(maxBatchCommands, snapshotEveryEvents, inboxCapacity, executeTimeout, count);
    }
}
