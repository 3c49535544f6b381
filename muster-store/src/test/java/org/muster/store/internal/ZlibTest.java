package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Incident;
import org.muster.store.testing.SampleEvents;

/** The closed incidents' compression: exact round trips, the gain, and damaged rows named, not misread. */
class ZlibTest {
    private static final String INCIDENT = JsonCodec.write(SampleEvents.incident());

    @Test
    void anIncidentComesBackExactlyAndAtAFractionOfItsSize() {
        byte[] compressed = Zlib.deflate(INCIDENT, Zlib.CLOSED_INCIDENTS);

        assertThat(Zlib.inflate(compressed, Zlib.CLOSED_INCIDENTS)).isEqualTo(INCIDENT);
        assertThat(JsonCodec.read(Zlib.inflate(compressed, Zlib.CLOSED_INCIDENTS), Incident.class))
                .isEqualTo(SampleEvents.incident());
        assertThat(compressed.length).as("%d bytes of JSON", INCIDENT.length()).isLessThan(INCIDENT.length() / 2);
    }

    @Test
    void anyTextComesBackExactly() {
        for (String text : new String[] {"", "x", "Ŵrexham – Wrecsam ✓ 🚑", "a".repeat(100_000)}) {
            assertThat(Zlib.inflate(Zlib.deflate(text, Zlib.CLOSED_INCIDENTS), Zlib.CLOSED_INCIDENTS))
                    .isEqualTo(text);
        }
    }

    @Test
    void dataWrittenWithoutADictionaryIsReadToo() {
        Deflater plain = new Deflater();
        plain.setInput(INCIDENT.getBytes(StandardCharsets.UTF_8));
        plain.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!plain.finished()) out.write(buffer, 0, plain.deflate(buffer));
        plain.end();

        assertThat(Zlib.inflate(out.toByteArray(), Zlib.CLOSED_INCIDENTS)).isEqualTo(INCIDENT);
    }

    @Test
    void aDamagedOrCutRowIsRefusedNotMisread() {
        byte[] compressed = Zlib.deflate(INCIDENT, Zlib.CLOSED_INCIDENTS);
        byte[] cut = java.util.Arrays.copyOf(compressed, compressed.length - 5);
        byte[] flipped = compressed.clone();
        flipped[compressed.length / 2] ^= 0x10;

        assertThatThrownBy(() -> Zlib.inflate(cut, Zlib.CLOSED_INCIDENTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Zlib.inflate(flipped, Zlib.CLOSED_INCIDENTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Zlib.inflate(INCIDENT.getBytes(StandardCharsets.UTF_8), Zlib.CLOSED_INCIDENTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataNamingAnotherDictionaryIsRefused() {
        Zlib.Dictionary other = new Zlib.Dictionary("other", "{\"id\":\"".getBytes(StandardCharsets.UTF_8), 0);
        Deflater deflater = new Deflater();
        deflater.setDictionary(other.bytes());
        deflater.setInput(INCIDENT.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[8192];
        int n = deflater.deflate(buffer);
        deflater.end();

        assertThatThrownBy(() -> Zlib.inflate(java.util.Arrays.copyOf(buffer, n), Zlib.CLOSED_INCIDENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names dictionary");
    }

    // --- event payloads (V13): raw deflate behind a one-byte tag

    @Test
    void everyEventPayloadComesBackExactlyAndSmaller() {
        for (org.muster.domain.event.RecordedEvent e : SampleEvents.recorded(1, 60)) {
            String json = org.muster.store.EventCodec.encode(e.event());
            byte[] stored = Zlib.deflateEvent(json);
            assertThat(stored[0]).isEqualTo(Zlib.EVENTS_TAG);
            assertThat(Zlib.inflateEvent(stored)).isEqualTo(json);
            assertThat(stored.length).as("%s", json).isLessThan(json.length());
        }
        for (String text : new String[] {"", "Ŵrexham – Wrecsam ✓ 🚑", "a".repeat(100_000)}) {
            assertThat(Zlib.inflateEvent(Zlib.deflateEvent(text))).isEqualTo(text);
        }
    }

    @Test
    void aDamagedEventPayloadIsRefusedOrReadsAsOtherText() {
        String json = org.muster.store.EventCodec.encode(
                SampleEvents.recorded(1, 1).getFirst().event());
        byte[] stored = Zlib.deflateEvent(json);

        byte[] cut = java.util.Arrays.copyOf(stored, stored.length - 2);
        assertThatThrownBy(() -> Zlib.inflateEvent(cut)).isInstanceOf(IllegalArgumentException.class);
        byte[] longer = java.util.Arrays.copyOf(stored, stored.length + 3);
        assertThatThrownBy(() -> Zlib.inflateEvent(longer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after its end");
        byte[] otherTag = stored.clone();
        otherTag[0] = 2;
        assertThatThrownBy(() -> Zlib.inflateEvent(otherTag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> Zlib.inflateEvent(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        // raw deflate has no check of its own (the hash chain is the check): a flipped bit is refused, or
        // gives other text, never the same
        for (int i = 1; i < stored.length; i++) {
            byte[] flipped = stored.clone();
            flipped[i] ^= 0x04;
            try {
                assertThat(Zlib.inflateEvent(flipped))
                        .as("bit flipped in byte %d", i)
                        .isNotEqualTo(json);
            } catch (IllegalArgumentException refused) {
                // refused: as good
            }
        }
        // and the reused inflater is not left broken by any of it
        assertThat(Zlib.inflateEvent(stored)).isEqualTo(json);
    }
}
