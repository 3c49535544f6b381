package org.muster.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An archive file: gzip of JSON lines (docs/archive.md). The first line is the header, then the snapshots
 * it carries, then the closed incidents, then every event row exactly as the events table held it, so each
 * hash can be recomputed from the file alone. Snapshots come before the events so that a reader knows, as
 * the events stream past, which hashes to check them against without holding the whole chain in memory.
 */
final class ArchiveFile {
    static final String FORMAT = "muster-archive";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveFile() {}

    /** The first line. */
    record Header(
            int version,
            long firstSequence,
            long lastSequence,
            String firstPrevHash,
            String lastHash,
            long events,
            long snapshots,
            long closedIncidents,
            Instant before,
            Instant createdAt) {}

    /** What a reader is told, line by line, in file order. */
    interface Visitor {
        void header(Header header);

        void snapshot(long sequence, String lastHash, Optional<String> digest, String content);

        void closedIncident(String id, String organisation, String status, long finishedMs, String payload);

        void event(EventRow row);
    }

    /** Writes a new file; {@link #close} finishes the gzip and syncs it to disk. */
    static final class Writer implements Closeable {
        private final FileChannel channel;
        private final GZIPOutputStream gzip;
        private final BufferedWriter out;
        private final Path file;

        /**
         * Creates {@code file} and writes the header.
         *
         * @throws java.nio.file.FileAlreadyExistsException when the file exists: an archive is never overwritten
         */
        Writer(Path file, Header header) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 1 << 16);
            this.out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
            ObjectNode h = JSON.createObjectNode()
                    .put("format", FORMAT)
                    .put("version", header.version())
                    .put("firstSequence", header.firstSequence())
                    .put("lastSequence", header.lastSequence())
                    .put("firstPrevHash", header.firstPrevHash())
                    .put("lastHash", header.lastHash())
                    .put("events", header.events())
                    .put("snapshots", header.snapshots())
                    .put("closedIncidents", header.closedIncidents())
                    .put("before", header.before().toString())
                    .put("createdAt", header.createdAt().toString());
            line("archive", h);
        }

        void snapshot(long sequence, String lastHash, Optional<String> digest, String content) throws IOException {
            ObjectNode s = JSON.createObjectNode().put("sequence", sequence).put("lastHash", lastHash);
            if (digest.isPresent()) s.put("digest", digest.get());
            else s.putNull("digest");
            line("snapshot", s.put("content", content));
        }

        void closedIncident(String id, String organisation, String status, long finishedMs, String payload)
                throws IOException {
            line(
                    "closedIncident",
                    JSON.createObjectNode()
                            .put("id", id)
                            .put("organisation", organisation)
                            .put("status", status)
                            .put("finishedMs", finishedMs)
                            .put("payload", payload));
        }

        void event(EventRow row) throws IOException {
            line(
                    "event",
                    JSON.createObjectNode()
                            .put("sequence", row.sequence())
                            .put("recordedAt", row.recordedAt())
                            .put("commandId", row.commandId())
                            .put("actor", row.actor())
                            .put("reason", row.reason())
                            .put("eventType", row.eventType())
                            .put("payload", row.payload())
                            .put("prevHash", row.prevHash())
                            .put("hash", row.hash()));
        }

        private void line(String kind, ObjectNode body) throws IOException {
            out.write(JSON.writeValueAsString(JSON.createObjectNode().set(kind, body)));
            out.write('\n');
        }

        /** Finishes the gzip and forces the file and its folder's entry to disk. */
        @Override
        public void close() throws IOException {
            try (channel) {
                out.flush();
                gzip.finish();
                gzip.flush();
                channel.force(true);
            }
            syncFolder(file.toAbsolutePath().getParent());
        }
    }

    /**
     * Reads {@code file} from start to end, telling {@code visitor} each line.
     *
     * @throws IllegalArgumentException when the file is not a whole archive of this format (not gzip, cut
     *     short, a line that is not what its place calls for)
     */
    static void read(Path file, Visitor visitor) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null) throw new IllegalArgumentException("it is empty");
            visitor.header(header(node(first, "archive", 1)));
            long lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                JsonNode root = tree(line, lineNumber);
                if (root.has("event")) visitor.event(eventRow(root.get("event")));
                else if (root.has("snapshot")) {
                    JsonNode s = root.get("snapshot");
                    visitor.snapshot(
                            s.required("sequence").asLong(),
                            s.required("lastHash").asText(),
                            s.path("digest").isTextual()
                                    ? Optional.of(s.get("digest").asText())
                                    : Optional.empty(),
                            s.required("content").asText());
                } else if (root.has("closedIncident")) {
                    JsonNode i = root.get("closedIncident");
                    visitor.closedIncident(
                            i.required("id").asText(),
                            i.required("organisation").asText(),
                            i.required("status").asText(),
                            i.required("finishedMs").asLong(),
                            i.required("payload").asText());
                } else {
                    throw new IllegalArgumentException(
                            "line " + lineNumber + " is neither an event, a snapshot nor" + " a closed incident");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("it cannot be read as a gzip archive: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("it cannot be read: " + e.getMessage(), e);
        }
    }

    /** The header alone. @throws IllegalArgumentException as {@link #read} */
    static Header readHeader(Path file) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null) throw new IllegalArgumentException("it is empty");
            return header(node(first, "archive", 1));
        } catch (IOException e) {
            throw new IllegalArgumentException("it cannot be read as a gzip archive: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the file's bytes, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Header header(JsonNode h) {
        if (!FORMAT.equals(h.path("format").asText())) {
            throw new IllegalArgumentException("its header does not name the format '" + FORMAT + "'");
        }
        int version = h.path("version").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(
                    "it is format version " + version + "; this Muster reads version " + VERSION);
        }
        try {
            return new Header(
                    version,
                    h.required("firstSequence").asLong(),
                    h.required("lastSequence").asLong(),
                    h.required("firstPrevHash").asText(),
                    h.required("lastHash").asText(),
                    h.required("events").asLong(),
                    h.required("snapshots").asLong(),
                    h.required("closedIncidents").asLong(),
                    Instant.parse(h.required("before").asText()),
                    Instant.parse(h.required("createdAt").asText()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its header cannot be read: " + e.getMessage(), e);
        }
    }

    private static EventRow eventRow(JsonNode e) {
        return new EventRow(
                e.required("sequence").asLong(),
                e.required("recordedAt").asText(),
                e.required("commandId").asText(),
                e.required("actor").asText(),
                e.required("reason").asText(),
                e.required("eventType").asText(),
                e.required("payload").asText(),
                e.required("prevHash").asText(),
                e.required("hash").asText());
    }

    private static JsonNode node(String line, String kind, long lineNumber) {
        JsonNode root = tree(line, lineNumber);
        if (!root.has(kind))
            throw new IllegalArgumentException("line " + lineNumber + " is not its " + kind + " header");
        return root.get(kind);
    }

    private static JsonNode tree(String line, long lineNumber) {
        try {
            JsonNode root = JSON.readTree(line);
            if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
            return root;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNumber + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static void syncFolder(Path folder) {
        if (folder == null) return;
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder to sync it; the file itself is synced, and the re-read that
            // follows fails if it is not there.
        }
    }
}
