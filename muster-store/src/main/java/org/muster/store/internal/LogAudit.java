package org.muster.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.log.Snapshot;
import org.muster.store.AuditFinding;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.ChainHead;

/**
 * The checks behind {@code audit verify} and the start: the hash chain (edits, deleted rows), the snapshots
 * (their digest and their place in the chain), and the head against a checkpoint kept elsewhere (events
 * removed from the end, which leave a shorter chain that is otherwise intact).
 */
final class LogAudit {
    private LogAudit() {}

    /** SHA-256, hex, of a snapshot's payload text: what the snapshots table's {@code digest} holds. */
    static String digest(String payload) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The first broken link after {@code afterSequence}, whose hash is {@code startHash}; empty when the chain
     * from there to the end is intact. Walking stops at the first break: every later link would fail too.
     */
    static Optional<AuditFinding> checkChain(Connection c, long afterSequence, String startHash) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT " + JdbcEventStore.COLUMNS + " FROM events WHERE sequence > ? ORDER BY sequence")) {
            query.setFetchSize(JdbcEventStore.FETCH_SIZE);
            query.setLong(1, afterSequence);
            Map<Long, String> kept = keptLinks(c, afterSequence + 1, Long.MAX_VALUE);
            try (ResultSet rows = query.executeQuery()) {
                long previous = afterSequence;
                String chain = startHash;
                while (rows.next()) {
                    EventRow row = linked(JdbcEventStore.row(rows), kept, chain);
                    Optional<AuditFinding> broken = checkLink(row, previous, chain);
                    if (broken.isPresent()) return broken;
                    previous = row.sequence();
                    chain = row.hash();
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Whether the live log starts where the archives end: its first event right after the last archived one (the
     * log's first event when nothing was archived), chained on from that one's hash. A start checks this one
     * link besides the chain after the newest snapshot, since events deleted from the front leave that intact.
     */
    static Optional<AuditFinding> checkLiveStart(Connection c) throws SQLException {
        ChainHead start = ArchiveTable.chainStart(c);
        try (PreparedStatement query = c.prepareStatement(
                        "SELECT " + JdbcEventStore.COLUMNS + " FROM events ORDER BY sequence LIMIT 1");
                ResultSet rows = query.executeQuery()) {
            if (!rows.next()) return Optional.empty();
            EventRow row = JdbcEventStore.row(rows);
            Map<Long, String> kept = keptLinks(c, row.sequence(), row.sequence());
            return checkLink(linked(row, kept, start.hash()), start.sequence(), start.hash());
        }
    }

    /**
     * The previous hashes migration V14 kept because no row implies them (changed by hand before it), by
     * sequence, for events {@code from..to}. Empty in a store nobody edited.
     */
    static Map<Long, String> keptLinks(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT sequence, prev_hash FROM event_links WHERE sequence >= ? AND sequence <= ?")) {
            query.setLong(1, from);
            query.setLong(2, to);
            try (ResultSet rows = query.executeQuery()) {
                Map<Long, String> kept = new HashMap<>();
                while (rows.next()) kept.put(rows.getLong(1), EventRow.hex(rows.getBytes(2)));
                return kept;
            }
        }
    }

    /**
     * A row read from the table with its previous hash, which the table does not store (V14): the one kept
     * for it, if any, else {@code chain}, the hash of the row a walk found before it.
     */
    static EventRow linked(EventRow row, Map<Long, String> kept, String chain) {
        return row.withPrevHash(kept.getOrDefault(row.sequence(), chain));
    }

    /** What is wrong with {@code row} as the successor of event {@code previous}, whose hash is {@code chain}. */
    static Optional<AuditFinding> checkLink(EventRow row, long previous, String chain) {
        if (row.sequence() != previous + 1) {
            long firstMissing = previous + 1;
            String missing = firstMissing == row.sequence() - 1
                    ? "event " + firstMissing + " is"
                    : "events " + firstMissing + ".." + (row.sequence() - 1) + " are";
            return Optional.of(new AuditFinding(
                    Kind.EVENTS_MISSING,
                    firstMissing,
                    missing + " missing from the log (deleted): the chain breaks at event " + row.sequence()
                            + ", which follows event " + previous));
        }
        String expected = row.expectedHash(chain);
        // a row whose hash holds over its own contents and link was not edited: what broke is its link (the
        // row before it, or the archives row the live log chains on from), named below
        if (!expected.equals(row.hash()) && !row.expectedHash(row.prevHash()).equals(row.hash())) {
            return Optional.of(new AuditFinding(
                    Kind.EVENT_CHANGED,
                    row.sequence(),
                    "event " + row.sequence() + " was changed: its stored hash " + row.hash()
                            + " is not the hash recomputed from its contents, " + expected));
        }
        if (!chain.equals(row.prevHash())) {
            return Optional.of(new AuditFinding(
                    Kind.EVENT_CHANGED,
                    row.sequence(),
                    "event " + row.sequence() + "'s link was changed: it names previous hash '" + row.prevHash()
                            + "' but event " + previous + "'s hash is '" + chain + "'"));
        }
        return Optional.empty();
    }

    /** What is wrong with one snapshot row; empty when it is sealed, unchanged and in the chain. */
    static Optional<AuditFinding> checkSnapshot(
            Connection c, long sequence, String lastHash, String payload, Optional<String> digest) throws SQLException {
        return checkSnapshot(c, sequence, lastHash, payload, digest, SnapshotTable::decodeState);
    }

    /**
     * {@link #checkSnapshot(Connection, long, String, String, Optional)} reading the content with
     * {@code decode}, so that a reader who needs more of it than the state decodes it once.
     */
    static Optional<AuditFinding> checkSnapshot(
            Connection c,
            long sequence,
            String lastHash,
            String payload,
            Optional<String> digest,
            java.util.function.Function<String, Snapshot> decode)
            throws SQLException {
        if (digest.isEmpty()) {
            return Optional.of(new AuditFinding(
                    Kind.SNAPSHOT_UNSEALED,
                    sequence,
                    "the snapshot at " + sequence + " was saved without a digest (before Muster sealed snapshots);"
                            + " it is not loaded, and replay reads the events instead"));
        }
        String actual = digest(payload);
        if (!actual.equals(digest.get())) {
            return changed(
                    sequence, "its content's SHA-256 is " + actual + " but its recorded digest is " + digest.get());
        }
        Snapshot decoded;
        try {
            decoded = decode.apply(payload);
        } catch (IllegalArgumentException e) {
            return changed(sequence, "its content cannot be read back: " + e.getMessage());
        }
        if (decoded.sequence() != sequence || !decoded.lastHash().equals(lastHash)) {
            return changed(
                    sequence,
                    "its row says sequence " + sequence + " and last hash '" + lastHash + "' but its content says "
                            + decoded.sequence() + " and '" + decoded.lastHash() + "'");
        }
        Optional<String> logHash = sequence == 0 ? Optional.of("") : findHash(c, sequence);
        if (logHash.isEmpty()) {
            return changed(sequence, "the log has no event " + sequence + " for it to follow");
        }
        if (!logHash.get().equals(lastHash)) {
            return changed(
                    sequence,
                    "it records last hash '" + lastHash + "' but the log's event " + sequence + " has hash '"
                            + logHash.get() + "'");
        }
        return Optional.empty();
    }

    private static Optional<AuditFinding> changed(long sequence, String why) {
        return Optional.of(new AuditFinding(
                Kind.SNAPSHOT_CHANGED, sequence, "the snapshot at " + sequence + " was changed: " + why));
    }

    /** Every snapshot's findings, oldest first. */
    static List<AuditFinding> checkSnapshots(Connection c) throws SQLException {
        List<AuditFinding> found = new ArrayList<>();
        try (PreparedStatement query =
                        c.prepareStatement("SELECT " + SnapshotTable.COLUMNS + " FROM snapshots ORDER BY sequence");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String content;
                try {
                    content = SnapshotTable.contentOf(rows);
                } catch (IllegalArgumentException e) {
                    found.add(changed(rows.getLong(1), e.getMessage()).orElseThrow());
                    continue;
                }
                checkSnapshot(c, rows.getLong(1), rows.getString(2), content, Optional.ofNullable(rows.getString(4)))
                        .ifPresent(found::add);
            }
        }
        return found;
    }

    /** Whether the log still reaches the checkpoint's head, with the same hash there. */
    static Optional<AuditFinding> checkCheckpoint(Connection c, ChainHead checkpoint, long lastSequence)
            throws SQLException {
        if (checkpoint.sequence() > lastSequence) {
            return Optional.of(new AuditFinding(
                    Kind.TRUNCATED,
                    lastSequence + 1,
                    "the log ends at event " + lastSequence + " but the checkpoint records event "
                            + checkpoint.sequence() + " (hash " + checkpoint.hash() + "): events "
                            + (lastSequence + 1) + ".." + checkpoint.sequence() + " were removed from the end"));
        }
        if (checkpoint.sequence() == 0) return Optional.empty();
        Optional<String> logHash = findHash(c, checkpoint.sequence());
        if (logHash.isEmpty()) {
            return Optional.of(new AuditFinding(
                    Kind.CHECKPOINT_MISMATCH,
                    checkpoint.sequence(),
                    "the checkpoint's event " + checkpoint.sequence() + " is missing from the log"));
        }
        if (!logHash.get().equals(checkpoint.hash())) {
            return Optional.of(new AuditFinding(
                    Kind.CHECKPOINT_MISMATCH,
                    checkpoint.sequence(),
                    "the log's event " + checkpoint.sequence() + " has hash " + logHash.get()
                            + " but the checkpoint records " + checkpoint.hash() + ": the log was rewritten"));
        }
        return Optional.empty();
    }

    /**
     * The hash after event {@code sequence}: from its row, or, for the last event of an archive (which the
     * snapshot the live log starts from follows), from the archives table.
     */
    static Optional<String> findHash(Connection c, long sequence) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT hash FROM events WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) return Optional.of(EventRow.hex(rows.getBytes(1)));
            }
        }
        return ArchiveTable.findArchivedHash(c, sequence);
    }
}
