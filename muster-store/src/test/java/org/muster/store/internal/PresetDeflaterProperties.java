package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.muster.domain.event.RecordedEvent;
import org.muster.store.EventCodec;
import org.muster.store.testing.SampleEvents;

/**
 * Muster's own deflater writes deflate that the JDK's zlib reads back exactly, with the same preset dictionary,
 * for any text; and it compresses the events' payloads about as well as zlib does.
 */
class PresetDeflaterProperties {
    private static final byte[] DICTIONARY = Zlib.EVENTS.bytes();
    private static final PresetDeflater DEFLATER = new PresetDeflater(DICTIONARY);
    private static final String DICTIONARY_TEXT = new String(DICTIONARY, StandardCharsets.ISO_8859_1);
    private static final List<String> PAYLOADS = SampleEvents.recorded(1, 200).stream()
            .map(RecordedEvent::event)
            .map(EventCodec::encode)
            .toList();

    @Property(tries = 3000)
    void any_text_inflates_back_exactly(@ForAll("texts") String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        if (input.length > PresetDeflater.maxInput()) return;

        byte[] out = DEFLATER.deflate(input, new byte[] {7});

        assertThat(out[0]).isEqualTo((byte) 7);
        assertThat(inflate(Arrays.copyOfRange(out, 1, out.length))).isEqualTo(input);
        // never more than a stored block: five bytes of header and the text
        assertThat(out.length).isLessThanOrEqualTo(1 + 5 + input.length);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(400);
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(3000);
        Arbitrary<String> fewLetters =
                Arbitraries.strings().withChars("ab{}\":").ofMaxLength(2000);
        // pieces of the dictionary and of real payloads, cut anywhere and spliced: long matches, matches that
        // run from the dictionary into the text, and distances up to the window
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.integers()
                        .between(0, DICTIONARY_TEXT.length() - 1)
                        .flatMap(from -> Arbitraries.integers()
                                .between(from, DICTIONARY_TEXT.length())
                                .map(to -> DICTIONARY_TEXT.substring(from, to))),
                Arbitraries.of(PAYLOADS),
                Arbitraries.strings().ofMaxLength(5));
        Arbitrary<String> spliced = piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces));
        Arbitrary<String> repeated = Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(7)
                .flatMap(unit -> Arbitraries.integers().between(1, 3000).map(unit::repeat));
        return Arbitraries.oneOf(any, ascii, fewLetters, spliced, repeated);
    }

    @Example
    void the_longest_text_it_takes_and_texts_of_every_length_near_a_boundary() {
        for (int n : new int[] {0, 1, 2, 3, 4, 257, 258, 259, 260, 516, PresetDeflater.maxInput()}) {
            byte[] same = "x".repeat(n).getBytes(StandardCharsets.UTF_8);
            assertThat(inflate(DEFLATER.deflate(same, new byte[0]))).isEqualTo(same);
            byte[] noise = new byte[n];
            new java.util.Random(n).nextBytes(noise);
            assertThat(inflate(DEFLATER.deflate(noise, new byte[0]))).isEqualTo(noise);
        }
        byte[] tooLong = new byte[PresetDeflater.maxInput() + 1];
        assertThatThrownBy(() -> DEFLATER.deflate(tooLong, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16385 bytes");
    }

    /**
     * On the growth bench's log (45,633 payloads of 98 bytes or so) the two are level: 29.84 bytes a row each
     * (docs/store-cpu.md). The sample events here are longer, where zlib's own Huffman tables begin to pay.
     */
    @Example
    void the_events_payloads_come_out_about_as_small_as_zlibs_best() {
        long ours = 0;
        long zlib = 0;
        for (String payload : PAYLOADS) {
            byte[] input = payload.getBytes(StandardCharsets.UTF_8);
            ours += DEFLATER.deflate(input, new byte[0]).length;
            zlib += zlibBest(input).length;
        }
        assertThat((double) ours)
                .as("ours %d bytes, zlib's level 9 %d, over %d payloads", ours, zlib, PAYLOADS.size())
                .isLessThan(zlib * 1.04);
    }

    @Example
    void a_dictionary_too_long_for_the_window_is_refused() {
        assertThatThrownBy(() -> new PresetDeflater(new byte[20_000]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20000 bytes");
    }

    private static byte[] inflate(byte[] raw) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setDictionary(DICTIONARY);
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && inflater.needsInput())
                    throw new AssertionError("the deflate stream ends early");
                out.write(buffer, 0, n);
            }
            assertThat(inflater.getRemaining())
                    .as("bytes after the end of the stream")
                    .isZero();
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new AssertionError("zlib cannot read it: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] zlibBest(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
