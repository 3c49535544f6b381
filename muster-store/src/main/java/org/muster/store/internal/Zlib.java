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

    /**
     * The dictionary of the events' JSON payloads (migration V13): two payloads of each type from the
     * growth bench's log, the commonest types last, where deflate reaches them with the shortest distances.
     */
    static final Dictionary EVENTS = Dictionary.load("events-1.zdict", 0x81df2bdf);

    /**
     * The first byte of an event's {@code payload_z}: which dictionary the raw deflate after it needs. A
     * payload of a hundred bytes deflates to about twenty-five; zlib's own header and check (ten bytes)
     * would add 40% to that, and the hash chain already checks the text, so the format is raw deflate
     * (RFC 1951) behind this one byte instead.
     */
    static final byte EVENTS_TAG = 1;

    /**
     * The events' deflater: the dictionary's hash chains built once, not for every row as zlib's priming does.
     * On the growth bench's payloads, 0.71 microseconds a row against zlib's 5.06 primed with the dictionary's last
     * 1,536 bytes, for as few bytes as zlib with the whole dictionary (docs/store-cpu.md). Its output is the same
     * format any inflater primed with {@link #EVENTS} reads.
     */
    private static final PresetDeflater EVENTS_DEFLATER = new PresetDeflater(EVENTS.bytes());

    private static final byte[] EVENTS_PREFIX = {EVENTS_TAG};

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

    /**
     * An event's payload as {@code payload_z} holds it: {@link #EVENTS_TAG}, then the raw deflate of its
     * UTF-8 with {@link #EVENTS} preset: by {@link PresetDeflater}, or by zlib for a text too long for it.
     */
    static byte[] deflateEvent(String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        if (input.length <= PresetDeflater.maxInput()) return EVENTS_DEFLATER.deflate(input, EVENTS_PREFIX);
        Deflater deflater = RAW_DEFLATER.get();
        deflater.reset();
        deflater.setDictionary(EVENTS.bytes());
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 16);
        out.write(EVENTS_TAG);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
        return out.toByteArray();
    }

    /**
     * The payload text in an event's {@code payload_z}.
     *
     * @throws IllegalArgumentException when the bytes do not start with a known tag or are not whole raw
     *     deflate data (a row edited by hand)
     */
    static String inflateEvent(byte[] stored) {
        if (stored.length == 0 || stored[0] != EVENTS_TAG) {
            throw new IllegalArgumentException("the compressed payload does not start with dictionary tag " + EVENTS_TAG
                    + (stored.length == 0 ? " (it is empty)" : " but with " + stored[0]));
        }
        Inflater inflater = RAW_INFLATER.get();
        inflater.reset();
        try {
            inflater.setDictionary(EVENTS.bytes());
            inflater.setInput(stored, 1, stored.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
            byte[] buffer = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("the compressed payload ends early");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw new IllegalArgumentException(
                        "the compressed payload has " + inflater.getRemaining() + " bytes after its end");
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the compressed payload cannot be read: " + e.getMessage(), e);
        }
    }

    // Kept per thread and reset for each row: a replay or an audit reads millions of rows, and a new
    // deflater or inflater each time costs more than the row's own work.
    private static final ThreadLocal<Deflater> RAW_DEFLATER =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_COMPRESSION, true));
    private static final ThreadLocal<Inflater> RAW_INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

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
