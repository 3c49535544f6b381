package org.muster.engine.writer;

import org.muster.domain.Check;

/**
 * How the single writer batches and snapshots.
 *
 * @param maxBatchCommands the most commands committed in one transaction (group commit)
 * @param snapshotEveryEvents take a snapshot after this many events since the last one; 0 for never. A
 *     snapshot serialises the whole state, so taking one too often costs more CPU than the replay it saves
 */
public record WriterConfig(int maxBatchCommands, long snapshotEveryEvents) {
    public static final WriterConfig DEFAULTS = new WriterConfig(2_000, 1_000_000);

    public WriterConfig {
        Check.atLeast("maxBatchCommands", maxBatchCommands, 1);
        if (snapshotEveryEvents < 0)
            throw org.muster.domain.InvalidInputException.of(
                    "snapshotEveryEvents", snapshotEveryEvents, "must be 0 (never) or more");
    }
}
