package org.muster.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies the SQLite write-ahead log back into the database file, and keeps the WAL from growing.
 *
 * <p>Left to SQLite, the commit that takes the WAL past 1,000 pages copies them and syncs the database file
 * itself. Here the writer's own automatic checkpoints are off, and the writer instead runs a {@code PASSIVE}
 * checkpoint on its connection every {@value #COMMITS_PER_CHECKPOINT} commits, between two of them. Only there can
 * it catch up: a checkpoint copies the frames committed before it starts, and one beside a writer that never pauses
 * always leaves the newest frames behind, so the WAL is never started over and grows by every commit (measured:
 * 140 MB in 19 seconds of {@code bench store}, every commit extending the file). Caught up between commits, the next
 * commit writes the WAL from its beginning again, over pages the file already has: the WAL stays at a few megabytes
 * and {@code bench store} gained a tenth (docs/store-cpu.md). It costs the writer a copy of the pages changed since
 * the last one and a sync of the database file, every {@value #COMMITS_PER_CHECKPOINT} commits; a checkpoint never
 * waits for a reader (it leaves what a reader still needs, and the WAL starts over at a later one).
 *
 * <p>A quiet store, whose commits are few, is checkpointed by this class's thread on its own connection, at least
 * every {@value #IDLE_CHECKPOINT_MILLIS} ms. Durability depends on neither: every commit is synced in the WAL, and
 * SQLite replays the WAL on open.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());
    /** Commits between the writer's checkpoints: a few megabytes of WAL at the benchmark's pace. */
    static final int COMMITS_PER_CHECKPOINT = 200;
    /** Checkpoints at least this often when commits are few, so a quiet store's WAL is folded back too. */
    private static final long IDLE_CHECKPOINT_MILLIS = 5_000;

    private final Connection connection;
    private final Thread thread;
    private int commits;
    /** Commits since the last checkpoint, of either kind; read by the idle thread. */
    private final java.util.concurrent.atomic.AtomicInteger unfolded = new java.util.concurrent.atomic.AtomicInteger();

    private volatile boolean closing;

    WalCheckpointer(Connection connection) {
        this.connection = connection;
        this.thread =
                Thread.ofPlatform().name("muster-wal-checkpoint").daemon(true).start(this::run);
    }

    /** Called by the writer after each commit, under its lock, with its connection. */
    void committed(Connection writer) {
        unfolded.incrementAndGet();
        if (++commits >= COMMITS_PER_CHECKPOINT) {
            commits = 0;
            checkpoint(writer);
        }
    }

    private void run() {
        while (!closing) {
            try {
                Thread.sleep(IDLE_CHECKPOINT_MILLIS);
            } catch (InterruptedException e) {
                // close() wakes us
            }
            if (unfolded.get() > 0) checkpoint(connection);
        }
    }

    private void checkpoint(Connection on) {
        unfolded.set(0);
        try (Statement statement = on.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // The WAL only grows until the next one succeeds; nothing committed is at risk.
            LOG.log(Level.FINE, "a WAL checkpoint failed; the next one will try again", e);
        }
    }

    /** Stops the thread and closes its connection; a last checkpoint folds the WAL back. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing to lose: everything committed is in the WAL
        }
    }
}
