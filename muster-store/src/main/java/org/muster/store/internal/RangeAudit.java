package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.InvalidInputException;
import org.muster.store.AuditFinding;
import org.muster.store.AuditProgress;
import org.muster.store.AuditRange;
import org.muster.store.ChainHead;

/**
 * {@code audit verify} over a range of the log, in parallel where the chain allows.
 *
 * <p>Each link of the chain depends only on the event's own row and the hash stored in the row before it,
 * so the range is cut into chunks checked side by side, each starting from the stored hash of the last row
 * before it, exactly as a walk from the start would reach it. The chunks' results are joined in order, so
 * the first broken link named is the one a single walk finds first; chunks after a broken one are dropped.
 */
final class RangeAudit {
    /** Below this many events one walk is as quick as starting workers. */
    static final int MIN_CHUNK = 25_000;

    private static final int MAX_CHUNK = 250_000;
    /** Progress is told every so many events per worker. */
    private static final int PROGRESS_EVERY = 10_000;

    private final Connections connections;
    private final int workers;

    RangeAudit(Connections connections, int workers) {
        this.connections = connections;
        this.workers = Math.max(1, workers);
    }

    /**
     * The findings for {@code range}: the first broken link of its chain first, then what is wrong with the
     * snapshots inside it, then whether the log still reaches the checkpoint, when one is given.
     *
     * @throws InvalidInputException when the range names events the log does not hold
     */
    List<AuditFinding> run(AuditRange range, Optional<ChainHead> checkpoint, AuditProgress progress)
            throws SQLException {
        long last = connections.read(RangeAudit::lastSequence);
        long to = range.toTheEnd() ? last : range.to();
        if (!range.toTheEnd() && to > last) {
            throw InvalidInputException.of("to", to, "must not be beyond the last event, " + last);
        }
        if (!range.whole() && range.from() > Math.max(1, last)) {
            throw InvalidInputException.of("from", range.from(), "must not be beyond the last event, " + last);
        }
        List<AuditFinding> found = new ArrayList<>();
        for (AuditFinding f : connections.read(LogAudit::checkSnapshots)) {
            if (range.whole() || (f.sequence() >= range.from() - 1 && f.sequence() <= to)) found.add(f);
        }
        // archived events are checked in their files (audit verify --archive); the live log from the first it holds
        long archived = connections.read(ArchiveTable::chainStart).sequence();
        checkChain(Math.max(range.from(), archived + 1), to, progress).ifPresent(found::addFirst);
        if (checkpoint.isPresent()) {
            ChainHead kept = checkpoint.get();
            connections.read(c -> LogAudit.checkCheckpoint(c, kept, last)).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** The first broken link among events {@code from..to}; empty when they all hold. */
    Optional<AuditFinding> checkChain(long from, long to, AuditProgress progress) throws SQLException {
        if (to < from) return Optional.empty();
        long total = to - from + 1;
        long chunk = Math.clamp(total / (workers * 4L) + 1, MIN_CHUNK, MAX_CHUNK);
        List<long[]> chunks = new ArrayList<>();
        for (long a = from; a <= to; a += chunk) chunks.add(new long[] {a, Math.min(to, a + chunk - 1)});
        AtomicLong checked = new AtomicLong();
        AtomicLong firstBroken = new AtomicLong(Long.MAX_VALUE);
        if (chunks.size() == 1) return checkChunk(0, from, to, total, checked, firstBroken, progress);

        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(workers, chunks.size()),
                Thread.ofPlatform().name("muster-audit-", 0).daemon(true).factory());
        try {
            List<Future<Optional<AuditFinding>>> results = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                int index = i;
                long[] c = chunks.get(i);
                results.add(pool.submit(() -> checkChunk(index, c[0], c[1], total, checked, firstBroken, progress)));
            }
            for (Future<Optional<AuditFinding>> result : results) {
                Optional<AuditFinding> broken = result.get();
                if (broken.isPresent()) return broken;
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("the audit failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("the audit was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Optional<AuditFinding> checkChunk(
            int index,
            long from,
            long to,
            long total,
            AtomicLong checked,
            AtomicLong firstBroken,
            AuditProgress progress)
            throws SQLException {
        if (firstBroken.get() < index) return Optional.empty(); // an earlier chunk already broke
        return connections.read(c -> {
            Link previous = lastBefore(c, from);
            try (PreparedStatement query = c.prepareStatement("SELECT " + JdbcEventStore.COLUMNS
                    + " FROM events WHERE sequence >= ? AND sequence <= ? ORDER BY sequence")) {
                query.setFetchSize(JdbcEventStore.FETCH_SIZE);
                query.setLong(1, from);
                query.setLong(2, to);
                java.util.Map<Long, String> kept = LogAudit.keptLinks(c, from, to);
                try (ResultSet rows = query.executeQuery()) {
                    int unreported = 0;
                    while (rows.next()) {
                        EventRow row = LogAudit.linked(JdbcEventStore.row(rows), kept, previous.hash());
                        Optional<AuditFinding> broken = LogAudit.checkLink(row, previous.sequence(), previous.hash());
                        if (broken.isPresent()) {
                            firstBroken.accumulateAndGet(index, Math::min);
                            return broken;
                        }
                        previous = new Link(row.sequence(), row.hash());
                        if (++unreported == PROGRESS_EVERY) {
                            progress.checked(checked.addAndGet(unreported), total);
                            unreported = 0;
                            if (firstBroken.get() < index) return Optional.<AuditFinding>empty();
                        }
                    }
                    progress.checked(checked.addAndGet(unreported), total);
                    return Optional.<AuditFinding>empty();
                }
            }
        });
    }

    private record Link(long sequence, String hash) {}

    /** The last row before {@code sequence}, as a walk from the start would hold it; none: the chain's start. */
    private static Link lastBefore(Connection c, long sequence) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT sequence, hash FROM events WHERE sequence < ? ORDER BY sequence DESC LIMIT 1")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) return new Link(rows.getLong(1), EventRow.hex(rows.getBytes(2)));
            }
        }
        // none: the chain's start, which is the last archived event when the oldest events were archived
        org.muster.store.ChainHead start = ArchiveTable.chainStart(c);
        return new Link(start.sequence(), start.hash());
    }

    private static long lastSequence(Connection c) throws SQLException {
        try (PreparedStatement query =
                        c.prepareStatement("SELECT sequence FROM events ORDER BY sequence DESC LIMIT 1");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : ArchiveTable.chainStart(c).sequence();
        }
    }
}
