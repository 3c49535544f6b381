package org.muster.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text stored compressed in zlib's format (RFC 1950: deflate with a two-byte header and an Adler-32
 * check), which every zlib reads, optionally with a preset dictionary: text that rows of one kind share
 * (their field names, their usual values), so that a row of a kilobyte compresses to a fifth of itself
 * instead of a half. A row names its dictionary by the dictionary's Adler-32 in its header (zlib's
 * {@code DICTID}), so a dictionary is never changed once rows use it: a better one is added beside it.
 *
 * <p>Outside Muster: {@code zlib.decompressobj(zdict=open("closed-incidents-1.zdict","rb").read())} in
 * Python, with the dictionary file from this package's resources.
 */
final class Zlib {
    /**
     * The dictionary of the closed incidents' JSON (migration V6), from the resource of that name. Its
     * Adler-32 is pinned here: rows are read with the very bytes they were written with, or not at all.
     */
    static final Dictionary CLOSED_INCIDENTS = Dictionary.load("closed-incidents-1.zdict", 0x416e61d5);

    private Zlib() {}

    /** A preset dictionary and the id a zlib header names it by. */
    record Dictionary(String name, byte[] bytes, int id) {
        static Dictionary load(String resource, int expectedId) {
            try (InputStream in = Zlib.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("the dictionary " + resource + " is missing");
                byte[] bytes = in.readAllBytes();
                Adler32 adler = new Adler32();
                adler.update(bytes);
                if ((int) adler.getValue() != expectedId) {
                    throw new IllegalStateException("the dictionary " + resource + " was changed: rows written with"
                            + " it could no longer be read; add a new dictionary instead");
                }
                return new Dictionary(resource, bytes, expectedId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static byte[] deflate(String text, Dictionary dictionary) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setDictionary(dictionary.bytes());
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 3 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The text in {@code compressed}, written with {@code dictionary} or with none.
     *
     * @throws IllegalArgumentException when the bytes are not whole zlib data or name another dictionary (a
     *     row edited by hand)
     */
    static String inflate(byte[] compressed, Dictionary dictionary) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    if (inflater.getAdler() != dictionary.id()) {
                        throw new IllegalArgumentException("the compressed text names dictionary "
                                + Integer.toHexString(inflater.getAdler()) + ", not " + dictionary.name());
                    }
                    inflater.setDictionary(dictionary.bytes());
                } else if (n == 0 && inflater.needsInput() && !inflater.finished()) {
                    throw new IllegalArgumentException("the compressed text ends early");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the compressed text cannot be read: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
