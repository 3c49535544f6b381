package org.muster.geo.road.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Prepared graphs on disk, one directory per key: {@code cacheDir/<sha256 of the OSM file>-<hash of the
 * graph settings>/}. A graph is built in a temporary sibling directory and renamed into place only once
 * complete, so a crash or a refused file never leaves a half-written graph where a later load would
 * trust it; a directory counts as complete only when it holds the marker written last.
 */
public final class GraphCache {
    /** Bump when the layout of a cached graph changes, so old caches are not loaded. */
    private static final String FORMAT = "muster-road-1;graphhopper-11.0";

    static final String MARKER = "muster-road.properties";
    private static final String TEMP_PREFIX = ".import-";
    /** A temporary import directory older than this belongs to an import that was killed. */
    private static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private final Path cacheDir;

    public GraphCache(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Builds a graph into an empty directory; throws to abandon the import. */
    @FunctionalInterface
    public interface Importer {
        void importInto(Path emptyDir);
    }

    /**
     * Where the graph for this file and these settings lives.
     *
     * @param dir the complete graph directory
     * @param osmSha256 hex SHA-256 of the OSM file
     * @param importedNow true when this call imported the file, false when it found the graph cached
     */
    public record Entry(Path dir, String osmSha256, boolean importedNow) {}

    /**
     * Returns the cached graph for {@code osmFile} under {@code graphSettings}, importing it first when
     * it is missing. Anything the importer throws propagates after its temporary directory is deleted.
     */
    public Entry obtain(Path osmFile, String graphSettings, Importer importer) {
        String osmSha256 = sha256(osmFile);
        String key = osmSha256 + "-" + sha256(FORMAT + ";" + graphSettings).substring(0, 16);
        Path dir = cacheDir.resolve(key);
        if (isComplete(dir)) return new Entry(dir, osmSha256, false);
        try {
            Files.createDirectories(cacheDir);
            deleteAbandonedImports();
            deleteRecursively(dir); // an incomplete leftover, e.g. written by another tool
            Path temp = Files.createTempDirectory(cacheDir, TEMP_PREFIX + key.substring(0, 16) + "-");
            try {
                importer.importInto(temp);
                writeMarker(temp, osmFile, osmSha256, graphSettings);
                moveIntoPlace(temp, dir);
            } finally {
                deleteRecursively(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the road graph cache in " + cacheDir, e);
        }
        return new Entry(dir, osmSha256, true);
    }

    /**
     * A killed import leaves its temporary directory behind; one that has not changed for a day is not
     * being written by anyone. (A younger one may be another process importing right now.)
     */
    private void deleteAbandonedImports() throws IOException {
        Instant cutoff = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(cacheDir, TEMP_PREFIX + "*")) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff)) deleteRecursively(temp);
            }
        }
    }

    static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    private static void moveIntoPlace(Path temp, Path dir) throws IOException {
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another process finished the same import first; its graph is as good as ours.
            if (!isComplete(dir)) throw e;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache directory must allow atomic renames: " + e.getMessage(), e);
        }
    }

    private static void writeMarker(Path dir, Path osmFile, String osmSha256, String graphSettings) throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
            out.write("# Written last by Muster's road import: the graph in this directory is complete.\n");
            out.write("source.file=" + osmFile.getFileName() + "\n");
            out.write("source.sha256=" + osmSha256 + "\n");
            out.write("format=" + FORMAT + "\n");
            out.write("settings=" + graphSettings + "\n");
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        } catch (IOException e) {
            throw OsmFileCheck.refuse(file, "cannot be read: " + e.getMessage());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
