package org.muster.store.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.muster.domain.log.SavedSnapshot;
import org.muster.domain.log.Snapshot;
import org.muster.domain.log.SnapshotPart;
import org.muster.store.EventCodec;

/**
 * The snapshots table's rows. Snapshots are kept (a look at the past starts from the nearest one), so each
 * is stored compressed: {@code payload_gz} is the gzip of the sealed content, one JSON text
 * {@code {"state": SNAPSHOT, "projections": {NAME: MEMENTO, ...}}}, and {@code digest} is the SHA-256 of
 * that text, so the projections' parts are sealed with the state. A row saved by an older Muster has its
 * bare snapshot in {@code payload} instead, and no projections.
 */
final class SnapshotTable {
    /** The columns {@link #contentOf} reads: 3 is the plain payload, 5 the compressed one. */
    static final String COLUMNS = "sequence, last_hash, payload, digest, payload_gz";

    static final String UPSERT = "INSERT INTO snapshots (sequence, last_hash, payload, digest, payload_gz)"
            + " VALUES (?, ?, NULL, ?, ?) ON CONFLICT (sequence) DO UPDATE SET last_hash = excluded.last_hash,"
            + " payload = NULL, digest = excluded.digest, payload_gz = excluded.payload_gz";

    private static final String STATE = "state";
    private static final String PROJECTIONS = "projections";

    private SnapshotTable() {}

    /** The sealed content of a snapshot and its parts: what the digest covers. */
    static String content(Snapshot snapshot, List<SnapshotPart> parts) {
        // written as text, not through a tree: a national state is tens of megabytes of JSON
        StringBuilder out = new StringBuilder(1 << 16)
                .append("{\"" + STATE + "\":")
                .append(JsonCodec.write(snapshot))
                .append(",\"" + PROJECTIONS + "\":{");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SnapshotPart part : parts) {
            if (!names.add(part.name()))
                throw new IllegalArgumentException("two parts are named '" + part.name() + "'");
            if (names.size() > 1) out.append(',');
            out.append(JsonCodec.write(part.name())).append(':').append(JsonCodec.write(part.memento()));
        }
        return out.append("}}").toString();
    }

    /** A snapshot's content as stored: its digest and its compressed bytes. */
    record Sealed(String digest, byte[] compressed) {}

    /**
     * Digests and compresses {@code content}. Done before the write transaction: on SQLite that
     * transaction holds the writer's lock, and every append would wait for the compression.
     */
    static Sealed seal(String content) {
        return new Sealed(LogAudit.digest(content), gzip(content));
    }

    static void upsert(Connection c, long sequence, String lastHash, Sealed sealed) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setLong(1, sequence);
            upsert.setString(2, lastHash);
            upsert.setString(3, sealed.digest());
            upsert.setBytes(4, sealed.compressed());
            upsert.executeUpdate();
        }
    }

    /**
     * A row's content, the text its digest covers: the plain payload when the row has one (an older
     * Muster's, or one edited by hand, which the digest then judges), else the compressed one.
     */
    static String contentOf(ResultSet rows) throws SQLException {
        String plain = rows.getString(3);
        if (plain != null) return plain;
        byte[] compressed = rows.getBytes(5);
        return compressed == null ? "" : gunzip(compressed);
    }

    /**
     * The state in a row's content, sealed with parts or bare.
     *
     * @throws IllegalArgumentException when the content is not a snapshot
     */
    static Snapshot decodeState(String content) {
        return decode(content, Map.of()).state();
    }

    /**
     * The state with the parts named in {@code partTypes}, each read back as its type; other parts are
     * skipped. Read as a stream of tokens, never as a tree: the content is hundreds of kilobytes to tens of
     * megabytes, and every look at the past reads one.
     *
     * @throws IllegalArgumentException when the content or a part does not fit
     */
    static SavedSnapshot decode(String content, Map<String, Class<?>> partTypes) {
        try (JsonParser in = JsonCodec.parser(content)) {
            if (in.nextToken() != JsonToken.START_OBJECT)
                throw new IllegalArgumentException("a snapshot is a JSON object");
            Snapshot state = null;
            Map<String, Object> parts = new HashMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                if (STATE.equals(field)) {
                    state = JsonCodec.read(in, Snapshot.class);
                } else if (PROJECTIONS.equals(field)) {
                    if (!in.hasToken(JsonToken.START_OBJECT))
                        throw new IllegalArgumentException("a snapshot's projections are a JSON object");
                    while (in.nextToken() == JsonToken.FIELD_NAME) {
                        String name = in.currentName();
                        in.nextToken();
                        Class<?> type = partTypes.get(name);
                        if (type == null) in.skipChildren();
                        else parts.put(name, read(in, name, type));
                    }
                } else {
                    // a bare snapshot, as an older Muster saved it
                    return SavedSnapshot.of(EventCodec.decodeSnapshot(content));
                }
            }
            if (in.nextToken() != null) throw new IllegalArgumentException("a snapshot has text after its end");
            if (state == null) throw new IllegalArgumentException("a snapshot has no state");
            return new SavedSnapshot(state, parts);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid snapshot: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading text in memory cannot fail", e);
        }
    }

    private static Object read(JsonParser in, String name, Class<?> type) throws IOException {
        try {
            return JsonCodec.read(in, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "the part '" + name + "' is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not gzip (a row edited by hand) */
    static String gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("the compressed snapshot cannot be read: " + e.getMessage(), e);
        }
    }
}
