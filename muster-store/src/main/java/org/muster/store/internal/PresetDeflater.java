package org.muster.store.internal;

import java.util.Arrays;

/**
 * Raw deflate (RFC 1951) of short texts against one preset dictionary whose hash chains are built once, when
 * this is made, instead of for every text.
 *
 * <p>Why not zlib: the JDK's {@link java.util.zip.Deflater} can only be primed by {@code setDictionary}, which
 * clears zlib's hash table and hashes the whole dictionary again for every row; zlib's {@code deflateCopy},
 * which would copy a primed state, is not exposed. For a payload of a hundred bytes that priming was most of the
 * work of the thread every caller waits on (docs/store-cpu.md). The output is ordinary deflate: one final block
 * with the fixed Huffman codes (zlib's own choice for texts this short), or a stored block when that is shorter.
 * Any inflater primed with the same dictionary reads it, zlib's included; {@code PresetDeflaterTest} checks every
 * text it is given against the JDK's.
 *
 * <p>Matching is zlib's at its better levels: a hash of three bytes, chains searched newest first (the row's own
 * text, then the dictionary, as if the two were one stream), at most {@value #MAX_CHAIN} candidates a position, and
 * one step of lazy evaluation. Texts longer than {@link #maxInput()} are not taken: the caller deflates them
 * otherwise.
 */
final class PresetDeflater {
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int WINDOW = 32_768;
    private static final int HASH_BITS = 13;
    private static final int MAX_CHAIN = 128;
    /** A match this long is taken without looking for a longer one. */
    private static final int NICE_MATCH = 128;

    private static final int MAX_INPUT = 16_384;

    private final byte[] dictionary;
    /** For each hash, the last position in the dictionary with it, or -1. */
    private final int[] dictionaryHead;
    /** For each position in the dictionary, the one before it with the same hash, or -1. */
    private final int[] dictionaryPrevious;

    private final ThreadLocal<Scratch> scratch;

