package org.muster.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies the SQLite write-ahead log back into the database file on its own thread and connection.
 *
 * <p>Left to SQLite, the commit that takes the WAL past 1,000 pages copies them and syncs the database file
 * itself, a pause of many milliseconds for every caller waiting on that commit. Here the writer's own
 * checkpoints are off and this thread runs a {@code PASSIVE} checkpoint whenever enough has been committed,
 * beside the writer rather than in its way. Durability does not depend on it: every commit is synced in the
 * WAL, and SQLite replays the WAL on open.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());
    /** Commits between checkpoints: keeps the WAL to a few megabytes at the benchmark's pace. */
    static final int COMMITS_PER_CHECKPOINT = 200;
    /** Checkpoints at least this often when commits are few, so a quiet store's WAL is folded back too. */
    private static final long IDLE_CHECKPOINT_MILLIS = 5_000;

    private final Connection connection;
    private final Semaphore due = new Semaphore(0);
    private final Thread thread;
    private int commits;
    private volatile boolean closing;

    WalCheckpointer(Connection connection) {
        this.connection = connection;
        this.thread =
                Thread.ofPlatform().name("muster-wal-checkpoint").daemon(true).start(this::run);
    }

    /** Called by the writer after each commit, under its lock. */
    void committed() {
        if (++commits >= COMMITS_PER_CHECKPOINT) {
            commits = 0;
            due.release();
        }
    }

    private void run() {
        while (!closing) {
            try {
                due.tryAcquire(IDLE_CHECKPOINT_MILLIS, TimeUnit.MILLISECONDS);
                due.drainPermits();
            } catch (InterruptedException e) {
                // close() wakes us
            }
            checkpoint();
        }
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement()) {
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
