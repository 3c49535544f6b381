package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.muster.store.ArchiveRecord;
import org.muster.store.ChainHead;

/**
 * The {@code archives} table (migration V7): one row per archive file, oldest first. The live log starts
 * right after the last row's last sequence and chains on from its last hash.
 */
final class ArchiveTable {
    private static final String SELECT =
            "SELECT first_sequence, last_sequence, last_hash, file_name, file_sha256," + " archived_at FROM archives";

    private ArchiveTable() {}

    /** Every archive, oldest first. */
    static List<ArchiveRecord> list(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SELECT + " ORDER BY last_sequence");
                ResultSet rows = query.executeQuery()) {
            List<ArchiveRecord> found = new ArrayList<>();
            while (rows.next()) found.add(record(rows));
            return List.copyOf(found);
        }
    }

    /** The newest archive, if any. */
    static Optional<ArchiveRecord> findLast(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SELECT + " ORDER BY last_sequence DESC LIMIT 1");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(record(rows)) : Optional.empty();
        }
    }

    /**
     * Where the live log's chain starts: the last archived event and its hash, or (0, "") when nothing was
     * archived.
     */
    static ChainHead chainStart(Connection c) throws SQLException {
        return findLast(c)
                .map(a -> new ChainHead(a.lastSequence(), a.lastHash()))
                .orElse(new ChainHead(0, ""));
    }

    /**
     * The hash after {@code sequence} when that is an archive's last event: the one archived event whose hash
     * the store still answers, since the snapshot the live log starts from names it.
     */
    static Optional<String> findArchivedHash(Connection c, long sequence) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT last_hash FROM archives WHERE last_sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, ArchiveRecord archive) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO archives (first_sequence, last_sequence,"
                + " last_hash, file_name, file_sha256, archived_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, archive.firstSequence());
            insert.setLong(2, archive.lastSequence());
            insert.setString(3, archive.lastHash());
            insert.setString(4, archive.fileName());
            insert.setString(5, archive.fileSha256());
            insert.setString(6, archive.archivedAt().toString());
            insert.executeUpdate();
        }
    }

    private static ArchiveRecord record(ResultSet rows) throws SQLException {
        return new ArchiveRecord(
                rows.getLong(1),
                rows.getLong(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                Instant.parse(rows.getString(6)));
    }
}