    PresetDeflater(byte[] dictionary) {
        if (dictionary.length + MAX_INPUT > WINDOW)
            throw new IllegalArgumentException("a preset dictionary of " + dictionary.length
                    + " bytes leaves too little of deflate's 32 KiB window for a text");
        this.dictionary = dictionary.clone();
        this.dictionaryHead = new int[1 << HASH_BITS];
        this.dictionaryPrevious = new int[dictionary.length];
        Arrays.fill(dictionaryHead, -1);
        for (int p = 0; p + MIN_MATCH <= dictionary.length; p++) {
            int h = hash(this.dictionary, p);
            dictionaryPrevious[p] = dictionaryHead[h];
            dictionaryHead[h] = p;
        }
        for (int p = Math.max(0, dictionary.length - MIN_MATCH + 1); p < dictionary.length; p++)
            dictionaryPrevious[p] = -1;
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    /** The longest text, in bytes, {@link #deflate} takes. */
    static int maxInput() {
        return MAX_INPUT;
    }

    /**
     * Writes the raw deflate of {@code input} after {@code prefix} bytes of {@code out}, and returns the whole
     * array, exactly as long as what it holds.
     *
     * @throws IllegalArgumentException when {@code input} is longer than {@link #maxInput()}
     */
    byte[] deflate(byte[] input, byte[] prefix) {
        if (input.length > MAX_INPUT)
            throw new IllegalArgumentException(
                    "a text of " + input.length + " bytes is longer than the " + MAX_INPUT + " this deflater takes");
        Scratch s = scratch.get();
        s.start(input);
        Bits bits = new Bits(prefix, input.length + input.length / 8 + 16);
        bits.write(1, 1); // the final block
        bits.write(1, 2); // with the fixed codes
        int start = dictionary.length;
        int end = start + input.length;
        int p = start;
        long pending = s.longest(p);
        while (p < end) {
            int length = (int) (pending >>> 32);
            if (length >= MIN_MATCH && length < NICE_MATCH && p + 1 < end) {
                long next = s.longest(p + 1);
                if ((int) (next >>> 32) > length) {
                    bits.literal(s.buffer[p] & 0xff);
                    p++;
                    pending = next;
                    continue;
                }
            }
            if (length >= MIN_MATCH) {
                bits.match(length, (int) pending);
                p += length;
            } else {
                bits.literal(s.buffer[p] & 0xff);
                p++;
            }
            if (p < end) pending = s.longest(p);
        }
        bits.literal(256); // end of block
        byte[] fixed = bits.finish();
        int stored = prefix.length + 5 + input.length;
        return fixed.length <= stored ? fixed : storedBlock(input, prefix);
    }

    private static byte[] storedBlock(byte[] input, byte[] prefix) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + 5 + input.length);
        int at = prefix.length;
        out[at] = 1; // the final block, stored; the rest of the byte is padding
        out[at + 1] = (byte) input.length;
        out[at + 2] = (byte) (input.length >>> 8);
        out[at + 3] = (byte) ~input.length;
        out[at + 4] = (byte) (~input.length >>> 8);
        System.arraycopy(input, 0, out, at + 5, input.length);
        return out;
    }

    private static int hash(byte[] b, int p) {
        int v = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /**
     * One thread's working space: the dictionary followed by the text, and the text's own hash chains. The row's
     * heads are told from stale ones by a generation stamp, so nothing is cleared between rows.
     */
    private final class Scratch {
        final byte[] buffer = Arrays.copyOf(dictionary, dictionary.length + MAX_INPUT);
        final int[] previous = Arrays.copyOf(dictionaryPrevious, dictionary.length + MAX_INPUT);
        final int[] head = new int[1 << HASH_BITS];
        final int[] stamp = new int[1 << HASH_BITS];
        int generation;
        int end;
        /** Positions before this one are in the chains. */
        int inserted;

        void start(byte[] input) {
            System.arraycopy(input, 0, buffer, dictionary.length, input.length);
            end = dictionary.length + input.length;
            if (++generation == 0) {
                Arrays.fill(stamp, 0);
                generation = 1;
            }
            // the dictionary's last two positions hash bytes of the text too
            inserted = Math.max(0, dictionary.length - MIN_MATCH + 1);
        }

        private int headOf(int h) {
            return stamp[h] == generation ? head[h] : dictionaryHead[h];
        }

        private void insertBefore(int limit) {
            int last = Math.min(limit, end - MIN_MATCH + 1);
            for (int p = inserted; p < last; p++) {
                int h = hash(buffer, p);
                previous[p] = headOf(h);
                head[h] = p;
                stamp[h] = generation;
            }
            if (limit > inserted) inserted = limit;
        }

        /** The longest earlier match for position {@code p}: its length in the high word, its distance in the low. */
        long longest(int p) {
            insertBefore(p);
            int available = Math.min(MAX_MATCH, end - p);
            if (available < MIN_MATCH) return 0;
            int best = MIN_MATCH - 1;
            int bestDistance = 0;
            int limit = p - WINDOW;
            int chain = MAX_CHAIN;
            for (int c = headOf(hash(buffer, p)); c >= 0 && c > limit && chain-- > 0; c = previous[c]) {
                if (buffer[c + best] != buffer[p + best] || buffer[c] != buffer[p]) continue;
                int n = 1;
                while (n < available && buffer[c + n] == buffer[p + n]) n++;
                if (n > best) {
                    best = n;
                    bestDistance = p - c;
                    if (n >= NICE_MATCH || n == available) break;
                }
            }
            return best >= MIN_MATCH ? (long) best << 32 | bestDistance : 0;
        }
    }

    /** Deflate's bit order: least significant first, Huffman codes most significant first (stored reversed here). */
    private static final class Bits {
        private byte[] out;
        private int at;
        private long pending;
        private int count;

        Bits(byte[] prefix, int expected) {
            out = Arrays.copyOf(prefix, prefix.length + expected);
            at = prefix.length;
        }

        void write(int value, int bits) {
            pending |= (long) value << count;
            count += bits;
            while (count >= 8) {
                if (at == out.length) out = Arrays.copyOf(out, out.length * 2);
                out[at++] = (byte) pending;
                pending >>>= 8;
                count -= 8;
            }
        }

        void literal(int symbol) {
            write(LITERAL_CODE[symbol], LITERAL_BITS[symbol]);
        }

        void match(int length, int distance) {
            int symbol = LENGTH_SYMBOL[length];
            literal(symbol);
            int extra = LENGTH_EXTRA[symbol - 257];
            if (extra > 0) write(length - LENGTH_BASE[symbol - 257], extra);
            int d = distanceCode(distance);
            write(DISTANCE_CODE[d], 5);
            if (DISTANCE_EXTRA[d] > 0) write(distance - DISTANCE_BASE[d], DISTANCE_EXTRA[d]);
        }

        byte[] finish() {
            if (count > 0) write(0, 8 - count);
            return Arrays.copyOf(out, at);
        }
    }

    private static final int[] LENGTH_BASE = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258
    };
    private static final int[] LENGTH_EXTRA = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
    };
    private static final int[] DISTANCE_BASE = {
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577
    };
    private static final int[] DISTANCE_EXTRA = {
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
    };

    /** The fixed literal/length codes (RFC 1951, 3.2.6), bit-reversed for writing least significant first. */
    private static final int[] LITERAL_CODE = new int[288];

    private static final int[] LITERAL_BITS = new int[288];
    private static final int[] DISTANCE_CODE = new int[30];
    /** For each match length, its length symbol. */
    private static final int[] LENGTH_SYMBOL = new int[MAX_MATCH + 1];

    static {
        for (int s = 0; s < 288; s++) {
            int code;
            int bits;
            if (s < 144) {
                code = 0x30 + s;
                bits = 8;
            } else if (s < 256) {
                code = 0x190 + s - 144;
                bits = 9;
            } else if (s < 280) {
                code = s - 256;
                bits = 7;
            } else {
                code = 0xc0 + s - 280;
                bits = 8;
            }
            LITERAL_CODE[s] = Integer.reverse(code) >>> (32 - bits);
            LITERAL_BITS[s] = bits;
        }
        for (int d = 0; d < 30; d++) DISTANCE_CODE[d] = Integer.reverse(d) >>> 27;
        for (int i = 0; i < LENGTH_BASE.length; i++) {
            int top = i + 1 < LENGTH_BASE.length ? LENGTH_BASE[i + 1] : MAX_MATCH + 1;
            for (int length = LENGTH_BASE[i]; length < top && length <= MAX_MATCH; length++)
                LENGTH_SYMBOL[length] = 257 + i;
        }
        // 258 has a code of its own (285), not 284 with all its extra bits set
        LENGTH_SYMBOL[MAX_MATCH] = 285;
    }

    private static int distanceCode(int distance) {
        int d = DISTANCE_BASE.length - 1;
        while (DISTANCE_BASE[d] > distance) d--;
        return d;
    }
}
