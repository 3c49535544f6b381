package org.muster.geo.road.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.muster.domain.InvalidInputException;

/**
 * Refuses a file that cannot be an OpenStreetMap extract before GraphHopper sees it, so the user gets a
 * message naming the file and the problem rather than a parser's stack trace.
 */
public final class OsmFileCheck {
    /** What kind of OSM encoding a file holds. */
    public enum Format {
        PBF,
        XML
    }

    private static final int SNIFF_BYTES = 4096;

    private OsmFileCheck() {}

    /**
     * Checks that {@code file} exists, is readable, is not empty and starts like an OSM PBF or an OSM XML
     * document (whose name GraphHopper requires to end in {@code .osm} or {@code .xml}).
     *
     * @throws InvalidInputException naming the file and what is wrong with it
     */
    public static Format check(Path file) {
        if (!Files.exists(file)) throw refuse(file, "does not exist");
        if (!Files.isRegularFile(file)) throw refuse(file, "is not a regular file");
        if (!Files.isReadable(file)) throw refuse(file, "is not readable");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw refuse(file, "cannot be read: " + e.getMessage());
        }
        if (head.length == 0) throw refuse(file, "is empty");
        if (isPbf(head)) return Format.PBF;
        if (isOsmXml(head)) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".osm") && !name.endsWith(".xml")) {
                throw refuse(file, "holds OSM XML but its name must end in .osm or .xml");
            }
            return Format.XML;
        }
        throw refuse(file, "is not an OpenStreetMap file (expected .osm.pbf or OSM XML)");
    }

    /** A PBF file opens with a 4-byte header length and a BlobHeader whose type is "OSMHeader". */
    private static boolean isPbf(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 32), StandardCharsets.ISO_8859_1);
        return head.length >= 16 && head[0] == 0 && head[1] == 0 && text.contains("OSMHeader");
    }

    private static boolean isOsmXml(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return text.startsWith("<") && text.contains("<osm");
    }

    public static InvalidInputException refuse(Path file, String problem) {
        return InvalidInputException.of("osmFile", file, problem);
    }
}
