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
}
