package org.muster.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;
import org.muster.store.AuditFinding;
import org.muster.store.ChainHead;
import org.muster.store.Checkpoint;
import org.muster.store.EventStore;
import org.muster.store.EventStore.AuditScope;
import org.muster.store.TamperedLogException;

/**
 * Checks the log before the node serves it, and keeps the chain's head in a checkpoint file
 * ({@code muster.checkpoint}) outside the database, so that events later removed from the end are found.
 *
 * <p>The file is written at most once a second on a thread of its own, never on the writer's: it trails the
 * log by up to a second, which is what a truncation of the last second's events could hide. It only ever
 * moves forward, to a sequence the writer itself appended, so a log shortened while Muster runs cannot pull
 * the checkpoint back with it.
 */
final class CheckpointKeeper implements EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CheckpointKeeper.class.getName());
    private static final long WRITE_EVERY_MILLIS = 1_000;

    private final EventStore log;
    private final Path file;
    private final AtomicLong appended;
    private long written;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("muster-checkpoint").daemon(true).unstarted(r));

    private CheckpointKeeper(EventStore log, Path file, ChainHead head) {
        this.log = log;
        this.file = file;
        this.appended = new AtomicLong(head.sequence());
        this.written = head.sequence();
        writer.scheduleWithFixedDelay(
                this::writeIfMoved, WRITE_EVERY_MILLIS, WRITE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Audits the newest sealed snapshot and the chain after it, and the log's head against the checkpoint
     * file when there is one; warnings (an unsealed snapshot of an older Muster) are logged.
     *
     * @throws TamperedLogException naming what was changed, the first broken link first: the node must not
     *     start on it
     */
    static void checkAtStart(EventStore log, java.util.Optional<Path> checkpoint) {
        java.util.Optional<ChainHead> kept = checkpoint.flatMap(Checkpoint::find);
        List<AuditFinding> found = kept.map(head -> log.audit(AuditScope.FROM_LATEST_SNAPSHOT, head))
                .orElseGet(() -> log.audit(AuditScope.FROM_LATEST_SNAPSHOT));
        List<AuditFinding> tampering =
                found.stream().filter(AuditFinding::tampering).toList();
        found.stream().filter(f -> !f.tampering()).forEach(f -> LOG.warning(f.detail()));
        if (!tampering.isEmpty()) throw new TamperedLogException(tampering);
        if (checkpoint.isPresent() && kept.isEmpty()) {
            LOG.warning("no checkpoint at " + checkpoint.get() + " yet: starting one at the log's head");
        }
    }

    /** Writes the log's head to {@code file} now, and keeps it up to date as the writer appends. */
    static CheckpointKeeper start(EventStore log, Path file) {
        ChainHead head = log.head();
        Checkpoint.write(file, head);
        return new CheckpointKeeper(log, file, head);
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        if (!events.isEmpty()) appended.accumulateAndGet(events.getLast().sequence(), Math::max);
    }

    Path file() {
        return file;
    }

    private void writeIfMoved() {
        long target = appended.get();
        if (target <= written) return;
        try {
            Checkpoint.write(file, new ChainHead(target, log.hashAt(target)));
            written = target;
        } catch (RuntimeException e) {
            // the next tick tries again; the log itself is unaffected
            LOG.log(Level.WARNING, "could not write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the last head and stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeIfMoved();
    }
}
