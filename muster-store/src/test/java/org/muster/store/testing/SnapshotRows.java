package org.muster.store.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.muster.store.StoreConfig;

/**
 * A snapshot row changed behind Muster's back, as someone with write access to the database would: its
 * compressed content unpacked, edited as text and packed again, the digest left as it was.
 */
public final class SnapshotRows {
    private SnapshotRows() {}

    /** The sealed content (state and projections) of the snapshot at {@code sequence}, as text. */
    public static String content(StoreConfig config, long sequence) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement query = c.prepareStatement("SELECT payload_gz FROM snapshots WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) throw new IllegalArgumentException("no snapshot at " + sequence);
                return gunzip(rows.getBytes(1));
            }
        }
    }

    /** How many bytes the snapshot at {@code sequence} takes compressed. */
    public static int storedBytes(StoreConfig config, long sequence) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement query = c.prepareStatement("SELECT payload_gz FROM snapshots WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) throw new IllegalArgumentException("no snapshot at " + sequence);
                return rows.getBytes(1).length;
            }
        }
    }

    /** Rewrites the snapshot at {@code sequence}'s content with {@code edit}; the digest is not touched. */
    public static void edit(StoreConfig config, long sequence, UnaryOperator<String> edit) throws SQLException {
        String changed = edit.apply(content(config, sequence));
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement update =
                        c.prepareStatement("UPDATE snapshots SET payload_gz = ? WHERE sequence = ?")) {
            update.setBytes(1, gzip(changed));
            update.setLong(2, sequence);
            if (update.executeUpdate() != 1) throw new IllegalArgumentException("no snapshot at " + sequence);
        }
    }

    /** As {@link #edit}, replacing every {@code from} with {@code to}; fails when there is none to replace. */
    public static void replace(StoreConfig config, long sequence, String from, String to) throws SQLException {
        edit(config, sequence, text -> {
            if (!text.contains(from))
                throw new IllegalArgumentException("the snapshot at " + sequence + " has no '" + from + "'");
            return text.replace(from, to);
        });
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
