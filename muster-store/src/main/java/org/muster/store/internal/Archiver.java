package org.muster.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.store.ArchiveProgress;
import org.muster.store.ArchiveRecord;
import org.muster.store.ArchiveSummary;
import org.muster.store.AuditFinding;
import org.muster.store.ChainHead;
import org.muster.store.TamperedLogException;

/**
 * Moves the oldest part of the live store into an archive file (docs/archive.md).
 *
 * <p>The cut is a saved snapshot S, the newest whose events were all recorded before the date: the node starts
 * from S and answers history from S on, so S, the snapshots after it and the events after it stay, and the
 * live log's first event chains on from S's last hash. The file is written in full, synced, read back and
 * checked link by link before the store is touched; then one transaction records it in {@code archives} and
 * deletes what it holds. A failure before that commit leaves the store as it was and no file behind.
 */
final class Archiver {
    private static final int PROGRESS_EVERY = 10_000;
    private static final int IDS_PER_DELETE = 500;

    private final Connections connections;

    Archiver(Connections connections) {
        this.connections = connections;
    }

    /** The cut and what moves with it. */
    private record Plan(ChainHead start, long cut, String cutHash, long snapshots, long incidents) {
        long events() {
            return cut - start.sequence();
        }
    }

    /**
     * Archives the events recorded before {@code before}, up to the newest snapshot that allows it, to
     * {@code out}; empty, with nothing written, when no snapshot does.
     *
     * @throws InvalidInputException when {@code before} is after {@code now} or {@code out} exists
     * @throws TamperedLogException when the part to archive does not hold together: nothing is changed
     */
    Optional<ArchiveSummary> archive(Instant before, Path out, Instant now, ArchiveProgress progress)
            throws SQLException {
        if (before.isAfter(now)) {
            throw InvalidInputException.of("before", before, "must not be in the future (it is now " + now + ")");
        }
        if (Files.exists(out)) {
            throw InvalidInputException.of("out", out, "must not exist: an archive is never overwritten");
        }
        Optional<Plan> found = connections.read(c -> plan(c, before));
        if (found.isEmpty()) return Optional.empty();
        Plan plan = found.get();
        List<String> incidentIds;
        String sha256;
        try {
            incidentIds = write(plan, before, out, now, progress);
            List<AuditFinding> broken = ArchiveAudit.checkWritten(out, plan.start());
            if (!broken.isEmpty()) throw new TamperedLogException(broken);
            sha256 = ArchiveFile.sha256(out);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made by someone else since the check above: not ours to delete
            throw InvalidInputException.of("out", out, "must not exist: an archive is never overwritten");
        } catch (IOException e) {
            deleteQuietly(out, e);
            throw new UncheckedIOException("could not write the archive " + out + ": " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(out, e);
            throw e;
        }
        ArchiveRecord record = new ArchiveRecord(
                plan.start().sequence() + 1,
                plan.cut(),
                plan.cutHash(),
                out.getFileName().toString(),
                sha256,
                now);
        try {
            connections.write(c -> commit(c, plan, record, incidentIds));
        } catch (SQLException | RuntimeException e) {
            // the store is unchanged, so the file records nothing: remove it rather than leave a stray archive
            deleteQuietly(out, e);
            throw e;
        }
        long bytes;
        try {
            bytes = Files.size(out);
        } catch (IOException e) {
            bytes = -1;
        }
        return Optional.of(new ArchiveSummary(record, plan.events(), incidentIds.size(), plan.snapshots(), bytes));
    }

    // --- the cut

    private static Optional<Plan> plan(Connection c, Instant before) throws SQLException {
        ChainHead start = ArchiveTable.chainStart(c);
        List<Long> sealed = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT sequence FROM snapshots WHERE digest IS NOT NULL AND sequence > ? ORDER BY sequence")) {
            query.setLong(1, start.sequence());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) sealed.add(rows.getLong(1));
            }
        }
        // Events are recorded in time order, so "all recorded before" holds for a prefix of the snapshots.
        int lo = 0, hi = sealed.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (recordedAt(c, sealed.get(mid)).isBefore(before)) lo = mid + 1;
            else hi = mid;
        }
        if (lo == 0) return Optional.empty();
        long cut = sealed.get(lo - 1);
        String cutHash = checkedSnapshotHash(c, cut);
        long snapshots = count(c, "SELECT COUNT(*) FROM snapshots WHERE sequence < ?", cut);
        long incidents = count(c, "SELECT COUNT(*) FROM closed_incidents WHERE finished_ms < ?", before.toEpochMilli());
        return Optional.of(new Plan(start, cut, cutHash, snapshots, incidents));
    }

    /** The live log will start from this snapshot, so it must be intact: its last hash, checked. */
    private static String checkedSnapshotHash(Connection c, long sequence) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT " + SnapshotTable.COLUMNS + " FROM snapshots WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) throw new IllegalStateException("the snapshot at " + sequence + " went away");
                String content;
                try {
                    content = SnapshotTable.contentOf(rows);
                } catch (IllegalArgumentException e) {
                    content = "";
                }
                Optional<AuditFinding> broken = LogAudit.checkSnapshot(
                        c, sequence, rows.getString(2), content, Optional.ofNullable(rows.getString(4)));
                if (broken.isPresent()) throw new TamperedLogException(List.of(broken.get()));
                return rows.getString(2);
            }
        }
    }

    private static Instant recordedAt(Connection c, long sequence) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT " + JdbcEventStore.COLUMNS + " FROM events WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new TamperedLogException(List.of(new AuditFinding(
                            AuditFinding.Kind.EVENTS_MISSING,
                            sequence,
                            "event " + sequence + ", which a snapshot follows, is missing from the log")));
                }
                return JdbcEventStore.row(rows).toEvent().at();
            }
        }
    }

    private static long count(Connection c, String sql, long parameter) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    // --- the file

    /** Writes the file; returns the ids of the closed incidents it holds. */
    private List<String> write(Plan plan, Instant before, Path out, Instant now, ArchiveProgress progress)
            throws IOException, SQLException {
        ArchiveFile.Header header = new ArchiveFile.Header(
                ArchiveFile.VERSION,
                plan.start().sequence() + 1,
                plan.cut(),
                plan.start().hash(),
                plan.cutHash(),
                plan.events(),
                plan.snapshots(),
                plan.incidents(),
                before,
                now);
        List<String> ids = new ArrayList<>();
        try (ArchiveFile.Writer file = new ArchiveFile.Writer(out, header)) {
            connections.read(c -> {
                try {
                    writeSnapshots(c, plan, file);
                    writeIncidents(c, before, file, ids);
                    writeEvents(c, plan, file, progress);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return List.copyOf(ids);
    }

    private static void writeSnapshots(Connection c, Plan plan, ArchiveFile.Writer file)
            throws SQLException, IOException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT " + SnapshotTable.COLUMNS + " FROM snapshots WHERE sequence < ? ORDER BY sequence")) {
            query.setFetchSize(1);
            query.setLong(1, plan.cut());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    file.snapshot(
                            rows.getLong(1),
                            rows.getString(2),
                            Optional.ofNullable(rows.getString(4)),
                            SnapshotTable.contentOf(rows));
                }
            }
        }
    }

    private static void writeIncidents(Connection c, Instant before, ArchiveFile.Writer file, List<String> ids)
            throws SQLException, IOException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT id, organisation, status, finished_ms, " + JdbcClosedIncidents.PAYLOAD
                        + " FROM closed_incidents WHERE finished_ms < ? ORDER BY finished_ms, id")) {
            query.setFetchSize(JdbcEventStore.FETCH_SIZE);
            query.setLong(1, before.toEpochMilli());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    file.closedIncident(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getLong(4),
                            JdbcClosedIncidents.json(rows, 5)); // the JSON text, however it is stored
                    ids.add(rows.getString(1));
                }
            }
        }
    }

    private static void writeEvents(Connection c, Plan plan, ArchiveFile.Writer file, ArchiveProgress progress)
            throws SQLException, IOException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + JdbcEventStore.COLUMNS
                + " FROM events WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
            query.setFetchSize(JdbcEventStore.FETCH_SIZE);
            query.setLong(1, plan.start().sequence());
            query.setLong(2, plan.cut());
            long written = 0;
            // the file keeps each row's previous hash, as it did before V14 dropped it from the table
            String chain = plan.start().hash();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    EventRow row = JdbcEventStore.row(rows).withPrevHash(chain);
                    file.event(row);
                    chain = row.hash();
                    if (++written % PROGRESS_EVERY == 0) progress.written(written, plan.events());
                }
            }
            progress.written(written, plan.events());
        }
    }

    // --- the store

    private static Void commit(Connection c, Plan plan, ArchiveRecord record, List<String> incidentIds)
            throws SQLException {
        if (!ArchiveTable.chainStart(c).equals(plan.start())) {
            throw new IllegalStateException("another archive was made meanwhile; nothing was changed: run it again");
        }
        if (!LogAudit.findHash(c, plan.cut()).equals(Optional.of(plan.cutHash()))) {
            throw new IllegalStateException(
                    "the log's event " + plan.cut() + " changed meanwhile; nothing was changed");
        }
        ArchiveTable.insert(c, record);
        long events = delete(c, "DELETE FROM events WHERE sequence <= ?", plan.cut());
        if (events != plan.events()) {
            throw new IllegalStateException("the log held " + events + " events up to " + plan.cut() + " where "
                    + plan.events() + " were archived; nothing was changed");
        }
        delete(c, "DELETE FROM snapshots WHERE sequence < ?", plan.cut());
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM closed_incidents WHERE id = ?")) {
            for (int i = 0; i < incidentIds.size(); i++) {
                delete.setString(1, incidentIds.get(i));
                delete.addBatch();
                if ((i + 1) % IDS_PER_DELETE == 0) delete.executeBatch();
            }
            delete.executeBatch();
        }
        return null;
    }

    private static long delete(Connection c, String sql, long sequence) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setLong(1, sequence);
            return delete.executeUpdate();
        }
    }

    private static void deleteQuietly(Path file, Throwable cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
